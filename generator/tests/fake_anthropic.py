"""A small fake of Anthropic's Messages API on 127.0.0.1, for driving the real SDK in tests.

    with FakeAnthropic() as fake:
        fake.queue(Reply.error(500), Reply.tool_use({...}))   # answers in order, then `fake.default`
        settings.ANTHROPIC_BASE_URL = fake.url
        ...
        assert len(fake.requests) == 2

Each request is recorded (path, headers, JSON body). A reply can be delayed to provoke the client's timeout; a
delayed reply gives up when the server stops, so no test waits for it.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.interpret.claude import TOOL_NAME

# A complete, valid answer: what Claude would send for "a soggy tuba in church".
GOOD_INPUT: dict[str, Any] = {
    "title": "Soggy tuba in church",
    "duration_s": 2.4,
    "pitch_hz": 60.0,
    "pitch_end_hz": 52.0,
    "wetness": 0.8,
    "roughness": 0.2,
    "loudness": 0.85,
    "tightness": 0.3,
    "breathiness": 0.05,
    "bursts": 1,
    "room": "hall",
    "preset": "tuba",
    "understood": [
        {"words": "soggy", "effect": "wetter"},
        {"words": "tuba", "effect": "preset: tuba"},
        {"words": "church", "effect": "room: hall (closest)"},
    ],
    "ignored": [],
}
# A sound in parts: what Claude would send for "two quick squeaks then a long rumble, please Gerald".
_PART = {k: v for k, v in GOOD_INPUT.items() if k not in ("title", "understood", "ignored")}
SEQUENCE_INPUT: dict[str, Any] = {
    **GOOD_INPUT,
    "title": "Two quick squeaks then a long rumble",
    "parts": [
        {**_PART, "duration_s": 0.4, "pitch_hz": 300.0, "pitch_end_hz": 320.0, "preset": "squeaker", "room": "none"},
        {**_PART, "duration_s": 0.4, "pitch_hz": 300.0, "pitch_end_hz": 320.0, "preset": "squeaker", "room": "none"},
        {**_PART, "duration_s": 3.0, "pitch_hz": 45.0, "pitch_end_hz": 40.0, "preset": "rumbler", "room": "none"},
    ],
    "gaps_s": [0.2, 0.3],
    "understood": [
        {"words": "two quick squeaks", "effect": "parts 1–2: squeaker, shorter"},
        {"words": "then", "effect": "next part"},
        {"words": "a long rumble", "effect": "part 3: rumbler, longer"},
    ],
    "ignored": ["Gerald"],
}


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0

    @classmethod
    def json(cls, status: int, payload: Any, headers: dict[str, str] | None = None, delay_s: float = 0.0) -> Reply:
        return cls(status, json.dumps(payload).encode(), {"content-type": "application/json", **(headers or {})},
                   delay_s)

    @classmethod
    def tool_use(cls, tool_input: Any = None, *, name: str = TOOL_NAME, delay_s: float = 0.0) -> Reply:
        """A 200 whose only content is one tool call (GOOD_INPUT unless given)."""
        block = {"type": "tool_use", "id": "toolu_fake", "name": name,
                 "input": GOOD_INPUT if tool_input is None else tool_input}
        return cls.json(200, _message([block], stop_reason="tool_use"), delay_s=delay_s)

    @classmethod
    def text(cls, text: str) -> Reply:
        """A 200 that answers in prose instead of calling the tool."""
        return cls.json(200, _message([{"type": "text", "text": text}], stop_reason="end_turn"))

    @classmethod
    def error(cls, status: int, headers: dict[str, str] | None = None) -> Reply:
        kind = {429: "rate_limit_error", 529: "overloaded_error", 401: "authentication_error"}.get(status, "api_error")
        payload = {"type": "error", "error": {"type": kind, "message": f"fake {status}"}}
        return cls.json(status, payload, headers)


def _message(content: list[dict[str, Any]], stop_reason: str) -> dict[str, Any]:
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": "claude-fake",
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": 100, "output_tokens": 50},
    }


@dataclass(frozen=True)
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class FakeAnthropic:
    """A threaded HTTP server answering POST /v1/messages with queued replies (then `default`)."""

    def __init__(self, default: Reply | None = None) -> None:
        self.default = default or Reply.tool_use()
        self.requests: list[Recorded] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll keeps shutdown (and so each test's teardown) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-anthropic", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def __enter__(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            return self._replies.popleft() if self._replies else self.default

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                recorded = Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw))
                reply = fake._next_reply(recorded)
                if reply.delay_s and fake._stopping.wait(reply.delay_s):
                    return
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    # The client gave up (its timeout): nothing left to answer.
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
