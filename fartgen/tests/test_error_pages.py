from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_missing_csrf_token_gets_the_sites_own_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "alice", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "That form had gone stale" in page
    assert "fartgen" in page


@pytest.mark.django_db
def test_an_unknown_page_gets_the_friendly_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Nothing here" in response.content.decode()
