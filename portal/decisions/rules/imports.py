"""Real elections from BLT files, loaded as closed decisions so they can be counted and shown."""

import hashlib

from ... import audit
from ...db import utcnow
from ...extensions import db
from ..counting import blt
from ..models import Ballot, Decision, Option, Question
from .casting import new_receipt
from .lifecycle import compute_results


def import_election(data, *, source, by=None):
    """Create a closed decision holding the file's ballots, and count it.

    Returns the decision and a map from each option's id to the candidate's number in the file.
    """
    election = blt.read(data)
    now = utcnow()
    decision = Decision(
        title_en=election.title or source,
        status="closed",
        secret=True,
        seed=hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()[:32],
        imported_from=source,
        opens_at=now,
        closes_at=now,
        opened_at=now,
        closed_at=now,
        created_by_id=getattr(by, "id", None),
    )
    withdrawn = set(election.withdrawn)
    standing = [n for n in range(1, len(election.candidates) + 1) if n not in withdrawn]
    options = [Option(position=n, label_en=election.candidates[n - 1]) for n in standing]
    question = Question(position=1, method="ranked", text_en=election.title or source, seats=election.seats, options=options)
    decision.questions.append(question)
    db.session.add(decision)
    db.session.flush()
    by_number = {n: option.id for n, option in zip(standing, options)}
    key = str(question.id)
    db.session.add_all(
        Ballot(
            decision_id=decision.id,
            receipt=new_receipt(),
            answers={key: [by_number[n] for n in preferences if n in by_number]},
            weight=count,
            cast_at=now,
        )
        for preferences, count in election.ballots
        if count
    )
    db.session.flush()
    decision.results = compute_results(decision)
    audit.record("decision.imported", decision, actor=by, detail={"source": source, "ballots": sum(c for _, c in election.ballots)})
    return decision, {option_id: n for n, option_id in by_number.items()}
