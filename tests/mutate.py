"""Mutation testing of one module against the fast tests that cover it (docs/testing.md).

Usage (from the repository root; ``make mutate MODULE=...`` runs this):

    python -m tests.mutate generator/writer.py
    python -m tests.mutate generator/writer.py --tests tests/test_writer.py

mutmut changes the module one small edit at a time (``<`` to ``<=``, a string to another,
``and`` to ``or``...) and runs the tests that call the changed function; a mutant no test
notices ("survived") is a change of behaviour the suite would let through. Each run starts
afresh in ``mutants/`` (git ignores it) and ends with the score and the survivors' diffs.

mutmut reads its settings only from pyproject.toml (``[tool.mutmut]``: what to copy, and
``-m "not slow"`` for every test run); the module and its tests differ per run, so they are
set here on the settings object mutmut hands out, before its ``run`` command starts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_NO_PROPERTY_TESTS = [
    "-k",
    "not arbitrary_text and not descriptions_are_markdown and not hostile_snippets",
]
"""The hypothesis property tests take a minute each: they hunt hostile inputs, not a changed
operator, and would make every surviving mutant cost minutes."""

TESTS: dict[str, list[str]] = {
    "generator/site/markup.py": [
        "tests/site/test_markup.py",
        "tests/site/test_security.py",
        "tests/site/test_render.py",
        *_NO_PROPERTY_TESTS,
    ],
    "generator/cli/progress.py": ["tests/team/test_progress_cli.py"],
    "generator/writer.py": ["tests/test_writer.py", "tests/test_cli.py"],
    "generator/content/overlay.py": ["tests/content/test_overlay.py"],
    "generator/content/removal.py": ["tests/content/test_overlay.py", "tests/fork/test_drift.py"],
    "generator/team/summary.py": [
        "tests/team/test_team_summary.py",
        "tests/site/test_team_view.py",
    ],
    "generator/lockfile.py": [
        "tests/test_lockfile.py",
        "tests/translations/test_translations.py",
        "tests/fork/test_drift.py",
    ],
    "generator/translations/coverage.py": [
        "tests/translations/test_translations.py",
        "tests/translations/test_any_language.py",
    ],
    "generator/content/source.py": [
        "tests/content/test_loader.py",
        "tests/content/test_parse_cache.py",
    ],
    "generator/content/loader.py": [
        "tests/content/test_loader.py",
        "tests/content/test_overlay.py",
    ],
}
"""The fast tests each module is scored against: those written for it, chosen so that one
run takes minutes on two cores. A module not listed gets every test file that names it."""


def tests_for(module: str) -> list[str]:
    if module in TESTS:
        return TESTS[module]
    dotted = module.removesuffix(".py").replace("/", ".")
    return sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "tests").rglob("test_*.py")
        if dotted in path.read_text(encoding="utf-8")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="a module of generator/, e.g. generator/writer.py")
    parser.add_argument("--tests", nargs="+", help="test files or folders (default: TESTS)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    args = parser.parse_args()
    module = Path(args.module).as_posix()
    if not module.startswith("generator/") or not (REPO / module).is_file():
        parser.error(f"{module}: not a module of generator/")
    tests = args.tests or tests_for(module)
    if not tests:
        parser.error(f"no test file names {module}: pass --tests")
    os.chdir(REPO)
    shutil.rmtree("mutants", ignore_errors=True)  # a score is of one module and one selection

    from mutmut.__main__ import cli
    from mutmut.configuration import config

    settings = config()
    settings.only_mutate = [module]
    settings.pytest_add_cli_args_test_selection = tests
    print(f"mutating {module} against: {' '.join(tests)}", flush=True)
    try:
        cli.main(["run", "--max-children", str(args.jobs)], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
    report(module)


def report(module: str) -> None:
    """Print the score and every survivor's diff, from the results mutmut left in mutants/."""
    from mutmut.__main__ import cli
    from mutmut.stats import status_by_exit_code

    meta = json.loads(Path("mutants", module + ".meta").read_text(encoding="utf-8"))
    statuses = {name: status_by_exit_code[code] for name, code in meta["exit_code_by_key"].items()}
    counts = Counter(statuses.values())
    survivors = sorted(name for name, status in statuses.items() if status != "killed")
    for name in survivors:
        cli.main(["show", name], standalone_mode=False)
    print(
        f"\n{module}: killed {counts['killed']}/{len(statuses)} "
        f"({', '.join(f'{n} {s}' for s, n in sorted(counts.items()))})"
    )


if __name__ == "__main__":
    sys.exit(main())
