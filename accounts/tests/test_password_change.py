from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.tests.conftest import PASSWORD

URL = reverse("accounts:password_change")
NEW_PASSWORD = "an-even-better-passphrase-9"


def test_it_needs_a_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_form(alice_client: Client) -> None:
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert 'name="old_password"' in response.text


def test_it_changes_the_password_and_keeps_the_session(alice_client: Client, alice: User) -> None:
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = alice_client.post(URL, data, follow=True)
    assert response.redirect_chain == [(reverse("accounts:account"), 302)]
    assert "Password changed" in response.text
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert alice.password.startswith("argon2")
    assert response.context["user"] == alice


def test_it_refuses_a_wrong_current_password(alice_client: Client, alice: User) -> None:
    data = {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = alice_client.post(URL, data)
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_applies_the_password_validators(alice_client: Client, alice: User) -> None:
    data = {"old_password": PASSWORD, "new_password1": "123456789", "new_password2": "123456789"}
    response = alice_client.post(URL, data)
    assert "new_password2" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_a_change_revokes_every_api_token_and_says_so(alice_client: Client, alice: User, bob: User) -> None:
    _, raw = ApiToken.issue(alice, "bot")
    _, bobs_raw = ApiToken.issue(bob, "bob's bot")
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = alice_client.post(URL, data, follow=True)
    assert "Your 1 API token was revoked" in response.text
    assert ApiToken.objects.authenticate(raw) is None
    assert ApiToken.objects.authenticate(bobs_raw) == bob


def test_a_refused_change_keeps_the_tokens(alice_client: Client, alice: User) -> None:
    _, raw = ApiToken.issue(alice, "bot")
    alice_client.post(URL, {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert ApiToken.objects.authenticate(raw) == alice
