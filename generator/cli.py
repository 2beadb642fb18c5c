"""The ``playbook`` command line. Each command parses, calls the library, prints a report.

Errors the user can fix (GeneratorError) are printed without a traceback and
exit with status 1.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from pathlib import Path

import click

from generator import __version__
from generator.errors import ContentError, GeneratorError
from generator.diff import accept_upstream, changes, drift
from generator.exports import render_exports
from generator.scaffold import init_project
from generator.translator import confirm_imported, export_csv, import_csv
from generator.writer import replace_atomically
from generator.loader import load_content, load_parsed
from generator.overlay import load_with_extends
from generator.translations import check_translations, confirm_translations, read_lock
from generator.project import build_site, content_schema, generate, mkdocs_env


def _content_option(command):
    return click.option(
        "-c",
        "--content",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("content.yaml"),
        show_default=True,
        help="The content file. Its folder is the project (mkdocs.yml, playbook/).",
    )(command)


def _site_url_option(command):
    return click.option(
        "--site-url",
        envvar="PLAYBOOK_SITE_URL",
        default=None,
        help="Public address of the site, e.g. https://ORG.github.io/REPO/ "
        "(overrides site.url; env PLAYBOOK_SITE_URL).",
    )(command)


def _user_errors(command):
    """Turn GeneratorError into a message and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ContentError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except GeneratorError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def cli() -> None:
    """Build a multilingual customer-journey playbook site from content.yaml.

    \b
    Example:
        playbook validate
        playbook build && open site/index.html
    """


@cli.command()
@_content_option
@_user_errors
def validate(content: Path) -> None:
    """Check the content and print every problem as FILE:LINE:COL: PATH: message.

    \b
    Example:
        playbook validate -c client/content.yaml
    """
    playbook = load_content(content, display_name=str(content))
    stages = sum(len(journey.stages) for journey in playbook.journeys)
    click.echo(f"{content}: OK ({len(playbook.journeys)} journeys, {stages} stages)")
    _warn_about_drift(content)


def _warn_about_drift(content: Path) -> None:
    overlay = load_with_extends(content, display_name=str(content))
    if overlay.base is None:
        return
    for path in drift(content, overlay.base, overlay.merged.data):
        click.echo(f"warning: upstream changed {path}, which {content} overrides "
                   "(review it, then run 'playbook diff --accept')", err=True)


@cli.command("generate")
@_content_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--force", is_flag=True, help="Replace generated files even if edited by hand.")
@_site_url_option
@_user_errors
def generate_command(content: Path, check: bool, force: bool, site_url: str | None) -> None:
    """Write the Markdown pages into playbook/ (only files whose bytes changed).

    \b
    Example:
        playbook generate
        playbook generate --check   # in CI: fails if playbook/ is out of date
    """
    report = generate(content, check=check, force=force, site_url=site_url)
    if check:
        if report.changed:
            for path in report.created + report.updated + report.removed:
                click.echo(f"would change: {path}", err=True)
            click.echo("Generated files are out of date: run 'playbook generate'.", err=True)
            sys.exit(1)
        click.echo(f"Up to date ({len(report.unchanged)} files).")
        return
    click.echo(f"Generated: {report.summary()}.")


@cli.command()
@_content_option
@click.option("-d", "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where to put the site (default: site/ in the project).")
@click.option("--force", is_flag=True, help="Replace generated files even if edited by hand.")
@_site_url_option
@_user_errors
def build(content: Path, site_dir: Path | None, force: bool, site_url: str | None) -> None:
    """Generate the pages, then run a strict mkdocs build into site/.

    \b
    Example:
        playbook build
        playbook build -c client/content.yaml -d /tmp/client-site
    """
    report = generate(content, force=force, site_url=site_url)
    click.echo(f"Generated: {report.summary()}.")
    started = time.perf_counter()
    build_site(content, site_dir)
    target = (site_dir or content.resolve().parent / "site").resolve()
    click.echo(f"Built in {time.perf_counter() - started:.1f} s. Open: {target / 'index.html'}")


@cli.command()
@_content_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
@_user_errors
def serve(content: Path, dev_addr: str) -> None:
    """Live preview: regenerates when the content changes, mkdocs reloads the browser.

    \b
    Example:
        playbook serve    # then open http://127.0.0.1:8000/
    """
    report = generate(content)
    click.echo(f"Generated: {report.summary()}.")
    root = content.resolve().parent
    # The playbook plugin watches the content file and regenerates on every rebuild.
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", dev_addr, "-f", str(root / "mkdocs.yml")]
    try:
        subprocess.run(command, cwd=root, env=mkdocs_env(), check=False)
    except KeyboardInterrupt:
        pass


@cli.command("diff")
@_content_option
@click.option("--accept", is_flag=True, help="Record the base's current texts, clearing drift warnings.")
@_user_errors
def diff_command(content: Path, accept: bool) -> None:
    """List what the overlay changes relative to its base, and any upstream drift.

    \b
    Example:
        playbook diff -c client/content.yaml
        playbook diff --accept   # after reviewing upstream changes
    """
    overlay = load_with_extends(content, display_name=str(content))
    if overlay.base is None:
        click.echo(f"{content} does not extend a base: nothing to compare.")
        return
    for change in changes(overlay.base, overlay.merged.data):
        click.echo(str(change))
    for path in drift(content, overlay.base, overlay.merged.data):
        click.echo(f"! upstream changed {path} since you accepted it")
    if accept:
        count = accept_upstream(content, overlay.base, overlay.merged.data)
        click.echo(f"Accepted the base's current text for {count} overridden values.")


@cli.group(invoke_without_command=True)
@_content_option
@click.option("--strict", is_flag=True, help="Exit 1 if any translation is missing or stale (for CI).")
@click.pass_context
@_user_errors
def translations(ctx: click.Context, content: Path, strict: bool) -> None:
    """Show translation coverage per language, and every missing or stale text.

    \b
    Example:
        playbook translations            # report
        playbook translations --strict   # in CI: fail on missing or stale
        playbook translations confirm --lang nb
    """
    ctx.obj = content
    if ctx.invoked_subcommand is not None:
        return
    playbook, parsed = load_parsed(content, display_name=str(content))
    report = check_translations(playbook, parsed, read_lock(content))
    for lang in report.coverage:
        marker = "  (default)" if lang.language == playbook.default_language else ""
        click.echo(f"{lang.language}  {lang.percent:5.1f} %  ({lang.translated}/{lang.total}){marker}")
    for finding in report.findings:
        click.echo(str(finding))
    if strict and not report.complete:
        click.echo(f"{len(report.findings)} translation problems (--strict).", err=True)
        sys.exit(1)


@translations.command("confirm")
@click.option("--lang", "languages", multiple=True, help="Language to confirm (repeatable; default: all).")
@click.pass_obj
@_user_errors
def translations_confirm(content: Path, languages: tuple[str, ...]) -> None:
    """Record that the current translations match the current default-language text.

    \b
    Example:
        playbook translations confirm --lang nb
    """
    playbook, parsed = load_parsed(content, display_name=str(content))
    count = confirm_translations(playbook, parsed, content, list(languages) or None)
    click.echo(f"Confirmed {count} translations in {content.resolve().parent / 'translations.lock'}.")


@translations.command("export")
@click.option("--lang", "language", required=True, help="Language to translate into, e.g. nb.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="CSV file to write (default: standard output).")
@click.pass_obj
@_user_errors
def translations_export(content: Path, language: str, output: Path | None) -> None:
    """Write a CSV of missing or stale texts for a translator: path, source, translation.

    \b
    Example:
        playbook translations export --lang nb -o nb.csv
    """
    playbook, parsed = load_parsed(content, display_name=str(content))
    table = export_csv(playbook, parsed, content, language)
    if output is None:
        click.echo(table, nl=False)
    else:
        replace_atomically(output, table.encode("utf-8"))
        click.echo(f"wrote {output} ({table.count(chr(10)) - 1} texts)")


@translations.command("import")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.pass_obj
@_user_errors
def translations_import(content: Path, table: Path) -> None:
    """Write filled-in translations from a CSV back into the content file.

    Comments, key order and formatting are kept; the imported texts are confirmed.

    \b
    Example:
        playbook translations import nb.csv
    """
    playbook, parsed = load_parsed(content, display_name=str(content))
    count = import_csv(content, table, playbook, parsed)
    if count:
        playbook, parsed = load_parsed(content, display_name=str(content))
        confirm_imported(content, playbook, parsed, table)
    click.echo(f"Imported {count} translations into {content}.")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", required=True, help="Client name, filled in wherever a text says {client}.")
@click.option("--extends", "base", default="default", show_default=True,
              help="Base playbook: 'default' or a path to a content file.")
@click.option("--languages", default="sv,nb,en", show_default=True,
              help="Languages to build, first is the default, e.g. nb,en.")
@_user_errors
def init(folder: Path, name: str, base: str, languages: str) -> None:
    """Create a client project: overlay content.yaml, mkdocs.yml, CI workflow, README, Makefile.

    \b
    Example:
        playbook init acme --name "Acme AB" --languages sv,en
        cd acme && make site
    """
    codes = [code.strip() for code in languages.split(",") if code.strip()]
    written = init_project(folder, name=name, extends=base, languages=codes)
    for path in written:
        click.echo(f"created {path}")
    click.echo(f"Next: cd {folder} && make site")


@cli.command("export")
@_content_option
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              default=Path("exports"), show_default=True, help="Folder to write the files into.")
@_user_errors
def export_command(content: Path, output: Path) -> None:
    """Write every language's checklists and prompts as CSV and JSON.

    \b
    Example:
        playbook export -o exports/
    """
    playbook = load_content(content, display_name=str(content))
    for relative, text in render_exports(playbook, ".").items():
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the content file (committed as content.schema.json).

    \b
    Example:
        playbook schema > content.schema.json
    """
    click.echo(content_schema(), nl=False)
