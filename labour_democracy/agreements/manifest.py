"""What the agreements module brings: collective bargaining and collective labour agreements
(Thương lượng tập thể, thỏa ước lao động tập thể)."""

from labour_democracy.manifest import Manifest

MANIFEST = Manifest(
    name="agreements",
    piccolo_app="labour_democracy.agreements.piccolo_app",
)
