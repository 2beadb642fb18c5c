"""Render a Playbook into Markdown pages and MkDocs configuration. Pure: no I/O.

Python resolves each text for a language (with fallback) and escapes it;
the templates in ``generator/templates`` only loop and lay out.
Output paths follow mkdocs-static-i18n's suffix layout: ``page.md`` in the
default language, ``page.<lang>.md`` in the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

import jinja2
import yaml

from generator.markup import escape_raw_html, html_text, md_inline, yaml_string
from generator.model import Journey, Playbook, Stage, Translations
from generator.ui import LANGUAGE_NAMES, UI_TEXT, language_in

DOCS_DIR = "playbook"
GENERATED_CONFIG = PurePosixPath(".playbook/mkdocs.generated.yml")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown; Python escapes each value for its context
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)

_ENV.filters["md"] = md_inline
_ENV.filters["html"] = html_text
_ENV.filters["yaml"] = yaml_string


def page_path(docs_path: str, language: str, default: str) -> PurePosixPath:
    """``stages/x.md`` for the default language, ``stages/x.nb.md`` for nb."""
    if language == default:
        return PurePosixPath(DOCS_DIR, f"{docs_path}.md")
    return PurePosixPath(DOCS_DIR, f"{docs_path}.{language}.md")


@dataclass
class _Localizer:
    """Picks each text in one language, falling back to the default and noting it."""

    language: str
    default: str
    fell_back: bool = field(default=False)

    def __call__(self, text: Translations) -> str:
        value = text.get(self.language)
        if value is None:
            self.fell_back = True
            value = text.get(self.default) or ""
        return value

    def lang_attr(self, text: Translations) -> str:
        """A ``lang`` attribute for an element whose text is a fallback, else ''."""
        return "" if text.get(self.language) is not None else f' lang="{self.default}"'


def render(
    playbook: Playbook, *, extra_pages: tuple[str, ...] = (), site_url: str | None = None
) -> dict[PurePosixPath, str]:
    """Every generated file, keyed by its path relative to the project root.

    ``extra_pages`` are hand-written pages (docs-relative, default-language file
    names) to list in the navigation after the journeys. ``site_url`` overrides
    ``site.url`` from the content (CI knows the Pages address; the content may not).
    """
    default = playbook.default_language
    outputs: dict[PurePosixPath, str] = {}
    for language in playbook.language_codes:
        outputs[page_path("index", language, default)] = _render_home(playbook, language)
        for journey in playbook.journeys:
            path = page_path(f"stages/{journey.id}/index", language, default)
            outputs[path] = _render_journey(playbook, journey, language)
            for position, stage in enumerate(journey.stages):
                path = page_path(f"stages/{journey.id}/{stage.id}", language, default)
                outputs[path] = _render_stage(playbook, journey, position, language)
    outputs[GENERATED_CONFIG] = render_config(playbook, extra_pages, site_url)
    return outputs


def _common(playbook: Playbook, language: str, text: _Localizer) -> dict:
    return {
        "lang": language,
        "ui": {key: values[language] for key, values in UI_TEXT.items()},
        "site_title": text(playbook.site.title),
    }


def _not_translated_note(playbook: Playbook, language: str) -> str:
    return UI_TEXT["not_translated"][language].format(
        language=language_in(playbook.default_language, language)
    )


def _finish(template: str, context: dict, text: _Localizer, playbook: Playbook) -> str:
    # The note depends on whether any text fell back, known only after the
    # context is built, so it is added last.
    context["untranslated_note"] = (
        _not_translated_note(playbook, text.language) if text.fell_back else ""
    )
    return _ENV.get_template(template).render(context)


def _render_home(playbook: Playbook, language: str) -> str:
    text = _Localizer(language, playbook.default_language)
    context = _common(playbook, language, text)
    context["description"] = text(playbook.site.description)
    context["journeys"] = [
        {
            "id": journey.id,
            "name": text(journey.name),
            "summary": text(journey.summary),
            "cyclic": journey.cyclic,
            "loop_target": _loop_target(journey, text),
            "stages": [{"id": s.id, "name": text(s.name)} for s in journey.stages],
        }
        for journey in playbook.journeys
    ]
    return _finish("home.md.j2", context, text, playbook)


def _render_journey(playbook: Playbook, journey: Journey, language: str) -> str:
    text = _Localizer(language, playbook.default_language)
    context = _common(playbook, language, text)
    context["journey"] = {
        "id": journey.id,
        "name": text(journey.name),
        "summary": text(journey.summary),
        "cyclic": journey.cyclic,
        "loop_target": _loop_target(journey, text),
    }
    context["stages"] = [
        {"id": s.id, "name": text(s.name), "summary": text(s.summary)} for s in journey.stages
    ]
    return _finish("journey.md.j2", context, text, playbook)


def _loop_target(journey: Journey, text: _Localizer) -> dict | None:
    target = journey.loop_target()
    return {"id": target.id, "name": text(target.name)} if target else None


def _render_stage(playbook: Playbook, journey: Journey, position: int, language: str) -> str:
    text = _Localizer(language, playbook.default_language)
    stage = journey.stages[position]
    context = _common(playbook, language, text)
    context["journey"] = {"id": journey.id, "name": text(journey.name), "cyclic": journey.cyclic}
    context["stage"] = {
        "id": stage.id,
        "name": text(stage.name),
        "summary": text(stage.summary),
        "description": _description(playbook, text(stage.description)),
        "number": position + 1,
        "count": len(journey.stages),
    }
    context["checklist"] = [_item(item.id, item.text, text) for item in stage.checklist]
    context["prompts"] = [_item(prompt.id, prompt.text, text) for prompt in stage.prompts]
    context["previous"], context["next"] = _neighbours(journey, position, text)
    return _finish("stage.md.j2", context, text, playbook)


def _description(playbook: Playbook, markdown: str) -> str:
    markdown = markdown.strip()
    return markdown if playbook.site.allow_html else escape_raw_html(markdown)


def _item(item_id: str, item_text: Translations, text: _Localizer) -> dict:
    return {"id": item_id, "text": text(item_text), "lang_attr": text.lang_attr(item_text)}


def _neighbours(journey: Journey, position: int, text: _Localizer) -> tuple[dict | None, dict | None]:
    """Previous and next stage. In a cyclic journey the last stage leads on to the
    loop target, and the loop target's predecessor is the last stage when it is first."""
    stages = journey.stages
    last = len(stages) - 1
    target = journey.loop_target()

    def link(stage: Stage, wraps: bool) -> dict:
        return {"id": stage.id, "name": text(stage.name), "wraps": wraps}

    previous = next_ = None
    if position > 0:
        previous = link(stages[position - 1], False)
    elif target is stages[0] and last > 0:
        previous = link(stages[last], True)
    if position < last:
        next_ = link(stages[position + 1], False)
    elif target is not None and last > 0:
        next_ = link(target, True)
    return previous, next_


def render_config(
    playbook: Playbook, extra_pages: tuple[str, ...] = (), site_url: str | None = None
) -> str:
    """The MkDocs configuration that follows from content: names, languages, navigation.

    The hand-owned mkdocs.yml inherits it (``INHERIT``), so no fact is written twice.
    """
    default = playbook.default_language
    languages = []
    for lang in playbook.site.languages:
        text = _Localizer(lang.code, default)
        entry = {
            "locale": lang.code,
            "name": lang.name or LANGUAGE_NAMES[lang.code],
            "default": lang.default,
            "build": True,
            "site_name": text(playbook.site.title),
            "site_description": text(playbook.site.description),
            "nav": _nav(playbook, text, extra_pages),
        }
        languages.append(entry)
    default_text = _Localizer(default, default)
    config = {
        "site_name": default_text(playbook.site.title),
        "site_description": default_text(playbook.site.description),
        "theme": {"language": default},
        "nav": _nav(playbook, default_text, extra_pages),
        "plugins": [
            {
                "search": {
                    "lang": [_lunr(code) for code in playbook.language_codes],
                    # Material drops stemming unless the pipeline names it; theme/main.html
                    # adds exact terms to queries so that stemmed words are found.
                    "pipeline": ["stemmer", "stopWordFilter", "trimmer"],
                }
            },
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "fallback_to_default": True,
                    "reconfigure_material": True,
                    # Its O(n²) de-duplication costs ~15 s at 1,500 pages per language; the
                    # playbook plugin writes per-language indexes itself.
                    "reconfigure_search": False,
                    "languages": languages,
                }
            },
            "playbook",
        ],
    }
    if site_url or playbook.site.url:
        config["site_url"] = site_url or playbook.site.url
    header = "# Generated by `playbook generate` from content.yaml. Do not edit: edit content.yaml.\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: ~10x faster on big navs
    body = yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def _lunr(code: str) -> str:
    return {"nb": "no"}.get(code, code)


def _nav(playbook: Playbook, text: _Localizer, extra_pages: tuple[str, ...]) -> list:
    # Titles are HTML-escaped: MkDocs' templates print navigation titles unescaped,
    # so a stage called "Andra <steget>" would otherwise become markup.
    def title(value: Translations) -> str:
        return html_text(text(value))

    nav: list = [{UI_TEXT["home"][text.language]: "index.md"}]
    for journey in playbook.journeys:
        section: list = [f"stages/{journey.id}/index.md"]
        section += [{title(s.name): f"stages/{journey.id}/{s.id}.md"} for s in journey.stages]
        nav.append({title(journey.name): section})
    nav.extend(extra_pages)
    return nav
