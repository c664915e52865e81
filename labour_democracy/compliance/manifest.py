"""What the compliance module brings: the federation's register and dashboard."""

from labour_democracy.manifest import Manifest

MANIFEST = Manifest(name="compliance", piccolo_app="labour_democracy.compliance.piccolo_app")
