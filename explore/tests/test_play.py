from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from explore.models import Play
from generator.tests.sounds import make_row

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"


def _play(client: Client, sound: object, agent: str = BROWSER) -> int:
    return client.post(reverse("explore:play", args=[sound.id]), HTTP_USER_AGENT=agent).status_code


def test_a_listener_counts_once_per_sound_per_hour(alice: User, bob: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    listener = Client()
    listener.force_login(bob)
    assert _play(listener, sound) == 204
    assert _play(listener, sound) == 204
    assert Play.objects.filter(sound=sound).count() == 1
    other = make_row(owner=alice, visibility="public")
    _play(listener, other)
    assert Play.objects.filter(sound=other).count() == 1


def test_two_anonymous_listeners_count_twice(alice: User) -> None:
    sound = make_row(owner=alice, visibility="link")
    for _ in range(2):
        visitor = Client()
        visitor.get("/")  # a session of their own
        _play(visitor, sound)
    assert Play.objects.filter(sound=sound).count() == 2


def test_the_owner_and_bots_do_not_count(alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    owner = Client()
    owner.force_login(alice)
    _play(owner, sound)
    _play(Client(), sound, agent="Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")
    _play(Client(), sound, agent="")
    assert Play.objects.count() == 0


def test_a_private_sound_is_404_and_not_counted(alice: User) -> None:
    sound = make_row(owner=alice)
    assert _play(Client(), sound) == 404
    assert Play.objects.count() == 0


def test_counting_needs_a_post(client: Client, alice: User) -> None:
    sound = make_row(owner=alice, visibility="public")
    assert client.get(reverse("explore:play", args=[sound.id])).status_code == 405
