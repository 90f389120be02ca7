from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, User, hash_token

ACCOUNT_URL = reverse("accounts:account")
CREATE_URL = reverse("accounts:token_create")
RAW_TOKEN = re.compile(r"fg_[A-Za-z0-9_-]{40,}")


def _create(client: Client, name: str = "my bot") -> str:
    """Create a token through the page and return the raw value it shows."""
    response = client.post(CREATE_URL, {"name": name}, follow=True)
    assert response.redirect_chain == [(ACCOUNT_URL + "#tokens", 302)]
    (raw,) = set(RAW_TOKEN.findall(response.text))
    return raw


def _revoke_url(token: ApiToken) -> str:
    return reverse("accounts:token_revoke", args=[token.pk])


def test_it_creates_a_token_and_shows_it_once(alice_client: Client, alice: User) -> None:
    raw = _create(alice_client)
    token = ApiToken.objects.get(user=alice)
    assert token.name == "my bot"
    assert raw.startswith(token.hint)
    second = alice_client.get(ACCOUNT_URL)
    assert raw not in second.text
    assert "my bot" in second.text
    assert f"{token.hint}…" in second.text


def test_it_stores_only_the_hash(alice_client: Client, alice: User) -> None:
    raw = _create(alice_client)
    token = ApiToken.objects.get(user=alice)
    assert token.token_hash == hash_token(raw)
    assert raw not in repr(list(ApiToken.objects.values()))
    # Once shown, the raw value is not left in the session store either.
    assert not any(raw in repr(session.get_decoded()) for session in Session.objects.all())


def test_the_token_authenticates_and_records_its_use(alice_client: Client, alice: User) -> None:
    raw = _create(alice_client)
    assert ApiToken.objects.get(user=alice).last_used_at is None
    assert ApiToken.objects.authenticate(raw) == alice
    assert ApiToken.objects.get(user=alice).last_used_at is not None
    assert "never" not in alice_client.get(ACCOUNT_URL).text


def test_a_wrong_or_malformed_token_does_not_authenticate(alice_client: Client) -> None:
    raw = _create(alice_client)
    assert ApiToken.objects.authenticate(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert ApiToken.objects.authenticate(raw[3:]) is None
    assert ApiToken.objects.authenticate("") is None


def test_a_token_stops_working_when_its_owner_is_deactivated(alice_client: Client, alice: User) -> None:
    raw = _create(alice_client)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert ApiToken.objects.authenticate(raw) is None


def test_a_revoked_token_no_longer_authenticates(alice_client: Client, alice: User) -> None:
    raw = _create(alice_client)
    token = ApiToken.objects.get(user=alice)
    response = alice_client.post(_revoke_url(token), follow=True)
    assert response.redirect_chain == [(ACCOUNT_URL + "#tokens", 302)]
    assert "revoked" in response.text
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert ApiToken.objects.authenticate(raw) is None


def test_the_page_asks_for_confirmation_before_revoking(alice_client: Client, alice: User) -> None:
    _create(alice_client)
    text = alice_client.get(ACCOUNT_URL).text
    assert "<details>" in text
    assert "Revoke “my bot”" in text


def test_revoke_rejects_get(alice_client: Client, alice: User) -> None:
    _create(alice_client)
    token = ApiToken.objects.get(user=alice)
    assert alice_client.get(_revoke_url(token)).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_bob_cannot_revoke_alices_token(alice: User, bob: User) -> None:
    token, raw = ApiToken.issue(alice, "alice's bot")
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.post(_revoke_url(token)).status_code == 404
    assert ApiToken.objects.authenticate(raw) == alice


def test_bob_does_not_see_alices_tokens(alice: User, bob: User) -> None:
    ApiToken.issue(alice, "alice's secret bot")
    bob_client = Client()
    bob_client.force_login(bob)
    assert "alice&#x27;s secret bot" not in bob_client.get(ACCOUNT_URL).text


def test_it_needs_a_name(alice_client: Client, alice: User) -> None:
    response = alice_client.post(CREATE_URL, {"name": ""})
    assert response.status_code == 200
    assert "name" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_creating_needs_a_login(client: Client) -> None:
    response = client.post(CREATE_URL, {"name": "x"})
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not ApiToken.objects.exists()


def test_a_token_with_a_lifetime_stops_working_when_it_expires(alice_client: Client, alice: User) -> None:
    response = alice_client.post(CREATE_URL, {"name": "one-off", "expires_in_days": "7"}, follow=True)
    (raw,) = set(RAW_TOKEN.findall(response.text))
    token = ApiToken.objects.get(user=alice)
    assert token.expires_at is not None
    assert token.expires_at - token.created_at == pytest.approx(timedelta(days=7), abs=timedelta(seconds=5))
    assert ApiToken.objects.authenticate(raw) == alice
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert ApiToken.objects.authenticate(raw) is None
    assert "expired" in alice_client.get(ACCOUNT_URL).text
    api = Client().post(
        "/api/generate", {"prompt": "toot"}, content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
    )
    assert api.status_code in (401, 403)


def test_a_token_without_a_lifetime_never_expires(alice_client: Client, alice: User) -> None:
    alice_client.post(CREATE_URL, {"name": "forever", "expires_in_days": ""})
    assert ApiToken.objects.get(user=alice).expires_at is None


def test_it_refuses_an_unlisted_lifetime(alice_client: Client, alice: User) -> None:
    response = alice_client.post(CREATE_URL, {"name": "odd", "expires_in_days": "10000"})
    assert response.status_code == 200
    assert "Choose one of the listed lifetimes." in response.text
    assert not ApiToken.objects.filter(user=alice).exists()
