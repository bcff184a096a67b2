"""The shared layers import nothing above them, so the package's arrows run one way and no
two packages import each other (STYLE.md: "Shared packages import no area")."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"
AREAS = {"membership", "decisions", "labs", "groups", "forum", "directory", "privacy", "benchdata"}
# Each layer may import those listed before it, never one after it, nor an area or the site.
LAYERS = [{"config", "extensions", "db", "i18n"}, {"core"}, {"audit", "mail"}, {"auth"}, {"notifications"}, {"site"}]


def _package_of(path):
    parts = path.relative_to(PORTAL).with_suffix("").parts
    return parts[0]


def _imported_packages(path, source=None):
    """The top-level portal packages a module imports, at its top or inside functions."""
    tree, depth = ast.parse(source if source is not None else path.read_text()), len(path.relative_to(PORTAL).parts) - 1
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            # "from ..x import y" in portal/a/b.py names portal/x; "from .. import x" names portal/x too.
            climb = node.level - 1
            if climb > depth:
                continue
            base = list(path.relative_to(PORTAL).parent.parts)[: depth - climb]
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.add(target[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal."):
            found.add(node.module.split(".")[1])
    return found


def _layer(package):
    return next((n for n, layer in enumerate(LAYERS) if package in layer), None)


def test_no_shared_layer_imports_an_area_or_a_layer_above_it():
    wrong = []
    for path in sorted(PORTAL.rglob("*.py")):
        package = _package_of(path)
        own = _layer(package)
        if own is None:
            continue
        for imported in _imported_packages(path) - {package}:
            theirs = _layer(imported)
            if imported in AREAS or (theirs is not None and theirs > own):
                wrong.append(f"{path.relative_to(PORTAL)} imports {imported}")
    assert wrong == []


def test_the_layer_check_sees_imports_that_run_back_up():
    module = PORTAL / "core" / "web.py"
    source = "from ..auth.access import allowed\nfrom .. import membership\nfrom .cache import kept\n"
    assert _imported_packages(module, source) == {"auth", "membership", "core"}
    assert _imported_packages(PORTAL / "auth" / "views.py") >= {"core", "extensions"}
