"""Lock files: small JSON files beside the content that record hashes a person confirmed.

``translations.lock`` (translations confirmed against their source text) and
``upstream.lock`` (base texts an overlay's author reviewed) share this one reader and
writer: the same format, the same atomic write, the same message when a file is damaged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.bounded_read import UnreadableFile, read_bounded
from generator.errors import GeneratorError
from generator.writer import replace_atomically

MAX_LOCK_BYTES = 32 * 1024 * 1024
"""As large as a content file may be: a lock holds one hash per text, far less than that."""


@dataclass(frozen=True)
class LockFile:
    """One kind of lock file: its name, the key holding its hashes, and how to remake it."""

    name: str
    """File name beside the content file, e.g. 'translations.lock'."""
    key: str
    """The JSON key that maps paths to hashes."""
    label: str
    """What the file is, in messages: 'translation lock'."""
    writer: str
    """The command that writes it, for the file's comment and the repair hint."""
    repair: str
    """When to run that command again, in the repair hint."""

    def path(self, content: Path) -> Path:
        return content.resolve().parent / self.name

    def read(self, content: Path) -> dict[str, str]:
        """The recorded hashes; {} when there is no file; GeneratorError if it is damaged."""
        path = self.path(content)
        try:
            # Never through a symlink, and bounded: a committed link to /dev/zero or to a
            # file outside the project is refused, not read (issue #23).
            text = read_bounded(path, MAX_LOCK_BYTES, follow_symlinks=False).decode("utf-8")
        except FileNotFoundError:
            return {}
        except UnreadableFile as error:
            raise self._damaged(path, f"it {error.reason}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise self._damaged(path, str(error)) from None
        try:
            data = json.loads(text)
        except ValueError as error:
            raise self._damaged(path, f"not JSON: {error}") from None
        values = data.get(self.key) if isinstance(data, dict) else None
        if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values.items()
        ):
            raise self._damaged(path, f"no '{self.key}' mapping of {self._what} to hashes")
        return dict(values)

    def write(self, content: Path, values: dict[str, str]) -> None:
        body = {
            "comment": f"Written by '{self.writer}'. Do not edit by hand.",
            self.key: dict(sorted(values.items())),
        }
        data = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        replace_atomically(self.path(content), data)

    @property
    def _what(self) -> str:
        return "texts" if self.key == "confirmed" else "paths"

    def _damaged(self, path: Path, reason: str) -> GeneratorError:
        return GeneratorError(
            f"{path}: the {self.label} is damaged ({reason}); restore it from version control, "
            f"or delete it and run '{self.writer}' {self.repair}"
        )


TRANSLATIONS_LOCK = LockFile(
    "translations.lock",
    "confirmed",
    "translation lock",
    "playbook translations confirm",
    "once the translations are checked",
)
UPSTREAM_LOCK = LockFile(
    "upstream.lock",
    "base_values",
    "upstream lock",
    "playbook diff --accept",
    "once you have reviewed the base",
)
