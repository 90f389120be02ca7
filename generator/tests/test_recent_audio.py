"""The cache of recently made WAVs."""

from __future__ import annotations

from typing import Any

from generator.engine import ENGINE_VERSION, FartSpec
from generator.recent_audio import EncodedAudio, RecentAudio, audio_key


def test_recent_audio_drops_the_least_recently_used_beyond_its_memory(settings: Any) -> None:
    settings.GENERATOR_RECENT_AUDIO_MB = 1
    recent = RecentAudio()
    audio = EncodedAudio(wav=b"x" * 400_000, waveform=[], duration_s=1.0, sample_rate=44100)
    keys = [audio_key(FartSpec(seed=seed), 44100) for seed in range(4)]
    for key in keys[:2]:
        recent.put(key, audio)
    assert recent.get(keys[0]) is audio  # now the most recently used
    recent.put(keys[2], audio)  # 1.2 MB: keys[1] goes
    assert recent.get(keys[1]) is None
    assert recent.get(keys[0]) is audio
    assert recent.get(keys[2]) is audio
    assert recent.get(keys[3]) is None


def test_recent_audio_of_zero_megabytes_keeps_nothing(settings: Any) -> None:
    settings.GENERATOR_RECENT_AUDIO_MB = 0
    recent = RecentAudio()
    key = audio_key(FartSpec(), 44100)
    recent.put(key, EncodedAudio(wav=b"RIFF", waveform=[], duration_s=0.1, sample_rate=44100))
    assert recent.get(key) is None


def test_recent_audio_is_kept_per_engine_version(settings: Any) -> None:
    # A new engine makes another sound of the same spec: it must not be served an older engine's WAV.
    settings.GENERATOR_RECENT_AUDIO_MB = 1
    recent = RecentAudio()
    audio = EncodedAudio(wav=b"RIFF", waveform=[], duration_s=0.1, sample_rate=44100)
    recent.put((FartSpec(), 44100, ENGINE_VERSION - 1), audio)
    assert audio_key(FartSpec(), 44100) == (FartSpec(), 44100, ENGINE_VERSION)
    assert recent.get(audio_key(FartSpec(), 44100)) is None
