"""Sentry: with SENTRY_DSN set, errors reach the error tracker (here a fake ingestion endpoint on 127.0.0.1)."""

from __future__ import annotations

import gzip
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from django.conf import settings

from fartgen.tests.servers import served


class _Ingestion(BaseHTTPRequestHandler):
    """Accepts envelopes as Sentry's /api/<project>/envelope/ does and keeps their items."""

    envelopes: list[tuple[str, list[dict[str, Any]]]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        lines = [json.loads(line) for line in body.splitlines() if line.strip().startswith(b"{")]
        self.envelopes.append((self.path, lines))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def ingestion() -> Iterator[tuple[str, list]]:
    envelopes: list = []
    handler = type("Ingestion", (_Ingestion,), {"envelopes": envelopes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42", envelopes
    server.shutdown()


def _daphne(port: int) -> list[str]:
    return [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "fartgen.asgi:application"]


def _event_about(envelopes: list, text: str, within_s: float = 30) -> dict[str, Any]:
    """The error event whose log entry mentions `text` (the SDK sends from a background thread: wait for it)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        for _, items in list(envelopes):
            for item in items:
                if item.get("level") == "error" and text in json.dumps(item.get("logentry", {})):
                    return item
        time.sleep(0.1)
    pytest.fail(f"no error event about {text!r} arrived in {within_s} s")


@pytest.mark.django_db(transaction=True)
def test_a_failed_generation_reaches_sentry_with_its_request(ingestion: tuple[str, list], tmp_path: Path) -> None:
    dsn, envelopes = ingestion
    # Audio writes fail: the folder for them is a file.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with served(_daphne, tmp_path, SENTRY_DSN=dsn, MEDIA_ROOT=str(blocked / "media")) as url:
        request = Request(
            f"{url}/api/generate",
            data=json.dumps({"prompt": "long wet rumbler"}).encode(),
            headers={"Content-Type": "application/json", "X-Request-ID": "req-sentry-0001"},
        )
        with pytest.raises(HTTPError) as answer:
            urlopen(request, timeout=30)
        assert answer.value.code == 500
        event = _event_about(envelopes, "could not be stored")

    assert {path for path, _ in envelopes} == {"/api/42/envelope/"}
    assert event["request"]["url"].endswith("/api/generate")
    assert event["request"]["method"] == "POST"
    assert "django" in event["sdk"]["integrations"]
    assert [value["type"] for value in event["exception"]["values"]] == ["NotADirectoryError", "StorageFailed"]
    # The request id ties the event to the log lines of the same request.
    assert event["tags"]["request_id"] == "req-sentry-0001"
    # No cookies or credentials leave for the tracker.
    assert "cookies" not in event["request"]


def test_without_a_dsn_sentry_is_off() -> None:
    import sentry_sdk

    assert not settings.SENTRY_DSN
    assert not sentry_sdk.get_client().is_active()
