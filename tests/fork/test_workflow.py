"""The workflows are valid, pinned, and do what the README promises."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.fork.init import PINNED_ACTIONS, render_project
from tests.conftest import REPO

PAGES = REPO / ".github/workflows/pages.yml"
RELEASE = REPO / ".github/workflows/release.yml"


def _client_workflow(tmp_path: Path, package: str = "journey-playbook==0.1.0") -> Path:
    files = render_project("Kunde AS", "default", ["nb", "en"], package)
    target = tmp_path / "pages.yml"
    target.write_text(files[".github/workflows/pages.yml"], encoding="utf-8")
    return target


TEAM_WORKFLOWS = {
    "team-intake": REPO / ".github/workflows/team-intake.yml",
    "nightly": REPO / ".github/workflows/nightly.yml",
}


@pytest.fixture(params=["pages", "release", "client", *TEAM_WORKFLOWS])
def workflow(request, tmp_path) -> Path:
    shipped = {"pages": PAGES, "release": RELEASE, **TEAM_WORKFLOWS}
    return shipped.get(request.param) or _client_workflow(tmp_path)


def test_workflow_validates_against_the_github_schema(workflow):
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_expression_is_well_formed(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert "$${{" not in text  # issue #10: `$https://…` broke the client's strict build
    opened = [m.start() for m in re.finditer(r"\$\{\{", text)]
    assert opened or workflow == RELEASE
    for start in opened:
        end = text.find("}}", start)
        assert end != -1, text[start : start + 60]
        body = text[start + 3 : end]
        assert "${{" not in body and "{{" not in body.replace("{0}", ""), body
        assert body.count("(") == body.count(")") and body.count("'") % 2 == 0, body


def test_every_action_is_pinned_by_commit_with_its_tag(workflow):
    text = workflow.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}: pin by commit SHA"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action}: name the tag in a comment"
        if name in PINNED_ACTIONS:
            assert (ref, comment.strip()[2:]) == PINNED_ACTIONS[name], f"{name}: one pin everywhere"


def test_checkout_leaves_no_credentials_behind(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    for job in data["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pages_workflow_tests_checks_translations_builds_and_deploys_only_from_main():
    workflow = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    triggers = workflow["on"]  # quoted in the file: YAML 1.1 would read a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    deploy = workflow["jobs"]["deploy"]
    # workflow_dispatch too: the team-intake and nightly workflows start it (issue #25).
    assert deploy["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert "workflow_dispatch" in triggers
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    order = [
        "python -m pytest",
        "playbook translations --strict",
        "playbook build",
        "playbook generate --check",
    ]
    steps = [run.strip() for run in runs]
    assert [command for command in order if command not in steps] == [], "steps missing"
    positions = [steps.index(command) for command in order]
    assert positions == sorted(positions), "steps out of order"
    uses = [step.get("uses", "") for step in workflow["jobs"]["build"]["steps"] + deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(s.get("with", {}).get("cache") == "pip" for s in workflow["jobs"]["build"]["steps"])


def test_release_workflow_builds_checks_and_publishes_with_trusted_publishing():
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert workflow["on"]["push"]["tags"] == ["v*"]
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["dist"]["steps"])
    assert "python -m build" in runs and "twine check" in runs
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    step = publish["steps"][-1]
    assert (
        step["uses"].startswith("pypa/gh-action-pypi-publish@") and "with" not in step
    )  # no token


def test_client_workflow_pins_the_tool_and_stops_clearly_without_it(tmp_path):
    pinned = yaml.safe_load(_client_workflow(tmp_path).read_text(encoding="utf-8"))
    assert pinned["env"]["PLAYBOOK_PACKAGE"] == "journey-playbook==0.1.0"
    unset = yaml.safe_load(_client_workflow(tmp_path, package="").read_text(encoding="utf-8"))
    install = next(s for s in unset["jobs"]["build"]["steps"] if s.get("name") == "Install")["run"]
    result = subprocess.run(
        ["bash", "-e", "-c", install],
        env={"PLAYBOOK_PACKAGE": "", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Set PLAYBOOK_PACKAGE" in result.stdout and "pip" not in result.stderr


def _upload_steps(workflow: Path) -> list[dict]:
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    start = next(
        i for i, step in enumerate(steps) if step.get("name") == "Archive site (no symlinks)"
    )
    return steps[start : start + 2]


@pytest.mark.parametrize("which", ["pages", "client"])
def test_the_pages_artifact_is_uploaded_without_an_action_that_pulls_by_tag(tmp_path, which):
    # Issue #23: actions/upload-pages-artifact pulls actions/upload-artifact by tag and
    # archives with --dereference. Its steps are written out: an archive that refuses
    # symlinks, then upload-artifact pinned by SHA, named as actions/deploy-pages expects.
    workflow = PAGES if which == "pages" else _client_workflow(tmp_path)
    text = workflow.read_text(encoding="utf-8")
    assert "upload-pages-artifact@" not in text
    archive, upload = _upload_steps(workflow)
    assert (
        upload["uses"] == "actions/upload-artifact@" + PINNED_ACTIONS["actions/upload-artifact"][0]
    )
    assert upload["with"] == {
        "name": "github-pages",
        "path": "${{ runner.temp }}/artifact.tar",
        "retention-days": 1,
        "if-no-files-found": "error",
    }
    assert archive["if"] == upload["if"] == "github.event_name != 'pull_request'"
    assert "--dereference" not in archive["run"]


def _archive(tmp_path: Path, workflow: Path) -> subprocess.CompletedProcess:
    archive, _ = _upload_steps(workflow)
    return subprocess.run(
        ["bash", "-e", "-c", archive["run"]],
        cwd=tmp_path,
        env={"RUNNER_TEMP": str(tmp_path / "temp"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("which", ["pages", "client"])
def test_the_archive_step_refuses_a_symlink_in_the_site(tmp_path, which):
    workflow = PAGES if which == "pages" else _client_workflow(tmp_path)
    (tmp_path / "temp").mkdir()
    (tmp_path / "outside.txt").write_text("SECRET", encoding="utf-8")
    (tmp_path / "site/en").mkdir(parents=True)
    (tmp_path / "site/en/index.html").write_text("<p>Hej å ä ö</p>", encoding="utf-8")
    (tmp_path / "site/.well-known").mkdir()
    result = _archive(tmp_path, workflow)
    assert result.returncode == 0, result.stderr
    import tarfile

    with tarfile.open(tmp_path / "temp/artifact.tar") as archive:
        names = sorted(member.name for member in archive.getmembers())
        assert all(member.isfile() or member.isdir() for member in archive.getmembers())
    assert names == [".", "./.well-known", "./en", "./en/index.html"]
    (tmp_path / "site/en/.secret").symlink_to(tmp_path / "outside.txt")
    result = _archive(tmp_path, workflow)
    assert result.returncode == 1
    assert result.stdout == "::error::site/ holds a symlink; list them with: find site -type l\n"


def test_the_client_workflow_checks_generated_pages_after_the_build(tmp_path):
    steps = yaml.safe_load(_client_workflow(tmp_path).read_text(encoding="utf-8"))["jobs"]["build"][
        "steps"
    ]
    runs = [step.get("run", "").strip() for step in steps]
    assert runs.index("playbook generate --check") == runs.index("playbook build") + 1
    build, check = (
        steps[runs.index(command)] for command in ("playbook build", "playbook generate --check")
    )
    assert check["env"] == build["env"]  # the same site address, or every page would differ


def _build_job(text: str) -> dict:
    return yaml.safe_load(text)["jobs"]["build"]


@pytest.mark.parametrize("text", [PAGES.read_text(encoding="utf-8"), "client"])
def test_the_build_job_may_read_pages_and_configure_pages_never_blocks_it(text, tmp_path):
    # Issue #27: configure-pages needs pages: read in a private repository, and fails before
    # Pages is enabled; the address is then derived from the repository's name.
    if text == "client":
        text = _client_workflow(tmp_path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    build = data["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    configure = next(s for s in build["steps"] if s.get("id") == "pages")
    assert configure["continue-on-error"] is True
    env = {**data.get("env", {}), **build.get("env", {})}
    assert env["PLAYBOOK_PAGES_REPOSITORY"] == "${{ github.repository }}"


def test_the_client_workflow_publishes_while_translating_unless_init_was_strict(tmp_path):
    def translations_step(strict: bool) -> str:
        files = render_project("Kunde", "default", ["da", "en"], "x==1", strict=strict)
        steps = _build_job(files[".github/workflows/pages.yml"])["steps"]
        return next(s["run"] for s in steps if "playbook translations" in s.get("run", ""))

    assert translations_step(strict=False) == "playbook translations --strict --allow-missing"
    assert translations_step(strict=True) == "playbook translations --strict"
    makefile = render_project("Kunde", "default", ["da", "en"], "x==1")["Makefile"]
    assert "\t$(BIN)/playbook translations --strict --allow-missing\n" in makefile


def test_a_vendored_wheel_is_checked_before_it_is_installed(tmp_path):
    from generator.fork.install_source import InstallSource

    source = InstallSource("vendor/journey_playbook-1.0.0-py3-none-any.whl", "test", b"wheel")
    files = render_project("Kunde", "default", ["da", "en"], source)
    assert files["vendor/SHA256SUMS"] == (
        f"{hashlib.sha256(b'wheel').hexdigest()}  journey_playbook-1.0.0-py3-none-any.whl\n"
    )
    install = next(
        s["run"]
        for s in _build_job(files[".github/workflows/pages.yml"])["steps"]
        if s.get("name") == "Install"
    )
    check = install.index("(cd vendor && sha256sum --check --strict SHA256SUMS)")
    assert check < install.index('python -m pip install "$PLAYBOOK_PACKAGE"')
    assert ".venv/.installed: Makefile vendor/SHA256SUMS\n" in files["Makefile"]


@pytest.mark.parametrize(
    "repository, url",
    [
        ("acme/playbook", "https://acme.github.io/playbook/"),
        ("Acme-AB/Kund.Playbook", "https://acme-ab.github.io/Kund.Playbook/"),
        ("acme/acme.github.io", "https://acme.github.io/"),
        ("Acme/ACME.GitHub.io", "https://acme.github.io/"),
    ],
)
def test_the_pages_address_follows_from_the_repository(repository, url):
    from generator.site.site_config import github_pages_url

    assert github_pages_url(repository) == url


@pytest.mark.parametrize("repository", ["acme", "acme/play/book", "acme/..", "-acme/x", "a b/c"])
def test_a_repository_that_is_not_owner_slash_name_is_refused(repository):
    from generator.errors import GeneratorError
    from generator.site.site_config import github_pages_url

    with pytest.raises(GeneratorError, match="is not OWNER/REPO"):
        github_pages_url(repository)
