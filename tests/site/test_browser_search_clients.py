"""Search in Chromium on client sites of one, two and seven languages (issue #23).

A one-language site found nothing: the page asks for its language's index, which was written
only when a site had several languages. Each client here is made with `playbook init`, given
a word of its own in the loyalty stage's summary, built for real, and searched for that word
in every language it has.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import open_page, search, serve
from tests.conftest import build_env, run_cli
from tests.pagefind_index import index_languages

pytestmark = pytest.mark.slow

# A made-up word per language, so only the client's own text can match it.
OWN_WORDS = {
    "sv": "Lojalitetsstjärnan",
    "nb": "Lojalitetsstjerna",
    "en": "Loyaltystarling",
    "da": "Loyalitetsstjernen",
    "fi": "Uskollisuustähti",
    "nn": "Lojalitetsstjerna",
    "de": "Treuestern",
}
CLIENTS = {"one": "sv", "two": "da,en", "seven": "nn,sv,nb,en,da,fi,de"}


def _build(folder: Path, languages: str) -> Path:
    result = run_cli("init", str(folder), "--name", "Kund Åäö", "--languages", languages)
    assert result.exit_code == 0, result.output
    codes = languages.split(",")
    summary = ", ".join(f'{code}: "Kunden blir en {OWN_WORDS[code]}."' for code in codes)
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
def clients(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("search-clients")
    return {name: _build(root / name, languages) for name, languages in CLIENTS.items()}


def test_every_language_has_its_own_index_and_no_combined_one(clients):
    # Pagefind (issue #31): one index per page language, and nothing else.
    for name, languages in CLIENTS.items():
        assert sorted(index_languages(clients[name])) == sorted(languages.split(",")), name


CASES = [
    (name, code, index)
    for name, languages in CLIENTS.items()
    for index, code in enumerate(languages.split(","))
]


@pytest.mark.parametrize("name, code, index", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_search_finds_a_word_from_the_clients_content(browser, clients, name, code, index):
    prefix = "" if index == 0 else f"{code}/"
    with serve(clients[name]) as url, open_page(browser) as page:
        links = search(page, url + prefix, OWN_WORDS[code])["links"]
    paths = [link[len(url) :] for link in links]
    assert any(p.startswith(f"{prefix}stages/customer-journey/loyalty/") for p in paths), paths
