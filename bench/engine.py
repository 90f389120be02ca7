"""Engine benchmark: render and encode times, real-time factor and memory, as JSON lines; v1 beside v2.

    .venv/bin/python bench/engine.py            # from the project root
    .venv/bin/python bench/engine.py --repeat 50
    .venv/bin/python bench/engine.py --no-v1    # this tree's engine only

One render should use one core: thread pools are capped before NumPy loads. Renders cycle through the whole
base library (its timbres, puffs and wetness), each stretched to the clip length, dry or in every room in turn.
"default" renders are the default spec with different seeds. Then the same renders run on this engine and on
engine v1 (its source read from git, bench/v1.py), each in a subprocess, taking turns for --rounds rounds, and
every group's medians are compared.
Targets (issue 11): dry 3 s ≤ 4 ms median and ≤ 1.2× v1, with a room ≤ 6 ms; WAV encode ≤ 2 ms; MP3 of 3 s
≤ 40 ms; ≤ 50 MB extra memory.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

# --engine-root puts another engine's tree (v1's, unpacked by bench/v1.py) first on the path.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, sys.argv[sys.argv.index("--engine-root") + 1] if "--engine-root" in sys.argv else str(ROOT))

from figures import percentile  # noqa: E402 (bench/, this script's folder)
from v1 import v1_tree  # noqa: E402

from generator.engine import ENGINE_VERSION, PRESETS, ROOMS, FartSpec, encode, render  # noqa: E402

SR = 44100
PLACES = [room for room in ROOMS if room != "none"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the library per clip length")
    parser.add_argument("--no-v1", action="store_true", help="skip the side-by-side run of engine v1")
    parser.add_argument("--rounds", type=int, default=3, help="turns each engine takes in the side-by-side run")
    parser.add_argument("--engine-root", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_root:
        warm_up()
        measure_renders(args.repeat)
        return
    emit({"bench": "engine", "engine_version": ENGINE_VERSION, "sample_rate": SR, "python": sys.version.split()[0]})
    tracemalloc.start()
    warm_up()
    caches_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    measure_renders(args.repeat)
    samples = render(FartSpec(duration_s=3.0, wetness=0.5), SR)
    for fmt in ("wav", "mp3", "ogg"):
        times_s = [timed(lambda fmt=fmt: encode(samples, SR, fmt))[0] for _ in range(30 if fmt == "wav" else 10)]
        emit({"bench": "encode", "format": fmt, "duration_s": 3.0, **summary_ms(times_s)})
    emit(memory(caches_bytes))
    if not args.no_v1:
        compare_with_v1(args.repeat, args.rounds)


def measure_renders(repeat: int) -> None:
    """Time the library and default renders at every clip length, a line per group."""
    for duration_s in (1.0, 3.0, 10.0):
        for with_room in (False, True):
            report_renders("library", duration_s, with_room, library(duration_s, with_room) * repeat)
        report_renders("default", duration_s, False, [FartSpec(duration_s=duration_s, seed=i) for i in range(48)])


def compare_with_v1(repeat: int, rounds: int) -> None:
    """Run the same renders on this engine and on engine v1, each in a subprocess, taking turns for `rounds`
    rounds (a machine whose load drifts slows both alike); print v1's lines with the medians over the rounds
    and v2 ÷ v1 (the median of each round's ratio) for each group."""
    runs: dict[int, list[dict[tuple[str, float, str], dict]]] = {1: [], 2: []}
    with v1_tree() as tree:
        for _ in range(rounds):
            for version, root in ((2, ROOT), (1, tree)):
                command = [sys.executable, __file__, "--repeat", str(repeat), "--engine-root", str(root)]
                lines = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()
                records = (json.loads(line) for line in lines)
                runs[version].append({(r["specs"], r["duration_s"], r["room"]): r for r in records})
    for group, first in runs[1][0].items():
        record = {**first, "engine_version": 1, "rounds": rounds}
        for measure in ("median_ms", "cpu_median_ms"):
            v1_ms = [run[group][measure] for run in runs[1]]
            v2_ms = [run[group][measure] for run in runs[2]]
            record[measure] = statistics.median(v1_ms)
            record[f"v2_{measure}"] = statistics.median(v2_ms)
            ratio = statistics.median(b / a for a, b in zip(v1_ms, v2_ms, strict=True))
            record["v2_over_v1" if measure == "median_ms" else "v2_cpu_over_v1"] = round(ratio, 2)
        emit(record)


def report_renders(kind: str, duration_s: float, with_room: bool, specs: list[FartSpec]) -> None:
    wall_s, cpu_s = zip(*(timed(lambda spec=spec: render(spec, SR)) for spec in specs), strict=True)
    summary = summary_ms(list(wall_s))
    emit(
        {
            "bench": "render",
            "engine_version": ENGINE_VERSION,
            "specs": kind,
            "duration_s": duration_s,
            "room": "rooms" if with_room else "none",
            "renders": len(specs),
            **summary,
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
