"""`manage.py fart "PROMPT"`: make a fart on the command line and write it to a file (or stdout)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from generator.engine import FORMATS, FartSpec, encode
from generator.engine.sequence import FartSequence
from generator.engine.spec import SEED_MAX
from generator.synthesis import synthesize, understand

# Bad input exits with 2, like a command-line usage error.
USAGE_ERROR = 2
# What --print-spec adds to the spec; --refine accepts them back.
_EXTRA_KEYS = ("title", "source")


class OneLineParser(CommandParser):
    """A parser that reports bad arguments in one line with exit code 2, without argparse's usage block."""

    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see --help)\n")
        raise CommandError(f"Error: {message}", returncode=USAGE_ERROR)


class Command(BaseCommand):
    help = "Synthesize a fart from a description and write it as a sound file."
    # The system checks are about the web site (and import every view to check the URLs); the CLI uses none of it.
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        """Run as `manage.py fart ...`, then leave the process at once (see `_leave`)."""
        try:
            super().run_from_argv(argv)
        except SystemExit as stop:
            _leave(stop.code)
        _leave(0)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds the parser itself; the subclass only replaces error(), so the instance can take it on.
        parser.__class__ = OneLineParser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prompt", help='what the fart should sound like, e.g. "long wet rumbler in a bathtub"')
        parser.add_argument("--seed", type=_seed, help="random seed (default: derived from the prompt)")
        parser.add_argument(
            "--format", dest="fmt", help=f"{' | '.join(FORMATS)} (default: from the output name, else wav)"
        )
        parser.add_argument("-o", "--output", help='file to write (default fart.<format>); "-" writes to stdout')
        parser.add_argument("--print-spec", action="store_true", help="print the spec, title and source as JSON")
        parser.add_argument("--refine", metavar="SPEC_JSON_PATH", help="a spec (as printed) the prompt refines")
        parser.add_argument(
            "--explain", action="store_true",
            help='print how the prompt was read as one JSON object {"title", "spec", "understood", "ignored"} '
                 '(with "parts" and "gaps_s" for a sound in parts) and write no sound',
        )

    def handle(self, *args: Any, prompt: str, seed: int | None, fmt: str | None, output: str | None,
               print_spec: bool, refine: str | None, explain: bool = False, **options: Any) -> None:
        if explain:
            self.stdout.write(json.dumps(_explained(prompt, _read_spec(refine) if refine else None, seed),
                                         ensure_ascii=False))
            return
        fmt = _format(fmt, output)
        if output == "-" and print_spec:
            raise CommandError("--print-spec and -o - both write to stdout; pick one", returncode=USAGE_ERROR)
        path = None if output == "-" else _writable(Path(output or f"fart.{fmt}"))
        previous = _read_spec(refine) if refine else None
        try:
            synthesis = synthesize(prompt, previous, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        data = encode(synthesis.samples, synthesis.sample_rate, fmt)
        interpretation = synthesis.interpretation
        if print_spec:
            printed = {**interpretation.spec.to_dict(), "title": interpretation.title, "source": interpretation.source}
            self.stdout.write(json.dumps(printed, ensure_ascii=False))
        if path is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}", returncode=USAGE_ERROR) from exc
        self.stderr.write(
            f"{path}: {interpretation.title} ({interpretation.source}, seed {interpretation.spec.seed}, "
            f"{len(synthesis.samples) / synthesis.sample_rate:.2f} s)"
        )


def _explained(prompt: str, previous: FartSpec | FartSequence | None, seed: int | None) -> dict[str, Any]:
    """How a prompt is read, as --explain prints it."""
    try:
        interpretation = understand(prompt, previous, seed=seed)
    except ValueError as exc:
        raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
    explained: dict[str, Any] = {
        "title": interpretation.title,
        "spec": interpretation.spec.to_dict(),
        "understood": [heard.to_dict() for heard in interpretation.understood],
        "ignored": list(interpretation.ignored),
    }
    if interpretation.sequence is not None:
        explained |= interpretation.sequence.to_dict()
    return explained


def _leave(code: int | str | None) -> NoReturn:
    # Python's orderly shutdown then tears down numpy, scipy, twisted and Django module by module: a third of the
    # command's wall time, measured, with nothing left to tidy. The sound file is closed, run_from_argv has closed
    # the database connections; the streams and the log handlers are flushed here.
    with contextlib.suppress(OSError):  # a reader that went away (`| head`) cannot be helped any more
        sys.stdout.flush()
        sys.stderr.flush()
    logging.shutdown()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to {SEED_MAX}, got {text!r}")
    return value


def _format(fmt: str | None, output: str | None) -> str:
    if fmt is None:
        suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
        if suffix and suffix not in FORMATS:
            # Writing WAV bytes into "x.flac" would make a file that players refuse or misread.
            raise CommandError(
                f"cannot tell a format from {output}: name it .{', .'.join(FORMATS)} or pass --format",
                returncode=USAGE_ERROR,
            )
        return suffix or "wav"
    if fmt not in FORMATS:
        raise CommandError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}", returncode=USAGE_ERROR)
    return fmt


def _writable(path: Path) -> Path:
    # Checked before the work, so that a typo in the folder costs no synthesis and gets one line.
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder", returncode=USAGE_ERROR)
    if not path.parent.is_dir():
        raise CommandError(f"cannot write {path}: no folder {path.parent}", returncode=USAGE_ERROR)
    return path


def _read_spec(path: str) -> FartSpec | FartSequence:
    """A spec as --print-spec prints it, or a sound in parts as --explain prints it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, dict) and "parts" in data:
            return FartSequence.from_dict({"parts": data["parts"], "gaps_s": data.get("gaps_s")})
        if isinstance(data, dict):
            data = {key: value for key, value in data.items() if key not in _EXTRA_KEYS}
        return FartSpec.from_dict(data)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=USAGE_ERROR) from exc
    except ValueError as exc:  # bad JSON and bad text are ValueErrors too
        raise CommandError(f"{path} is not a spec: {exc}", returncode=USAGE_ERROR) from exc
