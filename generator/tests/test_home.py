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
