"""The progress data pages hand to playbook.js (#15): every key comes from Python, and the
journey summary's texts survive any character a name can hold."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import yaml

from generator.content.model import Playbook
from generator.site.progress import known_keys
from generator.site.render import render
from tests.conftest import FIXTURES


class _Attributes(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[dict[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append({"tag": tag, **{k: v or "" for k, v in attrs}})


def _small(**stage_names: str) -> Playbook:
    data = yaml.load((FIXTURES / "small.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for stage in data["journeys"][0]["stages"]:
        if stage["id"] in stage_names:
            stage["name"] = {"sv": stage_names[stage["id"]], "en": stage_names[stage["id"]]}
    return Playbook.model_validate(data, context={"default_language": "sv"})


def test_known_keys_are_every_checkbox_and_answer_key_of_the_pages():
    playbook = _small()
    pages = render(playbook)
    ticks, answers = set(), set()
    for path, text in pages.items():
        if path.suffix == ".md":
            for attrs in _Attributes(text).tags:
                if attrs["tag"] == "input" and "data-key" in attrs:
                    ticks.add(attrs["data-key"])
                if attrs["tag"] == "textarea" and "playbook-answer" in attrs.get("class", ""):
                    answers.add(attrs["data-key"])
    known = known_keys(playbook)
    assert sorted(known["ticks"]) == sorted(ticks)
    assert sorted(known["answers"]) == sorted(answers)


def test_journey_summary_data_keeps_quotes_and_markup_as_text():
    name = 'It\'s "<b>bold</b>" & {done}'
    pages = {p.as_posix(): t for p, t in render(_small(first=name)).items()}
    page = pages["playbook/stages/loop/index.en.md"]
    (button,) = [a for a in _Attributes(page).tags if "data-journey" in a]
    summary = json.loads(button["data-journey"])
    assert summary["sections"][0]["heading"] == f"1. {name}"
    assert [item["key"] for item in summary["sections"][0]["checklist"]] == [
        "loop/first/say-hello",
        "loop/first/know-names",
    ]
    assert summary["sections"][0]["prompts"] == [
        # The team's answer and fields travel too (#26 exports); no status file: none.
        {
            "key": "loop/first/who-first",
            "text": "Who meets the customer first?",
            "answer": "",
            "fields": [],
        }
    ]
    assert summary["sections"][1]["checklist"][0]["text"] == "Följ upp"  # falls back to sv
    assert "<b>" not in page  # the name is data in the attribute, never markup
