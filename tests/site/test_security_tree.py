"""What the build trusts in the work tree (issue #23), with real builds: nothing a pull
request puts under site/ or .playbook/ is published or trusted, a link there is refused,
and the preview answers only to its own address.

Each attack either changes nothing that is published or gets one clear line and exit 1.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_env, make_project
from tests.site.test_plugin import _free_port, plain_mkdocs_env

pytestmark = pytest.mark.slow


def _build(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content), *args],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_hidden_files_in_site_are_never_published(tmp_path, jobs):
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    site = content.parent / "site"
    (site / "en").mkdir(parents=True)
    (site / ".secret").write_text("TOP SECRET", "utf-8")
    (site / "en/.well-hidden").write_text("TOP SECRET", "utf-8")
    result = _build(content, "--jobs", jobs)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.rglob(".*")) == []
    assert (site / "index.html").exists() and (site / "en/index.html").exists()
    assert not [p for p in content.parent.iterdir() if p.name.startswith(".site-")]


@pytest.mark.parametrize("where", ["en", ".hidden-link"])
def test_a_symlink_in_site_is_refused_and_its_target_left_alone(tmp_path, where):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep", "utf-8")
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    (content.parent / "site").mkdir()
    (content.parent / "site" / where).symlink_to(victim, target_is_directory=True)
    result = _build(content, "--jobs", "1")
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert f"site/{where} is a symlink in the site folder" in line
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    assert not (content.parent / "playbook").exists()  # refused before anything was written


@pytest.mark.parametrize(
    "tracked, folder",
    [("site/index.html", "site"), (".playbook/manifest.json", ".playbook")],
)
def test_a_build_refuses_while_git_tracks_site_or_playbook_state(tmp_path, tracked, folder):
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    project = content.parent
    (project / tracked).parent.mkdir()
    (project / tracked).write_text("<script>window.__pwned=1</script>", "utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-f", ".")
    _git(project, "commit", "-q", "-m", "hostile")
    result = _build(content)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: git tracks {tracked}, but the build writes {folder}/ and nobody reviews it: "
        f"remove it from git with 'git rm -r --cached {folder}' and commit (the files stay "
        "on disk)\n"
    )


def _mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=plain_mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.parametrize("attack", ["site-link", "inner-link", "hidden"])
def test_plain_mkdocs_build_refuses_links_and_hidden_files_in_site(tmp_path, attack):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep", "utf-8")
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    site = content.parent / "site"
    if attack == "site-link":  # mkdocs emptied the folder the link named
        site.symlink_to(victim, target_is_directory=True)
        expected = "is a symlink; delete the link"
    elif attack == "inner-link":  # and wrote pages into a linked folder inside
        site.mkdir()
        (site / "en").symlink_to(victim, target_is_directory=True)
        expected = "site/en is a symlink in the site folder"
    else:
        site.mkdir()
        (site / ".secret").write_text("x", "utf-8")
        expected = "mkdocs' clean would keep it in the published site"
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", "-c", str(content)],
        check=True,
        capture_output=True,
    )
    result = _mkdocs_build(content.parent)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]


def _request(port: int, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Host": host})
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize("command", ["playbook", "mkdocs"])
def test_the_preview_answers_only_to_its_own_address(tmp_path, command):
    # DNS rebinding: a page on evil.example points that name at 127.0.0.1 and reads the
    # preview. The browser still sends Host: evil.example:PORT, which is refused.
    content = make_project(tmp_path / "project", FIXTURES / "small.yaml")
    port = _free_port()
    address = f"127.0.0.1:{port}"
    if command == "playbook":
        args = [sys.executable, "-m", "generator", "serve", "-a", address]
    else:
        subprocess.run(
            [sys.executable, "-m", "generator", "generate", "-c", str(content)],
            check=True,
            capture_output=True,
        )
        args = [sys.executable, "-m", "mkdocs", "serve", "-a", address]
    server = subprocess.Popen(
        args,
        cwd=content.parent,
        env=plain_mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        status = 0
        while time.monotonic() < deadline and status != 200:
            try:
                status = _request(port, address)
            except OSError:
                time.sleep(0.5)
        assert status == 200, "the preview did not start"
        for allowed in (address, f"localhost:{port}", f"[::1]:{port}"):
            assert _request(port, allowed) == 200, allowed
        for refused in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", ""):
            assert _request(port, refused) == 421, refused
    finally:
        server.terminate()
        server.wait(timeout=30)
