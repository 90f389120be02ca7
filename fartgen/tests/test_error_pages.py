from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import Client
from pytest_django import Settings

from accounts.models import ApiToken, User
from library.tests.conftest import Api, row


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


def _failed_request_ids(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.request_id for record in caplog.records if record.name == "fartgen.request" and record.status == 500]


@pytest.mark.django_db
def test_a_failing_page_shows_the_request_id_of_its_log_lines(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.ROOT_URLCONF = "fartgen.tests.failing_urls"
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO, logger="fartgen.request"):
        response = client.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    (logged,) = _failed_request_ids(caplog)
    assert f"<code>{logged}</code>" in response.text
    assert response["X-Request-ID"] == logged


@pytest.mark.django_db
def test_a_failing_request_that_asks_for_json_gets_the_request_id_in_it(settings: Settings) -> None:
    settings.ROOT_URLCONF = "fartgen.tests.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", headers={"Accept": "application/json", "X-Request-ID": "lb-0000broken"})
    assert response.status_code == 500
    assert response.json() == {
        "status": "error",
        "code": "internal",
        "error": "Something went wrong on our side. Please try again.",
        "request_id": "lb-0000broken",
    }


@pytest.mark.django_db
def test_a_failing_api_operation_answers_json_with_the_request_id(
    alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    alice_api = Api(ApiToken.issue(alice, "tests")[1])
    sound = row(alice, title="Before")
    # A real failure of PostgreSQL (the trigger goes away with the test's transaction).
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_update() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            " LANGUAGE plpgsql;"
            "CREATE TRIGGER refuse_update BEFORE UPDATE ON generator_sound"
            " FOR EACH ROW EXECUTE FUNCTION refuse_update()"
        )
    with caplog.at_level(logging.INFO, logger="fartgen.request"):
        response = alice_api.send("PATCH", f"/sounds/{sound.id}", {"title": "After"})
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal"
    (logged,) = _failed_request_ids(caplog)
    assert body["request_id"] == logged == response["X-Request-ID"]
