"""Progress keys: every item once, in content order, the same keys the site gives the browser."""

from __future__ import annotations

from generator.site.progress import known_keys
from generator.team.keys import checklist_items, progress_key, prompts


def test_every_item_and_prompt_has_its_key_in_content_order(small_playbook):
    assert [key for key, _ in checklist_items(small_playbook)] == [
        "loop/first/say-hello",
        "loop/first/know-names",
        "loop/second/follow-up",
        "short/-/gather-team",
        "short/meet/list-touchpoints",
        "shared/basics/answer-fast",
        "shared/basics/say-thanks",
    ]
    assert [key for key, _ in prompts(small_playbook)] == [
        "loop/first/who-first",
        "short/meet/who-answers",
    ]
    assert progress_key("a", "-", "b") == "a/-/b"


def test_the_site_hands_the_browser_the_same_keys(small_playbook):
    assert known_keys(small_playbook) == {
        "ticks": [key for key, _ in checklist_items(small_playbook)],
        "answers": [key for key, _ in prompts(small_playbook)],
    }
