"""Delivery of the adopted programme: who owns each item, its progress reported in dated
updates, and the labs, group tasks and toolkit outputs that deliver it.

The secretariat, and the people of the owning member or the members of the owning group, report
progress; only the secretariat changes the owner. The owners and the idea's author are told of
each update, and every change is audited.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from ... import audit, mail
from ...core.inputs import LARGEST_ID, whole_number
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...groups.models import Group, GroupMember, Task
from ...labs.models import Lab, Resource
from ...labs.models.labs import PUBLIC_STATES
from ...membership.models import Member, Representative
from ..models import DeliveryLink, IdeaCall, ItemUpdate, ProgrammeItem
from ..models.delivery import ITEM_STATES, OWNER_KINDS
from . import Refused

# "event" waits for the events area: it stays a kind of link, but none can be made yet.
LINKABLE = ("lab", "task", "resource")


def may_update(person, item):
    """The secretariat; the people of the owning member; the members of the owning group."""
    if not getattr(person, "is_authenticated", False):
        return False
    if person.is_secretariat:
        return True
    if item.owner_kind == "member":
        return person.member_id is not None and person.member_id == item.owner_member_id
    if item.owner_kind == "group" and item.owner_group_id is not None:
        return db.session.scalar(select(GroupMember.id).where(
            GroupMember.group_id == item.owner_group_id, GroupMember.person_id == person.id).limit(1)) is not None
    return False


def report(item, *, by, progress, status, text_en="", text_cy="", dropped_reason=""):
    """A dated update: the item takes its progress and status, the owners and the idea's author
    are told. Progress is a whole per cent; a finished item is at 100; a dropped one says why."""
    if not may_update(by, item):
        raise Refused(_l("Only the item's owner and the secretariat can report its progress"))
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise Refused(_l("Enter the progress as a whole number from 0 to 100"), "progress")
    if status not in ITEM_STATES:
        raise Refused(_l("Choose the item's status"), "status")
    if status == "done" and progress != 100:
        raise Refused(_l("An item that is done is at 100 per cent: enter 100"), "progress")
    text_en, text_cy, dropped_reason = (text_en or "").strip(), (text_cy or "").strip(), (dropped_reason or "").strip()
    if status == "dropped" and not dropped_reason:
        raise Refused(_l("Say why the item is dropped; the reason is published with it"), "dropped_reason")
    if not (text_en or text_cy):
        raise Refused(_l("Say what has happened, in English or Welsh"), "text_en")
    now = utcnow()
    before = (item.status, item.progress)
    update = ItemUpdate(item_id=item.id, written_at=now, written_by_id=by.id, text_en=text_en, text_cy=text_cy,
                        progress=progress, status=status)
    db.session.add(update)
    item.progress, item.status, item.updated_at = progress, status, now
    item.dropped_reason = dropped_reason if status == "dropped" else ""
    db.session.flush()
    audit.record("programme.item_updated", item, actor=by, detail={
        "update_id": update.id, "from": {"status": before[0], "progress": before[1]}, "to": {"status": status, "progress": progress}})
    for person in _told(item, but=by):
        mail.enqueue(person.email, _l("Progress on the work programme: “%(title)s”", title=item.title(person.locale)),
                     "programme/email/item_updated.txt", kind="programme_item_updated", person=person, item=item, update=update)
    return update


def change_owner(item, *, by, kind, group_id=None, member_id=None):
    """The secretariat hands an item to a group, a member or itself; the new owners are told."""
    if not by.is_secretariat:
        raise Refused(_l("Only the secretariat can change who owns an item"))
    if kind not in OWNER_KINDS:
        raise Refused(_l("Choose who owns the item"), "owner_kind")
    group = db.session.get(Group, group_id) if kind == "group" and group_id else None
    member = db.session.get(Member, member_id) if kind == "member" and member_id else None
    if kind == "group" and group is None:
        raise Refused(_l("Choose the group that owns the item"), "owner_group")
    if kind == "member" and member is None:
        raise Refused(_l("Choose the member that owns the item"), "owner_member")
    before = owner_key(item)
    item.owner_kind, item.owner_group_id, item.owner_member_id = kind, getattr(group, "id", None), getattr(member, "id", None)
    item.owner_group, item.owner_member = group, member
    if owner_key(item) == before:
        return False
    item.updated_at = utcnow()
    db.session.flush()
    audit.record("programme.item_owner_changed", item, actor=by, detail={"from": before, "to": owner_key(item)})
    for person in _owners(item, but=by):
        mail.enqueue(person.email, _l("You are responsible for a work programme item: “%(title)s”", title=item.title(person.locale)),
                     "programme/email/item_owner.txt", kind="programme_item_owner", person=person, item=item,
                     owner=(group or member).name)
    return True


def owner_key(item):
    """The owner as one word, as the page's filter names it: secretariat, member-<id>, group-<id>."""
    if item.owner_kind == "member":
        return f"member-{item.owner_member_id}"
    if item.owner_kind == "group":
        return f"group-{item.owner_group_id}"
    return "secretariat"


def link(item, *, by, kind, target_id):
    """Record that a lab, a group's task or a toolkit output delivers the item, once each."""
    if not may_update(by, item):
        raise Refused(_l("Only the item's owner and the secretariat can say what delivers it"))
    if kind not in LINKABLE:
        raise Refused(_l("Choose what delivers the item"), "kind")
    if _target(kind, target_id, by) is None:
        raise Refused(_l("Choose from the list"), kind)
    if not insert_ignoring_duplicates(DeliveryLink, {"item_id": item.id, "kind": kind, "target_id": target_id}):
        raise Refused(_l("This is already linked to the item"), kind)
    audit.record("programme.item_linked", item, actor=by, detail={"kind": kind, "target_id": target_id})


def unlink(item, delivery_link, *, by):
    """Take a link off the item."""
    if not may_update(by, item) or delivery_link.item_id != item.id:
        raise Refused(_l("Only the item's owner and the secretariat can say what delivers it"))
    db.session.delete(delivery_link)
    db.session.flush()
    audit.record("programme.item_unlinked", item, actor=by, detail={"kind": delivery_link.kind, "target_id": delivery_link.target_id})


def _target(kind, target_id, person):
    """The thing a link may name: a public lab, a task of a group the person sees, a toolkit output."""
    if kind == "lab":
        return db.session.scalar(select(Lab).where(Lab.id == target_id, Lab.status.in_(PUBLIC_STATES)))
    if kind == "task":
        from ...groups.rules.access import visible_groups

        return db.session.scalar(select(Task).join(Group, Group.id == Task.group_id)
                                 .where(Task.id == target_id, visible_groups(person)))
    if kind == "resource":
        return db.session.get(Resource, target_id)
    return None


def linkable(person):
    """What ``person`` may link an item to: ``{kind: [(id, name), ...]}``, a statement a kind."""
    from ...groups.rules.access import visible_groups

    return {
        "lab": db.session.execute(select(Lab.id, Lab.title).where(Lab.status.in_(PUBLIC_STATES)).order_by(Lab.title)).all(),
        "task": [(task_id, f"{group} – {title}") for task_id, title, group in db.session.execute(
            select(Task.id, Task.title, Group.name).join(Group, Group.id == Task.group_id).where(visible_groups(person))
            .order_by(Group.name, Task.position, Task.id))],
        "resource": db.session.execute(select(Resource.id, Resource.title).order_by(Resource.title)).all(),
    }


def delivered_by(items, person, links=None):
    """``{item id: [(kind, thing), ...]}``: each item's labs, tasks and toolkit outputs that
    ``person`` may see (a private group's task only to its people and the secretariat), in one
    statement a kind whatever the number of items."""
    from ...groups.rules.access import visible_groups

    links = [found for item in items for found in (links[item.id] if links is not None else item.links)]
    wanted = {kind: {found.target_id for found in links if found.kind == kind} for kind in LINKABLE}
    things = {"lab": {}, "task": {}, "resource": {}}
    if wanted["lab"]:
        things["lab"] = {lab.id: lab for lab in db.session.scalars(
            select(Lab).where(Lab.id.in_(wanted["lab"]), Lab.status.in_(PUBLIC_STATES)))}
    if wanted["task"] and getattr(person, "is_authenticated", False):
        things["task"] = {task.id: task for task in db.session.scalars(
            select(Task).join(Group, Group.id == Task.group_id).options(contains_eager(Task.group))
            .where(Task.id.in_(wanted["task"]), visible_groups(person)))}
    if wanted["resource"]:
        things["resource"] = {resource.id: resource for resource in db.session.scalars(
            select(Resource).where(Resource.id.in_(wanted["resource"])))}
    order = {kind: n for n, kind in enumerate(LINKABLE)}
    found = {item.id: [] for item in items}
    for each in sorted(links, key=lambda each: (order.get(each.kind, 9), each.id)):
        thing = things.get(each.kind, {}).get(each.target_id)
        if thing is not None:
            found[each.item_id].append((each.kind, thing, each))
    return found


def _owners(item, but=None):
    if item.owner_kind == "member" and item.owner_member_id:
        people = db.session.scalars(select(Representative).where(Representative.member_id == item.owner_member_id)
                                    .order_by(Representative.id))
        found = [representative.person for representative in people]
    elif item.owner_kind == "group" and item.owner_group_id:
        found = [membership.person for membership in db.session.scalars(
            select(GroupMember).where(GroupMember.group_id == item.owner_group_id).order_by(GroupMember.id))]
    else:
        found = []
    return _reachable(found, but)


def _told(item, but=None):
    """The owners (the member's representatives, or the group's people) and the idea's author."""
    author = item.idea.author if item.idea is not None else None
    return _reachable([*_owners(item), *([author] if author is not None else [])], but)


def _reachable(people, but):
    seen, found = set(), []
    for person in people:
        if person is None or person.id in seen or (but is not None and person.id == but.id):
            continue
        seen.add(person.id)
        if person.deactivated_at is None and person.erased_at is None and person.email:
            found.append(person)
    return found


def years():
    """The membership years with an adopted programme, newest first, with their number of items."""
    return db.session.execute(select(IdeaCall.year, func.count(ProgrammeItem.id)).join(ProgrammeItem, ProgrammeItem.call_id == IdeaCall.id)
                              .group_by(IdeaCall.year).order_by(IdeaCall.year.desc())).all()


def items_of(year, *, theme_id=None, owner=None, with_updates=False):
    """The year's items in the order adopted, with what their page shows loaded in a fixed number
    of statements, narrowed to a theme of their idea and to an owner (``owner_key``) if asked."""
    from sqlalchemy.orm import joinedload, selectinload

    from ..models import Idea

    query = (select(ProgrammeItem).join(IdeaCall, IdeaCall.id == ProgrammeItem.call_id).where(IdeaCall.year == year)
             .options(joinedload(ProgrammeItem.call).joinedload(IdeaCall.decision), joinedload(ProgrammeItem.idea).selectinload(Idea.themes),
                      joinedload(ProgrammeItem.owner_group), joinedload(ProgrammeItem.owner_member), selectinload(ProgrammeItem.links))
             .order_by(IdeaCall.id, ProgrammeItem.position, ProgrammeItem.id))
    if with_updates:
        query = query.options(selectinload(ProgrammeItem.updates).joinedload(ItemUpdate.written_by))
    if theme_id:
        query = query.where(ProgrammeItem.idea.has(Idea.themes.any(id=theme_id)))
    if owner == "secretariat":
        query = query.where(ProgrammeItem.owner_kind == "secretariat")
    elif owner and owner.partition("-")[0] in ("member", "group"):
        kind, _, number = owner.partition("-")
        # Read as the theme is: a number out of range (PostgreSQL would refuse it, as a 500) is no filter.
        owner_id = whole_number(number, 1, LARGEST_ID)
        column = ProgrammeItem.owner_member_id if kind == "member" else ProgrammeItem.owner_group_id
        if owner_id:
            query = query.where(ProgrammeItem.owner_kind == kind, column == owner_id)
    return db.session.scalars(query).unique().all()


def annual_report(year):
    """How the year's programme came to be and what it delivered, as counts of ideas and items
    at each stage, in one statement: ``[(stage, count), ...]`` in the order of the cycle."""
    from ..models import Idea, IdeaSupport
    from ..models.calls import VISIBLE_STATES

    calls = select(IdeaCall.id).where(IdeaCall.year == year).scalar_subquery()
    ideas = Idea.call_id.in_(calls)
    count = lambda model, *where: select(func.count()).select_from(model).where(*where).scalar_subquery()  # noqa: E731
    row = db.session.execute(select(
        count(Idea, ideas, Idea.status.in_(VISIBLE_STATES)),
        select(func.count(func.distinct(IdeaSupport.idea_id))).join(Idea, Idea.id == IdeaSupport.idea_id).where(ideas).scalar_subquery(),
        count(Idea, ideas, (Idea.status == "shortlisted") | Idea.option_id.is_not(None)),
        count(Idea, ideas, Idea.option_id.is_not(None)),
        count(ProgrammeItem, ProgrammeItem.call_id.in_(calls)),
        count(ProgrammeItem, ProgrammeItem.call_id.in_(calls), ProgrammeItem.status == "done"),
    )).one()
    return list(zip(STAGES, row))


STAGES = ("proposed", "supported", "shortlisted", "voted", "adopted", "delivered")


def owners_of(year):
    """``[(owner_key, name or None for the secretariat), ...]`` of the year's items, for a filter."""
    rows = db.session.execute(
        select(ProgrammeItem.owner_kind, ProgrammeItem.owner_member_id, Member.name, ProgrammeItem.owner_group_id, Group.name)
        .join(IdeaCall, IdeaCall.id == ProgrammeItem.call_id).outerjoin(Member, Member.id == ProgrammeItem.owner_member_id)
        .outerjoin(Group, Group.id == ProgrammeItem.owner_group_id).where(IdeaCall.year == year).distinct()).all()
    found = {}
    for kind, member_id, member_name, group_id, group_name in rows:
        if kind == "member":
            found[f"member-{member_id}"] = member_name
        elif kind == "group":
            found[f"group-{group_id}"] = group_name
        else:
            found["secretariat"] = None
    return sorted(found.items(), key=lambda pair: (pair[1] is not None, pair[1] or ""))


def themes_of(year):
    """The themes of the year's calls, in their order, for a filter."""
    from ..models import CallTheme

    return db.session.scalars(select(CallTheme).join(IdeaCall, IdeaCall.id == CallTheme.call_id).where(IdeaCall.year == year)
                              .order_by(IdeaCall.id, CallTheme.position)).all()


def csv_rows(items, language, owner_name, state_label):
    """The rows of the year's CSV: what the public page shows, no updates."""
    for item in items:
        themes = "; ".join(theme.name(language) for theme in (item.idea.themes if item.idea else []))
        yield (item.position, item.title(language), state_label(item.status), item.progress, owner_name(item), themes,
               item.dropped_reason, item.updated_at.date().isoformat())
