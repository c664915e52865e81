"""Who may run votes: the union and HR organise consultations (Decree 145/2020, Art. 44;
Labour Code 2019, Art. 70(4) lets the representative organisation poll workers)."""

from labour_democracy.core.errors import Forbidden
from labour_democracy.core.permissions import VIEW, permission
from labour_democracy.core.tables import Role
from labour_democracy.manifest import installed
from labour_democracy.voting.tables import BallotStatus, Secrecy

MANAGE_BALLOTS = permission("ballots.manage", Role.HR, Role.UNION)


def require_manager(context, ballot):
    """A ballot another body runs (a manifest's `ballot_managers`, e.g. the union's founding
    congress) is set up, opened and counted only by that body: Forbidden for anyone else, the
    employer above all (Labour Code 2019, Art. 175: no interference in the union's affairs).
    Returns the ballot."""
    for manifest in installed():
        managers = manifest.ballot_managers.get(ballot.purpose)
        if managers is not None and not context.can(managers):
            raise Forbidden
    return ballot


def counted(ballot) -> bool:
    """The vote is closed and counted: its result is final and its vote-count minutes exist.

    The one answer the ballot page (result, minutes link) and the minutes route both ask."""

    return ballot.status == BallotStatus.CLOSED


def open_for_votes(status: str) -> bool:
    """Votes are taken (and a show of hands entered) only while the ballot is open."""
    return status == BallotStatus.OPEN


def can_see_results(context, ballot) -> bool:
    """A secret ballot shows no partial result before it closes; a named one shows it to its
    organisers as it goes."""
    if ballot.status == BallotStatus.CLOSED:
        return context.can(VIEW)
    return ballot.secrecy == Secrecy.NAMED and context.can(MANAGE_BALLOTS)
