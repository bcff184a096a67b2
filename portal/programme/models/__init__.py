"""The work programme's records: calls for ideas, general meetings' motions, and delivery."""

from .calls import CallTheme, Idea, IdeaCall, IdeaCredit, IdeaSupport, IdeaVersion, idea_theme
from .delivery import DeliveryLink, ProgrammeItem, ItemUpdate
from .meetings import Amendment, GeneralMeeting, Motion

__all__ = [
    "Amendment",
    "CallTheme",
    "DeliveryLink",
    "GeneralMeeting",
    "Idea",
    "IdeaCall",
    "IdeaCredit",
    "IdeaSupport",
    "IdeaVersion",
    "Motion",
    "ProgrammeItem",
    "ItemUpdate",
    "idea_theme",
]
