"""Logs a machine can read: one JSON object per line, each carrying the request id of the request or socket message
it belongs to. In development (DJANGO_DEBUG) the same records print as readable text instead."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sentry_sdk
from django.http import HttpRequest

# The id of the HTTP request or WebSocket message being handled in this task or thread (asgiref carries it from the
# event loop into sync_to_async threads and back).
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# An id a proxy or client sends in X-Request-ID is kept only if it looks like one, so logs cannot be forged with it.
ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# LogRecord attributes that are not the caller's extra fields.
_RECORD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def new_request_id() -> str:
    return secrets.token_hex(8)


def accepted_request_id(offered: str | None) -> str:
    """The id a client or proxy offered, if well-formed, else a fresh one."""
    if offered and ACCEPTED_REQUEST_ID.fullmatch(offered):
        return offered
    return new_request_id()


@contextmanager
def request_id_set(request_id: str) -> Iterator[str]:
    """The id of what runs inside the block: in log records, and as a tag on Sentry events (when Sentry is on)."""
    token = request_id_var.set(request_id)
    sentry_sdk.set_tag("request_id", request_id)
    try:
        yield request_id
    finally:
        request_id_var.reset(token)


def stamp_request_ids() -> None:
    """Make every log record carry the current request id (empty outside a request), whichever handler gets it:
    the console, pytest's capture, Sentry's breadcrumbs."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "stamps_request_ids", False):
        return

    def make_stamped_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    make_stamped_record.stamps_request_ids = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_stamped_record)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, the caller's extra fields, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            entry["request_id"] = record.request_id
        entry.update({key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable lines for a developer's terminal, the extra fields as key=value after the message."""

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(f"{key}={value}" for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES)
        request_id = getattr(record, "request_id", "")
        line = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname:<7} {record.name}"
        line += f" [{request_id}]" if request_id else ""
        line += f" {record.getMessage()}" + (f"  {extras}" if extras else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def request_id_context(request: HttpRequest) -> dict[str, str]:
    """Template context processor: the request's id, for pages that tell people a reference to quote."""
    return {"request_id": request_id_var.get()}
