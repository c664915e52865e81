"""Tests of the agreements module. REPRESENTED: an enterprise's grassroots union, the workers'
side that bargaining and signing need (the enterprise factory records none)."""

REPRESENTED = {
    "representation": "grassroots_union",
    "representative_body": "Công đoàn cơ sở Công ty TNHH Thử nghiệm",
}
