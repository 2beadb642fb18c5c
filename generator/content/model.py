"""The content model: what content.yaml may contain.

Typed and strict: every model forbids unknown keys, so a typo is an error rather than
silently ignored text. Each field's docstring becomes its description in the JSON Schema
(``playbook schema``), which editors show while you type.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    model_validator,
)

from generator.content.describe import Rule
from generator.languages import FALLBACK_LANGUAGE, language_problem, ui_languages

LANGUAGE_CODES: tuple[str, ...] = ui_languages()
"""Languages a site may be built in and texts may be written in: those with an interface text
file that Material also has a theme translation for (``generator/languages.py``). Norwegian
is ``nb`` (Bokmål) or ``nn`` (Nynorsk), never ``no``."""


def _known_language(code: str) -> str:
    problem = language_problem(code)
    if problem:
        raise ValueError(problem[0])  # the loader words it, with its hint, from the value
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(_known_language),
    WithJsonSchema({"type": "string", "enum": list(LANGUAGE_CODES)}),
]
"""A code from LANGUAGE_CODES; any other gets an error that lists the codes that work."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Rule(
        "id",
        form="invalid id {value}: ids use lowercase a-z, digits 0-9 and single hyphens",
        hint="ids key URLs and saved progress, so keep them stable",
        shorten="use a shorter id",
    ),
]
"""A stable identifier: lowercase ASCII letters, digits and single hyphens.

Ids key URLs, HTML anchors and the progress a browser saves, so renaming one
loses that progress; change the visible name instead.
"""

MAX_TEXT_CHARS = 20_000
"""Longest text one field may hold in one language: about ten pages of prose. Bounds the
cost of rendering untrusted content (issue #11); a playbook's texts are far shorter."""

NonEmptyText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS),
    Rule(shorten="shorten it, or move long material to a page of your own in playbook/"),
]

WEB_ADDRESS_PATTERN = (
    r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?"
    r"([/?#][A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?$"
)
"""An http or https address made only of the ASCII characters RFC 3986 allows
unescaped, minus ``[ ]``. No other scheme (javascript:, data:, ...), no user name
or password before the host, no spaces, quotes, ``<``, ``>``, backslashes or
backticks, so the address can go into Markdown and HTML without breaking out of
its link. Other characters must be percent-encoded (``%C3%A5`` for ``å``)."""

WebAddress = Annotated[
    str,
    StringConstraints(pattern=WEB_ADDRESS_PATTERN, max_length=2000),
    Rule(
        "address",
        form="invalid url {value}",
        hint="write a full http:// or https:// address without spaces, quotes, <, > or [ ]; "
        "percent-encode other characters (å is %C3%A5)",
        shorten="use a shorter address",
    ),
]

# The site's and the repository's address: no quotes, spaces or angle brackets, since they
# are written into sitemap.xml and links. Written without escaping the quote (`\"`): a JSON
# Schema validator reads patterns as ECMA-262 in unicode mode, where that escape is an error.
SITE_URL_PATTERN = r"""^https?://[^\s"'<>\\`{}|^]+$"""
REPO_URL_PATTERN = r"""^https://[^\s"'<>\\`{}|^#?]+$"""

_TEXT_SCHEMA: dict[str, Any] = {
    "description": (
        "Text in several languages: a map {sv: ..., nb: ..., en: ..., da: ...}. "
        "A plain string is text in the site's default language."
    ),
    "anyOf": [
        {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS},
        {
            "type": "object",
            "properties": {
                code: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS}
                for code in LANGUAGE_CODES
            },
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class _TranslationsBase(_Strict):
    """One piece of text, per language: a field per code in LANGUAGE_CODES (see below)."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_default_language(cls, value: Any, info: ValidationInfo) -> Any:
        # A plain string is the common case for single-language forks; the loader
        # passes the default language in the validation context.
        if isinstance(value, str):
            default = (info.context or {}).get("default_language", FALLBACK_LANGUAGE)
            return {default: value}
        return value

    def get(self, language: str) -> str | None:
        """The text in ``language``, or None when it is not translated."""
        return getattr(self, language, None)


# The fields follow the languages the tool ships text for, so a new ui_text file is all it
# takes; unknown keys stay errors (extra="forbid") that the loader names as languages.
if TYPE_CHECKING:
    Translations = _TranslationsBase
else:
    Translations = create_model(
        "Translations",
        __base__=_TranslationsBase,
        __module__=__name__,
        **{code: (NonEmptyText | None, None) for code in LANGUAGE_CODES},
    )


Text = Annotated[Translations, WithJsonSchema(_TEXT_SCHEMA)]


class Language(_Strict):
    """A language the site is built in."""

    code: LanguageCode
    """Language code, e.g. sv (Swedish), nb (Norwegian Bokmål), nn (Nynorsk), da, fi, de
    or en: one Material for MkDocs translates its theme into and the tool has interface
    text for."""
    name: NonEmptyText | None = None
    """Name shown in the language switcher; defaults to the language's own name."""
    default: bool = False
    """Exactly one language is the default: it is served at the site root and is the
    language plain strings are written in."""


MATERIAL_COLORS: tuple[str, ...] = (
    "red",
    "pink",
    "purple",
    "deep-purple",
    "indigo",
    "blue",
    "light-blue",
    "cyan",
    "teal",
    "green",
    "light-green",
    "lime",
    "yellow",
    "amber",
    "orange",
    "deep-orange",
    "brown",
    "grey",
    "blue-grey",
    "black",
    "white",
)
"""Material for MkDocs' named colours."""

HEX_COLOR = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"


def _check_color(value: str) -> str:
    if value in MATERIAL_COLORS or re.match(HEX_COLOR, value):
        return value
    raise ValueError("not a colour")


Color = Annotated[
    str,
    AfterValidator(_check_color),
    WithJsonSchema(
        {
            "description": (
                'One of Material\'s named colours, or a hex colour in quotes, e.g. "#1a7f64".'
            ),
            "anyOf": [{"enum": list(MATERIAL_COLORS)}, {"type": "string", "pattern": HEX_COLOR}],
        }
    ),
]
"""A Material colour name, or a hex colour (the site then sets Material's colour variables)."""

AssetPath = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$", max_length=255
    ),
    Rule(
        "path",
        form="{value} is not an allowed path: letters, digits, '.', '_', '-' and '/', "
        "with no part starting with '.'",
        hint="give a path relative to the content file, with / between folders, "
        "e.g. brand/logo.svg",
    ),
]
"""A file path relative to the content file: letters, digits, '.', '_', '-' and '/'.

Material prints the copied file's name unescaped into every page (issue #11: a logo named
`x" onerror="…".png` ran a script), so names are kept to characters that need no escaping;
no part may start with '.', which also keeps out '..' and '.git'."""


class Branding(_Strict):
    """How the site looks for a client: set here, not in mkdocs.yml."""

    logo: AssetPath | None = None
    """Logo image in the header, relative to the content file (e.g. brand/logo.svg)."""
    favicon: AssetPath | None = None
    """Browser-tab icon, relative to the content file."""
    primary: Color = "indigo"
    """Main colour: one of Material's named colours, or a hex colour such as "#1a7f64"."""
    accent: Color = "indigo"
    """Colour of links on hover, checkboxes and focus rings."""
    extra_css: list[AssetPath] = Field(default_factory=list)
    """Style sheets to add, relative to the content file."""
    copyright: Text | None = None
    """Footer text, e.g. '© {client} 2026'."""


def _known_time_zone(name: str) -> str:
    # An allowlist: the IANA names this machine's zone database has (never a path).
    if name not in _time_zones():
        raise ValueError("unknown time zone")
    return name


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


TimeZone = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$", max_length=64),
    AfterValidator(_known_time_zone),
    WithJsonSchema(
        {"type": "string", "description": "An IANA time zone name, e.g. Europe/Stockholm."}
    ),
]
"""An IANA time zone name that zoneinfo knows, e.g. Europe/Oslo or UTC."""

PUBLISH_MODES: tuple[str, ...] = ("full", "counts", "none")
"""What the site shows of the team's status file: see Team.publish."""


class Team(_Strict):
    """What the published site shows of the team's status file (progress.yaml)."""

    publish: Literal["full", "counts", "none"] = "full"
    """full: statuses, owners, due dates, notes, answers and the latest changes; counts:
    statuses, due dates, overdue marks and the numbers, without owners, notes, answers or
    history; none: nothing of the team's state (only each reader's own ticks).
    `playbook init` writes counts for a new client project."""


EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
"""An e-mail address of plain ASCII letters, digits and ``._%+-``: it goes into a mailto:
link and into Markdown, so nothing that could end either is allowed."""

EmailAddress = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)]


class SupervisoryBody(_Strict):
    """The public body a reader may turn to when a reported barrier is not dealt with."""

    name: Text
    """Its name, as the reader should look for it."""
    url: WebAddress | None = None
    """Its web page about accessibility complaints (http or https)."""


class AccessibilityIssue(_Strict):
    """A barrier on this site that the tool does not know about, e.g. a PDF of your own."""

    id: Id
    """Stable id, so an overlay can change or remove it."""
    text: Text
    """What does not work, and for whom."""
    workaround: Text | None = None
    """How a reader can get round it meanwhile."""


class Accessibility(_Strict):
    """What only the publisher knows for the accessibility statement page.

    The page itself says what the tool was tested for and lists the problems the tool
    knows of; nothing here is needed for the page to be true."""

    compliance: Literal["partial", "none", "full"] | None = None
    """How far the whole site meets WCAG 2.1 level AA, as the publisher has assessed it:
    partial or none (full is refused while the tool itself lists known issues). Left out, the
    page says that the publisher has not stated it."""
    contact_email: EmailAddress | None = None
    """Where readers report a barrier or ask for content in another form."""
    contact_url: WebAddress | None = None
    """A contact form or page for the same (http or https)."""
    supervisory_body: SupervisoryBody | None = None
    """The body that handles complaints when a report is not dealt with: for a public-sector
    site, the supervisory authority of its country. Left out, the page does not name one."""
    issues: list[AccessibilityIssue] = Field(default_factory=list)
    """Barriers of this site that the statement lists after the tool's own."""


class Site(_Strict):
    """Settings for the whole site."""

    title: Text
    """Site name, shown in the header and the browser tab."""
    description: Text
    """One sentence about the playbook, used on the home page and in search engines."""
    languages: list[Language] = Field(min_length=1)
    """Languages to build, in the order the language switcher lists them."""
    client: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    """Client name. Any text may say {client}, which is replaced by this everywhere."""
    branding: Branding = Field(default_factory=Branding)
    """Logo, favicon, colours, extra CSS and footer."""
    allow_html: bool = False
    """Let raw HTML in descriptions through as live markup. Off by default: any
    ``<tag>`` in content shows as text, so pasted text cannot inject scripts."""
    # No quotes, spaces or angle brackets: the URL is written into sitemap.xml and links.
    url: (
        Annotated[
            str,
            StringConstraints(pattern=SITE_URL_PATTERN, max_length=2048),
            Rule(
                "address",
                form="invalid url {value}",
                hint="write the full address, e.g. https://example.github.io/playbook/",
                shorten="use a shorter address",
            ),
        ]
        | None
    ) = None
    """Public address of the site, e.g. https://example.github.io/playbook/ .
    Needed for the sitemap and for language links on GitHub project pages."""
    updated: date | None = None
    """Date the content was last reviewed, e.g. 2026-11-26: printed on journey map posters,
    and the date the accessibility statement gives as its preparation date."""
    repo_url: (
        Annotated[
            str,
            StringConstraints(pattern=REPO_URL_PATTERN, max_length=2048),
            Rule(
                "address",
                form="invalid repository address {value}",
                hint="write the repository's https address, e.g. https://github.com/acme/playbook "
                "(or …/tree/BRANCH/FOLDER), without spaces, quotes, ? or #",
                shorten="use a shorter address",
            ),
        ]
        | None
    ) = None
    """The repository that holds this project, e.g. https://github.com/acme/playbook, or
    https://github.com/acme/playbook/tree/main/client when the content file is in a folder
    on another branch than main. "Share my changes" then links to the status file
    (progress.yaml) in GitHub's web editor, with the reader's unshared answers in the address:
    so it must be on github.com, or on the GitHub Enterprise host named in
    ``github_enterprise``. https only. The accessibility statement links to its issues for
    reporting a barrier."""
    github_enterprise: (
        Annotated[
            str,
            StringConstraints(
                pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
                max_length=253,
            ),
        ]
        | None
    ) = None
    """The host of your GitHub Enterprise Server, e.g. github.acme.com, when ``repo_url`` is
    there: named here, on its own line, so that a change of where answers go is plain to see
    in a review."""
    time_zone: TimeZone | None = None
    """The team's time zone, e.g. Europe/Stockholm (an IANA name): what day it is when the
    site and `playbook progress` judge what is overdue. Without it, the day is the
    machine's (UTC on GitHub's runners)."""
    accessibility: Accessibility = Field(default_factory=Accessibility)
    """Contact, compliance status and supervisory body for the accessibility statement page."""


class ChecklistItem(_Strict):
    """Something a team does and ticks off."""

    id: Id
    """Stable id: the item's anchor on the page and the key its tick is saved under."""
    text: Text
    """The action, written so a team can tick it off."""


class Prompt(_Strict):
    """An open question for a workshop."""

    id: Id
    """Stable id: the prompt's anchor on the page."""
    text: Text
    """The question."""


class Source(_Strict):
    """A source that facts, terms and items rest on, listed on the sources page."""

    id: Id
    """Stable id: the source's anchor on the sources page."""
    title: NonEmptyText
    """Title as the source gives it, in its own language."""
    author: NonEmptyText | None = None
    """Author, if the source names one."""
    publisher: NonEmptyText | None = None
    """Publisher, or the publication or site it appeared in, if known. Not the platform
    that merely hosts it: a blog on WordPress.com is not published by WordPress.com."""
    year: Annotated[int, Field(ge=0, le=9999)] | None = None
    """Year of publication, if the source gives it."""
    url: WebAddress | None = None
    """Web address of the source, shown as a link on the sources page. Only http and
    https addresses are accepted; percent-encode characters outside ASCII. Leave it
    out unless you know the address (e.g. the source text states it)."""
    language: LanguageCode
    """Language the source is written in."""
    note: Text | None = None
    """What kind of source it is, and anything a reader should know about it."""


class Fact(_Strict):
    """A figure or claim that stages refer to, always with its source."""

    id: Id
    """Stable id, used by stages' ``facts`` lists."""
    text: Text
    """The fact, stated in the playbook's own words."""
    source: Id
    """Id of the source it comes from."""
    caveat: Text | None = None
    """What the reader should keep in mind, shown with the fact (e.g. an unnamed primary source)."""


class Term(_Strict):
    """A glossary entry."""

    id: Id
    """Stable id: the term's anchor on the glossary page."""
    term: Text
    """The term."""
    definition: Text
    """What it means in this playbook, in a sentence or two."""
    source: Id | None = None
    """Id of the source the distinction comes from, if any."""
    also: Text | None = None
    """Other words that signal the term, comma-separated (e.g. 'köpresan, köpresor'). A page
    whose text contains the term or one of these links to its glossary entry."""


class Metric(_Strict):
    """A metric worth tracking for a stage, shown marked as a suggestion."""

    id: Id
    """Stable id."""
    text: Text
    """What to measure, e.g. 'Page load time on mobile'."""


StageRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"),
    Rule(
        "stage",
        form="invalid stage {value}: a stage is written journey-id/stage-id",
        hint="write e.g. customer-journey/awareness, with the ids of the journey and the stage",
    ),
]
"""A stage in any journey, written journey-id/stage-id."""


class SharedChecklist(_Strict):
    """A checklist written once and shown on every stage it applies to, in any journey."""

    id: Id
    """Stable id: its page's URL and the key its ticks are saved under."""
    name: Text
    """Heading shown on the stages and on its own page."""
    summary: Text | None = None
    """Why these points matter, shown on its own page."""
    source: Id | None = None
    """Id of the source the points come from."""
    items: list[ChecklistItem] = Field(min_length=1)
    """The points. A tick on one stage shows on every stage that has the list."""
    stages: list[StageRef] = Field(default_factory=list)
    """Stages that show it, as journey-id/stage-id."""


class LaneItem(_Strict):
    """One entry in a lane of the journey map: a sticky note on the wall."""

    id: Id
    """Stable id, unique within its lane: overlays add, remove and reorder entries by it."""
    text: Text
    """The entry, in a short phrase or sentence."""


EMOTION_MIN, EMOTION_MAX = -2, 2
"""The emotion scale: -2 (very negative) to +2 (very positive), 0 neutral."""

EmotionScore = Annotated[int, Field(strict=True, ge=EMOTION_MIN, le=EMOTION_MAX)]

MAP_LANES: tuple[str, ...] = (
    "customer_actions",
    "thoughts",
    "touchpoints",
    "pain_points",
    "opportunities",
)
"""The stage fields that are rows of the journey map, in the order the map shows them.
The emotion curve is drawn between thoughts and touchpoints (see site/journey_map.py)."""


class Stage(_Strict):
    """One stage of a journey: a page with a checklist and question prompts."""

    id: Id
    """Stable id, unique within the journey; part of the page URL."""
    name: Text
    """Stage name, used as the page title and in navigation."""
    summary: Text
    """One or two sentences shown under the title and in stage lists."""
    description: Text | None = None
    """Longer explanation in Markdown (optional: a stage needs only an id, a name and a summary)."""
    checklist: list[ChecklistItem] = Field(default_factory=list)
    """Actions for the team, in order."""
    prompts: list[Prompt] = Field(default_factory=list)
    """Questions to discuss, in order."""
    facts: list[Id] = Field(default_factory=list)
    """Ids of facts (top-level ``facts``) to show on this stage."""
    metrics: list[Metric] = Field(default_factory=list)
    """Suggested metrics for this stage."""
    corresponds_to: list[Id] = Field(default_factory=list)
    """Ids of stages in the first journey that this stage matches, for the comparison page."""
    # The journey map's lanes (issue #16). All optional: a lane no stage uses is left out.
    customer_actions: list[LaneItem] = Field(default_factory=list)
    """Journey map: what the customer does in this stage."""
    thoughts: list[LaneItem] = Field(default_factory=list)
    """Journey map: what the customer thinks and feels in this stage."""
    emotion: EmotionScore | None = None
    """Journey map: how the customer feels, from -2 (very negative) to +2 (very positive).
    A judgement, not a fact: the map says so."""
    touchpoints: list[LaneItem] = Field(default_factory=list)
    """Journey map: where the customer meets the company (touchpoints and channels)."""
    pain_points: list[LaneItem] = Field(default_factory=list)
    """Journey map: what gets in the customer's way."""
    opportunities: list[LaneItem] = Field(default_factory=list)
    """Journey map: what the team could improve or offer here."""


class JourneyWorkshop(_Strict):
    """What the workshop guide says about this model in particular."""

    participants: Text | None = None
    """Who should be in the room for this model, beyond the guide's general advice."""
    focus: Text | None = None
    """Where this model's workshop should spend its time, or what to agree first."""


class Journey(_Strict):
    """An ordered sequence of stages, e.g. the customer journey."""

    id: Id
    """Stable id, unique among journeys; part of the page URL."""
    name: Text
    """Journey name."""
    summary: Text
    """What this journey describes, in a sentence or two."""
    when_to_use: Text | None = None
    """One line on when this model fits, shown on its card on the home page (default: the
    summary)."""
    cyclic: bool = False
    """True when the last stage leads back to an earlier one (the journey never ends)."""
    loops_to: Id | None = None
    """For a cyclic journey: id of the stage the last stage leads back to
    (default: the first stage). E.g. loyal customers may skip straight to consideration."""

    def loop_target(self) -> Stage | None:
        """The stage the journey continues with after its last stage, if it is cyclic."""
        if not self.cyclic:
            return None
        wanted = self.loops_to or self.stages[0].id
        return next((stage for stage in self.stages if stage.id == wanted), None)

    stages: list[Stage] = Field(min_length=1)
    """The stages, in order."""
    about: Text | None = None
    """Markdown shown on the journey page, e.g. how this model differs from the others."""
    source: Id | None = None
    """Id of the source the model comes from, linked from the journey page."""
    checklist: list[ChecklistItem] = Field(default_factory=list)
    """'Before you start': actions for the whole journey, shown on its page."""
    map_layout: Literal["standard", "wide"] = "standard"
    """How the journey page lays out its map. standard: beside the site's navigation, each
    stage a column of fixed width (the map scrolls sideways where they do not fit); wide:
    the page leaves out the navigation and table of contents, and the stages share the
    width, so seven stages fit at 1280 px without scrolling sideways."""
    workshop: JourneyWorkshop = Field(default_factory=JourneyWorkshop)
    """What the journey's workshop guide adds for this model: who to invite, what to focus on."""


class ChooserAnswer(_Strict):
    """One answer to a chooser question, pointing to the journey that fits it."""

    id: Id
    """Stable id, unique within its question."""
    answer: Text
    """The answer as a reader would give it, e.g. 'To other businesses'."""
    journey: Id
    """Id of the journey this answer points to."""
    reason: Text
    """Why that model fits, drawn from its source and no stronger than the source."""
    source: Id | None = None
    """Id of the source the reason rests on, linked from the answer."""


class ChooserQuestion(_Strict):
    """A question on the comparison page that helps a reader pick a journey model."""

    id: Id
    """Stable id: the question's anchor on the comparison page."""
    question: Text
    """The question, e.g. 'Do you sell to businesses or to consumers?'."""
    answers: list[ChooserAnswer] = Field(min_length=1)
    """The answers, each pointing to a journey. When an overlay removes a journey, the
    answers that point to it go too."""


class Playbook(_Strict):
    """A whole playbook: site settings and journeys."""

    extends: str | None = None
    """Base playbook this file changes: 'default' (shipped with the tool) or a path
    relative to this file. The file then holds only the differences (see README)."""
    site: Site
    """Site name, description and languages."""
    journeys: list[Journey] = Field(min_length=1)
    """The journeys, in the order the home page lists them."""
    checklists: list[SharedChecklist] = Field(default_factory=list)
    """Checklists shown on several stages (e.g. customer-experience basics)."""
    facts: list[Fact] = Field(default_factory=list)
    """Figures and claims that stages refer to by id."""
    glossary: list[Term] = Field(default_factory=list)
    """Terms explained on the glossary page."""
    sources: list[Source] = Field(default_factory=list)
    """Sources listed on the sources page."""
    team: Team = Field(default_factory=Team)
    """What the site publishes of the team's status file: team.publish full, counts or none."""

    chooser: list[ChooserQuestion] = Field(default_factory=list)
    """Questions on the comparison page that point a reader to the journey model that fits."""

    @property
    def default_language(self) -> str:
        """Code of the language marked ``default: true`` (validation ensures there is one)."""
        return next(lang.code for lang in self.site.languages if lang.default)

    @property
    def declared_default_language(self) -> str | None:
        """Like default_language, before the checks have ensured there is one."""
        return next((lang.code for lang in self.site.languages if lang.default), None)

    @property
    def language_codes(self) -> list[str]:
        """Codes of the built languages, in switcher order."""
        return [lang.code for lang in self.site.languages]


def default_language_of(data: Any) -> str | None:
    """The language that raw content data (not yet validated) marks ``default: true``.

    The one place that reads it before validation: plain strings must be read as text in
    the default language before the model can say which language that is.
    """
    try:
        for language in data["site"]["languages"]:
            if language.get("default") is True and language.get("code") in LANGUAGE_CODES:
                return str(language["code"])
    except (KeyError, TypeError, AttributeError):
        pass
    return None


def guess_default_language(*layers: Any) -> str:
    """The default language of the first layer that names one, else the first listed one."""
    for data in layers:
        declared = default_language_of(data)
        if declared:
            return declared
    try:
        first = layers[0]["site"]["languages"][0]["code"]
        return first if first in LANGUAGE_CODES else FALLBACK_LANGUAGE
    except (KeyError, TypeError, IndexError, AttributeError):
        return FALLBACK_LANGUAGE
