"""Shared helpers for browser tests: serve a site from 127.0.0.1, launch chromium, open pages
that fail the test on any JavaScript error or request to another host.

Playwright drives Debian's chromium through executable_path (no browser download). Where
there is none (macOS, a Linux without apt), `make test` installs Playwright's own chromium
instead, and the tests use that; PLAYBOOK_CHROMIUM names any other binary.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
import urllib.parse
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def log_message(self, *args):  # keep test output readable
        pass

    def translate_path(self, path):
        # Serve the folder under ``base`` only, as GitHub Pages serves a project site under
        # /<repo>/: a link that ignores the base path gets a 404 here too.
        if not path.startswith(self.base):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path[len(self.base) :])


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download is no test failure; anything else is.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path, base: str = "/"):
    """Serve ``folder`` on 127.0.0.1 at a free port under the path ``base``; yields its URL."""
    handler_class = type("Handler", (_QuietHandler,), {"base": base})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
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


KNOWN_PROBLEMS: tuple[str, ...] = ()
"""Problems watch() lets pass, each for a known reason (regular expressions)."""


def watch(page, problems: list[str] | None = None, known: tuple[str, ...] = KNOWN_PROBLEMS):
    """Collect what must fail a test on ``page``: JavaScript errors (uncaught exceptions and
    console errors, which include failed loads) and any request that leaves 127.0.0.1.
    Problems matching one of ``known`` are not collected."""
    problems = [] if problems is None else problems

    def report(problem: str) -> None:
        if not any(re.fullmatch(pattern, problem) for pattern in known):
            problems.append(problem)

    def on_console(message):
        if message.type == "error":
            where = message.location.get("url") or "?"
            report(f"console error on {page.url}: {message.text} ({where})")

    def on_request(request):
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            report(f"request to another host from {page.url}: {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: report(f"uncaught error on {page.url}: {_where(error)}"))
    page.on("request", on_request)
    return problems


def _where(error) -> str:
    """The error's message and the functions it went through: 'denied [get < __md_get < us]'."""
    frames = re.findall(r"^\s*at (\S+)", error.stack or "", re.M)
    return f"{error.message} [{' < '.join(frames[:3])}]"


@contextmanager
def open_page(browser, known: tuple[str, ...] = KNOWN_PROBLEMS, **options):
    """A page in a fresh browser context (``options`` go to new_context) that fails the test
    on any JavaScript error or third-party request; every browser test opens pages with it."""
    context = browser.new_context(**options)
    # Nothing leaves the machine, whatever a page asks for; watch() reports the attempt.
    context.route(
        lambda url: urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", None),
        lambda route: route.abort(),
    )
    problems: list[str] = []
    context.on("page", lambda page: watch(page, problems, known))  # pop-ups and tabs too
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def stored(page) -> dict:
    """The progress this browser keeps for the site, straight from localStorage."""
    return page.evaluate(
        """() => {
            const key = Object.keys(localStorage).find(k => k.startsWith('journey-playbook:'));
            const state = key ? JSON.parse(localStorage.getItem(key)) : {};
            return {ticks: state.ticks || {}, answers: state.answers || {}};
        }"""
    )


def search(page, url: str, term: str, *, key: str = "/") -> dict:
    """Open ``url``, open the site's search box with ``key`` (as a reader does: "/" or "s"),
    type ``term`` and wait for the outcome. Returns the status line (the count a screen
    reader hears), the result links (absolute) and their titles, and the focused element."""
    page.goto(url)
    page.keyboard.press(key)
    page.wait_for_selector("#playbook-search[open]")
    page.keyboard.type(term, delay=15)
    # The status line is written once the results are shown: wait for the count of this term.
    page.wait_for_function(
        """(term) => {
            const status = document.querySelector('.playbook-search__status').textContent;
            return status !== '' && document.querySelector('.playbook-search__input').value === term;
        }""",
        arg=term,
        timeout=15_000,
    )
    page.wait_for_timeout(300)  # a slower, earlier keystroke's search must not land after
    return page.evaluate(
        """() => ({
            status: document.querySelector('.playbook-search__status').textContent,
            links: [...document.querySelectorAll('.playbook-search__link')].map(a => a.href),
            titles: [...document.querySelectorAll('.playbook-search__link')]
                      .map(a => a.textContent),
            focused: document.activeElement.id,
        })"""
    )
