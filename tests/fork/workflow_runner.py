"""Run a GitHub workflow's job offline, from the workflow file itself (issue #25).

The steps come from the YAML: each `run:` step runs in order in bash, as a runner runs it
(`bash -e -o pipefail`), with the `if:` conditions and `${{ }}` values of `env:` evaluated
for the expressions the shipped workflows use, step outputs read from `$GITHUB_OUTPUT`,
and `gh` answered by a fake on PATH that logs every call. `uses:` steps (checkout,
setup-python) are what the test has already done: the workspace is a git clone, and this
environment has the tool installed. Install steps are skipped for the same reason.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

_FAKE_GH = """\
import json, os, sys
args = sys.argv[1:]
log = {"args": args}
if args[:2] == ["issue", "comment"] and "--body-file" in args:
    with open(args[args.index("--body-file") + 1], encoding="utf-8") as stream:
        log["body"] = stream.read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as stream:
    stream.write(json.dumps(log) + "\\n")
if args[:1] == ["api"]:
    login = args[1].rsplit("/", 2)[-2]
    with open(os.environ["FAKE_GH_PERMISSIONS"], encoding="utf-8") as stream:
        known = json.load(stream)
    if login not in known:
        sys.stderr.write("gh: Not Found (HTTP 404)\\n")
        sys.exit(1)
    role = known[login]
    legacy = {"maintain": "write", "triage": "read"}.get(role, role)
    print(json.dumps({"permission": legacy, "role_name": role, "user": {"login": login}}))
"""


@dataclass
class JobRun:
    """What a job did: the steps that ran, failed or were skipped, and every gh call."""

    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    gh_calls: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    logs: str = ""
    job_skipped: bool = False

    def gh(self, *prefix: str) -> list[dict[str, Any]]:
        """The gh calls whose arguments start with ``prefix``."""
        return [call for call in self.gh_calls if call["args"][: len(prefix)] == list(prefix)]


def evaluate(expression: str, context: dict[str, Any], failed: bool = False) -> Any:
    """A GitHub expression, for the operators and functions the shipped workflows use."""
    names: dict[str, Any] = {
        "contains": lambda haystack, needle: str(needle).lower() in str(haystack or "").lower(),
        "always": lambda: True,
        "success": lambda: not failed,
        "failure": lambda: failed,
    }

    def lookup(path: str) -> Any:
        value: Any = context
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "" if value is None else value

    names["lookup"] = lookup
    python = []
    tokens = re.findall(
        r"'(?:[^']|'')*'|&&|\|\||!=|==|!|\(|\)|,|[A-Za-z_][A-Za-z0-9_.-]*|\s+", expression
    )
    assert "".join(tokens) == expression, f"expression not understood: {expression}"
    for text in tokens:
        if text == "&&":
            python.append(" and ")
        elif text == "||":
            python.append(" or ")
        elif text == "!":
            python.append(" not ")
        elif text.startswith("'"):
            python.append(repr(text[1:-1].replace("''", "'")))
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", text) and text not in names:
            python.append(f"lookup({text!r})")
        else:
            python.append(text)
    joined = "".join(python)
    return eval(joined, {"__builtins__": {}}, names)


def _expand(value: str, context: dict[str, Any]) -> str:
    return re.sub(
        r"\$\{\{\s*(.*?)\s*\}\}", lambda m: str(evaluate(m.group(1), context)), str(value)
    )


def fake_gh(folder: Path) -> Path:
    """A folder holding a `gh` that logs its calls and answers permission look-ups."""
    folder.mkdir(parents=True, exist_ok=True)
    gh = folder / "gh"
    gh.write_text(f"#!{sys.executable}\n{_FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    return folder


def run_job(
    workflow: Path,
    job_id: str,
    workspace: Path,
    event: dict[str, Any],
    *,
    tmp: Path,
    permissions: dict[str, str] | None = None,
    extra_env: dict[str, str] | None = None,
    code: Path = REPO,
    skip: tuple[str, ...] = ("pip install",),
) -> JobRun:
    """Run ``job_id`` of ``workflow`` in ``workspace`` for ``event`` (the event file's
    JSON); ``permissions`` maps logins to their role on the fake repository."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    job = data["jobs"][job_id]
    tmp.mkdir(parents=True, exist_ok=True)
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    gh_log = tmp / "gh.log"
    gh_log.write_text("", encoding="utf-8")
    permissions_file = tmp / "permissions.json"
    permissions_file.write_text(json.dumps(permissions or {}), encoding="utf-8")
    summary = tmp / "summary.md"
    summary.write_text("", encoding="utf-8")
    git_config = tmp / "gitconfig"
    git_config.write_text("", encoding="utf-8")
    run = JobRun()
    context: dict[str, Any] = {
        "github": {"event": event, "token": "fake-token", "ref": "refs/heads/main"},
        "steps": {},
        "runner": {"temp": str(runner_temp)},
    }
    if "if" in job and not evaluate(job["if"], context):
        run.job_skipped = True
        return run
    bin_dir = fake_gh(tmp / "bin")
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_"))},
        "PATH": os.pathsep.join(
            [str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]]
        ),
        "PYTHONPATH": str(code),
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_REPOSITORY": "acme/playbook",
        "GITHUB_REF": "refs/heads/main",
        "GITHUB_REF_NAME": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner_temp),
        "FAKE_GH_LOG": str(gh_log),
        "FAKE_GH_PERMISSIONS": str(permissions_file),
        "GIT_CONFIG_GLOBAL": str(git_config),
        "GIT_CONFIG_NOSYSTEM": "1",
        **{k: str(v) for k, v in data.get("env", {}).items()},
        **{k: str(v) for k, v in job.get("env", {}).items()},
        **(extra_env or {}),
    }
    base_env.pop("PLAYBOOK_ALREADY_GENERATED", None)
    failed = False
    for number, step in enumerate(job["steps"]):
        name = step.get("name") or step.get("uses") or step["run"]
        if "uses" in step or any(s in step.get("run", "") for s in skip):
            continue
        condition = step.get("if", "success()")
        if not evaluate(condition, context, failed):
            run.skipped.append(name)
            continue
        output = tmp / f"output-{number}"
        output.write_text("", encoding="utf-8")
        env = {
            **base_env,
            **{k: _expand(v, context) for k, v in step.get("env", {}).items()},
            "GITHUB_OUTPUT": str(output),
        }
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        run.logs += f"--- {name} (exit {result.returncode})\n{result.stdout}{result.stderr}"
        outputs = dict(
            line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line
        )
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
            run.outputs[step["id"]] = outputs
        if result.returncode:
            failed = True
            run.failed.append(name)
        else:
            run.ran.append(name)
    run.gh_calls = [json.loads(line) for line in gh_log.read_text("utf-8").splitlines()]
    run.summary = summary.read_text("utf-8")
    return run
