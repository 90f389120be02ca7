"""The generation sockets: `/ws/api/generate/` speaks JSON to programs, `/ws/generate/` speaks HTML to the page.

Both read a frame, hand it to `generator.pipeline.run` and turn each update into frames; they differ only in
formatting. Every socket of a maker joins the maker's group, so a sound made in one tab (or by one daphne
process) shows up in the maker's other tabs too.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import json
import logging
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import DatabaseError
from django.template.loader import render_to_string
from redis.exceptions import RedisError

from fartgen import logs, metrics
from fartgen.channel_layer import SENDER_KEY
from generator import limits, pipeline
from generator import storage as audio_files
from generator.limits import BUSY_MESSAGE, BUSY_RETRY_AFTER_S
from generator.makers import Maker
from generator.models import Sound
from generator.pipeline import Update, in_worker
from generator.requests import BadMessage, GenerationRequest
from generator.studio import card_context

logger = logging.getLogger(__name__)

# What the players stream, in the order they are made after a sound is complete.
PLAYBACK_FORMATS = ("opus", "mp3")

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


class _GenerateConsumer(AsyncWebsocketConsumer):
    maker: Maker
    accepted = False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        except (RedisError, OSError):
            # The channel layer's Redis went away (joining the group, or waiting for group events): say so, then let
            # daphne close the socket with 1011 as for any failure (an application may not send that code itself),
            # after which the page's socket (htmx's ws extension) reconnects with backoff, as programs should. A
            # handshake is accepted first, so that it hears why instead of failing with HTTP 500.
            await self._tell_busy()
            raise

    async def _tell_busy(self) -> None:
        busy = Update(status="error", progress=0, code="busy", error=BUSY_MESSAGE, retry_after_s=BUSY_RETRY_AFTER_S)
        with contextlib.suppress(Exception):  # the client may be gone already
            if not self.accepted:
                await self.accept()
            await self.send_update(busy)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.playable_tasks: set[asyncio.Task[None]] = set()

    async def connect(self) -> None:
        # Reading the session is a database query: keep it off the event loop.
        self.maker = await database_sync_to_async(Maker.from_scope)(self.scope)
        await self.channel_layer.group_add(self.maker.group, self.channel_name)
        await self.accept()
        self.accepted = True
        self.opened_at = time.perf_counter()
        metrics.OPEN_SOCKETS.labels(type(self).__name__).inc()
        logger.info("socket opened", extra={"path": self.scope["path"], **_who(self.maker)})

    async def disconnect(self, code: int) -> None:
        # Counted first: leaving the group needs Redis, which may be the reason the socket is closing.
        if hasattr(self, "opened_at"):
            metrics.OPEN_SOCKETS.labels(type(self).__name__).dec()
            open_s = round(time.perf_counter() - self.opened_at, 1)
            logger.info("socket closed", extra={"path": self.scope["path"], "code": code, "open_s": open_s})
        # A copy being made finishes before the socket is gone: a file stored without its row would be an orphan.
        await asyncio.gather(*self.playable_tasks, return_exceptions=True)
        if hasattr(self, "maker"):
            await self.channel_layer.group_discard(self.maker.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # Each request on the socket gets an id of its own: every message answering it carries it, and so does
        # every log line written while making its sound.
        with logs.request_id_set(logs.new_request_id()):
            try:
                request = self.parse(read_frame(text_data, bytes_data))
            except BadMessage as error:
                logger.info("bad socket message", extra={"error": str(error), **_who(self.maker)})
                await self.send_update(Update(status="error", progress=0, code="bad_message", error=str(error)))
                return
            if not await self.is_wanted(request):
                return
            async for update in pipeline.run(request, self.maker, channel_name=self.channel_name):
                await self.send_update(update)
                if update.status == "complete" and update.sound is not None:
                    opus = await self.push_playback(update.sound)
                    # Storing the copies goes alongside what comes next (another take, the next request), not
                    # before it; disconnect() waits for it.
                    self.playable_tasks.add(asyncio.create_task(self.make_playable(update.sound, opus)))

    async def make_playable(self, sound: Sound, opus: bytes | None) -> None:
        """Right after `complete` has gone out: store the compressed copies that players stream (Opus, already
        encoded when it was pushed, and MP3 where a browser has no Opus), so that a first play never waits for an
        encoder. A failure costs only that: the audio view encodes on demand."""
        for fmt in PLAYBACK_FORMATS:
            try:
                data = opus if fmt == "opus" and opus is not None else await _encoded(sound, fmt)
                await database_sync_to_async(audio_files.keep)(sound, fmt, data)
            except (audio_files.StorageFailed, DatabaseError):
                logger.exception("sound %s: could not make its %s copy", sound.id, fmt)
        self.playable_tasks.discard(asyncio.current_task())

    async def push_playback(self, sound: Sound) -> bytes | None:
        """Send a just-made sound's Opus to a client that plays it (the page), before anything else (another take
        rendering would compete for the CPU); returns the bytes it sent. Programs fetch what they want: None."""
        return None

    async def sound_created(self, event: dict[str, Any]) -> None:
        """A sound made by another socket of the same maker (this socket already showed its own)."""
        # Layers other than ours (the in-memory one) deliver the event to its sender too.
        if event.get(SENDER_KEY) != self.channel_name:
            await self.announce(event)

    def parse(self, data: object) -> GenerationRequest:
        raise NotImplementedError

    async def is_wanted(self, request: GenerationRequest) -> bool:
        return True

    async def send_update(self, update: Update) -> None:
        raise NotImplementedError

    async def announce(self, event: dict[str, Any]) -> None:
        raise NotImplementedError


class ApiGenerateConsumer(_GenerateConsumer):
    """JSON for programs: status messages, then `complete` or `error`; `event` messages for other sockets' sounds."""

    def parse(self, data: object) -> GenerationRequest:
        return GenerationRequest.from_api(data)

    async def send_update(self, update: Update) -> None:
        await self.send(text_data=json.dumps({**update_json(update), "request_id": logs.request_id_var.get()}))

    async def announce(self, event: dict[str, Any]) -> None:
        await self.send(
            text_data=json.dumps({"event": "sound.created", "sound_id": event["sound_id"], "title": event["title"]})
        )


class PageGenerateConsumer(_GenerateConsumer):
    """HTML fragments with out-of-band swaps for the page's htmx ws extension."""

    takes = 1  # of the request being made: the socket makes one request at a time

    def parse(self, data: object) -> GenerationRequest:
        return GenerationRequest.from_form(data)

    async def is_wanted(self, request: GenerationRequest) -> bool:
        """A request identical to one sent within the last second (a double click, Enter pressed twice) is dropped:
        the page already shows the first one's progress."""
        self.takes = request.takes
        try:
            return await in_worker(functools.partial(limits.is_first_of_identical, self.maker, request.dedupe_key()))()
        except limits.LimitsUnavailable:
            return True  # the pipeline's own limit check answers `busy`

    async def send_update(self, update: Update) -> None:
        for html in await database_sync_to_async(self._render_update)(update):
            await self.send(text_data=html)

    async def push_playback(self, sound: Sound) -> bytes | None:
        # Over the socket that is already open: on a slow network a separate fetch would cost a round trip more.
        try:
            opus = await _encoded(sound, "opus")
        except audio_files.StorageFailed:
            logger.exception("sound %s: could not encode its Opus for the page", sound.id)
            return None
        context = {"sound": sound, "audio_base64": base64.b64encode(opus).decode("ascii")}
        await self.send(text_data=render_to_string("generator/home.html#playback", context))
        return opus

    async def announce(self, event: dict[str, Any]) -> None:
        html = await database_sync_to_async(self._render_recent)(event["sound_id"])
        if html:
            await self.send(text_data=html)

    def _render_update(self, update: Update) -> list[str]:
        # Partials may look things up (the favorite button and the version strip do), so rendering runs where the
        # ORM may.
        sound = update.sound
        if update.status == "complete" and sound is not None and sound.take_number > 1:
            # A later take joins the takes strip; the first take stays the current sound until another is kept.
            context = {"take": sound, "maker": self.maker, "takes_count": self.takes}
            return [
                render_to_string("generator/home.html#take_item", context),
                render_to_string("generator/home.html#recent_item", {"sound": sound}),
            ]
        context = {"update": update, "request_id": logs.request_id_var.get(), "takes_count": self.takes}
        fragments = [render_to_string("generator/home.html#progress", context)]
        if update.code == "no_change":
            # Only a refinement can change nothing: say so beside the follow-up box its words came from too.
            context = {"followup_error": update.error, "oob": True}
            fragments.append(render_to_string("generator/home.html#followup_status", context))
        if update.status == "complete" and sound is not None:
            context = {**card_context(sound, self.maker), "takes_count": self.takes}
            fragments.append(render_to_string("generator/home.html#studio_swap", context))
            fragments.append(render_to_string("generator/home.html#recent_item", {"sound": sound}))
        return fragments

    def _render_recent(self, sound_id: str) -> str | None:
        sound = Sound.objects.owned_by(self.maker).filter(id=sound_id).first()
        if sound is None:
            return None
        return render_to_string("generator/home.html#recent_item", {"sound": sound})


def _who(maker: Maker) -> dict[str, str | int]:
    return {"user_id": maker.user.pk} if maker.user is not None else {"anon_id": maker.anon_id or ""}


async def _encoded(sound: Sound, fmt: str) -> bytes:
    return await pipeline.in_worker(functools.partial(audio_files.encoded, sound, fmt))()


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
            "take": sound.take_number or 1,
            "timings_ms": update.timings_ms,
        }
        if sound.sequence:
            body["parts"] = sound.sequence["parts"]
            body["gaps_s"] = sound.sequence["gaps_s"]
        return body
    return {"status": update.status, "progress": update.progress}
