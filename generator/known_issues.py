"""The accessibility problems every site this tool builds still has: the one list of them.

The accessibility statement page (site/accessibility.py) lists these, with their texts in
``site/ui_text/*.yml``, and the content checks refuse ``compliance: full`` while any is left.
Each has a test in tests/site/test_known_issues.py that expects the fix and is marked as an
expected failure: once the fix lands the test passes, the run fails, and the fixer removes the
entry here (and its texts in every ui_text file). So the statement never lists a fixed issue,
and never misses a known one. The lowest layer of the package: it imports nothing.
"""

from __future__ import annotations

from typing import NamedTuple


class KnownIssue(NamedTuple):
    """One known problem: its id (the test's name says it), and the interface text keys of
    what does not work and of the way round it."""

    id: str
    issue: str
    workaround: str


KNOWN_ISSUES: tuple[KnownIssue, ...] = ()
"""What still fails, in the order the statement lists it."""
