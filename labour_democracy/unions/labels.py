"""Words shown for the union's values."""

from labour_democracy.core.labels import register
from labour_democracy.i18n import N_
from labour_democracy.unions.rules import DissolutionReason, Eligibility, FeeStanding
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    CommitteeOrigin,
    MemberStatus,
    Office,
    RoundOutcome,
    UnionStatus,
)

register(
    {
        UnionStatus.CAMPAIGN: N_("Collecting applications"),
        UnionStatus.CONGRESS: N_("Founding congress held"),
        UnionStatus.SUBMITTED: N_("Waiting for recognition"),
        UnionStatus.RECOGNISED: N_("Recognised"),
        UnionStatus.DISSOLVED: N_("Dissolved"),
        DissolutionReason.ENTERPRISE_DISSOLVED: N_("The enterprise was dissolved"),
        DissolutionReason.ENTERPRISE_BANKRUPT: N_("The enterprise went bankrupt"),
        DissolutionReason.ENTERPRISE_MERGED: N_("The enterprise merged into another"),
        DissolutionReason.NO_MEMBERS: N_("No members are left"),
        DissolutionReason.OTHER: N_("Another reason"),
        CommitteeOrigin.APPOINTED: N_("Appointed by the upper-level union"),
        CommitteeOrigin.WORKERS: N_("Formed by the workers with the upper-level union's help"),
        ApplicationStatus.RECEIVED: N_("Received, awaiting review"),
        ApplicationStatus.ACCEPTED: N_("Accepted"),
        ApplicationStatus.REFUSED: N_("Refused"),
        Eligibility.FOUNDER: N_("May found the union"),
        Eligibility.MEMBER_ONLY: N_("May join, not found (foreign worker, 12 months or more)"),
        Eligibility.NOT_ELIGIBLE: N_("Not eligible (foreign worker, contract under 12 months)"),
        Body.EXECUTIVE: N_("Executive committee"),
        Body.INSPECTION: N_("Inspection committee"),
        Office.CHAIR: N_("Chair"),
        Office.VICE_CHAIR: N_("Vice-chair"),
        Office.MEMBER: N_("Member"),
        RoundOutcome.PENDING: N_("Being voted or counted"),
        RoundOutcome.ELECTED: N_("Elected"),
        RoundOutcome.TIED: N_("Tie: a new round"),
        RoundOutcome.NO_MAJORITY: N_("No majority: a new round"),
        RoundOutcome.VOID: N_("Void (the vote's set-up was changed): a new round"),
        MemberStatus.ACTIVE: N_("Member"),
        MemberStatus.LEFT: N_("Left the union"),
        MemberStatus.TRANSFERRED: N_("Transferred"),
        FeeStanding.NOT_YET_DUE: N_("Not yet due"),
        FeeStanding.LATE: N_("Late, within the 60 days"),
        FeeStanding.NOT_PAID: N_("Not paid (60 days after the due date)"),
    }
)
