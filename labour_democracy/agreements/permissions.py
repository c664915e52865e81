"""Who may do what with collective bargaining and agreements.

Either side may ask to bargain (Labour Code Art. 68): HR for the employer, the union for the
worker side; each side proposes for itself. The representative organisation organises the
workers' vote (Art. 76(3)); the employer publishes the signed agreement (Art. 76(6)) and files
it (Art. 77). The federation reads, and sets its province's grading criteria.
"""

from __future__ import annotations

from labour_democracy.agreements import rules
from labour_democracy.agreements.tables import AgreementKind, AgreementStatus, BargainingSide
from labour_democracy.core.permissions import permission
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Role

VIEW_AGREEMENTS = permission("agreements.view", Role.HR, Role.UNION, Role.FEDERATION)
BARGAIN = permission("agreements.bargain", Role.HR, Role.UNION)
ORGANISE_VOTE = permission("agreements.vote", Role.UNION)
SIGN = permission("agreements.sign", Role.HR, Role.UNION)
PUBLISH_AND_FILE = permission("agreements.file", Role.HR)
# The grading criteria are the federation's (Guidance 1580/HD-TLĐ): a province's officer sets
# its province's (criteria.py narrows to the officer's own province).
SET_GRADING = permission("agreements.grading", Role.FEDERATION)


def side_allowed(context: EnterpriseContext, side: BargainingSide) -> bool:
    """HR acts for the employer, the union for the workers (an administrator for both)."""
    if Role.ADMIN in context.roles:
        return True
    return (
        Role.HR in context.roles if side == BargainingSide.EMPLOYER else Role.UNION in context.roles
    )


def ledger_may_change(agreement) -> bool:
    """Clauses are proposed and changed only while bargaining; a draft put to the vote is fixed
    (a rejected draft returns to bargaining); an extension has no articles of its own."""
    return (
        agreement.status == AgreementStatus.BARGAINING and agreement.kind != AgreementKind.EXTENSION
    )


def may_amend_or_extend(agreement) -> bool:
    """A signed agreement (not itself an extension) may be amended (Art. 82) or extended
    (Art. 83)."""
    return agreement.status == AgreementStatus.SIGNED and agreement.kind != AgreementKind.EXTENSION


def may_put_to_vote(agreement) -> bool:
    return agreement.status == AgreementStatus.BARGAINING


def may_sign(agreement) -> bool:
    """Art. 76(1): signed only after more than half of all workers approved it."""
    return rules.may_sign(agreement.status == AgreementStatus.APPROVED)


def may_file(agreement) -> bool:
    return rules.may_file(agreement.status == AgreementStatus.SIGNED)
