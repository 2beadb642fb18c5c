"""Search in a real browser, on sites built with `playbook build`: the search box by keyboard
and screen reader, each language searching only its own pages with stemming, a
one-language and a seven-language client, and what the index leaves out.

Playwright drives Debian's chromium (no browser download); the sites are served from
127.0.0.1, and any request elsewhere, failed load or script error fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.ui import UI_TEXT
from tests.browser import open_page, search, serve
from tests.conftest import BASE_PATH
from tests.pagefind_index import index_languages, index_stemming, indexed_pages
from tests.site.test_language_clients import OWN_TEXTS, _build_client

pytestmark = pytest.mark.slow

PREFIX = {"sv": "", "nb": "nb/", "en": "en/"}
AWARENESS = "stages/customer-journey/awareness/"
STAGE_PAGES = 21  # stages of the default playbook, every one of them searchable


@pytest.fixture(scope="module")
def site(default_site) -> str:
    """The default site (built once per run, conftest), served under its base path."""
    with serve(default_site.site, BASE_PATH) as url:
        yield url


# --- The default playbook, per language ------------------------------------------------------


@pytest.mark.parametrize(
    "lang, term, stage",
    [
        ("sv", "kundtjänsten", "after-purchase"),  # the content says "kundtjänst"
        ("sv", "ambassadörerna", "ambassador"),
        ("nb", "lojaliteten", "loyalty"),  # "lojalitet"
        ("nb", "reklamasjonene", "after-purchase"),  # "reklamasjoner"
        ("en", "loyalties", "loyalty"),  # "loyalty"
    ],
)
def test_an_inflected_word_finds_its_stage_in_the_readers_language_only(
    browser, site, lang, term, stage
):
    home = site + PREFIX[lang]
    with open_page(browser) as page:
        found = search(page, home + AWARENESS, term)
    assert home + f"stages/customer-journey/{stage}/" in found["links"], found
    others = tuple(site + prefix for code, prefix in PREFIX.items() if code != lang and prefix)
    assert found["links"] and all(link.startswith(home) for link in found["links"]), found
    assert [link for link in found["links"] if link.startswith(others)] == [], found


def test_the_count_is_announced_in_the_readers_words(browser, site):
    with open_page(browser) as page:
        one = search(page, site + AWARENESS, "konverteringsgraden")
        assert page.locator(".playbook-search__status").get_attribute("role") == "status"
    with open_page(browser) as page:
        none = search(page, site + AWARENESS, "blåbärssoppa")
    with open_page(browser) as page:
        two = search(page, site + "nb/" + AWARENESS, "anbefalingene")
    with open_page(browser) as page:
        six = search(page, site + "en/" + AWARENESS, "newsletters")
    assert (one["status"], len(one["links"])) == ("1 träff", 1)
    assert (none["status"], none["links"]) == ("Inga träffar för ”blåbärssoppa”.", [])
    assert (two["status"], len(two["links"])) == ("2 treff", 2)
    # Five stage pages and the customer journey's workshop guide (#29) name newsletters.
    assert (six["status"], len(six["links"])) == ("6 results", 6)
    assert sum(link.endswith("/workshop/") for link in six["links"]) == 1


def test_a_result_is_a_link_titled_as_its_page_with_an_excerpt_marking_the_words(browser, site):
    with open_page(browser) as page:
        found = search(page, site + AWARENESS, "kundtjänsten")
        after_purchase = site + "stages/customer-journey/after-purchase/"
        assert found["titles"][found["links"].index(after_purchase)] == "Efter köp"
        item = page.locator(".playbook-search__results > li").nth(
            found["links"].index(after_purchase)
        )
        excerpt = item.locator(".playbook-search__excerpt")
        # Text and <mark> only: the words found (Pagefind marks a word with its punctuation).
        marks = excerpt.locator("mark").all_inner_texts()
        assert excerpt.evaluate("p => [...p.children].map(c => c.tagName)") == ["MARK"] * len(marks)
        assert marks and {re.sub(r"\W+$", "", mark.lower()) for mark in marks} == {"kundtjänst"}
        assert item.locator("a").get_attribute("aria-describedby") == excerpt.get_attribute("id")
        page.keyboard.press("Enter")  # the first result
        page.wait_for_url(found["links"][0])


@pytest.mark.parametrize("width", [320, 1280])
def test_the_search_box_works_from_the_keyboard_alone(browser, site, width):
    with open_page(browser, viewport={"width": width, "height": 720}) as page:
        page.goto(site + AWARENESS)
        opener = page.locator(".playbook-search-open")
        assert opener.is_visible() and opener.get_attribute("aria-keyshortcuts") == "/ s f"
        box = opener.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
        # Focus on a link of the page; "s" opens the box there, Escape brings it back.
        page.locator(".playbook-breadcrumb a").focus()
        page.keyboard.press("s")
        dialog = page.locator("#playbook-search")
        assert (
            dialog.evaluate("d => d.open")
            and page.evaluate("document.activeElement.id") == "playbook-search-input"
        )
        assert page.get_by_role("dialog", name="Sök på webbplatsen").is_visible()
        assert page.get_by_role("search", name="Sök på webbplatsen").is_visible()
        panel = dialog.bounding_box()
        assert panel and panel["width"] <= width
        page.keyboard.type("lojalitet", delay=15)
        page.wait_for_selector(".playbook-search__link")
        page.wait_for_function(
            "document.querySelector('.playbook-search__status').textContent !== ''"
        )
        links = page.locator(".playbook-search__link")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.href") == links.first.evaluate("a => a.href")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.href") == links.nth(1).evaluate("a => a.href")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.id") == "playbook-search-input"
        # Tab reaches the close button, then the results; the page behind is out of reach.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Stäng"
        page.keyboard.press("Escape")  # one press, though the field holds text
        assert not dialog.evaluate("d => d.open")
        assert (
            page.evaluate("document.activeElement.textContent") == "Kundresan som aldrig tar slut"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # "/" opens it again with the last words selected, the close button shuts it.
        page.keyboard.press("/")
        assert (
            page.evaluate(
                "getSelection().toString() || document.activeElement.value.substring(document.activeElement.selectionStart, document.activeElement.selectionEnd)"
            )
            == "lojalitet"
        )
        page.get_by_role("button", name="Stäng").click()
        assert not dialog.evaluate("d => d.open")


def test_typing_in_a_field_of_the_page_does_not_open_search(browser, site):
    with open_page(browser) as page:
        page.goto(site + AWARENESS)
        answer = page.locator("textarea.playbook-answer").first
        answer.click()
        page.keyboard.type("s/f")
        assert answer.input_value() == "s/f"
        assert not page.locator("#playbook-search").evaluate("d => d.open")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_axe_finds_nothing_serious_in_the_open_search_box(browser, site, lang, scheme):
    from axe_playwright_python.sync_playwright import Axe

    with open_page(browser, color_scheme=scheme) as page:
        search(
            page,
            site + PREFIX[lang] + AWARENESS,
            {"sv": "kundtjänst", "nb": "kunde", "en": "customer"}[lang],
        )
        assert page.locator(".playbook-search__link").count() > 1
        results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_without_javascript_there_is_no_search_box(browser, site):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(site + AWARENESS)
        assert page.locator(".playbook-search-open").count() == 1
        assert not page.locator(".playbook-search-open").is_visible()
        assert not page.locator("#playbook-search").is_visible()


def test_nothing_is_loaded_for_search_until_it_is_opened_and_all_of_it_is_here(browser, site):
    with open_page(browser) as page:
        responses: list[tuple[str, int]] = []
        page.on("response", lambda response: responses.append((response.url, response.status)))
        page.goto(site + "nb/" + AWARENESS)
        page.wait_for_load_state("networkidle")
        before = [url for url, _ in responses if "/pagefind/" in url or "/stemmers/" in url]
        assert before == []
        search(page, site + "nb/" + AWARENESS, "lojaliteten")
        page.wait_for_load_state("networkidle")
    loaded = [
        (url, status) for url, status in responses if "/pagefind/" in url or "/stemmers/" in url
    ]
    assert [status for _, status in loaded if status != 200] == [], loaded
    names = {re.sub(r"\?.*", "", url.rsplit("/", 1)[1]) for url, _ in loaded}
    # Norwegian only: its WebAssembly, its index, its query stemmer; no other language's.
    assert {"pagefind.js", "pagefind-worker.js", "wasm.nb.pagefind", "no.js"} <= names, names
    assert not [name for name in names if re.search(r"\b(sv|en)[._]", name)], names
    assert all(url.startswith(site) for url, _ in loaded)


# --- What the index holds --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "nb", "en"])
def test_print_only_fields_navigation_and_buttons_are_not_indexed(default_site, lang):
    pages = indexed_pages(default_site.site, lang)
    base = "/" + PREFIX[lang]  # site-relative: the search box adds the base path
    stage = pages[base + "stages/customer-journey/awareness/"]
    # The stage's own words are there, the checklist items included (Pagefind skips text in
    # a <label>; the items are given to it once more).
    assert stage["title"] == {"sv": "Kännedom", "nb": "Kjennskap", "en": "Awareness"}[lang]
    item = {
        "sv": "Formulera i en mening",
        "nb": "Formuler i én setning",
        "en": "Write down, in one sentence",
    }
    assert item[lang] in stage["content"]
    assert "¶" not in stage["content"]
    left_out = [
        *(
            f"{UI_TEXT[key][lang]}:"
            for key in ("worksheet_team", "worksheet_date", "worksheet_participants")
        ),
        UI_TEXT["part_of"][lang],  # the breadcrumb
        UI_TEXT["stage_links"][lang],  # previous and next stage
        UI_TEXT["reset_stage"][lang],
        UI_TEXT["export_stage"][lang],
        UI_TEXT["reset_title"][lang],
    ]
    assert [text for text in left_out if text in stage["content"]] == []
    # Every stage page is searchable; print pages, posters and the 404 page are not.
    stages = [
        url
        for url in pages
        if re.fullmatch(rf"{base}stages/[^/]+/[^/]+/", url) and not url.endswith("/workshop/")
    ]
    assert len(stages) == STAGE_PAGES, stages
    # Each journey's workshop guide is searchable too (#29).
    assert len([url for url in pages if url.endswith("/workshop/")]) == 4
    assert [url for url in pages if url.endswith(("/print/", "/poster/", "404.html"))] == []
    assert index_languages(default_site.site)[lang] == len(pages)


def test_the_index_is_one_per_language_each_stemmed_in_it(default_site):
    assert index_stemming(default_site.site) == {"en": "en", "nb": "nb", "sv": "sv"}


# --- A one-language and a seven-language client ----------------------------------------------

SEVEN = "da,fi,nn,de,sv,nb,en"


@pytest.fixture(scope="module")
def clients(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("search-clients")
    own = {"en": {}, SEVEN: {**OWN_TEXTS["da,en"], **OWN_TEXTS["nn,nb"], **OWN_TEXTS["fi,de,en"]}}
    return {
        languages: _build_client(root / f"client-{len(languages)}", languages, own[languages])
        for languages in own
    }


@pytest.fixture(scope="module")
def served_clients(clients):
    with serve(clients["en"], "/") as english, serve(clients[SEVEN], "/") as seven:
        yield {"en": english, SEVEN: seven}


def test_a_one_language_site_finds_an_inflected_word(browser, clients, served_clients):
    assert list(index_languages(clients["en"])) == ["en"]
    with open_page(browser) as page:
        found = search(page, served_clients["en"] + AWARENESS, "loyalties")
    assert served_clients["en"] + "stages/customer-journey/loyalty/" in found["links"], found


@pytest.mark.parametrize(
    "lang, term",
    [
        ("da", "loyaliteten"),  # "loyalitet", the client's own Danish text
        ("fi", "asiakaspalvelussa"),  # "asiakaspalvelu"
        ("nn", "lojaliteten"),  # "Lojalitet"
        ("de", "Kundenbindungen"),  # "Kundenbindung"
        ("sv", "lojaliteten"),  # the default playbook's "Lojalitet"
        ("nb", "lojaliteten"),
        ("en", "loyalties"),
    ],
)
def test_a_seven_language_site_finds_an_inflected_word_in_each_language(
    browser, clients, served_clients, lang, term
):
    languages = SEVEN.split(",")
    url = served_clients[SEVEN]
    home = url if lang == languages[0] else f"{url}{lang}/"
    with open_page(browser) as page:
        found = search(page, home + AWARENESS, term)
    assert home + "stages/customer-journey/loyalty/" in found["links"], found
    others = tuple(f"{url}{code}/" for code in languages[1:] if code != lang)
    assert [link for link in found["links"] if link.startswith(others)] == [], found
    assert index_stemming(clients[SEVEN]) == {code: code for code in sorted(languages)}
