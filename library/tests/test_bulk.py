from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from generator.models import Sound
from library.models import Collection
from library.tests.conftest import MakeSound, row


def test_selected_sounds_go_into_a_collection(client: Client, alice: User, bob: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Best")
    mine, bobs_public, bobs_private = row(alice), row(bob, visibility="public"), row(bob)
    client.force_login(alice)
    response = client.post(
        "/library/sounds/bulk",
        {
            "action": "collect",
            "collection": collection.id,
            "sounds": [mine.id, bobs_public.id, bobs_private.id],
            "next": "/library/?q=x",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/library/?q=x")
    assert set(collection.sounds.all()) == {mine, bobs_public}


def test_another_users_collection_is_not_a_choice(client: Client, alice: User, bob: User) -> None:
    bobs = Collection.objects.create(owner=bob, name="Bob's")
    client.force_login(alice)
    client.post("/library/sounds/bulk", {"action": "collect", "collection": bobs.id, "sounds": [row(alice).id]})
    assert not bobs.items.exists()


@pytest.mark.usefixtures("media")
def test_selected_sounds_download_as_one_zip(client: Client, alice: User, bob: User, make_sound: MakeSound) -> None:
    first, second = make_sound(alice, "long wet rumbler"), make_sound(alice, "long wet rumbler again")
    Sound.objects.filter(id=second.id).update(title=first.title)
    bobs_private = make_sound(bob)
    client.force_login(alice)
    response = client.post("/library/sounds/bulk", {"action": "zip", "sounds": [first.id, second.id, bobs_private.id]})
    assert response["Content-Type"] == "application/zip"
    assert 'filename="fartgen-sounds.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    stem = Path(first.file_name("wav")).stem
    assert names == [f"{stem}-2.wav", f"{stem}.wav"], "equal titles get numbers, bob's sound is left out"
    assert all(archive.read(name)[:4] == b"RIFF" for name in names)


def test_delete_asks_first_then_trashes_only_own_sounds(client: Client, alice: User, bob: User) -> None:
    mine, bobs = row(alice, title="Mine"), row(bob, title="Bob's", visibility="public")
    client.force_login(alice)
    confirm = client.post("/library/sounds/bulk", {"action": "delete", "sounds": [mine.id, bobs.id]})
    html = confirm.content.decode()
    assert "Delete 1 sound?" in html
    assert "Bob&#x27;s" not in html
    assert Sound.objects.filter(id=mine.id).exists()
    response = client.post(
        "/library/sounds/bulk", {"action": "delete", "confirmed": "yes", "sounds": [mine.id, bobs.id]}
    )
    assert response.status_code == 302
    assert Sound.all_objects.in_trash().filter(id=mine.id).exists()
    assert Sound.objects.filter(id=bobs.id).exists()


def test_nothing_selected_or_junk_is_said_plainly(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post("/library/sounds/bulk", {"action": "zip"}, follow=True)
    assert "Select at least one sound first." in response.content.decode()
    response = client.post("/library/sounds/bulk", {"action": "zip", "sounds": ["not-an-id"]}, follow=True)
    assert "That selection names no sound." in response.content.decode()


def test_it_enforces_csrf(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/library/sounds/bulk", {"action": "zip", "sounds": [row(alice).id]}).status_code == 403
