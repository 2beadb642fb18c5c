"""Where "Send to the team" sends a reader's changes (issue #25 point 2): the new-issue form
of the repository in ``site.repo_url``, whose intake workflow merges them.

The one place that builds that address: the page script (lib/send.js) only adds the title
and body to it, and the button names ``where`` (host and repository) before anything is
sent, so a reader sees where their answers go (issue #23). The content checks already refuse
a repository on another host; this checks again after the last transformation and gives
no target rather than a doubtful one, so the button is simply absent.
"""

from __future__ import annotations

import re
from typing import TypedDict
from urllib.parse import urlsplit

from generator.content.checks import REPO_HOSTS
from generator.content.model import Site

_NAME = r"[A-Za-z0-9_.-]{1,100}"
_REPOSITORY = re.compile(rf"^/(?!\.)({_NAME})/(?!\.)({_NAME})$")


class SendTarget(TypedDict):
    new_issue: str
    """GitHub's new-issue form, e.g. https://github.com/acme/playbook/issues/new."""
    where: str
    """What the button names: host and repository, e.g. github.com/acme/playbook."""


def send_target(site: Site) -> SendTarget | None:
    """The new-issue form for ``site.repo_url`` (a repository, or a folder of it on a branch,
    …/tree/BRANCH/FOLDER), on github.com or the ``github_enterprise`` host; None without a
    repository, or for any address that is not exactly https://HOST/OWNER/REPOSITORY."""
    if not site.repo_url:
        return None
    parts = urlsplit(site.repo_url.rstrip("/").partition("/tree/")[0])
    hosts = (*REPO_HOSTS, *([site.github_enterprise] if site.github_enterprise else []))
    found = _REPOSITORY.match(parts.path)
    if (
        parts.scheme != "https"
        or parts.hostname not in hosts
        or parts.netloc != parts.hostname
        or parts.query
        or parts.fragment
        or not found
    ):
        return None
    owner, repository = found.groups()
    if repository.endswith(".git"):
        repository = repository[: -len(".git")]
    where = f"{parts.hostname}/{owner}/{repository}"
    return {"new_issue": f"https://{where}/issues/new", "where": where}
