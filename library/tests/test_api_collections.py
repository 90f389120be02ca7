from __future__ import annotations

from accounts.models import User
from library import collections as collection_rules
from library.models import Collection
from library.tests.conftest import Api, row


def _collection(owner: User, name: str = "Best", visibility: str = "private") -> Collection:
    return Collection.objects.create(owner=owner, name=name, visibility=visibility)


def test_create_list_read_rename_share_and_delete(alice: User, alice_api: Api) -> None:
    response = alice_api.send("POST", "/collections", {"name": "Bathtub classics"})
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["name"], created["visibility"], created["sound_count"], created["is_mine"]) == (
        "Bathtub classics",
        "private",
        0,
        True,
    )
    path = f"/collections/{created['id']}"
    assert [c["name"] for c in alice_api.get("/collections").json()["results"]] == ["Bathtub classics"]
    assert alice_api.get(path).json()["id"] == created["id"]
    patched = alice_api.send("PATCH", path, {"name": "Tub", "visibility": "public"}).json()
    assert (patched["name"], patched["visibility"]) == ("Tub", "public")
    assert alice_api.delete(path).status_code == 204
    assert not Collection.objects.filter(owner=alice).exists()


def test_names_are_unique_per_owner_whatever_the_case(alice: User, alice_api: Api) -> None:
    _collection(alice, "Best")
    response = alice_api.send("POST", "/collections", {"name": "BEST"})
    assert response.status_code == 409
    assert response.json()["code"] == "refused"
    assert alice_api.send("POST", "/collections", {"name": ""}).status_code == 400


def test_sounds_go_in_and_out(alice: User, bob: User, alice_api: Api) -> None:
    collection = _collection(alice)
    mine, bobs_public, bobs_private = row(alice), row(bob, visibility="public"), row(bob)
    base = f"/collections/{collection.id}/sounds"
    assert alice_api.send("PUT", f"{base}/{mine.id}").status_code == 201
    assert alice_api.send("PUT", f"{base}/{mine.id}").json() == {"added": False}
    assert alice_api.send("PUT", f"{base}/{bobs_public.id}").status_code == 201
    assert alice_api.send("PUT", f"{base}/{bobs_private.id}").status_code == 404
    listed = alice_api.get(base).json()
    assert {sound["id"] for sound in listed["results"]} == {str(mine.id), str(bobs_public.id)}
    assert alice_api.get(f"/collections/{collection.id}").json()["sound_count"] == 2
    assert alice_api.delete(f"{base}/{mine.id}").status_code == 204
    assert alice_api.delete(f"{base}/{mine.id}").status_code == 404


def test_a_full_collection_refuses_more(alice: User, alice_api: Api, monkeypatch) -> None:
    monkeypatch.setattr(collection_rules, "MAX_SOUNDS_PER_COLLECTION", 1)
    collection = _collection(alice)
    first, second = row(alice), row(alice)
    assert alice_api.send("PUT", f"/collections/{collection.id}/sounds/{first.id}").status_code == 201
    response = alice_api.send("PUT", f"/collections/{collection.id}/sounds/{second.id}")
    assert (response.status_code, response.json()["code"]) == (409, "refused")


def test_bob_gets_404_for_alices_private_collection(alice: User, bob_api: Api) -> None:
    collection = _collection(alice)
    sound = row(alice)
    collection_rules.add(collection, sound)
    path = f"/collections/{collection.id}"
    for response in (
        bob_api.get(path),
        bob_api.get(f"{path}/sounds"),
        bob_api.send("PATCH", path, {"name": "mine"}),
        bob_api.delete(path),
        bob_api.send("PUT", f"{path}/sounds/{sound.id}"),
        bob_api.delete(f"{path}/sounds/{sound.id}"),
    ):
        assert response.status_code == 404
    assert Collection.objects.get(id=collection.id).items.count() == 1


def test_a_public_collection_shows_visitors_only_what_they_may_hear(alice: User, bob_api: Api) -> None:
    collection = _collection(alice, visibility="public")
    collection_rules.add(collection, row(alice, title="Shared", visibility="public"))
    collection_rules.add(collection, row(alice, title="Private"))
    body = bob_api.get(f"/collections/{collection.id}/sounds").json()
    assert [sound["title"] for sound in body["results"]] == ["Shared"]
    assert Api().get(f"/collections/{collection.id}").json()["is_mine"] is False
    assert bob_api.send("PATCH", f"/collections/{collection.id}", {"name": "x"}).status_code == 404


def test_sharing_needs_a_verified_email(bob: User, bob_api: Api) -> None:
    response = bob_api.send("POST", "/collections", {"name": "Mine", "visibility": "public"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
