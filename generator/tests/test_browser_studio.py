"""The studio in a real browser: takes, versions in the address bar, undo/redo, A/B, answers beside their control."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.models import Sound
from generator.tests import test_browser as shared
from generator.tests.test_browser import TIMEOUT_MS, open_generator, serious_axe_violations, wait_for_new_sound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The same served site, browser and page as the generator's other browser tests.
site = shared.site
browser = shared.browser
page = shared.page

# Screenshots to look at (not compared): outside the repository.
SCREENSHOTS = Path(tempfile.gettempdir()) / "fartgen-screenshots"
SCREENSHOTS.mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def strict_site(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with room for one refinement an hour: the second slider move is refused."""
    with shared._served(tmp_path_factory, LIMIT_REFINEMENTS_PER_HOUR_ANON="1") as url:
        yield url


def generate_takes(page: Page, prompt: str) -> list[str]:
    """Type a prompt, press Enter, wait for its three takes; their ids, the first (the current sound) first."""
    previous = page.locator("#result").get_attribute("data-sound-id")
    page.locator("#prompt").fill(prompt)
    page.locator("#prompt").press("Enter")
    wait_for_new_sound(page, previous)
    expect(page.locator("#takes .take")).to_have_count(3)
    return [take.get_attribute("data-take-id") or "" for take in page.locator("#takes .take").all()]


def current_id(page: Page) -> str:
    return page.locator("#result").get_attribute("data-sound-id") or ""


def refine(page: Page, chip: str) -> str:
    """Press a follow-up chip of the current sound; the id of the version it makes."""
    previous = current_id(page)
    page.locator("#result .followups button", has_text=chip).click()
    return wait_for_new_sound(page, previous)


def move_slider(page: Page, name: str, presses: int) -> str:
    """Press → on a slider `presses` times, wait for the version it makes; its id."""
    previous = current_id(page)
    slider = page.locator(f"#tweak-{name}")
    slider.focus()
    for _ in range(presses):
        slider.press("ArrowRight")
    return wait_for_new_sound(page, previous)


def test_a_prompt_makes_three_different_takes_and_one_is_kept(page: Page, site: str) -> None:
    open_generator(page, site)
    take_ids = generate_takes(page, "long wet rumbler in a bathtub")
    takes = [Sound.objects.get(id=take_id) for take_id in take_ids]
    # Same reading of the words, three seeds, three different waveforms on screen.
    assert len({take.seed for take in takes}) == 3
    assert len({json.dumps({k: v for k, v in take.spec.items() if k != "seed"}) for take in takes}) == 1
    drawn = page.wait_for_function(
        "() => { const urls = [...document.querySelectorAll('#takes canvas.take-wave')].map(c => c.toDataURL());"
        " return new Set(urls).size === 3 && urls; }"
    ).json_value()
    assert len(set(drawn)) == 3
    assert [take.title for take in takes][1:] == [f"{takes[0].title}, take 2", f"{takes[0].title}, take 3"]
    # The first take plays by itself and is the current sound.
    assert current_id(page) == take_ids[0]
    page.wait_for_function("() => document.querySelector('#result audio').currentTime > 0")
    # A tap plays another take.
    second = page.locator(f'#takes .take[data-take-id="{take_ids[1]}"] [data-take-play]')
    second.click()
    expect(second).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => document.querySelector('#result audio').paused")
    # Keeping the third makes it the current sound, in the address bar too; the others stay takes.
    page.locator(f'#takes .take[data-take-id="{take_ids[2]}"] form[data-keep] button').click()
    expect(page.locator("#result")).to_have_attribute("data-sound-id", take_ids[2])
    assert page.url.endswith(f"/?sound={take_ids[2]}")
    kept = {sound.id: sound.is_take for sound in Sound.objects.filter(id__in=take_ids)}
    assert [kept[take.id] for take in takes] == [True, True, False]
    expect(page.locator(f'#takes .take[data-take-id="{take_ids[2]}"]')).to_contain_text("Kept")


def test_enter_again_makes_new_takes_and_a_double_enter_makes_one_set(page: Page, site: str) -> None:
    open_generator(page, site)
    first = generate_takes(page, "brrt brrt brrt")
    expect(page.locator("#prompt-form [data-submit]")).to_have_text("Generate again")
    page.wait_for_timeout(1100)  # a person listens first; within a second the same request would be the same
    page.locator("#prompt").press("Enter")
    # The button is disabled while the request runs, and a second Enter within the second is the same request.
    page.locator("#prompt").press("Enter")
    second = wait_for_new_sound(page, first[0])
    expect(page.locator("#takes .take")).to_have_count(3)
    page.wait_for_timeout(500)
    assert Sound.objects.count() == 6
    assert Sound.objects.get(id=second).seed not in {sound.seed for sound in Sound.objects.filter(id__in=first)}


def test_back_forward_and_reload_walk_the_versions(page: Page, site: str) -> None:
    open_generator(page, site)
    first = generate_takes(page, "short dry toot")[0]
    wetter = refine(page, "wetter")
    longer = move_slider(page, "duration_s", 5)
    assert page.url.endswith(f"/?sound={longer}")
    longer_length = page.locator("#tweak-duration_s").input_value()

    page.go_back()
    expect(page.locator("#result")).to_have_attribute("data-sound-id", wetter)
    wetter_spec = Sound.objects.get(id=wetter).spec
    expect(page.locator("#tweak-duration_s")).to_have_value(f"{wetter_spec['duration_s']:g}")
    page.go_back()
    expect(page.locator("#result")).to_have_attribute("data-sound-id", first)
    page.go_forward()
    expect(page.locator("#result")).to_have_attribute("data-sound-id", wetter)
    page.go_forward()
    expect(page.locator("#result")).to_have_attribute("data-sound-id", longer)

    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", longer)
    expect(page.locator("#tweak-duration_s")).to_have_value(longer_length)
    # A link opens the studio on that sound, its versions with it.
    page.goto(f"{site}/?sound={wetter}")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", wetter)
    expect(page.locator("#result .version")).to_have_count(3)


def test_undo_and_redo_step_along_the_version_strip(page: Page, site: str) -> None:
    open_generator(page, site)
    first = generate_takes(page, "classic")[0]
    louder = move_slider(page, "bursts", 2)
    expect(page.locator("#result .version")).to_have_count(2)
    expect(page.locator("#result .version.is-current")).to_contain_text("puffs")
    page.locator("#result-title").focus()
    page.keyboard.press("Control+z")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", first)
    expect(page.locator("#tweak-bursts")).to_have_value(str(Sound.objects.get(id=first).spec["bursts"]))
    page.locator("#result-title").focus()
    page.keyboard.press("Control+Shift+z")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", louder)
    # Typing keeps its own undo.
    page.locator("#prompt").fill("abc")
    page.locator("#prompt").press("Control+z")
    expect(page.locator("#result")).to_have_attribute("data-sound-id", louder)


def test_a_b_plays_an_earlier_version_then_this_one_and_lists_what_changed(page: Page, site: str) -> None:
    open_generator(page, site)
    generate_takes(page, "short dry toot")
    refine(page, "wetter")
    page.wait_for_function("() => document.querySelectorAll('#result .version').length === 2")
    page.evaluate(
        "window.abSeen = []; new MutationObserver(() => window.abSeen.push(document.documentElement.dataset.abPlaying))"
        ".observe(document.documentElement, {attributes: true, attributeFilter: ['data-ab-playing']})"
    )
    button = page.locator("#result .version [data-ab]").first
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#result [data-ab-panel]")).to_contain_text("Wetness")
    page.wait_for_function("() => window.abSeen.includes('B')", timeout=TIMEOUT_MS)
    assert page.evaluate("window.abSeen")[:2] == ["A", "B"]
    page.wait_for_function("() => !document.querySelector('#result audio').paused")


def test_a_refused_slider_move_says_so_beside_the_slider_and_springs_back(page: Page, strict_site: str) -> None:
    open_generator(page, strict_site)
    generate_takes(page, "short dry toot")
    move_slider(page, "pitch_hz", 3)
    before = page.locator("#tweak-pitch_hz").input_value()
    slider = page.locator("#tweak-pitch_hz")
    slider.focus()
    slider.press("ArrowRight")
    error = page.locator("#tweaks .inline-error")
    expect(error).to_contain_text("You can go on in about")
    expect(error).to_contain_text("Signing in raises the limit")
    expect(slider).to_have_value(before)
    # Beside the slider, and in view.
    slider_box, error_box = slider.bounding_box(), error.bounding_box()
    assert slider_box is not None
    assert error_box is not None
    assert 0 <= error_box["y"] - slider_box["y"] < 120
    assert error_box["y"] + error_box["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_on_a_phone_the_takes_come_into_view_after_generate(browser: Browser, site: str, color_scheme: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=color_scheme)
    page = context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        open_generator(page, site)
        page.screenshot(path=SCREENSHOTS / f"studio-360-{color_scheme}-empty.png")
        generate_takes(page, "machine gun brrt in a car")
        page.wait_for_timeout(800)  # the smooth scroll
        top = page.evaluate("document.getElementById('takes').getBoundingClientRect().top")
        assert -2 <= top < 740 / 2
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        page.screenshot(path=SCREENSHOTS / f"studio-360-{color_scheme}-takes.png")
        refine(page, "wetter")
        page.locator("#result").screenshot(path=SCREENSHOTS / f"studio-360-{color_scheme}-versions.png")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    finally:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_takes_and_versions(browser: Browser, site: str, color_scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme, bypass_csp=True)
    page = context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        open_generator(page, site)
        generate_takes(page, "tiny squeak in a quiet library")
        refine(page, "longer")
        page.wait_for_function("() => document.querySelectorAll('#result .version').length === 2")
        page.locator("#result .version [data-ab]").first.click()
        page.screenshot(path=SCREENSHOTS / f"studio-1280-{color_scheme}.png", full_page=True)
        assert serious_axe_violations(page) == []
    finally:
        context.close()
