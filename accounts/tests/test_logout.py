from __future__ import annotations

from django.test import Client
from django.urls import reverse

URL = reverse("accounts:logout")


def test_it_rejects_get_and_keeps_the_user_logged_in(alice_client: Client) -> None:
    assert alice_client.get(URL).status_code == 405
    assert "_auth_user_id" in alice_client.session


def test_it_logs_out_on_post(alice_client: Client) -> None:
    response = alice_client.post(URL)
    assert response["Location"] == "/"
    assert "_auth_user_id" not in alice_client.session
    # The message waits for the next page, whichever it is.
    assert "You&#x27;re logged out" in alice_client.get(reverse("accounts:login")).text
