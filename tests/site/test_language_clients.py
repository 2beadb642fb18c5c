"""Languages beyond sv, nb and en (issue #18): client projects in da,en, nn,nb and fi,de,en
that extend the default playbook as it was in sv, nb and en only (so that texts fall back),
built with real mkdocs and read as HTML and in Chromium.

Each client is made the way a consultant makes one (`playbook init --languages …`), plus a
few texts in its own language, and built once per module.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.ui import UI_LANGUAGES
from tests.browser import open_page, search, serve
from tests.conftest import BASE_PATH, build_env, run_cli
from tests.offered import base_in_sv_nb_en
from tests.pagefind_index import index_languages, index_stemming, indexed_pages

STAGE = "stages/customer-journey/loyalty/"
AWARENESS = "stages/customer-journey/awareness/"

# Each client's own texts: the loyalty stage's summary, in words that search must stem.
OWN_TEXTS = {
    "da,en": {"da": "God kundeservice skaber loyalitet hos kunderne, år efter år."},
    "nn,nb": {"nn": "Lojalitet kjem av at kunden kjenner seg sett, år etter år."},
    "fi,de,en": {
        "fi": "Hyvä asiakaspalvelu rakentaa uskollisuutta vuodesta toiseen.",
        "de": "Guter Kundenservice schafft Kundenbindung, Jahr für Jahr.",
    },
}


def _build_client(folder: Path, languages: str, own: dict[str, str] | None = None) -> Path:
    """`playbook init --languages …`, the loyalty stage's summary in ``own`` (by default
    OWN_TEXTS[languages]), then `playbook build`; returns the site folder."""
    base = base_in_sv_nb_en(folder / "base")  # the default playbook itself has all seven
    result = run_cli(
        "init", str(folder), "--name", "Kunde Æøå", "--extends", str(base),
        "--languages", languages, "--package", "",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    own = OWN_TEXTS[languages] if own is None else own
    summary = ", ".join(f'{code}: "{text}"' for code, text in own.items())
    if own:
        with (folder / "content.yaml").open("a", encoding="utf-8") as content:
            content.write(
                "journeys:\n  - id: customer-journey\n    stages:\n"
                f"      - id: loyalty\n        summary: {{{summary}}}\n"
            )
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(folder / "content.yaml")],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("language-clients")
    return {
        languages: _build_client(root / languages.replace(",", "-"), languages)
        for languages in OWN_TEXTS
    }


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- Real HTML: UI language, search index per language, fallback notes ----------------------


def test_danish_client_speaks_danish_and_falls_back_to_english_visibly(sites):
    site = sites["da,en"]
    html = _html(site, AWARENESS)
    assert '<html lang="da"' in html
    for text in ("Tjekliste", "Forrige trin", "Næste trin", "Spørgsmål til drøftelse"):
        assert text in html, text
    # The default playbook has no Danish: English (a language this site builds) shows,
    # never Swedish, with the note in Danish and every fallback element marked lang="en".
    assert "Denne tekst er endnu ikke oversat til dansk. Den vises på engelsk." in html
    items = re.findall(r'<li id="[^"]+"( lang="[^"]*")?[^>]*><label><input type="checkbox"', html)
    assert items and set(items) == {' lang="en"'}, items
    assert '<p class="playbook-summary" lang="en">' in html
    assert "Kundresan" not in html and "kundtjänst" not in html.lower()
    # Facts, their caveats and journey summaries fell back too, each marked on its own paragraph.
    purchase = _html(site, "stages/customer-journey/purchase/")
    fact = re.search(r'<p lang="en">[^<]*74\s?%', purchase)
    assert fact, "the fact shown in English is not marked lang=en"
    journey = _html(site, "stages/customer-journey/")
    summary = re.search(r"<h1[^>]*>.*?</h1>\s*<p([^>]*)>", journey, re.S)
    assert summary and summary.group(1) == ' lang="en"', summary
    assert "{:" not in purchase + journey
    # The client's own Danish text is not marked.
    loyalty = _html(site, STAGE)
    assert '<p class="playbook-summary">God kundeservice skaber loyalitet' in loyalty
    # English pages have their text: no note.
    assert "not been translated" not in _html(site, "en/" + AWARENESS)
    # One search index per language, each stemmed in its language (Pagefind's Danish).
    assert index_stemming(site) == {"da": "da", "en": "en"}
    assert index_languages(site)["da"] == index_languages(site)["en"]
    # What a Danish page shows is searchable there, English fallbacks included; the note
    # that says they are English is not.
    danish = indexed_pages(site, "da")
    note = "Denne tekst er endnu ikke oversat til dansk."
    assert [url for url, page in danish.items() if note in page["content"]] == []
    assert "God kundeservice skaber loyalitet" in danish["/" + STAGE]["content"]
    assert "Write down, in one sentence" in danish["/" + AWARENESS]["content"]


def test_nynorsk_client_speaks_nynorsk_and_searches_with_norwegian_stemming(sites):
    site = sites["nn,nb"]
    html = _html(site, AWARENESS)
    assert '<html lang="nn"' in html
    for text in ("Sjekkliste", "Førre steg", "Spørsmål å drøfte"):
        assert text in html, text
    assert "Denne teksten er ikkje omsett til nynorsk enno. Han blir vist på bokmål." in html
    assert '<p class="playbook-summary" lang="nb">' in html
    assert 'lang="nb"' in html.split("playbook-checklist", 1)[-1]
    assert "ikke oversatt" not in _html(site, "nb/" + AWARENESS)
    # Pagefind stems both written standards with its Norwegian stemmer.
    assert index_stemming(site) == {"nb": "nb", "nn": "nn"}
    # The switcher names both standards in their own words.
    assert "Norsk (nynorsk)" in html and "Norsk (bokmål)" in html


def test_finnish_and_german_clients_show_their_own_interface(sites):
    site = sites["fi,de,en"]
    finnish, german = _html(site, STAGE), _html(site, "de/" + STAGE)
    assert '<html lang="fi"' in finnish and "Tarkistuslista" in finnish
    assert '<html lang="de"' in german and "Checkliste" in german
    assert "Dieser Text ist noch nicht ins Deutsche übersetzt." in german
    assert index_stemming(site) == {"de": "de", "en": "en", "fi": "fi"}


# --- Search in Chromium: an inflection finds its base form, in every language --------------

SEARCHES = [
    # site, language prefix, typed inflection (not on the page), stage it must find
    ("default", "", "kundtjänsten", "after-purchase"),
    ("default", "nb/", "lojaliteten", "loyalty"),
    ("default", "en/", "loyalties", "loyalty"),
    ("da,en", "", "loyaliteten", "loyalty"),
    ("nn,nb", "", "lojaliteten", "loyalty"),
    ("fi,de,en", "", "asiakaspalvelussa", "loyalty"),
    ("fi,de,en", "de/", "Kundenbindungen", "loyalty"),
]


@pytest.fixture(scope="module")
def served(sites, default_site):
    with (
        serve(default_site.site, BASE_PATH) as default,
        serve(sites["da,en"], "/") as danish,
        serve(sites["nn,nb"], "/") as nynorsk,
        serve(sites["fi,de,en"], "/") as finnish,
    ):
        yield {"default": default, "da,en": danish, "nn,nb": nynorsk, "fi,de,en": finnish}


@pytest.mark.slow
@pytest.mark.parametrize("site, prefix, term, stage", SEARCHES, ids=[s[2] for s in SEARCHES])
def test_an_inflected_word_finds_the_stage_in_the_readers_language_only(
    browser, served, site, prefix, term, stage
):
    home = served[site] + prefix
    with open_page(browser) as page:
        found = search(page, home + AWARENESS, term)
    assert home + f"stages/customer-journey/{stage}/" in found["links"], found
    # Only this language's pages (the default language's are the ones in no language folder).
    assert all(link.startswith(home) for link in found["links"]), found
    others = tuple(served[site] + f"{code}/" for code in UI_LANGUAGES if f"{code}/" != prefix)
    assert [link for link in found["links"] if link.startswith(others)] == [], found


@pytest.mark.slow
@pytest.mark.parametrize(
    "site, prefix, base, inflected",
    [
        ("default", "nb/", "lojalitet", "lojaliteten"),
        ("nn,nb", "", "lojalitet", "lojaliteten"),
        ("da,en", "", "loyalitet", "loyaliteten"),
        ("default", "", "ambassadör", "ambassadörerna"),
    ],
)
def test_an_inflection_finds_what_its_base_form_finds(
    browser, served, site, prefix, base, inflected
):
    # Snowball's Norwegian and Danish stemmers index "lojalitet" as "lojalit" but stem
    # "lojaliteten" to "lojalitet": Pagefind alone found 1 page where the base form found 8.
    url = served[site] + prefix + AWARENESS
    with open_page(browser) as page:
        plain = search(page, url, base)
    with open_page(browser) as page:
        stemmed = search(page, url, inflected)
    assert len(plain["links"]) > 1, plain
    assert sorted(plain["links"]) == sorted(stemmed["links"])
    assert plain["status"] == stemmed["status"]


# --- Accessibility ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("site, path, lang", [("da,en", AWARENESS, "da"), ("nn,nb", STAGE, "nn")])
def test_axe_finds_nothing_serious_on_danish_and_nynorsk_pages(browser, served, site, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    with open_page(browser) as page:
        page.goto(served[site] + path)
        assert page.locator("html").get_attribute("lang") == lang
        results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize(
    "languages, path, made_with",
    [
        ("da,en", "", "Lavet med"),
        ("da,en", "en/", "Made with"),
        ("nn,nb", "", "Laga med"),
        ("nn,nb", "nb/", "Laget med"),
        ("fi,de,en", "", "Tehty työkalulla"),
        ("fi,de,en", "de/", "Erstellt mit"),
    ],
)
def test_the_footer_credit_is_in_the_pages_language(sites, languages, path, made_with):
    # Material writes "Made with" in English on every page of every language.
    footer = _html(sites[languages], path + AWARENESS).split('<div class="md-copyright">', 1)[1]
    credit = re.sub(r"\s+", " ", footer.split("</div>\n</div>", 1)[0])
    assert f'{made_with} <a href="https://squidfunk.github.io/mkdocs-material/"' in credit, credit
    if made_with != "Made with":
        assert "Made with" not in footer


@pytest.mark.parametrize(
    "languages, path, title",
    [("nn,nb", "", "Permanent lenkje"), ("nn,nb", "nb/", "Permanent lenke")],
)
def test_each_headings_link_is_titled_in_the_pages_language(sites, languages, path, title):
    # Python-Markdown's toc extension titles every ¶ link "Permanent link", in English.
    html = _html(sites[languages], path + AWARENESS)
    assert f'class="headerlink" href="#checklist" title="{title}"' in html
    assert "Permanent link" not in html


# --- Issue #26: the palette switch and the map's lane labels ---------------------------------

PALETTE_LABELS = [
    ("default", "", "Byt till mörkt läge", "Byt till ljust läge"),
    ("default", "nb/", "Bytt til mørk modus", "Bytt til lys modus"),
    ("default", "en/", "Switch to dark mode", "Switch to light mode"),
    ("da,en", "", "Skift til mørk tilstand", "Skift til lys tilstand"),
    ("nn,nb", "", "Byt til mørk modus", "Byt til lys modus"),
    ("fi,de,en", "", "Vaihda tummaan tilaan", "Vaihda vaaleaan tilaan"),
    ("fi,de,en", "de/", "Zum dunklen Modus wechseln", "Zum hellen Modus wechseln"),
]


@pytest.mark.parametrize("site, prefix, to_dark, to_light", PALETTE_LABELS)
def test_the_palette_switch_speaks_the_pages_language(
    sites, default_site, site, prefix, to_dark, to_light
):
    # Material labelled it "Switch to dark mode" in English on every page of every language.
    folder = default_site.site if site == "default" else sites[site]
    html = _html(folder, prefix + AWARENESS)
    assert f'aria-label="{to_dark}"' in html and f'title="{to_dark}"' in html
    assert f'aria-label="{to_light}"' in html and f'title="{to_light}"' in html
    if prefix or site != "default":
        assert "Switch to dark mode" not in html or to_dark == "Switch to dark mode"


@pytest.mark.slow
@pytest.mark.parametrize("prefix, longest", [("de/", "Kontaktpunkte"), ("", "Kosketuspisteet")])
@pytest.mark.parametrize("width", [360, 1280])
def test_lane_labels_wrap_between_words_never_inside_one(browser, served, prefix, longest, width):
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(served["fi,de,en"] + prefix + "stages/customer-journey/")
        labels = page.evaluate(
            """() => [...document.querySelectorAll('.playbook-map tbody th')].map(th => {
              const text = th.firstChild;
              const words = [];
              const pattern = /\\S+/g;
              let match;
              while ((match = pattern.exec(text.data))) {
                const range = document.createRange();
                range.setStart(text, match.index);
                range.setEnd(text, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                words.push([match[0], tops.size]);
              }
              return {label: text.data, words, overflows: th.scrollWidth > th.clientWidth};
            })"""
        )
    assert any(longest in label["label"] for label in labels), labels
    for label in labels:
        assert not label["overflows"], label
        assert all(lines == 1 for _, lines in label["words"]), label
