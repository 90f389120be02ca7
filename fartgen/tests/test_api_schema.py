"""The /api/ schema against the API itself: schemathesis sends what the schema allows (on the test database, with
alice's token) and checks that nothing answers 500 and every answer matches the schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import ApiToken, User
from fartgen.api import api
from generator.tests.sounds import make_row

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
# Calls go straight into the site's WSGI application, in this process and on the test database.
schema.app = get_wsgi_application()


@pytest.fixture
def one_connection() -> Iterator[None]:
    """Keep the test's database connection (and its transaction) open across requests, as Django's test client
    does: the WSGI handler closes it around each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def token(alice: User) -> str:
    # Something to find: alice's own sound and a public one, with their ids among what the operations may be given.
    make_row(owner=alice, title="Alice's")
    make_row(owner=alice, title="Public", visibility="public")
    return ApiToken.issue(alice, "schemathesis")[1]


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case, token: str, one_connection: None) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_the_schema_describes_the_library_and_generation(client: Client) -> None:
    paths = client.get("/api/schema").json()["paths"]
    assert {"/api/sounds", "/api/sounds/{sound_id}", "/api/collections", "/api/presets", "/api/explore"} <= set(paths)
    assert paths["/api/generate"]["post"]["responses"]["201"]


def test_the_docs_page_uses_our_own_static_files(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    # Every script and stylesheet comes from this site: a random CSRF token may well spell "cdn".
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert "/static/ninja/swagger-ui.css" in addresses
    assert [a for a in addresses if not a.startswith("/") or a.startswith("//")] == []
