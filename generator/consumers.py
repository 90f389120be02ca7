"""The generation sockets: `/ws/api/generate/` speaks JSON to programs, `/ws/generate/` speaks HTML to the page.

Both read a frame, hand it to `generator.pipeline.run` and turn each update into frames; they differ only in
formatting. Every socket of a maker joins the maker's group, so a sound made in one tab (or by one daphne
process) shows up in the maker's other tabs too.
"""

from __future__ import annotations

import contextlib
import json
import logging
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string
from redis.exceptions import RedisError

from fartgen.channel_layer import SENDER_KEY
from generator import pipeline
from generator.limits import BUSY_MESSAGE, BUSY_RETRY_AFTER_S
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import Update
from generator.requests import BadMessage, GenerationRequest

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 16 * 1024


def read_frame(text_data: str | None, bytes_data: bytes | None) -> object:
    """The JSON value of a text frame. Raises BadMessage for binary, oversized or non-JSON frames."""
    if text_data is None:
        raise BadMessage("Send requests as JSON text frames, not binary.")
    if len(text_data) > MAX_FRAME_BYTES or len(text_data.encode()) > MAX_FRAME_BYTES:
        raise BadMessage(f"A request must be at most {MAX_FRAME_BYTES // 1024} KB.")
    return parse_json(text_data)


def parse_json(data: str | bytes) -> object:
    """A request's JSON value, over either transport. Raises BadMessage for anything that is not strict JSON."""
    try:
        return json.loads(data, parse_constant=_refuse_constant)
    except ValueError:
        # JSONDecodeError, UnicodeDecodeError, our refused constants, and integers too long for Python to read
        # (over 4300 digits).
        raise BadMessage("A request must be valid JSON.") from None


def _refuse_constant(name: str) -> object:
    # Python reads NaN and Infinity, JSON does not have them.
    raise BadMessage(f"{name} is not JSON")


# The close code after a "busy" error: the page's socket (htmx's ws extension) reconnects after it, with backoff, as
# programs should. Not 1013 (try again later): daphne's autobahn refuses to send it.
CLOSE_BUSY = 1011


class _GenerateConsumer(AsyncWebsocketConsumer):
    maker: Maker
    accepted = False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        except (RedisError, OSError):
            # The channel layer's Redis went away (joining the group, or waiting for group events): say so before
            # closing, rather than crash (and refuse new handshakes with HTTP 500); the reconnection finds Redis back.
            logger.warning("socket %s closed: the channel layer is unreachable", getattr(self, "channel_name", "?"))
            await self._close_busy()

    async def _close_busy(self) -> None:
        if not self.accepted:
            await self.accept()
        busy = Update(status="error", progress=0, code="busy", error=BUSY_MESSAGE, retry_after_s=BUSY_RETRY_AFTER_S)
        with contextlib.suppress(Exception):  # the client may be gone already
            await self.send_update(busy)
        await self.close(code=CLOSE_BUSY)

    async def connect(self) -> None:
        # Reading the session is a database query: keep it off the event loop.
        self.maker = await database_sync_to_async(Maker.from_scope)(self.scope)
        await self.channel_layer.group_add(self.maker.group, self.channel_name)
        await self.accept()
        self.accepted = True

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "maker"):
            await self.channel_layer.group_discard(self.maker.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        try:
            request = self.parse(read_frame(text_data, bytes_data))
        except BadMessage as error:
            await self.send_update(Update(status="error", progress=0, code="bad_message", error=str(error)))
            return
        async for update in pipeline.run(request, self.maker, channel_name=self.channel_name):
            await self.send_update(update)

    async def sound_created(self, event: dict[str, Any]) -> None:
        """A sound made by another socket of the same maker (this socket already showed its own)."""
        # Layers other than ours (the in-memory one) deliver the event to its sender too.
        if event.get(SENDER_KEY) != self.channel_name:
            await self.announce(event)

    def parse(self, data: object) -> GenerationRequest:
        raise NotImplementedError

    async def send_update(self, update: Update) -> None:
        raise NotImplementedError

    async def announce(self, event: dict[str, Any]) -> None:
        raise NotImplementedError


class ApiGenerateConsumer(_GenerateConsumer):
    """JSON for programs: status messages, then `complete` or `error`; `event` messages for other sockets' sounds."""

    def parse(self, data: object) -> GenerationRequest:
        return GenerationRequest.from_api(data)

    async def send_update(self, update: Update) -> None:
        await self.send(text_data=json.dumps(update_json(update)))

    async def announce(self, event: dict[str, Any]) -> None:
        await self.send(
            text_data=json.dumps({"event": "sound.created", "sound_id": event["sound_id"], "title": event["title"]})
        )


class PageGenerateConsumer(_GenerateConsumer):
    """HTML fragments with out-of-band swaps for the page's htmx ws extension."""

    def parse(self, data: object) -> GenerationRequest:
        return GenerationRequest.from_form(data)

    async def send_update(self, update: Update) -> None:
        for html in await database_sync_to_async(self._render_update)(update):
            await self.send(text_data=html)

    async def announce(self, event: dict[str, Any]) -> None:
        html = await database_sync_to_async(self._render_recent)(event["sound_id"])
        if html:
            await self.send(text_data=html)

    def _render_update(self, update: Update) -> list[str]:
        # Partials may look things up (the favorite button does), so rendering runs where the ORM may.
        fragments = [render_to_string("generator/home.html#progress", {"update": update})]
        if update.status == "complete" and update.sound is not None:
            context = {"sound": update.sound, "maker": self.maker, "user": self.maker.user}
            fragments.append(render_to_string("generator/home.html#result", context))
            fragments.append(render_to_string("generator/home.html#recent_item", {"sound": update.sound}))
        return fragments

    def _render_recent(self, sound_id: str) -> str | None:
        sound = Sound.objects.owned_by(self.maker).filter(id=sound_id).first()
        if sound is None:
            return None
        return render_to_string("generator/home.html#recent_item", {"sound": sound})


def update_json(update: Update) -> dict[str, Any]:
    """An update as the JSON API sends it (over WebSocket and HTTP)."""
    if update.status == "error":
        body: dict[str, Any] = {"status": "error", "code": update.code, "error": update.error}
        if update.retry_after_s is not None:
            body["retry_after_s"] = update.retry_after_s
        if update.code == "no_change":
            body["understood"] = [heard.to_dict() for heard in update.understood]
            body["ignored"] = list(update.ignored)
        return body
    if update.status == "complete" and update.sound is not None:
        sound = update.sound
        formats = sound.signed_audio_urls()
        body = {
            "status": "complete",
            "progress": 100,
            "sound_id": str(sound.id),
            "title": sound.title,
            "spec": sound.spec,
            "understood": sound.understood,
            "ignored": sound.ignored,
            "audio_url": formats["wav"],
            "formats": formats,
            "duration_s": sound.duration_s,
            "timings_ms": update.timings_ms,
        }
        if sound.sequence:
            body["parts"] = sound.sequence["parts"]
            body["gaps_s"] = sound.sequence["gaps_s"]
        return body
    return {"status": update.status, "progress": update.progress}
