"""Plays are counted wherever a sound plays in a browser: a sound's page, the studio, a collection, the favorites,
an embed on another site; by the same rules everywhere (once per listener and sound an hour, never the maker)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import User
from explore.models import Play
from explore.tests.test_browser import other_origin  # noqa: F401 (a fixture)
from generator.models import Sound
from generator.tests.sounds import make_row
from generator.tests.test_browser import TIMEOUT_MS, signed_in_context
from library.models import Collection, CollectionItem, Favorite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STARTED = "(audio) => audio.currentTime > 0.1"


@pytest.fixture
def visitor(browser: Browser) -> Iterator[BrowserContext]:
    """Someone with no account and no cookies yet."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def signed_in(browser: Browser, site: str, user: User) -> BrowserContext:
    return signed_in_context(browser, site, user, viewport={"width": 1280, "height": 900})


def plays_of(sound: Sound, expected: int) -> int:
    """The sound's play count once it reaches `expected` (the page reports a play after the audio starts), or
    whatever it is after 5 s."""
    deadline = time.monotonic() + 5
    while (count := Play.objects.filter(sound=sound).count()) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def play_card(page: Page) -> None:
    page.locator("#result [data-play]").click()
    page.locator("#result audio").wait_for(state="attached")
    page.wait_for_function(f"() => ({STARTED})(document.querySelector('#result audio'))")


def play_row(page: Page, sound: Sound) -> None:
    row = page.locator(f"[data-sound-id='{sound.id}']")
    row.locator("[data-row-play]").click()
    expect(row.locator("[data-row-play]")).to_have_attribute("aria-pressed", "true")


def test_a_visitor_playing_a_shared_sounds_page_counts_once_an_hour(
    visitor: BrowserContext, site: str, alice: User
) -> None:
    sound = make_row(owner=alice, visibility="link", title="Linked toot")
    page = visitor.new_page()
    page.goto(f"{site}{sound.get_absolute_url()}")
    play_card(page)
    assert plays_of(sound, 1) == 1
    # Played again, then on the page opened anew: the same listener within the hour.
    page.reload()
    play_card(page)
    page.wait_for_timeout(500)
    assert plays_of(sound, 1) == 1


def test_the_maker_playing_their_own_sounds_page_counts_nothing(browser: Browser, site: str, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    context = signed_in(browser, site, alice)
    try:
        page = context.new_page()
        page.goto(f"{site}{sound.get_absolute_url()}")
        play_card(page)
        page.wait_for_timeout(500)
        assert plays_of(sound, 0) == 0
    finally:
        context.close()


def test_a_signed_in_listener_playing_someone_elses_sound_in_the_studio_counts(
    browser: Browser, site: str, alice: User, bob: User
) -> None:
    sound = make_row(owner=alice, visibility="public", title="Remixable")
    context = signed_in(browser, site, bob)
    try:
        page = context.new_page()
        page.goto(f"{site}/?sound={sound.id}")
        expect(page.locator("#result-title")).to_have_text("Remixable")
        play_card(page)
        assert plays_of(sound, 1) == 1
    finally:
        context.close()


def test_plays_count_in_a_shared_collection_and_in_the_favorites(
    browser: Browser, visitor: BrowserContext, site: str, alice: User, bob: User
) -> None:
    collected = make_row(owner=alice, visibility="public", title="Collected")
    collection = Collection.objects.create(owner=alice, name="Best of", visibility="public")
    CollectionItem.objects.create(collection=collection, sound=collected)
    favorite = make_row(owner=alice, visibility="public", title="Loved")
    Favorite.objects.create(user=bob, sound=favorite)
    page = visitor.new_page()
    page.goto(f"{site}{collection.get_absolute_url()}")
    play_row(page, collected)
    assert plays_of(collected, 1) == 1
    context = signed_in(browser, site, bob)
    try:
        page = context.new_page()
        page.goto(f"{site}/library/?favorites=on")
        play_row(page, favorite)
        assert plays_of(favorite, 1) == 1
    finally:
        context.close()


def test_a_play_in_an_embed_on_another_site_counts(
    visitor: BrowserContext,
    site: str,
    alice: User,
    other_origin: dict[str, str],  # noqa: F811
) -> None:
    sound = make_row(owner=alice, visibility="link", title="Embedded")
    other_origin["html"] = (
        f'<!doctype html><title>A blog</title><iframe id="embed" src="{site}/sounds/{sound.id}/embed/?size=medium"'
        ' width="480" height="152"></iframe>'
    )
    page = visitor.new_page()
    page.goto(other_origin["url"])
    embed = page.frame_locator("#embed")
    embed.locator("[data-row-play]").click()
    expect(embed.locator("[data-row-play]")).to_have_attribute("aria-pressed", "true")
    assert plays_of(sound, 1) == 1
