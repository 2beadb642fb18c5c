"""`playbook progress`: the team's status (progress.yaml) as a table, as JSON, or as a CI check.

The numbers come from generator/team/summary.py, as the site's dashboard's do, so the
terminal and the site agree. The table is in the content's default language (or --lang);
its words live in ui_text like every other text readers see.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli.common import content_option, say, user_errors
from generator.cli.intake import intake
from generator.content.loader import load_content
from generator.content.model import Playbook
from generator.errors import GeneratorError
from generator.project import load_status
from generator.site.localize import Localizer, localizer
from generator.site.team_import import KIND as SPREADSHEET
from generator.site.team_import import read_status_table
from generator.site.team_markdown import chat_report, item_places, overdue_markdown
from generator.site.ui import UI_TEXT
from generator.team.importer import ImportReport, import_status, merge_entries, nothing_imported
from generator.team.loader import status_path
from generator.team.merge import Keep
from generator.team.summary import (
    ItemState,
    JourneySummary,
    Section,
    TeamSummary,
    now,
    summarize,
    today,
)

_COLUMNS = ("done", "in_progress", "not_applicable", "not_started", "overdue")


@click.group(invoke_without_command=True)
@content_option
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option(
    "--overdue",
    is_flag=True,
    help="Print only the overdue items; exit 1 if there are any (for CI).",
)
@click.option(
    "--markdown",
    is_flag=True,
    help="The team's progress as Markdown, to paste into the team's chat: per journey its "
    "numbers, each stage's, what is next and what is overdue. With --overdue: only the "
    "overdue items, for a CI job summary.",
)
@click.option("--lang", default=None, help="Language of the table (default: the content's).")
@click.pass_context
@user_errors
def progress(
    ctx: click.Context,
    content: Path,
    as_json: bool,
    overdue: bool,
    markdown: bool,
    lang: str | None,
) -> None:
    """Show the team's status from progress.yaml: per journey and stage, what is done, in
    progress, not applicable, not started and overdue, who owns it, and what is next.

    Items are judged overdue on today's date (SOURCE_DATE_EPOCH's, if set), in the
    content's site.time_zone.

    \b
    Example:
        playbook progress
        playbook progress --lang en
        playbook progress --json > team-status.json
        playbook progress --markdown  # for the team's chat
        playbook progress --overdue   # in CI: exit 1 when anything is overdue
        playbook progress --overdue --markdown >> "$GITHUB_STEP_SUMMARY"
        playbook progress import shared-changes.yaml
        playbook progress import team-status-sv.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    if markdown and as_json:
        raise click.UsageError("--markdown and --json are two formats: choose one")
    playbook = load_content(content, display_name=str(content))
    language = lang or playbook.default_language
    if language not in playbook.language_codes:
        raise click.BadParameter(
            f"'{language}' is not a language of this playbook "
            f"({', '.join(playbook.language_codes)})",
            param_hint="--lang",
        )
    loaded = load_status(content, playbook)
    for orphan in loaded.orphans:
        say(f"warning: {orphan}", err=True)
    if not loaded.file:
        say(
            f"note: no {Path(content.parent, 'progress.yaml')}: every item counts as not started",
            err=True,
        )
    summary = summarize(playbook, loaded.status, today(playbook.site.time_zone))
    text = localizer(playbook, language)
    if markdown:
        if overdue:
            say(overdue_markdown(playbook, summary, text))
            sys.exit(1 if summary.overdue else 0)
        say(chat_report(playbook, summary, text))
        return
    if as_json:
        say(json.dumps(summary.as_data(), indent=2, ensure_ascii=False))
    elif not overdue:
        for number, journey in enumerate(summary.journeys):
            if number:
                say()
            say("\n".join(journey_table(playbook, journey, text)))
    if overdue:
        if summary.overdue:
            say(overdue_line(playbook, summary, text), err=as_json)
            sys.exit(1)
        if not as_json:
            say(UI_TEXT["cli_none_overdue"][language].format(date=summary.today.isoformat()))


progress.add_command(intake)


@progress.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@content_option
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option(
    "--keep",
    "keep",
    multiple=True,
    metavar="[KEY[.FIELD]=]CHOICE",
    help="In a conflict, keep mine (progress.yaml's value), theirs (FILE's) or both "
    "(both texts: an owner, a note, an answer); for all conflicts, or KEY=CHOICE for one "
    "item or answer. Repeatable.",
)
@user_errors
def progress_import(file: Path, content: Path, dry_run: bool, keep: tuple[str, ...]) -> None:
    """Merge FILE into progress.yaml: the site's changes ("share my changes", the export,
    or the code block of an issue sent from the site), an older export or status file
    snippet, or the team's spreadsheet (team-status-*.csv from 'playbook export' or the
    site, after a spreadsheet saved it). Comments and order in progress.yaml stay.

    A change made from a value progress.yaml no longer has (someone changed it since) is a
    conflict: it names the key, both texts and the line, and nothing is written for that
    item or answer until --keep says which to keep. Ids this content does not have are
    listed and ignored. A spreadsheet row states the item's whole state: an empty owner,
    due date or note cell removes it.

    \b
    Example:
        playbook progress import ~/Downloads/journey-playbook-progress.json
        playbook progress import progress-changes.yaml --dry-run
        playbook progress import progress-changes.yaml --keep customer-journey/awareness/q=both
        playbook progress import team-status-sv.csv
    """
    playbook = load_content(content, display_name=str(content))
    current = load_status(content, playbook)
    target = status_path(content.resolve().parent)
    shown = current.file or str(content.parent / target.name)
    if file.suffix.casefold() == ".csv":
        entries = read_status_table(file, name=str(file))
        report = merge_entries(
            playbook,
            current,
            target,
            SPREADSHEET,
            entries,
            write=not dry_run,
            keep=Keep.parse(keep),
            stamp=now(),
        )
    else:
        report = import_status(
            playbook,
            current,
            target,
            file,
            incoming_name=str(file),
            write=not dry_run,
            keep=Keep.parse(keep),
        )
    for line in report.resolved:
        say(f"resolved: {line}", err=True)
    for conflict in report.conflicts:
        say(f"conflict: {conflict}", err=True)
    if report.unknown:
        say(
            f"ignored {len(report.unknown)} id(s) this content does not have: "
            + ", ".join(report.unknown),
            err=True,
        )
    if not report.imported:
        raise GeneratorError(nothing_imported(str(file), report, target))
    say(_import_summary(report, str(file), shown, dry_run))
    if report.conflicts:
        # Not a silent success: a person's change was not written.
        keys = sorted({issue.path.split("]")[0].split("[", 1)[1] for issue in report.conflicts})
        raise GeneratorError(
            f"{len(report.conflicts)} conflict(s) not imported, nothing written for "
            f"{', '.join(keys)}: import again with --keep KEY=mine|theirs|both "
            "(or --keep theirs for all)"
        )


def _import_summary(report: ImportReport, name: str, shown: str, dry_run: bool) -> str:
    verb = "Would import" if dry_run else "Imported"
    created = " (a new file)" if report.created else ""
    return (
        f"{verb} {name} ({report.kind}) into {shown}{created}: {len(report.added)} added, "
        f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.conflicts)} conflict(s)."
    )


def overdue_line(playbook: Playbook, summary: TeamSummary, text: Localizer) -> str:
    """One line naming every overdue item, for a CI log, in ``text``'s language:
    'Overdue on 2026-12-07 (2): Text (Journey › Stage; owner, due 2026-12-01); …'."""
    language = text.language
    places = item_places(playbook, text)
    named = []
    for item in summary.overdue:
        details = [places.get(item.key.rsplit("/", 1)[0], "")]
        details.append(", ".join(_details(item, language)))
        named.append(f"{text.peek(item.item.text)} ({'; '.join(d for d in details if d)})")
    heading = UI_TEXT["overdue_heading"][language].format(date=summary.today.isoformat())
    return f"{heading} ({len(summary.overdue)}): {'; '.join(named)}"


def _details(item: ItemState, language: str) -> list[str]:
    details = [item.owner] if item.owner else []
    if item.due:
        details.append(UI_TEXT["cli_progress_due"][language].format(date=item.due.isoformat()))
    return details


def journey_table(playbook: Playbook, journey: JourneySummary, text: Localizer) -> list[str]:
    """The lines of one journey's table: a heading, a row per stage, the total, what is next."""
    ui = {label: UI_TEXT[key][text.language] for label, key in _LABELS.items()}
    model = next(j for j in playbook.journeys if j.id == journey.total.id)
    counts = journey.total.counts
    done = UI_TEXT["progress"][text.language].format(done=counts.done, total=counts.applicable)
    percent = ui["percent"].format(percent=counts.percent)
    lines = [f"{text.peek(model.name)} ({model.id}): {done}, {percent}"]
    rows = [[ui["stage"], *(ui[column] for column in _COLUMNS), ui["answered"], ui["owners"]]]
    if journey.before:
        rows.append(_row(UI_TEXT["before_you_start"][text.language], journey.before))
    for number, (stage, section) in enumerate(zip(model.stages, journey.stages, strict=True), 1):
        rows.append(_row(f"{number}. {text.peek(stage.name)}", section))
    rows.append(_row(ui["total"], journey.total))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True)]
        lines.append(("  " + "  ".join(cells) + "  " + row[-1]).rstrip())
    if journey.total.next_open:
        lines.append(f"  {ui['next']}:")
        lines += [f"  - {_open_item(item, text)}" for item in journey.total.next_open]
    return lines


_LABELS = {
    "stage": "cli_progress_stage",
    # The status names are the site's own keys, so a status has one name per language (#28).
    "done": "team_status_done",
    "in_progress": "team_status_in_progress",
    "not_applicable": "team_status_not_applicable",
    "not_started": "team_status_not_started",
    "overdue": "team_overdue",
    "answered": "cli_progress_answered",
    "owners": "cli_progress_owners",
    "total": "cli_progress_total",
    "next": "cli_progress_next",
    "percent": "cli_progress_percent",
}
"""The table's words: label -> ui_text key."""


def _row(label: str, section: Section) -> list[str]:
    counts = section.counts
    answered = f"{counts.answered}/{counts.prompts}" if counts.prompts else "-"
    numbers = [str(getattr(counts, column)) for column in _COLUMNS]
    return [label, *numbers, answered, ", ".join(section.owners)]


def _open_item(item: ItemState, text: Localizer) -> str:
    details = _details(item, text.language)
    shown = text.peek(item.item.text)
    flag = "(!) " if item.overdue else ""
    return f"{flag}{shown}" + (f" ({', '.join(details)})" if details else "")
