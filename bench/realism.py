"""Realism benchmark (issue 11): the 15 measures real fart recordings were measured on, v1 beside v2.

    .venv/bin/python bench/realism.py                 # table, batch medians, failing checks, variety
    .venv/bin/python bench/realism.py --out /tmp/r    # also WAVs and a spectrogram + waveform-zoom PNG per sound
    .venv/bin/python bench/realism.py --engines v2    # only the current engine

Batches: "ordinary" (classic, rumbler, wet_one, long_goodbye, machine_gun, whoopee_cushion, tuba with seeds 0–4,
and everyday prompts read by the local interpreter with seeds 0 and 1), "novelty" (the other presets), "rooms"
(classic in every room). Each sound is rendered at 44.1 kHz and measured on its active part (10 ms frames within
35 dB of the loudest), resampled to 22.05 kHz and peak-normalised (generator/tests/audio.py: realism_measures).
The bar: ≥ 90 % of ordinary sounds pass ≥ 12 of 15 checks, none fewer than 10, batch medians in their ranges.
Variety: the cosine similarity of the log-mel spectrograms (each band about its mean) of consecutive seeds 0–7 of every
preset, ≤ 0.75.
v1 comes out of git (bench/v1.py) and renders in a subprocess.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
from pathlib import Path

import django
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The prompts are read by the local interpreter, which lives in the Django project.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fartgen.settings")
django.setup()

from v1 import v1_tree  # noqa: E402 (bench/, this script's folder)

from generator.engine import ENGINE_VERSION, PRESETS, ROOMS, FartSpec, render  # noqa: E402
from generator.interpret.local import interpret_locally  # noqa: E402
from generator.tests.audio import CHECKS, checks_passed, realism_measures, similarity  # noqa: E402

SR = 44100
ORDINARY_PRESETS = ("classic", "rumbler", "wet_one", "long_goodbye", "machine_gun", "whoopee_cushion", "tuba")
NOVELTY_PRESETS = tuple(name for name in PRESETS if name not in ORDINARY_PRESETS)
# Everyday prompts: no room, no novelty word.
PROMPTS = (
    "a fart",
    "a quick little fart",
    "a long low fart",
    "a wet fart",
    "a loud fart",
    "a quiet fart",
    "a short squeaky fart",
    "a deep rumbling fart",
    "a sloppy wet one",
    "a dry fart",
    "a big juicy fart",
    "a tiny toot",
    "a long wet fart",
    "a raspy fart",
    "a short sharp fart",
    "three quick farts",
    "a slow sagging fart",
    "a breathy fart",
    "a tight high fart",
    "a loose flappy fart",
    "a smooth clean fart",
    "a very long fart",
    "a rough loud fart",
    "two farts",
)
PROMPT_SEEDS = (0, 1)
PRESET_SEEDS = range(5)
PASS_AT_LEAST, NONE_BELOW, SHARE_PASSING = 12, 10, 0.9
MAX_SIMILARITY = 0.75


def batches() -> dict[str, list[tuple[str, FartSpec]]]:
    """(label, spec) of every sound, by batch."""
    ordinary = [
        (f"{name}/{seed}", PRESETS[name].spec.with_changes(seed=seed))
        for name in ORDINARY_PRESETS
        for seed in PRESET_SEEDS
    ]
    for prompt in PROMPTS:
        spec = interpret_locally(prompt).spec
        ordinary += [(f'"{prompt}"/{seed}', spec.with_changes(seed=seed)) for seed in PROMPT_SEEDS]
    novelty = [
        (f"{name}/{seed}", PRESETS[name].spec.with_changes(seed=seed)) for name in NOVELTY_PRESETS for seed in (0, 1)
    ]
    rooms = [(f"classic in {room}", PRESETS["classic"].spec.with_changes(room=room)) for room in ROOMS]
    return {"ordinary": ordinary, "novelty": novelty, "rooms": rooms}


VARIETY_SEEDS = 8  # consecutive takes of each preset: seeds 0 and 1, 1 and 2, … 6 and 7


def variety_specs() -> list[tuple[str, FartSpec]]:
    return [
        (f"{name}/{seed}", PRESETS[name].spec.with_changes(seed=seed))
        for name in PRESETS
        for seed in range(VARIETY_SEEDS)
    ]


def render_v1(specs: list[FartSpec]) -> list[np.ndarray]:
    """Render with engine v1 in a subprocess that imports it from git."""
    code = (
        "import json, sys, numpy as np\n"
        "from generator.engine import FartSpec, render\n"
        "specs = json.load(sys.stdin)\n"
        "np.savez(sys.argv[1], *[render(FartSpec.from_dict(s), 44100) for s in specs])\n"
    )
    with v1_tree() as tree:
        out = tree / "v1.npz"
        subprocess.run(
            [sys.executable, "-c", code, str(out)],
            input=json.dumps([spec.to_dict() for spec in specs]),
            text=True,
            cwd=tree,
            check=True,
        )
        with np.load(out) as data:
            return [data[f"arr_{i}"] for i in range(len(specs))]


def render_all(engines: list[str], specs: list[FartSpec]) -> dict[str, list[np.ndarray]]:
    sounds = {}
    for engine in engines:
        sounds[engine] = render_v1(specs) if engine == "v1" else [render(spec, SR) for spec in specs]
    return sounds


def fmt(value: float) -> str:
    return "nan" if not math.isfinite(value) else f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def print_table(batch: str, labels: list[str], measured: dict[str, list[dict[str, float]]]) -> None:
    names = [check.name for check in CHECKS]
    print(f"\n## {batch}")
    print(" | ".join(["sound", "engine", "pass", *names]))
    for i, label in enumerate(labels):
        for engine, rows in measured.items():
            row = rows[i]
            failed = {check.name for check in CHECKS} - set(checks_passed(row))
            cells = [fmt(row[name]) + ("*" if name in failed else "") for name in names]
            print(" | ".join([label, engine, f"{15 - len(failed)}/15", *cells]))


def summarize_ordinary(measured: dict[str, list[dict[str, float]]]) -> None:
    print("\n## ordinary batch: the bar (* = outside the range)")
    for engine, rows in measured.items():
        passes = [len(checks_passed(row)) for row in rows]
        share = sum(p >= PASS_AT_LEAST for p in passes) / len(passes)
        print(
            f"{engine}: {len(rows)} sounds, median {statistics.median(passes):g}/15 passed; "
            f"{share:.0%} pass ≥ {PASS_AT_LEAST} (need ≥ {SHARE_PASSING:.0%}); "
            f"fewest {min(passes)} (need ≥ {NONE_BELOW})"
        )
    engine_columns = " | ".join(f"{engine} median | {engine} failing" for engine in measured)
    print(f"measure | range per sound | batch median range | {engine_columns}")
    for check in CHECKS:
        cells = [check.name, f"{fmt(check.low)}…{fmt(check.high)} {check.unit}"]
        has_median = math.isfinite(check.median_low) or math.isfinite(check.median_high)
        cells.append(f"{fmt(check.median_low)}…{fmt(check.median_high)}" if has_median else "")
        for rows in measured.values():
            values = [row[check.name] for row in rows if math.isfinite(row[check.name])]
            median = statistics.median(values) if values else math.nan
            off = has_median and not check.median_low <= median <= check.median_high
            failing = sum(not check.passes(row[check.name]) for row in rows)
            cells += [fmt(median) + ("*" if off else ""), f"{failing}/{len(rows)}"]
        print(" | ".join(cells))


def print_variety(engines: list[str]) -> None:
    """Seeds 0 and 1 of each preset, and the most alike of its consecutive takes (seeds 0–1 … 6–7): any two takes
    in a row are held to the limit, not only the first two."""
    specs = variety_specs()
    sounds = render_all(engines, [spec for _, spec in specs])
    print(f"\n## variety: log-mel cosine similarity of consecutive seeds (≤ {MAX_SIMILARITY})")
    print("preset | " + " | ".join(f"{e} seeds 0–1 | {e} most alike of 0–{VARIETY_SEEDS - 1}" for e in engines))
    for k, name in enumerate(PRESETS):
        cells = [name]
        for e in engines:
            takes = sounds[e][VARIETY_SEEDS * k : VARIETY_SEEDS * (k + 1)]
            values = [similarity(a, b, SR) for a, b in itertools.pairwise(takes)]
            cells += [f"{v:.2f}" + ("*" if v > MAX_SIMILARITY else "") for v in (values[0], max(values))]
        print(" | ".join(cells))


def write_pictures(out: Path, labels: list[str], sounds: dict[str, list[np.ndarray]]) -> None:
    """A WAV per sound and engine, and one PNG per sound: spectrogram and waveform zoom, engines side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import soundfile

    out.mkdir(parents=True, exist_ok=True)
    for i, label in enumerate(labels):
        stem = "".join(c if c.isalnum() else "_" for c in label).strip("_")
        fig, axes = plt.subplots(2, len(sounds), figsize=(6 * len(sounds), 6), squeeze=False)
        for j, (engine, xs) in enumerate(sounds.items()):
            x = xs[i]
            soundfile.write(out / f"{stem}.{engine}.wav", x, SR)
            axes[0, j].specgram(x, NFFT=1024, Fs=SR, noverlap=768, cmap="magma", vmin=-120)
            axes[0, j].set_ylim(0, 11025)
            axes[0, j].set_title(f"{label} ({engine})")
            centre = int(np.argmax(np.abs(x)))
            span = round(0.04 * SR)
            lo = max(0, centre - span // 2)
            t_ms = (np.arange(lo, min(len(x), lo + span)) - centre) / SR * 1e3
            axes[1, j].plot(t_ms, x[lo : lo + len(t_ms)], linewidth=0.7)
            axes[1, j].set_xlabel("ms around the loudest sample")
        fig.tight_layout()
        fig.savefig(out / f"{stem}.png", dpi=80)
        plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write WAVs and PNGs here")
    parser.add_argument("--engines", default="v1,v2", help="comma-separated: v1 (from git), v2 (this tree)")
    parser.add_argument("--batches", default="ordinary,novelty,rooms", help="comma-separated batch names")
    parser.add_argument("--no-variety", action="store_true", help="skip the seed-similarity figures")
    args = parser.parse_args()
    engines = [engine.strip() for engine in args.engines.split(",")]
    wanted = {name.strip() for name in args.batches.split(",")}
    print(f"# realism: engines {', '.join(engines)} (this tree is engine v{ENGINE_VERSION}), {SR} Hz")
    for batch, entries in batches().items():
        if batch not in wanted:
            continue
        labels = [label for label, _ in entries]
        sounds = render_all(engines, [spec for _, spec in entries])
        measured = {engine: [realism_measures(x, SR) for x in xs] for engine, xs in sounds.items()}
        print_table(batch, labels, measured)
        if batch == "ordinary":
            summarize_ordinary(measured)
        if args.out:
            write_pictures(args.out / batch, labels, sounds)
    if not args.no_variety:
        print_variety(engines)


if __name__ == "__main__":
    main()
