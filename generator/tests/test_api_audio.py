from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest
from generator.tests.sounds import logged_in, made_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def sound(alice: User) -> Sound:
    return made_by(alice)



def test_the_owner_hears_the_wav_inline(alice: User, sound: Sound) -> None:
    response = logged_in(alice).get(sound.audio_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response["Content-Disposition"].startswith("inline")
    assert "public" not in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_a_download_is_an_attachment_named_after_the_title(alice: User, sound: Sound) -> None:
    response = logged_in(alice).get(sound.download_url("ogg"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{sound.file_name("ogg")}"'
    assert sound.file_name("ogg").endswith(".ogg")
    assert sound.file_name("ogg") != "fart.ogg"


def test_bob_gets_404_for_alices_private_sound(bob: User, sound: Sound) -> None:
    assert logged_in(bob).get(sound.audio_url()).status_code == 404
    assert Client().get(sound.download_url("mp3")).status_code == 404
    # The file was not even made for him.
    sound.refresh_from_db()
    assert sound.mp3.name == ""


def test_bob_hears_a_public_sound_unless_moderation_hid_it(alice: User, bob: User, sound: Sound) -> None:
    sound.visibility = Sound.Visibility.PUBLIC
    sound.save(update_fields=["visibility"])
    assert logged_in(bob).get(sound.audio_url()).status_code == 200
    sound.is_hidden = True
    sound.save(update_fields=["is_hidden"])
    assert logged_in(bob).get(sound.audio_url()).status_code == 404
    assert logged_in(alice).get(sound.audio_url()).status_code == 200


def test_a_key_for_another_sound_opens_nothing(alice: User, sound: Sound) -> None:
    other = generate(GenerationRequest(prompt="squeaky"), Maker(user=alice, anon_id=None, ip="127.0.0.1")).sound
    assert other is not None
    key = other.signed_audio_url().rsplit("key=", 1)[1]
    assert Client().get(f"{sound.audio_url()}?key={key}").status_code == 404
    assert Client().get(f"{sound.audio_url()}?key=forged").status_code == 404
    assert Client().get(sound.signed_audio_url()).status_code == 200


def test_an_unknown_format_is_404(alice: User, sound: Sound) -> None:
    assert logged_in(alice).get(f"/sounds/{sound.id}/audio.flac").status_code == 404


def test_head_answers_without_a_body(alice: User, sound: Sound) -> None:
    response = logged_in(alice).head(sound.audio_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"


def test_post_is_not_allowed(alice: User, sound: Sound) -> None:
    assert logged_in(alice).post(sound.audio_url()).status_code == 405


def test_a_player_can_ask_for_byte_ranges(alice: User, sound: Sound, media: Path) -> None:
    whole = (media / sound.wav.name).read_bytes()
    client = logged_in(alice)
    assert client.get(sound.audio_url())["Accept-Ranges"] == "bytes"
    first = client.get(sound.audio_url(), HTTP_RANGE="bytes=0-99")
    assert first.status_code == 206
    assert first.content == whole[:100]
    assert first["Content-Range"] == f"bytes 0-99/{len(whole)}"
    assert first["Content-Type"] == "audio/wav"
    tail = client.get(sound.audio_url(), HTTP_RANGE="bytes=-10")
    assert tail.content == whole[-10:]
    rest = client.get(sound.audio_url(), HTTP_RANGE=f"bytes={len(whole) - 5}-")
    assert rest.content == whole[-5:]
    beyond = client.get(sound.audio_url(), HTTP_RANGE=f"bytes={len(whole)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(whole)}"


def test_a_range_download_keeps_its_file_name(alice: User, sound: Sound) -> None:
    response = logged_in(alice).get(sound.download_url("wav"), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206
    assert response["Content-Disposition"] == f'attachment; filename="{sound.file_name("wav")}"'


def test_bob_gets_no_range_of_alices_sound_either(bob: User, sound: Sound) -> None:
    assert logged_in(bob).get(sound.audio_url(), HTTP_RANGE="bytes=0-9").status_code == 404
