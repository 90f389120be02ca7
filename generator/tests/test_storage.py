from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from accounts.models import User
from generator.engine import FartSpec
from generator.engine.sequence import FartSequence
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import generate
from generator.requests import GenerationRequest
from generator.tests.sounds import logged_in, made_by, stored_files, use_storage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_a_generated_sound_has_its_wav_on_storage(alice: User, media: Path) -> None:
    sound = made_by(alice)
    assert stored_files(media) == [media / sound.wav.name]
    assert (media / sound.wav.name).read_bytes()[:4] == b"RIFF"
    assert sound.mp3.name == ""
    assert sound.ogg.name == ""


def test_when_the_file_cannot_be_written_no_row_is_left(alice: User, settings: Settings, media: Path) -> None:
    use_storage(settings, "generator.tests.sounds.FailingStorage", location=str(media))
    update = generate(GenerationRequest(prompt="short toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.status == "error"
    assert update.code == "internal"
    assert update.error
    assert not Sound.objects.exists()
    assert stored_files(media) == []


def test_a_write_cut_short_by_a_full_disk_leaves_no_partial_file(alice: User, settings: Settings, media: Path) -> None:
    use_storage(settings, "generator.tests.sounds.DiskFillsUpStorage", location=str(media))
    update = generate(GenerationRequest(prompt="short toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.code == "internal"
    assert update.error == "We couldn't store that sound just now. Please try again in a moment."
    assert not Sound.objects.exists()
    assert stored_files(media) == []


def test_when_the_row_cannot_be_written_the_file_is_removed(alice: User, media: Path) -> None:
    # A real refusal by PostgreSQL (the trigger goes away with the test's transaction).
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_sound() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'read-only'; END $$"
            " LANGUAGE plpgsql;"
            "CREATE TRIGGER refuse_sound BEFORE INSERT ON generator_sound FOR EACH ROW EXECUTE FUNCTION refuse_sound()"
        )
    update = generate(GenerationRequest(prompt="short toot"), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.status == "error"
    assert update.code == "internal"
    assert not Sound.objects.exists()
    assert stored_files(media) == []


def test_deleting_a_sound_deletes_its_files(
    alice: User, media: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    sound = made_by(alice)
    client = Client()
    client.force_login(alice)
    assert client.get(sound.audio_url("mp3")).status_code == 200
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        sound.delete()
    assert stored_files(media) == []


def test_mp3_and_ogg_are_made_on_first_request_and_kept(alice: User, media: Path) -> None:
    sound = made_by(alice)
    client = Client()
    client.force_login(alice)
    formats = (("mp3", "audio/mpeg", (b"ID3", b"\xff\xfb", b"\xff\xf3")), ("ogg", "audio/ogg", (b"OggS",)))
    for fmt, content_type, magic in formats:
        first = client.get(sound.audio_url(fmt))
        assert first.status_code == 200
        assert first["Content-Type"] == content_type
        assert b"".join(first.streaming_content).startswith(magic)
        sound.refresh_from_db()
        kept = sound.audio_field(fmt).name
        assert (media / kept).is_file()
        assert client.get(sound.audio_url(fmt)).status_code == 200
        sound.refresh_from_db()
        assert sound.audio_field(fmt).name == kept
    assert len(stored_files(media)) == 3


def test_a_missing_wav_is_rendered_again_from_the_spec_identically(alice: User, media: Path) -> None:
    sound = made_by(alice)
    original = (media / sound.wav.name).read_bytes()
    (media / sound.wav.name).unlink()
    client = Client()
    client.force_login(alice)
    response = client.get(sound.audio_url("wav"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original
    sound.refresh_from_db()
    assert (media / sound.wav.name).read_bytes() == original


def test_a_missing_mp3_is_made_again(alice: User, media: Path) -> None:
    sound = made_by(alice)
    client = Client()
    client.force_login(alice)
    client.get(sound.audio_url("mp3"))
    sound.refresh_from_db()
    (media / sound.mp3.name).unlink()
    response = client.get(sound.audio_url("mp3"))
    assert response.status_code == 200
    sound.refresh_from_db()
    assert (media / sound.mp3.name).is_file()


def test_an_mp3_of_a_damaged_wav_is_made_from_the_spec(alice: User, media: Path) -> None:
    sound = made_by(alice)
    (media / sound.wav.name).write_bytes(b"RIFF but not really a wave file")
    client = Client()
    client.force_login(alice)
    response = client.get(sound.audio_url("mp3"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_a_missing_wav_of_a_sound_of_parts_is_rendered_again_from_its_parts(alice: User, media: Path) -> None:
    sequence = FartSequence((FartSpec(duration_s=0.3, seed=1), FartSpec(duration_s=1.0, seed=2)), (0.4,))
    update = generate(GenerationRequest(sequence=sequence), Maker(user=alice, anon_id=None, ip="127.0.0.1"))
    assert update.sound is not None
    sound = update.sound
    original = (media / sound.wav.name).read_bytes()
    (media / sound.wav.name).unlink()
    response = logged_in(alice).get(sound.audio_url("wav"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original
