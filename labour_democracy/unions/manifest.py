"""What the unions module brings: the grassroots trade union (công đoàn cơ sở)."""

from labour_democracy.manifest import Manifest

MANIFEST = Manifest(
    name="unions",
    piccolo_app="labour_democracy.unions.piccolo_app",
)
