"""What the route sweeps need: the kinds of person, and a sample value for each URL part.

A new endpoint is swept without being listed anywhere. A new kind of URL part (say
``<int:lab_id>``) needs one line in SAMPLES; the sweep fails until it has it.
"""

from flask import url_for
from sqlalchemy import select

from portal.auth.access import rule_for
from portal.extensions import db
from portal.decisions.models import Decision, Proxy, Question
from portal.directory.models import Entry, Import, Submission
from portal.forum.models import Category, Post, Suspension, Thread
from portal.groups.models import Group, GroupMember, Meeting, Risk, Task
from portal.privacy.models import ErasureRequest
from portal.labs.models import AwardPayment, CaseStudy, FundingRound, Lab, Partnership, Resource
from portal.membership.models import Application, Invoice, Tier

from .conftest import person

PEOPLE = {
    "anonymous": None,
    "admin": "admin@example.org",
    "secretariat": "secretariat@example.org",
    "moderator": "moderator@example.org",
    "reviewer": "reviewer@example.org",
    "member admin": "rep@oxford.example.org",
    "member officer": "officer@stevenage.example.org",
    "affiliate": "affiliate@devco.example.org",
}

def _oxford():
    from portal.membership.models import Member

    return db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))


def _first(model, *where):
    return db.session.scalar(select(model.id).where(*where).order_by(model.id).limit(1))


def _seed_group():
    return _first(Group, Group.name.like("Growing an Inclusive%"))


def _private_thread():
    return _first(Thread, Thread.category_id == _first(Category, Category.group_id == _seed_group()))


def _unsubscribe_token():
    from portal.forum.rules.follow import unsubscribe_token

    return unsubscribe_token(person("rep@oxford.example.org"), "thread", _private_thread())


SAMPLES = {
    "filename": lambda: "css/portal.css",
    "code": lambda: "cy",
    "secret": lambda: "no-such-secret",
    # Oxford's own things, so its member admin is allowed and Stevenage's people are not.
    "member_id": lambda: _oxford().id,
    "person_id": lambda: person("lead@oxford.example.org").id,
    "invoice_id": lambda: _first(Invoice, Invoice.member_id == _oxford().id),
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
    "resource_id": lambda: _first(Resource),
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
    "entry_id": lambda: _first(Entry, Entry.area_code == "E07000178", Entry.state == "live"),
    "submission_id": lambda: _first(Submission, Submission.area_code == "E07000178", Submission.state == "pending"),
    "import_id": lambda: _first(Import),
}

IGNORED_METHODS = {"HEAD", "OPTIONS"}
# What changes the sweeping client's own session: the sweeps give these a session of their
# own, and put them last.
OWN_SESSION = {"security.remove_second_factor", "security.sign_out_everywhere", "auth.sign_out"}


def endpoints(app, methods=None):
    """Every (endpoint, method, URL) the app serves, with sample values filled in; what
    ends the sweeping client's session comes last."""
    found = []
    for url_rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in OWN_SESSION, r.rule, r.endpoint)):
        missing = [name for name in url_rule.arguments if name not in SAMPLES]
        assert not missing, f"{url_rule.endpoint}: add a sample value for {missing} to tests/sweep.py"
        values = {name: SAMPLES[name]() for name in url_rule.arguments}
        with app.test_request_context():
            url = url_for(url_rule.endpoint, **values)
        for method in sorted(url_rule.methods - IGNORED_METHODS):
            if methods is None or method in methods:
                found.append((url_rule.endpoint, method, url, values))
    return found


def expected_allowed(app, endpoint, who, values):
    from portal.auth.models import Anonymous

    with app.test_request_context():
        return rule_for(endpoint).allows(who or Anonymous(), values)
