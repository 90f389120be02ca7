from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from generator.tests.sounds import logged_in, make_row
from library.models import Collection, CollectionItem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", ["small", "medium", "large"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_shared_sound_embeds_in_every_size_and_theme(client: Client, alice: User, size: str, theme: str) -> None:
    sound = make_row(owner=alice, title="Proud trumpet", visibility="link")
    response = client.get(f"/sounds/{sound.id}/embed/", {"size": size, "theme": theme})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-theme="{theme}" class="embed-page embed-{size}"' in html
    assert "Proud trumpet" in html
    assert f'data-src="/sounds/{sound.id}/audio.mp3"' in html
    assert f'href="/sounds/{sound.id}/" target="_blank"' in html


def test_only_embeds_may_be_framed_by_other_sites(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    embed = client.get(f"/sounds/{sound.id}/embed/")
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    for page in ("/", sound.get_absolute_url(), "/explore/"):
        response = client.get(page)
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_junk_size_and_theme_fall_back_to_the_defaults(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    html = client.get(f"/sounds/{sound.id}/embed/", {"size": "huge", "theme": "<b>"}).content.decode()
    assert 'data-theme="light" class="embed-page embed-medium"' in html


def test_a_private_or_hidden_sound_has_no_embed_even_for_its_owner(alice: User) -> None:
    private = make_row(owner=alice)
    hidden = make_row(owner=alice, visibility="public", is_hidden=True)
    owner = logged_in(alice)
    for sound in (private, hidden):
        assert owner.get(f"/sounds/{sound.id}/embed/").status_code == 404
        assert Client().get(f"/sounds/{sound.id}/embed/").status_code == 404


def test_a_shared_collection_embeds_its_shared_sounds_only(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Bathtub classics", visibility="link")
    CollectionItem.objects.create(collection=collection, sound=make_row(owner=alice, title="Shared", visibility="link"))
    CollectionItem.objects.create(collection=collection, sound=make_row(owner=alice, title="Mine only"))
    response = client.get(f"/library/collections/{collection.id}/embed/", {"size": "large", "theme": "dark"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bathtub classics" in html
    assert "Shared" in html
    assert "Mine only" not in html
    assert "data-play-all" in html
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_a_private_collection_has_no_embed(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Mine")
    assert client.get(f"/library/collections/{collection.id}/embed/").status_code == 404
