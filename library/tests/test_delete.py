from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.models import Sound
from library.tests.conftest import MakeSound


def _url(sound) -> str:
    return reverse("library:delete", args=[sound.id])


def test_get_asks_for_confirmation_and_deletes_nothing(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.get(_url(sound))
    assert response.status_code == 200
    assert "You can restore it from there for 7 days" in response.content.decode()
    assert Sound.objects.filter(id=sound.id).exists()


def test_post_moves_the_sound_to_the_trash(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.post(_url(sound))
    assert response.status_code == 302
    assert not Sound.objects.filter(id=sound.id).exists()
    assert Sound.all_objects.get(id=sound.id).deleted_at is not None


def test_bob_gets_404_and_alices_sound_stays(client: Client, alice: User, bob: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice, visibility="public")
    client.force_login(bob)
    assert client.get(_url(sound)).status_code == 404
    assert client.post(_url(sound)).status_code == 404
    assert Sound.objects.filter(id=sound.id).exists()


def test_it_enforces_csrf(alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(_url(sound)).status_code == 403
    assert Sound.objects.filter(id=sound.id).exists()
