"""`playbook upgrade` brings what init wrote up to this version and never the content (#27)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from generator.fork import upgrade as upgrade_module
from generator.fork.install_source import InstallSource
from tests.conftest import run_cli as run

OLD = "journey-playbook==0.0.9"
NEW = "journey-playbook==9.9.9"


def _project(tmp_path: Path, *options: str) -> Path:
    folder = tmp_path / "kunde"
    made = run("init", str(folder), "--name", "Kunde ApS", "--languages", "da,en", *options)
    assert made.exit_code == 0, made.output
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_upgrade_shows_the_diff_first_and_writes_only_when_asked(tmp_path):
    folder = _project(tmp_path, "--package", OLD)
    content = folder / "content.yaml"
    # What a project made by an older init looks like, plus a person's own additions.
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace("$schema=.playbook/overlay.schema.json", "$schema=./overlay.schema.json")
        + "journeys:\n  - id: customer-journey\n    stages:\n      - id: purchase\n"
        '        name: {da: "Køb hos {client}"}\n',
        encoding="utf-8",
    )
    (folder / "progress.yaml").write_text("version: 1\nitems: {}\n", encoding="utf-8")
    with (folder / ".gitignore").open("a", encoding="utf-8") as stream:
        stream.write("/noter/\n")
    workflow = folder / ".github/workflows/pages.yml"
    workflow.write_text(
        workflow.read_text(encoding="utf-8").replace(
            "playbook translations --strict --allow-missing", "playbook translations --strict"
        ),
        encoding="utf-8",
    )
    before = _snapshot(folder)
    data_before = yaml.safe_load(content.read_text(encoding="utf-8"))

    shown = run("upgrade", "--package", NEW, "-c", str(content))
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert f"-PLAYBOOK_PACKAGE ?= {OLD}" in lines and f"+PLAYBOOK_PACKAGE ?= {NEW}" in lines
    assert f'-  PLAYBOOK_PACKAGE: "{OLD}"' in lines and f'+  PLAYBOOK_PACKAGE: "{NEW}"' in lines
    # A workflow from before `init --strict` was strict without choosing it: it gets the
    # default now, and the diff says so.
    assert "-        run: playbook translations --strict" in lines
    assert "+        run: playbook translations --strict --allow-missing" in lines
    assert "-# yaml-language-server: $schema=./overlay.schema.json" in lines
    assert "+# yaml-language-server: $schema=.playbook/overlay.schema.json" in lines
    assert "+# yaml-language-server: $schema=.playbook/progress.schema.json" in lines
    assert not any(line.startswith("-/noter/") for line in lines)
    assert lines[-1] == (
        "5 file(s) would change; nothing was written. Run 'playbook upgrade --write' to apply "
        "this, then commit the changes."
    )
    assert _snapshot(folder) == before

    written = run("upgrade", "--package", NEW, "--write", "-c", str(content))
    assert written.exit_code == 0, written.output
    assert written.output.splitlines()[-1] == (
        "Upgraded 5 file(s) to Journey Playbook 0.1.0: Makefile, .github/workflows/pages.yml, "
        ".gitignore, content.yaml, progress.yaml. Commit them."
    )
    assert f"PLAYBOOK_PACKAGE ?= {NEW}\n" in (folder / "Makefile").read_text(encoding="utf-8")
    assert (
        (folder / ".gitignore")
        .read_text(encoding="utf-8")
        .endswith("\n# Kept by 'playbook upgrade' from the file before it:\n/noter/\n")
    )
    assert yaml.safe_load(content.read_text(encoding="utf-8")) == data_before
    assert content.read_text(encoding="utf-8").endswith('name: {da: "Køb hos {client}"}\n')
    assert (folder / "README.md").read_bytes() == before["README.md"]  # the person's
    again = run("upgrade", "--package", NEW, "-c", str(content))
    assert again.output == "Up to date with Journey Playbook 0.1.0: nothing to upgrade.\n"


def test_a_strict_project_stays_strict(tmp_path):
    folder = _project(tmp_path, "--package", OLD, "--strict")
    result = run("upgrade", "--package", NEW, "--write", "-c", str(folder / "content.yaml"))
    assert result.exit_code == 0, result.output
    workflow = (folder / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "        run: playbook translations --strict\n" in workflow
    assert "--allow-missing" not in workflow


def test_a_vendored_wheel_is_replaced_with_its_checksum(tmp_path, monkeypatch):
    def wheel(version: str) -> InstallSource:
        name = f"journey_playbook-{version}-py3-none-any.whl"
        return InstallSource(f"vendor/{name}", "a test", f"wheel {version}".encode())

    monkeypatch.setattr(upgrade_module, "install_source", lambda vendor: wheel("0.2.0"))
    folder = tmp_path / "kunde"
    monkeypatch.setattr("generator.fork.init.install_source", lambda vendor: wheel("0.1.0"))
    made = run("init", str(folder), "--name", "Kunde ApS", "--languages", "da,en")
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in (folder / "vendor").iterdir()) == [
        "SHA256SUMS",
        "journey_playbook-0.1.0-py3-none-any.whl",
    ]
    result = run("upgrade", "--write", "-c", str(folder / "content.yaml"))
    assert result.exit_code == 0, result.output
    assert "- vendor/journey_playbook-0.1.0-py3-none-any.whl (replaced)" in result.output
    assert sorted(p.name for p in (folder / "vendor").iterdir()) == [
        "SHA256SUMS",
        "journey_playbook-0.2.0-py3-none-any.whl",
    ]
    assert (folder / "vendor/SHA256SUMS").read_text(encoding="utf-8") == (
        f"{hashlib.sha256(b'wheel 0.2.0').hexdigest()}  journey_playbook-0.2.0-py3-none-any.whl\n"
    )
    makefile = (folder / "Makefile").read_text(encoding="utf-8")
    assert "PLAYBOOK_PACKAGE ?= vendor/journey_playbook-0.2.0-py3-none-any.whl\n" in makefile


def test_a_project_init_did_not_make_is_refused(tmp_path):
    content = tmp_path / "content.yaml"
    content.write_text("site: {}\n", encoding="utf-8")
    result = run("upgrade", "-c", str(content))
    assert result.exit_code == 1
    assert "was not made by 'playbook init', so there is nothing to upgrade" in result.output


@pytest.mark.parametrize("option", [("--vendor",), ("--no-vendor",)])
def test_package_and_vendor_together_are_refused(tmp_path, option):
    folder = _project(tmp_path, "--package", OLD)
    result = run("upgrade", "--package", NEW, *option, "-c", str(folder / "content.yaml"))
    if option == ("--vendor",):
        assert result.exit_code == 1 and "leave out --package" in result.output
    else:
        assert result.exit_code == 0, result.output


def test_the_changelog_says_per_release_whether_clients_must_upgrade():
    from generator import __version__
    from tests.conftest import REPO

    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    titles = [section.split("\n", 1)[0] for section in sections]
    assert __version__ in titles
    for section in sections:
        assert "playbook upgrade" in section, section.split("\n", 1)[0]
