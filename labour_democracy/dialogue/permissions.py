"""Who may do what with workplace dialogue.

Both sides take part: each keeps its own members and contents, asks for dialogues and records
what was said. The employer sets the regulation (Decree 145 Art. 37(3): it provides the place,
time and conditions) and publicises the main contents (Art. 39(5)). The federation reads.
"""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

VIEW_DIALOGUE = permission("dialogue.view", Role.HR, Role.UNION, Role.FEDERATION)
EDIT_REGULATION = permission("dialogue.regulation", Role.HR)
MANAGE_MEMBERS = permission("dialogue.members", Role.HR, Role.UNION)
MANAGE_DIALOGUE = permission("dialogue.run", Role.HR, Role.UNION)
REQUEST_DIALOGUE = permission("dialogue.request", Role.HR, Role.UNION)
PUBLISH_DIALOGUE = permission("dialogue.publish", Role.HR)
