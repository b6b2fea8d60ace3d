"""The accessibility checks reuse the browser tests' Chromium launch settings."""

from tests.browser.conftest import (  # noqa: F401 - fixtures and hooks
    browser_type_launch_args,
    pytest_collection_modifyitems,
    site,
)
