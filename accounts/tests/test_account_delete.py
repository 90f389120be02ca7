from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.tests.conftest import PASSWORD
from generator.models import Sound
from generator.tests.sounds import made_by, stored_files
from library.models import Collection, Favorite

URL = reverse("accounts:delete")

pytestmark = pytest.mark.usefixtures("media")


def test_it_needs_a_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_get_asks_for_the_password_and_deletes_nothing(alice_client: Client, alice: User) -> None:
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert "cannot be undone" in response.text
    assert User.objects.filter(pk=alice.pk).exists()


def test_a_wrong_password_keeps_the_account(alice_client: Client, alice: User) -> None:
    response = alice_client.post(URL, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "That is not your current password." in response.text
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_deletes_the_account_its_rows_and_its_files(
    alice_client: Client, alice: User, bob: User, media: Path, django_capture_on_commit_callbacks: Callable
) -> None:
    sound = made_by(alice)
    bobs_sound = made_by(bob, "short squeaky toot")
    collection = Collection.objects.create(owner=alice, name="Mine")
    collection.sounds.add(sound, bobs_sound)
    Favorite.objects.create(user=alice, sound=bobs_sound)
    ApiToken.issue(alice, "bot")
    assert len(stored_files(media)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(URL, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account and everything in it are deleted" in response.text
    assert not response.context["user"].is_authenticated
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Sound.objects.filter(pk=sound.pk).exists()
    assert not Collection.objects.filter(owner_id=alice.pk).exists()
    assert not Favorite.objects.filter(user_id=alice.pk).exists()
    assert not ApiToken.objects.filter(user_id=alice.pk).exists()
    # bob's sound and file stay; alice's file is gone.
    assert Sound.objects.filter(pk=bobs_sound.pk).exists()
    assert [path.name for path in stored_files(media)] == [Path(bobs_sound.wav.name).name]


def test_it_enforces_csrf(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()
