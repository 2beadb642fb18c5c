"""The ``playbook`` MkDocs plugin: regeneration, theme additions, search index and 404 pages.

It is listed in the generated MkDocs configuration, so plain ``mkdocs build`` and
``mkdocs serve`` regenerate the pages from the content file and get the same
result as ``playbook build``; ``serve`` also reloads when the content changes.
"""

from __future__ import annotations

import copy
import logging
import os
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator.site.host_check import host_guard
from generator.site.html_size import collapse_whitespace
from generator.site.marks import mark_header
from generator.site.preview import (
    ONLY_LANGUAGE,
    NavigationGuard,
    drop_dirty_warning,
    preview_note,
)
from generator.site.search_index import BackgroundIndexer, index_site, query_stemmer
from generator.site.site_files import copy_sitemaps
from generator.site.tasklists import add_saved_ticks, lines_without_id
from generator.terminal import terminal_safe

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
    """Regenerates from content, adds the theme templates, indexes search, 404 per language."""

    _generated_from: tuple[str, int, int | None] | None = None
    _dirty = False
    _serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this plugin (and what it remembers) across serve's rebuilds.
        self._serving, self._dirty = command == "serve", dirty
        self._guard = NavigationGuard()
        self._indexer = BackgroundIndexer(log)
        build_log = logging.getLogger("mkdocs.commands.build")
        if dirty and drop_dirty_warning not in build_log.filters:
            build_log.addFilter(drop_dirty_warning)

    @event_priority(100)  # before every other plugin reads the pages
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from generator.project import ALREADY_GENERATED
        from generator.site.site_config import GENERATED_CONFIG

        if self.config.regenerate and not os.environ.get(ALREADY_GENERATED):
            self._regenerate(config)
        only = os.environ.get(ONLY_LANGUAGE)
        if only:
            _build_only(config, only)
            languages = _languages(config)[0]
            if self._serving and len(languages) > 1:
                config.extra["playbook_preview_note"] = preview_note(only, languages)
        if self._dirty:
            root = Path(config.config_file_path).parent
            self._guard.before_build(root / GENERATED_CONFIG, only or "")
        return self._add_theme(config)

    def _regenerate(self, config: MkDocsConfig) -> None:
        from generator.site.site_config import GENERATED_CONFIG

        content = Path(config.config_file_path).parent / self.config.content
        report = self._generate(content)
        if report is not None and GENERATED_CONFIG.as_posix() in report.created + report.updated:
            # The navigation or languages changed, but this run loaded the old ones.
            raise PluginError(
                f"playbook: {content.name} changed the site's settings "
                f"({GENERATED_CONFIG} was updated); run the command again"
            )

    def _generate(self, content: Path):
        """Generate the pages from ``content`` unless they already follow from it; the
        report, or None when nothing was generated."""
        from generator.errors import GeneratorError
        from generator.project import generate
        from generator.team.loader import status_path

        try:
            stamp = (str(content), content.stat().st_mtime_ns, _mtime(status_path(content.parent)))
        except FileNotFoundError:
            raise PluginError(f"playbook: content file not found: {content}") from None
        if stamp == self._generated_from:
            return None  # mkdocs-static-i18n re-runs on_config for every language
        try:
            # In a one-language preview (serve --lang) only that language's pages are rendered.
            report = generate(content, only_language=os.environ.get(ONLY_LANGUAGE) or None)
        except GeneratorError as error:
            # MkDocs prints this as it is; content errors quote content (issue #23).
            raise PluginError(terminal_safe(f"playbook: {error}")) from None
        self._generated_from = stamp
        return report

    def _generate_before_loading(self, content: Path, build) -> None:
        """serve's rebuild: generate first, then let mkdocs load the settings and build.

        mkdocs serve loads mkdocs.yml (and the generated settings it inherits) before the
        build's on_config, where the pages are otherwise generated: a save that changed the
        navigation then met the old one, and the rebuild ended in 'ERROR … Aborted with a
        BuildError!' before the next one used the new settings (issue #27). Generating
        here, before the load, makes that one rebuild with the new navigation.
        """
        from generator.site.site_config import GENERATED_CONFIG

        try:
            report = self._generate(content)
        except PluginError:
            report = None  # the build's own on_config reports the content error
        if report is not None and GENERATED_CONFIG.as_posix() in report.created + report.updated:
            log.info("playbook: the navigation or languages changed; rebuilding every page")
        build()

    def on_serve(self, server, config: MkDocsConfig, builder):
        from generator.project import ALREADY_GENERATED
        from generator.team.loader import status_path

        # Reload when the content or the team status changes; on_config then regenerates.
        content = Path(config.config_file_path).parent / self.config.content
        server.watch(str(content))
        if status_path(content.parent).exists():
            server.watch(str(status_path(content.parent)))
        # A content edit that changes the navigation rewrites the generated settings during
        # a build that already read the old ones: that change starts the build that uses them.
        from generator.site.site_config import GENERATED_CONFIG

        server.watch(str(Path(config.config_file_path).parent / GENERATED_CONFIG))
        # Here, not in `playbook serve`: plain `mkdocs serve` gets the same guard.
        host, port = config.dev_addr.host, config.dev_addr.port
        server.set_app(host_guard(server.get_app(), host, port))
        if self.config.regenerate and not os.environ.get(ALREADY_GENERATED):
            build = server.builder
            server.builder = lambda: self._generate_before_loading(content, build)
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
            playbook_query_stemmer=query_stemmer,
            playbook_ui=UI_TEXT,
            playbook_languages=languages,
            playbook_default_language=default,
        )
        # hreflang alternates and sitemap addresses must be absolute (theme/main.html,
        # theme/sitemap.xml use it only when site_url is set).
        site_url = config.site_url or ""
        env.filters["playbook_absolute"] = lambda link: urljoin(site_url, str(link))
        # mkdocs-static-i18n puts its sitemap.xml ahead of every theme folder, after this
        # plugin's on_config: ours (theme/sitemap.xml) is put back in front.
        searchpath = getattr(env.loader, "searchpath", None)
        if searchpath and str(THEME_DIR) in searchpath:
            searchpath.remove(str(THEME_DIR))
            searchpath.insert(0, str(THEME_DIR))
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

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        # mkdocs-static-i18n points the language switcher at the current page's
        # translations and leaves it so after the last page: a 404 page then linked to
        # that page's translations. A 404 page's switcher leads to each language's home.
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and i18n is not None and i18n.extra_alternate:
            # It sets the attribute, which templates read before the key: reset both.
            setattr(config.extra, "alternate", copy.deepcopy(i18n.extra_alternate))  # noqa: B010
            config.extra["alternate"] = copy.deepcopy(i18n.extra_alternate)
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        # mkdocs-static-i18n builds every language into one site/, so /404.html ends up
        # in the last-built language. Keep each language's 404 page: the default one
        # at /404.html (restored in on_post_build), the others at /<lang>/404.html.
        if template_name == "404.html":
            output = collapse_whitespace(mark_header(output, _site_name_lang(config), None))
            self._not_found_pages[str(config.theme.get("language"))] = output
        return output

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        # Only a generated page's: its front matter is the generator's, never a person's.
        title = page.meta.get("playbook_title_html") if "playbook_generated" in page.meta else None
        output = mark_header(
            output, _site_name_lang(config), title if isinstance(title, str) else None
        )
        return collapse_whitespace(output)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not hasattr(self, "_not_found_pages"):
            self._not_found_pages: dict[str, str] = {}
            # Before mkdocs empties the site folder: through a link, it empties what the link
            # names, and a linked folder inside receives pages (issue #23).
            problem = site_folder_problem(Path(config.site_dir))
            if problem:
                raise PluginError(terminal_safe(f"playbook: {problem}"))
        if hasattr(self, "_indexer"):
            self._indexer.wait()  # serve: the last rebuild's index is written before this one
        if self._dirty:
            # Navigation or languages changed: every page again, into an emptied site.
            self._guard.prepare_site(config.site_dir)

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
        only = os.environ.get(ONLY_LANGUAGE)
        # One language of several (``only``): the sitemap and the root 404 are put together
        # by whoever merges the languages.
        if not only and len(languages) > 1:
            copy_sitemaps(site_dir, languages, default)
        if self._dirty:
            self._guard.after_build()
        if _indexes_search(config, only):
            self._index_search(site_dir, [only] if only else languages)

    def _index_search(self, site_dir: Path, languages: list[str]) -> None:
        if self._serving:
            # The reload does not wait for the index; the next rebuild does.
            self._indexer.start(site_dir, languages)
            return
        from generator.errors import BuildError

        try:
            report = index_site(site_dir, languages)
        except BuildError as error:
            raise PluginError(f"playbook: {error}") from None
        for warning in report.warnings:
            log.warning("%s", warning)
        log.info("Search index: %s pages", report.summary())

    def on_shutdown(self) -> None:
        if hasattr(self, "_indexer"):
            self._indexer.wait()


def site_folder_problem(site_dir: Path) -> str | None:
    """Why mkdocs must not build into ``site_dir``: it is or holds a symlink, or holds a hidden
    entry (mkdocs' clean keeps those, so they would be published); None if it may."""
    if site_dir.is_symlink():
        return f"the site folder {site_dir} is a symlink; delete the link (the build creates it)"
    if not site_dir.is_dir():
        return None
    for entry in sorted(site_dir.iterdir()):
        if entry.name.startswith("."):
            return (
                f"{entry} is hidden, and mkdocs' clean would keep it in the published site; "
                "delete it"
            )
    for folder, subfolders, files in os.walk(site_dir):  # never follows a link
        for name in sorted(subfolders + files):
            if Path(folder, name).is_symlink():
                return f"{Path(folder, name)} is a symlink in the site folder; delete it"
    return None


def _build_only(config: MkDocsConfig, language: str) -> None:
    """Make mkdocs-static-i18n build ``language`` alone, exactly as it builds it among all.

    Every language stays configured (``build: true``), so the language switcher and each
    page's hreflang alternates are the same as in a build of all languages; only which
    language this run builds changes, and the loop that builds the others is skipped.
    """
    i18n = config.plugins.get("i18n")
    languages = [lang.locale for lang in i18n.config.languages] if i18n else []
    if i18n is None or language not in languages:
        raise PluginError(
            f"playbook: {ONLY_LANGUAGE}={language}, but the site's languages are "
            f"{', '.join(languages) or 'not set by mkdocs-static-i18n'}"
        )
    i18n.current_language = language  # read by its on_config, which runs after this one
    i18n.building = True  # its on_post_build then builds no other language


def _site_name_lang(config: MkDocsConfig) -> str | None:
    """The language of the site name in this build's language, when it is another one."""
    languages = config.extra.get("playbook_site_lang") or {}
    found = (
        languages.get(str(config.theme.get("language"))) if isinstance(languages, dict) else None
    )
    return found if isinstance(found, str) and found.isalpha() else None


def _indexes_search(config: MkDocsConfig, only: str | None) -> bool:
    """Whether this run ends with a complete site that the plugin indexes for search.

    Not under ``playbook build``, which indexes the site once its languages are merged;
    not where the site keeps Material's own search (a hand-written site using the plugin
    for saved ticks: theme/main.html then shows no search box of ours); and with
    mkdocs-static-i18n building every language in one process, only after the last.
    """
    from generator.project import ALREADY_GENERATED

    if os.environ.get(ALREADY_GENERATED) or "material/search" in config.plugins:
        return False
    i18n = config.plugins.get("i18n")
    return bool(only) or i18n is None or not i18n.building


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
