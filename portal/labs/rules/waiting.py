"""What waits for a person in Policy Labs: partner invitations their member has to answer
(member admins, as on the invitation's page), proposals of their member sent back with
changes requested, reviews assigned to them and not yet scored, and for the secretariat,
claims against awards to pay."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...core import waiting
from ...membership.models import Member
from ..models import AwardPayment, Lab, Partnership, ReviewAssignment

SECTION = "labs.index"


def statements(person, now):
    branches = [select(*waiting.columns("labs.review", SECTION, ref=Lab.id, title=Lab.title, at=ReviewAssignment.assigned_at))
                .join(Lab, Lab.id == ReviewAssignment.lab_id)
                .where(ReviewAssignment.reviewer_id == person.id, ReviewAssignment.submitted_at.is_(None),
                       Lab.status == "under_review")]
    if person.member_id is not None:
        branches.append(select(*waiting.columns("labs.changes", SECTION, ref=Lab.id, title=Lab.title, at=Lab.decided_at))
                        .where(Lab.lead_member_id == person.member_id, Lab.status == "changes_requested"))
        if person.is_member_admin:
            branches.append(select(*waiting.columns("labs.invitation", SECTION, ref=Lab.id, ref2=Partnership.id, title=Lab.title,
                                                    name=Member.name, at=Partnership.invited_at))
                            .join(Lab, Lab.id == Partnership.lab_id).join(Member, Member.id == Lab.lead_member_id)
                            .where(Partnership.member_id == person.member_id, Partnership.status == "invited",
                                   Lab.status.not_in(("declined", "withdrawn"))))
    if person.is_secretariat:
        branches.append(select(*waiting.columns("labs.claim", SECTION, ref=Lab.id, title=Lab.title, on=AwardPayment.claimed_on))
                        .join(Lab, Lab.id == AwardPayment.lab_id).where(AwardPayment.paid_on.is_(None)))
    return branches


def _review(row):
    return waiting.Item("labs.review", _("Score the proposal: %(title)s", title=row.title),
                        url_for("proposals.review", lab_id=row.ref), status=_("not yet scored"))


def _changes(row):
    return waiting.Item("labs.changes", _("Make the changes asked for: %(title)s", title=row.title),
                        url_for("proposals.show", lab_id=row.ref))


def _invitation(row):
    return waiting.Item("labs.invitation", _("%(member)s invites you to be a partner: %(title)s", member=row.name, title=row.title),
                        url_for("proposals.respond", lab_id=row.ref, partnership_id=row.ref2))


def _claim(row):
    return waiting.Item("labs.claim", _("Pay a claim against the award: %(title)s", title=row.title),
                        url_for("lab_work.payments", lab_id=row.ref), due=row.on, note=_("Claimed"))


waiting.source(statements, {"labs.review": _review, "labs.changes": _changes, "labs.invitation": _invitation,
                            "labs.claim": _claim})
