"""The things a thread can be the discussion of: a public lab, a proposal, a decision."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import get_locale
from sqlalchemy import select

from ...decisions.models import Decision
from ...extensions import db
from ...labs.models import Lab
from ...programme.models import Idea
from ..models import Thread


@dataclass
class Subject:
    kind: str
    id: int
    title: str
    url: str


def subject(kind, subject_id):
    """The subject, or None if there is no such thing to discuss."""
    if kind in ("lab", "proposal"):
        lab = db.session.get(Lab, subject_id)
        if lab is None:
            return None
        endpoint = "labs.show" if kind == "lab" else "proposals.show"
        return Subject(kind, lab.id, lab.title, url_for(endpoint, lab_id=lab.id))
    if kind == "decision":
        decision = db.session.get(Decision, subject_id)
        if decision is None:
            return None
        return Subject(kind, decision.id, decision.title(str(get_locale() or "en")[:2]), url_for("decisions.show", decision_id=decision.id))
    if kind == "idea":
        idea = db.session.get(Idea, subject_id)
        if idea is None:
            return None
        return Subject(kind, idea.id, idea.title(str(get_locale() or "en")[:2]), url_for("programme.idea", idea_id=idea.id))
    return None


def thread_of(kind, subject_id):
    return db.session.scalar(select(Thread).where(Thread.subject_kind == kind, Thread.subject_id == subject_id))
