"""What the route sweeps need: the kinds of person, a sample value for each URL part, and
what each kind may do (``tests/policy.py``, written by hand).

A new endpoint is swept as soon as it exists, and fails until the policy says who may use
it. A new kind of URL part (say ``<int:lab_id>``) needs one line in SAMPLES; the sweep
fails until it has it. Where one value cannot reach every page that takes it (a secret is
an invitation's on one page and a reset's on another), SAMPLES_FOR gives the endpoint its
own: every page the policy allows is then drawn, not answered with a 404.
"""

from flask import url_for
from sqlalchemy import select

from portal.extensions import db
from portal.decisions.models import Decision, Proxy, Question
from portal.directory.models import Entry, Import, Submission
from portal.forum.models import Category, Post, Suspension, Thread
from portal.groups.models import Group, GroupMember, Meeting, Risk, Task
from portal.privacy.models import ErasureRequest
from portal.labs.models import AwardPayment, CaseStudy, FundingRound, Lab, Partnership, ReviewAssignment, Resource
from portal.membership.models import Adjustment, Application, Invoice, Member, Tier

from .conftest import person
from .policy import POLICY

PEOPLE = {
    "anonymous": None,
    "admin": "admin@example.org",
    "secretariat": "secretariat@example.org",
    "moderator": "moderator@example.org",
    "reviewer": "reviewer@example.org",
    "member admin": "rep@oxford.example.org",
    "member officer": "officer@stevenage.example.org",
    "affiliate": "affiliate@devco.example.org",
    # Cardiff's admin and voting representative, who reads the portal in Welsh: a member
    # admin, but not of the member whose things the samples are.
    "other member admin": "cynrychiolydd@cardiff.example.org",
}


def _member(name):
    return db.session.scalar(select(Member).where(Member.name == name))


def _oxford():
    return _member("Oxford City Council")


def _first(model, *where):
    return db.session.scalar(select(model.id).where(*where).order_by(model.id).limit(1))


def _seed_group():
    return _first(Group, Group.name.like("Growing an Inclusive%"))


def _private_thread():
    return _first(Thread, Thread.category_id == _first(Category, Category.group_id == _seed_group()))


def _unsubscribe_token():
    from portal.forum.rules.follow import unsubscribe_token

    return unsubscribe_token(person("rep@oxford.example.org"), "thread", _private_thread())


def _oxford_notification():
    """A notification of Oxford's representative's own."""
    from portal.notifications.models import Notification

    return _first(Notification, Notification.person_id == person("rep@oxford.example.org").id)


def _digest_stop_token():
    from portal.notifications.digest import stop_token

    return stop_token(person("rep@oxford.example.org"))


def _oxford_entry():
    return _first(Entry, Entry.area_code == "E07000178", Entry.state == "live")


# Secrets that open a page are made as the app makes them.

def _token_secret(email, purpose, **extra):
    from portal.auth.models import Token

    return Token.issue(person(email), purpose, 1, **extra)[1]


def _invitation_secret():
    """A live invitation, for someone invited to Oxford who has not yet set a password."""
    from portal.auth.models import Person

    email = "invited@oxford.example.org"
    if person(email) is None:
        db.session.add(Person(name="Nia Hughes", email=email, member_id=_oxford().id))
        db.session.flush()
    return _token_secret(email, "invitation")


def _calendar_secret():
    from portal.groups.rules.feeds import token_for

    return token_for(person("rep@oxford.example.org")).secret


def _owner_token():
    from portal.directory.rules.entries import owner_token

    return owner_token(db.session.get(Entry, _oxford_entry()))


def _programme_call():
    from portal.programme.models import IdeaCall

    return _first(IdeaCall)


def _programme_idea():
    from portal.programme.models import Idea

    return _first(Idea, Idea.title_en.like("Co-operative home care%"))


def _programme_item():
    from portal.programme.models import ProgrammeItem

    return _first(ProgrammeItem, ProgrammeItem.title_en == "Community wealth building")


def _programme_year():
    from portal.programme.models import IdeaCall, ProgrammeItem

    return db.session.scalar(select(IdeaCall.year).join(ProgrammeItem, ProgrammeItem.call_id == IdeaCall.id).limit(1))


def _delivery_link():
    from portal.programme.models import DeliveryLink

    return _first(DeliveryLink, DeliveryLink.item_id == _programme_item())

def _general_meeting():
    from portal.programme.models import GeneralMeeting

    return _first(GeneralMeeting)


def _motion():
    from portal.programme.models import Motion

    return _first(Motion, Motion.meeting_id == _general_meeting())


def _amendment():
    from portal.programme.models import Amendment

    return _first(Amendment, Amendment.motion_id == _motion())


def _published_decision():
    return _first(Decision, Decision.status == "published")


def _draft_decision():
    """A decision the secretariat is still writing, with one question."""
    found = _first(Decision, Decision.status == "draft")
    if found is None:
        from portal.decisions.rules import lifecycle

        draft = lifecycle.create(by=person("secretariat@example.org"), title_en="Admit the first individual members to the board")
        lifecycle.add_question(draft, method="motion", text_en="That individual members may stand for the board.")
        found = draft.id
    return found


def _oxford_draft():
    """Oxford's proposal in the open round, still a draft, with The Development Co-operative
    invited as a partner and not yet answering."""
    found = _first(Lab, Lab.lead_member_id == _oxford().id, Lab.status == "draft")
    if found is None:
        from portal.labs.rules import proposals

        lead = person("lead@oxford.example.org")
        round_ = db.session.get(FundingRound, SAMPLES["round_id"]())
        draft = proposals.create(round_, _oxford(), by=lead, title="Co-operative childcare for shift workers",
                                 summary="Help parents who work shifts in the city's hospitals form childcare co-operatives.")
        proposals.invite_partner(draft, _member("The Development Co-operative"), by=lead, role="Training")
        found = draft.id
    return found


def _reviewed_proposal():
    return db.session.scalar(select(ReviewAssignment.lab_id).order_by(ReviewAssignment.id).limit(1))


def _toolkit_document():
    """A toolkit resource with a stored document, not a link."""
    found = _first(Resource, Resource.stored_name.is_not(None))
    if found is None:
        from portal.labs.rules import toolkit

        found = toolkit.add_resource(by=person("secretariat@example.org"), title="Workshop slides: co-operative procurement",
                                     description="The slides of the lab's final workshop.",
                                     upload=("workshop-slides.pdf", b"%PDF-1.4\n% the workshop's slides\n")).id
    return found


def _oxford_credit_note():
    """A credit note to Oxford. Its invoice in the demo is paid, so on next year's invoice."""
    found = _first(Adjustment, Adjustment.invoice_id.in_(select(Invoice.id).where(Invoice.member_id == _oxford().id)))
    if found is None:
        from portal.membership.rules import money

        invoice = money.raise_subscription(_oxford(), max(db.session.scalars(select(Invoice.year))) + 1).invoices[0]
        found = money.add_adjustment(invoice, kind="credit_note", amount_pence=25_000, key="sweep-credit-note",
                                     reason="Discount for hosting the congress", by=person("secretariat@example.org")).id
    return found


SAMPLES = {
    "filename": lambda: "css/portal.css",
    "code": lambda: "cy",
    "secret": lambda: "no-such-secret",
    # Oxford's own things, so its member admin is allowed and Stevenage's people are not.
    "member_id": lambda: _oxford().id,
    "person_id": lambda: person("lead@oxford.example.org").id,
    "invoice_id": lambda: _first(Invoice, Invoice.member_id == _oxford().id),
    "adjustment_id": _oxford_credit_note,
    "application_id": lambda: _first(Application, Application.status == "submitted"),
    "tier_id": lambda: _first(Tier, Tier.name_en == "Full"),
    # The open decision, which Oxford's representative may vote on.
    "decision_id": lambda: _first(Decision, Decision.status == "open"),
    "question_id": lambda: _first(Question, Question.decision_id == _first(Decision, Decision.status == "open")),
    "proxy_id": lambda: _first(Proxy),
    # Oxford's lab, so its people are the lead.
    "lab_id": lambda: _first(Lab, Lab.lead_member_id == _oxford().id),
    "round_id": lambda: _first(FundingRound, FundingRound.title.like("%2026–27")),
    "partnership_id": lambda: _first(Partnership, Partnership.lab_id == _first(Lab, Lab.lead_member_id == _oxford().id)),
    "action": lambda: "submit",
    "resource_id": _toolkit_document,
    "case_id": lambda: _first(CaseStudy),
    # The seed lab's private steering group, which Oxford's representative is in.
    "group_id": lambda: _seed_group(),
    "task_id": lambda: _first(Task, Task.group_id == _seed_group()),
    "risk_id": lambda: _first(Risk, Risk.group_id == _seed_group()),
    "meeting_id": lambda: _first(Meeting, Meeting.group_id == _seed_group()),
    "membership_id": lambda: _first(GroupMember, GroupMember.group_id == _seed_group()),
    # The seed lab's steering group's own forum category and thread, private to its people.
    "category_id": lambda: _first(Category, Category.group_id == _seed_group()),
    "thread_id": lambda: _private_thread(),
    "post_id": lambda: _first(Post, Post.thread_id == _private_thread()),
    "change": lambda: "pin",
    "decision": lambda: "hide",
    "kind": lambda: "lab",
    "subject_id": lambda: _first(Lab, Lab.title.like("Growing an Inclusive%")),
    "token": lambda: _unsubscribe_token(),
    "suspension_id": lambda: _first(Suspension),
    "request_id": lambda: _first(ErasureRequest),
    "payment_id": lambda: _first(AwardPayment, AwardPayment.lab_id == _first(Lab, Lab.lead_member_id == _oxford().id)),
    # An Oxford entry and submission, which Oxford's people moderate and Stevenage's do not.
    "entry_id": _oxford_entry,
    "submission_id": lambda: _first(Submission, Submission.area_code == "E07000178", Submission.state == "pending"),
    "import_id": lambda: _first(Import),
    "notification_id": _oxford_notification,
    # This year's open call for ideas, and Stevenage's submitted idea in it, which Oxford may support.
    "call_id": lambda: _programme_call(),
    "idea_id": lambda: _programme_idea(),
    # Last year's adopted programme, and its item the seed lab's steering group owns.
    "year": _programme_year,
    "item_id": _programme_item,
    "link_id": _delivery_link,
    # The demo's annual general meeting, Preston's motion to it (seconded by Oldham, admissible) and
    # Torbay's amendment, waiting for its seconder.
    "general_meeting_id": _general_meeting,
    "motion_id": _motion,
    "amendment_id": _amendment,
}

_DRAFT_DECISION = {"decision_id": _draft_decision,
                   "question_id": lambda: _first(Question, Question.decision_id == _draft_decision())}
_PUBLISHED = {"decision_id": _published_decision}
_OXFORD_DRAFT = {"lab_id": _oxford_draft}

SAMPLES_FOR = {
    # Live links, each of its own kind: the invitation is for a newcomer to Oxford, the reset
    # for Oxford's lab lead, the email change for Oxford's representative.
    "auth.accept_invitation": {"secret": _invitation_secret},
    "auth.reset_password": {"secret": lambda: _token_secret("lead@oxford.example.org", "password_reset")},
    "account.confirm_email": {"secret": lambda: _token_secret("rep@oxford.example.org", "email_change",
                                                               new_email="priya.shah@oxford.example.org")},
    # Oxford's representative's calendar, who is in the sample steering group.
    "calendars.person_feed": {"secret": _calendar_secret},
    "calendars.group_feed": {"secret": _calendar_secret},
    "directory.owner": {"token": _owner_token},
    "notifications.stop": {"token": _digest_stop_token},
    # Only a draft decision's words and questions may change.
    "decision_admin.edit": _DRAFT_DECISION,
    "decision_admin.add_question": _DRAFT_DECISION,
    "decision_admin.delete_question": _DRAFT_DECISION,
    # Results exist once a decision is counted: last year's, published.
    "decisions.results": _PUBLISHED,
    "decisions.results_csv": _PUBLISHED,
    "decisions.results_json": _PUBLISHED,
    "decisions.bulletin": _PUBLISHED,
    # A post of Oxford's representative's own, in a public thread.
    "forum_writing.remove": {"post_id": lambda: _first(Post, Post.author_id == person("rep@oxford.example.org").id)},
    # Oxford's draft: the lead edits it, invites partners, submits it; the partner answers.
    "proposals.show": _OXFORD_DRAFT,
    "proposals.edit": _OXFORD_DRAFT,
    "proposals.partners": _OXFORD_DRAFT,
    "proposals.move": _OXFORD_DRAFT,
    "proposals.respond": {**_OXFORD_DRAFT, "partnership_id": lambda: _first(Partnership, Partnership.lab_id == _oxford_draft())},
    # The proposal under review, to which the reviewer is assigned.
    "proposals.review": {"lab_id": lambda: _reviewed_proposal()},
    "proposals.reviewers": {"lab_id": lambda: _reviewed_proposal()},
    # Torbay's proxy is held by Oxford's representative; it is revoked at Torbay's address.
    "proxies.revoke": {"member_id": lambda: db.session.scalar(select(Proxy.member_id).order_by(Proxy.id).limit(1))},
}

IGNORED_METHODS = {"HEAD", "OPTIONS"}
# What changes the sweeping client's own session: the sweeps give these a session of their
# own, and put them last.
OWN_SESSION = {"security.remove_second_factor", "security.sign_out_everywhere", "auth.sign_out"}


def sample(endpoint, name):
    """The sample value of URL part ``name`` for ``endpoint``."""
    return SAMPLES_FOR.get(endpoint, {}).get(name, SAMPLES[name])()


def endpoints(app, methods=None):
    """Every (endpoint, method, URL) the app serves, with sample values filled in; what
    ends the sweeping client's session comes last."""
    found = []
    for url_rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in OWN_SESSION, r.rule, r.endpoint)):
        missing = [name for name in url_rule.arguments if name not in SAMPLES]
        assert not missing, f"{url_rule.endpoint}: add a sample value for {missing} to tests/sweep.py"
        values = {name: sample(url_rule.endpoint, name) for name in url_rule.arguments}
        with app.test_request_context():
            url = url_for(url_rule.endpoint, **values)
        for method in sorted(url_rule.methods - IGNORED_METHODS):
            if methods is None or method in methods:
                found.append((url_rule.endpoint, method, url, values))
    return found


KIND_OF = {email: kind for kind, email in PEOPLE.items()}


def expected_allowed(app, endpoint, who, values=None):
    """Whether the policy lets ``who`` (a person of PEOPLE, or None) use ``endpoint`` with
    its sample values. The app's own rules are not asked: they are what is being checked."""
    kind = KIND_OF[getattr(who, "email", None)]
    assert endpoint in POLICY, f"{endpoint}: say in tests/policy.py who may use it"
    return kind in POLICY[endpoint]
