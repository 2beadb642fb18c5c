"""Render a Playbook into Markdown pages and MkDocs configuration. Pure: no I/O.

Python resolves each text for a language (with fallback) and escapes it;
the templates in ``generator/site/templates`` only loop and lay out.
Output paths follow mkdocs-static-i18n's suffix layout: ``page.md`` in the
default language, ``page.<lang>.md`` in the others.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import jinja2

from generator.content.model import Journey, Playbook
from generator.errors import GeneratorError
from generator.generated import DOCS_DIR
from generator.site import marks
from generator.site.accessibility import statement
from generator.site.context import (
    chooser_context,
    common,
    comparison_context,
    glossary_context,
    journey_context,
    map_description,
    neighbours,
    shared_context,
    source_link,
    sources_context,
    stage_context,
)
from generator.site.exports import map_svg_name, render_exports
from generator.site.item_editor import MAX_CHARS, editable_fields
from generator.site.journey_card import journey_card
from generator.site.journey_map import journey_map
from generator.site.localize import Localizer, localizer, untranslated_note
from generator.site.markup import html_attr, html_text, yaml_string
from generator.site.pages import StageData
from generator.site.palette import CUSTOM_CSS, palette_css
from generator.site.progress import (
    PageProgress,
    journey_export,
    known_keys,
    no_progress,
    page_progress,
    share_ids,
    stage_scopes,
)
from generator.site.send_target import send_target
from generator.site.site_config import GENERATED_CONFIG, render_config
from generator.site.team_exports import TeamDownload, render_team_exports, team_downloads
from generator.site.team_view import (
    TeamView,
    dashboard,
    editor_link,
    journey_fingerprint,
    journey_keys,
    no_team,
    team_view,
)
from generator.site.ui import UI_TEXT
from generator.site.workshop import agenda
from generator.team.history import Change
from generator.team.keys import (
    PLAYBOOK_SCOPE,
    before_scope,
    journey_scope,
    shared_scope,
    stage_scope,
)
from generator.team.model import TeamStatus
from generator.team.published import FULL, Published, published
from generator.team.scopes import Scope, scopes

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.site", "templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown; Python escapes each value for its context
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates are part of the package: no stat() per page
)

_ENV.filters["md"] = marks.md_marked
_ENV.filters["md_bare"] = marks.md_bare
_ENV.filters["html"] = html_text
_ENV.filters["html_marked"] = marks.html_marked
_ENV.filters["html_attr"] = html_attr
_ENV.filters["yaml"] = yaml_string
_ENV.filters["lang"] = marks.lang_attr
"""``{: .class{{ text | lang }} }``: an attribute list that marks a text's language."""
_ENV.filters["lang_block"] = marks.lang_block
_ENV.filters["shown"] = marks.shown
_ENV.filters["fill_marked"] = marks.marked_html
"""``{{ ui.key | fill_marked(stage=name) | shown }}``: interface text with a value in it, as
HTML, the value marked with its language where it is another one."""
_ENV.filters["title_front_matter"] = marks.title_front_matter


def page_path(docs_path: str, language: str, default: str) -> PurePosixPath:
    """``stages/x.md`` for the default language, ``stages/x.nb.md`` for nb."""
    if language == default:
        return PurePosixPath(DOCS_DIR, f"{docs_path}.md")
    return PurePosixPath(DOCS_DIR, f"{docs_path}.{language}.md")


def render(
    playbook: Playbook,
    *,
    extra_pages: tuple[str, ...] = (),
    site_url: str | None = None,
    content_name: str = "content.yaml",
    team: TeamStatus | None = None,
    today: date | None = None,
    pages_in: tuple[str, ...] | None = None,
    history: tuple[Change, ...] = (),
) -> dict[PurePosixPath, str]:
    """Every generated file, keyed by its path relative to the project root.

    ``extra_pages`` are hand-written pages (docs-relative, default-language file
    names) to list in the navigation after the journeys. ``site_url`` overrides
    ``site.url`` from the content (CI knows the Pages address; the content may not).
    ``team`` is the team's status file (progress.yaml), None when the project has none;
    ``today`` the day it is judged on (what is overdue), which the caller picks;
    ``history`` its latest changes. The content's team.publish decides what of them the
    pages show: they get only what ``published`` lets through.
    ``pages_in`` limits the pages to those languages (a one-language preview); the
    settings and downloads are always whole, so the navigation never differs.
    """
    if team is not None and today is None:
        raise GeneratorError("render() needs today to judge the team's status on")
    default = playbook.default_language
    outputs = _Outputs()
    shown = published(team, playbook.team.publish, history)
    # What team.publish lets through, and nothing more: under counts no owner or note, and
    # no column for them.
    team_files = render_team_exports(
        playbook,
        shown.status if shown else None,
        today if shown else None,
        DOCS_DIR + "/downloads",
        private=shown is None or shown.mode == FULL,
        site=True,
    )
    found = scopes(playbook)
    for language in playbook.language_codes:
        if pages_in is not None and language not in pages_in:
            continue
        view = team_view(playbook, shown, today or date.min, language)
        downloads = team_downloads(team_files, language)

        def progress(
            scope_ids: list[str], answer_keys: list[str] | None = None, view: TeamView = view
        ) -> PageProgress:
            return page_progress(scope_ids, found, view, answer_keys or [])

        outputs[page_path("index", language, default)] = _home(
            playbook,
            language,
            view,
            # The home page imports and sends every answer: it knows each one's base.
            progress(_home_scopes(playbook), list(view["answer_bases"])),
            downloads,
            has_status_file=team is not None,
        )
        if shown is not None and today is not None:
            outputs[page_path("team", language, default)] = _dashboard(
                playbook, shown, today, language, view, downloads
            )
        if playbook.glossary:
            outputs[page_path("glossary", language, default)] = _simple_page(
                "glossary.md.j2", playbook, language, glossary_context
            )
        if playbook.sources:
            outputs[page_path("sources", language, default)] = _simple_page(
                "sources.md.j2", playbook, language, sources_context
            )
        if len(playbook.journeys) > 1:
            text = localizer(playbook, language)
            outputs[page_path("comparison", language, default)] = _page(
                "comparison.md.j2",
                playbook,
                text,
                table=comparison_context(playbook, text),
                chooser=chooser_context(playbook, text),
            )
        text = localizer(playbook, language)
        outputs[page_path("accessibility", language, default)] = _page(
            "accessibility.md.j2", playbook, text, statement=statement(playbook, text)
        )
        for shared in playbook.checklists:
            outputs[page_path(f"checklists/{shared.id}", language, default)] = _shared(
                playbook, shared, language, view, progress([shared_scope(shared.id)])
            )
        for journey in playbook.journeys:
            folder = f"stages/{journey.id}"
            in_journey = stage_scopes(playbook, journey)
            journey_wide = [journey_scope(journey.id)] + _before(journey, found)
            # A share link opened on the journey page may carry answers to its prompts.
            answered = [key for key in view["answer_bases"] if key.startswith(f"{journey.id}/")]
            outputs[page_path(f"{folder}/index", language, default)] = _journey(
                playbook,
                journey,
                language,
                view,
                progress(journey_wide + in_journey, answered),
                (shown, today),
            )
            # Each stage's data once, for its page and for the journey's print page.
            text = localizer(playbook, language)
            stages = [stage_context(playbook, journey, i, text) for i in range(len(journey.stages))]
            outputs[page_path(f"{folder}/print", language, default)] = _print(
                playbook, journey, language, stages, view, progress(journey_wide + in_journey)
            )
            outputs[page_path(f"{folder}/poster", language, default)] = _poster(
                playbook, journey, language, view, progress(in_journey)
            )
            outputs[page_path(f"{folder}/workshop", language, default)] = _workshop(
                playbook, journey, text, view
            )
            for position, stage in enumerate(journey.stages):
                data = stages[position]
                on_page = [data["scope"]] + [shared["scope"] for shared in data["shared"]]
                prompt_keys = [prompt["key"] for prompt in data["prompts"]]
                outputs[page_path(f"{folder}/{stage.id}", language, default)] = _stage(
                    playbook,
                    journey,
                    position,
                    language,
                    data,
                    view,
                    progress(on_page, prompt_keys),
                    (shown, today),
                )
    outputs[GENERATED_CONFIG] = render_config(
        playbook, extra_pages, site_url, content_name, team_page=shown is not None
    )
    colors = palette_css(playbook.site.branding)
    if colors:
        outputs[PurePosixPath(DOCS_DIR, CUSTOM_CSS)] = colors
    for path, export in render_exports(playbook, DOCS_DIR + "/downloads").items():
        outputs[path] = export
    for path, export in team_files.items():
        outputs[path] = export
    return dict(outputs)


def _home_scopes(playbook: Playbook) -> list[str]:
    """The home page's bars and marks: the playbook's, each journey's and each stage's."""
    found = [PLAYBOOK_SCOPE]
    for journey in playbook.journeys:
        found.append(journey_scope(journey.id))
        found += [stage_scope(journey.id, stage.id) for stage in journey.stages]
    return found


def _before(journey: Journey, found: dict[str, Scope]) -> list[str]:
    """The journey's "before you start" scope, if it has that checklist."""
    scope_id = before_scope(journey.id)
    return [scope_id] if scope_id in found else []


class _Outputs(dict):
    """A dict that refuses a second output for one path instead of silently keeping the last.

    The content checks reserve the ids that would collide (a stage called 'index'); this
    guard catches whatever they miss, as an error rather than a lost page.
    """

    def __setitem__(self, path: PurePosixPath, text: str) -> None:
        if path in self:
            raise GeneratorError(
                f"two pages would be written to {path}; rename one of the ids that lead there"
            )
        super().__setitem__(path, text)


def _note_html(note: str) -> str:
    """Material's "warning" admonition, written as HTML so that search can skip it."""
    return (
        '<div class="admonition warning" data-pagefind-ignore>\n'
        f'<p class="admonition-title">{html_text(note)}</p>\n</div>\n\n'
    )


class PageText(str):
    """A rendered page that knows the languages it falls back to (for ``playbook
    translations``, which lists the pages where a translator's work shows)."""

    fallbacks: frozenset[str] = frozenset()


def _page(template: str, playbook: Playbook, text: Localizer, **context) -> str:
    context.update(common(playbook, text))
    context.setdefault("team", no_team())
    context.setdefault("progress", no_progress())
    # The note follows from the texts the page shows: each filter that writes a fallback
    # records its language (generator/site/marks.py), and the note fills its slot after.
    fallbacks: set[str] = set()
    context[marks.MARKS] = fallbacks
    context["untranslated_slot"] = marks.NOTE_SLOT
    page = _ENV.get_template(template).render(context)
    note = untranslated_note(playbook, text.language, fallbacks)
    rendered = PageText(page.replace(marks.NOTE_SLOT, _note_html(note) if note else ""))
    rendered.fallbacks = frozenset(fallbacks)
    return rendered


def _simple_page(template: str, playbook: Playbook, language: str, entries) -> str:
    text = localizer(playbook, language)
    return _page(template, playbook, text, entries=entries(playbook, text))


def _shared(
    playbook: Playbook, shared, language: str, team: TeamView, progress: PageProgress
) -> str:
    text = localizer(playbook, language)
    names = {f"{j.id}/{s.id}": (j, s) for j in playbook.journeys for s in j.stages}
    stages = [
        {
            "journey": names[ref][0].id,
            "journey_name": text(names[ref][0].name),
            "id": names[ref][1].id,
            "name": text(names[ref][1].name),
        }
        for ref in shared.stages
    ]
    source = source_link(playbook, shared.source, language)
    return _page(
        "shared.md.j2",
        playbook,
        text,
        shared=shared_context(shared, text),
        stages=stages,
        source=source,
        team=team,
        progress=progress,
    )


def _dashboard(
    playbook: Playbook,
    shown: Published,
    today: date,
    language: str,
    team: TeamView,
    downloads: list[TeamDownload],
) -> str:
    text = localizer(playbook, language)
    return _page(
        "team.md.j2",
        playbook,
        text,
        board=dashboard(playbook, shown, today, text),
        team=team,
        team_downloads=downloads,
    )


def _home(
    playbook: Playbook,
    language: str,
    team: TeamView,
    progress: PageProgress,
    downloads: list[TeamDownload],
    *,
    has_status_file: bool,
) -> str:
    text = localizer(playbook, language)
    return _page(
        "home.md.j2",
        playbook,
        text,
        description=text(playbook.site.description),
        cards=[journey_card(playbook, journey, text) for journey in playbook.journeys],
        comparison=len(playbook.journeys) > 1,
        known=known_keys(playbook),
        team=team,
        progress=progress,
        editor=editor_link(playbook.site.repo_url, has_status_file),
        send=send_target(playbook.site),
        has_status_file=has_status_file,
        team_downloads=downloads,
    )


_Shown = tuple[Published | None, date | None]
"""What team.publish lets the pages show of the status file, and the day it is judged on."""


def _journey(
    playbook: Playbook,
    journey: Journey,
    language: str,
    team: TeamView,
    progress: PageProgress,
    shown: _Shown,
) -> str:
    text = localizer(playbook, language)
    context = journey_context(journey, text, allow_html=playbook.site.allow_html)
    source = source_link(playbook, journey.source, language)
    keys = journey_keys(playbook, journey)
    return _page(
        "journey.md.j2",
        playbook,
        text,
        journey=context,
        stages=context["stages"],
        map=journey_map(journey, text),
        map_description=map_description(journey, text),
        map_svg=map_svg_name(journey.id, language),
        source=source,
        export=journey_export(playbook, journey, text, *shown),
        team=team,
        progress=progress,
        share={
            "ids": share_ids(keys, journey),
            "fingerprint": journey_fingerprint(playbook, journey),
        },
        send=send_target(playbook.site),
    )


def _poster(
    playbook: Playbook, journey: Journey, language: str, team: TeamView, progress: PageProgress
) -> str:
    """The journey map alone, to print on one landscape sheet for a workshop wall.

    It gets the team's state like the journey page, so a printed wall map shows the
    team's progress and not only what was ticked in the printing browser."""
    text = localizer(playbook, language)
    updated = playbook.site.updated
    return _page(
        "poster.md.j2",
        playbook,
        text,
        journey={"id": journey.id, "name": text(journey.name), "summary": text(journey.summary)},
        map=journey_map(journey, text),
        map_description=map_description(journey, text),
        content_date=UI_TEXT["content_date"][language].format(date=updated.isoformat())
        if updated
        else "",
        team=team,
        progress=progress,
    )


def _workshop(playbook: Playbook, journey: Journey, text: Localizer, team: TeamView) -> str:
    """How to run a half-day workshop with ``journey``: the agenda follows its stages."""
    return _page(
        "workshop.md.j2",
        playbook,
        text,
        journey={"id": journey.id, "name": text(journey.name), "count": len(journey.stages)},
        participants=text(journey.workshop.participants) if journey.workshop.participants else "",
        focus=text(journey.workshop.focus) if journey.workshop.focus else "",
        agenda=agenda(journey, text),
        team=team,
    )


def _print(
    playbook: Playbook,
    journey: Journey,
    language: str,
    stages: list,
    team: TeamView,
    progress: PageProgress,
) -> str:
    text = localizer(playbook, language)
    return _page(
        "print.md.j2",
        playbook,
        text,
        journey=journey_context(journey, text, allow_html=playbook.site.allow_html),
        stages=stages,
        team=team,
        progress=progress,
    )


def _stage(
    playbook: Playbook,
    journey: Journey,
    position: int,
    language: str,
    stage: StageData,
    team: TeamView,
    progress: PageProgress,
    shown: _Shown,
) -> str:
    text = localizer(playbook, language)
    previous, next_ = neighbours(journey, position, text)
    export = journey_export(playbook, journey, text, *shown, stage=journey.stages[position])
    return _page(
        "stage.md.j2",
        playbook,
        text,
        # Only what the page shows: other stages' texts must not trigger its fallback note.
        journey={"id": journey.id, "name": text(journey.name)},
        stage=stage,
        previous=previous,
        next=next_,
        team=team,
        progress=progress,
        export=export,
        editor={"fields": editable_fields(team["publish"]), "max": MAX_CHARS},
    )
