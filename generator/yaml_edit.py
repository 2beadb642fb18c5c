"""Editing a person's YAML file in place: ruamel.yaml's round trip, which keeps comments,
key order and formatting, and an atomic write that keeps the file's mode.

Shared by the translator import (generator/translations/roundtrip.py) and the team status
import (generator/team/importer.py): both change a few values in a file a person wrote.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from generator.writer import replace_atomically


def replace_keeping_mode(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; a file already there keeps its permissions."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    replace_atomically(path, data)
    if mode is not None:
        os.chmod(path, mode)


class _Timestamp(str):
    """A date or time, written as the person wrote it and without quotes."""


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round-trip loader and dumper, set up the way the project writes YAML."""
    editor = YAML()
    editor.preserve_quotes = True
    editor.width = 4096
    editor.indent(mapping=2, sequence=4, offset=2)
    # With the timestamp tag, the emitter writes the text plain when YAML reads it back
    # as that same timestamp; date_scalar() only makes one of those.
    editor.representer.add_representer(
        _Timestamp,
        lambda representer, value: representer.represent_scalar(
            "tag:yaml.org,2002:timestamp", str(value)
        ),
    )
    return editor


def block_text_scalar(value: str, *, flow: bool = False):
    """Text for a block mapping (``key: value`` lines): plain where YAML reads it back as
    the same text (commas and brackets are fine there), a literal block (``|``) for text
    of several lines, else quoted. With ``flow`` (inside ``{…}``), as_text_scalar."""
    if "\n" in value.strip("\n"):
        if _LITERAL_UNSAFE.search(value):
            return DoubleQuotedScalarString(value)  # escaped: a literal block would change it
        return LiteralScalarString(value)  # the emitter quotes it inside {…}
    if flow or _BLOCK_UNSAFE.search(value):
        return as_text_scalar(value)
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        parsed = None
    return value if isinstance(parsed, str) and parsed == value else as_text_scalar(value)


def date_scalar(value: str) -> str:
    """``2026-12-15`` or ``2026-12-15T10:00:00Z`` to write unquoted, as a person would.

    Anything YAML would not read as a date or time stays quoted text.
    """
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, datetime.date):
        return _Timestamp(value)
    return DoubleQuotedScalarString(value)


def as_text_scalar(value: str):
    """``value`` quoted when YAML would otherwise read it as something other than text.

    A translator's "No", "On" or "010" must stay text: written plain, YAML 1.1 reads a
    boolean or a number, and the import would then fail on a file nobody can fix.
    """
    # Texts often land in a flow mapping ({sv: …, en: …}), where , ? [ ] { } and a leading
    # or last : end the value too.
    if _FLOW_UNSAFE.search(value):
        return DoubleQuotedScalarString(value)
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, str) and parsed == value:
        return value
    return DoubleQuotedScalarString(value)


# What a literal block (|) cannot hold as it is: \r (read back as a line break), the line
# breaks YAML 1.1 knows besides \n (NEL, LS, PS), and characters outside YAML's printable
# set, which the emitter would write raw and the reader then refuse.
_LITERAL_UNSAFE = re.compile(
    "[\r\x85\u2028\u2029\ufeff]|[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_BLOCK_UNSAFE = re.compile(r"""^[\s?:\-,\[\]{}#&*!|>'"%@`]|: | #|\s$""")
# Pure-Python PyYAML ends a plain value inside {…} at any ? (libyaml and ruamel.yaml read on):
# "Kan jeg identificere mig med dette brand?" must be quoted there.
_FLOW_UNSAFE = re.compile(r"""^[\s?:\-,\[\]{}#&*!|>'"%@`]|[,?\[\]{}]|: |:$| #|\s$""")
