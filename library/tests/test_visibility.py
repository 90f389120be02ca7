from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from library.tests.conftest import MakeSound


def _url(sound) -> str:
    return reverse("library:visibility", args=[sound.id])


def test_a_verified_owner_publishes_and_unpublishes(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    client.post(_url(sound), {"visibility": "public"})
    sound.refresh_from_db()
    assert sound.visibility == "public"
    client.post(_url(sound), {"visibility": "private"})
    sound.refresh_from_db()
    assert sound.visibility == "private"


def test_an_unverified_owner_cannot_publish(client: Client, bob: User, make_sound: MakeSound) -> None:
    sound = make_sound(bob)
    client.force_login(bob)
    response = client.post(_url(sound), {"visibility": "public"}, follow=True)
    sound.refresh_from_db()
    assert sound.visibility == "private"
    assert "Verify your email address" in response.content.decode()


def test_bob_gets_404_on_alices_sound_even_when_public(
    client: Client, alice: User, bob: User, make_sound: MakeSound
) -> None:
    sound = make_sound(alice, visibility="public")
    client.force_login(bob)
    assert client.post(_url(sound), {"visibility": "private"}).status_code == 404
    sound.refresh_from_db()
    assert sound.visibility == "public"
