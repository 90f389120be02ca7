"""Benchmark of prompt interpretation: the local interpreter per prompt, and `manage.py fart` end to end.

    .venv/bin/python bench/interpret.py
    .venv/bin/python bench/interpret.py --rounds 500 --cli-runs 10

Part 1 reads every prompt of the local interpreter's two test tables (generator/tests/test_interpret_local.py and
the 400+ prompts in eight languages of generator/tests/test_interpret_prompt_table.py), follow-ups after their
previous sound (a sequence too), `--rounds` times, and prints the median and p99 time per prompt: once cold (the
word cache cleared before each round, as for a prompt made of words never seen) and once warm. It also times
`interpret()` itself without a key, which adds the outcome counter in Django's cache.
Part 2 runs `manage.py fart PROMPT -o FILE` `--cli-runs` times (no key: the local interpreter) and prints the
median wall time, then where it goes: Python's start, the imports (from one run under -X importtime), and the
work itself (interpret, render, encode).
Targets: ≤ 0.5 ms median (issue 5) and ≤ 1 ms p99 (issue 12) per prompt; ≤ 1 s for the CLI including Django's
start-up.
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
from figures import percentile  # noqa: E402 (bench/, this script's folder)

django.setup()

from generator.engine import encode  # noqa: E402
from generator.interpret import interpret  # noqa: E402
from generator.interpret.local import forget_words, interpret_locally  # noqa: E402
from generator.synthesis import synthesize  # noqa: E402
from generator.tests.test_interpret_local import TABLE as LOCAL_TABLE  # noqa: E402
from generator.tests.test_interpret_prompt_table import TABLE as PROMPT_TABLE  # noqa: E402

TABLE = [(prompt, after) for prompt, after, _ in [*LOCAL_TABLE, *PROMPT_TABLE]]

CLI_PROMPT = "long wet rumbler in a bathtub"
IMPORTS_OF_NOTE = {
    "django": "Django itself",
    "generator.engine": "the engine (numpy, scipy.signal, pyloudnorm), first imported by generator.models",
    "daphne.server": "the daphne app (twisted's reactor)",
    "generator.signals": "receivers, through generator.storage (boto3)",
    "django.urls": "URL configuration",
    "generator.interpret": "the interpreter (lexicon, rapidfuzz)",
    "generator.pipeline": "the pipeline (the web part included)",
}


def time_prompts(rounds: int, call: Callable[[str, object], object], cold: bool,
                 best_of_rounds: bool = False, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Every reading's time in ms; with best_of_rounds, each prompt's fastest round only.

    The fastest round, or the CPU time of the thread (clock=time.thread_time), is what the code costs: on a
    machine shared with other work the slow tail of wall-clock readings is mostly the scheduler.
    """
    cases = [(prompt, interpret_locally(after).sound if after else None) for prompt, after in TABLE]
    timings_ms: list[list[float]] = [[] for _ in cases]
    for _ in range(rounds):
        for n, (prompt, previous) in enumerate(cases):
            if cold:
                # Each prompt as if its words were new: the caches of looked-up words are what a reading reuses.
                forget_words()
            started = clock()
            call(prompt, previous)
            timings_ms[n].append((clock() - started) * 1000)
    if best_of_rounds:
        return [min(times) for times in timings_ms]
    return [t for times in timings_ms for t in times]


def report(label: str, timings_ms: list[float]) -> None:
    print(f"  {label:<34} p50 {statistics.median(timings_ms):7.3f} ms   p99 {percentile(timings_ms, 0.99):7.3f} ms"
          f"   max {max(timings_ms):7.3f} ms   ({len(timings_ms)} readings)")


def wall_s(args: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def import_times_s(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Cumulative import time of each module in one run under `python -X importtime`.

    A module's time counts under whoever imported it first, so the list below says which of our imports pulls
    in the heavy ones.
    """
    done = subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=120)
    times = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative_us, name = line.split("|")
            if cumulative_us.strip().isdigit():
                times[name.strip()] = int(cumulative_us) / 1e6
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the prompt table")
    parser.add_argument("--cli-runs", type=int, default=5, help="runs of manage.py fart (and of each start-up step)")
    options = parser.parse_args()

    print(f"Local interpreter, {len(TABLE)} prompts × {options.rounds} rounds:")
    report("interpret_locally, cold words", time_prompts(options.rounds, interpret_locally, cold=True))
    report("  each prompt's best round", time_prompts(options.rounds, interpret_locally, cold=True,
                                                        best_of_rounds=True))
    report("  CPU time of each reading", time_prompts(options.rounds, interpret_locally, cold=True,
                                                        clock=time.thread_time))
    report("interpret_locally, warm words", time_prompts(options.rounds, interpret_locally, cold=False))
    report("interpret() without a key", time_prompts(max(1, options.rounds // 4), interpret, cold=False))

    # The child must never reach the real API, and reads the prompt with the local interpreter like a keyless site.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    with tempfile.TemporaryDirectory() as folder:
        cli = [sys.executable, str(ROOT / "manage.py"), "fart", CLI_PROMPT, "-o", str(Path(folder) / "fart.wav")]
        wall = wall_s(cli, env, options.cli_runs)
        imports = import_times_s([sys.executable, "-X", "importtime", *cli[1:]], env)
    bare = wall_s([sys.executable, "-c", "pass"], env, options.cli_runs)
    started = time.perf_counter()
    synthesis = synthesize(CLI_PROMPT)
    encode(synthesis.samples, synthesis.sample_rate, "wav")
    work_s = time.perf_counter() - started

    print(f"\nmanage.py fart {CLI_PROMPT!r} -o fart.wav: median wall time {wall:.2f} s over {options.cli_runs} runs")
    print(f"  bare Python start                   {bare:5.2f} s")
    print(f"  interpret + render + encode         {work_s:5.2f} s (in process, imports done)")
    print("  imports (cumulative, under the first importer):")
    for module, why in IMPORTS_OF_NOTE.items():
        if module in imports:
            print(f"    {module:<32} {imports[module]:5.2f} s  {why}")
    heavy = ("scipy.signal", "scipy.stats", "pyloudnorm", "twisted.internet.asyncioreactor", "boto3")
    print("  of which: " + ", ".join(f"{name} {imports[name]:.2f} s" for name in heavy if name in imports))
    print(f"  anthropic SDK (imported only when a key is set) would add "
          f"{wall_s([sys.executable, '-c', 'import anthropic'], env, options.cli_runs) - bare:.2f} s")

if __name__ == "__main__":
    main()
