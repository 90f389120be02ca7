from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.makers import ANON_SESSION_KEY
from generator.tests.sounds import make_row
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


def test_an_anonymous_maker_shares_by_link_and_a_stranger_opens_it(client: Client, db: None) -> None:
    client.get("/")  # the visitor's session and anonymous id
    sound = make_row(anon_id=client.session[ANON_SESSION_KEY])
    response = client.post(_url(sound), {"visibility": "link"}, follow=True)
    assert "Anyone with the link can open it now." in response.content.decode()
    sound.refresh_from_db()
    assert sound.visibility == "link"
    assert Client().get(sound.get_absolute_url()).status_code == 200


def test_an_anonymous_maker_cannot_publish_and_is_told_how(client: Client, db: None) -> None:
    client.get("/")
    sound = make_row(anon_id=client.session[ANON_SESSION_KEY])
    page = client.get(sound.get_absolute_url()).content.decode()
    # Said before the click: the public choice is off, with the way to get it.
    assert 'value="public" disabled' in page
    assert "Sign up and verify your email address" in page
    client.post(_url(sound), {"visibility": "public"})
    sound.refresh_from_db()
    assert sound.visibility == "private"


def test_an_unverified_owner_sees_how_to_verify_before_choosing_public(
    client: Client, bob: User, make_sound: MakeSound
) -> None:
    sound = make_sound(bob)
    client.force_login(bob)
    page = client.get(sound.get_absolute_url()).content.decode()
    assert 'value="public" disabled' in page
    assert "Verify your email address before listing it on Explore" in page
    assert reverse("accounts:account") in page


def test_an_unknown_visibility_is_refused_with_a_message(client: Client, alice: User, make_sound: MakeSound) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    response = client.post(_url(sound), {"visibility": "everyone"}, follow=True)
    assert response.status_code == 200
    assert "Choose private, anyone with the link, or public." in response.content.decode()
    sound.refresh_from_db()
    assert sound.visibility == "private"


def test_copy_link_on_a_private_sound_asks_to_share_it_by_link_first(
    client: Client, alice: User, make_sound: MakeSound
) -> None:
    sound = make_sound(alice)
    client.force_login(alice)
    page = client.get(f"/?sound={sound.id}").content.decode()
    assert "Let anyone with the link listen?" in page
    assert f'data-share-and-copy="{sound.get_absolute_url()}"' in page
    assert "data-copy-link" not in page
    sound.visibility = "link"
    sound.save(update_fields=["visibility"])
    page = client.get(f"/?sound={sound.id}").content.decode()
    assert f'data-copy-link="{sound.get_absolute_url()}"' in page
