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

    version: int = 1
    """The newest format this tool writes; a file of a newer one is refused, not misread.
    Version 1 is written without a version field (as before there was one)."""
    extra: tuple[str, ...] = ()
    """Other mappings of text to text the file may hold beside ``key``."""

    def read(self, content: Path) -> dict[str, str]:
        """The recorded hashes; {} when there is no file; GeneratorError if it is damaged."""
        return self.read_sections(content)[self.key]

    def read_sections(self, content: Path) -> dict[str, dict[str, str]]:
        """``key`` and each of ``extra``, each a mapping ({} when absent or no file)."""
        path = self.path(content)
        try:
            # Never through a symlink, and bounded: a committed link to /dev/zero or to a
            # file outside the project is refused, not read (issue #23).
            text = read_bounded(path, MAX_LOCK_BYTES, follow_symlinks=False).decode("utf-8")
        except FileNotFoundError:
            return {name: {} for name in (self.key, *self.extra)}
        except UnreadableFile as error:
            raise self._damaged(path, f"it {error.reason}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise self._damaged(path, str(error)) from None
        try:
            data = json.loads(text)
        except ValueError as error:
            raise self._damaged(path, f"not JSON: {error}") from None
        values = data.get(self.key) if isinstance(data, dict) else None
        if not _text_mapping(values):
            raise self._damaged(path, f"no '{self.key}' mapping of {self._what} to hashes")
        assert isinstance(data, dict) and isinstance(values, dict)
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self._damaged(path, f"its version is {version!r}, not a whole number")
        if version > self.version:
            raise GeneratorError(
                f"{path}: this {self.label} is of format {version}, written by a newer Journey "
                f"Playbook than this one (which reads up to {self.version}); upgrade the tool"
            )
        sections = {self.key: dict(values)}
        for name in self.extra:
            extra = data.get(name, {})
            if not _text_mapping(extra):
                raise self._damaged(path, f"'{name}' is not a mapping of paths to texts")
            sections[name] = dict(extra)
        return sections

    def write(self, content: Path, values: dict[str, str], **extra: dict[str, str]) -> None:
        body: dict[str, object] = {"comment": f"Written by '{self.writer}'. Do not edit by hand."}
        if self.version > 1:
            body["version"] = self.version
        body[self.key] = dict(sorted(values.items()))
        for name in self.extra:
            if extra.get(name):
                body[name] = dict(sorted(extra[name].items()))
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


def _text_mapping(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


TRANSLATIONS_LOCK = LockFile(
    "translations.lock",
    "confirmed",
    "translation lock",
    "playbook translations confirm",
    "once the translations are checked",
    # 2: each value names the language of the source it was confirmed against ("en:3f2a…"),
    # so a Danish text translated from the English one goes stale when the English changes
    # (issue #27). Version 1 values are bare hashes, against the default language.
    version=2,
)
UPSTREAM_LOCK = LockFile(
    "upstream.lock",
    "base_values",
    "upstream lock",
    "playbook diff --accept",
    "once you have reviewed the base",
    # The accepted base texts themselves, so `playbook diff` can show what a drifted one was.
    extra=("base_texts",),
)
