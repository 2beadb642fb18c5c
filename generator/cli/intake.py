"""`playbook progress intake`: the team-intake workflow's one Python step (issue #25).

The workflow (``.github/workflows/team-intake.yml``, and the one ``playbook init`` writes)
only moves files and calls git and gh; every decision is made here, where it is tested:
whether the issue is the site's form, whether its author may write, whether the snippet is
valid, what to merge, and what to answer, in the site's language. It prints ``result=…``
and ``number=…`` for ``$GITHUB_OUTPUT`` and writes the comment, the commit message and the
"branch is protected" comment into ``--out``.

Results: ``merged`` (progress.yaml was changed: commit, push, publish, close), ``nothing``
(already in the file: close), ``refused`` (no write access), ``invalid`` (not readable as
changes), ``conflict`` (nothing written, the issue stays open), ``ignored`` (not the site's
form: no comment at all).
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli.common import content_option, user_errors
from generator.content.loader import load_content
from generator.content.model import Playbook
from generator.content.source import read_yaml
from generator.errors import ContentError, GeneratorError
from generator.project import load_status
from generator.site.localize import localizer
from generator.site.team_view import history_rows
from generator.site.ui import UI_TEXT
from generator.team.changes import is_changes, read_changes
from generator.team.history import Change
from generator.team.importer import ImportReport, import_status
from generator.team.incoming import read_incoming
from generator.team.intake import (
    MARKER,
    MAX_BODY_CHARS,
    BodyProblem,
    IntakeError,
    OpenedIssue,
    co_author_trailer,
    extract_snippet,
    is_intake,
    may_write,
    read_event,
)
from generator.team.loader import status_path
from generator.team.summary import today

_BODY_PROBLEMS = {
    "too_large": "intake_too_large",
    "no_block": "intake_no_block",
    "two_blocks": "intake_two_blocks",
    "fence": "intake_fence",
}
"""Why a body is not the site's form (BodyProblem.reason) -> the ui_text that says so."""

SNIPPET_NAME = "changes.yaml"
"""The snippet's name in messages (its lines are the code block's)."""


@click.command("intake")
@click.argument("event", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@content_option
@click.option(
    "--sender",
    is_flag=True,
    help="Only print login=AUTHOR (checked), for the permission look-up.",
)
@click.option(
    "--permission",
    type=click.Path(path_type=Path, dir_okay=False),
    help="GitHub's answer to collaborators/LOGIN/permission for the author, as JSON.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where to write comment.md, commit.txt and push-refused.md.",
)
@click.option(
    "--branch",
    envvar="GITHUB_REF_NAME",
    default="main",
    show_default=True,
    help="The branch the changes are pushed to (env GITHUB_REF_NAME), named in the comment.",
)
@user_errors
def intake(
    event: Path,
    content: Path,
    sender: bool,
    permission: Path | None,
    out: Path | None,
    branch: str,
) -> None:
    """Merge the changes in an opened issue (GitHub's event file EVENT) into progress.yaml,
    if its author may write to the repository; write the answer in the site's language.

    \b
    Example (what the team-intake workflow runs):
        playbook progress intake "$GITHUB_EVENT_PATH" --sender >> "$GITHUB_OUTPUT"
        playbook progress intake "$GITHUB_EVENT_PATH" --permission permission.json --out intake/
    """
    try:
        issue = read_event(event)
    except IntakeError as error:
        raise GeneratorError(str(error)) from None
    if sender:
        click.echo(f"login={issue.login}")
        return
    if permission is None or out is None:
        raise GeneratorError("give --permission FILE and --out DIR (or --sender)")
    playbook = load_content(content, display_name=str(content))
    ui = {key: value[playbook.default_language] for key, value in UI_TEXT.items()}
    result, comment = _decide(issue, playbook, content, permission, out, ui)
    out.mkdir(parents=True, exist_ok=True)
    if result != "ignored":
        (out / "comment.md").write_text(comment, encoding="utf-8")
    if result == "merged":
        (out / "push-refused.md").write_text(
            _safe_branch(ui["intake_push_refused"], branch), encoding="utf-8"
        )
    click.echo(f"result={result}")
    click.echo(f"number={issue.number}")


def _decide(
    issue: OpenedIssue,
    playbook: Playbook,
    content: Path,
    permission: Path,
    out: Path,
    ui: dict[str, str],
) -> tuple[str, str]:
    """(result, comment)."""
    if not is_intake(issue.body):
        return "ignored", ""
    if not may_write(permission, issue.login):
        return "refused", ui["intake_refused"].format(login=issue.login) + "\n"
    try:
        snippet = extract_snippet(issue.body)
    except BodyProblem as problem:
        text = ui[_BODY_PROBLEMS[problem.reason]]
        return "invalid", text.format(
            size=f"{problem.size:,}", limit=f"{MAX_BODY_CHARS:,}", marker=f"`{MARKER}`"
        ) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    incoming = out / SNIPPET_NAME
    incoming.write_text(snippet, encoding="utf-8")
    current = load_status(content, playbook)
    target = status_path(content.resolve().parent)
    file = target.name
    try:
        report = import_status(
            playbook, current, target, incoming, incoming_name=SNIPPET_NAME, write=False
        )
    except ContentError as error:
        return "invalid", f"{ui['intake_invalid']}\n\n{code_block(str(error))}"
    ignored = _ignored(report, ui)
    if report.conflicts:
        details = "\n".join(str(conflict) for conflict in report.conflicts)
        return "conflict", (
            f"{ui['intake_conflict'].format(file=file)}\n\n{code_block(details)}{ignored}"
        )
    if not report.imported:
        return "nothing", f"{ui['intake_nothing'].format(file=file)}\n{ignored}"
    # Worded before anything is written: a snippet that cannot be described is not merged.
    lines = "".join(f"- {line}\n" for line in _changes(playbook, incoming, report))
    import_status(playbook, current, target, incoming, incoming_name=SNIPPET_NAME)
    (out / "commit.txt").write_text(_commit_message(issue, report), encoding="utf-8")
    return "merged", f"{ui['intake_done'].format(file=file)}\n\n{lines}{ignored}"


def _changes(playbook: Playbook, incoming: Path, report: ImportReport) -> list[str]:
    """What was merged, one line each in the site's language: 'Item text: Done: owner'."""
    merged = set(report.added) | set(report.updated)
    parsed = read_yaml(incoming, display_name=SNIPPET_NAME)
    day = today(playbook.site.time_zone)
    changes: list[Change] = []
    if is_changes(parsed.data):  # the sharing format version 2, as the site sends it
        fields: dict[tuple[str, str], dict[str, str | None]] = {}
        for change in read_changes(parsed):
            fields.setdefault((change.section, change.key), {})[change.field] = change.to
        for (section, key), values in fields.items():
            if key in merged:
                status = values.get("status") if section == "items" else None
                changes.append(Change(section, key, day, "", status, tuple(values)))
    else:  # version 1 and status-file snippets
        _, entries = read_incoming(parsed)
        changes = [
            Change(
                entry.section,
                entry.key,
                day,
                "",
                entry.raw.get("status"),
                tuple(name for name in entry.raw if name != "changed"),
            )
            for entry in entries
            if entry.key in merged
        ]
    text = localizer(playbook, playbook.default_language)
    return [
        _one_line(f"{row['what']}: {row['change']}")
        for row in history_rows(playbook, tuple(changes), text)
    ]


def _ignored(report: ImportReport, ui: dict[str, str]) -> str:
    if not report.unknown:
        return ""
    return f"\n{ui['intake_ignored']}\n\n{code_block(chr(10).join(report.unknown))}"


def _commit_message(issue: OpenedIssue, report: ImportReport) -> str:
    return (
        f"Team status from #{issue.number}: {len(report.added)} added, "
        f"{len(report.updated)} updated\n\n"
        f"Merged by the team-intake workflow from issue #{issue.number} "
        f"(playbook progress intake).\n\n"
        f"{co_author_trailer(issue)}\n"
    )


def code_block(text: str) -> str:
    """``text`` in a fenced block whose fence is longer than any backtick run in it, so
    nothing in it is read as Markdown (no mention, no link, no markup) on GitHub."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}\n"


def _one_line(text: str) -> str:
    # Item texts come from the content: keep each change on its own list line.
    return " ".join(text.split())


def _safe_branch(template: str, branch: str) -> str:
    shown = branch if re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", branch) else "main"
    return template.format(branch=f"`{shown}`") + "\n"
