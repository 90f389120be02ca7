"""The generator page in a real browser: Debian's Chromium driven by Playwright, the site served by daphne."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import boto3
import pytest
from django.conf import settings
from django.test import Client, override_settings
from moto.server import ThreadedMotoServer
from playwright.sync_api import Browser, BrowserContext, Page, WebSocketRoute, expect, sync_playwright

from accounts.models import User
from fartgen.tests.servers import served
from generator.models import Sound
from generator.tests.cors_stripping_proxy import cors_stripping_proxy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The test has no hands: let the page start sound the way a key press lets it for a person.
    "--autoplay-policy=no-user-gesture-required",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 10_000
BROWSER_SITE = "generator.tests.browser_site:application"
S3_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
SPECTRUM_PAINTED = (
    "() => { const c = document.querySelector('#result canvas.spectrum');"
    " const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
    " for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true; return false; }"
)
STAGE_ORDER = ["interpreting", "synthesizing", "encoding", "saving", "complete"]


@pytest.fixture(scope="module")
def site(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole site (WebSockets included) served by daphne in a subprocess on the test database."""
    with _served(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module", params=[True, False], ids=["bucket-with-cors", "bucket-without-cors"])
def s3_site(
    request: pytest.FixtureRequest, django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, bool]]:
    """The site storing its audio in a bucket of moto's S3 server (another origin, as S3 is), whose CORS rules
    allow the site or not; yields the site's URL and whether the bucket allows it."""
    bucket_allows_the_site: bool = request.param
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    try:
        host, port = moto.get_host_and_port()
        with contextlib.ExitStack() as stack:
            endpoint = f"http://{host}:{port}"
            if not bucket_allows_the_site:
                endpoint = stack.enter_context(cors_stripping_proxy(endpoint))
            boto3.client("s3", endpoint_url=endpoint, **S3_CREDENTIALS).create_bucket(Bucket="fartgen-browser")
            aws = {
                "AWS_STORAGE_BUCKET_NAME": "fartgen-browser",
                "AWS_S3_ENDPOINT_URL": endpoint,
                "AWS_S3_REGION_NAME": S3_CREDENTIALS["region_name"],
                "AWS_ACCESS_KEY_ID": S3_CREDENTIALS["aws_access_key_id"],
                "AWS_SECRET_ACCESS_KEY": S3_CREDENTIALS["aws_secret_access_key"],
            }
            url = stack.enter_context(_served(tmp_path_factory, **aws))
            yield url, bucket_allows_the_site
    finally:
        moto.stop()


@contextlib.contextmanager
def _served(tmp_path_factory: pytest.TempPathFactory, **extra_env: str) -> Iterator[str]:
    media = tmp_path_factory.mktemp("media")

    def daphne(port: int) -> list[str]:
        return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), BROWSER_SITE]

    with override_settings(MEDIA_ROOT=media), served(daphne, media.parent, MEDIA_ROOT=str(media), **extra_env) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API keeps an event loop on this thread, which Django takes for async code and refuses the
    # ORM; the tests' queries are plain sync calls between browser steps, so they are safe.
    with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def open_generator(page: Page, site: str) -> None:
    page.goto(site + "/")
    # The socket is open once htmx says so; a prompt typed before that would wait in htmx's queue anyway.
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'")


def generate(page: Page, prompt: str) -> str:
    page.locator("#prompt").fill(prompt)
    page.locator("#prompt").press("Enter")
    return wait_for_new_sound(page, previous=None)


def wait_for_new_sound(page: Page, previous: str | None) -> str:
    page.wait_for_function(
        "(previous) => { const card = document.getElementById('result');"
        " return card && card.dataset.soundId && card.dataset.soundId !== previous; }",
        arg=previous,
    )
    return page.locator("#result").get_attribute("data-sound-id") or ""


def test_enter_generates_shows_progress_and_plays_the_sound(page: Page, site: str) -> None:
    open_generator(page, site)
    # Every progress fragment is swapped in separately: record each stage the page showed.
    page.evaluate(
        "window.seenStages = [];"
        "new MutationObserver(() => { const p = document.querySelector('#progress [data-status]');"
        " if (p) window.seenStages.push(p.dataset.status); })"
        ".observe(document.getElementById('progress'), {childList: true, subtree: true});"
    )
    sound_id = generate(page, "long wet rumbler in a bathtub")

    stages = page.evaluate("window.seenStages")
    assert stages[-1] == "complete"
    assert stages == sorted(stages, key=STAGE_ORDER.index), "progress never goes backwards"
    assert len(set(stages) - {"complete"}) >= 2, "the stages before completion were shown"
    expect(page.locator("#progress progress")).to_have_attribute("value", "100")

    sound = Sound.objects.get(id=sound_id)
    expect(page.locator("#result-title")).to_have_text(sound.title)
    page.wait_for_function("() => { const a = document.querySelector('#result audio'); return a.currentTime > 0; }")
    expect(page.locator("[data-play]")).to_have_attribute("aria-pressed", "true")

    # While it plays, the live spectrum (Web Audio's analyser) paints its bars behind the waveform.
    page.wait_for_function(SPECTRUM_PAINTED)

    # What plays is the Opus the socket pushed right after `complete` (no fetch); the page links the same file.
    assert page.evaluate("document.querySelector('#result audio').currentSrc").startswith("blob:")
    opus_url = page.locator("#result audio").get_attribute("data-src-opus")
    response = page.request.get(site + opus_url)
    assert response.status == 200
    assert response.headers["content-type"] == "audio/ogg; codecs=opus"
    assert len(response.body()) > 1000


def test_audio_from_an_s3_bucket_plays_with_or_without_cors(page: Page, s3_site: tuple[str, bool]) -> None:
    site, bucket_allows_the_site = s3_site
    audio_statuses: list[int] = []
    page.on("response", lambda response: "/fartgen-browser/" in response.url and audio_statuses.append(response.status))
    open_generator(page, site)
    sound_id = generate(page, "long wet rumbler")
    # A new sound plays the Opus its socket pushed; its page fetches the audio from the bucket.
    page.goto(f"{site}/sounds/{sound_id}/")
    page.locator("[data-play]").click()
    page.wait_for_function("() => document.querySelector('#result audio').currentTime > 0.2")
    # The audio view redirected to a presigned URL of the bucket, which answered.
    assert audio_statuses
    assert set(audio_statuses) <= {200, 206}
    # Without CORS the player fetches the file again without it and plays it directly (Web Audio would hear silence).
    fetched_with_cors = page.evaluate("document.querySelector('#result audio').hasAttribute('crossorigin')")
    assert fetched_with_cors == bucket_allows_the_site
    if bucket_allows_the_site:
        page.wait_for_function(SPECTRUM_PAINTED)


def test_a_second_tab_lists_the_sound_made_in_the_first(browser: Browser, site: str) -> None:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        first, second = context.new_page(), context.new_page()
        open_generator(first, site)
        open_generator(second, site)
        sound_id = generate(first, "brrt brrt brrt")
        expect(second.locator(f'#recent li[data-sound-id="{sound_id}"]')).to_have_count(1)
        # The other tab only hears about it: its own result card stays as it was.
        assert second.locator("#result").get_attribute("data-sound-id") is None
    finally:
        context.close()


def test_the_waveform_is_drawn_from_the_stored_peaks(page: Page, site: str) -> None:
    open_generator(page, site)
    generate(page, "short squeaky toot")
    painted = page.evaluate(
        "(() => { const c = document.querySelector('#result canvas.waveform');"
        " const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;"
        " return {n, total: c.width * c.height}; })()"
    )
    assert painted["total"] > 10_000
    # Bars cover a good share of the canvas, and not all of it: a drawing, not a fill.
    assert 0.05 * painted["total"] < painted["n"] < 0.9 * painted["total"]


def test_sounds_arriving_over_the_socket_get_their_mini_waveforms_in_the_recent_list(page: Page, site: str) -> None:
    # soundlist.js draws every row's waveform, the rows the socket adds to the recent list included.
    open_generator(page, site)
    generate(page, "short squeaky toot")
    expect(page.locator("#recent li.sound-row canvas.mini-wave")).to_have_count(3)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#recent canvas.mini-wave')].every((c) => {"
        " const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true; return false; })"
    )


def test_a_followup_chip_makes_a_child_of_the_current_sound(page: Page, site: str) -> None:
    open_generator(page, site)
    parent_id = generate(page, "short dry toot")
    page.locator("#result .followups button", has_text="wetter").click()
    child_id = wait_for_new_sound(page, previous=parent_id)

    child = Sound.objects.get(id=child_id)
    assert str(child.parent_id) == parent_id
    assert child.spec["wetness"] > child.parent.spec["wetness"]
    # The prompt's three takes and the child.
    expect(page.locator("#recent li.sound-row")).to_have_count(4)
    # Focus comes back to the chip's twin on the new card, so a keyboard user can press it again.
    assert page.evaluate("document.activeElement.textContent.trim()") == "wetter"


def test_a_slider_renders_a_child_sound_after_a_pause(page: Page, site: str) -> None:
    open_generator(page, site)
    parent_id = generate(page, "classic")
    slider = page.locator("#tweak-bursts")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    child_id = wait_for_new_sound(page, previous=parent_id)
    child = Sound.objects.get(id=child_id)
    assert str(child.parent_id) == parent_id
    assert child.spec["bursts"] == child.parent.spec["bursts"] + 3
    # Three key presses within the pause made one sound, not three (besides the prompt's three takes).
    assert Sound.objects.count() == 4


def test_a_sound_in_parts_shows_its_words_and_parts_and_one_part_is_tweaked_alone(page: Page, site: str) -> None:
    open_generator(page, site)
    parent_id = generate(page, "three short toots then a long rumble, meow")
    expect(page.locator("#result .heard-chip", has_text="rumble")).to_contain_text("part 4: preset: rumbler")
    expect(page.locator("#result .heard-chip-missed")).to_have_text("meow")
    parts = page.locator("#result .timeline-part")
    expect(parts).to_have_count(4)
    widths = [parts.nth(index).bounding_box()["width"] for index in range(4)]  # type: ignore[index]
    # Each part as wide as it lasts: the long rumble takes several times a toot's room.
    assert widths[3] > 4 * widths[0]
    # The sound plays on its own after a generation; the rumble lights up once the toots are over.
    page.wait_for_function("() => document.querySelector('#result audio').currentTime > 2.6")
    expect(page.locator("#result .timeline-item.is-sounding")).to_have_count(1)
    expect(page.locator("#result .timeline-item.is-sounding .timeline-part")).to_have_attribute("data-part", "3")
    parts.nth(3).click()
    parent = Sound.objects.get(id=parent_id)
    assert parent.sequence_obj is not None
    last = parent.sequence_obj.parts[3]
    expect(page.locator("[data-tweak-choices] a[aria-current]")).to_have_text("Part 4")
    # The slider shows the part's length at its step (0.1 s).
    assert float(page.locator("#tweak-duration_s").input_value()) == pytest.approx(last.duration_s, abs=0.05)
    slider = page.locator("#tweak-wetness")
    slider.focus()
    for _ in range(5):
        slider.press("ArrowRight")
    child = Sound.objects.get(id=wait_for_new_sound(page, previous=parent_id))
    assert child.sequence_obj is not None
    assert child.sequence_obj.parts[:3] == parent.sequence_obj.parts[:3]
    # Only the slider the hand moved changed: the others were not sent back rounded to their steps.
    assert child.sequence_obj.parts[3] == last.with_changes(wetness=round(last.wetness + 0.05, 2))
    # The part stays picked for the next tweak.
    expect(page.locator("#result .timeline-part[aria-current]")).to_have_attribute("data-part", "3")


def test_space_plays_and_pauses_outside_text_fields(page: Page, site: str) -> None:
    open_generator(page, site)
    generate(page, "long goodbye")
    page.wait_for_function("() => !document.querySelector('#result audio').paused")
    page.locator("#result-title").focus()
    page.keyboard.press(" ")
    page.wait_for_function("() => document.querySelector('#result audio').paused")
    expect(page.locator("[data-play]")).to_have_attribute("aria-pressed", "false")
    page.locator("#prompt").focus()
    page.keyboard.press(" ")
    assert page.evaluate("document.querySelector('#result audio').paused")
    assert page.locator("#prompt").input_value().endswith(" ")


def test_without_its_socket_the_page_falls_back_to_a_plain_post(browser: Browser, site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        # The socket is refused, as a proxy that does not pass WebSockets would.
        page.route_web_socket("**/ws/generate/", lambda socket: socket.close())
        page.goto(site + "/")
        page.wait_for_function("() => document.documentElement.dataset.socket === 'closed'")
        page.locator("#prompt").fill("short dry toot")
        with page.expect_navigation():
            page.locator("#prompt").press("Enter")
        # The first of its three takes is the current sound.
        sound = Sound.objects.get(take_number=1)
        assert Sound.objects.count() == 3
        assert page.url == f"{site}/?sound={sound.id}"
        expect(page.locator("#result")).to_have_attribute("data-sound-id", str(sound.id))
    finally:
        context.close()


def test_a_card_from_the_socket_still_posts_when_the_socket_is_gone(page: Page, site: str) -> None:
    sockets: list[WebSocketRoute] = []

    def pass_through(socket: WebSocketRoute) -> None:
        socket.connect_to_server()
        sockets.append(socket)

    page.route_web_socket("**/ws/generate/", pass_through)
    open_generator(page, site)
    parent_id = generate(page, "short dry toot")
    sockets[0].close()
    page.wait_for_function("() => document.documentElement.dataset.socket === 'closed'")
    with page.expect_navigation():
        page.locator("#result .followups button", has_text="wetter").click()
    child = Sound.objects.get(parent_id=parent_id)
    expect(page.locator("#result")).to_have_attribute("data-sound-id", str(child.id))


def test_the_socket_comes_back_by_itself_after_the_server_closes_it(page: Page, site: str) -> None:
    # The server closes a socket with 1011 after telling it "busy" (Redis away): htmx reconnects, with a delay that
    # grows from 0.5 s but never passes 5 s, so the page is back within seconds of Redis.
    sockets: list[WebSocketRoute] = []

    def pass_through(socket: WebSocketRoute) -> None:
        socket.connect_to_server()
        sockets.append(socket)

    page.route_web_socket("**/ws/generate/", pass_through)
    open_generator(page, site)
    delays_ms = page.evaluate("() => [0, 1, 3, 10, 50].map((n) => htmx.config.wsReconnectDelay(n))")
    assert delays_ms[0] <= 500
    assert max(delays_ms) <= 5000
    sockets[0].close(code=1011, reason="busy")
    page.wait_for_function("() => document.documentElement.dataset.socket === 'closed'")
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'", timeout=3000)
    assert len(sockets) == 2
    # The first of the prompt's takes is the current sound.
    assert generate(page, "short dry toot") == str(Sound.objects.get(take_number=1).id)


def test_the_page_fits_a_360_pixel_phone(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        open_generator(page, site)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        generate(page, "machine gun brrt in a car")
        page.locator(".presets summary").click()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    finally:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_problems(browser: Browser, site: str, color_scheme: str) -> None:
    # axe arrives as an inline script, which the page's CSP (rightly) refuses: this context alone looks away.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme, bypass_csp=True)
    page = context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        open_generator(page, site)
        generate(page, "tiny squeak in a quiet library")
        page.locator(".presets summary").click()
        assert serious_axe_violations(page) == []
    finally:
        context.close()


def signed_in_context(browser: Browser, site: str, user: User, **options: object) -> BrowserContext:
    """A browser context signed in as user: the session cookie made the way Django's test client makes it."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return context


def serious_axe_violations(page: Page) -> list[dict[str, object]]:
    """What axe finds serious or critical on the page (its script is added to the page; the context must bypass
    the CSP, which rightly refuses an inline script): id, impact and the first five places of each."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
