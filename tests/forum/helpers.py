from sqlalchemy import select

from portal.extensions import db
from portal.forum.models import Category, Post, Thread
from portal.groups.models import Group


def category(name):
    return db.session.scalar(select(Category).where(Category.name == name))


def group_category(group_name):
    group_id = db.session.scalar(select(Group.id).where(Group.name.like(f"{group_name}%")))
    return db.session.scalar(select(Category).where(Category.group_id == group_id))


def thread(title):
    return db.session.scalar(select(Thread).where(Thread.title.like(f"{title}%")))


def posts(thread_):
    return db.session.scalars(select(Post).where(Post.thread_id == thread_.id).order_by(Post.number)).all()


def page(client, path):
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)
