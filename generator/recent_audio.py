"""The WAVs of recently made sounds, kept in memory so that a popular prompt is rendered once per process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings

from generator.engine import ENGINE_VERSION
from generator.engine.sequence import Recipe

AudioKey = tuple[Recipe, int, int]  # recipe, sample rate, engine version


def audio_key(recipe: Recipe, sample_rate: int) -> AudioKey:
    """The key of a recipe's audio at a rate: it names the engine, so a new engine never serves an old one's WAV."""
    return recipe, sample_rate, ENGINE_VERSION


@dataclass(frozen=True)
class EncodedAudio:
    """A sound as the site stores it: the WAV, the waveform drawn from it, its length."""

    wav: bytes
    waveform: list[list[float]]
    duration_s: float
    sample_rate: int


class RecentAudio:
    """The WAVs of recently made recipes (specs and sequences), least recently used dropped first, at most
    GENERATOR_RECENT_AUDIO_MB of them.

    The engine is deterministic, so the same spec at the same rate is the same WAV: a popular prompt (an example
    chip, a preset) is rendered once per process instead of once per visitor.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[AudioKey, EncodedAudio] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: AudioKey) -> EncodedAudio | None:
        with self._lock:
            audio = self._entries.get(key)
            if audio is not None:
                self._entries.move_to_end(key)
            return audio

    def put(self, key: AudioKey, audio: EncodedAudio) -> None:
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
