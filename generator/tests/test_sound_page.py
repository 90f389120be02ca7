from __future__ import annotations

import uuid

import pytest
from django.test import Client

from accounts.models import User
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db


def test_alice_hears_her_private_sound_on_its_page(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, title="Alice's rumbler")
    client.force_login(alice)
    response = client.get(sound.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your sound" in page
    assert sound.audio_url() in page
    assert "Private: only you can open it." in page


def test_the_owner_can_share_favorite_or_delete_from_the_page(client: Client, alice: User) -> None:
    sound = make_row(owner=alice)
    client.force_login(alice)
    page = client.get(sound.get_absolute_url()).content.decode()
    assert f'action="/library/sounds/{sound.id}/visibility"' in page
    assert 'name="visibility" value="public"' in page
    assert f'href="/library/sounds/{sound.id}/delete"' in page
    assert f'action="/library/sounds/{sound.id}/favorite"' in page


def test_a_stranger_on_a_public_page_gets_no_owner_tools(client: Client, alice: User, bob: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    client.force_login(bob)
    page = client.get(sound.get_absolute_url()).content.decode()
    assert "visibility" not in page
    assert "/delete" not in page
    # Bob may still keep it among his favorites.
    assert f'action="/library/sounds/{sound.id}/favorite"' in page


def test_bob_gets_404_on_alices_private_sound(client: Client, alice: User, bob: User) -> None:
    sound = make_row(owner=alice)
    client.force_login(bob)
    assert client.get(sound.get_absolute_url()).status_code == 404


def test_an_anonymous_visitor_gets_404_on_someone_elses_private_sound(client: Client) -> None:
    sound = make_row(anon_id="the-maker")
    assert client.get(sound.get_absolute_url()).status_code == 404


def test_a_public_sound_is_its_own_share_page(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, title="Proud trumpet", visibility="public")
    response = client.get(sound.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Proud trumpet — Fartgen</title>" in page
    assert "Made with Fartgen" in page
    assert sound.audio_url() in page


def test_a_public_sound_hidden_by_moderation_is_gone_for_others(client: Client, alice: User, bob: User) -> None:
    sound = make_row(owner=alice, visibility="public", is_hidden=True)
    client.force_login(bob)
    assert client.get(sound.get_absolute_url()).status_code == 404


def test_an_unknown_sound_is_404(client: Client) -> None:
    assert client.get(f"/sounds/{uuid.uuid4()}/").status_code == 404
