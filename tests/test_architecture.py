"""The shape of the package: imports flow one way, no circles, modules stay small."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "meeting"
# Lower layers never import higher ones; packages of one layer do not import each other.
LAYERS = [
    {"extensions", "config"},
    {"lib"},
    {"models"},
    {"programme"},
    {"people"},
    {"floor"},
    {"site", "runofshow"},
    {"formats"},
    {"invitations"},
    {"reminders"},
    {"exchange"},
    {"views", "cli"},
    {"__init__"},
]
RANK = {name: n for n, layer in enumerate(LAYERS) for name in layer}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every meeting.* module this file imports, anywhere in it (lazy imports count too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("meeting")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("meeting"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names
                          if (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/")).exists()
                          or (PACKAGE.parent / (f"{target}.{a.name}".replace(".", "/") + ".py")).exists()}
    return found - {name}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # An import of a package means its __init__; keep only modules that exist.
        graph[name] = {t for t in _imports(path) if t in modules}
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_package_imports_flow_down_the_layers():
    wrong = sorted(
        f"{source} imports {target}"
        for source, targets in _graph().items() for target in targets
        if _top(source) != _top(target) and RANK[_top(target)] >= RANK[_top(source)]
    )
    assert wrong == []


def test_package_has_no_import_circle():
    graph = _graph()
    circles, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" → ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_stays_under_the_size_limit(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES
