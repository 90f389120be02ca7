"""Request log lines, their JSON form, request ids, and readable logs in development."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import Client

from accounts.models import User
from fartgen.logs import JsonFormatter, TextFormatter, request_id_set

pytestmark = pytest.mark.django_db


def _request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "fartgen.request"]


def test_every_request_writes_one_line_with_its_id_user_method_path_status_and_duration(
    client: Client, alice: User, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(alice)
    with caplog.at_level(logging.INFO, logger="fartgen.request"):
        response = client.get("/library/?page=2")
    (line,) = _request_lines(caplog)
    assert line.request_id == response["X-Request-ID"]
    assert len(line.request_id) == 16
    assert (line.method, line.path, line.status) == ("GET", "/library/", 200)
    assert line.user_id == alice.pk
    assert 0 < line.duration_ms < 10_000


def test_an_anonymous_visitor_is_logged_by_anon_id(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    session = client.session
    session["anon_id"] = "visitor-42"
    session.save()
    with caplog.at_level(logging.INFO, logger="fartgen.request"):
        client.get("/library/")
    (line,) = _request_lines(caplog)
    assert line.anon_id == "visitor-42"
    assert not hasattr(line, "user_id")


def test_refusals_and_not_found_are_logged_too(caplog: pytest.LogCaptureFixture) -> None:
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO, logger="fartgen.request"):
        client.get("/no/such/page")
        client.post("/accounts/logout/")
    assert [line.status for line in _request_lines(caplog)] == [404, 403]


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_junk_is_replaced(client: Client) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})["X-Request-ID"] == "lb-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" level="CRITICAL'})["X-Request-ID"]
    assert forged != 'x" level="CRITICAL'
    assert len(forged) == 16


def test_the_json_formatter_writes_one_object_per_line_with_the_extra_fields() -> None:
    with request_id_set("abc123abc123"):
        record = logging.getLogger("fartgen.request").makeRecord(
            "fartgen.request", logging.INFO, __file__, 1, "GET %s", ("/",), None, extra={"status": 200}
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "GET /"
    assert entry["request_id"] == "abc123abc123"
    assert entry["status"] == 200
    assert entry["level"] == "INFO"
    assert entry["logger"] == "fartgen.request"


def test_the_json_formatter_keeps_a_traceback_on_one_line() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})
    entry = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: boom" in entry["exception"]


def test_the_text_formatter_reads_like_a_sentence() -> None:
    record = logging.makeLogRecord({"name": "fartgen.request", "levelname": "INFO", "msg": "GET /", "status": 200})
    record.request_id = "abc123abc123"
    line = TextFormatter().format(record)
    assert "INFO    fartgen.request [abc123abc123] GET /  status=200" in line


@pytest.mark.parametrize(("debug", "expected"), [("true", "text"), ("false", "json")])
def test_logs_are_readable_in_development_and_json_otherwise(debug: str, expected: str) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.LOGGING['handlers']['console']['formatter'])"
    )
    env = {**os.environ, "DJANGO_DEBUG": debug, "DJANGO_SETTINGS_MODULE": "fartgen.settings"}
    env.pop("LOG_FORMAT", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
