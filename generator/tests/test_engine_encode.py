"""Encoders and waveform peaks."""

from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile

from generator.engine import CONTENT_TYPES, FORMATS, FartSpec, encode, peaks, render


@pytest.fixture(scope="module")
def samples() -> np.ndarray:
    return render(FartSpec(duration_s=1.3, seed=9), 44100)


def test_every_format_has_a_content_type() -> None:
    assert set(CONTENT_TYPES) == set(FORMATS) == {"wav", "mp3", "ogg", "opus"}


@pytest.mark.parametrize("sr", [22050, 44100, 48000])
def test_wav_round_trips_as_16_bit_pcm_with_its_length_and_rate(sr: int) -> None:
    x = render(FartSpec(duration_s=0.7), sr)
    data = encode(x, sr, "wav")
    y, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    info = soundfile.info(io.BytesIO(data))
    assert (info.format, info.subtype, info.channels) == ("WAV", "PCM_16", 1)
    assert rate == sr
    assert len(y) == len(x)
    assert np.max(np.abs(y - x)) < 1.5 / 32768


@pytest.mark.parametrize(("fmt", "container"), [("mp3", "MP3"), ("ogg", "OGG")])
@pytest.mark.parametrize("sr", [22050, 44100])
def test_compressed_formats_round_trip_with_their_length_and_rate(fmt: str, container: str, sr: int) -> None:
    x = render(FartSpec(duration_s=1.3, seed=9), sr)
    data = encode(x, sr, fmt)
    info = soundfile.info(io.BytesIO(data))
    y, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    assert info.format == container
    assert rate == sr
    # libsndfile trims the codecs' padding (LAME writes a gapless header): the sound comes back sample-exact
    # in length, and in time with the original.
    assert len(y) == len(x)
    assert np.corrcoef(x, y)[0, 1] > 0.95
    assert len(data) < len(encode(x, sr, "wav")) / 3


@pytest.mark.parametrize("sr", [22050, 44100, 48000])
def test_opus_is_ogg_at_48_khz_lasting_as_long_and_far_smaller_than_the_wav(sr: int) -> None:
    x = render(FartSpec(duration_s=2.0, seed=4), sr)
    data = encode(x, sr, "opus")
    info = soundfile.info(io.BytesIO(data))
    y, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    assert (info.format, info.subtype, rate) == ("OGG", "OPUS", 48000)
    assert len(y) / rate == pytest.approx(len(x) / sr, abs=0.01)
    # What a phone on a slow network downloads before it can play: about 35 kbit/s, a twentieth of a 44.1 kHz WAV.
    assert len(data) * 8 / 2.0 < 48_000


@pytest.mark.parametrize(("n", "sr"), [(0, 22050), (1, 8000), (12_345, 48_000), (88_200, 44_100)])
def test_wav_bytes_are_exactly_what_libsndfile_writes(n: int, sr: int) -> None:
    # The WAV is written with NumPy (a tenth of soundfile's time); libsndfile stays the reference, sample for sample.
    x = np.random.default_rng(n).uniform(-1, 1, n).astype(np.float32)
    if n > 12:
        x[:6] = [-1.0, 0.0, 1e-9, -1e-9, 0.99999994, -0.99999994]
        x[6:12] = np.arange(6) / 32768 - 3 / 65536  # halfway between 16-bit steps
    reference = io.BytesIO()
    soundfile.write(reference, x, sr, subtype="PCM_16", format="WAV")
    assert encode(x, sr, "wav") == reference.getvalue()


def test_wav_saturates_samples_beyond_full_scale() -> None:
    data = encode(np.array([1.0, 1.7, -1.0, -3.0, 0.5], dtype=np.float32), 44100, "wav")
    assert np.frombuffer(data[44:], "<i2").tolist() == [32767, 32767, -32768, -32768, 16384]


def test_wav_bytes_are_the_same_every_time(samples: np.ndarray) -> None:
    assert encode(samples, 44100, "wav") == encode(samples.copy(), 44100, "wav")


def test_an_unknown_format_is_refused(samples: np.ndarray) -> None:
    with pytest.raises(ValueError, match="format must be one of wav, mp3, ogg, opus, got 'flac'"):
        encode(samples, 44100, "flac")


def test_mp3_refuses_a_rate_it_cannot_carry(samples: np.ndarray) -> None:
    with pytest.raises(ValueError, match="mp3 needs a sample rate"):
        encode(samples, 96000, "mp3")


@pytest.mark.parametrize("bad", [np.zeros((2, 10), dtype=np.float32), np.zeros(10, dtype=np.int16)])
def test_encode_wants_mono_float_samples(bad: np.ndarray) -> None:
    with pytest.raises(ValueError, match="1-D float array"):
        encode(bad, 44100, "wav")


def test_peaks_gives_min_and_max_per_slice() -> None:
    x = np.array([0.0, 0.5, -0.25, 0.125, 1.0, -1.0, 0.3, 0.3], dtype=np.float32)
    assert peaks(x, 4) == [(0.0, 0.5), (-0.25, 0.125), (-1.0, 1.0), (0.3, 0.3)]
    assert peaks(x, 1) == [(-1.0, 1.0)]


def test_peaks_are_json_friendly_rounded_floats(samples: np.ndarray) -> None:
    outline = peaks(samples, 200)
    assert len(outline) == 200
    for low, high in outline:
        assert type(low) is float
        assert type(high) is float
        assert low <= high
        assert round(low, 4) == low
        assert round(high, 4) == high
    assert min(low for low, _ in outline) == pytest.approx(float(samples.min()), abs=1e-4)
    assert max(high for _, high in outline) == pytest.approx(float(samples.max()), abs=1e-4)


def test_peaks_of_a_short_or_empty_signal_still_fill_every_slice() -> None:
    assert peaks(np.array([0.5, -0.5], dtype=np.float32), 4) == [(0.5, 0.5), (0.5, 0.5), (-0.5, -0.5), (-0.5, -0.5)]
    assert peaks(np.zeros(0, dtype=np.float32), 3) == [(0.0, 0.0)] * 3


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_peaks_needs_at_least_one_slice(n: object, samples: np.ndarray) -> None:
    with pytest.raises(ValueError, match="n must be a whole number"):
        peaks(samples, n)  # type: ignore[arg-type]
