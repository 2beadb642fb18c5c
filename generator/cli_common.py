"""Options and error handling shared by the `playbook` commands."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator.errors import ContentError, GeneratorError


def content_option(command):
    return click.option(
        "-c",
        "--content",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("content.yaml"),
        show_default=True,
        help="The content file. Its folder is the project (mkdocs.yml, playbook/).",
    )(command)


def site_url_option(command):
    return click.option(
        "--site-url",
        envvar="PLAYBOOK_SITE_URL",
        default=None,
        help="Public address of the site, e.g. https://ORG.github.io/REPO/ "
        "(overrides site.url; env PLAYBOOK_SITE_URL).",
    )(command)


def user_errors(command):
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
