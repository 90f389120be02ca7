from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.conftest import PASSWORD

URL = reverse("accounts:username_change")


def test_it_changes_the_username(alice_client: Client, alice: User) -> None:
    response = alice_client.post(URL, {"username": "alice.farts"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:account"), 302)]
    assert "You are alice.farts now" in response.text
    alice.refresh_from_db()
    assert alice.username == "alice.farts"


def test_the_new_name_logs_in(client: Client, alice: User) -> None:
    client.force_login(alice)
    client.post(URL, {"username": "alice2"})
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "alice2", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_it_refuses_a_taken_name_in_any_case(alice_client: Client, alice: User, bob: User) -> None:
    response = alice_client.post(URL, {"username": "BOB"})
    assert response.status_code == 200
    assert "That username is taken" in response.text
    # The page still shows alice's own name, not the refused one.
    assert "<strong>alice</strong>" in response.text
    alice.refresh_from_db()
    assert alice.username == "alice"


def test_it_refuses_an_at_sign_and_bad_characters(alice_client: Client, alice: User) -> None:
    assert "contain @" in alice_client.post(URL, {"username": "a@b"}).text
    assert alice_client.post(URL, {"username": "no spaces"}).status_code == 200
    assert alice_client.post(URL, {"username": ""}).status_code == 200
    alice.refresh_from_db()
    assert alice.username == "alice"


def test_it_rejects_get_and_anonymous_visitors(client: Client, alice: User) -> None:
    assert client.post(URL, {"username": "x"}).status_code == 302
    client.force_login(alice)
    assert client.get(URL).status_code == 405


def test_it_enforces_csrf(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(URL, {"username": "mallory"}).status_code == 403
    alice.refresh_from_db()
    assert alice.username == "alice"
