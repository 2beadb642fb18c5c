"""Two engines, the same site: MkDocs 1.6 and ProperDocs (its maintained fork) both build
the default playbook and a client project, and the same HTML assertions hold on both."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import chromium, open_page, search, serve
from tests.conftest import REPO, make_project
from tests.htmlscan import Page
from tests.pagefind_index import index_stemming, indexed_pages

pytestmark = pytest.mark.slow

ENGINES = ["mkdocs", "properdocs"]
THEME_ASSETS = REPO / "generator/site/theme/assets"
_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")


def _build(content: Path, engine: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_ALREADY_GENERATED"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--engine", engine, "-c", str(content)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return content.parent / "site"


def assert_multilingual_site(site: Path, languages: list[str], engine: str) -> None:
    default, others = languages[0], languages[1:]
    prefix = {default: "", **{code: f"{code}/" for code in others}}

    def others_of(code: str) -> list[str]:
        return [other for other in others if other != code]

    for code in languages:
        home = Page(site / prefix[code] / "index.html")
        assert home.lang == code
        # The switcher offers every language, each link staying on the same page.
        alternates = {a.get("hreflang") for a in home.find("a") if a.get("hreflang")}
        assert set(languages) <= alternates, (code, alternates)
        stage = site / prefix[code] / "stages/customer-journey/awareness/index.html"
        assert Page(stage).lang == code
        # Search: an index of this language's pages only, stemmed in it (Pagefind reads
        # the built HTML, whichever engine wrote it).
        urls = list(indexed_pages(site, code))
        foreign = tuple(f"/{prefix[other]}" for other in others_of(code))
        assert urls and [url for url in urls if url.startswith(foreign)] == [], code
        assert index_stemming(site)[code] == code
        not_found = Page(site / prefix[code] / "404.html")
        assert not_found.lang == code
    generator = Page(site / "index.html").find("meta", name="generator")[0]["content"]
    assert ("ProperDocs" in generator) == (engine == "properdocs"), generator
    assert_search_works(site, languages)
    assert_page_scripts_are_published(site)


def assert_page_scripts_are_published(site: Path) -> None:
    """The page loads its script as an ES module from the site itself, and every module it
    imports (and the search box's) is published byte for byte as the theme has it: the
    pages need no build step and no other host (#24)."""
    stage = Page(site / "stages/customer-journey/awareness/index.html")
    modules = [tag["src"] for tag in stage.find("script") if tag.get("type") == "module"]
    assert modules == [
        "../../../assets/playbook/playbook.js",
        "../../../assets/playbook/playbook-search.js",
    ]
    pending, seen = ["playbook/playbook.js", "playbook/playbook-search.js"], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        published = site / "assets" / name
        assert published.read_bytes() == (THEME_ASSETS / name).read_bytes(), name
        for target in _IMPORT.findall(published.read_text("utf-8")):
            pending.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), target)))
    assert "playbook/lib/counting.js" in seen and "playbook/lib/search.js" in seen, seen


def assert_search_works(site: Path, languages: list[str]) -> None:
    """The search box, in Chromium: an inflected Norwegian word finds its stage, from the
    Norwegian pages only (the box and its script are the same on every engine)."""
    nb = "" if languages[0] == "nb" else "nb/"
    with serve(site) as url, chromium() as browser, open_page(browser) as page:
        found = search(page, f"{url}{nb}stages/customer-journey/awareness/", "lojaliteten")
    assert f"{url}{nb}stages/customer-journey/loyalty/" in found["links"], found
    assert all(link.startswith(url + nb) for link in found["links"]), found


@pytest.mark.parametrize("engine", ENGINES)
def test_the_default_playbook_builds_with_each_engine(tmp_path, engine):
    content = make_project(tmp_path, REPO / "content.yaml")
    (tmp_path / "translations.lock").write_bytes((REPO / "translations.lock").read_bytes())
    assert_multilingual_site(_build(content, engine), ["sv", "nb", "en"], engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_client_project_builds_with_each_engine(tmp_path, engine):
    folder = tmp_path / "kunde"
    init = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "init",
            str(folder),
            "--name",
            "Kunde AS",
            "--languages",
            "nb,en",
            "--package",
            "journey-playbook==0.1.0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    assert_multilingual_site(_build(folder / "content.yaml", engine), ["nb", "en"], engine)


def test_an_engine_that_is_not_installed_is_one_clear_error(tmp_path, monkeypatch):
    from generator.errors import GeneratorError
    from generator.project import engine_command

    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(GeneratorError, match="'properdocs' is not installed; install it with"):
        engine_command("properdocs", "build")
