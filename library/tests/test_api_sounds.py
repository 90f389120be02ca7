from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from accounts.models import User
from explore.models import Play
from generator.engine.sequence import FartSequence
from generator.engine.spec import FartSpec
from generator.models import Sound
from library import tags
from library.models import Favorite, Tag
from library.tests.conftest import Api, row


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [sound["title"] for sound in response.json()["results"]]


def test_it_lists_only_the_callers_sounds_newest_first(alice: User, bob: User, alice_api: Api) -> None:
    row(alice, title="Older", created_at=timezone.now() - datetime.timedelta(days=2))
    row(alice, title="Newer")
    row(bob, title="Bob's", visibility="public")
    body = alice_api.get("/sounds").json()
    assert [sound["title"] for sound in body["results"]] == ["Newer", "Older"]
    assert body["count"] == 2
    first = body["results"][0]
    assert first["is_mine"] is True
    assert first["audio"]["wav"].startswith(f"/sounds/{first['id']}/audio.wav?key=")
    assert first["url"] == f"/sounds/{first['id']}/"


def test_it_needs_credentials(db: None) -> None:
    response = Api().get("/sounds")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_a_bad_token_is_401_even_with_a_session(alice: User) -> None:
    api = Api("fg_not-a-token")
    api.client.force_login(alice)
    response = api.get("/sounds")
    assert response.status_code == 401
    assert response.json() == {"status": "error", "code": "unauthorized", "error": "This API token is not valid."}


def test_a_session_works_for_reading(alice: User, client: Client) -> None:
    row(alice, title="Mine")
    client.force_login(alice)
    response = client.get("/api/sounds")
    assert _titles(response) == ["Mine"]


def test_a_session_needs_csrf_for_changes(alice: User) -> None:
    sound = row(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.patch(f"/api/sounds/{sound.id}", '{"title": "x"}', content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    client.get("/library/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        f"/api/sounds/{sound.id}", '{"title": "x"}', content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_pages_have_counts_and_neighbours(alice: User, alice_api: Api) -> None:
    for number in range(5):
        row(alice, title=f"Sound {number}", created_at=timezone.now() - datetime.timedelta(minutes=number))
    first = alice_api.get("/sounds", per_page=2).json()
    assert (first["count"], first["pages"], first["next"], first["previous"]) == (5, 3, 2, None)
    assert [sound["title"] for sound in first["results"]] == ["Sound 0", "Sound 1"]
    last = alice_api.get("/sounds", per_page=2, page=3).json()
    assert ([sound["title"] for sound in last["results"]], last["next"], last["previous"]) == (["Sound 4"], None, 2)
    beyond = alice_api.get("/sounds", per_page=2, page=9).json()
    assert (beyond["results"], beyond["next"]) == ([], None)


def test_bad_query_values_are_400_bad_message(alice_api: Api) -> None:
    for query in ({"per_page": 0}, {"per_page": 101}, {"page": "x"}, {"sort": "loudest"}, {"room": "moon"}):
        response = alice_api.get("/sounds", **query)
        assert response.status_code == 400, query
        assert response.json()["code"] == "bad_message"


def test_q_searches_title_prompt_and_tags(alice: User, alice_api: Api) -> None:
    by_title = row(alice, title="Bathtub bubbler", prompt="x")
    row(alice, title="Toot", prompt="a wet one in the tub")
    tagged = row(alice, title="Plain", prompt="plain")
    tags.add(tagged, alice, "office")
    assert _titles(alice_api.get("/sounds", q="bathtub")) == [by_title.title]
    assert _titles(alice_api.get("/sounds", q="WET tub")) == ["Toot"]
    assert _titles(alice_api.get("/sounds", q="offi")) == ["Plain"]
    assert _titles(alice_api.get("/sounds", tag="Office")) == ["Plain"]
    assert _titles(alice_api.get("/sounds", q="nothing-like-it")) == []


def test_filters_and_sorts(alice: User, bob: User, alice_api: Api) -> None:
    now = timezone.now()
    row(alice, title="Short hall", duration_s=0.5, spec=FartSpec(room="hall").to_dict(), created_at=now)
    row(
        alice,
        title="Long tuba",
        duration_s=6.0,
        spec=FartSpec(preset="tuba").to_dict(),
        visibility="public",
        created_at=now - datetime.timedelta(days=10),
    )
    liked = row(bob, title="Bob's public", visibility="public")
    Favorite.objects.create(user=alice, sound=liked)
    assert _titles(alice_api.get("/sounds", room="hall")) == ["Short hall"]
    assert _titles(alice_api.get("/sounds", preset="tuba")) == ["Long tuba"]
    assert _titles(alice_api.get("/sounds", min_duration_s=1)) == ["Long tuba"]
    assert _titles(alice_api.get("/sounds", max_duration_s=1)) == ["Short hall"]
    last_week = (now - datetime.timedelta(days=7)).date().isoformat()
    assert _titles(alice_api.get("/sounds", created_after=last_week)) == ["Short hall"]
    assert _titles(alice_api.get("/sounds", created_before=last_week)) == ["Long tuba"]
    assert _titles(alice_api.get("/sounds", shared="true")) == ["Long tuba"]
    assert _titles(alice_api.get("/sounds", favorites="true")) == ["Bob's public"]
    assert _titles(alice_api.get("/sounds", sort="oldest")) == ["Long tuba", "Short hall"]
    assert _titles(alice_api.get("/sounds", sort="longest")) == ["Long tuba", "Short hall"]
    assert _titles(alice_api.get("/sounds", sort="shortest")) == ["Short hall", "Long tuba"]
    Play.objects.create(sound=Sound.objects.get(title="Long tuba"))
    assert _titles(alice_api.get("/sounds", sort="most_played")) == ["Long tuba", "Short hall"]


def test_has_parts_keeps_sounds_made_of_parts_with_their_sequence(alice: User, alice_api: Api) -> None:
    parts = FartSequence(parts=(FartSpec(duration_s=0.3), FartSpec(duration_s=2.0)), gaps_s=(0.2,))
    row(alice, title="Toot then rumble", sequence=parts.to_dict())
    row(alice, title="One toot")
    body = alice_api.get("/sounds", has_parts="true").json()
    assert [sound["title"] for sound in body["results"]] == ["Toot then rumble"]
    assert body["results"][0]["sequence"] == parts.to_dict()
    assert alice_api.get("/sounds", q="one").json()["results"][0]["sequence"] is None


def test_it_reads_one_sound(alice: User, alice_api: Api) -> None:
    sound = row(alice, title="Mine")
    tags.add(sound, alice, "keep")
    body = alice_api.get(f"/sounds/{sound.id}").json()
    assert (body["title"], body["tags"], body["is_favorite"], body["visibility"]) == (
        "Mine",
        ["keep"],
        False,
        "private",
    )


def test_bob_gets_404_for_alices_private_sound_everywhere(alice: User, bob_api: Api) -> None:
    sound = row(alice)
    for response in (
        bob_api.get(f"/sounds/{sound.id}"),
        bob_api.send("PATCH", f"/sounds/{sound.id}", {"title": "mine now"}),
        bob_api.delete(f"/sounds/{sound.id}"),
        bob_api.send("PUT", f"/sounds/{sound.id}/favorite"),
        bob_api.delete(f"/sounds/{sound.id}/favorite"),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    sound.refresh_from_db()
    assert sound.title != "mine now"


def test_bob_reads_but_cannot_change_alices_public_sound(alice: User, bob_api: Api) -> None:
    sound = row(alice, visibility="public")
    tags.add(sound, alice, "secret filing")
    body = bob_api.get(f"/sounds/{sound.id}").json()
    assert (body["is_mine"], body["tags"]) == (False, [])
    assert bob_api.send("PATCH", f"/sounds/{sound.id}", {"title": "x"}).status_code == 404
    assert bob_api.delete(f"/sounds/{sound.id}").status_code == 404


def test_anyone_reads_a_public_sound_without_credentials(alice: User) -> None:
    public, private = row(alice, visibility="public"), row(alice)
    assert Api().get(f"/sounds/{public.id}").status_code == 200
    assert Api().get(f"/sounds/{private.id}").status_code == 404


def test_patch_renames_tags_and_shares(alice: User, alice_api: Api) -> None:
    sound = row(alice, title="Machine gun")
    response = alice_api.send(
        "PATCH",
        f"/sounds/{sound.id}",
        {"title": "  Machine   gun 3 ", "tags": ["war", "#loud", "War"], "visibility": "public"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], sorted(body["tags"]), body["visibility"]) == ("Machine gun 3", ["loud", "war"], "public")
    response = alice_api.send("PATCH", f"/sounds/{sound.id}", {"tags": ["loud"]})
    assert response.json()["tags"] == ["loud"]
    assert list(Tag.objects.filter(owner=alice).values_list("name", flat=True)) == ["loud"]


def test_patch_refuses_bad_values(alice: User, bob: User, alice_api: Api, bob_api: Api) -> None:
    sound = row(alice)
    for body in (
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 121},
        {"tags": [""]},
        {"tags": ["x" * 41]},
        {"visibility": "friends"},
        {"title": 5},
        "x",
    ):
        response = alice_api.send("PATCH", f"/sounds/{sound.id}", body)
        assert response.status_code == 400, body
        assert response.json()["code"] == "bad_message"
    bobs = row(bob)
    response = bob_api.send("PATCH", f"/sounds/{bobs.id}", {"visibility": "public"})
    assert response.status_code == 403, "bob has not verified his email"
    assert "Verify your email" in response.json()["error"]


def test_delete_moves_the_sound_to_the_trash(alice: User, alice_api: Api) -> None:
    sound = row(alice)
    assert alice_api.delete(f"/sounds/{sound.id}").status_code == 204
    assert not Sound.objects.filter(id=sound.id).exists()
    assert Sound.all_objects.in_trash().filter(id=sound.id).exists(), "it waits in the trash, as on the page"
    assert alice_api.delete(f"/sounds/{sound.id}").status_code == 404


def test_favorite_and_unfavorite_are_idempotent(alice: User, bob: User, alice_api: Api) -> None:
    public = row(bob, visibility="public")
    for _ in range(2):
        assert alice_api.send("PUT", f"/sounds/{public.id}/favorite").json() == {"is_favorite": True}
    assert Favorite.objects.filter(user=alice, sound=public).count() == 1
    assert alice_api.get(f"/sounds/{public.id}").json()["is_favorite"] is True
    for _ in range(2):
        assert alice_api.delete(f"/sounds/{public.id}/favorite").json() == {"is_favorite": False}
    assert not Favorite.objects.filter(user=alice).exists()


def test_tags_list_the_callers_tags_most_used_first(alice: User, bob: User, alice_api: Api) -> None:
    first, second = row(alice), row(alice)
    tags.add(first, alice, "wet")
    tags.add(second, alice, "wet")
    tags.add(second, alice, "dry")
    tags.add(row(bob), bob, "bobs")
    assert alice_api.get("/tags").json() == [{"name": "wet", "sound_count": 2}, {"name": "dry", "sound_count": 1}]


def test_tags_leave_out_those_held_only_by_sounds_in_the_trash(alice: User, alice_api: Api) -> None:
    trashed = row(alice)
    tags.add(trashed, alice, "binned")
    tags.add(row(alice), alice, "kept")
    trashed.move_to_trash()
    assert alice_api.get("/tags").json() == [{"name": "kept", "sound_count": 1}]


def test_explore_lists_public_sounds_to_anyone(alice: User, bob: User) -> None:
    row(alice, title="Alice public", visibility="public")
    row(bob, title="Bob public", visibility="public", prompt="bubbly")
    row(alice, title="Alice private")
    row(alice, title="Taken down", visibility="public", is_hidden=True)
    assert sorted(_titles(Api().get("/explore"))) == ["Alice public", "Bob public"]
    assert _titles(Api().get("/explore", q="bubbly")) == ["Bob public"]
