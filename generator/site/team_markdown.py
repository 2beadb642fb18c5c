"""The team's state as Markdown (issue #26): a task list of every item with its id, and the
short report ``playbook progress --markdown`` prints for a team's chat or a CI summary.

Every text is in the reader's language, item texts included, and escaped so that Markdown
shows it literally (``md_inline``). The numbers come from generator/team/summary.py, as the
site's and ``playbook progress``'s do. Pure: no I/O.
"""

from __future__ import annotations

from datetime import date

from generator.content.model import Playbook
from generator.site.localize import Localizer
from generator.site.markup import md_inline
from generator.site.team_rows import TeamGroup, state_fields
from generator.site.ui import UI_TEXT
from generator.team.summary import ItemState, Section, TeamSummary

INDENT = "    "
"""A field under its item: four spaces nest a list in CommonMark and Python-Markdown alike."""


def task_list(
    playbook: Playbook, groups: list[TeamGroup], text: Localizer, today: date | None
) -> str:
    """Every item as a task (``- [x]`` when done; struck through when not applicable), its
    id after it, and the team's state under it as separate fields. ``today``: the day the
    state is judged on, None without a team state."""
    language = text.language
    title = f"{text.peek(playbook.site.title)}: {UI_TEXT['tasks_title'][language]}"
    lines = [f"# {md_inline(title)}", ""]
    if today is not None:
        judged = UI_TEXT["tasks_judged"][language].format(date=today.isoformat())
        lines += [md_inline(judged), ""]
    for group in groups:
        lines += [f"## {md_inline(group.name)}", ""]
        for section in group.sections:
            lines += [f"### {md_inline(section.name)}", ""]
            for row in section.rows:
                status = row.state.status
                shown = md_inline(row.text)
                if status == "not-applicable":
                    shown = f"~~{shown}~~"
                tick = "x" if status in ("done", "not-applicable") else " "
                lines.append(f"- [{tick}] {shown} `{row.key}`")
                lines += [f"{INDENT}- {md_inline(field)}" for field in state_fields(row, language)]
            lines.append("")
    return "\n".join(lines)


def chat_report(playbook: Playbook, summary: TeamSummary, text: Localizer) -> str:
    """The team's progress for a chat message: per journey its numbers, each part's, what
    is next, and then everything overdue. Bold lines, not headings: chats show those."""
    language = text.language
    ui = UI_TEXT
    lines = [f"**{md_inline(text.peek(playbook.site.title))}**", ""]
    for model, journey in zip(playbook.journeys, summary.journeys, strict=True):
        total = journey.total
        lines.append(f"**{md_inline(text.peek(model.name))}**: {_numbers(total, language)}")
        parts = [(ui["before_you_start"][language], journey.before)] if journey.before else []
        parts += [
            (f"{number}. {text.peek(stage.name)}", section)
            for number, (stage, section) in enumerate(
                zip(model.stages, journey.stages, strict=True), start=1
            )
        ]
        lines += [
            f"- {md_inline(name)}: {_numbers(section, language, percent=False)}"
            for name, section in parts
            if section.counts.total
        ]
        if total.next_open:
            lines.append(f"- {md_inline(ui['cli_progress_next'][language])}:")
            lines += [f"{INDENT}- {_open_item(item, text)}" for item in total.next_open]
        lines.append("")
    heading = ui["overdue_heading"][language].format(date=summary.today.isoformat())
    lines += [f"**{md_inline(heading)}**", ""]
    lines += overdue_items(playbook, summary, text) or [
        md_inline(ui["team_none_overdue"][language])
    ]
    return "\n".join([*lines, ""])


def overdue_markdown(playbook: Playbook, summary: TeamSummary, text: Localizer) -> str:
    """The overdue items as Markdown for a job summary: a heading with the day they are
    judged on, then each item's text, where it is, its owner and due date."""
    language = text.language
    heading = UI_TEXT["overdue_heading"][language].format(date=summary.today.isoformat())
    lines = [f"### {md_inline(heading)}", ""]
    items = overdue_items(playbook, summary, text)
    if not items:
        return "\n".join([*lines, md_inline(UI_TEXT["team_none_overdue"][language]), ""])
    return "\n".join([*lines, *items, ""])


def overdue_items(playbook: Playbook, summary: TeamSummary, text: Localizer) -> list[str]:
    """One Markdown list item per overdue item: its text in bold, where it is, owner, due."""
    places = item_places(playbook, text)
    lines = []
    for item in summary.overdue:
        details = _details(item, text.language)
        where = places.get(item.key.rsplit("/", 1)[0], "")
        lines.append(
            f"- **{md_inline(text.peek(item.item.text))}**"
            + (f" ({md_inline(where)})" if where else "")
            + (f": {md_inline(', '.join(details))}" if details else "")
        )
    return lines


def item_places(playbook: Playbook, text: Localizer) -> dict[str, str]:
    """'journey/stage' (the first two parts of a key) -> 'Journey › Stage' in words."""
    places = {}
    for journey in playbook.journeys:
        name = text.peek(journey.name)
        places[f"{journey.id}/-"] = f"{name} › {UI_TEXT['before_you_start'][text.language]}"
        for stage in journey.stages:
            places[f"{journey.id}/{stage.id}"] = f"{name} › {text.peek(stage.name)}"
    for shared in playbook.checklists:
        places[f"shared/{shared.id}"] = text.peek(shared.name)
    return places


def _numbers(section: Section, language: str, *, percent: bool = True) -> str:
    """'3 of 5 done (60%)', '· Overdue: 1' after it when something is."""
    counts = section.counts
    shown = UI_TEXT["progress"][language].format(done=counts.done, total=counts.applicable)
    if percent:
        shown += f" ({UI_TEXT['cli_progress_percent'][language].format(percent=counts.percent)})"
    if counts.overdue:
        shown += f" · {UI_TEXT['team_overdue'][language]}: {counts.overdue}"
    return md_inline(shown)


def _details(item: ItemState, language: str) -> list[str]:
    details = [item.owner] if item.owner else []
    if item.due:
        details.append(UI_TEXT["cli_progress_due"][language].format(date=item.due.isoformat()))
    return details


def _open_item(item: ItemState, text: Localizer) -> str:
    details = _details(item, text.language)
    flag = f"⚠ {UI_TEXT['team_overdue'][text.language]}: " if item.overdue else ""
    shown = md_inline(flag + text.peek(item.item.text))
    return shown + (f" ({md_inline(', '.join(details))})" if details else "")
