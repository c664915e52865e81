"""Input checks every stage of the dialogue shares: the permission check, whitespace cleaning,
text limits and the page size of lists."""

from __future__ import annotations

from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import Permission
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _

PER_PAGE = 20
TEXT_LIMIT = 20_000
NAME_LIMIT = 255
TITLE_LIMIT = 500


def require(context: EnterpriseContext, permission: Permission) -> None:
    if not context.can(permission):
        raise Forbidden


def clean(value: str | None) -> str:
    return " ".join((value or "").split())


def text(value: str | None, field_name: str, required: bool = False, limit=TEXT_LIMIT) -> str:
    stripped = (value or "").strip()
    if required and not stripped:
        raise Invalid({field_name: _("This field is required.")})
    if len(stripped) > limit:
        raise Invalid({field_name: _("At most {n} characters.").format(n=limit)})
    return stripped
