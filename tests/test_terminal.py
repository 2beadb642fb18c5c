"""No command prints a raw control character from content or a status file (issue #23).

Owners, notes, keys and texts come from files anyone with a pull request can change. Each
command below is fed control characters (ESC sequences, a C1 CSI, a carriage return, DEL,
bidi overrides) through the places it quotes, and nothing it prints may hold one raw.
Files keep their exact bytes, and ``--json`` its exact values.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.terminal import terminal_safe
from tests.conftest import FIXTURES, make_project

NASTY = "\x1b]0;pwned\x07\x1b[2J\r\x9b31m\x7f\u202eå\u2066ø\u2069"
"""A terminal title, a clear screen, a carriage return, a C1 CSI, DEL, bidi controls."""
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_terminal_safe_escapes_exactly_the_controls_a_terminal_acts_on():
    assert terminal_safe("a\tb\nc") == "a\tb\nc"
    assert terminal_safe("æ ø å ä ö") == "æ ø å ä ö"
    assert terminal_safe(NASTY) == (
        "\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\\u009b31m\\u007f\\u202eå\\u2066ø\\u2069"
    )
    assert json.loads(f'"{terminal_safe(json.dumps(NASTY, ensure_ascii=False)[1:-1])}"') == NASTY


def _run(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "-c", str(content)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )


def _assert_clean(result: subprocess.CompletedProcess, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert RAW.findall(output) == [], output
    assert "Traceback" not in output
    for text in expected:
        assert text in output, output


def _status(tmp_path: Path, *, bad_key: bool) -> Path:
    """The small fixture with a status file whose owner and answer hold control characters,
    and with ``bad_key`` an entry whose key holds them too (an error that quotes the key)."""
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    items = {"loop/first/say-hello": {"status": "in-progress", "owner": f"AK{NASTY}"}}
    if bad_key:
        items[f"loop/first/gone{NASTY}"] = {"status": "done"}
    status = {
        "version": 1,
        "items": items,
        "answers": {"loop/first/who-first": {"text": f"Svar {NASTY}"}},
    }
    (content.parent / "progress.yaml").write_text(json.dumps(status), encoding="utf-8")
    return content


BAD_KEY = "items[loop/first/gone\\u001b]0;pwned\\u0007"


@pytest.mark.parametrize("command", ["validate", "generate", "progress"])
def test_a_status_key_reaches_the_terminal_escaped(tmp_path, command):
    result = _run(_status(tmp_path, bad_key=True), command)
    assert result.returncode == 1, result.stdout
    _assert_clean(result, BAD_KEY)


def test_progress_shows_owners_escaped_and_json_keeps_exact_values(tmp_path):
    content = _status(tmp_path, bad_key=False)
    table = _run(content, "progress", "--lang", "en")
    assert table.returncode == 0, table.stderr
    _assert_clean(table, "AK\\u001b]0;pwned")
    result = _run(content, "progress", "--json")
    _assert_clean(result)
    owners = json.loads(result.stdout)["journeys"][0]["stages"][0]["owners"]
    assert owners == [f"AK{NASTY}"]


def test_content_errors_reach_the_terminal_escaped(tmp_path):
    text = (FIXTURES / "small.yaml").read_text(encoding="utf-8")
    # YAML refuses raw control characters; its double-quoted escapes (JSON's) carry them.
    bad = text.replace("    cyclic: true\n", f"    {json.dumps(f'cyc{NASTY}lic')}: true\n", 1)
    content = make_project(tmp_path / "project", bad)
    for command in ("validate", "generate"):
        result = _run(content, command)
        assert result.returncode == 1, (command, result.stdout)
        _assert_clean(result, "unknown key 'cyc\\u001b]0;pwned")
    _assert_clean(_run(content, "show"), '"cyc\\u001b]0;pwned\\u0007')


def test_diff_and_show_quote_overlay_texts_escaped(tmp_path):
    project = tmp_path / "project"
    make_project(project, FIXTURES / "small.yaml")
    (project / "content.yaml").rename(project / "base.yaml")
    overlay = {
        "extends": "base.yaml",
        "journeys": [{"id": "loop", "name": {"en": f"The loop {NASTY}"}}],
    }
    content = project / "content.yaml"
    content.write_text(json.dumps(overlay), encoding="utf-8")
    _assert_clean(_run(content, "diff"), "The loop \\u001b]0;pwned")
    shown = _run(content, "show")
    _assert_clean(shown, "The loop \\u001b]0;pwned")
    import yaml

    assert yaml.safe_load(shown.stdout)["journeys"][0]["name"]["en"] == f"The loop {NASTY}"


def test_translations_import_quotes_a_bad_row_escaped(tmp_path):
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    table = tmp_path / "nb.csv"
    table.write_text(
        # No carriage return here: it would end the row (a CSV reader's rule, not ours).
        f"path;language;source;translation\nsite.title{NASTY.replace(chr(13), '')};nb;"
        "Liten resa;Liten reise\n",
        encoding="utf-8",
    )
    result = _run(content, "translations", "import", str(table))
    assert result.returncode == 1
    _assert_clean(result, "row 2: site.title\\u001b]0: no text")  # ';' ends the cell
    result = _run(content, "translations")
    _assert_clean(result)


@pytest.mark.slow  # a real mkdocs build
def test_build_prints_status_keys_escaped(tmp_path):
    result = _run(_status(tmp_path, bad_key=True), "build", "--jobs", "1")
    assert result.returncode == 1, result.stdout
    _assert_clean(result, BAD_KEY)
