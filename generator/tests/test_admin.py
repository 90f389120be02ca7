from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import User
from generator.models import Sound
from generator.tests.sounds import made_by, make_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator() -> Client:
    staff = User.objects.create_superuser("mod", "mod@example.com", "moderator-passphrase-9")
    client = Client()
    client.force_login(staff)
    return client


def test_the_moderator_lists_sounds_with_filters(moderator: Client, alice: User) -> None:
    make_row(owner=alice, title="Wet thunder")
    response = moderator.get("/admin/generator/sound/")
    assert response.status_code == 200
    assert "Wet thunder" in response.text
    hidden = moderator.get("/admin/generator/sound/", {"is_hidden__exact": "1"})
    assert "Wet thunder" not in hidden.text


def test_the_moderator_hides_and_unhides_sounds(moderator: Client, alice: User, bob: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    response = moderator.post(
        "/admin/generator/sound/", {"action": "hide", "_selected_action": [str(sound.id)]}, follow=True
    )
    assert "1 sound(s) hidden" in response.text
    sound.refresh_from_db()
    assert sound.is_hidden
    moderator.post("/admin/generator/sound/", {"action": "unhide", "_selected_action": [str(sound.id)]})
    sound.refresh_from_db()
    assert not sound.is_hidden


def test_the_change_page_plays_the_sound_for_the_moderator(moderator: Client, alice: User) -> None:
    sound = make_row(owner=alice)
    response = moderator.get(f"/admin/generator/sound/{sound.id}/change/")
    assert response.status_code == 200
    assert f"/sounds/{sound.id}/audio.wav?key=" in response.text
    assert Sound.objects.get(id=sound.id).visibility == "private"


def test_sounds_cannot_be_added_by_hand(moderator: Client) -> None:
    # It used to be a form that crashed (500, NOT NULL on spec): sounds come from the generator only.
    assert moderator.get("/admin/generator/sound/add/").status_code == 403
    assert "/admin/generator/sound/add/" not in moderator.get("/admin/generator/sound/").text


def test_lengths_and_file_sizes_read_as_people_read_them(moderator: Client, alice: User) -> None:
    sound = made_by(alice, "long wet rumbler")
    listing = moderator.get("/admin/generator/sound/").text
    assert f"{sound.duration_s:.1f} s" in listing
    page = moderator.get(f"/admin/generator/sound/{sound.id}/change/").text
    assert re.search(r"WAV · sounds/[0-9a-f]{2}/[0-9a-f-]+\.wav · \d+(\.\d)?\xa0KB", page)


def test_the_moderator_sees_what_a_sound_heard_ignored_and_its_parts(moderator: Client, alice: User) -> None:
    sequence = {"parts": [{"duration_s": 0.3}, {"duration_s": 1.0}], "gaps_s": [0.4]}
    sound = make_row(
        owner=alice, sequence=sequence, understood=[{"words": "wet", "effect": "wetter"}], ignored=["gerald"]
    )
    page = moderator.get(f"/admin/generator/sound/{sound.id}/change/").text
    assert "gerald" in page
    assert "wetter" in page
    assert "gaps_s" in page
