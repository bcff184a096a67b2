from sqlalchemy import select

from portal.extensions import db
from portal.groups.models import Group, Task


def group(name):
    return db.session.scalar(select(Group).where(Group.name.like(f"{name}%")))


def task(group_, title):
    return db.session.scalar(select(Task).where(Task.group_id == group_.id, Task.title.like(f"{title}%")))
