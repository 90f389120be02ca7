from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import User
from generator.tests.sounds import logged_in, make_row
from library.models import Collection

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def _oembed(client: Client, url: str, **params: str) -> object:
    return client.get("/oembed", {"url": url, "format": "json", **params})


def test_a_shared_sound_answers_rich_with_an_iframe_of_its_embed(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, title="Proud trumpet", visibility="link")
    response = _oembed(client, f"{SITE}/sounds/{sound.id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "rich"
    assert body["version"] == "1.0"
    assert body["title"] == "Proud trumpet"
    assert (body["width"], body["height"]) == (480, 152)
    assert re.fullmatch(
        rf'<iframe src="{SITE}/sounds/{sound.id}/embed/\?size=medium" width="480" height="152" [^>]*></iframe>',
        body["html"],
    )
    assert body["thumbnail_url"] == f"{SITE}/sounds/{sound.id}/card.png"


def test_maxwidth_picks_the_largest_size_that_fits(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    assert _oembed(client, f"{SITE}/sounds/{sound.id}/", maxwidth="700").json()["width"] == 640
    assert _oembed(client, f"{SITE}/sounds/{sound.id}/", maxwidth="400").json()["width"] == 320
    assert _oembed(client, f"{SITE}/sounds/{sound.id}/", maxwidth="many").json()["width"] == 480


def test_a_shared_collection_answers_too(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Bathtub classics", visibility="public")
    body = _oembed(client, f"{SITE}/library/collections/{collection.id}/").json()
    assert body["title"] == "Bathtub classics"
    assert f"/library/collections/{collection.id}/embed/" in body["html"]


def test_a_private_sound_is_404_even_to_its_owner(alice: User) -> None:
    sound = make_row(owner=alice)
    assert _oembed(Client(), f"{SITE}/sounds/{sound.id}/").status_code == 404
    assert _oembed(logged_in(alice), f"{SITE}/sounds/{sound.id}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["", "not a url", "http://elsewhere.example/sounds/00000000-0000-0000-0000-000000000000/", f"{SITE}/explore/",
     f"{SITE}/sounds/00000000-0000-0000-0000-000000000000/", "javascript:alert(1)"],
)
def test_anything_but_a_shared_page_of_this_site_is_404(client: Client, url: str) -> None:
    assert _oembed(client, url).status_code == 404


def test_formats_other_than_json_are_not_offered(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    assert client.get("/oembed", {"url": f"{SITE}/sounds/{sound.id}/", "format": "xml"}).status_code == 501
