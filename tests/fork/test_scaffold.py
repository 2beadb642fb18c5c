"""`playbook init` makes a client project that builds; language subsets and branding follow."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.htmlscan import Page
from tests.pagefind_index import index_languages

pytestmark = pytest.mark.slow

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
)


CLIENT_URL = "https://kunde.example/playbook/"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clients") / "kunde"
    result = run_cli("init", str(folder), "--name", "Kunde AS", "--languages", "nb,en")
    assert result.exit_code == 0, result.output
    assert f"created {folder / 'content.yaml'}" in result.output.splitlines()
    content = folder / "content.yaml"
    (folder / "brand").mkdir()
    (folder / "brand/logo.png").write_bytes(PNG)
    text = content.read_text(encoding="utf-8")
    text = (
        text.replace("    # logo: brand/logo.svg", "    logo: brand/logo.png")
        .replace("primary: indigo", "primary: teal")
        .replace("accent: ", 'accent: "#b5651d"  # was: ')
    )
    text += (
        "journeys:\n  - id: customer-journey\n    stages:\n      - id: purchase\n"
        '        name: {nb: "Kjøp hos {client}"}\n'
    )
    content.write_text(text, encoding="utf-8")
    build = subprocess.run(
        # With an address, as a client's CI publishes it: the sitemap and alternates exist.
        [sys.executable, "-m", "generator", "build", "-c", str(content), "--site-url", CLIENT_URL],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (folder / "build-output.txt").write_text(build.stdout, encoding="utf-8")
    return folder


def test_build_says_to_serve_the_folder_as_the_readme_does(client):
    output = (client / "build-output.txt").read_text(encoding="utf-8")
    site = (client / "site").resolve()
    assert f"python3 -m http.server -d {site} 8000" in output
    assert "index.html" not in output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python3 -m http.server -d site 8000" in readme


def test_every_home_page_title_names_home_in_its_language(client):
    titles = {
        lang: Page(client / path).title.strip()
        for lang, path in (("nb", "site/index.html"), ("en", "site/en/index.html"))
    }
    assert titles == {
        "nb": "Hjem - Kunde AS – kundereisen",
        "en": "Home - Kunde AS – customer journey playbook",
    }


def test_a_hex_brand_colour_reaches_the_page_through_materials_variables(client):
    home = (client / "site/index.html").read_text(encoding="utf-8")
    assert 'data-md-color-accent="custom"' in home and 'data-md-color-primary="teal"' in home
    assert 'href="assets/brand/playbook-colors.css"' in home
    css = (client / "site/assets/brand/playbook-colors.css").read_text(encoding="utf-8")
    assert "--md-accent-fg-color: #b5651d;" in css


def test_init_writes_a_project_and_refuses_to_overwrite(client):
    for name in (
        "content.yaml",
        "mkdocs.yml",
        "Makefile",
        "README.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ):
        assert (client / name).is_file(), name
    before = (client / "content.yaml").read_bytes()
    again = run_cli("init", str(client), "--name", "Other")
    assert again.exit_code == 1
    assert again.output.startswith(f"Error: {client} already holds a project (content.yaml, ")
    assert "nothing was written" in again.output and "Traceback" not in again.output
    assert (client / "content.yaml").read_bytes() == before


def test_client_workflow_validates(client):
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [
            str(checker),
            "--builtin-schema",
            "vendor.github-workflows",
            str(client / ".github/workflows/pages.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_language_subset_builds_only_those_languages(client):
    site = client / "site"
    assert Page(site / "index.html").lang == "nb"
    assert Page(site / "en/index.html").lang == "en"
    assert not (site / "sv").exists() and not (site / "nb").exists()
    for path in site.rglob("*.html"):
        page = Page(path)
        assert "sv" not in {a.get("hreflang") for a in page.find("a") if "hreflang" in a}, path
        assert "sv" not in {a.get("hreflang") for a in page.find("link") if "hreflang" in a}, path
    assert index_languages(site) == {
        "en": index_languages(site)["en"],
        "nb": index_languages(site)["en"],
    }
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="sv"' not in sitemap
    assert f'hreflang="en" href="{CLIENT_URL}en/"' in sitemap
    assert f'hreflang="x-default" href="{CLIENT_URL}"' in sitemap


def test_client_name_and_branding_everywhere(client):
    site = client / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Kunde AS – kundereisen" in home
    assert "© Kunde AS" in home
    assert 'data-md-color-primary="teal"' in home
    assert (site / "assets/brand/logo.png").read_bytes() == PNG
    assert 'src="assets/brand/logo.png"' in home
    stage = Page(site / "stages/customer-journey/purchase/index.html")
    assert stage.h1.strip() == "Kjøp hos Kunde AS"


def test_exports_per_built_language(client):
    downloads = client / "site/downloads"
    names = {p.name for p in downloads.iterdir()}
    assert {n for n in names if n.startswith("checklists-")} == {
        "checklists-en.csv",
        "checklists-en.json",
        "checklists-nb.csv",
        "checklists-nb.json",
    }
    # Each journey's map as an SVG per built language, and nothing in the unbuilt sv.
    maps = {n for n in names if n.startswith("map-")}
    assert "map-customer-journey-nb.svg" in maps and len(maps) == 8
    assert not [n for n in names if "-sv." in n]
    text = (downloads / "checklists-nb.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))  # as Norwegian Excel expects
    purchase = [r for r in rows if r["steg-id"] == "purchase"]
    assert purchase[0]["steg"] == "Kjøp hos Kunde AS"
    assert {"sjekkliste", "spørsmål", "følelse", "Hva kunden gjør"} <= {r["type"] for r in rows}
    assert any("ø" in r["tekst"] or "å" in r["tekst"] or "æ" in r["tekst"] for r in rows)
    data = json.loads((downloads / "checklists-en.json").read_text(encoding="utf-8"))
    assert data["language"] == "en" and data["journeys"][0]["stages"][0]["checklist"]
    home = (client / "site/index.html").read_text(encoding="utf-8")
    assert 'href="downloads/checklists-nb.csv"' in home


def test_export_command_writes_csv_and_json(client, tmp_path):
    from generator.content.loader import load_content
    from generator.content.model import MAP_LANES

    result = run_cli("export", "-c", str(client / "content.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = ["checklists-en.csv", "checklists-en.json", "checklists-nb.csv", "checklists-nb.json"]
    playbook = load_content(client / "content.yaml")
    names += [f"map-{j.id}-{lang}.svg" for j in playbook.journeys for lang in ("en", "nb")]
    # The team's state for other tools (#26); no calendar, since no item has a due date yet.
    names += [
        f"team-{kind}-{lang}.{ext}"
        for kind, ext in (("jira", "csv"), ("status", "csv"), ("tasks", "md"))
        for lang in ("en", "nb")
    ]
    names.sort()
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert sorted(result.output.splitlines()) == [f"wrote {tmp_path / name}" for name in names]
    # Counted from the content, not from the exporter: every item and prompt, one row each,
    # and each stage's map lanes (an entry a row, and a row for a score).
    lanes = sum(
        sum(len(getattr(s, lane)) for lane in MAP_LANES) + (s.emotion is not None)
        for journey in playbook.journeys
        for s in journey.stages
    )
    items = sum(
        len(journey.checklist) + sum(len(s.checklist) + len(s.prompts) for s in journey.stages)
        for journey in playbook.journeys
    ) + sum(len(shared.items) for shared in playbook.checklists)
    expected_rows = items + lanes
    known = {  # the first item of the default playbook, as its pages show it
        "nb": "Formuler i én setning hva dere vil være kjent for.",
        "en": "Write down, in one sentence, what you want to be known for.",
    }
    headers = {
        "nb": (";", ["reise-id", "reise", "steg-id", "steg", "type", "punkt-id", "tekst"]),
        "en": (",", ["journey_id", "journey", "stage_id", "stage", "kind", "item_id", "text"]),
    }
    for lang, (delimiter, columns) in headers.items():
        text = (tmp_path / f"checklists-{lang}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows and rows[0] == columns, f"{lang}: no header row"
        assert len(rows) - 1 == expected_rows > 50, lang
        assert all(len(row) == len(columns) for row in rows), lang
        assert [row[6] for row in rows if row[5] == "known-for"] == [known[lang]], lang
        data = json.loads((tmp_path / f"checklists-{lang}.json").read_text(encoding="utf-8"))
        assert data["language"] == lang
        stage = data["journeys"][0]["stages"][0]
        assert stage["checklist"][0] == {"id": "known-for", "text": known[lang]}
        listed = sum(
            len(j["checklist"]) + sum(len(s["checklist"]) + len(s["prompts"]) for s in j["stages"])
            for j in data["journeys"]
        ) + sum(len(c["items"]) for c in data["checklists"])
        assert listed == items, lang
    nb_rows = (tmp_path / "checklists-nb.csv").read_text(encoding="utf-8-sig")
    assert ";purchase;Kjøp hos Kunde AS;" in nb_rows  # the client's own override
    # The same files the site offers for download (the team's files are the command's own:
    # the site writes what team.publish lets it, under its own names).
    for name in (name for name in names if not name.startswith("team-")):
        site_copy = client / "site/downloads" / name
        assert (tmp_path / name).read_bytes() == site_copy.read_bytes(), name


def test_unknown_language_in_init_is_refused(tmp_path):
    result = run_cli("init", str(tmp_path / "x"), "--name", "X", "--languages", "no,en")
    assert result.exit_code == 1 and "Norwegian Bokmål is nb" in result.output
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


def test_missing_logo_is_a_content_error(tmp_path):
    made = run_cli("init", str(tmp_path / "c"), "--name", "C", "--languages", "sv")
    assert made.exit_code == 0, made.output
    content = tmp_path / "c/content.yaml"
    content.write_text(
        content.read_text(encoding="utf-8").replace(
            "    # logo: brand/logo.svg", "    logo: brand/missing.svg"
        ),
        encoding="utf-8",
    )
    text = content.read_text(encoding="utf-8")
    line = text[: text.index("logo: brand/missing.svg")].count("\n") + 1
    # validate checks everything generate will need (issue #12: it said OK, then generate failed)
    for command in ("validate", "generate"):
        result = run_cli(command, "-c", str(content))
        assert result.exit_code == 1, command
        assert "1 error in the content; nothing was written." in result.output, result.output
        assert (
            f"{content}:{line}:11: site.branding.logo: 'brand/missing.svg' does not exist"
            in result.output
        ), result.output


def test_client_content_is_valid_against_the_overlay_schema_it_names(client):
    import jsonschema
    import yaml

    content = (client / "content.yaml").read_text(encoding="utf-8")
    first_line = content.splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=.playbook/overlay.schema.json"
    schema = json.loads((client / ".playbook/overlay.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(content))) == []
