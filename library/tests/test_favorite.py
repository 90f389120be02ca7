from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from library.models import Favorite
from library.tests.conftest import MakeSound


def _url(sound) -> str:
    return reverse("library:favorite", args=[sound.id])


def test_it_toggles_a_favorite_and_answers_htmx_with_the_button(
    client: Client, alice: User, make_sound: MakeSound
) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.post(_url(sound), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert Favorite.objects.filter(user=alice, sound=sound).exists()

    response = client.post(_url(sound), headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in response.content.decode()
    assert not Favorite.objects.filter(user=alice, sound=sound).exists()


def test_without_htmx_it_redirects_back_with_a_message(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.post(_url(sound), {"next": "/library/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/library/"
    assert "Added to your favorites." in response.content.decode()


def test_it_ignores_a_next_url_on_another_site(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.post(_url(sound), {"next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert response["Location"] == sound.get_absolute_url()


def test_it_rejects_get(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    assert client.get(_url(sound)).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice, visibility="public")
    response = client.post(_url(sound))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not Favorite.objects.exists()


def test_bob_gets_404_on_alices_private_sound(client: Client, alice: User, bob: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(bob)
    assert client.post(_url(sound)).status_code == 404
    assert not Favorite.objects.exists()


def test_bob_may_favorite_alices_public_sound(client: Client, alice: User, bob: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice, visibility="public")
    client.force_login(bob)
    client.post(_url(sound))
    assert Favorite.objects.filter(user=bob, sound=sound).exists()


def test_it_enforces_csrf(alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(_url(sound)).status_code == 403
    assert not Favorite.objects.exists()


@pytest.mark.django_db
def test_favorites_hide_a_sound_its_owner_made_private(
    client: Client, alice: User, bob: User, make_sound: MakeSound
) -> None:
    sound = make_sound(alice, visibility="public")
    Favorite.toggle(bob, sound)
    sound.visibility = "private"
    sound.save(update_fields=["visibility"])
    client.force_login(bob)
    response = client.get(reverse("library:history") + "?favorites=on")
    assert sound.title not in response.content.decode()
    assert "No favorites yet" in response.content.decode()
