"""Fixtures shared by the browser tests of the site."""

from __future__ import annotations

import pytest

from tests.browser import chromium, open_page


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A fresh page; any JavaScript error or third-party request on it fails the test."""
    with open_page(browser, accept_downloads=True) as page:
        yield page
