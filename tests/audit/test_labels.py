"""Every audit code has words, in English and Welsh: one read of the source finds each code
passed to ``audit.record`` (literal, chosen by a condition, set earlier in the function or
passed in by its callers), and the suite refuses to write an entry whose code has none."""

import ast
from pathlib import Path

import pytest

from portal.audit.labels import KINDS, LABELS, action_label, codes_of, kind_of

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def _expansions():
    """What an f-string code's variable part can be, for the few codes built that way."""
    from portal.labs.models.labs import MOVES
    from portal.membership.forms import ADJUSTMENT_LABELS

    return {"proposal.": set(MOVES), "invoice.": set(ADJUSTMENT_LABELS)}


class _Unresolved(Exception):
    pass


def _parents(tree):
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _enclosing_function(node, parents):
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def _assigned(scope, name):
    """Every expression assigned to ``name`` directly in ``scope`` (tuple unpacking included)."""
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    yield node.value
                elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for part, value in zip(target.elts, node.value.elts):
                        if isinstance(part, ast.Name) and part.id == name:
                            yield value


def _codes(expression, tree, parents, function):
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return {expression.value}
    if isinstance(expression, ast.IfExp):
        return _codes(expression.body, tree, parents, function) | _codes(expression.orelse, tree, parents, function)
    if isinstance(expression, ast.JoinedStr):
        head = expression.values[0]
        prefix = head.value if isinstance(head, ast.Constant) else ""
        if len(expression.values) != 2 or prefix not in _expansions():
            raise _Unresolved(ast.unparse(expression))
        return {prefix + part for part in _expansions()[prefix]}
    if isinstance(expression, ast.Name):
        found = set()
        parameters = [argument.arg for argument in function.args.args] if function else []
        if function is not None and expression.id in parameters:
            position = parameters.index(expression.id)
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == function.name:
                    given = [k.value for k in call.keywords if k.arg == expression.id] or call.args[position:position + 1]
                    for value in given:
                        found |= _codes(value, tree, parents, _enclosing_function(call, parents))
        else:
            for value in _assigned(function or tree, expression.id):
                found |= _codes(value, tree, parents, function)
            if not found:  # a module's constant
                for statement in tree.body:
                    for value in _assigned(statement, expression.id):
                        found |= _codes(value, tree, parents, None)
        if not found:
            raise _Unresolved(expression.id)
        return found
    raise _Unresolved(ast.unparse(expression))


def recorded_codes():
    """Each code given to ``audit.record`` anywhere under portal/, with where it is recorded."""
    codes, unresolved = {}, []
    for path in sorted(PORTAL.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        parents = _parents(tree)
        for call in ast.walk(tree):
            func = getattr(call, "func", None)
            if not (isinstance(call, ast.Call) and isinstance(func, ast.Attribute) and func.attr == "record"
                    and isinstance(func.value, ast.Name) and func.value.id == "audit" and call.args):
                continue
            where = f"{path.relative_to(PORTAL.parent)}:{call.lineno}"
            try:
                for code in _codes(call.args[0], tree, parents, _enclosing_function(call, parents)):
                    codes.setdefault(code, where)
            except _Unresolved as error:
                unresolved.append(f"{where}: {error}")
    return codes, unresolved


def test_every_code_recorded_in_the_source_has_words():
    codes, unresolved = recorded_codes()
    assert not unresolved, f"audit codes this test cannot work out (give them as literals): {unresolved}"
    assert len(codes) > 90  # the reading of the source found them
    missing = {code: where for code, where in codes.items() if code not in LABELS}
    assert not missing, f"audit codes without words in portal/audit/labels.py: {missing}"


def test_every_code_with_words_is_still_recorded():
    codes, _ = recorded_codes()
    assert set(LABELS) - set(codes) == set()


def test_every_code_belongs_to_a_kind_of_event():
    assert [code for code in LABELS if kind_of(code) is None] == []
    assert sum(len(codes_of(kind)) for kind in KINDS) == len(LABELS)


def test_codes_read_as_words_in_english_and_welsh(app):
    from flask_babel import force_locale

    with app.test_request_context():
        with force_locale("en"):
            assert action_label("person.second_factor_added") == "Turned on an authenticator app"
        with force_locale("cy"):
            welsh = action_label("person.second_factor_added")
        assert welsh and welsh != "Turned on an authenticator app"


def test_the_suite_refuses_an_audit_code_without_words(app):
    from portal import audit

    with pytest.raises(AssertionError, match="no words"):
        audit.record("person.did_something_new")
