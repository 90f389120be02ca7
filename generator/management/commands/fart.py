"""`manage.py fart "PROMPT"`: make a fart on the command line and write it to a file (or stdout)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from generator import pipeline
from generator.engine import FORMATS, FartSpec, encode

# Bad input exits with 2, like a command-line usage error.
USAGE_ERROR = 2
# What --print-spec adds to the spec; --refine accepts them back.
_EXTRA_KEYS = ("title", "source")


class Command(BaseCommand):
    help = "Synthesize a fart from a description and write it as a sound file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prompt", help='what the fart should sound like, e.g. "long wet rumbler in a bathtub"')
        parser.add_argument("--seed", type=int, help="random seed (default: derived from the prompt)")
        parser.add_argument(
            "--format", dest="fmt", help=f"{' | '.join(FORMATS)} (default: from the output name, else wav)"
        )
        parser.add_argument("-o", "--output", help='file to write (default fart.<format>); "-" writes to stdout')
        parser.add_argument("--print-spec", action="store_true", help="print the spec, title and source as JSON")
        parser.add_argument("--refine", metavar="SPEC_JSON_PATH", help="a spec (as printed) the prompt refines")

    def handle(self, *args: Any, prompt: str, seed: int | None, fmt: str | None, output: str | None,
               print_spec: bool, refine: str | None, **options: Any) -> None:
        fmt = _format(fmt, output)
        if output == "-" and print_spec:
            raise CommandError("--print-spec and -o - both write to stdout; pick one", returncode=USAGE_ERROR)
        previous = _read_spec(refine) if refine else None
        try:
            synthesis = pipeline.synthesize(prompt, previous, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        data = encode(synthesis.samples, synthesis.sample_rate, fmt)
        interpretation = synthesis.interpretation
        if print_spec:
            printed = {**interpretation.spec.to_dict(), "title": interpretation.title, "source": interpretation.source}
            self.stdout.write(json.dumps(printed, ensure_ascii=False))
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(output or f"fart.{fmt}")
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}", returncode=USAGE_ERROR) from exc
        self.stderr.write(
            f"{path}: {interpretation.title} ({interpretation.source}, seed {interpretation.spec.seed}, "
            f"{len(synthesis.samples) / synthesis.sample_rate:.2f} s)"
        )


def _format(fmt: str | None, output: str | None) -> str:
    if fmt is None:
        suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
        return suffix if suffix in FORMATS else "wav"
    if fmt not in FORMATS:
        raise CommandError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}", returncode=USAGE_ERROR)
    return fmt


def _read_spec(path: str) -> FartSpec:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = {key: value for key, value in data.items() if key not in _EXTRA_KEYS}
        return FartSpec.from_dict(data)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=USAGE_ERROR) from exc
    except ValueError as exc:  # bad JSON and bad text are ValueErrors too
        raise CommandError(f"{path} is not a spec: {exc}", returncode=USAGE_ERROR) from exc
