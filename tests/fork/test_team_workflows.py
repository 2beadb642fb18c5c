"""The team-intake and nightly workflows (issue #25), run offline from their own files.

Each test makes a project with a local bare "origin", clones it as the runner's checkout,
and runs the job's steps from the workflow file (tests/fork/workflow_runner.py) with an
event file and a fake `gh`, then looks at what reached origin: the commit, its message,
progress.yaml, and what was said on the issue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.fork.init import PINNED_ACTIONS, own_workflow, render_project
from generator.team.intake import MARKER, MAX_BODY_CHARS
from tests.conftest import FIXTURES, REPO
from tests.fork.workflow_runner import evaluate, run_job

INTAKE = REPO / ".github/workflows/team-intake.yml"
NIGHTLY = REPO / ".github/workflows/nightly.yml"
TEAM_WORKFLOWS = (INTAKE, NIGHTLY)

STATUS = """\
version: 1
items:
  loop/first/know-names:
    status: in-progress
    owner: Øystein
    due: 2026-11-01
    changed: 2026-11-20
"""

SNIPPET = f"""\
{MARKER}
version: 1
items:
  loop/first/say-hello:
    status: done
    owner: Åsa
    changed: 2026-11-25T10:00:00Z
answers:
  loop/first/who-first:
    text: "Säljarna, sedan kundtjänst"
    changed: 2026-11-25T10:00:00Z
"""


def _git(folder: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


@pytest.fixture
def origin(tmp_path) -> Path:
    """A bare repository holding a small project with a status file, on main."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copyfile(FIXTURES / "small.yaml", source / "content.yaml")
    shutil.copyfile(REPO / "mkdocs.yml", source / "mkdocs.yml")
    (source / "progress.yaml").write_text(STATUS, encoding="utf-8")
    _git(source, "init", "-q", "-b", "main")
    _git(source, "add", "-A")
    _git(source, "commit", "-q", "-m", "Project")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(bare)], check=True)
    return bare


def _checkout(origin: Path, tmp_path: Path) -> Path:
    workspace = tmp_path / "workspace"
    subprocess.run(["git", "clone", "-q", str(origin), str(workspace)], check=True)
    return workspace


def _event(body: str, login: str = "asa-k", number: int = 12) -> dict:
    return {
        "action": "opened",
        "issue": {"number": number, "title": "Team status", "body": body,
                  "user": {"login": login, "id": 4242}},
    }  # fmt: skip


def _body(snippet: str = SNIPPET, fence: str = "```") -> str:
    # As the site's button writes it, and as a browser submits it: CRLF line endings.
    text = f"Ändringar från webbplatsen.\n\n{fence}yaml\n{snippet}{fence}\n"
    return text.replace("\n", "\r\n")


def _intake(origin: Path, tmp_path: Path, body: str, login: str = "asa-k", **options):
    workspace = _checkout(origin, tmp_path)
    run = run_job(
        options.pop("workflow", INTAKE),
        "intake",
        workspace,
        _event(body, login),
        tmp=tmp_path / "runner",
        permissions={"asa-k": "write", "mia": "maintain", "visitor": "read"},
        **options,
    )
    return run, workspace


def _origin_log(origin: Path) -> list[str]:
    return _git(origin, "log", "--format=%B%x00", "main").split("\x00\n")[:-1]


def _origin_status(origin: Path) -> str:
    return _git(origin, "show", "main:progress.yaml")


def _assert_nothing_changed(origin: Path, run, tmp_path: Path) -> None:
    assert len(_origin_log(origin)) == 1, _origin_log(origin)
    assert _origin_status(origin) == STATUS
    assert run.gh("workflow") == [] and run.gh("issue", "close") == []
    assert list(tmp_path.rglob("pwned*")) == []


@pytest.mark.slow
def test_an_author_with_write_access_gets_the_changes_committed_published_and_closed(
    origin, tmp_path
):
    run, _ = _intake(origin, tmp_path, _body())
    assert run.failed == [], run.logs
    log = _origin_log(origin)
    assert len(log) == 2
    message = log[0]
    assert message.splitlines()[0] == "Team status from #12: 2 added, 0 updated"
    assert message.rstrip().splitlines()[-1] == (
        "Co-authored-by: asa-k <4242+asa-k@users.noreply.github.com>"
    )
    assert _origin_status(origin) == STATUS + (
        "  loop/first/say-hello:\n"
        "    status: done\n"
        "    owner: Åsa\n"
        "    changed: 2026-11-25T10:00:00Z\n"
        "answers:\n"
        "  loop/first/who-first:\n"
        "    text: Säljarna, sedan kundtjänst\n"
        "    changed: 2026-11-25T10:00:00Z\n"
    )
    assert [call["args"] for call in run.gh("api")] == [
        ["api", "repos/acme/playbook/collaborators/asa-k/permission"]
    ]
    assert [call["args"] for call in run.gh("workflow")] == [
        ["workflow", "run", "pages.yml", "--repo", "acme/playbook", "--ref", "main"]
    ]
    (comment,) = run.gh("issue", "comment")
    assert comment["args"][2] == "12"
    assert comment["body"] == (
        "Tack! Ändringarna finns nu i progress.yaml. Webbplatsen byggs om och visar dem om "
        "några minuter:\n\n"
        "- Säg hej: Klar · ansvarig\n"
        "- Vem möter kunden först?: svar\n"
    )
    assert run.gh("issue", "edit")[0]["args"][-2:] == ["--add-label", "team-status"]
    assert run.gh("issue", "close")[0]["args"][2] == "12"


SNIPPET_V2 = f"""\
{MARKER}
format: journey-playbook-progress
version: 2
items:
  loop/first/say-hello:
    status: {{to: done, base: "-", at: "2026-11-26T09:15:00Z", by: Åsa}}
answers:
  loop/first/who-first:
    text: {{to: "Säljarna, sedan kundtjänst", base: "-", at: "2026-11-26T09:16:00Z", by: Åsa}}
"""


@pytest.mark.slow
def test_changes_as_the_site_sends_them_are_committed_and_answered(origin, tmp_path):
    # The trial of issue #23 found the version 2 body (what the site's button sends) merged
    # and then failed while wording the comment: nothing committed, no answer, change lost.
    run, _ = _intake(origin, tmp_path, _body(SNIPPET_V2))
    assert run.failed == [], run.logs
    assert _origin_log(origin)[0].splitlines()[0] == "Team status from #12: 2 added, 0 updated"
    status = _origin_status(origin)
    assert "  loop/first/say-hello:\n    status: done\n" in status
    assert "    text: Säljarna, sedan kundtjänst\n" in status
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].endswith("\n\n- Säg hej: Klar\n- Vem möter kunden först?: svar\n")
    assert run.gh("issue", "close")[0]["args"][2] == "12"


@pytest.mark.slow
def test_a_maintainer_may_send_changes_too(origin, tmp_path):
    run, _ = _intake(origin, tmp_path, _body(), login="mia")
    assert run.outputs["intake"]["result"] == "merged"
    assert "Co-authored-by: mia <4242+mia@users.noreply.github.com>" in _origin_log(origin)[0]


@pytest.mark.slow
@pytest.mark.parametrize("login", ["visitor", "stranger"], ids=["read access", "no access"])
def test_an_author_without_write_access_is_refused_and_nothing_changes(origin, tmp_path, login):
    run, workspace = _intake(origin, tmp_path, _body(), login=login)
    _assert_nothing_changed(origin, run, tmp_path)
    assert run.outputs["intake"]["result"] == "refused"
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].startswith(
        "Bara den som har skrivbehörighet till det här repositoriet kan ändra teamets läge "
        f"med ett ärende, och enligt GitHub har {login} inte det. Inget ändrades."
    )
    assert (workspace / "progress.yaml").read_text(encoding="utf-8") == STATUS


@pytest.mark.slow
def test_a_malformed_snippet_is_answered_with_the_error_and_changes_nothing(origin, tmp_path):
    broken = SNIPPET.replace("status: done", "status: finished")
    run, _ = _intake(origin, tmp_path, _body(broken))
    _assert_nothing_changed(origin, run, tmp_path)
    assert run.outputs["intake"]["result"] == "invalid"
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].startswith(
        "Ändringarna gick inte att läsa, så inget ändrades:\n\n```text\n"
    )
    assert (
        "changes.yaml:5:13: items[loop/first/say-hello].status: 'finished' is not a status"
        in comment["body"]
    )


@pytest.mark.slow
def test_an_oversized_body_is_refused_unread(origin, tmp_path):
    padding = "a" * MAX_BODY_CHARS
    run, _ = _intake(origin, tmp_path, _body() + padding)
    _assert_nothing_changed(origin, run, tmp_path)
    (comment,) = run.gh("issue", "comment")
    size = f"{len(_body().replace(chr(13) + chr(10), chr(10))) + MAX_BODY_CHARS:,}"
    assert comment["body"] == (
        f"Ärendet är för långt för att läsas som ändringar ({size} tecken, gränsen är "
        "65,536). Inget ändrades. Skicka färre ändringar åt gången.\n"
    )


HOSTILE_BODIES = {
    "a second fenced block": _body()
    + "\r\n```yaml\r\nrun: touch pwned-block\r\n$(touch pwned-dollar)\r\n```\r\n",
    "a tilde block after": _body() + "~~~\r\n`touch pwned-tilde`\r\n~~~\r\n",
    "a python tag": _body(SNIPPET + "extra: !!python/object/apply:os.system ['touch pwned-tag']\n"),
    "a fence as long as a run inside": _body(SNIPPET.replace("Säljarna", "```Säljarna```")),
    "an unclosed block": "Hej\r\n```yaml\r\n" + SNIPPET.replace("\n", "\r\n"),
    "the marker not first": _body("version: 1\n" + SNIPPET),
    "an expression": _body(SNIPPET.replace("version: 1", "version: ${{ github.token }}")),
}


@pytest.mark.slow
@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_a_hostile_body_changes_nothing_and_runs_nothing(origin, tmp_path, body):
    run, _ = _intake(origin, tmp_path, body)
    _assert_nothing_changed(origin, run, tmp_path)
    assert run.outputs["intake"]["result"] == "invalid", run.logs
    assert run.failed == []
    assert "fake-token" not in "".join(call.get("body", "") for call in run.gh_calls)


@pytest.mark.slow
def test_shell_and_markdown_in_values_are_kept_as_text_and_never_run(origin, tmp_path):
    note = "$(touch pwned-note) `touch pwned-tick` ; touch pwned-semi @everyone <script>x</script>"
    snippet = SNIPPET.replace("owner: Åsa", f"owner: Åsa\n    note: {note!r}".replace("'", '"'))
    run, _ = _intake(origin, tmp_path, _body(snippet, fence="````"))
    assert run.outputs["intake"]["result"] == "merged", run.logs
    assert list(tmp_path.rglob("pwned*")) == []
    status = yaml.safe_load(_origin_status(origin))
    assert status["items"]["loop/first/say-hello"]["note"] == note


@pytest.mark.slow
def test_an_ordinary_issue_starts_nothing(origin, tmp_path):
    run, _ = _intake(origin, tmp_path, "The map is hard to read on a phone.")
    assert run.job_skipped and run.gh_calls == []


@pytest.mark.slow
def test_the_marker_quoted_in_prose_gets_no_answer(origin, tmp_path):
    body = f"Why does the snippet start with '{MARKER}'?"
    run, _ = _intake(origin, tmp_path, body)
    assert run.outputs["intake"]["result"] == "ignored"
    assert run.gh("issue") == [] and len(_origin_log(origin)) == 1


@pytest.mark.slow
def test_a_conflict_writes_nothing_and_leaves_the_issue_open(origin, tmp_path):
    older = SNIPPET.replace(
        "  loop/first/say-hello:",
        "  loop/first/know-names:\n    status: done\n    changed: 2026-11-10\n"
        "  loop/first/say-hello:",
    )
    run, _ = _intake(origin, tmp_path, _body(older))
    _assert_nothing_changed(origin, run, tmp_path)
    assert run.outputs["intake"]["result"] == "conflict"
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].startswith(
        "En del av ändringarna krockar med nyare ändringar i progress.yaml, så inget ändrades."
    )
    assert "progress.yaml:3:3: items[loop/first/know-names]" in comment["body"]


@pytest.mark.slow
def test_a_protected_branch_gets_a_comment_and_the_issue_stays_open(origin, tmp_path):
    hook = origin / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'protected branch hook declined' >&2\nexit 1\n")
    hook.chmod(0o755)
    run, _ = _intake(origin, tmp_path, _body())
    assert len(_origin_log(origin)) == 1
    assert run.outputs["intake"]["pushed"] == "false"
    assert run.failed == ["Answer the issue"]  # the run shows red
    assert run.gh("workflow") == [] and run.gh("issue", "close") == []
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].startswith(
        "Ändringarna är giltiga, men de kunde inte sparas på grenen `main`: den är skyddad"
    )


@pytest.mark.slow
def test_two_issues_sent_together_both_land(origin, tmp_path):
    # Another issue's run pushes after this run's checkout: this run's first push is
    # refused (not a fast-forward), so it fetches, merges again and pushes on top.
    workspace = _checkout(origin, tmp_path)
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(origin), str(other)], check=True)
    (other / "progress.yaml").write_text(
        STATUS + "  short/-/gather-team:\n    status: done\n", encoding="utf-8"
    )
    _git(other, "commit", "-q", "-am", "Team status from #11")
    _git(other, "push", "-q", "origin", "main")
    run = run_job(
        INTAKE, "intake", workspace, _event(_body()), tmp=tmp_path / "runner",
        permissions={"asa-k": "write"},
    )  # fmt: skip
    assert run.failed == [], run.logs
    assert run.outputs["intake"] == {"result": "merged", "number": "12", "pushed": "true"}
    log = _origin_log(origin)
    assert [message.splitlines()[0] for message in log] == [
        "Team status from #12: 2 added, 0 updated", "Team status from #11", "Project"
    ]  # fmt: skip
    status = yaml.safe_load(_origin_status(origin))
    assert set(status["items"]) == {
        "loop/first/know-names", "short/-/gather-team", "loop/first/say-hello"
    }  # fmt: skip
    assert run.gh("issue", "close")[0]["args"][2] == "12"


def test_the_intake_runs_one_issue_at_a_time_with_the_least_permissions():
    workflow = yaml.safe_load(INTAKE.read_text(encoding="utf-8"))
    assert workflow["on"] == {"issues": {"types": ["opened"]}}
    # One group per issue: a shared group would cancel all but one waiting run.
    assert workflow["concurrency"] == {
        "group": "team-intake-${{ github.event.issue.number }}",
        "cancel-in-progress": False,
    }
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["intake"]["permissions"] == {
        "contents": "write", "issues": "write", "actions": "write"
    }  # fmt: skip
    nightly = yaml.safe_load(NIGHTLY.read_text(encoding="utf-8"))
    assert nightly["permissions"] == {}
    assert nightly["jobs"]["rebuild"]["permissions"] == {"contents": "read", "actions": "write"}
    assert "schedule" in nightly["on"] and "workflow_dispatch" in nightly["on"]


@pytest.mark.parametrize("workflow", TEAM_WORKFLOWS, ids=lambda p: p.name)
def test_no_run_line_holds_an_expression(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    for job in data["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step["run"]
            for action in [step.get("uses", "")]:
                if action:
                    name, _, ref = action.partition("@")
                    assert ref == PINNED_ACTIONS[name][0]


@pytest.mark.parametrize(
    "path", [".github/workflows/team-intake.yml", ".github/workflows/nightly.yml"]
)
def test_the_shipped_workflows_are_the_templates_clients_get(path):
    assert (REPO / path).read_text(encoding="utf-8") == own_workflow(path)
    client = render_project("Kunde AS", "default", ["nb", "en"], "journey-playbook==0.1.0")[path]
    assert client.replace('"journey-playbook==0.1.0"', '"."') == own_workflow(path)


@pytest.mark.slow
def test_zizmor_finds_nothing_in_the_team_workflows(tmp_path):
    zizmor = Path(sys.executable).parent / "zizmor"
    files = render_project("Kunde AS", "default", ["da", "en"], "journey-playbook==0.1.0")
    client = tmp_path / ".github/workflows"
    client.mkdir(parents=True)
    for path in (".github/workflows/team-intake.yml", ".github/workflows/nightly.yml"):
        (tmp_path / path).write_text(files[path], encoding="utf-8")
    result = subprocess.run(
        [str(zizmor), "--offline", "--persona", "pedantic", *map(str, TEAM_WORKFLOWS), str(client)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.slow
def test_a_client_projects_intake_workflow_merges_into_its_own_status_file(tmp_path):
    # The workflow `playbook init` writes, on the project `init` makes (Danish first).
    project = tmp_path / "source"
    files = render_project("Kunde A/S", "default", ["da", "en"], "journey-playbook==0.1.0")
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Client")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(project), str(bare)], check=True)
    snippet = (
        f"{MARKER}\nversion: 1\nitems:\n  customer-journey/awareness/known-for:\n    status: done\n"
    )
    run, _ = _intake(
        bare, tmp_path, _body(snippet), workflow=project / ".github/workflows/team-intake.yml"
    )
    assert run.failed == [], run.logs
    assert "customer-journey/awareness/known-for" in _git(bare, "show", "main:progress.yaml")
    (comment,) = run.gh("issue", "comment")
    assert comment["body"].startswith("Tak! Ændringerne står nu i progress.yaml.")


NIGHTLY_STATUS = """\
version: 1
items:
  loop/first/know-names: {status: in-progress, owner: Øystein, due: 2026-11-25}
  short/-/gather-team: {status: done, due: 2026-11-01}
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("epoch", "zone", "expected"),
    [
        # 2026-11-25 23:30 UTC: already the 26th in Oslo, so the item due on the 25th is late.
        (
            "1795649400",
            "Europe/Oslo",
            "### Försenat den 2026-11-26\n\n- **Lär dig namnen: å, ä, ö** (Slingan › Första): Øystein, klart senast 2026-11-25\n",
        ),
        # The same moment in UTC is still the 25th: nothing is overdue yet.
        ("1795649400", "UTC", "### Försenat den 2026-11-25\n\nInget är försenat.\n"),
    ],
    ids=["oslo", "utc"],
)
def test_the_nightly_starts_pages_and_summarises_what_is_overdue_in_the_site_time_zone(
    origin, tmp_path, epoch, zone, expected
):
    workspace = _checkout(origin, tmp_path)
    content = workspace / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace("    - {code: en}\n", f"    - {{code: en}}\n  time_zone: {zone}\n"),
        encoding="utf-8",
    )
    (workspace / "progress.yaml").write_text(NIGHTLY_STATUS, encoding="utf-8")
    run = run_job(
        NIGHTLY, "rebuild", workspace, {}, tmp=tmp_path / "runner",
        extra_env={"SOURCE_DATE_EPOCH": epoch},
    )  # fmt: skip
    assert run.failed == [], run.logs
    assert [call["args"] for call in run.gh("workflow")] == [
        ["workflow", "run", "pages.yml", "--repo", "acme/playbook", "--ref", "main"]
    ]
    assert run.summary == expected + "\n"


@pytest.mark.slow
def test_the_nightly_fails_on_content_it_cannot_read(origin, tmp_path):
    workspace = _checkout(origin, tmp_path)
    (workspace / "progress.yaml").write_text("version: 1\nitems: [", encoding="utf-8")
    run = run_job(NIGHTLY, "rebuild", workspace, {}, tmp=tmp_path / "runner")
    assert run.failed == ["Validate"]
    assert run.gh("workflow") == []


def test_the_expression_reader_knows_the_workflows_conditions():
    context = {"steps": {"intake": {"outputs": {"result": "merged"}}}, "github": {}}
    assert evaluate("steps.intake.outputs.result == 'merged'", context) is True
    assert evaluate("always() && steps.intake.outputs.result != 'ignored'", context) is True
    assert evaluate("steps.push.outputs.pushed == 'true'", context) is False
    assert re.search(r"\bif:", INTAKE.read_text(encoding="utf-8"))
