"""Shared helpers for browser tests: build a site, serve it from 127.0.0.1, launch chromium.

Playwright drives Debian's chromium through executable_path (no browser download). Where
there is none (macOS, a Linux without apt), `make test` installs Playwright's own chromium
instead, and the tests use that; PLAYBOOK_CHROMIUM names any other binary.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest


def _system_chromium() -> str | None:
    named = os.environ.get("PLAYBOOK_CHROMIUM")
    if named:
        return named
    found = shutil.which("chromium")
    return found or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


CHROMIUM = _system_chromium()
"""The chromium binary the tests drive, or None for Playwright's own download."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(
    os.environ.get(
        "PLAYBOOK_TEST_ARTIFACTS", Path(tempfile.gettempdir()) / "playbook-test-artifacts"
    )
)
"""Screenshots for people to look at; outside the repository, so tests never write into it."""


def browser_description() -> str:
    return f"chromium at {CHROMIUM}" if CHROMIUM else "Playwright's own chromium"


def build_site(content: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "-c", str(content)],
        check=True,
        capture_output=True,
    )
    return content.parent / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """A headless chromium (Debian's package where there is one), driven by Playwright."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is not None and not os.path.exists(CHROMIUM):
        pytest.fail(f"no chromium at {CHROMIUM}: `make test` installs one")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except sync_api.Error as error:
            pytest.fail(f"cannot start {browser_description()}: `make test` installs one ({error})")
        try:
            yield browser
        finally:
            browser.close()
