"""The accessibility checks reuse the browser tests' Chromium launch settings."""

import os

import pytest

from tests.browser.conftest import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser_type_launch_args,
    site,
)


def pytest_collection_modifyitems(config, items):
    """Browser checks here skip, like tests/browser, where Chromium is missing."""
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (make browsers)")
    for item in items:
        if "a11y" in str(item.fspath) and item.get_closest_marker("browser"):
            item.add_marker(skip)
