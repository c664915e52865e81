"""The installed modules, in dependency order: each is one folder, one Piccolo app and one
manifest (labour_democracy/manifest.py says what a manifest declares).

Adding a module means writing its `manifest.py` and adding it here. The app, the CLI, Piccolo,
the catalogue tool and the demo loader read this list; `install()` hands it to the shared
readers (menu, public page, reminders, documents, scope, compliance) when the app or the CLI
starts.
"""

from labour_democracy import manifest
from labour_democracy.agreements.manifest import MANIFEST as agreements
from labour_democracy.compliance.manifest import MANIFEST as compliance
from labour_democracy.conferences.manifest import MANIFEST as conferences
from labour_democracy.core.manifest import MANIFEST as core
from labour_democracy.dialogue.manifest import MANIFEST as dialogue
from labour_democracy.documents.manifest import MANIFEST as documents
from labour_democracy.followups.manifest import MANIFEST as followups
from labour_democracy.notices.manifest import MANIFEST as notices
from labour_democracy.suggestions.manifest import MANIFEST as suggestions
from labour_democracy.unions.manifest import MANIFEST as unions
from labour_democracy.voting.manifest import MANIFEST as voting
from labour_democracy.workplace_rules.manifest import MANIFEST as workplace_rules

MODULES = (
    core,
    documents,
    notices,
    voting,
    suggestions,
    followups,
    unions,
    dialogue,
    conferences,
    workplace_rules,
    agreements,
    compliance,  # last: it reads what every module before it declares
)


def install() -> None:
    manifest.install(MODULES)
