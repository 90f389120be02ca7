"""Benchmark of prompt interpretation: the local interpreter per prompt, and `manage.py fart` end to end.

    .venv/bin/python bench/interpret.py
    .venv/bin/python bench/interpret.py --rounds 500 --cli-runs 10

Part 1 reads every prompt of the local interpreter's test table (generator/tests/test_interpret_local.py),
follow-ups after their previous sound, `--rounds` times, and prints the median and p99 time per prompt: once
cold (the word cache cleared before each round, as for a prompt made of words never seen) and once warm. It also
times `interpret()` itself without a key, which adds the outcome counter in Django's cache.
Part 2 runs `manage.py fart PROMPT -o FILE` `--cli-runs` times (no key: the local interpreter) and prints the
median wall time, then where a process's start-up goes: Python, Django's setup, the engine's imports.
Targets (issue 5): ≤ 0.5 ms median per prompt; ≤ 1 s for the CLI including Django's start-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fartgen.settings")

import django  # noqa: E402 (the path and settings above come first)

django.setup()

from generator.interpret import interpret  # noqa: E402
from generator.interpret.local import interpret_locally, resolve  # noqa: E402
from generator.tests.test_interpret_local import TABLE  # noqa: E402

CLI_PROMPT = "long wet rumbler in a bathtub"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_prompts(rounds: int, call: Callable[[str, object], object], cold: bool) -> list[float]:
    cases = [(prompt, interpret_locally(after)[0] if after else None) for prompt, after, _ in TABLE]
    timings_ms = []
    for _ in range(rounds):
        if cold:
            resolve.cache_clear()
        for prompt, previous in cases:
            started = time.perf_counter()
            call(prompt, previous)
            timings_ms.append((time.perf_counter() - started) * 1000)
    return timings_ms


def report(label: str, timings_ms: list[float]) -> None:
    print(f"  {label:<34} median {statistics.median(timings_ms):7.3f} ms   p99 {percentile(timings_ms, 0.99):7.3f} ms"
          f"   max {max(timings_ms):7.3f} ms   ({len(timings_ms)} readings)")


def wall_s(args: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the prompt table")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs of manage.py fart (and of each start-up step)")
    options = parser.parse_args()

    print(f"Local interpreter, {len(TABLE)} prompts × {options.rounds} rounds:")
    report("interpret_locally, cold words", time_prompts(options.rounds, interpret_locally, cold=True))
    report("interpret_locally, warm words", time_prompts(options.rounds, interpret_locally, cold=False))
    report("interpret() without a key", time_prompts(max(1, options.rounds // 4), interpret, cold=False))

    # The child must never reach the real API, and reads the prompt with the local interpreter like a keyless site.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    python = [sys.executable, "-c"]
    with tempfile.TemporaryDirectory() as folder:
        output = str(Path(folder) / "fart.wav")
        cli = wall_s([sys.executable, str(ROOT / "manage.py"), "fart", CLI_PROMPT, "-o", output], env, options.cli_runs)
    steps = {
        "python": wall_s([*python, "pass"], env, options.cli_runs),
        "django.setup()": wall_s([*python, "import django; django.setup()"], {**env, "DJANGO_SETTINGS_MODULE":
                                                                              "fartgen.settings"}, options.cli_runs),
        "import numpy": wall_s([*python, "import numpy"], env, options.cli_runs),
        "import generator.engine": wall_s([*python, "import generator.engine"], env, options.cli_runs),
        "import anthropic (only with a key)": wall_s([*python, "import anthropic"], env, options.cli_runs),
    }
    print(f"\nmanage.py fart {CLI_PROMPT!r} -o fart.wav: median wall time {cli:.2f} s over {options.cli_runs} runs")
    print("Start-up of a fresh process (median wall time, each step alone, so they overlap):")
    for step, seconds in steps.items():
        print(f"  {step:<36} {seconds:5.2f} s")


if __name__ == "__main__":
    main()
