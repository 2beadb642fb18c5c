"""Errors the generator raises. The CLI turns each into a message and exit status 1.

Library code never prints and never exits; it raises one of these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in the content, located in the file and inside the content tree."""

    file: str
    line: int
    """1-based line of the offending YAML node (0 when the file itself is the problem)."""
    column: int
    """1-based column of that node."""
    path: str
    """Where in the content, e.g. ``journeys[customer-journey].stages[awareness].name.nb``."""
    message: str
    hint: str = ""
    """How to fix it, in one sentence."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class GeneratorError(Exception):
    """Base class: anything the user can fix. Never shown with a traceback."""


class ContentError(GeneratorError):
    """Raised by the loader when content.yaml has one or more problems; carries all of them."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.issues)
        lines = [str(issue) for issue in self.issues]
        lines.append(
            f"{count} error{'s' if count != 1 else ''} in the content; nothing was written."
        )
        return "\n".join(lines)


class WriteConflictError(GeneratorError):
    """Raised by the writer when it would overwrite or delete a file a person wrote or edited."""

    def __init__(self, paths: list[str]):
        self.paths = sorted(paths)
        listing = "\n".join(f"  {path}" for path in self.paths)
        super().__init__(
            "refusing to overwrite or delete files that were written or edited by hand:\n"
            f"{listing}\n"
            "Move your changes into content.yaml (or rename the file), "
            "or run again with --force to replace them. Nothing was written."
        )


class BuildError(GeneratorError):
    """Raised when the mkdocs build itself fails or warns under --strict."""
