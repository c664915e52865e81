"""labour-democracy: grassroots democracy at the workplace (dân chủ ở cơ sở tại nơi làm việc)."""

import os

# Piccolo finds its engine and apps through this module; set it before any table is used.
os.environ.setdefault("PICCOLO_CONF", "labour_democracy.piccolo_conf")
