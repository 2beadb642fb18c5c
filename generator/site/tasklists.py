"""Saved checklists on any page: a task list item with an id keeps its tick in the browser.

A hand-written page (``playbook/workshop-notes.md``, or a page of any MkDocs site that uses
the ``playbook`` plugin) may hold task lists::

    - [ ] Book the room {#book-room}

The item's tick is saved under ``page:<page>/<id>``, like a generated stage's items, and
the page gets a progress bar and the stage's export button. An item without an id gets a
build warning naming the page and line: its tick could not survive an edit of the text.
Pure functions; the plugin calls them from its page hooks.
"""

from __future__ import annotations

import html
import json
import re

from generator.team.keys import page_key, page_scope

_TASK_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(?P<text>.*?)\s*$")
_ID_SUFFIX = re.compile(r"\s*\{#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")

# pymdownx.tasklist's output for one item, with the {#id} still in its text.
_ITEM = re.compile(
    r'<li class="task-list-item"><label class="task-list-control">'
    r"<input type=\"checkbox\" disabled(?: checked)?/>"
    r'(?:<span class="task-list-indicator"></span>)?</label>\s*'
    r"(?P<text>(?:(?!</li>).)*?)\s*\{#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\}\s*</li>",
    re.DOTALL,
)
_LIST_WITH_KEYS = re.compile(r'<ul class="task-list">(?=(?:(?!</ul>).)*?data-key=)', re.DOTALL)


def lines_without_id(markdown: str) -> list[int]:
    """1-based lines of task list items that carry no ``{#id}`` (code blocks excluded)."""
    missing, fenced = [], False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _TASK_LINE.match(line)
        if match and not _ID_SUFFIX.search(match.group("text")):
            missing.append(number)
    return missing


def page_key_prefix(page_path: str) -> str:
    """``page:workshop-notes`` for ``workshop-notes.md`` (the same in every language)."""
    stem = re.sub(r"(\.[a-z]{2,3})?\.md$", "", page_path)
    return f"page:{stem}"


def add_saved_ticks(
    content: str, page_path: str, progress_template: str, progress_label: str
) -> tuple[str, list[str]]:
    """The page's HTML with ids and progress keys on its task list items, and the keys.

    Nothing changes on a page without keyed items.
    """
    prefix = page_key_prefix(page_path)
    keys: list[str] = []

    def keyed(match: re.Match) -> str:
        # The markup of a generated checklist: a native checkbox labelled by the item's
        # text (the task list's own markup leaves the checkbox without a name).
        key = page_key(prefix, match.group("id"))
        keys.append(key)
        return (
            f'<li id="{match.group("id")}"><label><input type="checkbox" disabled '
            f'data-key="{html.escape(key)}"> <span>{match.group("text")}</span></label></li>'
        )

    content = _ITEM.sub(keyed, content)
    if not keys:
        return content, keys
    content = _LIST_WITH_KEYS.sub('<ul class="playbook-checklist">', content)
    # The page's one scope and its keys, as generated pages hand them to the script
    # (generator/site/progress.py); a hand-written page has no team state.
    scope = page_scope(prefix)
    data = json.dumps({"scopes": {scope: keys}, "items": {}}, ensure_ascii=False)
    bar = (
        f'<div class="playbook-data" data-progress="{html.escape(data)}" hidden></div>\n'
        f'<div class="playbook-progress" data-scope="{html.escape(scope)}" '
        f'data-template="{html.escape(progress_template)}" hidden><progress max="{len(keys)}" '
        f'value="0" aria-label="{html.escape(progress_label)}"></progress> '
        '<span class="playbook-progress__text"></span></div>\n'
    )
    first_list = content.find('<ul class="playbook-checklist">')
    return content[:first_list] + bar + content[first_list:], keys
