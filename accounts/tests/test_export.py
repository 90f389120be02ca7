from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import soundfile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.tests.sounds import made_by
from library.models import Collection, Favorite, UserPreset

URL = reverse("accounts:export")

pytestmark = pytest.mark.usefixtures("media")


def _export(client: Client) -> zipfile.ZipFile:
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="fartgen-alice-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_it_exports_sounds_as_wav_and_a_manifest(alice_client: Client, alice: User, bob: User) -> None:
    mine = made_by(alice, "long wet rumbler")
    second = made_by(alice, "short squeaky toot")
    bobs = made_by(bob, "tiny dry puff")
    bobs.visibility = "public"
    bobs.save(update_fields=["visibility"])
    Favorite.objects.create(user=alice, sound=bobs)
    collection = Collection.objects.create(owner=alice, name="Best of")
    collection.sounds.add(second)
    collection.sounds.add(bobs)
    preset = UserPreset.objects.create(owner=alice, name="Thunder", spec={"duration_s": 3.0, "room": "bathtub"})
    UserPreset.objects.create(owner=bob, name="Bob's", spec={})

    archive = _export(alice_client)
    manifest = json.loads(archive.read("fartgen.json"))

    assert [entry["id"] for entry in manifest["sounds"]] == [str(mine.id), str(second.id)]
    for entry in manifest["sounds"]:
        samples, rate = soundfile.read(io.BytesIO(archive.read(entry["file"])))
        assert rate == 44100
        assert len(samples) / rate == pytest.approx(entry["duration_s"], abs=0.01)
    assert manifest["sounds"][0]["prompt"] == "long wet rumbler"
    assert manifest["collections"] == [
        {
            "id": str(collection.id),
            "name": "Best of",
            "visibility": "private",
            "created_at": collection.created_at.isoformat(),
            "sound_ids": [str(second.id), str(bobs.id)],
        }
    ]
    assert [favorite["sound_id"] for favorite in manifest["favorites"]] == [str(bobs.id)]
    assert manifest["presets"] == [
        {"name": "Thunder", "spec": preset.spec, "created_at": preset.created_at.isoformat()}
    ]
    assert manifest["account"]["username"] == "alice"
    # Only alice's own sounds are in it: bob's public favorite is listed by id, not copied.
    assert len([name for name in archive.namelist() if name.endswith(".wav")]) == 2


def test_a_missing_file_is_rendered_again_for_the_export(alice_client: Client, alice: User, media: Path) -> None:
    sound = made_by(alice)
    (media / sound.wav.name).unlink()
    archive = _export(alice_client)
    (entry,) = json.loads(archive.read("fartgen.json"))["sounds"]
    samples, _ = soundfile.read(io.BytesIO(archive.read(entry["file"])))
    assert len(samples) > 0


def test_it_needs_a_login_and_a_post(client: Client, alice: User) -> None:
    assert client.post(URL).status_code == 302
    client.force_login(alice)
    assert client.get(URL).status_code == 405


def test_it_enforces_csrf(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL).status_code == 403
