"""Reading an issue sent from the site: the event, the author's permission, the snippet."""

from __future__ import annotations

import json

import pytest

from generator.team.intake import (
    MARKER,
    MAX_BODY_CHARS,
    BodyProblem,
    IntakeError,
    extract_snippet,
    is_intake,
    may_write,
    read_event,
)

SNIPPET = f"{MARKER}\nversion: 1\nitems:\n  a/b/c: {{status: done}}\n"


def _problem(body: str) -> str:
    with pytest.raises(BodyProblem) as caught:
        extract_snippet(body)
    return caught.value.reason


def test_the_block_is_read_without_its_fences_and_prose_around_it_is_ignored():
    body = f"Ändringar från webbplatsen.\n\n```yaml\n{SNIPPET}```\nTack!\n"
    assert extract_snippet(body) == SNIPPET


def test_a_longer_fence_may_hold_shorter_backtick_runs():
    snippet = SNIPPET + "answers:\n  a/b/p: {text: 'use ``` here'}\n"
    assert extract_snippet(f"````yaml\n{snippet}````\n") == snippet


def test_a_backtick_run_as_long_as_the_fence_is_refused():
    snippet = SNIPPET + "answers:\n  a/b/p: {text: 'use ```` here'}\n"
    assert _problem(f"````yaml\n{snippet}````\n") == "fence"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("no block at all " + MARKER, "no_block"),
        (f"```yaml\n{SNIPPET}", "no_block"),  # never closed
        (f"~~~yaml\n{SNIPPET}~~~\n", "no_block"),  # tildes: not what the site writes
        (f"  ```yaml\n{SNIPPET}  ```\n", "no_block"),  # indented
        (f"```python\n{SNIPPET}```\n", "no_block"),
        (f"```yaml\n\n{SNIPPET}```\n", "no_block"),  # the marker is not the first line
        (f"```yaml\n{SNIPPET}```\n```\nmore\n```\n", "two_blocks"),
        (f"```\nfirst\n```\n```yaml\n{SNIPPET}```\n", "two_blocks"),
        (f"```yaml\n{SNIPPET}```\n~~~\nrun: x\n~~~\n", "two_blocks"),
    ],
    ids=[
        "prose",
        "unclosed",
        "tildes",
        "indented",
        "info",
        "marker-second",
        "after",
        "before",
        "tilde-after",
    ],
)
def test_anything_but_one_block_of_the_sites_shape_is_refused(body, reason):
    assert _problem(body) == reason


def test_the_size_cap_is_the_bodys_length():
    block = f"```yaml\n{SNIPPET}```\n"
    exactly = block + "x" * (MAX_BODY_CHARS - len(block))
    assert extract_snippet(exactly) == SNIPPET
    with pytest.raises(BodyProblem) as caught:
        extract_snippet(exactly + "x")
    assert (caught.value.reason, caught.value.size) == ("too_large", MAX_BODY_CHARS + 1)


def test_only_a_marker_line_makes_an_issue_ours():
    assert is_intake(f"text\n```yaml\n{MARKER}\n```")
    assert not is_intake(f"What does '{MARKER}' mean?")


def _event(tmp_path, **issue):
    data = {"number": 7, "body": "a\r\nb\rc", "user": {"login": "asa-k", "id": 9}, **issue}
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"action": "opened", "issue": data}), encoding="utf-8")
    return path


def test_the_event_gives_number_author_and_body_with_lf(tmp_path):
    issue = read_event(_event(tmp_path))
    assert (issue.number, issue.login, issue.user_id, issue.body) == (7, "asa-k", 9, "a\nb\nc")
    assert read_event(_event(tmp_path, body=None)).body == ""


@pytest.mark.parametrize(
    "change",
    [
        {"number": True},
        {"number": "7"},
        {"user": {"login": "asa k; rm -rf /", "id": 9}},
        {"user": {"login": "-asa", "id": 9}},
        {"user": {"login": "a" * 40, "id": 9}},
        {"user": {"login": "asa", "id": "9"}},
        {"body": ["x"]},
    ],
)
def test_an_event_not_as_github_sends_it_is_refused(tmp_path, change):
    with pytest.raises(IntakeError):
        read_event(_event(tmp_path, **change))


@pytest.mark.parametrize(
    ("answer", "allowed"),
    [
        ({"permission": "admin", "role_name": "admin", "user": {"login": "Asa-K"}}, True),
        ({"permission": "write", "role_name": "maintain", "user": {"login": "asa-k"}}, True),
        ({"permission": "write", "role_name": "write"}, True),
        ({"permission": "read", "role_name": "triage", "user": {"login": "asa-k"}}, False),
        ({"permission": "read", "role_name": "read", "user": {"login": "asa-k"}}, False),
        ({"permission": "none", "role_name": "none"}, False),
        ({"permission": "write", "role_name": "write", "user": {"login": "someone"}}, False),
        ({}, False),
        ([], False),
        ("not json", False),
    ],
)
def test_only_write_maintain_or_admin_may_write(tmp_path, answer, allowed):
    path = tmp_path / "permission.json"
    path.write_text(answer if isinstance(answer, str) else json.dumps(answer), encoding="utf-8")
    assert may_write(path, "asa-k") is allowed
    assert may_write(tmp_path / "missing.json", "asa-k") is False
