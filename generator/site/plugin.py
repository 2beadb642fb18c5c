"""The ``playbook`` MkDocs plugin: regeneration, theme additions, per-language search and 404.

It is listed in the generated MkDocs configuration, so plain ``mkdocs build`` and
``mkdocs serve`` regenerate the pages from the content file and get the same
result as ``playbook build``; ``serve`` also reloads when the content changes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator.languages import lunr_language
from generator.site.tasklists import add_saved_ticks, lines_without_id

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

THEME_DIR = Path(__file__).parent / "theme"
_TOC_DEFAULT_TITLE = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")Permanent link"')
"""The ¶ link Python-Markdown's toc extension writes, with its default, English title."""


def _drop_config_dumps(record: logging.LogRecord) -> bool:
    # mkdocs-static-i18n logs every overridden setting, including the whole
    # navigation once per language: thousands of characters on a large playbook.
    return "Overriding" not in str(record.msg)[:40]


class PlaybookConfig(Config):
    content = config_options.Type(str, default="content.yaml")
    """The content file, relative to mkdocs.yml."""
    regenerate = config_options.Type(bool, default=True)
    """Regenerate the pages from the content at the start of every build."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Regenerates from content, adds the theme templates, splits search and 404 by language."""

    _generated_from: tuple[str, int, int | None] | None = None

    @event_priority(100)  # before every other plugin reads the pages
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from generator.project import ALREADY_GENERATED

        if self.config.regenerate and not os.environ.get(ALREADY_GENERATED):
            self._regenerate(config)
        return self._add_theme(config)

    def _regenerate(self, config: MkDocsConfig) -> None:
        from generator.errors import GeneratorError
        from generator.project import generate
        from generator.site.site_config import GENERATED_CONFIG
        from generator.team.loader import status_path

        content = Path(config.config_file_path).parent / self.config.content
        try:
            stamp = (str(content), content.stat().st_mtime_ns, _mtime(status_path(content.parent)))
        except FileNotFoundError:
            raise PluginError(f"playbook: content file not found: {content}") from None
        if stamp == self._generated_from:
            return  # mkdocs-static-i18n re-runs on_config for every language
        try:
            report = generate(content)
        except GeneratorError as error:
            raise PluginError(f"playbook: {error}") from None
        self._generated_from = stamp
        if GENERATED_CONFIG.as_posix() in report.created + report.updated:
            # The navigation or languages changed, but this run loaded the old ones.
            raise PluginError(
                f"playbook: {content.name} changed the site's settings "
                f"({GENERATED_CONFIG} was updated); run the command again"
            )

    def on_serve(self, server, config: MkDocsConfig, builder):
        from generator.team.loader import status_path

        # Reload when the content or the team status changes; on_config then regenerates.
        content = Path(config.config_file_path).parent / self.config.content
        server.watch(str(content))
        if status_path(content.parent).exists():
            server.watch(str(status_path(content.parent)))
        return server

    def _add_theme(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n_log = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
        if _drop_config_dumps not in i18n_log.filters:
            i18n_log.addFilter(_drop_config_dumps)
        # Inserted ahead of Material's templates so main.html is ours. The i18n plugin
        # re-runs on_config for every language build, hence the membership test.
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        # Through config, not env globals: Material's search plugin renders the language
        # partial in its own on_config, with a fresh environment and only `config`.
        from generator.site.ui import MATERIAL_TEXT

        config.extra["playbook_material"] = MATERIAL_TEXT
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        from generator.site.ui import UI_TEXT

        languages, default = _languages(config)
        env.globals.update(
            playbook_ui=UI_TEXT,
            playbook_languages=languages,
            playbook_default_language=default,
        )
        return env

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        if "playbook_generated" not in page.meta:
            for line in lines_without_id(markdown):
                log.warning(
                    "%s:%d: a task list item without an id; add one, e.g. '- [ ] Book the "
                    "room {#book-room}', so its saved tick survives an edit of the text",
                    page.file.src_uri,
                    line,
                )
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        from generator.site.ui import UI_TEXT

        language = str(config.theme.get("language"))
        language = language if language in UI_TEXT["progress"] else "en"
        # The toc extension's default title, one setting for all languages: every heading's
        # ¶ link said "Permanent link" on a Danish page. A title set in mkdocs.yml stays.
        html = _TOC_DEFAULT_TITLE.sub(rf'\g<1>{UI_TEXT["permalink"][language]}"', html)
        # Hand-written pages only: generated pages carry their keys already.
        if "playbook_generated" in page.meta:
            return html
        html, _ = add_saved_ticks(
            html,
            page.file.src_uri,
            UI_TEXT["progress"][language],
            f"{UI_TEXT['progress_label'][language]}: {page.title or ''}",
        )
        return html

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        # mkdocs-static-i18n builds every language into one site/, so /404.html ends up
        # in the last-built language. Keep each language's 404 page: the default one
        # at /404.html (restored in on_post_build), the others at /<lang>/404.html.
        if template_name == "404.html":
            self._not_found_pages[str(config.theme.get("language"))] = output
        return output

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not hasattr(self, "_not_found_pages"):
            self._not_found_pages: dict[str, str] = {}

    # After mkdocs-static-i18n (-100) has chosen this build's language and pages.
    @event_priority(-200)
    def on_nav(self, nav, config: MkDocsConfig, files):
        # One line per language, not per page: enough to follow a long build.
        language = config.theme.get("language", "?")
        log.info("Building language '%s': %d pages", language, len(nav.pages))
        return nav

    # After mkdocs-static-i18n (-100), which merges every language into one index.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        languages, default = _languages(config)
        site_dir = Path(config.site_dir)
        # Runs after each language's build; the last run (the outer build, after
        # mkdocs-static-i18n has built the others) leaves the final files.
        for language, page in self._not_found_pages.items():
            target = site_dir / ("404.html" if language == default else f"{language}/404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
        if len(languages) > 1:
            split_search_index(site_dir, languages, default)
            copy_sitemaps(site_dir, languages, default)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def _languages(config: MkDocsConfig) -> tuple[list[str], str]:
    """Built languages (switcher order) and the default, from mkdocs-static-i18n's config."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        language = config.theme.get("language", "en")
        return [language], language
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    return languages, default


def copy_sitemaps(site_dir: Path, languages: list[str], default: str) -> None:
    """Give every language folder the site's sitemap.

    Material's language switcher fetches ``sitemap.xml`` beside the current language's
    home, so every page under /nb/ asked for /nb/sitemap.xml and got a 404. One sitemap,
    with its hreflang alternates, serves every language; each folder gets a copy.
    """
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        source = site_dir / name
        if not source.exists():
            continue
        data = source.read_bytes()
        for language in languages:
            # Earlier runs (one per language) may come before that language's folder exists;
            # the outer build's run, which comes last, finds them all.
            if language != default and (site_dir / language).is_dir():
                (site_dir / language / name).write_bytes(data)


def split_search_index(site_dir: Path, languages: list[str], default: str) -> None:
    """Write ``search/search_index.<lang>.json`` holding only that language's pages."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    for lang in languages:
        if lang == default:
            docs = [
                d for d in index["docs"] if not d["location"].startswith(tuple(prefixes.values()))
            ]
        else:
            docs = [d for d in index["docs"] if d["location"].startswith(prefixes[lang])]
        stemmer = lunr_language(lang)
        config = dict(index["config"], lang=[stemmer or "en"])
        if stemmer is None:
            # No lunr stemmer for this language: English stemming would mangle its words, so
            # the index (and the theme's query stemming, which reads this) goes without.
            config["pipeline"] = [step for step in config.get("pipeline", []) if step == "trimmer"]
        out = index_path.with_name(f"search_index.{lang}.json")
        out.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), "utf-8")
