"""Who may do what with worker conferences: the employer organises the conference with the
union (Decree 145/2020, Art. 47(1); Law 10/2022, Art. 69(1)), so HR and the union run it; the
federation reads the compliance facts."""

from labour_democracy.conferences.tables import ConferenceStatus
from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

VIEW_CONFERENCES = permission("conferences.view", Role.HR, Role.UNION, Role.FEDERATION)
MANAGE_CONFERENCES = permission("conferences.manage", Role.HR, Role.UNION)
# Staff at the door check delegates in; the same two roles.
CHECK_IN = permission("conferences.check_in", Role.HR, Role.UNION)


def agenda_may_change(conference) -> bool:
    """Items are added, edited, moved and removed until the conference closes: before it and
    during the session (Decree 145/2020 Art. 48: the conference adopts its own agenda)."""
    return conference.status in (ConferenceStatus.PLANNED, ConferenceStatus.IN_SESSION)


def votes_may_be_held(conference) -> bool:
    """The agenda's votes are opened and counted only while the conference is in session."""
    return conference.status == ConferenceStatus.IN_SESSION
