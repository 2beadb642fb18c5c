"""Commands for consultants forking a playbook: diff, init and export."""

from __future__ import annotations

from pathlib import Path

import click

from generator import __version__
from generator.cli.common import content_option, delimiter_option, say, user_errors
from generator.content.loader import load_content
from generator.content.overlay import Overlay, load_with_extends
from generator.content.show import show_yaml
from generator.errors import GeneratorError
from generator.fork.diff import accept_upstream, changes, drift, drift_details, unrecorded
from generator.fork.init import init_project, next_steps
from generator.fork.upgrade import apply_upgrade, plan_upgrade
from generator.languages import ui_languages
from generator.project import load_status
from generator.site.exports import render_exports
from generator.site.team_exports import render_team_exports
from generator.team.published import FULL, published
from generator.team.summary import today
from generator.writer import replace_atomically


@click.command("diff")
@content_option
@click.option(
    "--accept", is_flag=True, help="Record the base's current texts, clearing drift warnings."
)
@click.option(
    "--full",
    is_flag=True,
    help="Show changed texts whole, the base's and yours, and for upstream drift the base "
    "text you accepted beside today's.",
)
@user_errors
def diff_command(content: Path, accept: bool, full: bool) -> None:
    """List what the overlay changes relative to its base, and any upstream drift.

    \b
    Example:
        playbook diff -c client/content.yaml
        playbook diff --full     # whole texts, old and new
        playbook diff --accept   # after reviewing upstream changes
    """
    overlay = load_with_extends(content, display_name=str(content))
    if overlay.base is None:
        say(f"{content} does not extend a base: nothing to compare.")
        return
    for change in changes(overlay.base, overlay.merged.data):
        say(change.describe(full))
    for dropped in overlay.dropped:
        say(str(dropped))
    for drifted in drift_details(content, overlay.base, overlay.merged.data):
        say(drifted.describe(full))
    if accept:
        count = accept_upstream(content, overlay.base, overlay.merged.data)
        say(f"Accepted the base's current text for {count} overridden values.")


@click.command("show")
@content_option
@click.option(
    "--base",
    "show_base",
    is_flag=True,
    help="Show the base this overlay extends instead of the merged result.",
)
@user_errors
def show_command(content: Path, show_base: bool) -> None:
    """Print the content as YAML after merging, each line ending with the file:line it came from.

    \b
    Example:
        playbook show              # what this overlay and its base add up to
        playbook show --base       # the base alone, e.g. to look up a line an error names
    """
    overlay = load_with_extends(content, display_name=str(content))
    source = overlay.merged.source
    if not show_base:
        say(show_yaml(overlay.merged.data, source.locate), nl=False)
        return
    if overlay.base is None or overlay.base_source is None:
        raise GeneratorError(f"{content} does not extend a base: there is no base to show")
    say(show_yaml(overlay.base, overlay.base_source.locate), nl=False)


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", required=True, help="Client name, filled in wherever a text says {client}.")
@click.option(
    "--extends",
    "base",
    default="default",
    show_default=True,
    help="Base playbook: 'default' or a path to a content file.",
)
@click.option(
    "--languages",
    default="sv,nb,en",
    show_default=True,
    help="Languages to build, first is the default, e.g. da,en or nn,nb. Any language with "
    f"interface text: {', '.join(ui_languages())}.",
)
@click.option(
    "--package",
    default=None,
    metavar="REQUIREMENT",
    help="Where the client's Makefile and CI install Journey Playbook from, e.g. "
    "'journey-playbook==1.0.0' or 'journey-playbook @ git+https://…@COMMIT'. "
    "Default: this very tool: its version on the package index, its commit on a public "
    "git remote, or else its wheel, copied into vendor/ with a checksum.",
)
@click.option(
    "--vendor",
    is_flag=True,
    help="Copy this tool's wheel into vendor/ (checked with sha256sum before each install), "
    "even when a package index or a git URL could serve it.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="The workflow fails while any translation is missing. Default: it publishes while "
    "the translation is under way, warning with the count; stale translations fail it.",
)
@user_errors
def init(
    folder: Path,
    name: str,
    base: str,
    languages: str,
    package: str | None,
    vendor: bool,
    strict: bool,
) -> None:
    """Create a client project: overlay content.yaml, mkdocs.yml, CI workflow, README, Makefile.

    \b
    Example:
        playbook init acme --name "Acme AB" --languages sv,en
        playbook init acme --name "Acme ApS" --languages da,en --strict
        cd acme && make site
    """
    codes = [code.strip() for code in languages.split(",") if code.strip()]
    result = init_project(
        folder,
        name=name,
        extends=base,
        languages=codes,
        package=package,
        vendor=vendor,
        strict=strict,
    )
    for path in result.written:
        say(f"created {path}")
    say("Steps left before the site is published:")
    for number, step in enumerate(next_steps(folder, result), start=1):
        say(f"  {number}. {step}")


@click.command()
@content_option
@click.option("--write", is_flag=True, help="Apply the changes (without it, only show them).")
@click.option(
    "--package",
    default=None,
    metavar="REQUIREMENT",
    help="Install Journey Playbook from this pip requirement instead of this very tool.",
)
@click.option(
    "--vendor/--no-vendor",
    default=None,
    help="Copy this tool's wheel into vendor/, or stop doing so (default: as the project does).",
)
@user_errors
def upgrade(content: Path, write: bool, package: str | None, vendor: bool | None) -> None:
    """Bring what 'playbook init' wrote (Makefile, workflow, .gitignore, mkdocs.yml, schema
    lines, the install source) up to this version of Journey Playbook; never the content.

    Shows the changes as a diff; --write applies them. See CHANGELOG.md for what changed.

    \b
    Example:
        playbook upgrade            # what would change
        playbook upgrade --write    # apply it
    """
    plan = plan_upgrade(content, package=package, vendor=vendor)
    if not plan.changed:
        click.echo(f"Up to date with Journey Playbook {__version__}: nothing to upgrade.")
        return
    for diff in plan.diffs:
        click.echo(diff, nl=False)
    if not write:
        click.echo(
            f"{len(plan.changes)} file(s) would change; nothing was written. Run "
            "'playbook upgrade --write' to apply this, then commit the changes."
        )
        return
    done = apply_upgrade(plan)
    click.echo(
        f"Upgraded {len(done)} file(s) to Journey Playbook {__version__}: {', '.join(done)}. "
        "Commit them."
    )


@click.command("export")
@content_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports"),
    show_default=True,
    help="Folder to write the files into.",
)
@delimiter_option
@click.option(
    "--as-published",
    is_flag=True,
    help="Hold only what the site publishes of the team's status (team.publish): under "
    "counts, no owners, notes or dates of change. Without it, everything in progress.yaml.",
)
@user_errors
def export_command(content: Path, output: Path, delimiter: str | None, as_published: bool) -> None:
    """Write every language's checklists, prompts and map lanes as CSV and JSON, each
    journey's map as an SVG per language (for slides), and the team's status of every item
    (progress.yaml) as a spreadsheet, a Markdown task list, a CSV for Jira and, where items
    have due dates, an iCalendar file.

    Every checklist the site shows is included: each stage's, each journey's
    "before you start" and the shared ones. The CSV opens in Excel as it is, and
    'playbook progress import team-status-LANG.csv' reads the spreadsheet back.

    \b
    Example:
        playbook export -o exports/
        playbook export --delimiter , -o exports/
        playbook export --as-published -o exports/   # only what the site shows
    """
    playbook = load_content(content, display_name=str(content))
    loaded = load_status(content, playbook)
    for orphan in loaded.orphans:
        say(f"warning: {orphan}", err=True)
    status = loaded.status if loaded.file else None
    private = True
    if as_published:
        shown = published(status, playbook.team.publish)
        status = shown.status if shown else None
        private = shown is None or shown.mode == FULL
    when = today(playbook.site.time_zone) if status is not None else None
    outputs = render_exports(playbook, ".", delimiter)
    outputs.update(
        render_team_exports(playbook, status, when, ".", private=private, delimiter=delimiter)
    )
    if status is not None and private:
        say(
            f"note: the team files hold the owners and notes of {loaded.file}; "
            "--as-published leaves out what the site does not show",
            err=True,
        )
    for relative, text in outputs.items():
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(target, text.encode("utf-8"))
        say(f"wrote {target}")


def drift_warnings(content: Path, overlay: Overlay) -> list[str]:
    if overlay.base is None:
        return []
    warnings = [
        f"warning: upstream changed {path}, which {content} overrides "
        "(review it, then run 'playbook diff --accept')"
        for path in drift(content, overlay.base, overlay.merged.data)
    ]
    new = unrecorded(content, overlay.base, overlay.merged.data)
    if new:
        # Without a recorded base value, a later change in the base cannot be noticed.
        warnings.append(
            f"note: {len(new)} overridden text(s) have no accepted base value yet "
            f"(first: {new[0]}); run 'playbook diff --accept' and commit upstream.lock, "
            "so that later changes in the base are reported"
        )
    return warnings
