"""Engine benchmark: render and encode times, real-time factor and memory, as JSON lines.

    .venv/bin/python bench/engine.py            # from the project root
    .venv/bin/python bench/engine.py --repeat 50

One render should use one core: thread pools are capped before NumPy loads. Renders cycle through the whole
base library (its timbres, puffs and wetness), each stretched to the clip length, dry or in every room in turn.
"default" renders are the default spec with different seeds. Targets (issue 4): dry 3 s ≤ 3 ms median, with a
room ≤ 6 ms; WAV encode ≤ 2 ms; MP3 of 3 s ≤ 40 ms; ≤ 50 MB extra memory.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import percentile  # noqa: E402 (bench/, this script's folder)

from generator.engine import ENGINE_VERSION, PRESETS, ROOMS, FartSpec, encode, render  # noqa: E402

SR = 44100
PLACES = [room for room in ROOMS if room != "none"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the library per clip length")
    args = parser.parse_args()
    emit({"bench": "engine", "engine_version": ENGINE_VERSION, "sample_rate": SR, "python": sys.version.split()[0]})
    tracemalloc.start()
    warm_up()
    caches_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    for duration_s in (1.0, 3.0, 10.0):
        for with_room in (False, True):
            report_renders("library", duration_s, with_room, library(duration_s, with_room) * args.repeat)
        report_renders("default", duration_s, False, [FartSpec(duration_s=duration_s, seed=i) for i in range(48)])
    samples = render(FartSpec(duration_s=3.0, wetness=0.5), SR)
    for fmt in ("wav", "mp3", "ogg"):
        times_s = [timed(lambda fmt=fmt: encode(samples, SR, fmt))[0] for _ in range(30 if fmt == "wav" else 10)]
        emit({"bench": "encode", "format": fmt, "duration_s": 3.0, **summary_ms(times_s)})
    emit(memory(caches_bytes))


def report_renders(kind: str, duration_s: float, with_room: bool, specs: list[FartSpec]) -> None:
    wall_s, cpu_s = zip(*(timed(lambda spec=spec: render(spec, SR)) for spec in specs), strict=True)
    emit(
        {
            "bench": "render",
            "specs": kind,
            "duration_s": duration_s,
            "room": "rooms" if with_room else "none",
            "renders": len(specs),
            **summary_ms(list(wall_s)),
            # CPU time of the rendering thread: what the render costs when other processes share the cores.
            "cpu_median_ms": round(statistics.median(cpu_s) * 1e3, 3),
            "realtime_factor": round(duration_s / statistics.median(wall_s)),
        }
    )


def library(duration_s: float, with_room: bool) -> list[FartSpec]:
    specs = []
    for i, preset in enumerate(PRESETS.values()):
        room = PLACES[i % len(PLACES)] if with_room else "none"
        specs.append(preset.spec.with_changes(duration_s=duration_s, room=room, seed=i))
    return specs


def warm_up() -> None:
    # First renders build the impulse responses, filter designs and noise table; a server pays that once.
    for room in ROOMS:
        for duration_s in (1.0, 3.0, 10.0):
            render(FartSpec(duration_s=duration_s, room=room), SR)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and thread CPU seconds of one call."""
    start, start_cpu = time.perf_counter(), time.thread_time()
    work()
    return time.perf_counter() - start, time.thread_time() - start_cpu


def summary_ms(times_s: list[float]) -> dict[str, float]:
    ordered = sorted(times_s)
    return {
        "median_ms": round(statistics.median(ordered) * 1e3, 3),
        "p95_ms": round(percentile(ordered, 0.95) * 1e3, 3),
        # The fastest run: closest to what an idle core does when other processes crowd the machine.
        "min_ms": round(ordered[0] * 1e3, 3),
    }


def memory(caches_bytes: int) -> dict[str, object]:
    """Peak heap growth (NumPy arrays included) while rendering and encoding a 10 s wet clip in the hall."""
    spec = FartSpec(duration_s=10.0, room="hall", wetness=0.9, bursts=3)
    tracemalloc.start()
    samples = render(spec, SR)
    encode(samples, SR, "wav")
    _, peak_bytes = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "bench": "memory",
        "clip": "10 s, hall, wet",
        "peak_extra_mb": round(peak_bytes / 2**20, 1),
        # Built once per process: noise table, scratch arrays, room responses and filter designs.
        "caches_mb": round(caches_bytes / 2**20, 1),
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
