"""A Policy Lab, from its proposal to its completion, with its phases, budget and partners."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, new_stamp, utcnow
from ...extensions import db

LAB_STATES = (
    "draft", "submitted", "under_review", "changes_requested", "approved", "declined", "withdrawn", "active", "completed",
)
# Approved proposals are labs, whose pages anyone may see.
PUBLIC_STATES = ("approved", "active", "completed")
# The network's eight co-operative values, from the seed report.
VALUES = {
    "social_partnership": _l("Social partnership"),
    "democratic_engagement": _l("Democratic engagement"),
    "co_production": _l("Co-production"),
    "enterprise": _l("Enterprise and social economy"),
    "social_value": _l("Maximising social value"),
    "community_leadership": _l("Community leadership and a new role for councillors"),
    "priority_needs": _l("New models of meeting priority needs"),
    "innovation": _l("Innovation"),
}
DEFAULT_PHASES = (
    ("Research", "Contribute case studies and content to develop the toolkit and report"),
    ("Test/Learn Delivery", "Undertake a test-learn pilot"),
    ("Report/Toolkit", "Contribute to and take part in the workshops, and to the report and toolkit"),
)

# Who may make each move: the lab's lead member's people, or the secretariat.
MOVES = {
    "submit": ({"draft"}, "submitted", "lead"),
    "resubmit": ({"changes_requested"}, "submitted", "lead"),
    "withdraw": ({"draft", "submitted", "changes_requested"}, "withdrawn", "lead"),
    "start_review": ({"submitted"}, "under_review", "secretariat"),
    "request_changes": ({"under_review"}, "changes_requested", "secretariat"),
    "approve": ({"under_review"}, "approved", "secretariat"),
    "decline": ({"under_review"}, "declined", "secretariat"),
    "activate": ({"approved"}, "active", "lead"),
    "complete": ({"active"}, "completed", "lead"),
}


class MoveRefused(Exception):
    """The lab cannot make this move from where it is."""


class Lab(db.Model):
    """A Policy Lab: a proposal by a lead member with partner members; once approved, a lab."""

    __tablename__ = "lab"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("funding_round.id"), index=True)
    lead_member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    challenge: Mapped[str] = mapped_column(Text, default="")
    approach: Mapped[str] = mapped_column(Text, default="")
    outputs: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[list] = mapped_column(JSON, default=list)
    requested_pence: Mapped[int] = mapped_column(default=0)
    award_pence: Mapped[int | None]
    # Only grows through one conditional update (rules/claims.py), so the claims against the
    # award can never add up to more than it.
    claimed_pence: Mapped[int] = mapped_column(default=0, server_default="0")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    note: Mapped[str | None] = mapped_column(Text)  # changes requested, or reasons for declining
    completion_report: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Renewed whenever what the lab's public page shows changes (see stamps.py), so the drawn
    # page can be kept.
    page_stamp: Mapped[str] = mapped_column(String(32), default=new_stamp, server_default="before-stamps")

    round = relationship("FundingRound")
    lead_member = relationship("Member")
    phases: Mapped[list["LabPhase"]] = relationship(back_populates="lab", order_by="LabPhase.position", cascade="all, delete-orphan")
    budget: Mapped[list["BudgetLine"]] = relationship(back_populates="lab", order_by="BudgetLine.position", cascade="all, delete-orphan")
    partnerships: Mapped[list["Partnership"]] = relationship(back_populates="lab", cascade="all, delete-orphan")

    @property
    def is_lab(self):
        """Approved: a lab, shown to the public."""
        return self.status in PUBLIC_STATES

    @property
    def editable(self):
        return self.status in ("draft", "changes_requested")

    def move(self, action):
        """Make ``action`` if the lab's state allows it; raise MoveRefused otherwise."""
        if action not in MOVES:
            raise MoveRefused(action)
        sources, target, _who = MOVES[action]
        if self.status not in sources:
            raise MoveRefused(f"{action} from {self.status}")
        before, self.status = self.status, target
        return before


class LabPhase(db.Model):
    __tablename__ = "lab_phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True, active_history=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    deliverables: Mapped[str] = mapped_column(Text, default="")

    lab: Mapped[Lab] = relationship(back_populates="phases")


class BudgetLine(db.Model):
    __tablename__ = "budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(300))
    amount_pence: Mapped[int]

    lab: Mapped[Lab] = relationship(back_populates="budget")


class Partnership(db.Model):
    """A partner member of a lab: invited, then accepted or declined, with what it pledges."""

    __tablename__ = "partnership"
    __table_args__ = (UniqueConstraint("lab_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), active_history=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="invited")
    match_funding_pence: Mapped[int] = mapped_column(default=0)
    officer_days: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(200), default="")
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    lab: Mapped[Lab] = relationship(back_populates="partnerships")
    member = relationship("Member")


class ProgressUpdate(db.Model):
    """What the lead reports as the lab goes."""

    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True, active_history=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("Person")
