"""Where an init'ed project installs the tool from, decided from a real checkout (issue #27).

Each test clones this repository (tracked files only, as a consultant's checkout), so the
checkout's git state is real: its remotes, its remote branches, its tags, its changes.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator import __version__
from generator.fork.install_source import _from_checkout, _git_state, _public_url
from tests.conftest import REPO


def _git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


@pytest.fixture
def checkout(tmp_path) -> Path:
    target = tmp_path / "tool"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    return target


def _publish(checkout: Path, url: str) -> str:
    """Point origin at ``url`` and record that its main branch holds HEAD (no network)."""
    _git(checkout, "remote", "set-url", "origin", url)
    _git(checkout, "update-ref", "refs/remotes/origin/main", "HEAD")
    return _git(checkout, "rev-parse", "HEAD")


def test_a_clean_checkout_on_a_public_remote_branch_pins_the_commit(checkout):
    commit = _publish(checkout, "https://example.org/acme/journey-playbook.git")
    source = _from_checkout(checkout, vendor=False)
    assert source.requirement == (
        f"journey-playbook @ git+https://example.org/acme/journey-playbook.git@{commit}"
    )
    assert not source.vendored


def test_a_commit_no_remote_branch_holds_is_not_pinned_by_url(checkout):
    _git(checkout, "remote", "set-url", "origin", "https://example.org/acme/journey-playbook.git")
    _git(checkout, "update-ref", "-d", "refs/remotes/origin/main")
    for ref in _git(checkout, "for-each-ref", "--format=%(refname)", "refs/remotes").split():
        _git(checkout, "update-ref", "-d", ref)
    state = _git_state(checkout)
    assert state is not None and state.remote_url == "" and not state.dirty


def test_a_dirty_checkout_or_a_url_with_credentials_is_never_pinned_by_url(checkout):
    _publish(checkout, "https://example.org/acme/journey-playbook.git")
    (checkout / "generator" / "fork" / "init.py").write_text("# patched\n", encoding="utf-8")
    state = _git_state(checkout)
    assert state is not None and state.dirty
    _git(checkout, "checkout", "--", ".")
    _publish(checkout, "https://consultant:ghp_secret@example.org/acme/journey-playbook.git")
    state = _git_state(checkout)
    assert state is not None and state.remote_url == ""  # a token never reaches a client
    assert not _public_url("https://consultant:ghp_secret@example.org/x.git")
    assert not _public_url("git@github.com:acme/journey-playbook.git")
    assert not _public_url("file:///home/consultant/journey-playbook")
    assert _public_url("https://github.com/acme/journey-playbook")


def _wheel_version(data: bytes, tmp_path: Path) -> str:
    wheel = tmp_path / "probe.whl"
    wheel.write_bytes(data)
    with zipfile.ZipFile(wheel) as archive:
        init = archive.read("generator/__init__.py").decode("utf-8")
    return init.split('__version__ = "', 1)[1].split('"', 1)[0]


@pytest.mark.slow
def test_a_wheel_built_from_a_checkout_says_where_it_came_from(checkout, tmp_path):
    # A local version: built rather than refused, so a consultant who patched the tool can
    # still publish, while pip list and playbook --version say it is not the release.
    commit = _git(checkout, "rev-parse", "HEAD")
    unreleased = _from_checkout(checkout, vendor=False)  # origin is a local path
    assert unreleased.requirement == (
        f"vendor/journey_playbook-{__version__}+g{commit[:12]}-py3-none-any.whl"
    )
    assert _wheel_version(unreleased.wheel, tmp_path) == f"{__version__}+g{commit[:12]}"
    assert unreleased.checksums().endswith(f"  {Path(unreleased.requirement).name}\n")

    (checkout / "generator" / "fork" / "templates" / "README.md.j2").write_text(
        "# A consultant's patch\n", encoding="utf-8"
    )
    dirty = _from_checkout(checkout, vendor=False)
    name = Path(dirty.requirement).name
    assert name.startswith(f"journey_playbook-{__version__}+dirty.") and len(name) == len(
        f"journey_playbook-{__version__}+dirty.123456789abc-py3-none-any.whl"
    )
    assert _from_checkout(checkout, vendor=False).requirement == dirty.requirement  # same tree
    assert _git(checkout, "status", "--porcelain") == "M generator/fork/templates/README.md.j2"

    _git(checkout, "checkout", "--", ".")
    _git(checkout, "tag", f"v{__version__}")
    released = _from_checkout(checkout, vendor=True)
    assert released.requirement == f"vendor/journey_playbook-{__version__}-py3-none-any.whl"
    assert _wheel_version(released.wheel, tmp_path) == __version__
