from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from generator.models import Sound
from generator.tests.sounds import make_row
from library.models import Collection, Favorite

TRASH_URL = reverse("library:trash")


def _trashed_sound(owner: User, days_ago: float = 0, **fields: object) -> Sound:
    sound = make_row(owner=owner, **fields)
    Sound.all_objects.filter(pk=sound.pk).update(deleted_at=timezone.now() - timedelta(days=days_ago))
    return sound


def _trashed_collection(owner: User, name: str = "Bathtub classics", days_ago: float = 0) -> Collection:
    collection = Collection.objects.create(owner=owner, name=name)
    Collection.all_objects.filter(pk=collection.pk).update(deleted_at=timezone.now() - timedelta(days=days_ago))
    return collection


def test_deleting_says_undo_and_undo_restores(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, title="Bathtub thunder")
    client.force_login(alice)
    page = client.post(reverse("library:delete", args=[sound.id]), follow=True)
    restore_url = reverse("library:restore", args=[sound.id])
    assert "“Bathtub thunder” moved to the trash." in page.text
    assert f'action="{restore_url}"' in page.text
    assert ">Undo</button>" in page.text
    # Out of sight everywhere while it is in the trash.
    assert "Bathtub thunder" not in client.get(reverse("library:history")).text
    assert client.get(sound.get_absolute_url()).status_code == 404

    back = client.post(restore_url, follow=True)
    assert back.redirect_chain == [(sound.get_absolute_url(), 302)]
    assert "“Bathtub thunder” is back." in back.text
    assert Sound.objects.filter(pk=sound.pk, deleted_at__isnull=True).exists()


def test_a_trashed_public_sound_is_gone_for_visitors(client: Client, alice: User) -> None:
    sound = _trashed_sound(alice, visibility="public")
    assert client.get(sound.get_absolute_url()).status_code == 404
    assert client.get(sound.audio_url()).status_code == 404


def test_the_trash_page_lists_what_can_be_restored(client: Client, alice: User, bob: User) -> None:
    _trashed_sound(alice, title="Fresh in the trash", days_ago=1)
    _trashed_sound(alice, title="Too old to restore", days_ago=8)
    _trashed_sound(bob, title="Bob's trash")
    make_row(owner=alice, title="Still alive")
    _trashed_collection(alice, "Old favourites")
    client.force_login(alice)
    page = client.get(TRASH_URL).text
    assert "Fresh in the trash" in page
    assert "Old favourites" in page
    assert "Too old to restore" not in page
    assert "Bob&#x27;s trash" not in page
    assert "Still alive" not in page


def test_an_anonymous_maker_has_a_trash_too(client: Client, db: None) -> None:
    client.get("/")
    session = client.session
    session["anon_id"] = "anon-trash"
    session.save()
    sound = make_row(anon_id="anon-trash", title="Anonymous toot")
    client.post(reverse("library:delete", args=[sound.id]))
    assert "Anonymous toot" in client.get(TRASH_URL).text
    client.post(reverse("library:restore", args=[sound.id]))
    assert Sound.objects.filter(pk=sound.pk).exists()


def test_a_sound_past_seven_days_cannot_be_restored(client: Client, alice: User) -> None:
    sound = _trashed_sound(alice, days_ago=7.01)
    client.force_login(alice)
    assert client.post(reverse("library:restore", args=[sound.id])).status_code == 404
    assert not Sound.objects.filter(pk=sound.pk).exists()


def test_delete_now_removes_it_for_good(client: Client, alice: User) -> None:
    sound = _trashed_sound(alice)
    client.force_login(alice)
    response = client.post(reverse("library:delete_now", args=[sound.id]), follow=True)
    assert "is gone for good" in response.text
    assert not Sound.all_objects.filter(pk=sound.pk).exists()


def test_delete_now_only_takes_what_is_in_the_trash(client: Client, alice: User) -> None:
    sound = make_row(owner=alice)
    client.force_login(alice)
    assert client.post(reverse("library:delete_now", args=[sound.id])).status_code == 404
    assert Sound.objects.filter(pk=sound.pk).exists()


@pytest.mark.parametrize("url_name", ["library:restore", "library:delete_now"])
def test_bob_gets_404_for_alices_trashed_sound(client: Client, alice: User, bob: User, url_name: str) -> None:
    sound = _trashed_sound(alice)
    client.force_login(bob)
    assert client.post(reverse(url_name, args=[sound.id])).status_code == 404
    assert Sound.all_objects.get(pk=sound.pk).deleted_at is not None


@pytest.mark.parametrize("url_name", ["library:collection_restore", "library:collection_delete_now"])
def test_bob_gets_404_for_alices_trashed_collection(client: Client, alice: User, bob: User, url_name: str) -> None:
    collection = _trashed_collection(alice)
    client.force_login(bob)
    assert client.post(reverse(url_name, args=[collection.id])).status_code == 404
    assert Collection.all_objects.get(pk=collection.pk).deleted_at is not None


def test_deleting_a_collection_says_undo_and_undo_restores_it(client: Client, alice: User) -> None:
    collection = Collection.objects.create(owner=alice, name="Bathtub classics")
    sound = make_row(owner=alice)
    collection.sounds.add(sound)
    client.force_login(alice)
    page = client.post(reverse("library:collection_delete", args=[collection.id]), follow=True)
    assert "“Bathtub classics” moved to the trash." in page.text
    assert reverse("library:collection_restore", args=[collection.id]) in page.text
    assert client.get(collection.get_absolute_url()).status_code == 404

    client.post(reverse("library:collection_restore", args=[collection.id]))
    restored = Collection.objects.get(pk=collection.pk)
    assert restored.name == "Bathtub classics"
    assert list(restored.sounds.all()) == [sound]


def test_a_trashed_collection_frees_its_name_and_comes_back_renamed(client: Client, alice: User) -> None:
    old = _trashed_collection(alice, "Bathtub classics")
    client.force_login(alice)
    client.post(reverse("library:collections"), {"collection-name": "bathtub CLASSICS"})
    assert Collection.objects.filter(owner=alice, name="bathtub CLASSICS").exists()
    page = client.post(reverse("library:collection_restore", args=[old.id]), follow=True)
    assert "as “Bathtub classics (restored)”" in page.text
    assert Collection.objects.get(pk=old.pk).name == "Bathtub classics (restored)"


def test_trashed_favorites_leave_the_favorites_list(client: Client, alice: User, bob: User) -> None:
    sound = make_row(owner=bob, title="Bob's public toot", visibility="public")
    Favorite.objects.create(user=alice, sound=sound)
    Sound.objects.filter(pk=sound.pk).update(deleted_at=timezone.now())
    client.force_login(alice)
    assert "public toot" not in client.get(reverse("library:history") + "?show=favorites").text


@pytest.mark.parametrize(
    "url_name", ["library:restore", "library:delete_now", "library:collection_restore", "library:collection_delete_now"]
)
def test_every_trash_form_enforces_csrf(alice: User, url_name: str) -> None:
    target = _trashed_collection(alice) if "collection" in url_name else _trashed_sound(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse(url_name, args=[target.id])).status_code == 403
    assert type(target).all_objects.get(pk=target.pk).deleted_at is not None
