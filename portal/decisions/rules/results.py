"""From ballots to results, through a bulletin that anyone can recount.

The bulletin holds the decision's questions, its seed for lots, the size of its roll,
and every counted ballot's receipt and answers (and, for a recorded vote, its member).
``count_bulletin`` computes the results from the bulletin alone: the portal counts this
way too, so a recount of a downloaded bulletin must give the same results.
"""

import math

from ..counting import approval, cumulative, irv, motion, plurality, stv


def count_bulletin(bulletin):
    """The results of a decision, computed from its bulletin and nothing else."""
    decision = bulletin["decision"]
    ballots = bulletin["ballots"]
    voted = sum(ballot.get("weight", 1) for ballot in ballots)
    electorate = decision.get("electorate") or 0
    quorum = _quorum(decision, electorate, voted)
    questions = [_count_question(question, ballots, decision["seed"]) for question in bulletin["questions"]]
    return {
        "electorate": electorate,
        "voted": voted,
        "quorum": quorum,
        "questions": questions,
    }


def _quorum(decision, electorate, voted):
    kind, value = decision.get("quorum_kind", "none"), decision.get("quorum_value", 0)
    if kind == "percent":
        required = math.ceil(electorate * value / 100)
    elif kind == "members":
        required = value
    else:
        required = 0
    return {"kind": kind, "value": value, "required": required, "met": voted >= required}


def _answers(question, ballots):
    key = str(question["id"])
    for ballot in ballots:
        answer = ballot["answers"].get(key)
        if answer is not None:
            yield answer, ballot.get("weight", 1)


def _count_question(question, ballots, seed):
    method = question["method"]
    options = [option["id"] for option in question.get("options", [])]
    seed = f"{seed}:{question['id']}"
    base = {"id": question["id"], "method": method}
    if method == "motion":
        answers = [answer for answer, weight in _answers(question, ballots) for _ in range(weight)]
        result = motion(answers, question.get("threshold", "simple_majority"))
        return {**base, "counts": result.counts, "threshold": result.threshold, "carried": result.carried}
    if method == "single":
        answers = [answer for answer, weight in _answers(question, ballots) for _ in range(weight)]
        result = plurality(answers, options, seed=seed)
        return {
            **base,
            "counts": {str(k): v for k, v in result.counts.items()},
            "winner": result.winner,
            "tied": result.tied,
            "tie_broken_by_lot": result.tie_broken_by_lot,
        }
    if method == "approval":
        answers = [answer for answer, weight in _answers(question, ballots) for _ in range(weight)]
        result = approval(answers, options, winners=question.get("seats", 1), max_choices=question.get("max_choices"), seed=seed)
        return {
            **base,
            "counts": {str(k): v for k, v in result.counts.items()},
            "chosen": result.chosen,
            "tied": result.tied,
            "tie_broken_by_lot": result.tie_broken_by_lot,
        }
    if method == "cumulative":
        answers = [{int(option): points for option, points in answer.items()}
                   for answer, weight in _answers(question, ballots) for _ in range(weight)]
        result = cumulative(answers, options, winners=question.get("seats", 1), points=question["points"],
                            per_option=question["points_per_option"], seed=seed)
        return {
            **base,
            "counts": {str(k): v for k, v in result.counts.items()},
            "chosen": result.chosen,
            "tied": result.tied,
            "tie_broken_by_lot": result.tie_broken_by_lot,
        }
    if method == "ranked":
        grouped = {}
        for answer, weight in _answers(question, ballots):
            grouped[tuple(answer)] = grouped.get(tuple(answer), 0) + weight
        ranked = list(grouped.items())
        seats = question.get("seats", 1)
        if seats == 1:
            result = irv(ranked, options, seed=seed)
            return {**base, "seats": 1, "count": result.to_dict(), "elected": [result.winner] if result.winner else []}
        result = stv(ranked, options, seats, seed=seed)
        return {**base, "seats": seats, "count": result.to_dict(), "elected": result.elected}
    raise ValueError(f"unknown method {method!r}")
