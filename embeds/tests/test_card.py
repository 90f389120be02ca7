from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

from accounts.models import User
from generator.tests.sounds import logged_in, made_by, make_row
from library.models import Collection, CollectionItem

pytestmark = pytest.mark.django_db


def _image(response: object) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


def test_a_shared_sounds_card_is_a_1200_by_630_png(client: Client, alice: User) -> None:
    sound = made_by(alice, "long wet rumbler in a bathtub")
    sound.visibility = "link"
    sound.save(update_fields=["visibility"])
    response = client.get(f"/sounds/{sound.id}/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=" in response["Cache-Control"]
    image = _image(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    # The waveform is drawn in the lower part: its colour is there, and not in an empty card's.
    wave_pixels = sum(1 for pixel in image.crop((72, 390, 1128, 570)).get_flattened_data() if pixel == (167, 139, 250))
    assert wave_pixels > 5000


def test_the_card_is_drawn_once_then_served_from_the_cache(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from embeds import cards

    sound = make_row(owner=alice, visibility="public", peaks=[[-0.5, 0.5]] * 240)
    drawn: list[str] = []
    real_draw = cards._draw
    monkeypatch.setattr(cards, "_draw", lambda *args: drawn.append(args[0]) or real_draw(*args))
    first = client.get(f"/sounds/{sound.id}/card.png").content
    second = client.get(f"/sounds/{sound.id}/card.png").content
    assert first == second
    assert len(drawn) == 1


def test_a_private_sounds_card_is_404_even_to_its_owner(alice: User) -> None:
    sound = make_row(owner=alice)
    assert Client().get(f"/sounds/{sound.id}/card.png").status_code == 404
    assert logged_in(alice).get(f"/sounds/{sound.id}/card.png").status_code == 404


def test_a_shared_collection_has_a_card_too(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Bathtub classics", visibility="public")
    CollectionItem.objects.create(collection=collection, sound=make_row(owner=alice, visibility="public"))
    response = client.get(f"/library/collections/{collection.id}/card.png")
    assert response["Content-Type"] == "image/png"
    assert _image(response).size == (1200, 630)
    private = Collection.objects.create(owner=alice, name="Mine")
    assert client.get(f"/library/collections/{private.id}/card.png").status_code == 404
