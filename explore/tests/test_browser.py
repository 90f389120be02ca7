"""Hearing and sharing in a real browser: lists that play, Explore and remix, link sharing, embeds framed by another
site, 404s for private things, reporting and moderating; axe and screenshots of the new pages."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import User
from generator.models import Sound
from generator.tests.sounds import made_by
from generator.tests.test_browser import TIMEOUT_MS, generate, open_generator, serious_axe_violations
from library.models import Collection, CollectionItem
from moderation.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRESSED = "[data-row-play][aria-pressed='true']"


def _made(user: User, prompt: str) -> Sound:
    # The pipeline's sync path runs its own event loop, which cannot nest in Playwright's: it goes to a thread.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(made_by, user, prompt).result()


def _shared(user: User, prompt: str, visibility: str = "public") -> Sound:
    sound = _made(user, prompt)
    sound.visibility = visibility
    sound.save(update_fields=["visibility"])
    return sound


def _context(browser: Browser, **options: object) -> BrowserContext:
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    context.set_default_timeout(TIMEOUT_MS)
    return context


def test_a_list_plays_in_place_one_at_a_time_by_keyboard(page: Page, site: str, alice: User) -> None:
    first = _shared(alice, "long wet rumbler in a bathtub")
    second = _shared(alice, "machine gun brrt in a car")
    page.goto(f"{site}/explore/")
    rows = page.locator("[data-sound-row]")
    expect(rows).to_have_count(2)
    url = page.url
    # Newest first: the second sound heads the list.
    top = page.locator(f"[data-sound-id='{second.id}'] [data-row-play]")
    top.focus()
    page.keyboard.press("Enter")
    expect(top).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-now-playing]")).to_have_text(f"Playing “{second.title}”")
    # ↓ moves to the next row's play button; Space plays it and stops the first.
    page.keyboard.press("ArrowDown")
    below = page.locator(f"[data-sound-id='{first.id}'] [data-row-play]")
    expect(below).to_be_focused()
    page.keyboard.press(" ")
    expect(below).to_have_attribute("aria-pressed", "true")
    expect(top).to_have_attribute("aria-pressed", "false")
    expect(page.locator(PRESSED)).to_have_count(1)
    expect(page.locator("[data-now-playing]")).to_have_text(f"Playing “{first.title}”")
    # The same key again pauses it; nothing left the page.
    page.keyboard.press("Enter")
    expect(page.locator(PRESSED)).to_have_count(0)
    assert page.url == url
    # The list fetched the compressed audio its button carries (Opus here), never the WAV.
    assert below.get_attribute("data-src-opus") == f"/sounds/{first.id}/audio.opus"


def test_play_all_plays_a_collection_as_a_queue(page: Page, site: str, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Road trip", visibility="link")
    for prompt in ("tiny squeak", "short dry pfft"):
        CollectionItem.objects.create(collection=collection, sound=_shared(alice, prompt, "link"))
    page.goto(f"{site}{collection.get_absolute_url()}")
    buttons = page.locator("[data-row-play]")
    page.get_by_role("button", name="Play all").click()
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "true")
    # When the first ends, the second starts by itself.
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true", timeout=15_000)
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "false")


def test_explore_search_then_remix_makes_a_sound_that_links_back(page: Page, site: str, alice: User) -> None:
    bathtub = _shared(alice, "long wet rumbler in a bathtub")
    _shared(alice, "tiny squeak in a quiet library")
    page.goto(f"{site}/explore/")
    page.get_by_label("Search titles and prompts").fill("bathtub")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("[data-sound-row]")).to_have_count(1)
    page.get_by_role("link", name=f"Remix “{bathtub.title}”").click()
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", str(bathtub.id))
    page.locator("#followup-prompt").fill("shorter and drier")
    page.locator("#followup-prompt").press("Enter")
    page.wait_for_function(
        "(parent) => document.getElementById('result').dataset.soundId !== parent", arg=str(bathtub.id)
    )
    remix = Sound.objects.get(id=page.locator("#result").get_attribute("data-sound-id"))
    assert remix.parent_id == bathtub.id
    assert remix.owner_id is None  # the visitor's own, anonymous sound
    lineage = page.locator(".result-family")
    expect(lineage).to_contain_text(f"Remixed from “{bathtub.title}”")
    lineage.get_by_role("link").click()
    expect(page).to_have_url(f"{site}/sounds/{bathtub.id}/")


def test_a_visitor_opens_a_sound_made_and_shared_by_link_anonymously(browser: Browser, site: str) -> None:
    maker = _context(browser, permissions=["clipboard-read", "clipboard-write"])
    visitor = _context(browser)
    try:
        page = maker.new_page()
        open_generator(page, site)
        sound_id = generate(page, "slow sad trombone")
        # Copy link on a private sound asks first, then shares it by link and copies.
        page.locator(".copy-ask summary").click()
        page.get_by_role("button", name="Share by link and copy").click()
        expect(page.get_by_text("Anyone with the link can listen now.")).to_be_visible()
        link = f"{site}/sounds/{sound_id}/"
        page.wait_for_function("(link) => navigator.clipboard.readText().then(t => t === link)", arg=link)
        assert Sound.objects.get(id=sound_id).visibility == "link"
        friend = visitor.new_page()
        friend.goto(link)
        expect(friend.locator("#result-title")).to_have_text(Sound.objects.get(id=sound_id).title)
        friend.locator("[data-play]").click()
        friend.wait_for_function("() => document.querySelector('#result audio').currentTime > 0.1")
    finally:
        maker.close()
        visitor.close()


def test_a_private_sounds_page_embed_oembed_and_card_are_404_to_others(
    browser: Browser, site: str, alice: User
) -> None:
    private = _made(alice, "long wet rumbler")
    shared = _shared(alice, "short squeaky toot", "link")
    stranger = _context(browser)
    try:
        request = stranger.request
        for path in (
            f"/sounds/{private.id}/",
            f"/sounds/{private.id}/embed/",
            f"/oembed?url={site}/sounds/{private.id}/&format=json",
            f"/sounds/{private.id}/card.png",
            f"/sounds/{private.id}/audio.mp3",
        ):
            assert request.get(site + path).status == 404, path
        card = request.get(f"{site}/sounds/{shared.id}/card.png")
        assert card.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(card.body())).size == (1200, 630)
    finally:
        stranger.close()


@pytest.fixture
def other_origin() -> Iterator[dict[str, str]]:
    """A page of another site (localhost, not 127.0.0.1: another origin) whose HTML the test sets."""
    content: dict[str, str] = {"html": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = content["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    content["url"] = f"http://localhost:{server.server_address[1]}/"
    yield content
    server.shutdown()
    server.server_close()


def test_the_embed_is_framed_by_another_site_while_the_home_page_refuses(
    page: Page, site: str, alice: User, other_origin: dict[str, str]
) -> None:
    sound = _shared(alice, "deep trumpet in a cathedral", "link")
    other_origin["html"] = (
        f'<!doctype html><title>A blog</title><iframe id="embed" src="{site}/sounds/{sound.id}/embed/?size=medium"'
        f' width="480" height="152"></iframe><iframe id="home" src="{site}/" width="480" height="300"></iframe>'
    )
    page.goto(other_origin["url"])
    embed = page.frame_locator("#embed")
    expect(embed.locator(".sound-row-title")).to_have_text(sound.title)
    embed.locator("[data-row-play]").click()
    expect(embed.locator("[data-row-play]")).to_have_attribute("aria-pressed", "true")
    # The home page sent X-Frame-Options: DENY and frame-ancestors 'none': the browser shows nothing of it.
    page.wait_for_timeout(500)
    expect(page.frame_locator("#home").locator("#prompt")).to_have_count(0)


def test_a_visitor_reports_a_sound_and_a_moderator_hides_it_in_the_admin(
    browser: Browser, site: str, alice: User
) -> None:
    sound = _shared(alice, "extremely loud thunder fart")
    User.objects.create_superuser("mod", "mod@example.com", "moderator-passphrase-9")
    visitor, moderator = _context(browser), _context(browser)
    try:
        page = visitor.new_page()
        page.goto(f"{site}{sound.get_absolute_url()}")
        page.locator("details.report summary").click()
        page.get_by_label("Spam or advertising").check()
        page.get_by_label("Anything to add? (optional)").fill("it is an advert")
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_text("Thanks: a moderator will look at it.")).to_be_visible()
        assert Report.objects.get().text == "it is an advert"

        admin = moderator.new_page()
        admin.goto(f"{site}/admin/login/?next=/admin/moderation/reportedsound/")
        admin.get_by_label("Username").fill("mod")
        admin.get_by_label("Password").fill("moderator-passphrase-9")
        admin.get_by_role("button", name="Log in").click()
        row = admin.locator("#result_list tbody tr").filter(has_text=sound.title)
        expect(row).to_contain_text("it is an advert")
        # Listen in place.
        row.locator("audio").evaluate("a => a.play()")
        admin.wait_for_function("() => document.querySelector('#result_list audio').currentTime > 0.1")
        row.locator("input[name='_selected_action']").check()
        admin.locator("select[name='action']").select_option("hide")
        admin.get_by_role("button", name="Run").or_(admin.get_by_role("button", name="Go")).first.click()
        expect(admin.get_by_text("Hidden: 1.")).to_be_visible()
        assert Sound.objects.get(id=sound.id).is_hidden
        assert page.request.get(f"{site}{sound.get_absolute_url()}").status == 404
        log = admin.goto(f"{site}/admin/moderation/moderationaction/")
        assert log is not None
        expect(admin.locator("#result_list")).to_contain_text(sound.title)
    finally:
        visitor.close()
        moderator.close()


def _new_pages(site: str, alice: User) -> dict[str, str]:
    """Every page this feature added or changed, as a visitor (or alice, for her own) sees it."""
    sound = _shared(alice, "long wet rumbler in a bathtub")
    _shared(alice, "tiny squeak in a quiet library")
    collection = Collection.objects.create(owner=alice, name="Bathtub classics", visibility="public")
    CollectionItem.objects.create(collection=collection, sound=sound)
    Sound.objects.filter(pk=sound.pk).update(created_at=timezone.now())
    return {
        "explore": f"{site}/explore/",
        "explore-search": f"{site}/explore/?q=bathtub&sort=popular",
        "sound-visitor": f"{site}{sound.get_absolute_url()}",
        "collection-visitor": f"{site}{collection.get_absolute_url()}",
        "embed-small": f"{site}/sounds/{sound.id}/embed/?size=small",
        "embed-medium-dark": f"{site}/sounds/{sound.id}/embed/?size=medium&theme=dark",
        "embed-large": f"{site}/sounds/{sound.id}/embed/?size=large",
        "embed-collection-dark": f"{site}/library/collections/{collection.id}/embed/?theme=dark",
    }


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_the_new_pages_at_1280_and_360(
    browser: Browser, site: str, alice: User, color_scheme: str, tmp_path: Path
) -> None:
    pages = _new_pages(site, alice)
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (360, 740)):
        # axe arrives as an inline script, which the pages' CSP refuses: this context alone looks away.
        context = _context(browser, viewport={"width": width, "height": height}, color_scheme=color_scheme,
                           bypass_csp=True)
        try:
            page = context.new_page()
            for name, url in pages.items():
                page.goto(url)
                if "embed" not in name:
                    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, name
                page.screenshot(path=str(shots / f"{name}-{width}-{color_scheme}.png"), full_page=True)
                assert serious_axe_violations(page) == [], (name, width)
        finally:
            context.close()
