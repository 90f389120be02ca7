from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from explore import views
from explore.models import Play
from generator.engine.spec import FartSpec
from generator.models import Sound
from generator.tests.sounds import make_row
from library.models import Favorite

pytestmark = pytest.mark.django_db


def _public(title: str, **fields: Any) -> Sound:
    return make_row(title=title, visibility="public", **fields)


def _titles(response: Any) -> list[str]:
    return [sound.title for sound in response.context["page"].object_list]


def test_explore_lists_public_sounds_newest_first_and_nothing_else(client: Client, alice: User) -> None:
    now = timezone.now()
    _public("Older toot", created_at=now - timedelta(hours=2))
    _public("Newer toot", created_at=now)
    make_row(title="Private toot", owner=alice)
    make_row(title="Link toot", visibility="link")
    make_row(title="Hidden toot", visibility="public", is_hidden=True)
    response = client.get("/explore/")
    assert response.status_code == 200
    assert _titles(response) == ["Newer toot", "Older toot"]


def test_every_row_plays_in_place_and_offers_a_remix(client: Client) -> None:
    sound = _public("Proud trumpet")
    html = client.get("/explore/").content.decode()
    assert f'data-src="/sounds/{sound.id}/audio.mp3"' in html
    assert f'data-src-opus="/sounds/{sound.id}/audio.opus"' in html
    assert f'href="/?sound={sound.id}"' in html


def test_popular_ranks_by_plays_and_favorites_of_the_last_7_days(client: Client, alice: User, bob: User) -> None:
    quiet, played, loved = _public("Quiet"), _public("Played"), _public("Loved")
    Play.objects.create(sound=played)
    Play.objects.create(sound=played)
    # Plays from long ago do not make a sound popular now.
    Play.objects.bulk_create([Play(sound=quiet, played_at=timezone.now() - timedelta(days=8)) for _ in range(5)])
    Favorite.objects.create(user=alice, sound=loved)
    Favorite.objects.create(user=bob, sound=loved)
    Play.objects.create(sound=loved)
    response = client.get("/explore/", {"sort": "popular"})
    assert _titles(response) == ["Loved", "Played", "Quiet"]
    assert "2 plays this week" in response.content.decode()


def test_search_matches_every_word_in_titles_or_prompts(client: Client) -> None:
    _public("Bathtub bubbler", prompt="wet one in the tub")
    _public("Trumpet", prompt="loud brassy bathtub blast")
    _public("Squeak", prompt="tiny squeak")
    assert sorted(_titles(client.get("/explore/", {"q": "bathtub"}))) == ["Bathtub bubbler", "Trumpet"]
    assert _titles(client.get("/explore/", {"q": "BATHTUB loud"})) == ["Trumpet"]
    empty = client.get("/explore/", {"q": "kazoo"})
    assert "No public sound matches that." in empty.content.decode()


def test_filters_by_room_and_preset(client: Client) -> None:
    _public("Tub", spec=FartSpec(room="bathtub").to_dict())
    _public("Church", spec=FartSpec(room="hall", preset="trumpet").to_dict())
    assert _titles(client.get("/explore/", {"room": "bathtub"})) == ["Tub"]
    assert _titles(client.get("/explore/", {"preset": "trumpet"})) == ["Church"]


@pytest.mark.parametrize(
    "query", [{"room": "moon"}, {"sort": "loudest"}, {"preset": "<script>"}, {"q": "x" * 101}, {"page": "-3"}]
)
def test_junk_in_the_query_string_is_never_an_error(client: Client, query: dict[str, str]) -> None:
    _public("Still here")
    response = client.get("/explore/", query)
    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def test_pages_keep_the_search(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "SOUNDS_PER_PAGE", 1)
    _public("Wet one")
    _public("Wet two")
    html = client.get("/explore/", {"q": "wet"}).content.decode()
    assert "?q=wet&amp;page=2" in html


def test_explore_is_in_the_main_navigation(client: Client) -> None:
    assert 'href="/explore/"' in client.get("/").content.decode()
