"""A journey's workshop guide: who to invite, what to print, a half-day agenda computed from
the journey's own stages and questions, and what to do in the weeks after.

The agenda follows the content: a client's renamed, added or removed stages show up in it,
and each stage gets time in proportion to its questions and checklist points. The frame
sentences are interface text (ui_text/*.yml); what is particular to a model is content
(``journey.workshop``). Pure: no I/O.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from generator.content.model import Journey
from generator.site.localize import Localized, Localizer
from generator.site.ui import UI_TEXT

HALF_DAY = 210
"""Minutes in the agenda: three and a half hours, a morning with a break."""
START = 9 * 60
"""The agenda's start, in minutes after midnight; the page says to move the times."""
SLOT = 5
"""Stage times are whole multiples of five minutes."""
MIN_STAGE = 10
"""No stage gets less, however many there are: the agenda then runs past a half-day."""
OPENING = (("agenda_welcome", 15), ("agenda_map", 15))
BEFORE = 15
"""For a journey with a "before you start" checklist."""
BREAK = 15
CLOSING = (("agenda_owners", 20), ("agenda_close", 10))

RowKind = Literal["step", "before", "stage", "break"]


class AgendaStage(TypedDict):
    number: int
    id: str
    name: Localized
    prompts: list[Localized]
    item_count: int
    """Points in the stage's own checklist."""


class AgendaRow(TypedDict):
    kind: RowKind
    time: str
    """'9.00–9.15' in the page's language."""
    minutes: str
    """'15 min' in the page's language."""
    text: str
    """What to do, for the fixed steps (the stage rows say it from ``stage``)."""
    stage: AgendaStage | None


class Agenda(TypedDict):
    rows: list[AgendaRow]
    start: str
    end: str
    long: bool
    """True when the stages need more than a half-day even at their shortest."""


def stage_minutes(journey: Journey) -> list[int]:
    """Minutes for each stage: what the half-day leaves after the fixed steps, shared by
    weight (a question counts twice a checklist point), at least MIN_STAGE each, in whole
    SLOTs, by largest remainder so the shares add up to exactly what is left."""
    stages = journey.stages
    fixed = sum(m for _, m in OPENING) + sum(m for _, m in CLOSING) + BREAK
    fixed += BEFORE if journey.checklist else 0
    units = (HALF_DAY - fixed) // SLOT
    least = MIN_STAGE // SLOT
    spare = units - least * len(stages)
    if spare <= 0:
        return [MIN_STAGE] * len(stages)
    weights = [1 + 2 * len(stage.prompts) + len(stage.checklist) for stage in stages]
    shares = [spare * weight / sum(weights) for weight in weights]
    whole = [int(share) for share in shares]
    by_remainder = sorted(range(len(stages)), key=lambda i: (whole[i] - shares[i], i))
    for i in by_remainder[: spare - sum(whole)]:
        whole[i] += 1
    return [(least + extra) * SLOT for extra in whole]


def break_after(minutes: list[int]) -> int:
    """Index of the stage the break follows: the first at which half the stage time is
    done, never the last one unless there is only one."""
    total, elapsed = sum(minutes), 0
    for index, length in enumerate(minutes):
        elapsed += length
        if 2 * elapsed >= total:
            return min(index, max(len(minutes) - 2, 0))
    return len(minutes) - 1


def agenda(journey: Journey, text: Localizer) -> Agenda:
    """The half-day agenda of ``journey`` in ``text``'s language."""
    ui = {key: values[text.language] for key, values in UI_TEXT.items()}
    rows: list[AgendaRow] = []
    clock = START

    def add(kind: RowKind, minutes: int, words: str = "", stage: AgendaStage | None = None):
        nonlocal clock
        time = f"{_clock(clock, ui['clock'])}–{_clock(clock + minutes, ui['clock'])}"
        length = ui["minutes"].format(minutes=minutes)
        rows.append({"kind": kind, "time": time, "minutes": length, "text": words, "stage": stage})
        clock += minutes

    for key, length in OPENING:
        add("step", length, ui[key])
    if journey.checklist:
        add("before", BEFORE, ui["agenda_before"])
    lengths = stage_minutes(journey)
    pause = break_after(lengths)
    for number, (stage, length) in enumerate(zip(journey.stages, lengths, strict=True), 1):
        add(
            "stage",
            length,
            stage={
                "number": number,
                "id": stage.id,
                "name": text(stage.name),
                "prompts": [text(prompt.text) for prompt in stage.prompts],
                "item_count": len(stage.checklist),
            },
        )
        if number - 1 == pause:
            add("break", BREAK, ui["agenda_break"])
    for key, length in CLOSING:
        add("step", length, ui[key])
    return {
        "rows": rows,
        "start": _clock(START, ui["clock"]),
        "end": _clock(clock, ui["clock"]),
        "long": clock - START > HALF_DAY,
    }


def _clock(minutes: int, pattern: str) -> str:
    """'9.00' (or '9:00'; the pattern is the language's) for minutes after midnight."""
    return pattern.format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")
