"""The status file loads, and every mistake in it is reported at once with its position."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from generator.errors import ContentError
from generator.team.loader import load_team_status, read_team_status
from generator.team.model import TeamStatus, moment
from tests.team.conftest import write_status

VALID = """\
# The team's status: published with the site.
version: 1
items:
  loop/first/say-hello:
    status: done
    owner: AK
    changed: 2026-11-20
  short/-/gather-team:
    status: in-progress
    owner: Projektledare Åsa
    due: 2026-12-15
    note: Väntar på webbteamet, møte på fredag
  shared/basics/answer-fast:
    status: not-applicable
answers:
  loop/first/who-first:
    text: Kundtjänst och säljarna
    changed: 2026-11-20T14:30:00Z
"""


def errors_of(tmp_path, small_playbook, text: str) -> list[str]:
    write_status(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        load_team_status(tmp_path, small_playbook, display_name="progress.yaml")
    return [str(issue) for issue in caught.value.issues]


def test_a_valid_file_loads_with_its_dates_and_nordic_text(tmp_path, small_playbook):
    write_status(tmp_path, VALID)
    status = load_team_status(tmp_path, small_playbook)
    item = status.items["short/-/gather-team"]
    assert item.status == "in-progress"
    assert item.owner == "Projektledare Åsa"
    assert item.due == date(2026, 12, 15)
    assert item.note == "Väntar på webbteamet, møte på fredag"
    assert status.items["loop/first/say-hello"].changed == date(2026, 11, 20)
    assert isinstance(status.answers["loop/first/who-first"].changed, datetime)
    assert status.state_of("loop/first/know-names") == "not-started"
    assert status.state_of("shared/basics/answer-fast") == "not-applicable"


def test_no_file_and_a_file_of_comments_are_an_empty_status(tmp_path, small_playbook):
    assert load_team_status(tmp_path, small_playbook) == TeamStatus.empty()
    write_status(tmp_path, "# nothing yet\n\n")
    assert load_team_status(tmp_path, small_playbook) == TeamStatus.empty()
    write_status(tmp_path, "version: 1\nitems:\n#  loop/first/say-hello: {status: done}\n")
    assert load_team_status(tmp_path, small_playbook) == TeamStatus.empty()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "items:\n  loop/first/say-hello:\n    status: finished\n",
            "progress.yaml:3:13: items[loop/first/say-hello].status: 'finished' is not a status\n"
            "    hint: use one of: done, in-progress, not-applicable, not-started",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: in progress\n",
            "progress.yaml:3:13: items[loop/first/say-hello].status: 'in progress' is not a "
            "status\n    hint: did you mean 'in-progress'? (use one of: done, in-progress, "
            "not-applicable, not-started)",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    due: 2026-13-40\n",
            "progress.yaml:4:10: items[loop/first/say-hello].due: '2026-13-40' is not a date\n"
            "    hint: write it as YYYY-MM-DD, e.g. 2026-12-15",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    due: 15.12.2026\n",
            "progress.yaml:4:10: items[loop/first/say-hello].due: '15.12.2026' is not a date\n"
            "    hint: write it as YYYY-MM-DD, e.g. 2026-12-15",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    due: 20261215\n",
            "progress.yaml:4:10: items[loop/first/say-hello].due: 20261215 is not a date\n"
            "    hint: write it as YYYY-MM-DD, e.g. 2026-12-15",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    changed: yesterday\n",
            "progress.yaml:4:14: items[loop/first/say-hello].changed: 'yesterday' is not a date "
            "or a date and time\n    hint: write it as YYYY-MM-DD, e.g. 2026-12-15 or "
            "2026-12-15T14:30:00Z",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    owner: " + "Å" * 81 + "\n",
            "progress.yaml:4:12: items[loop/first/say-hello].owner: the owner is 81 characters "
            "long; the limit is 80\n    hint: an initial or a role is enough",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    note: " + "x" * 501 + "\n",
            "progress.yaml:4:11: items[loop/first/say-hello].note: the note is 501 characters "
            "long; the limit is 500\n    hint: keep the note short; put the detail in an answer",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    owners: AK\n",
            "progress.yaml:4:5: items[loop/first/say-hello].owners: unknown key 'owners'\n"
            "    hint: did you mean 'owner'?",
        ),
        (
            "items:\n  loop/first/say-hello:\n    owner: AK\n",
            "progress.yaml:3:5: items[loop/first/say-hello].status: missing required field 'status'\n"
            "    hint: add 'status:' (done, in-progress, not-applicable, not-started)",
        ),
        (
            "items:\n  loop/first/say-hello: done\n",
            "progress.yaml:2:25: items[loop/first/say-hello]: expected the item's fields, got "
            "text\n    hint: write 'status: done' on its own line, indented under the key",
        ),
        (
            "answers:\n  loop/first/who-first:\n    changed: 2026-11-20\n",
            "progress.yaml:3:5: answers[loop/first/who-first].text: missing required field "
            "'text'\n    hint: add 'text:' with the team's agreed answer",
        ),
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    owner: 42\n",
            "progress.yaml:4:12: items[loop/first/say-hello].owner: expected text, got number 42\n"
            "    hint: put the text after the colon, in quotes if it looks like a number",
        ),
        (
            "items:\n  12: {status: done}\n",
            "progress.yaml:2:3: items[12]: the key 12 is not text\n    hint: write journey/stage/"
            "item with the content's ids, e.g. customer-journey/awareness/<item-id>; journey/-/"
            "<item-id> for a journey's 'before you start' items, shared/<checklist-id>/<item-id> "
            "for a shared checklist",
        ),
        (
            "answers:\n  loop/first/who-first: Vi vet inte\n",
            "progress.yaml:2:25: answers[loop/first/who-first]: expected the answer's fields, got "
            "text\n    hint: write 'text: ...' on its own line, indented under the key",
        ),
        (
            "items: [a]\n",
            "progress.yaml:1:8: items: expected a mapping (key: value), got a list\n"
            "    hint: write the entries as 'key:' lines indented under this key",
        ),
        # Worded from the model's constraints (issue #30): the hints were "write it, ..." before.
        (
            "items:\n  loop/first/say-hello:\n    status: done\n    owner: '  '\n",
            "progress.yaml:4:12: items[loop/first/say-hello].owner: the owner is empty\n"
            "    hint: write the owner, or remove the key",
        ),
        (
            "answers:\n  loop/first/who-first:\n    text: " + "ä" * 20_001 + "\n",
            "progress.yaml:3:11: answers[loop/first/who-first].text: the text is 20,001 characters "
            "long; the limit is 20,000\n    hint: shorten the answer",
        ),
        (
            "version: 2\nitems: {}\n",
            "progress.yaml:1:10: version: this file is format version 2; this playbook reads "
            "version 1\n    hint: write version: 1, or update journey-playbook to read the newer "
            "format",
        ),
        (
            "- loop/first/say-hello\n",
            "progress.yaml:1:1: expected a mapping with version, items and answers, got a list\n"
            "    hint: start the file with 'version: 1' and 'items:' (see the README)",
        ),
    ],
)
def test_each_mistake_has_its_position_and_a_hint(tmp_path, small_playbook, text, expected):
    assert errors_of(tmp_path, small_playbook, text) == [expected]


def test_unknown_ids_are_errors_with_a_suggestion(tmp_path, small_playbook):
    text = (
        "items:\n"
        "  loop/first/say-helo: {status: done}\n"
        "  loop/first/who-first: {status: done}\n"
        "  Loop/First: {status: done}\n"
        "answers:\n"
        "  loop/first/say-hello: {text: Hej}\n"
    )
    assert errors_of(tmp_path, small_playbook, text) == [
        "progress.yaml:2:3: items[loop/first/say-helo]: the content has no checklist item "
        "'loop/first/say-helo'\n    hint: did you mean 'loop/first/say-hello'?",
        "progress.yaml:3:3: items[loop/first/who-first]: this is a prompt, not a checklist "
        "item\n    hint: move it under answers:, with the team's answer as text:",
        "progress.yaml:4:3: items[Loop/First]: 'Loop/First' is not a progress key\n"
        "    hint: write journey/stage/item with the content's ids, e.g. customer-journey/"
        "awareness/<item-id>; journey/-/<item-id> for a journey's 'before you start' items, "
        "shared/<checklist-id>/<item-id> for a shared checklist",
        "progress.yaml:6:3: answers[loop/first/say-hello]: this is a checklist item, not a "
        "prompt\n    hint: move it under items:, with its state as status:",
    ]


def test_every_problem_is_reported_at_once_values_and_keys(tmp_path, small_playbook):
    text = "items:\n  loop/first/say-hello: {status: finished}\n  nope/x/y: {status: done}\n"
    write_status(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        load_team_status(tmp_path, small_playbook)
    assert [issue.line for issue in caught.value.issues] == [2]
    # Both wrong statuses, and the typo in the second key: all at once.
    text = (
        "items:\n  loop/first/say-hello: {status: finished}\n  loop/first/know-name: {status: x}\n"
    )
    assert len(errors_of(tmp_path, small_playbook, text)) == 3


def test_an_orphaned_entry_is_kept_and_reported_with_its_line(tmp_path, small_playbook):
    write_status(tmp_path, VALID + "  loop/first/removed-prompt:\n    text: Gammalt svar\n")
    loaded = read_team_status(tmp_path, small_playbook, display_name="progress.yaml")
    assert [str(orphan) for orphan in loaded.orphans] == [
        "progress.yaml:19:3: answers[loop/first/removed-prompt]: orphaned: the content no "
        "longer has the prompt 'loop/first/removed-prompt'\n    hint: delete this entry, or "
        "move it to the item's new id (it is not shown on the site)"
    ]
    assert "loop/first/removed-prompt" in loaded.status.answers  # never silently dropped


def test_yaml_syntax_errors_and_python_tags_are_the_contents_errors(tmp_path, small_playbook):
    assert errors_of(tmp_path, small_playbook, "items: [\n") == [
        "progress.yaml:2:1: YAML syntax error: while parsing a flow node: did not find expected "
        "node content\n    hint: put text that contains ': ', '? ' or ' #' in quotes, e.g. "
        'name: "Step 1: plan?"'
    ]
    errors = errors_of(tmp_path, small_playbook, "items: !!python/object:os.system {}\n")
    assert "the tag !!python/object:os.system is not allowed" in errors[0]


def test_a_status_file_that_links_out_of_the_project_is_refused(tmp_path, small_playbook):
    outside = tmp_path / "outside.yaml"
    outside.write_text(VALID, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "progress.yaml").symlink_to(outside)
    with pytest.raises(ContentError, match="progress.yaml"):
        load_team_status(project, small_playbook)


def test_changed_dates_and_times_compare():
    assert moment(date(2026, 11, 20)) < moment(datetime(2026, 11, 20, 10, 0))
    assert moment(datetime(2026, 11, 20, 10, 0)) == moment(
        datetime.fromisoformat("2026-11-20T10:00:00+00:00")
    )


def test_a_folder_called_progress_yaml_is_an_error_not_a_traceback(tmp_path, small_playbook):
    (tmp_path / "progress.yaml").mkdir()
    with pytest.raises(ContentError, match="this is a folder, not a file"):
        load_team_status(tmp_path, small_playbook)


def test_reporting_many_orphaned_entries_reads_each_key_once(tmp_path, small_playbook, monkeypatch):
    # A status file comes from anyone who can open a pull request. Each orphan's line was
    # found by scanning the whole mapping, so 50,000 entries (2.5 MB) took hours in CI.
    # Counted, not timed: the keys read to locate them all must grow with the file, not
    # with its square.
    from generator.content import source

    reads = 0
    scalar_key = source._scalar_key

    def counted(node):
        nonlocal reads
        reads += 1
        return scalar_key(node)

    monkeypatch.setattr(source, "_scalar_key", counted)
    entries = 2_000
    lines = [f"  loop/first/gone-{n}:\n    status: done  # å\n" for n in range(entries)]
    write_status(tmp_path, "version: 1\nitems:\n" + "".join(lines))
    loaded = read_team_status(tmp_path, small_playbook)
    assert len(loaded.orphans) == entries
    assert loaded.orphans[-1].line == 2 * entries + 1  # still each entry's own line
    assert reads < 3 * entries
