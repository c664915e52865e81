"""What a module brings to the rest of the app, declared once in its `manifest.py`.

Each business module exposes one `MANIFEST = Manifest(...)` (the idea of a Decidim component
manifest or an Odoo `__manifest__.py`). `labour_democracy/modules.py` lists the installed
manifests in order and installs them when the app or the CLI starts; the shared readers (the
menu, the workers' public page, reminders, the documents registry, the scope helper, the demo
loader, the compliance dashboard) read `installed()` and never import a module by name.

This file imports nothing of any module, so core can read it without reaching up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from piccolo.table import Table

    from labour_democracy.core.permissions import Permission
    from labour_democracy.core.reminders import Due
    from labour_democracy.core.scope import EnterpriseContext
    from labour_democracy.documents.registry import DocumentTemplate, GeneratedDocument
    from labour_democracy.web.menu import MenuItem
    from labour_democracy.web.public import PublicSection


@dataclass(frozen=True)
class ObligationResult:
    """One enterprise's standing on one obligation for a year.

    `met` is None when nothing is due yet; `done`/`total` count the items behind it where the
    obligation is about many (requests answered on time: 3 of 4); `evidence` is the path of the
    page that shows the record behind a "met"."""

    met: bool | None
    done: int | None = None
    total: int | None = None
    on: dt.date | None = None
    evidence: str = ""

    @classmethod
    def counted(cls, done: int, total: int, evidence: str) -> ObligationResult:
        """Met when every item due is done (3 of 3); nothing due when there is none."""
        return cls(
            met=None if total == 0 else done == total, done=done, total=total, evidence=evidence
        )


@dataclass(frozen=True)
class Obligation:
    """A legal duty the federation counts: who it applies to, and how it is computed.

    `label` and `applies_to` are msgids (translated where shown); `legal_source` is printed as
    it is. It applies to enterprises of at least `min_workforce` workers (the law's threshold;
    a federation may count from another), state-owned ones only when `state_owned_only`.
    `compute` answers for many enterprises and a year."""

    key: str
    label: str
    legal_source: str
    applies_to: str
    compute: Callable[[Sequence[int], int], Awaitable[dict[int, ObligationResult]]]
    min_workforce: int = 1
    state_owned_only: bool = False


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document the module issues; `label` is a msgid."""

    kind: str
    label: str


DueSource = Callable[["EnterpriseContext"], Awaitable[list["Due"]]]
DemoLoader = Callable[["EnterpriseContext"], Awaitable[None]]
TargetSource = Callable[["EnterpriseContext"], Awaitable[list[tuple[int, str]]]]
LabelSource = Callable[[Sequence[int]], Awaitable[dict[int, str]]]
# Who issues the documents of a ballot of a given purpose when it is not the enterprise (e.g.
# the grassroots union's own votes): `async (EnterpriseContext) -> IssuingBody | None`.
IssuerSource = Callable[["EnterpriseContext"], Awaitable["IssuingBody | None"]]
# Told the id of an enterprise whose profile or roster core just changed, inside that change's
# transaction: `async (enterprise_id) -> None` (core/changes.py calls every module's).
EnterpriseListener = Callable[[int], Awaitable[None]]


@dataclass(frozen=True)
class IssuingBody:
    """An issuing body other than the enterprise: its superior body printed above its name
    (Decree 30/2020), its name, and the symbol of its own number series ("CĐCS")."""

    superior: str | None
    name: str
    symbol: str


@dataclass(frozen=True)
class Manifest:
    """Everything the rest of the app needs from one module."""

    name: str  # the package below labour_democracy, and its gettext domain
    piccolo_app: str  # dotted path of its Piccolo AppConfig module
    routes: Sequence[Any] = ()  # page controllers, kept out of the OpenAPI schema
    api_routes: Sequence[Any] = ()  # JSON API routers, in the OpenAPI schema
    menu: Sequence[MenuItem] = ()
    public_sections: Sequence[PublicSection] = ()
    due: Sequence[DueSource] = ()
    obligations: Sequence[Obligation] = ()
    document_templates: Sequence[DocumentTemplate] = ()
    document_kinds: Sequence[DocumentKind] = ()
    generated_documents: Sequence[GeneratedDocument] = ()  # made without a template (slips)
    # Path parameters below /enterprises/{enterprise_id} naming one of the enterprise's rows:
    # the guard checks them before a handler reads any input (core/scope.py).
    path_records: Mapping[str, type[Table]] = field(default_factory=dict)
    # Records a worker's suggestion can be assigned to, by topic (suggestions/topics.py).
    suggestion_targets: Mapping[str, TargetSource] = field(default_factory=dict)
    # Records follow-up actions are agreed at, by source kind: their names in the reader's
    # language, by id (followups/services.py names each action's source when shown).
    followup_sources: Mapping[str, LabelSource] = field(default_factory=dict)
    # The issuing body of the documents of ballots by purpose (voting/documents.py reads it).
    ballot_issuers: Mapping[str, IssuerSource] = field(default_factory=dict)
    # The words naming those entitled to vote in ballots of a purpose, as the module's own
    # pages say them (a msgid completing "more than 1/2 ...": "of all convened"); every page
    # and document of such a ballot describes its rules with them (voting/labels.py).
    ballot_electorates: Mapping[str, str] = field(default_factory=dict)
    # Who alone may set up, open and count ballots of a purpose (voting/services.py).
    ballot_managers: Mapping[str, Permission] = field(default_factory=dict)
    # Called when core changes an enterprise's profile or roster (core/changes.py), in the same
    # transaction, so what the module keeps about the enterprise stays exact.
    enterprise_changed: Sequence[EnterpriseListener] = ()
    demo: DemoLoader | None = None  # adds the module's history to the demo enterprise


_installed: tuple[Manifest, ...] | None = None


def install(manifests: Sequence[Manifest]) -> None:
    """Make the manifests the installed modules (start-up of the app or the CLI)."""
    global _installed
    names = [manifest.name for manifest in manifests]
    if len(set(names)) != len(names):
        raise ValueError(f"a module is listed twice: {names}")
    claimed: dict[str, str] = {}
    for manifest in manifests:
        for parameter in manifest.path_records:
            if parameter in claimed:
                raise ValueError(
                    f"{{{parameter}}} is claimed by {claimed[parameter]} and {manifest.name}"
                )
            claimed[parameter] = manifest.name
    _installed = tuple(manifests)


def installed() -> tuple[Manifest, ...]:
    if _installed is None:
        raise RuntimeError("No module is installed: call labour_democracy.modules.install().")
    return _installed
