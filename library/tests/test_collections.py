from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from generator.makers import Maker
from generator.models import Sound
from generator.tests.sounds import make_row
from library import collections as collection_rules
from library import views
from library.models import Collection, CollectionItem

pytestmark = pytest.mark.django_db

LIST_URL = reverse("library:collections")


def _sound(owner: User, title: str = "Classic toot", **fields: Any) -> Sound:
    return make_row(owner=owner, title=title, **fields)


def _collection(owner: User, name: str = "Bathtub classics", **fields: Any) -> Collection:
    return Collection.objects.create(owner=owner, name=name, **fields)


def _collect(client: Client, sound: Sound, data: dict[str, Any]) -> Any:
    return client.post(reverse("library:collect", args=[sound.id]), data, follow=True)


def _page(client: Client, collection: Collection) -> Any:
    return client.get(collection.get_absolute_url())


# --- Starting, naming and listing ---


def test_a_signed_in_user_starts_a_collection_and_finds_it_listed(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.post(LIST_URL, {"collection-name": "  Bathtub classics  "})
    collection = Collection.objects.get(owner=alice)
    assert collection.name == "Bathtub classics"
    assert collection.visibility == "private"
    assert response.status_code == 302
    assert response["Location"] == collection.get_absolute_url()
    listing = client.get(LIST_URL).content.decode()
    assert "Bathtub classics" in listing
    assert "0 sounds" in listing


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(LIST_URL, {"collection-name": "Mine"}).status_code == 302
    assert not Collection.objects.exists()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "Give the collection a name."),
        ("   ", "Give the collection a name."),
        ("x" * 81, "Keep the name to 80 characters (this one has 81)."),
    ],
)
def test_a_bad_name_is_refused_with_a_reason(client: Client, alice: User, name: str, error: str) -> None:
    client.force_login(alice)
    response = client.post(LIST_URL, {"collection-name": name})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Collection.objects.exists()


def test_names_are_unique_per_owner_whatever_the_case(client: Client, alice: User, bob: User) -> None:
    _collection(alice, "Bathtub classics")
    client.force_login(alice)
    response = client.post(LIST_URL, {"collection-name": "BATHTUB classics"})
    assert "You already have a collection with that name." in response.content.decode()
    assert Collection.objects.filter(owner=alice).count() == 1
    client.force_login(bob)
    client.post(LIST_URL, {"collection-name": "Bathtub classics"})
    assert Collection.objects.filter(owner=bob).count() == 1


def test_html_in_a_name_is_shown_as_text(client: Client, alice: User) -> None:
    client.force_login(alice)
    client.post(LIST_URL, {"collection-name": "<script>alert(1)</script>"})
    collection = Collection.objects.get(owner=alice)
    page = _page(client, collection).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_user_with_the_most_collections_allowed_is_told_so(
    client: Client, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collection_rules, "MAX_COLLECTIONS_PER_USER", 2)
    _collection(alice, "One")
    _collection(alice, "Two")
    client.force_login(alice)
    response = client.post(LIST_URL, {"collection-name": "Three"}, follow=True)
    assert "You have 2 collections already" in response.content.decode()
    assert Collection.objects.filter(owner=alice).count() == 2


def test_the_list_shows_only_your_own_and_pages(
    client: Client, alice: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "COLLECTIONS_PER_PAGE", 2)
    for name in ("One", "Two", "Three"):
        _collection(alice, name)
    _collection(bob, "Bob's secret stash", visibility="public")
    client.force_login(alice)
    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL + "?page=2").content.decode()
    assert "Page 1 of 2" in first
    shown = [name for name in ("One", "Two", "Three") if name in first + second]
    assert sorted(shown) == ["One", "Three", "Two"]
    assert "secret stash" not in first + second


def test_with_no_collections_the_page_says_how_to_start(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert "No collections yet." in client.get(LIST_URL).content.decode()


# --- Putting sounds in ---


def test_a_sound_goes_into_a_chosen_collection_once(client: Client, alice: User) -> None:
    sound = _sound(alice)
    collection = _collection(alice)
    client.force_login(alice)
    response = _collect(client, sound, {"collection": str(collection.id), "next": sound.get_absolute_url()})
    assert "Added to “Bathtub classics”." in response.content.decode()
    again = _collect(client, sound, {"collection": str(collection.id)})
    assert "It was in “Bathtub classics” already." in again.content.decode()
    assert list(collection.sounds.all()) == [sound]


def test_a_new_collection_can_be_started_with_a_sound(client: Client, alice: User) -> None:
    sound = _sound(alice)
    client.force_login(alice)
    response = _collect(client, sound, {"collection-name": "Keepers"})
    collection = Collection.objects.get(owner=alice, name="Keepers")
    assert list(collection.sounds.all()) == [sound]
    assert "Added to “Keepers”." in response.content.decode()


def test_a_collect_form_with_no_name_adds_nothing_and_says_why(client: Client, alice: User) -> None:
    sound = _sound(alice)
    client.force_login(alice)
    response = _collect(client, sound, {"collection-name": ""})
    assert "Give the collection a name." in response.content.decode()
    assert not Collection.objects.exists()


def test_someone_elses_public_sound_can_be_collected(client: Client, alice: User, bob: User) -> None:
    sound = _sound(alice, visibility="public")
    collection = _collection(bob)
    client.force_login(bob)
    _collect(client, sound, {"collection": str(collection.id)})
    assert list(collection.sounds.all()) == [sound]


def test_someone_elses_private_sound_cannot_be_collected(client: Client, alice: User, bob: User) -> None:
    sound = _sound(alice)
    collection = _collection(bob)
    client.force_login(bob)
    response = client.post(reverse("library:collect", args=[sound.id]), {"collection": str(collection.id)})
    assert response.status_code == 404
    assert not CollectionItem.objects.exists()


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", ""])
def test_a_collection_that_is_not_yours_is_refused(client: Client, alice: User, bob: User, value: str) -> None:
    sound = _sound(bob, visibility="public")
    _collection(alice)
    collection_of_alice = Collection.objects.get(owner=alice)
    client.force_login(bob)
    target = str(collection_of_alice.id) if value == "" else value
    response = _collect(client, sound, {"collection": target})
    assert "That collection is not one of yours." in response.content.decode()
    assert not CollectionItem.objects.exists()


def test_a_full_collection_takes_no_more(client: Client, alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collection_rules, "MAX_SOUNDS_PER_COLLECTION", 1)
    first, second = _sound(alice, "First"), _sound(alice, "Second")
    collection = _collection(alice)
    client.force_login(alice)
    _collect(client, first, {"collection": str(collection.id)})
    response = _collect(client, second, {"collection": str(collection.id)})
    assert "“Bathtub classics” is full (1 sounds)." in response.content.decode()
    assert list(collection.sounds.all()) == [first]


def test_anonymous_makers_cannot_collect(client: Client, alice: User) -> None:
    sound = _sound(alice, visibility="public")
    response = client.post(reverse("library:collect", args=[sound.id]), {"collection-name": "Mine"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Collection.objects.exists()


# --- The collection's page, which is also its share link ---


def test_a_private_collection_is_404_to_everyone_but_its_owner(client: Client, alice: User, bob: User) -> None:
    collection = _collection(alice)
    assert _page(client, collection).status_code == 404
    client.force_login(bob)
    assert _page(client, collection).status_code == 404
    client.force_login(alice)
    assert _page(client, collection).status_code == 200


def test_visitors_of_a_public_collection_hear_only_what_they_may(client: Client, alice: User) -> None:
    collection = _collection(alice, visibility="public")
    shared = _sound(alice, "Shared rumble", visibility="public")
    private = _sound(alice, "Private squeak")
    taken_down = _sound(alice, "Taken down toot", visibility="public", is_hidden=True)
    for sound in (shared, private, taken_down):
        CollectionItem.objects.create(collection=collection, sound=sound)

    visitor_page = _page(client, collection).content.decode()
    assert "Shared rumble" in visitor_page
    assert "Private squeak" not in visitor_page
    assert "Taken down toot" not in visitor_page
    assert "A shared collection" in visitor_page
    # Sharing a collection does not reveal who made it.
    assert "alice" not in visitor_page
    assert "Take out" not in visitor_page

    client.force_login(alice)
    owner_page = _page(client, collection).content.decode()
    assert all(title in owner_page for title in ("Shared rumble", "Private squeak", "Taken down toot"))
    assert "2 sounds in it are private or taken down: visitors don't hear them." in owner_page
    assert "Share your private ones by link" in owner_page


def test_the_collection_page_pages_its_sounds(client: Client, alice: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "SOUNDS_PER_PAGE", 2)
    collection = _collection(alice)
    for title in ("First", "Second", "Third"):
        CollectionItem.objects.create(collection=collection, sound=_sound(alice, title))
    client.force_login(alice)
    first = _page(client, collection).content.decode()
    second = client.get(collection.get_absolute_url() + "?page=2").content.decode()
    assert "Page 1 of 2" in first
    # Last added first.
    assert "Third" in first
    assert "Second" in first
    assert "First" not in first
    assert "First" in second


def test_an_empty_collection_says_how_to_fill_it(client: Client, alice: User) -> None:
    collection = _collection(alice)
    client.force_login(alice)
    assert "Nothing in it yet." in _page(client, collection).content.decode()


# --- Tidying: take out, rename, share, delete ---


def test_taking_a_sound_out_keeps_the_sound(client: Client, alice: User) -> None:
    sound = _sound(alice)
    collection = _collection(alice)
    CollectionItem.objects.create(collection=collection, sound=sound)
    client.force_login(alice)
    response = client.post(reverse("library:collection_remove", args=[collection.id, sound.id]), follow=True)
    assert "Taken out of “Bathtub classics”." in response.content.decode()
    assert not collection.sounds.exists()
    assert Sound.objects.filter(id=sound.id).exists()


def test_bob_cannot_take_sounds_out_of_alices_collection(client: Client, alice: User, bob: User) -> None:
    sound = _sound(alice, visibility="public")
    collection = _collection(alice, visibility="public")
    CollectionItem.objects.create(collection=collection, sound=sound)
    client.force_login(bob)
    assert client.post(reverse("library:collection_remove", args=[collection.id, sound.id])).status_code == 404
    assert list(collection.sounds.all()) == [sound]


def test_the_owner_renames_and_a_bad_name_keeps_the_old_one(client: Client, alice: User) -> None:
    collection = _collection(alice)
    _collection(alice, "Taken")
    client.force_login(alice)
    client.post(collection.get_absolute_url(), {"collection-name": "Best of the bath"})
    collection.refresh_from_db()
    assert collection.name == "Best of the bath"

    refused = client.post(collection.get_absolute_url(), {"collection-name": "taken"})
    page = refused.content.decode()
    assert "You already have a collection with that name." in page
    assert '<h1 class="collection-title">Best of the bath</h1>' in page
    collection.refresh_from_db()
    assert collection.name == "Best of the bath"


def test_bob_cannot_rename_alices_public_collection(client: Client, alice: User, bob: User) -> None:
    collection = _collection(alice, visibility="public")
    client.force_login(bob)
    assert client.post(collection.get_absolute_url(), {"collection-name": "Hijacked"}).status_code == 404
    collection.refresh_from_db()
    assert collection.name == "Bathtub classics"


def test_a_verified_owner_shares_and_unshares(client: Client, alice: User) -> None:
    collection = _collection(alice)
    url = reverse("library:collection_visibility", args=[collection.id])
    client.force_login(alice)
    client.post(url, {"visibility": "public"})
    collection.refresh_from_db()
    assert collection.visibility == "public"
    client.post(url, {"visibility": "private"})
    collection.refresh_from_db()
    assert collection.visibility == "private"


def test_an_unverified_owner_cannot_share(client: Client, bob: User) -> None:
    collection = _collection(bob)
    client.force_login(bob)
    url = reverse("library:collection_visibility", args=[collection.id])
    response = client.post(url, {"visibility": "public"}, follow=True)
    assert "Verify your email address" in response.content.decode()
    collection.refresh_from_db()
    assert collection.visibility == "private"


def test_bob_cannot_change_who_sees_alices_collection(client: Client, alice: User, bob: User) -> None:
    collection = _collection(alice, visibility="public")
    client.force_login(bob)
    url = reverse("library:collection_visibility", args=[collection.id])
    assert client.post(url, {"visibility": "private"}).status_code == 404
    collection.refresh_from_db()
    assert collection.visibility == "public"


def test_delete_asks_first_then_keeps_the_sounds(client: Client, alice: User) -> None:
    sound = _sound(alice)
    collection = _collection(alice)
    CollectionItem.objects.create(collection=collection, sound=sound)
    url = reverse("library:collection_delete", args=[collection.id])
    client.force_login(alice)
    confirm = client.get(url)
    assert "Delete “Bathtub classics”?" in confirm.content.decode()
    assert Collection.objects.filter(id=collection.id).exists()
    response = client.post(url)
    assert response["Location"] == LIST_URL
    assert not Collection.objects.filter(id=collection.id).exists()
    assert Sound.objects.filter(id=sound.id).exists()


def test_bob_cannot_delete_alices_collection(client: Client, alice: User, bob: User) -> None:
    collection = _collection(alice, visibility="public")
    client.force_login(bob)
    url = reverse("library:collection_delete", args=[collection.id])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Collection.objects.filter(id=collection.id).exists()


def test_a_deleted_sound_leaves_its_collections(client: Client, alice: User) -> None:
    sound = _sound(alice)
    collection = _collection(alice)
    CollectionItem.objects.create(collection=collection, sound=sound)
    client.force_login(alice)
    client.post(reverse("library:delete", args=[sound.id]))
    # In the trash, it is out of sight but keeps its place, in case it is restored.
    assert not collection.sounds_for(Maker(user=alice, anon_id=None, ip="")).exists()
    client.post(reverse("library:delete_now", args=[sound.id]))
    assert Collection.objects.filter(id=collection.id).exists()
    assert not collection.items.exists()


@pytest.mark.parametrize(
    "url_name", ["library:collections", "library:collect", "library:collection_delete", "library:collection_visibility"]
)
def test_every_collection_form_enforces_csrf(alice: User, url_name: str) -> None:
    sound = _sound(alice)
    collection = _collection(alice)
    args = {"library:collections": [], "library:collect": [sound.id]}.get(url_name, [collection.id])
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse(url_name, args=args), {"collection-name": "New", "visibility": "public"})
    assert response.status_code == 403
    assert list(Collection.objects.values_list("name", "visibility")) == [("Bathtub classics", "private")]


# --- Where collections show up ---


def test_the_sound_page_offers_your_collections_and_says_which_hold_it(client: Client, alice: User) -> None:
    sound = _sound(alice)
    holding = _collection(alice, "Keepers")
    _collection(alice, "Other")
    CollectionItem.objects.create(collection=holding, sound=sound)
    client.force_login(alice)
    page = client.get(sound.get_absolute_url()).content.decode()
    assert "Add it to" in page
    assert f'<option value="{holding.id}">Keepers</option>' in page
    assert f'In <a href="{holding.get_absolute_url()}">Keepers</a>.' in page


def test_the_sound_page_has_no_collections_card_for_anonymous_visitors(client: Client, alice: User) -> None:
    sound = _sound(alice, visibility="public")
    assert "Create and add" not in client.get(sound.get_absolute_url()).content.decode()


def test_moderators_find_collections_in_the_admin(client: Client, alice: User) -> None:
    _collection(alice, "Rude name", visibility="public")
    admin = User.objects.create_superuser("mod", "mod@example.com", "a-long-moderator-passphrase")
    client.force_login(admin)
    response = client.get(reverse("admin:library_collection_changelist") + "?visibility__exact=public")
    assert response.status_code == 200
    assert "Rude name" in response.content.decode()


def test_the_owner_shares_a_public_collections_private_sounds_by_link(client: Client, alice: User) -> None:
    collection = _collection(alice, visibility="public")
    private = _sound(alice, "Private squeak")
    CollectionItem.objects.create(collection=collection, sound=private)
    client.force_login(alice)
    client.post(reverse("library:collection_share_sounds", args=[collection.id]))
    private.refresh_from_db()
    assert private.visibility == "link"
    assert "Private squeak" in _page(Client(), collection).content.decode()


def test_bob_cannot_share_the_sounds_of_alices_collection(client: Client, alice: User, bob: User) -> None:
    collection = _collection(alice, visibility="public")
    private = _sound(alice, "Private squeak")
    CollectionItem.objects.create(collection=collection, sound=private)
    client.force_login(bob)
    assert client.post(reverse("library:collection_share_sounds", args=[collection.id])).status_code == 404
    private.refresh_from_db()
    assert private.visibility == "private"


def test_a_collection_shared_by_link_opens_for_visitors_and_plays_all(client: Client, alice: User) -> None:
    collection = _collection(alice, visibility="link")
    CollectionItem.objects.create(collection=collection, sound=_sound(alice, "Shared rumble", visibility="link"))
    page = _page(client, collection).content.decode()
    assert "Shared rumble" in page
    assert 'data-play-all aria-controls="collection-list"' in page
    assert "data-row-play" in page
