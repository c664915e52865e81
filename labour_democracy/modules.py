"""The business modules, in dependency order: each is one folder and one Piccolo app.

Adding a module means adding its name here; the app mounts `<module>.controllers.ROUTES`
(and `<module>.api.ROUTES` when present) and Piccolo registers `<module>.piccolo_app`.
"""

MODULES = (
    "core",
    "documents",
    "notices",
    "voting",
    "suggestions",
    "followups",
    "dialogue",
    "conferences",
)
