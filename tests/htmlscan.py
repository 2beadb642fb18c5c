"""A tiny HTML reader for tests: every start tag with its attributes, and the page text."""

from __future__ import annotations

import collections
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    """A built page read from ``path``, or the HTML text ``html``."""

    def __init__(self, path: Path | None = None, *, html: str | None = None):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._stack: list[str] = []
        self.h1 = ""
        self.title = ""
        self.styles: list[str] = []
        """The text of every <style> element."""
        self.scripts: list[str] = []
        """The text of every inline <script> element."""
        self.feed(path.read_text(encoding="utf-8") if path is not None else html or "")

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
        if self._stack and self._stack[-1] == "style":
            self.styles.append(data)
        if self._stack and self._stack[-1] == "script":
            self.scripts.append(data)

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

    @property
    def duplicate_ids(self) -> dict[str, int]:
        """Every id that more than one element carries, with how many do (``ids`` is a set,
        which would hide them)."""
        counts = collections.Counter(a["id"] for _, a in self.tags if "id" in a)
        return {name: count for name, count in counts.items() if count > 1}


# Requests a built site would make to other hosts, read from its files.

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.S | re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(["'])(.*?)\1""", re.I)
_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\w\\])//[^\n]*", re.S)
_JS_ABSOLUTE = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]*)""", re.I)
_RESOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")


def css_urls(css: str) -> list[str]:
    """Every address a style sheet (or a style attribute) fetches: url() and @import."""
    css = _CSS_COMMENT.sub("", css)
    return [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [
        m.group(2).strip() for m in _CSS_IMPORT.finditer(css)
    ]


def js_urls(script: str) -> list[str]:
    """Absolute addresses written as string literals in a script, outside its comments."""
    return [m.group(1) for m in _JS_ABSOLUTE.finditer(_JS_COMMENT.sub("", script))]


def page_urls(page: Page) -> list[str]:
    """Every address an HTML page fetches by itself: src and the like on any element, href
    on <link>, url() and @import in style attributes and <style>, literals in inline scripts."""
    urls = []
    for tag, attrs in page.tags:
        for name in _RESOURCE_ATTRIBUTES:
            if attrs.get(name):
                values = attrs[name].split(",") if name == "srcset" else [attrs[name]]
                urls += [value.strip().split(" ")[0] for value in values]
        if tag == "link" and attrs.get("href"):
            urls.append(attrs["href"])
        if attrs.get("style"):
            urls += css_urls(attrs["style"])
    for style in page.styles:
        urls += css_urls(style)
    for script in page.scripts:
        urls += js_urls(script)
    return urls


def other_host(url: str, own_host: str | None = None) -> bool:
    """True for an absolute http(s) or protocol-relative address on a host other than
    ``own_host`` (the site's own address, as canonical links name it)."""
    if not re.match(r"^\s*(https?:)?//", url, re.I):
        return False
    return urllib.parse.urlsplit(url.strip()).hostname != own_host


def third_party_requests(
    site: Path, own_host: str | None = None, own_js: str = "assets/playbook"
) -> list[str]:
    """``file: address`` for every request the site's HTML, CSS and own JavaScript would make
    to another host. ``own_js`` is the folder of the site's own scripts (Material's bundle is
    checked in the browser instead, by the requests it really makes)."""
    found = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            urls = page_urls(Page(path))
        elif path.suffix == ".css":
            urls = css_urls(path.read_text(encoding="utf-8"))
        elif path.suffix == ".js" and relative.startswith(own_js + "/"):
            urls = js_urls(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{relative}: {url}" for url in urls if other_host(url, own_host)]
    return found
