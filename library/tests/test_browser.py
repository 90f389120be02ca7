"""The library in a real browser: rename inline, tag with autocomplete, search and filter into the URL, presets,
the API's docs page; axe and the 360-pixel phone. Debian's Chromium through Playwright, the site served by daphne."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import User
from generator.engine.spec import FartSpec
from generator.models import Sound
from generator.tests import test_browser as generator_browser
from generator.tests.sounds import make_row
from library import tags
from library.models import Collection, UserPreset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/fartgen-shots")
TIMEOUT_MS = generator_browser.TIMEOUT_MS
generate, open_generator = generator_browser.generate, generator_browser.open_generator
# The generator's served site and browser, shared (module-scoped fixtures).
site, browser = generator_browser.site, generator_browser.browser


def made_by(owner: User, prompt: str) -> Sound:
    """A sound row (the audio view renders its file when the browser asks): no pipeline next to Playwright's loop."""
    spec = FartSpec(room="car" if "car" in prompt else "bathtub" if "bathtub" in prompt else "none", seed=3)
    return make_row(owner=owner, prompt=prompt, title=prompt.capitalize(), spec=spec.to_dict())


@pytest.fixture
def alice_browser(browser: Browser, site: str, alice: User) -> Iterator[BrowserContext]:
    """A browser context signed in as alice (her session cookie, made the way Django's test client makes it)."""
    context = generator_browser.signed_in_context(browser, site, alice, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def alice_page(alice_browser: BrowserContext) -> Iterator[Page]:
    page = alice_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"JavaScript errors: {errors}"


def _row(page: Page, sound: Sound):
    return page.locator(f'.sound-row[data-sound-id="{sound.id}"]')


def test_rename_inline_without_leaving_the_page(alice_page: Page, site: str, alice: User) -> None:
    sound = made_by(alice, "machine gun")
    alice_page.goto(site + "/library/?q=machine")
    alice_page.evaluate("window.sameDocument = true")
    _row(alice_page, sound).get_by_role("link", name=re.compile("^Rename")).click()
    field = alice_page.get_by_label(f"New title for “{sound.title}”")
    expect(field).to_be_focused()
    field.fill("Machine gun, the third")
    field.press("Enter")
    expect(_row(alice_page, sound).locator(".sound-row-title")).to_have_text("Machine gun, the third")
    assert alice_page.evaluate("window.sameDocument") is True, "no page load"
    sound.refresh_from_db()
    assert sound.title == "Machine gun, the third"

    # Escape takes the form away and leaves the title as it was.
    _row(alice_page, sound).get_by_role("link", name=re.compile("^Rename")).click()
    alice_page.get_by_label("New title for “Machine gun, the third”").fill("Oops")
    alice_page.keyboard.press("Escape")
    expect(_row(alice_page, sound).locator(".sound-row-title")).to_have_text("Machine gun, the third")


def test_tags_are_added_with_autocomplete_and_removed(alice_page: Page, site: str, alice: User) -> None:
    first, second = made_by(alice, "long wet rumbler"), made_by(alice, "tiny squeaker")
    tags.add(first, alice, "bathroom classics")
    alice_page.goto(site + "/library/")
    options = alice_page.locator("#tag-names option")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "bathroom classics"
    box = _row(alice_page, second).get_by_label(f"Add a tag to “{second.title}”")
    assert box.get_attribute("list") == "tag-names", "the browser offers the owner's tags as the person types"
    box.fill("office")
    box.press("Enter")
    expect(_row(alice_page, second).locator(".tag a")).to_have_text(["#office"])
    expect(options).to_have_count(2)
    _row(alice_page, first).get_by_role("button", name="Remove the tag bathroom classics").click()
    expect(_row(alice_page, first).locator(".tag")).to_have_count(0)
    assert list(second.tags.values_list("name", flat=True)) == ["office"]
    assert not first.tags.exists()


def test_search_and_filters_narrow_the_list_and_live_in_the_url(
    alice_page: Page,
    site: str,
    alice: User,
) -> None:
    wet = made_by(alice, "long wet rumbler in a bathtub")
    car = made_by(alice, "quick pop in the car")
    alice_page.goto(site + "/library/")
    expect(alice_page.locator(".sound-row")).to_have_count(2)
    alice_page.get_by_label("Search your sounds").fill("rumbler")
    expect(alice_page.locator(".sound-row")).to_have_count(1)
    expect(_row(alice_page, wet)).to_be_visible()
    expect(alice_page).to_have_url(re.compile(r"/library/\?q=rumbler&sort=newest$"))

    alice_page.get_by_label("Search your sounds").fill("")
    alice_page.locator(".filters summary").click()
    alice_page.get_by_label("Room").select_option(car.spec["room"])
    expect(alice_page.locator(".sound-row")).to_have_count(1)
    expect(_row(alice_page, car)).to_be_visible()
    expect(alice_page).to_have_url(re.compile(rf"room={car.spec['room']}"))

    # The URL is the view: reload it, or open it in a new tab as a bookmark would.
    alice_page.reload()
    expect(alice_page.locator(".sound-row")).to_have_count(1)
    expect(alice_page.get_by_label("Room")).to_have_value(car.spec["room"])
    # Back walks the views: the search before the room filter.
    alice_page.go_back()
    expect(alice_page).to_have_url(re.compile(r"/library/\?q=rumbler&sort=newest$"))
    expect(alice_page.locator(".sound-row")).to_have_count(1)
    expect(_row(alice_page, wet)).to_be_visible()


def test_select_all_then_add_to_a_collection(alice_page: Page, site: str, alice: User) -> None:
    sounds = [made_by(alice, "machine gun"), made_by(alice, "tiny squeaker")]
    collection = Collection.objects.create(owner=alice, name="Best of")
    alice_page.goto(site + "/library/")
    alice_page.get_by_label("All on this page").check()
    expect(alice_page.locator(".row-select:checked")).to_have_count(2)
    alice_page.get_by_role("button", name="Add to collection").click()
    expect(alice_page.locator(".messages")).to_contain_text("Added 2 sounds to “Best of”")
    assert set(collection.sounds.all()) == set(sounds)


def test_a_preset_is_saved_listed_and_used_as_a_word(alice_page: Page, site: str, alice: User) -> None:
    sound = made_by(alice, "tiny squeak in a car")
    alice_page.goto(site + sound.get_absolute_url())
    alice_page.get_by_text("Save these settings as a preset").click()
    alice_page.get_by_label("Name", exact=True).fill("my usual")
    alice_page.get_by_role("button", name="Save preset").click()
    expect(alice_page.locator(".messages")).to_contain_text("Saved as “my usual”")
    preset = UserPreset.objects.get(owner=alice)
    assert preset.spec["room"] == sound.spec["room"]

    alice_page.goto(site + "/library/presets/")
    expect(alice_page.locator(".sound-row-title")).to_have_text(["my usual"])

    open_generator(alice_page, site)
    alice_page.locator(".presets summary").click()
    expect(alice_page.locator(".preset-grid-mine .preset strong")).to_have_text(["my usual"])
    made = generate(alice_page, "my usual but wetter")
    spec = Sound.objects.get(id=made).spec_obj
    assert spec.room == sound.spec["room"]
    assert spec.wetness > FartSpec.from_dict(preset.spec).wetness


def test_the_api_docs_page_renders_from_our_own_files(alice_page: Page, site: str) -> None:
    refused: list[str] = []
    alice_page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    alice_page.goto(site + "/api/docs")
    expect(alice_page.locator(".opblock-summary-path").first).to_be_visible()
    assert alice_page.locator('.opblock-summary-path[data-path="/api/sounds"]').count() >= 1
    assert alice_page.locator('.opblock-summary-path[data-path="/api/generate"]').count() == 1
    assert refused == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_library_passes_axe_and_fits_a_phone(
    browser: Browser,
    site: str,
    alice: User,
    color_scheme: str,
) -> None:
    sound = made_by(alice, "machine gun")
    tags.add(sound, alice, "war")
    UserPreset.objects.create(owner=alice, name="my usual", spec={})
    client = Client()
    client.force_login(alice)
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        # axe arrives as an inline script, which the page's CSP (rightly) refuses: this context alone looks away.
        viewport = {"width": width, "height": 800}
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, bypass_csp=True)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
        page = context.new_page()
        try:
            for path in ("/library/", "/library/presets/"):
                page.goto(site + path)
                if path == "/library/":
                    page.locator(".filters summary").click()
                    _row(page, sound).get_by_role("link", name=re.compile("^Rename")).click()
                    expect(page.locator(".rename-inline")).to_be_visible()
                assert page.evaluate("document.scrollingElement.scrollWidth") <= width, f"{path} at {width} px"
                name = path.strip("/").replace("/", "-")
                page.screenshot(path=SHOTS / f"{name}-{width}-{color_scheme}.png", full_page=True)
                assert generator_browser.serious_axe_violations(page) == [], f"{path} at {width} px"
        finally:
            context.close()
