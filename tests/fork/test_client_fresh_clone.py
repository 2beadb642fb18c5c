"""Issue #27, done when: a Danish and English client, made with `init` from a checkout with
no public remote, extending a base whose texts exist only in sv, nb and en, committed to a
fresh repository and cloned elsewhere, runs every step of its workflow (deploy aside) and
produces a site with most texts still untranslated.

Every `run:` step runs as written in the client's workflow, the install step included:
into a fresh virtual environment, from the wheel init vendored, after `sha256sum --check`.
pip may not reach any index (PIP_NO_INDEX): the environment borrows this one's installed
dependencies, so nothing is fetched at all.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_fresh_clone import _clone, _git, workflow_steps

pytestmark = pytest.mark.slow


def _fresh_venv(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # This environment's dependencies, not its editable checkout: a path a .pth line adds
    # is not a site folder, so the checkout's own .pth in it is never read.
    (Path(purelib) / "borrowed.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return folder / "bin"


def _run_steps(project: Path, venv_bin: Path) -> dict[str, subprocess.CompletedProcess]:
    results = {}
    for name, command, step_env in workflow_steps(project / ".github/workflows/pages.yml"):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.pop("PLAYBOOK_ALREADY_GENERATED", None)
        env.update(step_env)
        env.update(
            {
                "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}",
                "PIP_NO_INDEX": "1",  # nothing from the network, not even the index
                "PIP_FIND_LINKS": "",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                "PLAYBOOK_PAGES_REPOSITORY": "Acme-Kunde/kunde-playbook",
                "SOURCE_DATE_EPOCH": "1700000000",
            }
        )
        results[name] = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert results[name].returncode == 0, (
            f"step '{name}' failed:\n{results[name].stdout}\n{results[name].stderr}"
        )
    return results


def test_a_danish_client_from_a_local_checkout_publishes_from_a_fresh_clone(tmp_path):
    tool = _clone(REPO, tmp_path / "tool")  # origin: a local path, no public remote
    # Run from tmp_path: `python -m` puts the working folder first on sys.path, and the
    # code must be the clone's (PYTHONPATH), not this checkout's.
    base = tmp_path / "made" / "base.yaml"
    base.parent.mkdir()
    base.write_text(
        (REPO / "tests/fixtures/other-playbook.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tool), "NO_MKDOCS_2_WARNING": "1"}
    init = subprocess.run(
        [sys.executable, "-m", "generator", "init", str(tmp_path / "made"),
         "--name", "Kunde ApS", "--languages", "da,en", "--extends", str(base)],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    commit = _git(tool, "rev-parse", "HEAD").strip()
    wheel = f"journey_playbook-0.1.0+g{commit[:12]}-py3-none-any.whl"
    assert f"created {tmp_path / 'made' / 'vendor' / wheel}" in init.stdout
    steps = [line.strip() for line in init.stdout.splitlines() if re.match(r"\s+\d+\. ", line)]
    assert steps[3].startswith("4. Create an empty repository on GitHub, and in it: Settings")
    assert steps[4].startswith("5. Commit and push (this publishes)")

    _git(tmp_path / "made", "init", "-q", "-b", "main")
    _git(tmp_path / "made", "add", "-A")
    _git(tmp_path / "made", "commit", "-q", "-m", "Kundens playbook")
    client = _clone(tmp_path / "made", tmp_path / "client")
    assert (client / "vendor" / wheel).is_file() and (client / "vendor/SHA256SUMS").is_file()

    results = _run_steps(client, _fresh_venv(tmp_path / "venv"))
    assert list(results) == [
        "Install",
        "Validate",
        "Translations (stale ones fail, missing ones are a warning)",
        "Build (strict)",
        "Generated pages are up to date",
        "Archive site (no symlinks)",
    ]
    install = results["Install"].stdout + results["Install"].stderr
    assert f"{wheel}: OK" in install
    assert f"Successfully installed journey-playbook-0.1.0+g{commit[:12]}" in install
    warning = results["Translations (stale ones fail, missing ones are a warning)"].stderr
    missing = re.search(r"warning: (\d+) texts are not yet translated into da", warning)
    coverage = re.search(
        r"^da +[\d.]+ %  \((\d+)/(\d+)\)  \(default\)  left: (\d+) missing",
        results["Translations (stale ones fail, missing ones are a warning)"].stdout,
        re.M,
    )
    assert missing and coverage, warning
    translated, total, left = (int(n) for n in coverage.groups())
    assert left == int(missing.group(1)) == total - translated and left > total / 2

    home = (client / "site/index.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in home and "Kunde ApS" in home
    assert '<link rel="canonical" href="https://acme-kunde.github.io/kunde-playbook/">' in home
    assert "Denne tekst er endnu ikke oversat til dansk. Den vises på engelsk." in home
    assert (client / "site/en/index.html").exists()
    assert _git(client, "status", "--porcelain") == ""


def test_a_vendored_wheel_that_does_not_match_its_checksum_is_never_installed(tmp_path):
    tool = _clone(REPO, tmp_path / "tool")
    env = {**os.environ, "PYTHONPATH": str(tool), "NO_MKDOCS_2_WARNING": "1"}
    made = tmp_path / "made"
    init = subprocess.run(
        [sys.executable, "-m", "generator", "init", str(made), "--name", "Kunde ApS",
         "--languages", "da,en"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    wheel = next((made / "vendor").glob("*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")  # a pull request swapped the wheel
    install = next(
        command
        for name, command, _ in workflow_steps(made / ".github/workflows/pages.yml")
        if name == "Install"
    )
    result = subprocess.run(
        ["bash", "-e", "-c", install],
        cwd=made,
        env={"PATH": "/usr/bin:/bin", "PLAYBOOK_PACKAGE": f"vendor/{wheel.name}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{wheel.name}: FAILED" in result.stdout and "pip" not in result.stdout + result.stderr
    make = subprocess.run(
        ["make", "-n", ".venv/.installed"], cwd=made, capture_output=True, text=True, check=True
    )
    assert "sha256sum --check --strict SHA256SUMS" in make.stdout
