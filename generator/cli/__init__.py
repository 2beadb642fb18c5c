"""The ``playbook`` command line. Each command parses, calls the library, prints a report.

One module per audience: ``build`` (validate, generate, build, serve, schema), ``fork``
(init, diff, show, export), ``translations`` and ``progress`` (the team's status). Errors
the user can fix (GeneratorError) are printed without a traceback and exit with status 1.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import __version__
from generator.cli.build import build, generate_command, schema, serve, validate
from generator.cli.common import content_option
from generator.cli.fork import diff_command, export_command, init, show_command, upgrade
from generator.cli.progress import progress
from generator.cli.translations import translations


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
@content_option
def cli(content: Path) -> None:
    """Build a multilingual customer-journey playbook site from content.yaml.

    -c/--content may come before or after the command.

    \b
    Example:
        playbook validate
        playbook build && python3 -m http.server -d site 8000
    """


for _command in (
    validate,
    generate_command,
    build,
    serve,
    schema,
    diff_command,
    show_command,
    translations,
    init,
    upgrade,
    export_command,
    progress,
):
    cli.add_command(_command)
