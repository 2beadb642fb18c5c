"""Content as YAML with where each line came from: ``playbook show``.

An overlay's merged content comes from several files; each printed line ends
with a comment naming the file and line that provided it (``# default:content.yaml:41``),
so an error that points into the base can be read without opening the base.
The output is itself valid YAML.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import yaml

from generator.terminal import terminal_safe

Locate = Callable[..., tuple[str, int, int]]


def show_yaml(data: Any, locate: Locate) -> str:
    """``data`` as block YAML, each line commented with ``locate(path)``'s file and line."""
    lines: list[tuple[str, str]] = []
    _emit(data, (), 0, lines, locate)
    width = min(max((len(text) for text, _ in lines), default=0), 76) + 2
    return "".join(
        f"{text.ljust(width - 2)}  # {origin}\n" if origin else f"{text}\n"
        for text, origin in lines
    )


def _emit(value: Any, path: tuple, indent: int, lines: list, locate: Locate) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, child in value.items():
            here = path + (key,)
            origin = _where(locate, here, key=True)
            _entry(f"{pad}{_scalar(key)}:", child, here, indent, lines, locate, origin)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            here = path + (index,)
            origin = _where(locate, here)
            if isinstance(child, dict) and child:
                # "- key: value" for the first key, the rest aligned under it.
                start = len(lines)
                _emit(child, here, indent + 2, lines, locate)
                text, first_origin = lines[start]
                lines[start] = (f"{pad}- {text[indent + 2 :]}", first_origin or origin)
            else:
                _entry(f"{pad}-", child, here, indent, lines, locate, origin)


def _entry(
    head: str, child: Any, here: tuple, indent: int, lines: list, locate: Locate, origin: str
) -> None:
    if isinstance(child, (dict, list)) and child:
        lines.append((head, origin))
        _emit(child, here, indent + 2, lines, locate)
    elif (
        isinstance(child, str)
        and "\n" in child.rstrip("\n")
        and not child[:1].isspace()
        and terminal_safe(child) == child
    ):
        lines.append((f"{head} |{'' if child.endswith(chr(10)) else '-'}", origin))
        lines.extend(
            (" " * (indent + 2) + line if line else "", "")
            for line in child.rstrip("\n").split("\n")
        )
    else:
        lines.append((f"{head} {_scalar(child)}", origin))


def _scalar(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, str) and terminal_safe(value) != value:
        # Printed on a terminal: a JSON string (valid YAML) with every control character as
        # \uXXXX, which YAML reads back as the same character.
        return terminal_safe(json.dumps(value, ensure_ascii=False))
    text = yaml.safe_dump(value, allow_unicode=True, width=float("inf"), default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


def _where(locate: Locate, path: tuple, key: bool = False) -> str:
    file, line, _ = locate(path, key=key)
    return f"{file}:{line}"
