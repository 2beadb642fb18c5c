"""Every third-party package the code imports is declared in pyproject.toml.

A package that arrives only through another one (nh3 came with twine, a test tool) works
in the developer's venv and breaks every client install (issue #10: a wheel that stands on
its own).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

from tests.conftest import REPO


def _imported_top_level_modules() -> set[str]:
    names = set()
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"generator"}


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-")
        for spec in project["dependencies"]
    }


def test_every_imported_package_is_a_declared_dependency():
    owners = metadata.packages_distributions()
    missing = {}
    for module in sorted(_imported_top_level_modules()):
        distributions = {d.lower().replace("_", "-") for d in owners.get(module, [module])}
        if not distributions & _declared():
            missing[module] = sorted(distributions)
    assert missing == {}
