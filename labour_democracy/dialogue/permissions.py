"""Who may do what with workplace dialogue.

Both sides take part: each keeps its own members and contents, asks for dialogues and records
what was said. The employer sets the regulation (Decree 145 Art. 37(3): it provides the place,
time and conditions) and publicises the main contents (Art. 39(5)). The federation reads.
"""

from __future__ import annotations

from labour_democracy.core.permissions import permission
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Role
from labour_democracy.dialogue.tables import MemberListStatus, RequestSide

VIEW_DIALOGUE = permission("dialogue.view", Role.HR, Role.UNION, Role.FEDERATION)
EDIT_REGULATION = permission("dialogue.regulation", Role.HR)
MANAGE_MEMBERS = permission("dialogue.members", Role.HR, Role.UNION)
MANAGE_DIALOGUE = permission("dialogue.run", Role.HR, Role.UNION)
REQUEST_DIALOGUE = permission("dialogue.request", Role.HR, Role.UNION)
PUBLISH_DIALOGUE = permission("dialogue.publish", Role.HR)


def request_side_allowed(context: EnterpriseContext, side: RequestSide) -> bool:
    """The employer asks through HR, the worker side through the union (admins may do both)."""
    if Role.ADMIN in context.roles:
        return True
    return Role.HR in context.roles if side == RequestSide.EMPLOYER else Role.UNION in context.roles


def reply_side_allowed(context: EnterpriseContext, side: RequestSide) -> bool:
    """Only the side that received a request answers it (Decree 145 Art. 40(2)): HR a request
    of the workers, the union one of the employer."""
    other = RequestSide.WORKERS if side == RequestSide.EMPLOYER else RequestSide.EMPLOYER
    return request_side_allowed(context, other)


def list_may_change(version) -> bool:
    """Members are added to or removed from a member list only while it is a draft; once
    published, it changes only by recording a replacement (Decree 145/2020 Art. 37).

    The one answer the member-list page and its controller both ask."""

    return version.status == MemberListStatus.DRAFT
