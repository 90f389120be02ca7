"""The web pipeline: a request from a maker → limit → parent → understand → render → encode → save → group event.

`run` (async, for the sockets) and `generate` (sync, for HTTP views and tests) go through the same stage functions
around the transport-free core in `generator.synthesis`. `run` keeps the event loop free: synthesis and encoding in
the render thread (or render processes), the limit and the prompt in a worker thread, the parent and storage (file,
then row) through database_sync_to_async.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import random
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import django
from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction
from redis.exceptions import RedisError

from fartgen.channel_layer import SENDER_KEY
from generator import limits, telemetry
from generator import storage as audio_files
from generator.engine import ENGINE_VERSION, FartSpec, encode, peaks
from generator.engine.sequence import FartSequence
from generator.engine.spec import NUMERIC_FIELDS, SEED_MAX
from generator.interpret import Heard, Interpretation
from generator.makers import Maker
from generator.models import PEAKS_COUNT, Sound
from generator.recent_audio import AudioKey, EncodedAudio, audio_key, recent_audio
from generator.requests import GenerationRequest
from generator.synthesis import Synthesis, recipe_of, render_interpretation, understand
from library import presets
from moderation import rules as moderation

logger = logging.getLogger(__name__)

WEB_SAMPLE_RATE = 44100
# A variation keeps the spec, takes a new seed and nudges each number by up to this share: a sibling that is
# audibly and visibly different (at 5% most variations sounded like the same take).
VARIATION_JITTER = 0.15
# ", take 2" or ", variation 3" at the end of a title: a variation of a variation is numbered from the same base.
TITLE_SUFFIX = re.compile(r", (take|variation) \d+$")
SOUND_CREATED = "sound.created"

Status = Literal["interpreting", "synthesizing", "encoding", "saving", "complete", "error"]


@dataclass(frozen=True)
class Update:
    """One step of a generation as the client sees it; the last one is `complete` (with the sound) or `error`."""

    status: Status
    progress: int
    sound: Sound | None = None
    code: str | None = None
    error: str | None = None
    retry_after_s: int | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    # What the words did, for an error that still read them (no_change); a sound carries its own.
    understood: tuple[Heard, ...] = ()
    ignored: tuple[str, ...] = ()


class _Refused(Exception):
    """A generation stops with this error update."""

    def __init__(self, update: Update) -> None:
        super().__init__(update.error)
        self.update = update


def _error(code: str, message: str, *, retry_after_s: int | None = None) -> Update:
    return Update(status="error", progress=0, code=code, error=message, retry_after_s=retry_after_s)


INTERNAL_ERROR = "Something went wrong on our side while making that sound. Please try again."
STORAGE_ERROR = "We couldn't store that sound just now. Please try again in a moment."
# The HTTP status that answers each error code (the JSON API and the no-JS form).
ERROR_HTTP_STATUS = {
    "bad_message": 400,
    "invalid_prompt": 400,
    "no_change": 400,
    "suspended": 403,
    "not_found": 404,
    "rate_limited": 429,
    "internal": 500,
    "busy": 503,
}
# Redis (limits, cached interpretations) away: the request waits for it rather than going ahead unlimited. The
# database away (no connection within DATABASE_POOL_TIMEOUT_S, a restart, a failover): the same "try again".
OUTAGES: tuple[type[Exception], ...] = (limits.LimitsUnavailable, RedisError, OperationalError)


@dataclass
class _Generation:
    """The stages of one generation, each a plain sync function so that run() can place it on the right thread."""

    request: GenerationRequest
    maker: Maker
    sound_id: uuid.UUID = field(default_factory=uuid.uuid4)
    take_number: int = 0
    take_of: Sound | None = None
    parent: Sound | None = None
    preset: presets.Resolved | None = None
    interpretation: Interpretation | None = None
    synthesis: Synthesis | None = None
    audio: EncodedAudio | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def check_limit(self) -> None:
        """Count the request on its budget: a change to the maker's own sound is a refinement, the rest new sounds."""
        started = time.perf_counter()
        refining = self.parent is not None and self.parent.can_edit(self.maker)
        verdict = limits.hit_refinement(self.maker) if refining else limits.hit_generation(self.maker)
        self.timings_ms["limits"] = _ms_since(started)
        if not verdict.allowed:
            message = limit_message(self.maker, verdict, refining)
            raise _Refused(_error("rate_limited", message, retry_after_s=verdict.retry_after_s))

    def admit(self) -> None:
        """load_parent(), check_limit() (which budget depends on the parent) and load_preset() (in run(), one
        hand-off to the database thread)."""
        self.load_parent()
        self.check_limit()
        self.load_preset()

    def check_limit_and_interpret(self) -> None:
        self.check_limit()
        self.interpret()

    def load_parent(self) -> None:
        if self.request.parent_id is None:
            return
        self.parent = Sound.objects.visible_to(self.maker).filter(id=self.request.parent_id).first()
        if self.parent is None:
            raise _Refused(_error("not_found", "That sound does not exist or is not yours to refine."))

    def load_preset(self) -> None:
        """A new prompt that names one of the signed-in maker's presets ("my usual but wetter") starts from it."""
        if self.request.parent_id is None and self.request.prompt and self.maker.user is not None:
            self.preset = presets.resolve(self.maker.user, self.request.prompt)

    def understanding_call(self) -> Callable[[], Interpretation]:
        """The understand() call this request needs: a variation jitters its parent's spec (or each of its parts)
        with a new seed; a prompt naming a preset is read as a follow-up of the preset's settings."""
        request, parent = self.request, self.parent
        parameters, seed, sequence = request.parameters, request.seed, request.sequence
        previous = parent.recipe if parent is not None else None
        rng = random.Random()
        # Without a seed, new words (or "again") make a new take every time on the site and in the API.
        new_take_seed = rng.randrange(SEED_MAX + 1)
        if request.variation and previous is not None:
            seed = rng.randrange(SEED_MAX + 1) if seed is None else seed
            if isinstance(previous, FartSequence):
                parts = [FartSpec.from_dict(_jittered(part, rng), base=part) for part in previous.parts]
                # Parts a little longer could add up to more than a sequence may last.
                sequence = FartSequence.fitted(parts, list(previous.gaps_s))
            else:
                parameters = {**_jittered(previous, rng), **(parameters or {})}
        if self.preset is not None:
            return self._from_preset(self.preset, seed, parameters, new_take_seed)
        return functools.partial(
            understand, request.prompt, previous, seed=seed, parameters=parameters, part=request.part,
            sequence=sequence, new_take_seed=new_take_seed,
        )

    def _from_preset(
        self, preset: presets.Resolved, seed: int | None, parameters: dict[str, Any] | None, new_take_seed: int
    ) -> Callable[[], Interpretation]:
        # A new take of the preset each time, like any other new words ("my usual but wetter" keeps that take).
        base = preset.preset.spec_obj.with_changes(seed=new_take_seed)
        if preset.rest:
            return functools.partial(understand, preset.rest, base, seed=seed, parameters=parameters)
        return functools.partial(_preset_as_is, base, preset.preset.name, seed, parameters)

    def interpret(self) -> None:
        started = time.perf_counter()
        with _refusing_bad_prompts():
            self.interpretation = self.understanding_call()()
        # Recorded here, not by the render: a sound recalled from recent audio was still interpreted.
        self.timings_ms["interpret"] = _ms_since(started)
        self.refuse_no_change()

    def refuse_no_change(self) -> None:
        """A refinement that would render its parent again makes no new sound, and says so."""
        parent, interpretation = self.parent, self._interpretation()
        if parent is None or self.request.variation or recipe_of(interpretation) != parent.recipe:
            return
        message = "That wouldn't change the sound, so no new one was made."
        if interpretation.ignored:
            message += f" I didn't catch: {', '.join(interpretation.ignored)}."
        refusal = _error("no_change", message)
        raise _Refused(replace(refusal, understood=interpretation.understood, ignored=interpretation.ignored))

    def rendering_call(self) -> Callable[[], Synthesis]:
        """The render_interpretation() call, picklable so that a render process can run it."""
        return functools.partial(render_interpretation, self._interpretation(), WEB_SAMPLE_RATE)

    def make(self) -> Sound:
        """Render (or recall), encode and store an understood request, then tell the maker's other sockets."""
        self.render()
        self.encode()
        sound = self.store()
        async_to_sync(_announce)(self, sound, None)
        return sound

    def render(self) -> None:
        if self.recall():
            return
        pool = render_pool()
        call = self.rendering_call()
        self.accept(pool.submit(call).result() if pool is not None else call())

    async def render_async(self) -> None:
        if self.recall():
            return
        executor = render_pool() or _render_thread()
        self.accept(await asyncio.get_running_loop().run_in_executor(executor, self.rendering_call()))

    def recall(self) -> bool:
        """Take the audio from the cache of recent sounds if this exact spec was made lately; say whether it was."""
        started = time.perf_counter()
        self.audio = recent_audio.get(self._cache_key())
        if self.audio is not None:
            self.timings_ms["render_cache"] = _ms_since(started)
        return self.audio is not None

    def accept(self, synthesis: Synthesis) -> None:
        self.synthesis = synthesis
        self.timings_ms.update(synthesis.timings_ms)

    def encode(self) -> None:
        if self.audio is not None:
            return
        started = time.perf_counter()
        synthesis = self._synthesis()
        self.audio = EncodedAudio(
            wav=encode(synthesis.samples, synthesis.sample_rate, "wav"),
            waveform=[list(pair) for pair in peaks(synthesis.samples, PEAKS_COUNT)],
            duration_s=len(synthesis.samples) / synthesis.sample_rate,
            sample_rate=synthesis.sample_rate,
        )
        recent_audio.put(self._cache_key(), self.audio)
        self.timings_ms["encode"] = _ms_since(started)

    def save_file(self) -> str:
        started = time.perf_counter()
        try:
            name = audio_files.save_file(self.sound_id, "wav", self._audio().wav)
        except audio_files.StorageFailed:
            logger.exception("sound %s: the WAV could not be stored", self.sound_id)
            raise _Refused(_error("internal", STORAGE_ERROR)) from None
        self.timings_ms["save_file"] = _ms_since(started)
        return name

    def save_row(self, wav_name: str) -> Sound:
        started = time.perf_counter()
        interpretation = self._interpretation()
        audio = self._audio()
        source = self._source(interpretation.source)
        title = self._title(interpretation.title)
        try:
            with _single_statement():
                sound = Sound.objects.create(
                    id=self.sound_id,
                    owner=self.maker.user,
                    anon_id="" if self.maker.user is not None else self.maker.anon_id or "",
                    prompt=(self.request.prompt or "").strip()[:500],
                    title=title[:120],
                    spec=interpretation.spec.to_dict(),
                    sequence=interpretation.sequence.to_dict() if interpretation.sequence else None,
                    understood=[heard.to_dict() for heard in interpretation.understood],
                    ignored=list(interpretation.ignored),
                    seed=interpretation.spec.seed,
                    engine_version=str(ENGINE_VERSION),
                    sample_rate=audio.sample_rate,
                    parent=self.parent,
                    take_of=self.take_of,
                    take_number=self.take_number,
                    source=source,
                    duration_s=audio.duration_s,
                    peaks=audio.waveform,
                    # The stages before the row; writing the row and telling other sockets come after it.
                    timings_ms=dict(self.timings_ms),
                    wav=wav_name,
                )
        except DatabaseError as error:
            logger.exception("sound %s: the row could not be saved; removing its file", self.sound_id)
            audio_files.delete_file(wav_name)
            if isinstance(error, OperationalError):
                raise  # the database is away: busy, try again
            raise _Refused(_error("internal", INTERNAL_ERROR)) from None
        self.timings_ms["save_row"] = _ms_since(started)
        return sound

    def store(self) -> Sound:
        # Checked here, on the database thread: the limit's check runs in a worker thread that must not hold a
        # database connection. A suspended maker's render is wasted, which is rare and cheap.
        if moderation.is_suspended(self.maker):
            raise _Refused(_error("suspended", moderation.SUSPENDED_MESSAGE))
        return self.save_row(self.save_file())

    def another_take(self, number: int, first: Sound) -> _Generation:
        """Take `number` of this request: the same reading of the words with another seed (seed + n - 1 for a
        request with a seed, so it makes the same takes every time; a random one otherwise)."""
        spec = self._interpretation().spec
        seed = self.request.seed
        take_seed = (seed + number - 1) % (SEED_MAX + 1) if seed is not None else random.randrange(SEED_MAX + 1)
        interpretation = replace(self._interpretation(), spec=spec.with_changes(seed=take_seed))
        return _Generation(
            self.request, self.maker, take_number=number, take_of=first, parent=self.parent,
            interpretation=interpretation, timings_ms={"interpret": 0.0},
        )

    def _title(self, understood: str) -> str:
        if self.request.variation and self.parent is not None:
            base = TITLE_SUFFIX.sub("", self.parent.title)
            siblings = Sound.objects.owned_by(self.maker).filter(
                source=Sound.Source.VARIATION, title__startswith=f"{base}, variation "
            )
            return f"{base}, variation {siblings.count() + 1}"
        if self.take_number > 1:
            return f"{understood}, take {self.take_number}"
        return understood

    def _source(self, interpreted_by: str) -> str:
        if self.request.variation:
            return Sound.Source.VARIATION
        if self.request.prompt is None:
            return Sound.Source.PARAMETERS
        return interpreted_by

    def _interpretation(self) -> Interpretation:
        if self.interpretation is None:
            raise RuntimeError("interpret() must run before rendering")
        return self.interpretation

    def _synthesis(self) -> Synthesis:
        if self.synthesis is None:
            raise RuntimeError("synthesize() must run before encode()")
        return self.synthesis

    def _audio(self) -> EncodedAudio:
        if self.audio is None:
            raise RuntimeError("encode() must run before the sound is stored")
        return self.audio

    def _cache_key(self) -> AudioKey:
        return audio_key(recipe_of(self._interpretation()), WEB_SAMPLE_RATE)

    def finish(self, update: Update) -> Update:
        """Record how the generation went (log line, metrics, hourly counts) and pass its last update on."""
        interpretation = self.interpretation
        sequence = interpretation.sequence if interpretation is not None else None
        telemetry.generation_finished(
            outcome="complete" if update.status == "complete" else update.code or "internal",
            source=self._source(interpretation.source) if interpretation is not None else "none",
            timings_ms=self.timings_ms,
            parts=len(sequence.parts) if sequence is not None else 1,
            takes=self.request.takes,
            sound_id=str(update.sound.id) if update.sound is not None else None,
        )
        return update


def limit_message(maker: Maker, verdict: limits.Verdict, refining: bool) -> str:
    """The refusal as the person reads it: which budget ran out, when it lifts, and for anonymous makers that
    signing in raises it."""
    minutes = max(1, round(verdict.retry_after_s / 60))
    when = f"about {minutes} minute{'s' if minutes != 1 else ''}"
    if refining:
        per_hour, signed_in = limits.refinements_per_hour(maker), settings.LIMIT_REFINEMENTS_PER_HOUR_USER
        text = f"You've changed your sounds {per_hour} times this hour, the most there is. You can go on in {when}."
    else:
        per_hour, signed_in = limits.generations_per_hour(maker), settings.LIMIT_GENERATIONS_PER_HOUR_USER
        text = f"You've made {per_hour} new sounds this hour, the most there is. You can make more in {when}."
    if not maker.is_authenticated:
        text += f" Signing in raises the limit to {signed_in} an hour."
    return text


def _single_statement() -> contextlib.AbstractContextManager[object]:
    """Around one INSERT: nothing in autocommit (it is atomic on its own, and BEGIN/COMMIT would cost two round
    trips per sound), a savepoint inside a caller's transaction (so a refusal does not break the caller's)."""
    return transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()


@contextlib.contextmanager
def _refusing_bad_prompts() -> Iterator[None]:
    # synthesize() says what is wrong with a prompt or parameters in a ValueError meant for the person.
    try:
        yield
    except ValueError as error:
        raise _Refused(_error("invalid_prompt", str(error))) from None


def render_pool() -> ProcessPoolExecutor | None:
    """The synthesis processes of this process (GENERATOR_RENDER_PROCESSES), or None to render in this process."""
    processes = settings.GENERATOR_RENDER_PROCESSES
    return _process_pool(processes) if processes else None


@functools.cache
def _render_thread() -> ThreadPoolExecutor:
    # One CPU-bound job at a time per process: several would only take turns holding the GIL, and slow the event
    # loop down while they do (measured: more generations per second with one thread than with six). Parallelism
    # comes from running a daphne process per core, or from render processes.
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")


@functools.cache  # one pool per serving process, started on first use
def _process_pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        processes,
        # Fresh interpreters, not forks of a process that runs an event loop, threads and open sockets.
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=django.setup,
    )


def _preset_as_is(
    base: FartSpec, name: str, seed: int | None, parameters: dict[str, Any] | None
) -> Interpretation:
    """A prompt that is only a preset's name: its settings as they are, titled with its name."""
    interpretation = understand(None, base, seed=seed, parameters={"seed": base.seed, **(parameters or {})})
    return replace(interpretation, title=name[:1].upper() + name[1:])


def _jittered(spec: FartSpec, rng: random.Random) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, bounds in NUMERIC_FIELDS.items():
        value = getattr(spec, name)
        # Quantities with a unit move by a share of their value, 0–1 amounts by a share of their range.
        nudge = value * VARIATION_JITTER if bounds.unit else VARIATION_JITTER
        changes[name] = value + rng.uniform(-1, 1) * nudge
    jittered = FartSpec.from_dict(changes, clamp=True, base=spec).to_dict()
    return {name: jittered[name] for name in NUMERIC_FIELDS}


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def in_worker[T](function: Callable[[], T]) -> Callable[[], Awaitable[T]]:
    """Run blocking work (the limit's cache calls, reading a prompt) in a worker thread, off the event loop.

    Not asyncio.to_thread: asgiref's sync_to_async carries Django's per-task state into the thread and back, so
    the worker reuses the task's cache client (and its Redis connections) instead of opening new ones each call.
    """
    return sync_to_async(function, thread_sensitive=False)


async def _announce(job: _Generation, sound: Sound, sender_channel: str | None) -> None:
    """Tell the maker's other sockets; the sound is made either way, so a failing channel layer is only logged."""
    started = time.perf_counter()
    event = {"type": SOUND_CREATED, "sound_id": str(sound.id), "title": sound.title, SENDER_KEY: sender_channel}
    try:
        await get_channel_layer().group_send(job.maker.group, event)
    except (RedisError, OSError, ChannelFull):
        logger.exception("sound %s: could not tell the maker's other sockets", sound.id)
    job.timings_ms["channel_layer"] = _ms_since(started)


async def _failed(job: _Generation, update: Update) -> Update:
    """finish() a failed generation, its hourly count in the cache counted from a worker thread."""
    await in_worker(functools.partial(telemetry.count_failure, update.code or "internal"))()
    return job.finish(update)


async def run(request: GenerationRequest, maker: Maker, *, channel_name: str | None = None) -> AsyncIterator[Update]:
    """Make a sound (or `request.takes` of them), yielding progress; never raises; ends with one `complete` per
    take, or with an `error`.

    `channel_name` is the calling socket's channel: the `sound.created` event it sends to the maker's group names
    it, so that socket can tell its own sounds from those made in another tab.
    """
    job = _Generation(request, maker, take_number=1 if request.takes > 1 else 0)
    try:
        yield Update(status="interpreting", progress=10)
        # Reading a prompt may wait on Claude for seconds: in a worker thread, off the loop and the database thread.
        if request.parent_id is None and maker.user is None:
            # The limit alone is cache work, so it shares the prompt's hand-off. (A signed-in maker's prompt may
            # name one of their presets, which is a database read.)
            await in_worker(job.check_limit_and_interpret)()
        else:
            await database_sync_to_async(job.admit)()
            await in_worker(job.interpret)()
        yield Update(status="synthesizing", progress=35)
        await job.render_async()
        yield Update(status="encoding", progress=60)
        await _encode(job)
        yield Update(status="saving", progress=80)
        sound = await _store(job, channel_name)
        yield job.finish(Update(status="complete", progress=100, sound=sound, timings_ms=job.timings_ms))
        # The other takes share the first one's reading of the words and its place on the budget.
        for number in range(2, request.takes + 1):
            take = job.another_take(number, sound)
            await take.render_async()
            await _encode(take)
            made = await _store(take, channel_name)
            yield take.finish(Update(status="complete", progress=100, sound=made, timings_ms=take.timings_ms))
    except _Refused as refusal:
        yield await _failed(job, refusal.update)
    except OUTAGES as outage:
        logger.warning("generation for %s refused: %s is unreachable", maker.group, _service(outage))
        # Logged and measured, not counted in the cache that is away.
        yield job.finish(_busy())
    except Exception:
        # The pipeline promises its callers a last update instead of an exception; the cause goes to the log.
        logger.exception("generation failed for %s", maker.group)
        yield await _failed(job, _error("internal", INTERNAL_ERROR))


async def _encode(job: _Generation) -> None:
    if job.audio is None:
        await asyncio.get_running_loop().run_in_executor(_render_thread(), job.encode)


async def _store(job: _Generation, channel_name: str | None) -> Sound:
    # File then row in one hand-off to the database thread (a hop costs about as much as a small file write);
    # shielded: a client that goes away mid-save must not leave a file without its row.
    sound = await asyncio.shield(database_sync_to_async(job.store)())
    await _announce(job, sound, channel_name)
    return sound


def _service(outage: Exception) -> str:
    return "the database" if isinstance(outage, OperationalError) else "Redis"


def _busy() -> Update:
    return _error("busy", limits.BUSY_MESSAGE, retry_after_s=limits.BUSY_RETRY_AFTER_S)


def generate(request: GenerationRequest, maker: Maker) -> Update:
    """Make a sound synchronously (HTTP views, tests); returns the last update, `complete` or `error`."""
    return generate_takes(request, maker)[0]


def generate_takes(request: GenerationRequest, maker: Maker) -> list[Update]:
    """Make `request.takes` sounds synchronously: a `complete` update per take made, or a single `error`."""
    job = _Generation(request, maker, take_number=1 if request.takes > 1 else 0)
    updates: list[Update] = []
    try:
        job.admit()
        job.interpret()
        first = job.make()
        updates.append(job.finish(Update(status="complete", progress=100, sound=first, timings_ms=job.timings_ms)))
        for number in range(2, request.takes + 1):
            take = job.another_take(number, first)
            made = take.make()
            updates.append(take.finish(Update(status="complete", progress=100, sound=made, timings_ms=take.timings_ms)))
    except _Refused as refusal:
        telemetry.count_failure(refusal.update.code or "internal")
        return updates or [job.finish(refusal.update)]
    except OUTAGES as outage:
        logger.warning("generation for %s refused: %s is unreachable", maker.group, _service(outage))
        # Logged and measured, not counted in the cache that is away.
        return updates or [job.finish(_busy())]
    except Exception:
        logger.exception("generation failed for %s", maker.group)
        telemetry.count_failure("internal")
        return updates or [job.finish(_error("internal", INTERNAL_ERROR))]
    return updates
