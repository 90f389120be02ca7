"""The generation pipeline: the one place that chains interpret → render (→ encode → save).

`synthesize` is the synchronous, transport-free core that the CLI, the views and the consumers share; `run`
(async, for the sockets) and `generate` (sync, for HTTP views) add limits, the parent, encoding, storage and the
`sound.created` event around it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import multiprocessing
import random
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import django
import numpy as np
from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from redis.exceptions import RedisError

from fartgen.channel_layer import SENDER_KEY
from generator import limits
from generator import storage as audio_files
from generator.engine import ENGINE_VERSION, FartSpec, encode, peaks, render
from generator.engine.spec import FIELD_NAMES, INT_FIELDS, NUMERIC_FIELDS, SEED_MAX
from generator.interpret import (
    Interpretation,
    asks_for_a_new_take,
    clean_prompt,
    describe,
    interpret,
    normalize_prompt,
    round_spec,
)
from generator.makers import Maker
from generator.models import PEAKS_COUNT, Sound

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Synthesis:
    """A rendered sound with how it was understood and how long each step took."""

    interpretation: Interpretation
    samples: np.ndarray
    sample_rate: int
    timings_ms: dict[str, float]


def synthesize(
    prompt: str | None,
    previous: FartSpec | None = None,
    *,
    seed: int | None = None,
    parameters: dict[str, Any] | None = None,
    sample_rate: int = 44100,
) -> Synthesis:
    """understand() the request, then render it. ValueError as understand() raises it."""
    started = time.perf_counter()
    interpretation = understand(prompt, previous, seed=seed, parameters=parameters)
    interpret_ms = (time.perf_counter() - started) * 1000
    synthesis = render_interpretation(interpretation, sample_rate)
    return replace(synthesis, timings_ms={"interpret": interpret_ms, **synthesis.timings_ms})


def understand(
    prompt: str | None,
    previous: FartSpec | None = None,
    *,
    seed: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> Interpretation:
    """Interpret a prompt and/or apply parameters and pick the seed: the spec and title to render.

    `parameters` (a partial spec, e.g. from sliders) override what the prompt gave; every number comes back at
    slider precision. The seed is `seed` if given, else the one in `parameters`, else the previous sound's for a
    follow-up that changes it ("wetter": the same fart, changed), else derived from the prompt (and `previous`),
    so the same words make the same sound in every process while "again" after a sound makes a new take.
    ValueError carries a sentence for the person: empty or overlong prompt, neither prompt nor parameters, an
    unknown or ill-typed parameter, a seed out of range.
    """
    if prompt is None and not parameters:
        raise ValueError("Describe a fart or change one of its settings.")
    if prompt is not None:
        text = clean_prompt(prompt)
        interpretation = interpret(text, previous)
        spec = interpretation.spec
        if previous is not None and not asks_for_a_new_take(text):
            derived_seed = previous.seed
        else:
            derived_seed = prompt_seed(text, previous)
    else:
        spec = previous if previous is not None else FartSpec()
        derived_seed = spec.seed if previous is not None else _parameters_seed(parameters or {})
    if parameters:
        spec = FartSpec.from_dict(parameters, clamp=True, base=spec)
    # Sliders, variations and Claude send any float (1.0072048790632009 s); a stored spec reads like the sliders.
    spec = round_spec(spec)
    if seed is not None:
        # An explicit seed must be valid as given: clamping would quietly play another sound.
        spec = FartSpec.from_dict({"seed": seed}, base=spec)
    elif not (parameters and "seed" in parameters):
        spec = spec.with_changes(seed=derived_seed)
    if prompt is not None:
        return Interpretation(spec, interpretation.title, interpretation.source)
    return Interpretation(spec, describe(spec), "local")


def render_interpretation(interpretation: Interpretation, sample_rate: int) -> Synthesis:
    """Render an understood request."""
    started = time.perf_counter()
    samples = render(interpretation.spec, sample_rate)
    return Synthesis(
        interpretation=interpretation,
        samples=samples,
        sample_rate=sample_rate,
        timings_ms={"render": (time.perf_counter() - started) * 1000},
    )


def prompt_seed(prompt: str, previous: FartSpec | None = None) -> int:
    """A seed from the case-folded prompt and the previous spec: stable across processes (no hash())."""
    payload = {"prompt": normalize_prompt(prompt), "previous": previous.to_dict() if previous else None}
    return _seed_of(payload)


def _parameters_seed(parameters: dict[str, Any]) -> int:
    return _seed_of({"parameters": parameters})


def _seed_of(payload: dict[str, Any]) -> int:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


# --- The web pipeline: a request from a maker → limits → parent → synthesize → encode → save → group event.
# `run` (async, for consumers) and `generate` (sync, for HTTP views and tests) go through the same stage functions;
# `run` keeps the event loop free: synthesis and encoding in the render thread (or render processes), the limit and
# the prompt in a worker thread, the parent and storage (file, then row) through database_sync_to_async.

REQUEST_FIELDS = frozenset({"prompt", "parameters", "seed", "parent", "variation"})
FORM_IGNORED_KEYS = frozenset({"HEADERS", "csrfmiddlewaretoken"})
WEB_SAMPLE_RATE = 44100
# A variation keeps the spec, takes a new seed and nudges each number by up to this share: audibly a sibling.
VARIATION_JITTER = 0.05
SOUND_CREATED = "sound.created"


class BadMessage(ValueError):
    """A request that is not well-formed; the message is shown to the client as is."""


@dataclass(frozen=True)
class GenerationRequest:
    """What a maker asks for: a prompt, parameters (a partial FartSpec), or both; optionally a parent to refine."""

    prompt: str | None = None
    parameters: dict[str, Any] | None = None
    seed: int | None = None
    parent_id: uuid.UUID | None = None
    variation: bool = False

    @classmethod
    def from_api(cls, data: object) -> GenerationRequest:
        """Strict reading of a JSON request. Raises BadMessage."""
        if not isinstance(data, dict):
            raise BadMessage("A request must be a JSON object.")
        unknown = sorted(set(data) - REQUEST_FIELDS)
        if unknown:
            raise BadMessage(f"Unknown field(s): {', '.join(map(str, unknown))}.")
        prompt = data.get("prompt")
        if prompt is not None and not isinstance(prompt, str):
            raise BadMessage("prompt must be a string.")
        parameters = data.get("parameters")
        if parameters is not None:
            parameters = _checked_parameters(parameters)
        seed = data.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX):
            raise BadMessage(f"seed must be a whole number from 0 to {SEED_MAX}.")
        variation = data.get("variation", False)
        if not isinstance(variation, bool):
            raise BadMessage("variation must be true or false.")
        return cls._checked(prompt, parameters, seed, _parent_id(data.get("parent")), variation)

    @classmethod
    def from_form(cls, data: object) -> GenerationRequest:
        """Lenient reading of a browser form (string values; empty means absent; htmx's HEADERS ignored)."""
        if not isinstance(data, Mapping):
            raise BadMessage("Send the form as a JSON object.")
        stripped = {key: value.strip() if isinstance(value, str) else value for key, value in data.items()}
        values = {
            key: value for key, value in stripped.items() if key not in FORM_IGNORED_KEYS and value not in ("", None)
        }
        parameters = {key: _form_value(key, value) for key, value in values.items() if key in FIELD_NAMES - {"seed"}}
        seed = values.get("seed")
        if seed is not None:
            seed = _form_value("seed", seed)
            if not 0 <= seed <= SEED_MAX:
                raise BadMessage(f"seed must be a whole number from 0 to {SEED_MAX}.")
        # An empty prompt box is kept as "", so the person reads what a prompt needs (invalid_prompt).
        prompt = values.get("prompt", "" if "prompt" in stripped else None)
        if prompt is not None and not isinstance(prompt, str):
            raise BadMessage("prompt must be text.")
        variation = values.get("variation") in ("1", "true", "on", True)
        return cls._checked(
            prompt, _checked_parameters(parameters) if parameters else None, seed, _parent_id(values.get("parent")),
            variation,
        )

    @classmethod
    def _checked(
        cls,
        prompt: str | None,
        parameters: dict[str, Any] | None,
        seed: int | None,
        parent_id: uuid.UUID | None,
        variation: bool,
    ) -> GenerationRequest:
        if prompt is not None and not prompt.strip() and parameters:
            prompt = None
        if variation and parent_id is None:
            raise BadMessage("A variation needs the parent sound it varies.")
        if prompt is None and not parameters and not variation:
            raise BadMessage("Send a prompt, parameters, or both.")
        return cls(prompt=prompt, parameters=parameters or None, seed=seed, parent_id=parent_id, variation=variation)


def _checked_parameters(parameters: object) -> dict[str, Any]:
    if not isinstance(parameters, dict):
        raise BadMessage("parameters must be a JSON object of FartSpec fields.")
    try:
        # Sliders may overshoot; numbers are clamped, wrong types and unknown fields refused.
        FartSpec.from_dict(parameters, clamp=True)
    except ValueError as error:
        raise BadMessage(f"Bad parameters: {error}.") from None
    return dict(parameters)


def _parent_id(value: object) -> uuid.UUID | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadMessage("parent must be a sound id.")
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadMessage("parent must be a sound id.") from None


def _form_value(key: str, value: object) -> object:
    whole = key in INT_FIELDS or key == "seed"
    if not whole and key not in NUMERIC_FIELDS:
        return value
    if isinstance(value, str):
        try:
            return int(value) if whole else float(value)
        except ValueError:
            raise BadMessage(f"{key} must be a number, got {value!r}.") from None
    if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
        raise BadMessage(f"{key} must be a number, got {value!r}.")
    return value


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


class _Refused(Exception):
    """A generation stops with this error update."""

    def __init__(self, update: Update) -> None:
        super().__init__(update.error)
        self.update = update


def _error(code: str, message: str, *, retry_after_s: int | None = None) -> Update:
    return Update(status="error", progress=0, code=code, error=message, retry_after_s=retry_after_s)


INTERNAL_ERROR = "Something went wrong on our side while making that sound. Please try again."
# The HTTP status that answers each error code (the JSON API and the no-JS form).
ERROR_HTTP_STATUS = {"bad_message": 400, "invalid_prompt": 400, "not_found": 404, "rate_limited": 429, "internal": 500}


@dataclass(frozen=True)
class EncodedAudio:
    """A sound as the site stores it: the WAV, the waveform drawn from it, its length."""

    wav: bytes
    waveform: list[list[float]]
    duration_s: float
    sample_rate: int


class RecentAudio:
    """The WAVs of recently made specs, least recently used dropped first, at most GENERATOR_RECENT_AUDIO_MB of them.

    The engine is deterministic, so the same spec at the same rate is the same WAV: a popular prompt (an example
    chip, a preset) is rendered once per process instead of once per visitor.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[FartSpec, int], EncodedAudio] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[FartSpec, int]) -> EncodedAudio | None:
        with self._lock:
            audio = self._entries.get(key)
            if audio is not None:
                self._entries.move_to_end(key)
            return audio

    def put(self, key: tuple[FartSpec, int], audio: EncodedAudio) -> None:
        max_bytes = settings.GENERATOR_RECENT_AUDIO_MB * 1024 * 1024
        if len(audio.wav) > max_bytes:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = audio
            self._bytes += len(audio.wav)
            while self._bytes > max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.wav)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


recent_audio = RecentAudio()


@dataclass
class _Generation:
    """The stages of one generation, each a plain sync function so that run() can place it on the right thread."""

    request: GenerationRequest
    maker: Maker
    sound_id: uuid.UUID = field(default_factory=uuid.uuid4)
    parent: Sound | None = None
    interpretation: Interpretation | None = None
    synthesis: Synthesis | None = None
    audio: EncodedAudio | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def check_limit(self) -> None:
        started = time.perf_counter()
        verdict = limits.hit_generation(self.maker)
        self.timings_ms["limits"] = _ms_since(started)
        if not verdict.allowed:
            minutes = max(1, round(verdict.retry_after_s / 60))
            raise _Refused(
                _error(
                    "rate_limited",
                    f"You've made a lot of sounds. You can make more in about {minutes} minute"
                    f"{'s' if minutes != 1 else ''}.",
                    retry_after_s=verdict.retry_after_s,
                )
            )

    def admit(self) -> None:
        """check_limit() then load_parent() (in run(), one hand-off to the database thread for a follow-up)."""
        self.check_limit()
        self.load_parent()

    def check_limit_and_interpret(self) -> None:
        self.check_limit()
        self.interpret()

    def load_parent(self) -> None:
        if self.request.parent_id is None:
            return
        self.parent = Sound.objects.visible_to(self.maker).filter(id=self.request.parent_id).first()
        if self.parent is None:
            raise _Refused(_error("not_found", "That sound does not exist or is not yours to refine."))

    def understanding_call(self) -> Callable[[], Interpretation]:
        """The understand() call this request needs: a variation jitters its parent's spec with a new seed."""
        request, parent = self.request, self.parent
        parameters = request.parameters
        seed = request.seed
        if request.variation and parent is not None:
            rng = random.Random()
            seed = rng.randrange(SEED_MAX + 1) if seed is None else seed
            parameters = {**_jittered(parent.spec_obj, rng), **(parameters or {})}
        previous = parent.spec_obj if parent is not None else None
        return functools.partial(understand, request.prompt, previous, seed=seed, parameters=parameters)

    def interpret(self) -> None:
        started = time.perf_counter()
        with _refusing_bad_prompts():
            self.interpretation = self.understanding_call()()
        # Recorded here, not by the render: a sound recalled from recent audio was still interpreted.
        self.timings_ms["interpret"] = _ms_since(started)

    def rendering_call(self) -> Callable[[], Synthesis]:
        """The render_interpretation() call, picklable so that a render process can run it."""
        return functools.partial(render_interpretation, self._interpretation(), WEB_SAMPLE_RATE)

    def synthesize(self) -> None:
        self.interpret()
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
            raise _Refused(_error("internal", INTERNAL_ERROR)) from None
        self.timings_ms["save_file"] = _ms_since(started)
        return name

    def save_row(self, wav_name: str) -> Sound:
        started = time.perf_counter()
        interpretation = self._interpretation()
        audio = self._audio()
        source = self._source(interpretation.source)
        title = self.parent.title if self.request.variation and self.parent is not None else interpretation.title
        try:
            with _single_statement():
                sound = Sound.objects.create(
                    id=self.sound_id,
                    owner=self.maker.user,
                    anon_id="" if self.maker.user is not None else self.maker.anon_id or "",
                    prompt=(self.request.prompt or "").strip()[:500],
                    title=title[:120],
                    spec=interpretation.spec.to_dict(),
                    seed=interpretation.spec.seed,
                    engine_version=str(ENGINE_VERSION),
                    sample_rate=audio.sample_rate,
                    parent=self.parent,
                    source=source,
                    duration_s=audio.duration_s,
                    peaks=audio.waveform,
                    # The stages before the row; writing the row and telling other sockets come after it.
                    timings_ms=dict(self.timings_ms),
                    wav=wav_name,
                )
        except DatabaseError:
            logger.exception("sound %s: the row could not be saved; removing its file", self.sound_id)
            audio_files.delete_file(wav_name)
            raise _Refused(_error("internal", INTERNAL_ERROR)) from None
        self.timings_ms["save_row"] = _ms_since(started)
        return sound

    def store(self) -> Sound:
        return self.save_row(self.save_file())

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

    def _cache_key(self) -> tuple[FartSpec, int]:
        return self._interpretation().spec, WEB_SAMPLE_RATE


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


async def run(request: GenerationRequest, maker: Maker, *, channel_name: str | None = None) -> AsyncIterator[Update]:
    """Make a sound, yielding progress; never raises, ends with `complete` or `error`.

    `channel_name` is the calling socket's channel: the `sound.created` event it sends to the maker's group names
    it, so that socket can tell its own sounds from those made in another tab.
    """
    job = _Generation(request, maker)
    try:
        yield Update(status="interpreting", progress=10)
        # Reading a prompt may wait on Claude for seconds: in a worker thread, off the loop and the database thread.
        if request.parent_id is None:
            # The limit alone is cache work, so it shares the prompt's hand-off.
            await in_worker(job.check_limit_and_interpret)()
        else:
            await database_sync_to_async(job.admit)()
            await in_worker(job.interpret)()
        yield Update(status="synthesizing", progress=35)
        await job.render_async()
        yield Update(status="encoding", progress=60)
        if job.audio is None:
            await asyncio.get_running_loop().run_in_executor(_render_thread(), job.encode)
        yield Update(status="saving", progress=80)
        # File then row in one hand-off to the database thread (a hop costs about as much as a small file write);
        # shielded: a client that goes away mid-save must not leave a file without its row.
        sound = await asyncio.shield(database_sync_to_async(job.store)())
        await _announce(job, sound, channel_name)
    except _Refused as refusal:
        yield refusal.update
        return
    except Exception:
        # The pipeline promises its callers a last update instead of an exception; the cause goes to the log.
        logger.exception("generation failed for %s", maker.group)
        yield _error("internal", INTERNAL_ERROR)
        return
    yield Update(status="complete", progress=100, sound=sound, timings_ms=job.timings_ms)


def generate(request: GenerationRequest, maker: Maker) -> Update:
    """Make a sound synchronously (HTTP views, tests); returns the last update, `complete` or `error`."""
    job = _Generation(request, maker)
    try:
        job.admit()
        job.synthesize()
        job.encode()
        sound = job.store()
        async_to_sync(_announce)(job, sound, None)
    except _Refused as refusal:
        return refusal.update
    except Exception:
        logger.exception("generation failed for %s", maker.group)
        return _error("internal", INTERNAL_ERROR)
    return Update(status="complete", progress=100, sound=sound, timings_ms=job.timings_ms)
