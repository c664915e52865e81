"""Who may do what with the grassroots trade union.

The union is the workers' own organisation (Law 50/2024/QH15; Labour Code 2019, Art. 175 bars the
employer from interfering), so applications and the membership register are the campaign
committee's and the union's: HR sees the union's standing and the fee schedule, never who applied
or who is a member. The upper-level union (the provincial federation) appoints or helps form the
campaign committee (Art. 19(5)) and recognises the union (Art. 4(2)); those are the only writes a
federation officer makes, on its own pages outside the enterprise's.
"""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

VIEW_UNION = permission("unions.view", Role.HR, Role.UNION, Role.FEDERATION)
# The campaign committee's and then the executive committee's work: applications, congress.
RUN_FOUNDING = permission("unions.found", Role.UNION)
KEEP_REGISTER = permission("unions.register", Role.UNION)
VIEW_FEES = permission("unions.fees", Role.HR, Role.UNION)
# The upper-level union: appoint the campaign committee, recognise the union.
UPPER_UNION = permission("unions.upper_union", Role.FEDERATION)
# Membership counts by unit and gender could point at a person in a small unit: not the employer.
VIEW_MEMBER_COUNTS = permission("unions.member_counts", Role.UNION, Role.FEDERATION)
