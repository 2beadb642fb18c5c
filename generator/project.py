"""The pipeline on a project folder: load -> render -> write, and the mkdocs build.

A project is the folder holding the content file, ``mkdocs.yml`` and ``playbook/``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

from generator.content.loader import load_parsed
from generator.content.model import LANGUAGE_CODES, Playbook
from generator.content.paths import format_path
from generator.content.source import ParsedFile
from generator.errors import BuildError, ContentError, GeneratorError, Issue
from generator.generated import DOCS_DIR, is_generated_path, mark_state
from generator.parallel_build import build_in_parallel
from generator.project_files import UnsafePath, read_asset
from generator.site.render import render
from generator.site.search_index import SearchReport, index_site
from generator.site.site_config import GENERATED_CONFIG, brand_file, github_pages_url
from generator.site_folder import check_site_folder, replace_folder, umask
from generator.team.history import Change, latest_changes
from generator.team.loader import LoadedStatus, read_team_status
from generator.team.model import STATUS_FILE
from generator.team.published import FULL, WHAT_IS_SHOWN
from generator.team.schema import status_schema
from generator.team.summary import today
from generator.terminal import terminal_safe
from generator.writer import WriteReport, write_outputs

ALREADY_GENERATED = "PLAYBOOK_ALREADY_GENERATED"
"""Set by `playbook build` for its mkdocs run: the pages are fresh, so the plugin skips them,
and the search index is written once the whole site is (build_site), not by the plugin."""

OVERLAY_SCHEMA = PurePosixPath(".playbook/overlay.schema.json")
"""Written beside an overlay so that editors can check it (nothing is required there)."""

PROGRESS_SCHEMA = PurePosixPath(".playbook/progress.schema.json")
"""Written when the project has a status file: its schema, listing the content's ids."""


def generate(
    content: Path,
    *,
    check: bool = False,
    force: bool = False,
    site_url: str | None = None,
    only_language: str | None = None,
    pages_repository: str | None = None,
) -> WriteReport:
    """Load ``content``, render it and write the pages into its project folder.

    ``only_language`` (the language `playbook serve` previews) renders and writes that
    language's pages alone and leaves the other languages' pages as they are: a save in
    the preview then costs one language's rendering, not all of them. A language the
    content no longer has means a full run (the settings change, and serve rebuilds).

    The site's address is ``site_url`` (CI knows it), else ``site.url`` from the content,
    else, given ``pages_repository`` (OWNER/REPO), GitHub Pages' address of that repository.
    """
    root = content.resolve().parent
    # --check writes nothing, not even the parse cache.
    playbook, parsed = load_parsed(content, display_name=str(content), cache=not check)
    if only_language not in playbook.language_codes:
        only_language = None
    site_url = site_url or playbook.site.url or github_pages_url(pages_repository)
    status = load_status(content, playbook)
    publish = playbook.team.publish
    history: tuple[Change, ...] = ()
    if status.file and publish == FULL:
        # Only under full: the other settings must not even read who changed what.
        history = latest_changes(root, status.status, playbook.site.time_zone)
    extra_pages = find_hand_written_pages(root, playbook)
    outputs: dict[PurePosixPath, str | bytes] = dict(
        render(
            playbook,
            extra_pages=extra_pages,
            site_url=site_url,
            content_name=content.name,
            team=status.status if status.file else None,
            today=today(playbook.site.time_zone),
            pages_in=(only_language,) if only_language else None,
            history=history,
        )
    )
    outputs.update(read_brand_files(playbook, parsed, root))
    if parsed.source.layered:
        # Editors check the overlay against this (see the first line of an init'ed content.yaml).
        outputs[OVERLAY_SCHEMA] = content_schema(overlay=True)
    if status.file:
        # Editors check progress.yaml against this and complete its ids (its first line).
        outputs[PROGRESS_SCHEMA] = status_schema(playbook)
    keep = None
    if only_language:
        previewed = only_language

        def keep(key: str) -> bool:
            return page_language(key, playbook) not in (None, previewed)

    report = write_outputs(outputs, root, check=check, force=force, keep=keep)
    if only_language and GENERATED_CONFIG.as_posix() in report.created + report.updated:
        # The navigation or languages changed: every language's pages follow at once, so
        # that no other language keeps a page (a removed stage) the new navigation lacks.
        full = generate(content, check=check, force=force, site_url=site_url)
        full.updated = sorted(set(full.updated) | set(report.updated))
        full.created = sorted(set(full.created) | set(report.created))
        full.removed = sorted(set(full.removed) | set(report.removed))
        return full
    report.languages = build_order(playbook)
    # Orphaned status entries are not shown on the site: say so rather than drop them silently.
    report.warnings += [f"warning: {orphan}" for orphan in status.orphans]
    report.notes.append(publish_note(status, publish))
    return report


def publish_note(status: LoadedStatus, publish: str) -> str:
    """What the site shows of the team's status file, as `playbook build` says it."""
    if not status.file:
        return f"Team status: no {STATUS_FILE}, so the site shows no team status."
    return (
        f"Team status ({status.file}), team.publish: {publish}: the site shows "
        f"{WHAT_IS_SHOWN[publish]}."
    )


def page_language(key: str, playbook: Playbook) -> str | None:
    """The language of a generated page (``playbook/x.nb.md`` is nb, ``playbook/x.md`` the
    default), or None for any other generated file (settings, downloads, schemas)."""
    path = PurePosixPath(key)
    if path.parts[:1] != (DOCS_DIR,) or path.suffix != ".md":
        return None
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2] in playbook.language_codes:
        return parts[-2]
    return playbook.default_language


def build_order(playbook: Playbook) -> list[str]:
    """The site's languages in the order mkdocs-static-i18n builds them: the default first."""
    default = playbook.default_language
    return [default, *(code for code in playbook.language_codes if code != default)]


def load_status(content: Path, playbook: Playbook) -> LoadedStatus:
    """The team status file beside ``content`` (empty if there is none), checked against
    ``playbook``; messages name it as the user would (``client/progress.yaml``)."""
    name = str(content.parent / STATUS_FILE)
    return read_team_status(content.resolve().parent, playbook, display_name=name)


def read_brand_files(
    playbook: Playbook, parsed: ParsedFile, root: Path
) -> dict[PurePosixPath, bytes]:
    """The logo, favicon and style sheets named in the content, to copy into playbook/.

    Each must be a small file of an allowed type inside the project (see project_files);
    every problem is reported at once, with the line that names the file.
    """
    brand = playbook.site.branding
    wanted: list[tuple[str, tuple, str | None]] = [
        ("logo", ("logo",), brand.logo),
        ("favicon", ("favicon",), brand.favicon),
    ]
    wanted += [("extra_css", ("extra_css", i), path) for i, path in enumerate(brand.extra_css)]
    files: dict[PurePosixPath, bytes] = {}
    issues = []
    for field, where, source in wanted:
        if source is None:
            continue
        loc = ("site", "branding", *where)
        try:
            data = read_asset(root, source, field)
        except UnsafePath as error:
            message, hint = str(error), error.hint
        except FileNotFoundError:
            message, hint = f"'{source}' does not exist", "give a path relative to the content file"
        except OSError as error:
            message, hint = f"cannot read '{source}' ({error.strerror})", "name an ordinary file"
        else:
            target = PurePosixPath(DOCS_DIR, brand_file(source))
            if target in files:
                message, hint = (
                    f"another branding file is also called '{target.name}'",
                    "give each branding file its own name",
                )
            else:
                files[target] = data
                continue
        file, line, column = parsed.source.locate(loc)
        issues.append(Issue(file, line, column, format_path(loc, parsed.data), message, hint))
    if issues:
        raise ContentError(issues)
    return files


def find_hand_written_pages(root: Path, playbook: Playbook) -> tuple[str, ...]:
    """Default-language Markdown pages in ``playbook/`` that the generator did not write.

    They are published as they are and listed in the navigation after the journeys.
    Pages where only generated pages belong are the writer's business (it refuses to
    touch a person's page there), so they are never listed.
    """
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return ()
    suffixes = tuple(f".{code}.md" for code in LANGUAGE_CODES)
    pages, links = [], []
    for folder, subfolders, names in os.walk(docs):  # never follows symlinked folders
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        links += [
            Path(folder, name) for name in subfolders + names if Path(folder, name).is_symlink()
        ]
        for name in sorted(names):
            if not name.endswith(".md") or name.startswith(".") or name.endswith(suffixes):
                continue
            path = Path(folder, name)
            if path.is_symlink() or is_generated_path(path.relative_to(root).as_posix()):
                continue
            with path.open("rb") as stream:
                head = stream.read(512)
            if mark_state(name, head) is not None:
                continue  # a generated page copied out by hand: not a page of the person's own
            pages.append(path.relative_to(docs).as_posix())
    if links:
        # MkDocs publishes what a link points to: a file outside the project, or a device.
        listing = ", ".join(link.relative_to(root).as_posix() for link in sorted(links))
        raise GeneratorError(
            f"symlinks in {DOCS_DIR}/ would publish what they point to: {listing}; "
            "replace each with a real file or folder"
        )
    return tuple(sorted(pages))


ENGINES = ("mkdocs", "properdocs")
"""Site engines that run the MkDocs 1.x plugin API: MkDocs itself, and ProperDocs, its
maintained fork, for when MkDocs 1.x stops being usable (see README, "Engines")."""


def engine_command(engine: str, *args: str) -> list[str]:
    """The command line of ``engine`` (``mkdocs build …``); GeneratorError if not installed."""
    if engine not in ENGINES:
        raise GeneratorError(f"unknown engine '{engine}'; choose one of: {', '.join(ENGINES)}")
    if importlib.util.find_spec(engine) is None:
        raise GeneratorError(
            f"the engine '{engine}' is not installed; install it with "
            f"'python -m pip install {engine}', or choose --engine mkdocs"
        )
    return [sys.executable, "-m", engine, *args]


def build_site(
    content: Path,
    site_dir: Path | None = None,
    *,
    engine: str = "mkdocs",
    languages: list[str] | None = None,
    jobs: int = 1,
) -> SearchReport:
    """Run a strict build of the project, then index it for search; raise BuildError on
    failure or warnings.

    With ``jobs`` > 1 and several ``languages`` (the default first), each language is
    built in its own process and the results merged (generator/parallel_build.py).
    The search index is written once the site is complete (generator/site/search_index.py).
    """
    root = content.resolve().parent
    config = root / "mkdocs.yml"
    if not config.exists():
        raise GeneratorError(
            f"{config}: no mkdocs.yml in the project; copy the one from the Journey Playbook "
            "repository or create a project with 'playbook init'"
        )
    target = site_dir.absolute() if site_dir is not None else root / "site"
    check_site_folder(target, given=site_dir is not None)
    command = engine_command(engine, "build", "--strict", "-f", str(config))
    # Built into a new folder beside the site and moved into place (issue #23): nothing in the
    # old folder (a hidden file, a link) can survive into the published site, and the old
    # site stays whole until the new one is complete.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp's 0700 would hide the site from a server
        if jobs > 1 and languages and len(languages) > 1:
            build_in_parallel(
                command,
                cwd=root,
                env=mkdocs_env(generated=True),
                site_dir=staging,
                languages=languages,
                jobs=jobs,
            )
        else:
            _build_serially(command + ["-d", str(staging)], root, engine)
        # Indexed once the site is complete, whatever built it (generator/site/search_index.py).
        report = index_site(staging, languages or [])
        replace_folder(target, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _build_serially(command: list[str], root: Path, engine: str) -> None:
    # mkdocs' own log (language being built, page counts) reaches the terminal line by
    # line, through terminal_safe: a warning may quote content. --strict turns every
    # warning into a non-zero exit.
    with subprocess.Popen(
        command,
        cwd=root,
        env=mkdocs_env(generated=True),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stderr.write(terminal_safe(line.decode("utf-8", errors="replace")))
            sys.stderr.flush()
    if process.returncode != 0:
        raise BuildError(f"{engine} build failed (see its messages above)")


def mkdocs_env(*, generated: bool = False) -> dict[str, str]:
    """Environment for mkdocs subprocesses: without Material's end-of-life banner.

    ``generated`` tells the playbook plugin the pages are fresh, so it skips regenerating.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generated:
        env[ALREADY_GENERATED] = "1"
    return env


def content_schema(*, overlay: bool = False) -> str:
    """The JSON Schema of content.yaml, as committed in content.schema.json.

    With ``overlay``: the schema of a file that ``extends`` a base. Nothing is
    required there, and items with ids may say ``after``, ``before`` or ``remove``.
    """
    schema = Playbook.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Journey Playbook content"
    if overlay:
        schema["title"] = "Journey Playbook overlay (a content file with extends)"
        schema["required"] = ["extends"]
        _loosen(schema["$defs"])
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


_PLACEMENT_SCHEMA = {
    "after": {
        "type": "string",
        "description": "Place this new item after the base item with this id.",
    },
    "before": {
        "type": "string",
        "description": "Place this new item before the base item with this id.",
    },
    "remove": {"type": "boolean", "description": "true: delete the base item with this id."},
}


def _loosen(definitions: dict) -> None:
    for definition in definitions.values():
        definition.pop("required", None)
        properties = definition.get("properties", {})
        if "id" in properties:
            properties.update(_PLACEMENT_SCHEMA)
            definition["required"] = ["id"]
        for prop in properties.values():
            prop.pop("minItems", None)  # an overlay may list one item to change
