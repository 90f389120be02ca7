"""The browser fixtures of generator/tests/test_browser.py (Chromium, a page, the site served by daphne), lent to
this app's browser tests."""

from __future__ import annotations

from generator.tests import test_browser

browser = test_browser.browser
page = test_browser.page
site = test_browser.site
