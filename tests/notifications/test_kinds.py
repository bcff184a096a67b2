"""Every kind of email the portal writes is classified: in a category a person chooses for,
or among those they must get, so that no new email escapes the choices unnoticed."""

import ast
from pathlib import Path

from portal.notifications.kinds import CATEGORIES, KINDS, MUST

PORTAL = Path(__file__).resolve().parents[2] / "portal"
# Where ``kind`` is a variable, the kinds it can be, read from the code around each call.
VARIABLE_KINDS = {
    ("auth/rules.py", "purpose"): {"invitation", "password_reset", "email_change"},
    ("membership/rules/money.py", "kind"): {"invoice_raised", "invoice_due", "invoice_overdue"},
    ("groups/rules/people.py", "kind"): {"group_person_added", "group_person_removed"},
    ("groups/rules/reminders.py", "kind"): {"task_due", "task_overdue", "risk_review"},
    ("decisions/rules/casting.py", "proxy_ballot_"): {"proxy_ballot_replaced", "proxy_ballot_withdrawn"},
    ("decisions/rules/lifecycle.py", "decision_"): {"decision_voting_open", "decision_closing_soon", "decision_results"},
    ("programme/rules/ideas.py", "kind"): {"idea_edited", "idea_merged", "idea_decided", "idea_adopted",
                                           # motions.py tells movers and seconders through ideas.py's _tell
                                           "motion_seconded", "motion_amended", "motion_ruled", "motion_lapsed",
                                           "amendment_seconded", "amendment_ruled", "amendment_lapsed"},
    ("notifications/digest.py", "DIGEST_KIND"): set(),  # the daily email gathers notifications and is none
}


def _kinds_written():
    """(file, kind) for each literal kind given to mail.enqueue, and (file, name or f-string
    prefix) for each that is not a literal."""
    found = set()
    for path in PORTAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "enqueue"):
                continue
            kind = next((keyword.value for keyword in node.keywords if keyword.arg == "kind"), None)
            where = str(path.relative_to(PORTAL))
            if isinstance(kind, ast.Constant):
                found.add((where, kind.value, True))
            elif isinstance(kind, ast.Name):
                found.add((where, kind.id, False))
            elif isinstance(kind, ast.JoinedStr):
                found.add((where, kind.values[0].value, False))
    return found


def test_every_kind_of_email_is_in_a_category_or_among_what_a_person_must_get():
    written, unclassified = _kinds_written(), []
    assert len(written) > 30
    for where, kind, literal in written:
        kinds = {kind} if literal else VARIABLE_KINDS.get((where, kind))
        if kinds is None:
            unclassified.append(f"{where}: kind={kind}: say in VARIABLE_KINDS which kinds it can be")
            continue
        unclassified += [f"{where}: {each}" for each in kinds if each not in KINDS]
    assert unclassified == [], "add them to portal/notifications/kinds.py"


def test_every_kind_names_a_category_or_a_reason():
    assert {group for group in KINDS.values()} <= CATEGORIES.keys() | MUST.keys()
    assert not CATEGORIES.keys() & MUST.keys()
