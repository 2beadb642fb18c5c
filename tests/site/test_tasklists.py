"""Saved checklists on hand-written pages: keyed task lists, a warning for items without an
id, and ticks that survive a reload in a real browser."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.site.tasklists import add_saved_ticks, lines_without_id, page_key_prefix
from tests.browser import chromium, serve
from tests.conftest import FIXTURES, make_project

NOTES = """# Workshopanteckningar

## Före workshopen

- [ ] Boka rummet {#book-room}
- [x] Bjud in teamet – även Åsa och Øystein {#invite-team}

```
- [ ] Inte en uppgift, bara kod
```
"""


def test_items_without_an_id_are_found_with_their_lines_outside_code():
    text = NOTES + "- [ ] Utan id\n1. [ ] Numrerad utan id\n"
    assert lines_without_id(text) == [11, 12]
    assert lines_without_id(NOTES) == []


def test_keys_do_not_depend_on_the_language_of_the_page():
    assert page_key_prefix("workshop-notes.md") == "page:workshop-notes"
    assert page_key_prefix("workshop-notes.nb.md") == "page:workshop-notes"
    assert page_key_prefix("notes/day-1.en.md") == "page:notes/day-1"


def test_keyed_items_get_ids_keys_and_a_progress_bar():
    import markdown

    html = markdown.markdown(
        NOTES,
        extensions=["pymdownx.tasklist", "fenced_code"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )
    out, keys = add_saved_ticks(html, "workshop-notes.md", "{done} av {total}", "Framsteg")
    assert keys == ["page:workshop-notes/book-room", "page:workshop-notes/invite-team"]
    assert 'id="book-room"' in out and 'data-key="page:workshop-notes/invite-team"' in out
    assert "{#" not in out.split("<pre>")[0]
    assert out.count('class="playbook-progress"') == 1
    # The bar names the page's scope; the page's data lists its keys (generator/site/progress.py).
    assert 'class="playbook-progress" data-scope="page:workshop-notes"' in out
    assert (
        '<div class="playbook-data" data-progress="{&quot;scopes&quot;: {&quot;page:workshop-notes'
        "&quot;: [&quot;page:workshop-notes/book-room&quot;, &quot;page:workshop-notes/invite-team"
        '&quot;]}, &quot;items&quot;: {}}" hidden></div>'
    ) in out
    assert "checked" not in out  # the browser's saved state decides, not the source's [x]


def _project(tmp_path, notes: str):
    content = make_project(tmp_path / "p", FIXTURES / "small.yaml")
    (content.parent / "playbook").mkdir(exist_ok=True)
    (content.parent / "playbook/workshop-notes.md").write_text(notes, encoding="utf-8")
    return content


def _build(content):
    env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_ALREADY_GENERATED"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.slow
def test_an_item_without_an_id_is_a_build_warning_naming_page_and_line(tmp_path):
    result = _build(_project(tmp_path, NOTES + "- [ ] Utan id\n"))
    assert result.returncode == 1
    assert "workshop-notes.md:11: a task list item without an id" in result.stderr


@pytest.mark.slow
def test_a_tick_on_a_hand_written_page_survives_a_reload(tmp_path):
    content = _project(tmp_path, NOTES)
    result = _build(content)
    assert result.returncode == 0, result.stderr
    with serve(content.parent / "site") as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "workshop-notes/")
        box = page.locator('input[data-key="page:workshop-notes/book-room"]')
        assert box.is_enabled() and not box.is_checked()
        page.locator("li#book-room label").click()  # as a reader clicks it
        assert box.is_checked()
        assert page.locator(".playbook-progress__text").inner_text() == "1 av 2 klara"
        page.reload()
        assert page.locator('input[data-key="page:workshop-notes/book-room"]').is_checked()
        assert not page.locator('input[data-key="page:workshop-notes/invite-team"]').is_checked()
        assert errors == []
        page.close()


@pytest.mark.slow
def test_the_plugin_alone_saves_ticks_in_any_material_site(tmp_path):
    # No content.yaml, no i18n: only Material, the task list extension and the plugin.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Notes\ntheme:\n  name: material\n  font: false\n  language: sv\n"
        "markdown_extensions:\n  - pymdownx.tasklist:\n      custom_checkbox: true\n"
        "plugins:\n  - search\n  - playbook:\n      regenerate: false\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'data-key="page:index/book-room"' in html
    assert "assets/playbook/playbook.js" in html
