"""The team's numbers: one function, per journey and stage, judged on a given day."""

from __future__ import annotations

import time
from datetime import date

import pytest

from generator.team.model import TeamStatus
from generator.team.summary import summarize, today

TODAY = date(2026, 11, 26)


def stage(summary, journey_id: str, stage_id: str):
    journey = next(j for j in summary.journeys if j.total.id == journey_id)
    return next(s for s in journey.stages if s.id == stage_id)


def test_without_a_status_file_everything_is_not_started(small_playbook):
    summary = summarize(small_playbook, TeamStatus.empty(), TODAY)
    assert summary.total.total == summary.total.not_started == 7
    assert summary.total.done == summary.total.overdue == summary.total.percent == 0
    assert summary.overdue == ()


def test_each_state_is_counted_where_the_item_is_shown(small_playbook):
    team = TeamStatus.model_validate(
        {
            "items": {
                "loop/first/say-hello": {"status": "done", "owner": "AK"},
                "loop/first/know-names": {"status": "in-progress", "owner": "Øyvind"},
                "shared/basics/answer-fast": {"status": "not-applicable"},
                "short/-/gather-team": {"status": "not-started", "due": "2026-11-25"},
                "short/meet/list-touchpoints": {"status": "done", "due": "2026-11-01"},
            },
            "answers": {"loop/first/who-first": {"text": "Säljarna"}},
        }
    )
    summary = summarize(small_playbook, team, TODAY)
    first = stage(summary, "loop", "first").counts
    # loop/first shows its two items and the shared checklist's two.
    assert (first.total, first.done, first.in_progress, first.not_applicable) == (4, 1, 1, 1)
    assert (first.not_started, first.prompts, first.answered, first.percent) == (1, 1, 1, 33)
    assert stage(summary, "loop", "first").owners == ("AK", "Øyvind")
    short = next(j for j in summary.journeys if j.total.id == "short")
    assert short.before is not None and short.before.counts.overdue == 1
    # The shared checklist shows on loop/first and short/meet: counted in each journey once.
    assert short.total.counts.total == 1 + 1 + 2
    assert summary.total.total == 7
    assert summary.total.not_applicable == 1
    # Due yesterday and not started: overdue. Done late is not overdue.
    assert [item.key for item in summary.overdue] == ["short/-/gather-team"]
    assert summary.as_data()["overdue"] == [
        {"key": "short/-/gather-team", "status": "not-started", "owner": None,
         "due": "2026-11-25", "overdue": True}
    ]  # fmt: skip


def test_due_today_is_not_overdue_and_not_applicable_never_is(small_playbook):
    team = TeamStatus.model_validate(
        {
            "items": {
                "loop/first/say-hello": {"status": "in-progress", "due": "2026-11-26"},
                "loop/first/know-names": {"status": "not-applicable", "due": "2020-01-01"},
            }
        }
    )
    assert summarize(small_playbook, team, TODAY).overdue == ()
    assert [i.key for i in summarize(small_playbook, team, date(2026, 11, 27)).overdue] == [
        "loop/first/say-hello"
    ]


def test_next_open_items_are_the_earliest_due_then_in_content_order(small_playbook):
    team = TeamStatus.model_validate(
        {
            "items": {
                "loop/first/say-hello": {"status": "done"},
                "shared/basics/say-thanks": {"status": "in-progress", "due": "2026-12-01"},
            }
        }
    )
    first = stage(summarize(small_playbook, team, TODAY), "loop", "first")
    assert [item.key for item in first.next_open] == [
        "shared/basics/say-thanks",
        "loop/first/know-names",
        "shared/basics/answer-fast",
    ]


def test_nothing_applicable_is_complete_and_nothing_at_all_is_zero(small_playbook):
    team = TeamStatus.model_validate(
        {"items": {"loop/second/follow-up": {"status": "not-applicable"}}}
    )
    summary = summarize(small_playbook, team, TODAY)
    assert stage(summary, "loop", "second").counts.percent == 100
    assert stage(summary, "short", "decide").counts.percent == 0


@pytest.mark.parametrize(("epoch", "expected"), [("1700000000", date(2023, 11, 14)), ("", None)])
def test_today_is_source_date_epochs_day_if_set(monkeypatch, epoch, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    # Without an epoch: the machine's day, read when the test runs (not when it was
    # collected, which failed a run that crossed midnight).
    assert today() == (expected or date.today())


def _counts(total, done, in_progress, not_applicable, not_started, overdue, prompts, answered, percent):  # fmt: skip
    return {
        "total": total,
        "done": done,
        "applicable": total - not_applicable,
        "in_progress": in_progress,
        "not_applicable": not_applicable,
        "not_started": not_started,
        "overdue": overdue,
        "prompts": prompts,
        "answered": answered,
        "percent": percent,
    }


def _item(key, status="not-started", owner=None, due=None, overdue=False):
    return {"key": key, "status": status, "owner": owner, "due": due, "overdue": overdue}


def test_the_json_of_playbook_progress_has_every_key_in_a_stable_order(small_playbook):
    # `playbook progress --json` is read by scripts: mutation testing found its keys, the
    # owners' order (case-blind) and the overdue order (earliest due first) untested.
    team = TeamStatus.model_validate(
        {
            "items": {
                "loop/first/say-hello": {"status": "done", "owner": "Bo"},
                "loop/first/know-names": {
                    "status": "in-progress",
                    "owner": "anna",
                    "due": "2026-11-20",
                    "note": "Väntar på listan",
                },
                "short/-/gather-team": {
                    "owner": "Åsa",
                    "due": "2026-11-10",
                    "status": "not-started",
                },
            },
            "answers": {"loop/first/who-first": {"text": "Säljarna"}},
        }
    )
    summary = summarize(small_playbook, team, TODAY)
    know = _item("loop/first/know-names", "in-progress", "anna", "2026-11-20", True)
    gather = _item("short/-/gather-team", owner="Åsa", due="2026-11-10", overdue=True)
    fast, thanks = _item("shared/basics/answer-fast"), _item("shared/basics/say-thanks")
    touch = _item("short/meet/list-touchpoints")
    assert summary.as_data() == {
        "version": 1,
        "today": "2026-11-26",
        "scope": "playbook",
        "counts": _counts(7, 1, 1, 0, 5, 2, 2, 1, 14),
        "journeys": [
            {
                "id": "loop",
                "scope": "journey:loop",
                "counts": _counts(5, 1, 1, 0, 3, 1, 1, 1, 20),
                "owners": ["anna", "Bo"],
                "next_open": [know, fast, thanks],
                "before_you_start": None,
                "stages": [
                    {
                        "id": "first",
                        "scope": "stage:loop/first",
                        "counts": _counts(4, 1, 1, 0, 2, 1, 1, 1, 25),
                        "owners": ["anna", "Bo"],
                        "next_open": [know, fast, thanks],
                    },
                    {
                        "id": "second",
                        "scope": "stage:loop/second",
                        "counts": _counts(1, 0, 0, 0, 1, 0, 0, 0, 0),
                        "owners": [],
                        "next_open": [_item("loop/second/follow-up")],
                    },
                ],
            },
            {
                "id": "short",
                "scope": "journey:short",
                "counts": _counts(4, 0, 0, 0, 4, 1, 1, 0, 0),
                "owners": ["Åsa"],
                "next_open": [gather, touch, fast],
                "before_you_start": {
                    "id": "-",
                    "scope": "before:short",
                    "counts": _counts(1, 0, 0, 0, 1, 1, 0, 0, 0),
                    "owners": ["Åsa"],
                    "next_open": [gather],
                },
                "stages": [
                    {
                        "id": "meet",
                        "scope": "stage:short/meet",
                        "counts": _counts(3, 0, 0, 0, 3, 0, 1, 0, 0),
                        "owners": [],
                        "next_open": [touch, fast, thanks],
                    },
                    {
                        "id": "decide",
                        "scope": "stage:short/decide",
                        "counts": _counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
                        "owners": [],
                        "next_open": [],
                    },
                ],
            },
        ],
        "checklists": [
            {
                "id": "basics",
                "scope": "shared:basics",
                "counts": _counts(2, 0, 0, 0, 2, 0, 0, 0, 0),
                "owners": [],
                "next_open": [fast, thanks],
            }
        ],
        "overdue": [gather, know],
    }
    assert stage(summary, "loop", "first").items[1].note == "Väntar på listan"


def test_the_day_is_source_date_epochs_in_utc_or_else_today(monkeypatch):
    # In UTC+14 it is already the 15th: the day must not depend on where the build runs.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1700000000 ")  # 2023-11-14 22:13 UTC
    try:
        assert today() == date(2023, 11, 14)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert today() == date.today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today() == date.today()
