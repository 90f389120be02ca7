"""The tags a pasted link unfurls into, on sound and collection pages."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from generator.tests.sounds import logged_in, make_row
from library.models import Collection

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def test_a_shared_sound_page_carries_open_graph_twitter_player_and_oembed_discovery(
    client: Client, alice: User
) -> None:
    sound = make_row(owner=alice, title="Proud trumpet", prompt="a proud trumpet", visibility="link")
    html = client.get(sound.get_absolute_url()).content.decode()
    expected = [
        '<meta property="og:title" content="Proud trumpet">',
        '<meta property="og:description" content="“a proud trumpet”, a 1.5 second fart synthesized by Fartgen.',
        f'<meta property="og:url" content="{SITE}/sounds/{sound.id}/">',
        f'<meta property="og:image" content="{SITE}/sounds/{sound.id}/card.png">',
        f'<meta property="og:audio" content="{SITE}/sounds/{sound.id}/audio.mp3">',
        '<meta property="og:audio:type" content="audio/mpeg">',
        '<meta name="twitter:card" content="player">',
        f'<meta name="twitter:player" content="{SITE}/sounds/{sound.id}/embed/?size=medium">',
        '<meta name="twitter:player:width" content="480">',
        '<meta name="twitter:player:height" content="152">',
        f'<meta name="twitter:player:stream" content="{SITE}/sounds/{sound.id}/audio.mp3">',
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?url=http%3A%2F%2F',
    ]
    for tag in expected:
        assert tag in html, tag


def test_the_discovery_link_answers(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    html = client.get(sound.get_absolute_url()).content.decode()
    href = html.split('type="application/json+oembed" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert client.get(href.removeprefix(SITE)).json()["type"] == "rich"


def test_a_private_sound_page_has_no_preview_tags(alice: User) -> None:
    sound = make_row(owner=alice)
    html = logged_in(alice).get(sound.get_absolute_url()).content.decode()
    assert "og:image" not in html
    assert "json+oembed" not in html


def test_a_shared_collection_page_unfurls_with_its_card(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Bathtub classics", visibility="public")
    html = client.get(collection.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{SITE}/library/collections/{collection.id}/card.png">' in html
    assert f'content="{SITE}/library/collections/{collection.id}/embed/?size=medium"' in html
    assert "og:audio" not in html
