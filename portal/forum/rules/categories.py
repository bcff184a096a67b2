"""Categories the portal keeps itself: one for each group, and those that hold the
discussions of labs, proposals and decisions."""

from sqlalchemy import select

from ...db import insert_ignoring_duplicates
from ...extensions import db
from ..models import Category

# Names in both languages, as the secretariat would write them for a category of its own.
SYSTEM = {
    "labs": dict(
        kind="public", position=20, name="Policy Labs", name_cy="Labordai Polisi",
        description="The discussion of each Policy Lab, started from the lab's page.",
        description_cy="Trafodaeth pob Labordy Polisi, a ddechreuir o dudalen y labordy.",
    ),
    "proposals": dict(
        kind="members", position=30, name="Proposals", name_cy="Cynigion",
        description="Each proposal's discussion, for its lead, its partners, its reviewers and the secretariat.",
        description_cy="Trafodaeth pob cynnig, i'w arweinydd, ei bartneriaid, ei adolygwyr a'r ysgrifenyddiaeth.",
    ),
    "decisions": dict(
        kind="members", position=40, name="Decisions", name_cy="Penderfyniadau",
        description="The discussion of each decision put to the members, started from the decision's page.",
        description_cy="Trafodaeth pob penderfyniad a roddir i'r aelodau, a ddechreuir o dudalen y penderfyniad.",
    ),
    "programme": dict(
        kind="members", position=45, name="Work programme ideas", name_cy="Syniadau ar gyfer y rhaglen waith",
        description="The discussion of each idea put forward for the network's work programme, started from the idea's page.",
        description_cy="Trafodaeth pob syniad a gynigir ar gyfer rhaglen waith y rhwydwaith, a ddechreuir o dudalen y syniad.",
    ),
}


def system_category(slug):
    """The category called ``slug``, made the first time it is needed (safely, if two ask at once)."""
    category = db.session.scalar(select(Category).where(Category.slug == slug))
    if category is None:
        insert_ignoring_duplicates(Category, {"slug": slug, **SYSTEM[slug]})
        category = db.session.scalar(select(Category).where(Category.slug == slug))
    return category


def group_category(group):
    """The group's own category, private to it if the group is."""
    category = db.session.scalar(select(Category).where(Category.group_id == group.id))
    if category is None:
        insert_ignoring_duplicates(Category, {
            "kind": "group", "group_id": group.id, "name": group.name, "name_cy": "",
            "description": "", "description_cy": "", "position": 200,
        })
        category = db.session.scalar(select(Category).where(Category.group_id == group.id))
    return category


def on_group_created(sender, group, **extra):
    group_category(group)
