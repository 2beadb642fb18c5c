"""The package's layers, read from the source: imports only run downwards, and no module
imports itself back through others (issue #30 point 6).

Every import counts, a function-level one too: an import hidden in a function to dodge a
cycle is still the cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"

LAYERS: tuple[frozenset[str], ...] = (
    # Modules every layer may use: errors, terminal output, bounded reads, which languages
    # exist, which paths are generated, writing changed files, YAML editing, lock files,
    # brand files and the site folder's checks.
    frozenset(
        {
            "generator",
            "errors",
            "terminal",
            "bounded_read",
            "languages",
            "generated",
            "writer",
            "yaml_edit",
            "lockfile",
            "brand_css",
            "brand_svg",
            "project_files",
            "site_folder",
            "known_issues",
        }
    ),
    frozenset({"content"}),  # load and validate the content
    frozenset({"team"}),  # the team's status file
    frozenset({"site"}),  # render pages and settings (pure)
    frozenset({"translations", "translation_work"}),  # coverage and the translator round trip
    frozenset({"project", "parallel_build", "fork"}),  # the pipeline on a project folder
    frozenset({"cli", "plugin", "__main__"}),  # entry points: the command and the MkDocs plugin
)
"""Lowest first. A unit is a subpackage or a top-level module; the MkDocs plugin
(generator/site/plugin.py) is an entry point beside the CLI, not part of site/."""

ENTRY_POINTS = {"generator.site.plugin": "plugin"}

MODULES_OVER_400_LINES = {
    "generator/content/model.py",
    "generator/content/overlay.py",
    "generator/content/source.py",
    "generator/site/plugin.py",
    "generator/site/render.py",
}
"""Known to be too long (the style rule is under ~400 lines); none may join them, and one
that shrinks must leave this list."""


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    if module in ENTRY_POINTS:
        return ENTRY_POINTS[module]
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_of(name: str) -> int:
    return next(index for index, units in enumerate(LAYERS) if name in units)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path]) -> list[tuple[str, int, int]]:
    """The package's modules that ``path`` imports, each with its line and column."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from generator.site import plugin` imports the module plugin too.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [(name, node.lineno, node.col_offset + 1) for name in names if name in known]
    return found


def graph(known: dict[str, Path]) -> dict[str, dict[str, str]]:
    """module -> {imported module: 'file:line:col' of the first import}."""
    edges: dict[str, dict[str, str]] = defaultdict(dict)
    for module, path in known.items():
        for name, line, col in imports(path, known):
            if name != module:
                where = f"{path.relative_to(REPO)}:{line}:{col}"
                edges[module].setdefault(name, where)
    return edges


def cycles(edges: dict[str, dict[str, str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer():
    placed = set().union(*LAYERS)
    missing = sorted({unit(module) for module in modules()} - placed)
    assert missing == [], f"add these to a layer in LAYERS (tests/test_layers.py): {missing}"


def test_imports_run_only_downwards():
    upward = []
    for module, targets in graph(modules()).items():
        for target, where in targets.items():
            if layer_of(unit(target)) > layer_of(unit(module)):
                upward.append(f"{where}: {unit(module)} imports {target}, a higher layer")
    assert upward == []


def test_no_module_imports_itself_back():
    edges = graph(modules())
    found = [
        " -> ".join(group)
        + ": "
        + ", ".join(edges[a][b] for a in group for b in group if b in edges.get(a, {}))
        for group in cycles(edges)
    ]
    assert found == []


def test_no_two_layers_units_import_each_other():
    units: dict[str, dict[str, str]] = defaultdict(dict)
    for module, targets in graph(modules()).items():
        for target, where in targets.items():
            if unit(target) != unit(module):
                units[unit(module)].setdefault(unit(target), where)
    assert cycles(units) == []


def test_no_module_grows_past_400_lines():
    long = {
        path.relative_to(REPO).as_posix()
        for path in modules().values()
        if len(path.read_text(encoding="utf-8").splitlines()) > 400
    }
    assert long == MODULES_OVER_400_LINES


def test_the_checks_find_an_upward_import_and_a_cycle():
    # The graph functions on a made-up package: content importing site, and a cycle.
    edges = {"generator.content.a": {"generator.site.b": "a.py:3:1"}, "generator.site.b": {}}
    assert layer_of(unit("generator.site.b")) > layer_of(unit("generator.content.a"))
    looped = {"x": {"y": ""}, "y": {"z": ""}, "z": {"x": ""}, "w": {"x": ""}}
    assert cycles(looped) == [["x", "y", "z"]]
    assert cycles(edges) == []
    assert unit("generator.site.plugin") == "plugin" and unit("generator.site.render") == "site"
