"""Loader and validator: valid content loads; every kind of mistake is reported with a position."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.errors import ContentError
from tests.conftest import FIXTURES

VALID = (FIXTURES / "small.yaml").read_text(encoding="utf-8")


def load_text(tmp_path: Path, text: str | bytes):
    path = tmp_path / "content.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_content(path, display_name="content.yaml")


def errors_of(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(ContentError) as caught:
        load_text(tmp_path, text)
    return str(caught.value)


def test_small_fixture_loads_with_fallback_for_plain_strings(tmp_path):
    playbook = load_text(tmp_path, VALID)
    assert playbook.default_language == "sv"
    assert playbook.language_codes == ["sv", "nb", "en"]
    journey = playbook.journeys[0]
    assert journey.cyclic is True
    assert [stage.id for stage in journey.stages] == ["first", "second"]
    assert journey.stages[0].name.get("nb") == "Første"
    # A plain string is the default language's text, and nothing else.
    assert journey.stages[1].summary.get("sv") == "Bara på svenska."
    assert journey.stages[1].summary.get("en") is None


def test_default_content_loads():
    from tests.conftest import REPO

    playbook = load_content(REPO / "content.yaml")
    assert [s.id for s in playbook.journeys[0].stages] == [
        "awareness",
        "interest",
        "consideration",
        "purchase",
        "after-purchase",
        "loyalty",
        "ambassador",
    ]


def replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


# (content, regex the report must match). Each regex includes the line:column.
CASES = {
    "unknown key with did-you-mean": (
        replace("    cyclic: true", "    cylic: true"),
        r"content\.yaml:12:5: journeys\[loop\]\.cylic: unknown key 'cylic'\n    hint: did you mean 'cyclic'\?",
    ),
    "stage id that is the journey page's file name": (
        replace("      - id: second\n", "      - id: index\n"),
        r"content\.yaml:29:13: journeys\[loop\]\.stages\[index\]\.id: the stage id 'index' is "
        r"reserved: the journey's own page is written to that path\n    hint: choose another id",
    ),
    "stage id that is the print page's file name": (
        replace("      - id: second\n", "      - id: print\n"),
        r"content\.yaml:29:13: journeys\[loop\]\.stages\[print\]\.id: the stage id 'print' is reserved",
    ),
    "missing required field": (
        replace("    summary: {sv: Går runt., nb: Går rundt., en: Goes round.}\n", ""),
        r"content\.yaml:9:5: journeys\[loop\]\.summary: missing required field 'summary'",
    ),
    "number instead of text": (
        replace("text: {sv: Säg hej, nb: Si hei, en: Say hello}", "text: {sv: 42, nb: Si hei}"),
        r"content\.yaml:23:24: journeys\[loop\]\.stages\[first\]\.checklist\[say-hello\]\.text\.sv: "
        r"expected text, got the number 42\n    hint: put it in quotes to make it text, e\.g\. \"42\"\n",
    ),
    "null text": (
        replace("summary: Bara på svenska.", "summary:"),
        r"content\.yaml:31:17: journeys\[loop\]\.stages\[second\]\.summary: the text is empty \(null\)\n"
        r"    hint: write the text after the colon, or remove the key\n",
    ),
    "uppercase id": (
        replace("id: say-hello", "id: Say Hello"),
        r"content\.yaml:22:17: journeys\[loop\]\.stages\[first\]\.checklist\[0\]\.id: invalid id 'Say Hello'.*\n    hint: try 'say-hello'",
    ),
    "id with å": (
        replace("id: say-hello", "id: hälsa"),
        r"content\.yaml:22:17: journeys\[loop\]\.stages\[first\]\.checklist\[0\]\.id: invalid id 'hälsa'.*\n    hint: try 'halsa'",
    ),
    "id with slashes": (
        replace("id: loop", "id: ../x"),
        r"content\.yaml:9:9: journeys\[0\]\.id: invalid id '\.\./x'",
    ),
    "duplicate stage id names both lines": (
        replace("      - id: second", "      - id: first"),
        r"content\.yaml:29:13: journeys\[loop\]\.stages\[first\]\.id: duplicate stage id 'first' \(also on line 14\)",
    ),
    "no: read as false": (
        replace("nb: Si hei,", "no: Si hei,"),
        r"content\.yaml:23:33: journeys\[loop\]\.stages\[first\]\.checklist\[say-hello\]\.text\.no: the key 'no:' is read by YAML as false\n    hint: Norwegian Bokmål is 'nb'",
    ),
    "unknown language in text": (
        replace("nb: Si hei,", "fr: Salut,"),
        r"content\.yaml:23:33: journeys\[loop\]\.stages\[first\]\.checklist\[say-hello\]\.text\.fr: unknown language 'fr'",
    ),
    "language Material does not know": (
        replace("- {code: en}", "- {code: xx}"),
        r"content\.yaml:7:14: site\.languages\[2\]\.code: unknown language code 'xx': Material for MkDocs has "
        r"no theme translation for it\n    hint: use one of Material's codes: af, ar, .*\bda\b.*\bzh\b",
    ),
    "language without interface text": (
        replace("- {code: en}", "- {code: fr}"),
        r"content\.yaml:7:14: site\.languages\[2\]\.code: no interface text for 'fr': Journey Playbook speaks "
        r"da, de, en, fi, nb, nn, sv\n    hint: .*generator/site/ui_text/fr\.yml",
    ),
    "language code no": (
        replace("- {code: nb}", "- {code: no}"),
        r"content\.yaml:6:14: site\.languages\[1\]\.code: 'no' is read by YAML as false\n    hint: Norwegian Bokmål is 'nb'",
    ),
    "two default languages": (
        replace("- {code: nb}", "- {code: nb, default: true}"),
        r"content\.yaml:6:27: site\.languages\[1\]\.default: more than one default language",
    ),
    "missing default-language text": (
        replace("text: {sv: Följ upp, nb: Følg opp}", "text: {nb: Følg opp}"),
        r"content\.yaml:35:19: journeys\[loop\]\.stages\[second\]\.checklist\[follow-up\]\.text: missing text in the default language 'sv'",
    ),
    "unquoted colon in flow text": (
        replace("text: {sv: Säg hej,", "text: {sv: Säg: hej,"),
        r"content\.yaml:23:27: YAML syntax error: .*\n    hint: put text that contains ': '",
    ),
    "python object tag": (
        "site: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        r"content\.yaml:1:7: site: the tag !!python/object/apply:os\.system is not allowed",
    ),
    "merge key, which PyYAML would expand past the limits": (
        "site: &s {title: x}\njourneys: {<<: *s}\n",
        r"content\.yaml:2:12: journeys: merge keys \(<<\) are not supported",
    ),
    "a set tag": ("site: !!set {a, b}\n", r"content\.yaml:1:7: site: the tag !!set is not allowed"),
    "a number of thousands of digits": (
        "site:\n  x: " + "1" * 5000 + "\n",
        r"content\.yaml:2:6: site\.x: this value cannot be read as a number",
    ),
    "empty file": ("", r"content\.yaml:0:0: the file is empty"),
    "list instead of mapping at top": ("- a\n- b\n", r"content\.yaml:1:1: expected a mapping"),
    "duplicate key": (
        replace("    cyclic: true", "    cyclic: true\n    cyclic: false"),
        r"content\.yaml:13:5: journeys\[0\]\.cyclic: key 'cyclic' appears twice in this mapping \(first on line 12\)\n    hint: keep one of them\n",
    ),
    "reference to a stage that does not exist": (
        replace("    cyclic: true", "    cyclic: true\n    loops_to: secnd"),
        r"content\.yaml:13:15: journeys\[loop\]\.loops_to: 'loops_to' refers to stage 'secnd', which this "
        r"journey does not have\n    hint: did you mean 'second'\?",
    ),
    "loops_to without cyclic": (
        replace("    cyclic: true", "    loops_to: second"),
        r"content\.yaml:12:15: journeys\[loop\]\.loops_to: 'loops_to' needs 'cyclic: true'",
    ),
    "unquoted question mark in flow text": (
        replace('text: {sv: "Vem möter kunden först?",', "text: {sv: ? Vem möter kunden först,"),
        r"content\.yaml:28:24: YAML syntax error: .*\n    hint: put text that contains ': ', '\? '",
    ),
    "source url with a script scheme": (
        replace(
            'url: "https://example.org/kundresa?utg=2&s=(1)#del_2"', "url: javascript:alert(1)"
        ),
        r"content\.yaml:99:10: sources\[example-2024\]\.url: invalid url 'javascript:alert\(1\)'\n"
        r"    hint: write a full http:// or https:// address",
    ),
    "source url that would break out of its link": (
        replace(
            'url: "https://example.org/kundresa?utg=2&s=(1)#del_2"',
            """url: 'https://example.org/a"><script>x</script>'""",
        ),
        r"content\.yaml:99:10: sources\[example-2024\]\.url: invalid url 'https://example\.org/a\"><script>x</script>'",
    ),
    "reserved anchor id": (
        replace("id: who-first", "id: checklist"),
        r"content\.yaml:27:17: journeys\[loop\]\.stages\[first\]\.prompts\[checklist\]\.id: the id 'checklist' is reserved",
    ),
    "id with æ and ø keeps the letters": (
        replace("id: say-hello", "id: størrelsesguide-ær"),
        r"content\.yaml:22:17: journeys\[loop\]\.stages\[first\]\.checklist\[0\]\.id: invalid id 'størrelsesguide-ær'.*\n    hint: try 'storrelsesguide-aer'",
    ),
    "a tab before a list item": (
        replace("      - id: second", "\t- id: second"),
        (
            r"content\.yaml:29:1: YAML syntax error: a tab character here; YAML indents with spaces only\n"
            r"    hint: replace the tab with spaces"
        ),
    ),
    "a tab after a list dash": (
        replace("      - id: second", "      -\tid: second"),
        r"content\.yaml:29:8: YAML syntax error: a tab character here",
    ),
    "unknown brand colour": (
        replace("  languages:", "  branding: {primary: tael}\n  languages:"),
        (
            r"content\.yaml:4:23: site\.branding\.primary: unknown colour 'tael'\n    hint: did you mean "
            r"'teal'\? Or a hex colour in quotes, e\.g\. \"#1a7f64\""
        ),
    ),
    "unquoted hex colour is a comment": (
        replace("  languages:", "  branding: \n    accent: #1a7f64\n  languages:"),
        (
            r"content\.yaml:5:12: site\.branding\.accent: the colour is empty\n    hint: a hex colour needs quotes, or YAML "
            r"reads '#' as a comment: primary: \"#1a7f64\""
        ),
    ),
    "a wrong choice names the choices, not a schema file": (
        replace(
            'url: "https://example.org/kundresa?utg=2&s=(1)#del_2"\n    language: sv',
            'url: "https://example.org/kundresa?utg=2&s=(1)#del_2"\n    language: fr',
        ),
        r"content\.yaml:100:15: sources\[example-2024\]\.language: no interface text for 'fr': Journey Playbook speaks "
        r"da, de, en, fi, nb, nn, sv",
    ),
    "a list where text belongs": (
        replace("name: {sv: Första, nb: Første, en: First}", "name: [Första, Første]"),
        r"content\.yaml:15:15: journeys\[loop\]\.stages\[first\]\.name: expected text or a map of "
        r"languages \(da, de, en, fi, nb, nn, sv\), got a list\n    hint: write a string, or a "
        r"mapping such as \{sv: \.\.\., nb: \.\.\., en: \.\.\.\}\n",
    ),
    "a colour nothing like Material's": (
        replace("  languages:", "  branding: {primary: zzz}\n  languages:"),
        r"content\.yaml:4:23: site\.branding\.primary: unknown colour 'zzz'\n    hint: use a hex "
        r"colour in quotes \(e\.g\. \"#1a7f64\"\) or one of Material's: red, pink, purple, "
        r"deep-purple, indigo, blue, light-blue, cyan, teal, green, light-green, lime, yellow, "
        r"amber, orange, deep-orange, brown, grey, blue-grey, black, white\n",
    ),
    # Each YAML syntax error keeps its own hint (mutation testing found them untested).
    "an alias without its anchor": (
        "site: *nope\n",
        r"content\.yaml:1:7: YAML syntax error: found undefined alias\n"
        r"    hint: define the anchor \(&name\) before using the alias \(\*name\)\n",
    ),
    "a tag YAML has no constructor for": (
        "site: !foo x\n",
        r"content\.yaml:1:7: YAML syntax error: could not determine a constructor for the tag "
        r"'!foo'\n    hint: remove the tag: content may only hold text, numbers, lists and mappings\n",
    ),
    "a mapping key among list items": (
        "site:\n  - a\n  b: c\n",
        r"content\.yaml:3:3: YAML syntax error: while parsing a block collection: did not find "
        r"expected '-' indicator\n    hint: check the indentation and quoting on this line and "
        r"the one before it\n",
    ),
    "a quote never closed": (
        "site: 'a\n",
        r"content\.yaml:2:1: YAML syntax error: while scanning a quoted scalar: found unexpected "
        r"end of stream\n    hint: check the indentation and quoting",
    ),
    # Constraints worded from the model (issue #30): the constraint and the Rule beside it.
    "a stage reference that is not journey-id/stage-id": (
        replace("[loop/first, short/meet]", "[loop/first, Short]"),
        r"content\.yaml:117:26: checklists\[basics\]\.stages\[1\]: invalid stage 'Short': a stage "
        r"is written journey-id/stage-id\n    hint: write e\.g\. customer-journey/awareness",
    ),
    "an emotion off the scale": (
        replace("      - id: second\n", "      - id: second\n        emotion: 5\n"),
        r"content\.yaml:30:18: journeys\[loop\]\.stages\[second\]\.emotion: 5 is out of range\n"
        r"    hint: use a number from -2 to 2\n",
    ),
    "a year of five digits": (
        replace("    year: 2019\n", "    year: 20190\n"),
        r"content\.yaml:105:11: sources\[handbook-2019\]\.year: 20190 is out of range\n"
        r"    hint: use a number from 0 to 9999\n",
    ),
    "an id over the length limit": (
        replace("id: say-hello", "id: " + "a" * 65),
        r"content\.yaml:22:17: journeys\[loop\]\.stages\[first\]\.checklist\[a{65}\]\.id: the id "
        r"is 65 characters long; the limit is 64\n    hint: use a shorter id\n",
    ),
    "a client name over the length limit": (
        replace("  languages:", "  client: " + "Å" * 121 + "\n  languages:"),
        r"content\.yaml:4:11: site\.client: the text is 121 characters long; the limit is 120\n"
        r"    hint: shorten the text\n",
    ),
    "an empty text": (
        replace("summary: Bara på svenska.", 'summary: ""'),
        r"content\.yaml:31:18: journeys\[loop\]\.stages\[second\]\.summary\.sv: the text is "
        r"empty\n    hint: write the text, or remove the key\n",
    ),
    "an empty list that needs an entry": (
        replace(
            "    items:\n      - id: answer-fast",
            "    items: []\n    old:\n      - id: answer-fast",
        ),
        r"content\.yaml:112:12: checklists\[basics\]\.items: 'items' is empty\n"
        r"    hint: add at least one entry to 'items'\n",
    ),
    # The cases that keep a sentence of their own in the loader (content/loader.py _describe).
    "text where a list belongs": (
        replace("      - id: second\n", "      - id: second\n        corresponds_to: first\n"),
        r"content\.yaml:30:25: journeys\[loop\]\.stages\[second\]\.corresponds_to: expected a "
        r"list, got text\n    hint: write each entry on its own line after '- '\n",
    ),
    "a list where a mapping belongs": (
        replace("  languages:", "  branding:\n    - primary: teal\n  languages:"),
        r"content\.yaml:5:5: site\.branding: expected a mapping \(key: value\), got a list\n"
        r"    hint: remove the '- ' in front: this entry is a mapping, not a list\n",
    ),
    "a word where true or false belongs": (
        replace("    cyclic: true", "    cyclic: kanske"),
        r"content\.yaml:12:13: journeys\[loop\]\.cyclic: expected true or false, got 'kanske'\n"
        r"    hint: write true or false\n",
    ),
    "a key that YAML reads as a number": (
        replace("  languages:", "  1: x\n  languages:"),
        r"content\.yaml:4:3: site\.1: the key 1 is not text\n    hint: write keys as words",
    ),
}


@pytest.mark.parametrize("text, pattern", list(CASES.values()), ids=list(CASES))
def test_content_errors_are_located_and_explained(tmp_path, text, pattern):
    # An exact line and column: a column off by one once passed a pattern with \d+ (issue #30).
    assert re.match(r"content\\\.yaml:[0-9]+:[0-9]+: ", pattern), "start with the exact position"
    report = errors_of(tmp_path, text)
    assert re.search(pattern, report), report
    assert "Traceback" not in report


def test_all_errors_are_reported_in_one_run_sorted_by_line(tmp_path):
    text = replace("    cyclic: true", "    cylic: true")
    text = text.replace("id: say-hello", "id: Say-Hello").replace("- {code: en}", "- {code: xx}")
    report = errors_of(tmp_path, text)
    positions = re.findall(r"^content\.yaml:([0-9]+:[0-9]+):", report, re.MULTILINE)
    assert positions == ["7:14", "12:5", "22:17"], report
    assert report.rstrip().endswith("3 errors in the content; nothing was written.")


def test_file_that_is_not_utf8_names_line_and_column(tmp_path):
    data = VALID.encode("utf-8").replace("Säg hej".encode(), "S\xe4g hej".encode("latin-1"))
    report = errors_of(tmp_path, data)
    assert re.search(r"content\.yaml:23:25: the file is not UTF-8 \(byte 0xe4", report), report


def test_a_column_after_letters_like_o_with_diaeresis_counts_characters_not_bytes(tmp_path):
    # "Ögon, s" is 8 bytes but 7 characters: an editor puts the bad byte in column 31.
    data = VALID.encode("utf-8").replace("Säg hej".encode(), "Ögon, s\xe4g".encode("latin-1"))
    report = errors_of(tmp_path, data.replace("Ögon".encode("latin-1"), "Ögon".encode()))
    assert re.search(r"content\.yaml:23:31: the file is not UTF-8 \(byte 0xe4", report), report


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    report = errors_of(tmp_path, "\n".join(bomb) + "\n")
    assert "alias bomb" in report


def test_python_tag_is_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    errors_of(tmp_path, f"site: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    from generator.content.source import MAX_FILE_BYTES

    path = tmp_path / "content.yaml"
    with path.open("wb") as stream:  # sparse: no need to write 32 MB
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ContentError) as caught:
        load_content(path, display_name="content.yaml")
    assert re.search(
        r"content\.yaml:0:0: the file is 33,554,433 bytes; the limit is 33,554,432",
        str(caught.value),
    )


def test_very_long_text_loads_up_to_the_cap_and_no_further(tmp_path):
    from generator.content.model import MAX_TEXT_CHARS

    long_name = "Å" * MAX_TEXT_CHARS
    playbook = load_text(tmp_path, replace("{sv: Första,", "{sv: " + long_name + ","))
    assert playbook.journeys[0].stages[0].name.get("sv") == long_name
    report = errors_of(tmp_path, replace("{sv: Första,", "{sv: " + long_name + "Ö,"))
    assert re.search(
        r"content\.yaml:15:20: journeys\[loop\]\.stages\[first\]\.name\.sv: the text "
        r"is 20,001 characters long; the limit is 20,000",
        report,
    ), report


# Issue #11: bounded cost for untrusted Markdown and nesting.


def test_markdown_with_thousands_of_brackets_is_refused_before_rendering(tmp_path):
    import time

    started = time.perf_counter()
    report = errors_of(
        tmp_path, replace('sv: "Här **börjar** det.', 'sv: "' + "[" * 5_000 + " Här")
    )
    assert time.perf_counter() - started < 5
    assert re.search(
        r"content\.yaml:18:15: journeys\[loop\]\.stages\[first\]\.description\.sv: the Markdown "
        r"holds 5,000 '\[' characters; the limit is 300",
        report,
    ), report


def test_deeply_nested_content_is_one_located_error(tmp_path):
    report = errors_of(tmp_path, VALID + "extra: " + "[" * 200 + "]" * 200 + "\n")
    assert "nested more than 40 levels deep" in report and "Traceback" not in report


def test_type_errors_and_duplicate_ids_are_reported_in_the_same_run(tmp_path):
    text = replace("      - id: second", "      - id: first").replace(
        "    cyclic: true", "    cyclic: maybe"
    )
    report = errors_of(tmp_path, text)
    assert "duplicate stage id 'first'" in report
    assert "journeys[loop].cyclic: expected true or false" in report


def test_every_duplicate_key_is_reported(tmp_path):
    text = replace("    cyclic: true", "    cyclic: true\n    cyclic: false").replace(
        "        prompts: []", "        prompts: []\n        prompts: []"
    )
    report = errors_of(tmp_path, text)
    assert report.count("appears twice in this mapping") == 2


FACT = "\n  - {id: big-number, source: exmaple-2024, text: {sv: Ett tal}}"


def test_fact_with_unknown_source_and_stage_with_unknown_fact(tmp_path):
    text = replace("        prompts: []", "        prompts: []\n        facts: [big-numbr]")
    text = text.replace("\nfacts:", "\nfacts:" + FACT, 1)
    report = errors_of(tmp_path, text)
    assert re.search(
        r"facts\[big-number\]\.source: no source with id 'exmaple-2024'\n    hint: did you mean 'example-2024'",
        report,
    )
    assert re.search(
        r"stages\[second\]\.facts\[0\]: no fact with id 'big-numbr'\n    hint: did you mean 'big-number'",
        report,
    )


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "data:text/html,<b>x</b>",
        "https://user:secret@example.org/",
        "https://example.org/a b",
        "https://example.org/å",
        "https://example.org/[x](y)",
        "https://example.org/`x`",
        "https://example.org/a\\b",
        "//example.org/",
        "https://",
    ],
)
def test_source_url_accepts_only_plain_http_addresses(tmp_path, url):
    text = replace('url: "https://example.org/kundresa?utg=2&s=(1)#del_2"', f"url: {url!r}")
    assert "sources[example-2024].url: invalid url" in errors_of(tmp_path, text)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "https://example.org/",
        "https://sv.example.org:8443/a/b.html",
        "https://example.org/s%C3%A5?q=1&r=(2)#top",
        "https://example.org/~x/a_b-c.d;e=f,g+h*i!j$k'l@m",
    ],
)
def test_source_url_keeps_a_valid_address(tmp_path, url):
    text = replace('url: "https://example.org/kundresa?utg=2&s=(1)#del_2"', f"url: {url!r}")
    assert load_text(tmp_path, text).sources[0].url == url


def test_hex_brand_colours_are_accepted_and_set_materials_variables(tmp_path):
    from generator.site.palette import CUSTOM_CSS
    from generator.site.render import render

    playbook = load_text(
        tmp_path,
        replace("  languages:", '  branding: {primary: "#1a7f64", accent: "#fc0"}\n  languages:'),
    )
    outputs = {path.as_posix(): text for path, text in render(playbook).items()}
    css = outputs[f"playbook/{CUSTOM_CSS}"]
    assert "--md-primary-fg-color: #1a7f64;" in css and "--md-primary-bg-color: #ffffff;" in css
    assert "--md-accent-fg-color: #ffcc00;" in css and "--md-accent-bg-color: #000000;" in css
    import yaml

    config = yaml.safe_load(outputs[".playbook/mkdocs.generated.yml"])
    assert {entry["primary"] for entry in config["theme"]["palette"]} == {"custom"}
    assert config["extra_css"] == [CUSTOM_CSS]
