"""The demo forum: a few categories and threads in English and one in Welsh, the seed lab's
public discussion, its steering group's private thread, a decision's discussion, and a
post waiting in the moderators' queue."""

from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..db import utcnow
from ..decisions.models import Decision
from ..decisions.permissions import MEMBER_STATES
from ..extensions import db
from ..groups.models import Group
from ..labs.models import Lab
from ..notifications.kinds import DIGEST
from ..notifications.rules import set_choices
from .models import Category, Post, Thread
from .rules import follow, moderation, posting
from .rules.categories import group_category

CATEGORIES = [
    dict(kind="announcements", position=1, name="Announcements", name_cy="Cyhoeddiadau",
         description="News from the secretariat: meetings, rounds of funding, votes.",
         description_cy="Newyddion gan yr ysgrifenyddiaeth: cyfarfodydd, cylchoedd cyllido, pleidleisiau."),
    dict(kind="public", position=10, name="Sharing learning", name_cy="Rhannu dysgu",
         description="What worked, what did not, and what we would do differently. Anyone can read this category.",
         description_cy="Beth weithiodd, beth na weithiodd, a beth fyddem yn ei wneud yn wahanol. Gall unrhyw un ddarllen y categori hwn."),
    dict(kind="members", position=50, name="Community wealth building", name_cy="Adeiladu cyfoeth cymunedol",
         description="Procurement, anchor institutions, land and finance: members only.",
         description_cy="Caffael, sefydliadau angori, tir a chyllid: aelodau yn unig."),
    dict(kind="members", position=60, name="Yn Gymraeg", name_cy="Yn Gymraeg",
         description="Conversations in Welsh.", description_cy="Sgyrsiau yn Gymraeg."),
]


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def _post(thread_or_none, email, body, days_ago, *, category=None, title=None, subject=None):
    """A post written ``days_ago`` days back: a new thread (``category`` and ``title``), a
    subject's discussion (``subject``) or a reply."""
    author = _person(email)
    if category is not None:
        thread = posting.start_thread(category, author, title, body)
        post = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))
    elif subject is not None:
        post = posting.discuss(*subject, author, body)
    else:
        post = posting.reply(thread_or_none, author, body)
    when = utcnow() - timedelta(days=days_ago, hours=days_ago % 5)
    post.created_at = when
    post.thread.last_post_at = when
    if post.number == 1:
        post.thread.created_at = when
    db.session.flush()
    return post


def load(secretariat):
    categories = {}
    for values in CATEGORIES:
        category = Category(**values)
        db.session.add(category)
        categories[values["name"]] = category
    db.session.flush()

    welcome = _post(None, "secretariat@example.org", (
        "Welcome to the network's forum. This is the place to share experience and learning between meetings.\n\n"
        "- **Sharing learning** is public: anyone can read it, members write in it.\n"
        "- **Community wealth building** is for members only.\n"
        "- Each Policy Lab, proposal and decision has its own discussion, shown on its page.\n\n"
        "Please keep to the network's values: open, respectful, and co-operative. If a post worries you, flag it "
        "and a moderator (@Jo Evans) will look at it."
    ), 30, category=categories["Announcements"], title="Welcome to the forum")
    moderation.set_pinned(welcome.thread, True, secretariat)

    placemaking = _post(None, "rep@stevenage.example.org", (
        "Stevenage has been trying co-operative placemaking on two estates. The thing that made the difference was "
        "paying for a community organiser *before* the consultation, not after.\n\nWhat has worked for you?"
    ), 21, category=categories["Sharing learning"], title="Co-operative placemaking: what has worked for you?")
    first = _post(placemaking.thread, "rep@oldham.example.org", (
        "Same in Oldham. We also found that holding the first meeting somewhere people already go (the library, "
        "a café) doubled the turnout compared with the town hall."
    ), 19)
    _post(placemaking.thread, "rep@torbay.example.org", (
        f"> {first.author.name} wrote:\n>\n> holding the first meeting somewhere people already go\n\n"
        "Torbay agrees. We wrote up our test-and-learn pilot as a case study; @Priya Shah, is the Oxford template "
        "the one to use?"
    ), 17)
    _post(placemaking.thread, "rep@oxford.example.org", (
        "Yes, please use the template in the toolkit: [case study template](https://example.org/toolkit/case-study). "
        "It follows the seed report's seven case studies."
    ), 16)

    procurement = _post(None, "rep@preston.example.org", (
        "We are refreshing our social value policy. Has anyone set weightings above 10% for social value in "
        "construction contracts, and did suppliers push back?"
    ), 12, category=categories["Community wealth building"], title="Social value weightings in procurement")
    _post(procurement.thread, "rep@wmca.example.org", (
        "We use 20% on contracts over £1m. Suppliers adjusted within a year; the key was publishing the scoring "
        "guide at the same time as the tender."
    ), 11)
    # An unhelpful post that two members have flagged: it waits in the moderators' queue.
    advert = _post(procurement.thread, "affiliate@devco.example.org", (
        "Our consultancy can write your social value policy for you. Day rates on request!"
    ), 10)
    for email in ("rep@preston.example.org", "rep@wmca.example.org"):
        moderation.flag(advert, _person(email), "spam", "Selling services in a members' thread.")
    # An earlier suspension of the same author, long over.
    earlier = moderation.suspend(_person("affiliate@devco.example.org"), 7, "Advertising services in the members' categories.",
                                 _person("moderator@example.org"))
    earlier.starts_at, earlier.ends_at = utcnow() - timedelta(days=60), utcnow() - timedelta(days=53)

    welsh = _post(None, "cynrychiolydd@cardiff.example.org", (
        "Helo bawb. Mae Caerdydd yn datblygu mentrau cydweithredol ym maes gofal cymdeithasol. "
        "Hoffem glywed gan gynghorau eraill sydd wedi comisiynu gofal gan gwmnïau cydweithredol.\n\n"
        "Beth oedd y rhwystrau mwyaf?"
    ), 9, category=categories["Yn Gymraeg"], title="Gofal cymdeithasol cydweithredol: profiadau")
    _post(welsh.thread, "ffion.rees@example.org", (
        "Diolch Gwen. Yn fy mhrofiad i, y rhwystr mwyaf yw'r amser sydd ei angen i sefydlu'r fenter cyn i'r "
        "contract cyntaf ddechrau. Mae cyllid cychwynnol yn hanfodol."
    ), 8)

    lab = db.session.scalar(select(Lab).where(Lab.title.like("Growing an Inclusive%")))
    lab_post = _post(None, "chair@oxford.example.org", (
        "The lab's final report is in the toolkit. The steering group would welcome questions from any member "
        "thinking of running a similar lab."
    ), 14, subject=("lab", lab.id, lab.title))
    _post(lab_post.thread, "rep@plymouth.example.org", (
        "Thank you. How much officer time did the lead council put in during the start-up phase?"
    ), 13)
    _post(lab_post.thread, "lead@oxford.example.org", (
        "About two days a week for the first three months, then one. The monthly steering group meetings took "
        "most of it."
    ), 12)

    steering = db.session.scalar(select(Group).where(Group.lab_id == lab.id))
    private = _post(None, "chair@oxford.example.org", (
        "Case study authors: please send your drafts by Friday, using the template. I will collate them for "
        "the next steering group meeting."
    ), 6, category=group_category(steering), title="Case study drafts: due Friday")
    _post(private.thread, "rep@torbay.example.org", "Torbay's draft is on its way.", 5)

    decision = db.session.scalar(select(Decision).where(Decision.status.in_(MEMBER_STATES)).order_by(Decision.id))
    if decision is not None:
        _post(None, "rep@kirklees.example.org", (
            "Before we vote: could the secretariat say how the priorities were drawn up, and whether affiliates "
            "were asked?"
        ), 3, subject=("decision", decision.id, decision.title_en))

    follow.set_level(_person("rep@oxford.example.org"), "watching", category=categories["Sharing learning"])
    follow.set_level(_person("rep@preston.example.org"), "watching", thread=procurement.thread)
    set_choices(_person("rep@wmca.example.org"), {"forum": DIGEST})
    db.session.flush()
    return db.session.scalars(select(Thread)).all()
