"""A tiny HTML reader for tests: every start tag with its attributes, and the page text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._stack: list[str] = []
        self.h1 = ""
        self.title = ""
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "h1" in self._stack and "a" not in self._stack:  # skip the ¶ permalink
            self.h1 += data
        if self._stack and self._stack[-1] == "title":
            self.title += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    @property
    def lang(self) -> str:
        return self.find("html")[0].get("lang", "")

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}
