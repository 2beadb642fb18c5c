"""MkDocs-native mode: plain `mkdocs build` and `mkdocs serve` regenerate from the content."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from generator.project import ALREADY_GENERATED, generate
from tests.conftest import REPO, make_project

pytestmark = pytest.mark.slow


def plain_mkdocs_env() -> dict[str, str]:
    """As a user's shell: without the flag `playbook build` sets, so the plugin regenerates."""
    env = {k: v for k, v in os.environ.items() if k != ALREADY_GENERATED}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def mkdocs(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=plain_mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path):
    content = make_project(tmp_path, REPO / "content.yaml")
    generate(content)  # once: mkdocs.yml inherits .playbook/mkdocs.generated.yml (README)
    return tmp_path


def test_plain_mkdocs_build_regenerates_changed_text(project):
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(
        text.replace(
            "Ta reda på vilka kunder som redan rekommenderar er.",
            "Ta reda på vilka kunder som redan tipsar om er.",
        ),
        "utf-8",
    )
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = (project / "site/stages/customer-journey/ambassador/index.html").read_text(
        encoding="utf-8"
    )
    assert "som redan tipsar om er" in page


def test_changed_navigation_asks_for_one_more_run(project):
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    renamed = text.replace("\n          sv: Lojalitet\n", "\n          sv: Trogna kunder\n", 1)
    assert renamed != text  # the stage's name as content.yaml writes it
    content.write_text(renamed, "utf-8")
    first = mkdocs(project, "build", "--strict")
    assert first.returncode != 0 and "run the command again" in first.stderr
    assert "Traceback" not in first.stderr
    second = mkdocs(project, "build", "--strict")
    assert second.returncode == 0, second.stderr
    page = (project / "site/stages/customer-journey/awareness/index.html").read_text(
        encoding="utf-8"
    )
    assert "Trogna kunder" in page


def test_content_errors_stop_mkdocs_with_the_located_message(project):
    content = project / "content.yaml"
    content.write_text(
        content.read_text(encoding="utf-8").replace("    cyclic: true", "    cylic: true"), "utf-8"
    )
    result = mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert "journeys[customer-journey].cylic: unknown key 'cylic'" in result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_mkdocs_serve_reloads_when_the_content_changes(project):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=plain_mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/stages/customer-journey/ambassador/"
    try:
        deadline = time.monotonic() + 60
        while "Ambassadör" not in _fetch(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Ambassadör" in _fetch(url), "mkdocs serve did not start"
        content = project / "content.yaml"
        content.write_text(
            content.read_text(encoding="utf-8").replace(
                "Ta reda på vilka kunder som redan rekommenderar er.",
                "Hitta era ambassadörer i dag.",
            ),
            "utf-8",
        )
        deadline = time.monotonic() + 60
        while "Hitta era ambassadörer i dag." not in _fetch(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Hitta era ambassadörer i dag." in _fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=20)


def _port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_stopping_playbook_serve_with_sigterm_stops_its_mkdocs_child(project):
    # Issue #10: the parent died, its `mkdocs serve` child kept the port.
    import signal

    port = _free_port()
    parent = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=plain_mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not _fetch(f"http://127.0.0.1:{port}/") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _port_is_open(port), "playbook serve did not start"
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=20)
        deadline = time.monotonic() + 15
        while _port_is_open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _port_is_open(port), "the mkdocs child still holds the port"
    finally:
        if parent.poll() is None:
            parent.kill()
