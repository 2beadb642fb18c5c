"""The accessibility statement page: what the tool was tested for, what is known not to work
(generator/known_issues.py, the one list), and what only the publisher can say (the
content's ``site.accessibility``: compliance status, contact, supervisory body).

Its headings follow the European Commission's model accessibility statement (Implementing
Decision (EU) 2018/1523): compliance status, non-accessible content, preparation, feedback
and contact, enforcement procedure. It claims nothing about the law or the whole site that
the tool cannot know: without the publisher's settings it says what is not stated. Pure.
"""

from __future__ import annotations

from typing import TypedDict

from generator.content.model import Playbook
from generator.known_issues import KNOWN_ISSUES
from generator.site.localize import Localized, Localizer
from generator.site.ui import UI_TEXT

STATUS_TEXT = {
    None: "a11y_status_unset",
    "partial": "a11y_status_partial",
    "none": "a11y_status_none",
    "full": "a11y_status_full",
}
"""The sentence for each compliance status the publisher may state (or none stated)."""

TESTED = (
    "a11y_tested_axe",
    "a11y_tested_keyboard",
    "a11y_tested_names",
    "a11y_tested_reflow",
    "a11y_tested_print",
)
"""What the tool's tests check, each backed by tests named in tests/site/test_statement.py."""


class StatementIssue(TypedDict):
    text: Localized | str
    workaround: Localized | str


class SupervisoryLink(TypedDict):
    name: Localized
    url: str


class Statement(TypedDict):
    status: str
    issues: list[StatementIssue]
    tested: list[str]
    issues_url: str
    email: str
    contact_url: str
    supervisory: SupervisoryLink | None
    prepared: str


def statement(playbook: Playbook, text: Localizer) -> Statement:
    """The statement's data in ``text``'s language."""
    ui = {key: values[text.language] for key, values in UI_TEXT.items()}
    settings = playbook.site.accessibility
    issues: list[StatementIssue] = [
        {"text": ui[known.issue], "workaround": ui[known.workaround]} for known in KNOWN_ISSUES
    ]
    issues += [
        {
            "text": text(issue.text),
            "workaround": text(issue.workaround) if issue.workaround else "",
        }
        for issue in settings.issues
    ]
    body = settings.supervisory_body
    updated = playbook.site.updated
    return {
        "status": ui[STATUS_TEXT[settings.compliance]],
        "issues": issues,
        "tested": [ui[key] for key in TESTED],
        "issues_url": issues_link(playbook.site.repo_url),
        "email": settings.contact_email or "",
        "contact_url": settings.contact_url or "",
        "supervisory": {"name": text(body.name), "url": body.url or ""} if body else None,
        "prepared": ui["a11y_prepared"].format(date=updated.isoformat())
        if updated
        else ui["a11y_not_dated"],
    }


def issues_link(repo_url: str | None) -> str:
    """The repository's issue list, from ``site.repo_url`` (which may name a folder on a
    branch, …/tree/BRANCH/FOLDER: issues belong to the repository), or ''."""
    if not repo_url:
        return ""
    return repo_url.rstrip("/").partition("/tree/")[0] + "/issues"
