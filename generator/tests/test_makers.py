from __future__ import annotations

import re

import pytest
from channels.layers import BaseChannelLayer
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import ApiToken, User
from generator.makers import ANON_SESSION_KEY, InvalidToken, Maker, ensure_anon_id, limit_network
from generator.models import Sound
from generator.tests.sounds import make_row

GROUP_NAME = re.compile(BaseChannelLayer.group_name_regex.pattern)


def anonymous_request(rf: RequestFactory, **headers: str) -> object:
    request = rf.get("/", **headers)
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


@pytest.mark.django_db
def test_a_signed_in_request_makes_a_user_maker(rf: RequestFactory, alice: User) -> None:
    request = rf.get("/", REMOTE_ADDR="198.51.100.4")
    request.user = alice
    request.session = SessionStore()
    maker = Maker.from_request(request)
    assert maker.user == alice
    assert maker.anon_id is None
    assert maker.is_authenticated
    assert maker.ip == "198.51.100.4"
    assert maker.group == f"maker.user.{alice.pk}"


@pytest.mark.django_db
def test_an_anonymous_request_uses_the_anon_id_of_its_session(rf: RequestFactory) -> None:
    request = anonymous_request(rf)
    anon_id = ensure_anon_id(request)
    assert ensure_anon_id(request) == anon_id
    maker = Maker.from_request(request)
    assert maker.user is None
    assert maker.anon_id == anon_id
    assert not maker.is_authenticated
    assert maker.group == f"maker.anon.{anon_id}"


@pytest.mark.django_db
def test_an_anonymous_request_without_session_id_gets_a_fresh_one_each_time(rf: RequestFactory) -> None:
    first = Maker.from_request(anonymous_request(rf))
    second = Maker.from_request(anonymous_request(rf))
    assert first.anon_id
    assert second.anon_id
    assert first.anon_id != second.anon_id


@pytest.mark.django_db
def test_the_anon_id_is_kept_in_the_session_data_and_survives_a_login(client: Client, alice: User) -> None:
    session = client.session
    session[ANON_SESSION_KEY] = "visitor-123"
    session.save()
    key_before = session.session_key
    client.force_login(alice)
    assert client.session.session_key != key_before
    assert client.session[ANON_SESSION_KEY] == "visitor-123"


@pytest.mark.django_db
def test_a_bearer_token_makes_its_owner_the_maker(rf: RequestFactory, alice: User) -> None:
    _, raw = ApiToken.issue(alice, "script")
    request = anonymous_request(rf, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert Maker.from_request(request).user == alice


@pytest.mark.django_db
def test_a_wrong_bearer_token_is_refused_not_treated_as_anonymous(rf: RequestFactory, alice: User) -> None:
    ApiToken.issue(alice, "script")
    request = anonymous_request(rf, HTTP_AUTHORIZATION="Bearer fg_not-a-real-token")
    with pytest.raises(InvalidToken):
        Maker.from_request(request)


@pytest.mark.django_db
def test_a_scope_with_a_user_makes_a_user_maker(alice: User) -> None:
    maker = Maker.from_scope({"user": alice, "session": SessionStore(), "client": ("192.0.2.9", 5000)})
    assert maker.user == alice
    assert maker.ip == "192.0.2.9"


@pytest.mark.django_db
def test_an_anonymous_scope_reads_the_anon_id_from_the_session() -> None:
    session = SessionStore()
    session[ANON_SESSION_KEY] = "visitor-456"
    session.save()
    scope = {"user": AnonymousUser(), "session": SessionStore(session.session_key), "client": ("192.0.2.9", 5000)}
    assert Maker.from_scope(scope).anon_id == "visitor-456"


@pytest.mark.django_db
def test_group_names_are_valid_channel_layer_group_names(alice: User, rf: RequestFactory) -> None:
    anonymous = Maker.from_request(anonymous_request(rf))
    for maker in (Maker(user=alice, anon_id=None, ip="127.0.0.1"), anonymous):
        assert GROUP_NAME.match(maker.group)
        assert len(maker.group) < 100


def test_ipv6_clients_are_limited_by_their_64_network() -> None:
    assert limit_network("2001:db8:1:2:aaaa::1") == limit_network("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::"
    assert limit_network("2001:db8:1:3::1") != limit_network("2001:db8:1:2::1")
    assert limit_network("203.0.113.7") == "203.0.113.7"


@pytest.mark.django_db
def test_sounds_made_before_logging_in_move_to_the_account(client: Client, alice: User) -> None:
    session = client.session
    session[ANON_SESSION_KEY] = "visitor-9"
    session.save()
    mine = make_row(anon_id="visitor-9")
    theirs = make_row(anon_id="visitor-10")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "correct-horse-battery-staple"})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.owner == alice
    assert mine.anon_id == ""
    assert theirs.owner is None
    assert list(Sound.objects.owned_by(Maker(user=alice, anon_id=None, ip="127.0.0.1"))) == [mine]


@pytest.mark.django_db
def test_sounds_made_before_signing_up_move_to_the_new_account(client: Client) -> None:
    session = client.session
    session[ANON_SESSION_KEY] = "visitor-11"
    session.save()
    sound = make_row(anon_id="visitor-11")
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-unusual-passphrase-7",
            "password2": "a-long-unusual-passphrase-7",
        },
    )
    assert response.status_code == 302
    sound.refresh_from_db()
    assert sound.owner == User.objects.get(username="carol")
