"""The pages of issue 14 (trash and undo, account trust, the staff statistics) in Debian's Chromium: screenshots at
1280 and 360 px in light and dark, no sideways scrolling on a phone, and axe finds no serious problems."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect, sync_playwright

from accounts.models import ApiToken, User
from fartgen.tests.servers import served
from generator.models import Sound
from generator.tests.sounds import make_row
from generator.tests.test_browser import serious_axe_violations, signed_in_context
from library.models import Collection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
BROWSER_SITE = "generator.tests.browser_site:application"
PAGES = {
    "trash": "/library/trash/",
    "account": "/accounts/",
    "account-delete": "/accounts/delete/",
    "admin-stats": "/admin/stats/",
}


@pytest.fixture(scope="module")
def site(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    media = tmp_path_factory.mktemp("media")

    def daphne(port: int) -> list[str]:
        return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), BROWSER_SITE]

    with override_settings(MEDIA_ROOT=media), served(daphne, media.parent, MEDIA_ROOT=str(media)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def sam(db: None) -> User:
    """A staff member with things in every section of the pages."""
    sam = User.objects.create_user("sam", "sam@example.com", "staff-passphrase-123", is_staff=True, email_verified=True)
    for title in ("Bathtub thunder", "A very long title for a sound that someone deleted by mistake yesterday"):
        timings_ms = {"interpret": 1.2, "render": 30.5}
        make_row(owner=sam, title=title, prompt=title.lower(), timings_ms=timings_ms).move_to_trash()
    Collection.objects.create(owner=sam, name="Old favourites").move_to_trash()
    ApiToken.issue(sam, "discord bot")
    return sam


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_the_new_pages_look_right_and_pass_axe(
    browser: Browser, site: str, sam: User, width: int, color_scheme: str, tmp_path: Path
) -> None:
    # axe arrives as an inline script, which the pages' CSP (rightly) refuses: this context alone looks away.
    context = signed_in_context(
        browser, site, sam, viewport={"width": width, "height": 900}, color_scheme=color_scheme, bypass_csp=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for name, path in PAGES.items():
            response = page.goto(site + path)
            assert response is not None
            assert response.status == 200, name
            page.screenshot(path=tmp_path / f"{name}-{width}-{color_scheme}.png", full_page=True)
            if width == 360:
                assert page.evaluate("document.scrollingElement.scrollWidth") <= 360, name
            assert serious_axe_violations(page) == [], name
    finally:
        context.close()
    assert errors == []


def test_delete_then_undo_in_the_browser(browser: Browser, site: str, sam: User, tmp_path: Path) -> None:
    sound = make_row(owner=sam, title="Keep me after all")
    context = signed_in_context(browser, site, sam, viewport={"width": 360, "height": 740})
    page: Page = context.new_page()
    try:
        page.goto(f"{site}/library/sounds/{sound.id}/delete")
        page.get_by_role("button", name="Delete it").click()
        expect(page.get_by_text("“Keep me after all” moved to the trash.")).to_be_visible()
        page.screenshot(path=tmp_path / "undo-message-360.png", full_page=True)
        assert Sound.all_objects.get(pk=sound.pk).deleted_at is not None
        page.get_by_role("button", name="Undo").click()
        expect(page.get_by_text("“Keep me after all” is back.")).to_be_visible()
        assert Sound.objects.filter(pk=sound.pk).exists()
    finally:
        context.close()
