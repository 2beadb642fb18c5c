"""The data each page template receives: one TypedDict per kind of value, as mkdocs types
its TemplateContext. context.py builds them; mypy checks that it builds them whole."""

from __future__ import annotations

from typing import TypedDict

from generator.site.localize import Localized


class ItemData(TypedDict):
    """A checklist item, prompt or metric."""

    id: str
    text: Localized
    key: str
    """Progress key the browser saves the tick or answer under ('' for metrics)."""


class StageLink(TypedDict):
    id: str
    name: Localized
    wraps: bool
    """True when the link goes round the loop of a cyclic journey."""


class StageSummary(TypedDict):
    id: str
    name: Localized
    summary: Localized
    scope: str
    """The stage's scope (generator/team/scopes.py): its done state on maps and lists."""


class SourceLink(TypedDict):
    id: str
    title: Localized
    """In the source's own language, marked as such on a page in another."""


class FactData(TypedDict):
    id: str
    text: Localized
    caveat: Localized | str
    source: SourceLink | None


class TermLink(TypedDict):
    id: str
    term: Localized


class SharedData(TypedDict):
    id: str
    scope: str
    name: Localized
    summary: Localized | str
    checklist: list[ItemData]


class JourneyData(TypedDict):
    id: str
    name: Localized
    summary: Localized
    cyclic: bool
    loop_target: StageLink | None
    stages: list[StageSummary]
    scope: str
    """The journey's scope: its progress bar."""
    before_scope: str
    """The scope of its "before you start" checklist."""
    about: Localized | str
    checklist: list[ItemData]
    source: str | None


class LaneData(TypedDict):
    """One lane of the journey map as a stage page lists it."""

    key: str
    label: str
    entries: list[ItemData]


class StageData(TypedDict):
    id: str
    name: Localized
    summary: Localized
    description: Localized
    number: int
    count: int
    counter: str
    """'Stage 3 of 7' in the page's language (ui_text key stage_number)."""
    checklist: list[ItemData]
    prompts: list[ItemData]
    item_keys: list[str]
    """The keys of the stage's own checklist: what its reset clears."""
    scope: str
    """The stage's scope: its progress bar (its own items and its shared checklists')."""
    facts: list[FactData]
    metrics: list[ItemData]
    shared: list[SharedData]
    terms: list[TermLink]
    lanes: list[LaneData]
    """The stage's touchpoints, pain points and opportunities, where it has any (#26)."""


class GlossaryEntry(TypedDict):
    id: str
    term: Localized
    definition: Localized
    source: SourceLink | None


class SourceEntry(TypedDict):
    id: str
    title: str
    details: str
    url: str
    note: Localized | str
    facts: list[Localized]


class ComparisonCell(TypedDict):
    journey: str
    id: str
    name: Localized


class ComparisonRow(TypedDict):
    stage: ComparisonCell
    cells: list[list[ComparisonCell]]


class ComparisonTable(TypedDict):
    columns: list[Localized]
    rows: list[ComparisonRow]


class ChooserAnswerData(TypedDict):
    id: str
    answer: Localized
    journey: str
    journey_name: Localized
    reason: Localized
    source: SourceLink | None


class ChooserQuestionData(TypedDict):
    id: str
    question: Localized
    answers: list[ChooserAnswerData]


class KnownKeys(TypedDict):
    """Every progress key of the site, so an import can tell which ids it does not know."""

    ticks: list[str]
    answers: list[str]


class SummaryItem(TypedDict):
    key: str
    text: str
    fields: list[str]
    """The team's state of a checklist item as separate fields ('Status: Done', 'Owner: AK',
    'Due date: …', 'Note: …'), as team.publish lets the site show it; empty without a team
    state and for prompts. The script writes each under the item (issue #26)."""
    answer: str
    """A prompt's agreed answer (team.publish: full), else ''."""


class SummarySection(TypedDict):
    heading: str
    scope: str
    """The scope its progress line counts (a stage's counts its shared checklists' items)."""
    checklist: list[SummaryItem]
    prompts: list[SummaryItem]


class JourneyExport(TypedDict):
    """A journey's stages with their items' keys and texts, for its Markdown summary.

    Plain strings, not Localized: the summary is downloaded, not shown on the page.
    """

    title: str
    checklist_heading: str
    prompts_heading: str
    progress: str
    answer_label: str
    """'The team's answer:', before a prompt's agreed answer."""
    own_answer_label: str
    """'Only in this browser', before this browser's answer where it differs."""
    sections: list[SummarySection]


class CommonData(TypedDict):
    """What every page gets."""

    lang: str
    ui: dict[str, str]
    site_title: Localized
