"""Cross-checks that a type system cannot express: unique ids, one default language,
and text present in the default language. Each finding is an Issue with a position.
"""

from __future__ import annotations

import difflib
from typing import Any
from urllib.parse import urlsplit

from generator.content.limits import check_limits
from generator.content.model import MAP_LANES, Journey, Playbook
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.content.texts import iter_texts
from generator.errors import Issue
from generator.known_issues import KNOWN_ISSUES

RESERVED_ANCHORS = frozenset({"checklist", "prompts", "facts", "metrics", "stage-links"})
"""Heading ids on a stage page; an item id equal to one would give two elements one id."""

RESERVED_STAGE_IDS = {
    "index": "page",
    "print": "print page",
    "poster": "map poster",
    "workshop": "workshop guide",
}
"""File names a journey's folder already uses (its journey page, print page, poster and
workshop guide): a stage with one of these ids would be written to the same path and replace
that page."""


def check_ids(parsed: ParsedFile) -> list[Issue]:
    """Duplicate and reserved ids, checked on the raw data.

    Runs even when the types are wrong elsewhere, so one run reports both kinds.
    """
    found = _Findings(parsed)
    journeys = _entries(parsed.data, "journeys")
    _check_unique([(loc, ident) for loc, ident, _ in journeys], "journey", found)
    for key, what in (
        ("facts", "fact"),
        ("glossary", "term"),
        ("sources", "source"),
        ("checklists", "checklist"),
        ("chooser", "question"),
    ):
        _check_unique([(loc, ident) for loc, ident, _ in _entries(parsed.data, key)], what, found)
    for q_loc, _, question in _entries(parsed.data, "chooser"):
        answers = _entries(question, "answers", q_loc)
        _check_unique([(loc, ident) for loc, ident, _ in answers], "answer", found)
    site = parsed.data.get("site") if isinstance(parsed.data, dict) else None
    accessibility = site.get("accessibility") if isinstance(site, dict) else None
    if isinstance(accessibility, dict):
        issues = _entries(accessibility, "issues", ("site", "accessibility"))
        _check_unique([(loc, ident) for loc, ident, _ in issues], "accessibility issue", found)
    for j_loc, _, journey in journeys:
        stages = _entries(journey, "stages", j_loc)
        _check_unique([(loc, ident) for loc, ident, _ in stages], "stage", found)
        for loc, stage_id, _ in stages:
            if stage_id in RESERVED_STAGE_IDS:
                found.add(
                    loc + ("id",),
                    f"the stage id '{stage_id}' is reserved: the journey's own "
                    f"{RESERVED_STAGE_IDS[stage_id]} is written to that path",
                    f"choose another id, e.g. '{stage_id}-stage'",
                )
        _check_unique(
            [(loc, ident) for loc, ident, _ in _entries(journey, "checklist", j_loc)],
            "checklist item",
            found,
        )
        for s_loc, _, stage in stages:
            items = _entries(stage, "checklist", s_loc) + _entries(stage, "prompts", s_loc)
            items += _entries(stage, "metrics", s_loc)
            # Checklist items and prompts share one page, so their anchors share one namespace.
            _check_unique(
                [(loc, ident) for loc, ident, _ in items], "item, prompt or metric", found
            )
            # Each lane of the journey map is its own list: overlays merge it by id.
            for lane in MAP_LANES:
                _check_unique(
                    [(loc, ident) for loc, ident, _ in _entries(stage, lane, s_loc)],
                    "lane entry",
                    found,
                )
            for loc, item_id, _ in items:
                if item_id in RESERVED_ANCHORS:
                    found.add(
                        loc + ("id",),
                        f"the id '{item_id}' is reserved for a heading on the stage page",
                        f"choose another id, e.g. '{item_id}-item'",
                    )
    return found.issues


def _entries(mapping: Any, key: str, loc: tuple = ()) -> list[tuple[tuple, str, dict]]:
    """(path, id, item) for list items under ``key`` that have a text id."""
    items = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(items, list):
        return []
    return [
        (loc + (key, index), item["id"], item)
        for index, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def check_playbook(playbook: Playbook, parsed: ParsedFile) -> list[Issue]:
    """Cross-field problems of a well-typed ``playbook``: languages, default text, references."""
    found = _Findings(parsed)
    _check_languages(playbook, found)
    default = playbook.declared_default_language
    if default and parsed.source.layered:
        _check_some_site_language(playbook, found)
    elif default:
        _check_default_text(playbook, default, found)
    for j, journey in enumerate(playbook.journeys):
        _check_loop(journey, ("journeys", j), found, parsed.removed)
    _check_references(playbook, found, parsed.removed)
    _check_repo_host(playbook, found)
    _check_compliance(playbook, found)
    for loc, message, hint in check_limits(playbook):
        found.add(loc, message, hint)
    return found.issues


def _check_references(playbook: Playbook, found: _Findings, removed: dict) -> None:
    """Facts and terms name existing sources; stages name existing facts."""
    sources = [source.id for source in playbook.sources]
    facts = [fact.id for fact in playbook.facts]
    wanted: list[tuple[tuple, str, list[str], str]] = [
        (("facts", i, "source"), fact.source, sources, "source")
        for i, fact in enumerate(playbook.facts)
    ]
    wanted += [
        (("glossary", i, "source"), term.source, sources, "source")
        for i, term in enumerate(playbook.glossary)
        if term.source
    ]
    wanted += [
        (("journeys", i, "source"), journey.source, sources, "source")
        for i, journey in enumerate(playbook.journeys)
        if journey.source
    ]
    wanted += [
        (("checklists", i, "source"), shared.source, sources, "source")
        for i, shared in enumerate(playbook.checklists)
        if shared.source
    ]
    journeys = [journey.id for journey in playbook.journeys]
    for q, question in enumerate(playbook.chooser):
        for a, answer in enumerate(question.answers):
            here = ("chooser", q, "answers", a)
            wanted.append((here + ("journey",), answer.journey, journeys, "journey"))
            if answer.source:
                wanted.append((here + ("source",), answer.source, sources, "source"))
    all_stages = [f"{j.id}/{s.id}" for j in playbook.journeys for s in j.stages]
    wanted += [
        (("checklists", i, "stages", k), ref, all_stages, "stage")
        for i, shared in enumerate(playbook.checklists)
        for k, ref in enumerate(shared.stages)
    ]
    first_journey = [stage.id for stage in playbook.journeys[0].stages]
    for j, journey in enumerate(playbook.journeys):
        for s, stage in enumerate(journey.stages):
            wanted += [
                (("journeys", j, "stages", s, "facts", k), fact, facts, "fact")
                for k, fact in enumerate(stage.facts)
            ]
            wanted += [
                (
                    ("journeys", j, "stages", s, "corresponds_to", k),
                    ref,
                    first_journey,
                    "stage in the first journey",
                )
                for k, ref in enumerate(stage.corresponds_to)
            ]
    for loc, ident, known, what in wanted:
        if ident in known:
            continue
        if ident.split("/")[-1] in removed:
            file, line, _ = removed[ident.split("/")[-1]]
            found.add(
                loc,
                f"refers to {what} '{ident}', which {file}:{line} removes",
                f"delete '{ident}' here, or the 'remove: true' on {file}:{line}",
            )
            continue
        close = difflib.get_close_matches(ident, known, n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else (
                f"use one of: {', '.join(known)}" if known else f"add it under top-level '{what}s'"
            )
        )
        found.add(loc, f"no {what} with id '{ident}'", hint)


def _check_compliance(playbook: Playbook, found: _Findings) -> None:
    """A statement may not claim full compliance while the tool lists problems of its own:
    the same page would name the barriers that make the claim false."""
    if playbook.site.accessibility.compliance == "full" and KNOWN_ISSUES:
        found.add(
            ("site", "accessibility", "compliance"),
            f"'full' cannot be true: every site this tool builds still has {len(KNOWN_ISSUES)} "
            "known accessibility issues, which the statement page lists",
            "write 'compliance: partial', or leave the line out until you have assessed the site",
        )


def _check_loop(journey: Journey, loc: tuple, found: _Findings, removed: dict) -> None:
    if journey.loops_to is None:
        return
    stage_ids = [stage.id for stage in journey.stages]
    if not journey.cyclic:
        found.add(
            loc + ("loops_to",),
            "'loops_to' needs 'cyclic: true'",
            "add 'cyclic: true' to the journey, or remove 'loops_to'",
        )
    elif journey.loops_to not in stage_ids and journey.loops_to in removed:
        file, line, _ = removed[journey.loops_to]
        found.add(
            loc + ("loops_to",),
            f"'loops_to' refers to stage '{journey.loops_to}', which {file}:{line} removes",
            f"write 'loops_to: {stage_ids[0]}' (or another stage the journey keeps), "
            "or delete this line to loop back to the first stage",
        )
    elif journey.loops_to not in stage_ids:
        close = difflib.get_close_matches(journey.loops_to, stage_ids, n=1)
        suggestion = (
            f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(stage_ids)}"
        )
        found.add(
            loc + ("loops_to",),
            f"'loops_to' refers to stage '{journey.loops_to}', which this journey does not have",
            suggestion,
        )


class _Findings:
    def __init__(self, parsed: ParsedFile):
        self.parsed = parsed
        self.issues: list[Issue] = []

    def add(self, loc: tuple, message: str, hint: str) -> None:
        file, line, column = self.parsed.source.locate(loc)
        path = format_path(loc, self.parsed.data)
        self.issues.append(Issue(file, line, column, path, message, hint))


REPO_HOSTS = ("github.com",)
"""Hosts whose web editor "share my changes" knows how to open (team_view.editor_link)."""


def _check_repo_host(playbook: Playbook, found: _Findings) -> None:
    """``repo_url`` is on github.com, or on the GitHub Enterprise host the content names: the
    link carries a reader's unshared answers there (issue #23)."""
    site = playbook.site
    if site.repo_url is None:
        return
    host = urlsplit(site.repo_url).hostname or ""
    allowed = (*REPO_HOSTS, *([site.github_enterprise] if site.github_enterprise else []))
    if host in allowed:
        return
    found.add(
        ("site", "repo_url"),
        f"the repository is on {host or 'no host'}, not on {' or '.join(allowed)}: "
        "'share my changes' sends a reader's answers to that address",
        "use the repository's address on github.com; for GitHub Enterprise Server, also write "
        f"'github_enterprise: {host or 'github.example.com'}' under site",
    )


def _check_languages(playbook: Playbook, found: _Findings) -> None:
    languages = playbook.site.languages
    defaults = [i for i, lang in enumerate(languages) if lang.default]
    if not defaults:
        found.add(
            ("site", "languages"),
            "no language is marked as the default",
            "add 'default: true' to the language served at the site root",
        )
    for extra in defaults[1:]:
        first = languages[defaults[0]].code
        found.add(
            ("site", "languages", extra, "default"),
            f"more than one default language (already '{first}')",
            "keep 'default: true' on one language only",
        )
    _check_unique(
        [(("site", "languages", i), lang.code) for i, lang in enumerate(languages)],
        "language",
        found,
        key="code",
    )


def _check_default_text(playbook: Playbook, default: str, found: _Findings) -> None:
    for loc, text in iter_texts(playbook):
        if text.get(default) is None:
            found.add(
                loc,
                f"missing text in the default language '{default}'",
                f"add '{default}: ...'; other languages fall back to it",
            )


def _check_some_site_language(playbook: Playbook, found: _Findings) -> None:
    # A project that extends a base may speak a language the base lacks (a Danish client of
    # the Swedish default playbook): the base's texts show in another site language, with a
    # note, until translated. A text in none of the site's languages could not show at all.
    codes = playbook.language_codes
    for loc, text in iter_texts(playbook):
        if not any(text.get(code) is not None for code in codes):
            found.add(
                loc,
                f"no text in any language this site builds ({', '.join(codes)})",
                f"add '{playbook.default_language}: ...' here",
            )


def _check_unique(entries: list[tuple[tuple, str]], what: str, found: _Findings, key="id") -> None:
    first_seen: dict[str, tuple] = {}
    for loc, value in entries:
        if value in first_seen:
            first_file, first_line, _ = found.parsed.source.locate(first_seen[value] + (key,))
            here_file = found.parsed.source.locate(loc + (key,))[0]
            where = (
                f"line {first_line}" if first_file == here_file else f"{first_file}:{first_line}"
            )
            found.add(
                loc + (key,),
                f"duplicate {what} {key} '{value}' (also on {where})",
                f"give each {what} its own {key}",
            )
        else:
            first_seen[value] = loc
