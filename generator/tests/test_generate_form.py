from __future__ import annotations

import html as html_lib
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from generator.makers import ANON_SESSION_KEY
from generator.models import Sound
from generator.requests import EXAMPLE_PROMPT
from generator.tests.hostile import HOSTILE_PROMPTS
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser() -> Client:
    """A visitor without JavaScript who opened the page, so it holds a CSRF cookie like a real browser."""
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    return client


def post(client: Client, **data: Any) -> Any:
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    return client.post("/generate", {"csrfmiddlewaretoken": token, **data})


def prompt_box_value(page: str) -> str:
    box = re.search(r'<input[^>]*id="prompt"[^>]*value="([^"]*)"', page)
    assert box is not None
    return html_lib.unescape(box.group(1))


def result_page(client: Client, response: Any) -> str:
    """The page a successful post redirects to (303 See Other, so a reload does not post again)."""
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_a_plain_post_redirects_to_the_page_with_the_new_sound(browser: Client) -> None:
    response = post(browser, prompt="long wet rumbler in a bathtub")
    sound = Sound.objects.get()
    assert response["Location"] == f"/?sound={sound.id}"
    assert sound.anon_id == browser.session[ANON_SESSION_KEY]
    page = result_page(browser, response)
    assert f'data-sound-id="{sound.id}"' in page
    assert sound.audio_url() in page
    assert html_lib.escape(sound.title) in page
    assert prompt_box_value(page) == "long wet rumbler in a bathtub"


def test_reloading_the_result_page_makes_no_new_sound(browser: Client) -> None:
    response = post(browser, prompt="short dry toot")
    for _ in range(2):
        result_page(browser, response)
    assert Sound.objects.count() == 1


def test_the_result_page_of_someone_elses_private_sound_shows_an_empty_generator(
    client: Client, alice: User, bob: User
) -> None:
    secret = make_row(owner=alice)
    client.force_login(bob)
    page = client.get(f"/?sound={secret.id}").content.decode()
    assert str(secret.id) not in page
    assert html_lib.escape(secret.title) not in page


def test_a_malformed_sound_id_shows_an_empty_generator(browser: Client) -> None:
    response = browser.get("/?sound=<b>nope</b>")
    assert response.status_code == 200
    assert "data-sound-id" not in response.content.decode()


def test_the_form_refuses_a_post_without_its_csrf_token(browser: Client) -> None:
    response = browser.post("/generate", {"prompt": "a classic toot"})
    assert response.status_code == 403
    assert not Sound.objects.exists()


def test_the_form_only_takes_posts(browser: Client) -> None:
    assert browser.get("/generate").status_code == 405


def test_an_empty_prompt_makes_the_example_the_placeholder_shows(browser: Client) -> None:
    page = browser.get("/").content.decode()
    assert f'placeholder="e.g. {EXAMPLE_PROMPT}"' in page
    response = post(browser, prompt="   ")
    assert response.status_code == 303
    assert Sound.objects.get().prompt == EXAMPLE_PROMPT


def test_an_empty_follow_up_is_a_clear_error(browser: Client) -> None:
    post(browser, prompt="toot")
    parent = Sound.objects.get()
    response = post(browser, prompt="   ", parent=str(parent.id))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Type a few words" in page
    assert Sound.objects.count() == 1


def test_a_huge_prompt_is_refused_and_kept_in_the_box(browser: Client) -> None:
    huge = "very long and wet " * 40
    response = post(browser, prompt=huge)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'role="alert">\s*<p>[^<]*500', page)
    assert prompt_box_value(page) == huge
    assert not Sound.objects.exists()


def test_an_html_prompt_comes_back_as_text(browser: Client) -> None:
    page = result_page(browser, post(browser, prompt='<script>alert("pfft")</script> wet squeak'))
    assert '<script>alert("pfft")' not in page
    assert prompt_box_value(page) == '<script>alert("pfft")</script> wet squeak'


def test_a_followup_makes_a_child_of_the_sound(browser: Client) -> None:
    post(browser, prompt="short dry toot")
    parent = Sound.objects.get()
    page = result_page(browser, post(browser, prompt="wetter", parent=str(parent.id)))
    child = Sound.objects.exclude(id=parent.id).get()
    assert child.parent == parent
    assert child.spec["wetness"] > parent.spec["wetness"]
    assert f'data-sound-id="{child.id}"' in page
    # A follow-up's words were about the sound before it: the prompt box starts empty again.
    assert prompt_box_value(page) == ""


def test_the_sliders_without_javascript_make_a_child_with_those_values(browser: Client) -> None:
    post(browser, prompt="short dry toot")
    parent = Sound.objects.get()
    assert post(browser, parent=str(parent.id), wetness="0.9", bursts="3", room="car").status_code == 303
    child = Sound.objects.exclude(id=parent.id).get()
    assert child.parent == parent
    assert (child.spec["wetness"], child.spec["bursts"], child.spec["room"]) == (0.9, 3, "car")


def test_a_variation_keeps_the_spec_with_a_new_seed(browser: Client) -> None:
    post(browser, prompt="classic")
    parent = Sound.objects.get()
    post(browser, parent=str(parent.id), variation="1")
    child = Sound.objects.exclude(id=parent.id).get()
    assert child.parent == parent
    assert child.seed != parent.seed


def test_a_failed_followup_keeps_the_sound_and_the_words_on_screen(browser: Client) -> None:
    post(browser, prompt="short dry toot")
    parent = Sound.objects.get()
    response = post(browser, prompt="x" * 600, parent=str(parent.id))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-sound-id="{parent.id}"' in page
    assert 'value="' + "x" * 600 + '"' in page


def test_bob_cannot_refine_alices_private_sound(client: Client, alice: User, bob: User) -> None:
    secret = make_row(owner=alice)
    client.force_login(bob)
    response = client.post("/generate", {"prompt": "wetter", "parent": str(secret.id)})
    assert response.status_code == 404
    assert Sound.objects.count() == 1
    assert str(secret.id) not in response.content.decode()


def test_the_limit_says_when_to_try_again(browser: Client, settings: Settings) -> None:
    settings.LIMIT_GENERATIONS_PER_HOUR_ANON = 1
    assert post(browser, prompt="first toot").status_code == 303
    response = post(browser, prompt="second toot")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    page = response.content.decode()
    assert re.search(r'role="alert">\s*<p>[^<]*minute', page)
    assert prompt_box_value(page) == "second toot"
    assert Sound.objects.count() == 1


def slider_value(page: str, name: str) -> str:
    slider = re.search(rf'<input type="range" id="tweak-{name}"[^>]*value="([^"]*)"', page)
    assert slider is not None
    return slider.group(1)


def test_the_result_says_what_it_heard_and_what_it_did_not_catch(browser: Client) -> None:
    page = result_page(browser, post(browser, prompt="a wet fart in the hallway, hello"))
    chips = page.split('class="heard"')[1].split("</div>")[0]
    assert re.search(r'heard-words[^>]*>hallway</span>.*room: hall \(closest\)', chips, re.S)
    assert re.search(r"Didn't catch</h3>\s*<ul[^>]*>\s*<li[^>]*>hello</li>", chips)


def test_a_sound_in_parts_has_a_timeline_whose_links_pick_a_part_for_the_sliders(browser: Client) -> None:
    page = result_page(browser, post(browser, prompt="three short toots then a long rumble"))
    sound = Sound.objects.get()
    assert sound.sequence_obj is not None
    assert page.count('class="timeline-part"') == 4
    whole = sound.sequence_obj.overall()
    assert float(slider_value(page, "duration_s")) == pytest.approx(whole.duration_s)
    picked = browser.get(f"{sound.get_absolute_url()}?part=3").content.decode()
    last = sound.sequence_obj.parts[3]
    assert float(slider_value(picked, "duration_s")) == last.duration_s
    assert float(slider_value(picked, "pitch_hz")) == last.pitch_hz
    assert '<input type="hidden" name="part" value="3" data-tweak-part>' in picked
    assert re.search(r'<a href="[^"]*\?part=3" data-part="3" aria-current="true">Part 4</a>', picked)


@pytest.mark.parametrize("part", ["9", "-1", "x", "²"])
def test_a_part_the_sound_does_not_have_in_the_address_shows_the_whole(browser: Client, part: str) -> None:
    post(browser, prompt="two quick ones and a long one")
    sound = Sound.objects.get()
    page = browser.get(f"{sound.get_absolute_url()}?part={part}")
    assert page.status_code == 200
    assert '<input type="hidden" name="part" value="" data-tweak-part>' in page.content.decode()


def test_the_sliders_of_one_part_change_that_part_alone(browser: Client) -> None:
    post(browser, prompt="three short toots then a long rumble")
    parent = Sound.objects.get()
    assert parent.sequence_obj is not None
    last = parent.sequence_obj.parts[3].to_dict()
    form = {key: str(value) for key, value in last.items() if key not in ("preset", "seed")}
    assert post(browser, parent=str(parent.id), part="3", **{**form, "wetness": "0.9"}).status_code == 303
    child = Sound.objects.exclude(id=parent.id).get()
    assert child.sequence_obj is not None
    assert child.sequence_obj.parts[:3] == parent.sequence_obj.parts[:3]
    assert child.sequence_obj.parts[3] == parent.sequence_obj.parts[3].with_changes(wetness=0.9)


def test_a_followup_that_changes_nothing_says_so_beside_the_box_and_makes_no_sound(browser: Client) -> None:
    post(browser, prompt="short dry toot")
    parent = Sound.objects.get()
    response = post(browser, prompt="qwzxv", parent=str(parent.id))
    assert response.status_code == 400
    page = response.content.decode()
    beside = re.search(r'<p id="followup-status" class="followup-status">([^<]*)</p>', page)
    assert beside is not None
    assert html_lib.unescape(beside.group(1)) == (
        "That wouldn't change the sound, so no new one was made. I didn't catch: qwzxv."
    )
    assert 'aria-describedby="followup-status" aria-invalid="true"' in page
    assert Sound.objects.count() == 1


@pytest.mark.parametrize("prompt", HOSTILE_PROMPTS)
def test_hostile_prompts_get_a_sound_or_a_clear_message(browser: Client, prompt: str) -> None:
    response = post(browser, prompt=prompt)
    if response.status_code == 303:
        page = result_page(browser, response)
        assert 'class="heard"' in page
        assert "<script>alert" not in page
    else:
        assert response.status_code == 400
        assert re.search(r'role="alert">\s*<p>[^<]+</p>', response.content.decode())
        assert not Sound.objects.exists()


def test_a_double_click_makes_one_sound_and_both_answers_show_it(browser: Client) -> None:
    first = post(browser, prompt="short dry toot", takes="3")
    second = post(browser, prompt="short dry toot", takes="3")
    assert first.status_code == second.status_code == 303
    assert second["Location"] == first["Location"]
    assert Sound.objects.count() == 3
    kept = Sound.objects.get(take_number=1)
    assert first["Location"] == f"/?sound={kept.id}"
