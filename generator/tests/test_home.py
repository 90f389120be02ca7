from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from accounts.models import User
from generator.engine import PRESETS
from generator.makers import ANON_SESSION_KEY, Maker
from generator.pipeline import Update
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db


def test_the_page_opens_with_the_prompt_box_focused(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    box = re.search(r"<input[^>]*id=\"prompt\"[^>]*>", html)
    assert box is not None
    assert 'name="prompt"' in box.group(0)
    assert "autofocus" in box.group(0)
    assert 'ws-connect="/ws/generate/"' in html
    assert 'action="/generate"' in html


def test_the_page_gives_a_visitor_an_anonymous_id_before_its_socket_opens(client: Client) -> None:
    client.get("/")
    assert client.session[ANON_SESSION_KEY]


def test_every_preset_has_a_chip_with_its_description(client: Client) -> None:
    html = client.get("/").content.decode()
    for preset in PRESETS.values():
        assert preset.label in html
        assert preset.description.replace("'", "&#x27;") in html


def test_recent_sounds_are_the_visitors_own(client: Client) -> None:
    client.get("/")
    mine = make_row(anon_id=client.session[ANON_SESSION_KEY], title="My squeaky toot")
    make_row(anon_id="someone-else", title="Somebody else's rumble")
    html = client.get("/").content.decode()
    assert mine.title in html
    assert mine.get_absolute_url() in html
    assert "Somebody else" not in html


def test_a_signed_in_user_sees_their_sounds_under_the_prompt(client: Client, alice: User) -> None:
    make_row(owner=alice, title="Alice's trumpet")
    client.force_login(alice)
    assert "Alice&#x27;s trumpet" in client.get("/").content.decode()


def test_the_page_says_so_when_there_is_nothing_yet(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'id="recent"' in html
    assert "Nothing yet" in html
    assert 'class="recent-item"' not in html


def test_the_page_keeps_to_the_content_security_policy(client: Client) -> None:
    # style-src and script-src allow our own files only: no inline styles, handlers or scripts.
    client.get("/")
    make_row(anon_id=client.session[ANON_SESSION_KEY])
    response = client.get("/")
    html = response.content.decode()
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script


def test_the_progress_fragment_swaps_itself_in_by_id() -> None:
    html = render_to_string("generator/home.html#progress", {"update": Update(status="synthesizing", progress=40)})
    assert re.match(r'\s*<div id="progress"[^>]*hx-swap-oob="innerHTML"', html)
    assert 'value="40"' in html
    assert "Synthesizing" in html


def test_the_progress_fragment_shows_an_error_as_an_alert() -> None:
    update = Update(status="error", progress=0, code="rate_limited", error="Slow down a little.", retry_after_s=42)
    html = render_to_string("generator/home.html#progress", {"update": update})
    assert 'role="alert"' in html
    assert "Slow down a little." in html
    assert "<progress" not in html


def test_the_result_and_recent_fragments_swap_in_out_of_band(alice: User) -> None:
    sound = make_row(owner=alice, title="Wet one", peaks=[[-0.5, 0.5]] * 240)
    maker = Maker(user=None, anon_id="x", ip="127.0.0.1")
    result = render_to_string("generator/home.html#result", {"sound": sound, "maker": maker})
    assert re.match(r'\s*<section id="result"[^>]*hx-swap-oob="true"', result)
    assert f'data-sound-id="{sound.id}"' in result
    assert sound.audio_url() in result
    assert 'data-peaks="[[-0.5,0.5],' in result
    recent = render_to_string("generator/home.html#recent_item", {"sound": sound})
    assert re.match(r'\s*<div hx-swap-oob="afterbegin:#recent">\s*<li class="sound-row"', recent)


def test_a_link_opens_the_studio_on_the_sound_with_its_controls(alice: User) -> None:
    first = make_row(owner=alice, prompt="long wet rumbler")
    child = make_row(owner=alice, prompt="wetter", parent=first, spec={**first.spec, "wetness": 0.7})
    client = Client()
    client.force_login(alice)
    html = client.get(f"/?sound={child.id}").content.decode()
    assert f'data-sound-id="{child.id}"' in html
    assert re.search(r'id="tweak-wetness"[^>]*value="0.7"', html)
    # The version strip: the prompt, then "wetter", with undo to the first.
    assert f'href="/?sound={first.id}" data-version="{first.id}" data-undo' in html
    assert 'aria-current="step">wetter</a>' in html


def test_htmx_asks_for_the_card_and_takes_alone(alice: User, bob: User) -> None:
    sound = make_row(owner=alice)
    client = Client()
    client.force_login(alice)
    response = client.get(f"/?sound={sound.id}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.lstrip().startswith('<section id="takes"')
    assert f'data-sound-id="{sound.id}"' in html
    assert "<html" not in html
    stranger = Client()
    stranger.force_login(bob)
    assert stranger.get(f"/?sound={sound.id}", headers={"HX-Request": "true"}).status_code == 404


def test_the_length_badge_shows_the_slider_number_and_the_player_the_echo_on_top(alice: User) -> None:
    sound = make_row(owner=alice, duration_s=4.9, spec={**make_row(owner=alice).spec, "duration_s": 4.6})
    client = Client()
    client.force_login(alice)
    html = client.get(f"/?sound={sound.id}").content.decode()
    assert re.search(r'class="badge[^"]*"[^>]*>4.6 s</span>', html)
    assert re.search(r'id="tweak-duration_s"[^>]*value="4.6"', html)
    assert "4.6 s + 0.3 s echo" in html


def test_the_room_is_called_by_one_name_on_the_slider_and_the_chips(client: Client) -> None:
    sound = make_row(anon_id="x", spec={**make_row(anon_id="x").spec, "room": "hall"})
    html = render_to_string("generator/_tweaks.html", {"sound": sound})
    assert re.search(r'<option value="hall" selected>Hall</option>', html)
    assert "Hall: church, cathedral" in html
    card = render_to_string("generator/home.html#result", {"sound": sound, "maker": Maker(None, "x", "1.1.1.1")})
    assert ">in a hall</button>" in card
    assert "church" not in card
