"""Options and error handling shared by the `playbook` commands."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator.errors import ContentError, GeneratorError
from generator.site.spreadsheet import DELIMITERS
from generator.terminal import terminal_safe

DEFAULT_CONTENT = Path("content.yaml")
_GIVEN = "playbook.content"


def content_option(command):
    """-c/--content, accepted before or after a subcommand: ``playbook -c x translations
    import t.csv`` and ``playbook translations import t.csv -c x`` are the same."""
    return click.option(
        "-c",
        "--content",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        callback=_resolve_content,
        help="The content file (default: content.yaml). Its folder is the project "
        "(mkdocs.yml, playbook/).",
    )(command)


def _resolve_content(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    # ctx.meta is shared by a command and its subcommands, so -c given to `playbook` or to
    # a group reaches the subcommand that runs.
    given = ctx.meta.get(_GIVEN)
    if value is not None and given is not None and value != given:
        raise click.BadParameter(f"given twice, as {given} and {value}; give it once", ctx, param)
    if value is not None:
        ctx.meta[_GIVEN] = value
    return value or given or DEFAULT_CONTENT


def delimiter_option(command):
    return click.option(
        "--delimiter",
        type=click.Choice(sorted(DELIMITERS)),
        default=None,
        callback=lambda ctx, param, value: DELIMITERS[value] if value else None,
        help="Character between cells: ';', ',' or 'tab' (default: ';' for sv and nb, as "
        "Excel expects there, ',' for en).",
    )(command)


def engine_option(command):
    return click.option(
        "--engine",
        envvar="PLAYBOOK_ENGINE",
        type=click.Choice(["mkdocs", "properdocs"]),
        default="mkdocs",
        show_default=True,
        help="What builds the site: MkDocs 1.6, or ProperDocs, its maintained fork, if "
        "installed (env PLAYBOOK_ENGINE).",
    )(command)


def site_url_option(command):
    """--site-url, and --pages-repository for when neither it nor site.url gives one."""
    command = click.option(
        "--pages-repository",
        envvar="PLAYBOOK_PAGES_REPOSITORY",
        default=None,
        metavar="OWNER/REPO",
        help="When neither --site-url nor site.url gives the address: the repository whose "
        "GitHub Pages address it is, https://OWNER.github.io/REPO/ (env "
        "PLAYBOOK_PAGES_REPOSITORY; the client workflow sets it).",
    )(command)
    return click.option(
        "--site-url",
        envvar="PLAYBOOK_SITE_URL",
        default=None,
        help="Public address of the site, e.g. https://ORG.github.io/REPO/ "
        "(overrides site.url; env PLAYBOOK_SITE_URL).",
    )(command)


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a message for a person: through terminal_safe, since it may quote content."""
    click.echo(terminal_safe(text), err=err, nl=nl)


def say_data(text: str) -> None:
    """Print data (CSV, YAML) on standard output: exact bytes into a pipe or file, and only
    on a terminal with its control characters shown as ``\\uXXXX``."""
    click.echo(terminal_safe(text) if sys.stdout.isatty() else text, nl=False)


def user_errors(command):
    """Turn GeneratorError into a message and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ContentError as error:
            say(str(error), err=True)
            sys.exit(1)
        except GeneratorError as error:
            say(f"Error: {error}", err=True)
            sys.exit(1)

    return wrapper
