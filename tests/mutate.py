"""Mutation testing of one module against the fast tests that cover it (docs/testing.md).

Usage (from the repository root; ``make mutate MODULE=...`` runs this):

    python -m tests.mutate generator/writer.py
    python -m tests.mutate generator/writer.py --tests tests/test_writer.py
    python -m tests.mutate generator/content/source.py --functions position _decode

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
import fnmatch
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

FUNCTIONS: dict[str, list[str]] = {
    # The positions errors report; the rest (the parse and its limits) is tested end to end.
    "generator/content/source.py": [
        "position",
        "_child",
        "_item",
        "_scalar_key",
        "_decode",
        "_position",
        "_yaml_issue",
        "_character_at",
        "_duplicate_key",
    ],
    # Staleness: which translation is stale, and where the report points.
    "generator/translations/coverage.py": [
        "check_translations",
        "base_text",
        "_changed_under",
        "_finding",
        "source_hash",
    ],
    # Where a pydantic error points and how it is worded.
    "generator/content/loader.py": [
        "_issue_from_pydantic",
        "_describe",
        "_field_at",
        "_name_of",
        "_unknown_key",
        "_not_text",
        "_colour",
    ],
}
"""In the largest modules, the functions that matter for the score: the whole of
source.py has 560 mutants, about an hour and a half on two busy cores."""


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
    parser.add_argument(
        "--functions", nargs="+", help="mutate only these functions (default: FUNCTIONS)"
    )
    parser.add_argument("--all", action="store_true", help="every function, not FUNCTIONS")
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
    functions = [] if args.all else args.functions or FUNCTIONS.get(module, [])
    dotted = module.removesuffix(".py").replace("/", ".")
    # mutmut names a mutant module.x_function__mutmut_N, or module.xǁClassǁmethod__mutmut_N.
    names = [f"{dotted}.x{sep}{name}__mutmut_*" for name in functions for sep in ("_", "ǁ*ǁ")]
    shown = f" (functions: {', '.join(functions)})" if functions else ""
    print(f"mutating {module}{shown} against: {' '.join(tests)}", flush=True)
    try:
        cli.main(["run", "--max-children", str(args.jobs), *names], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
    report(module, names)


def report(module: str, names: list[str]) -> None:
    """Print the score and every survivor's diff, from the results mutmut left in mutants/."""
    from mutmut.__main__ import cli
    from mutmut.stats import status_by_exit_code

    meta = json.loads(Path("mutants", module + ".meta").read_text(encoding="utf-8"))
    statuses = {
        name: status_by_exit_code[code]
        for name, code in meta["exit_code_by_key"].items()
        if not names or any(fnmatch.fnmatchcase(name, pattern) for pattern in names)
    }
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
