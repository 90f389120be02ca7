"""`manage.py fart`: end to end in a child process, and in-process for the options."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import soundfile
from django.conf import settings
from django.core import checks
from django.core.management import CommandError, call_command

from generator.engine.spec import FIELD_NAMES
from generator.management.commands.fart import Command

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    # No key in the child: the CLI must never reach the real API from a test.
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")} | env
    return subprocess.run([sys.executable, str(MANAGE), "fart", *args], cwd=cwd, env=child_env, capture_output=True,
                          timeout=120, check=False)


def fart(*args: str, **options: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("fart", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_writes_a_playable_wav_named_fart_wav_by_default(tmp_path: Path) -> None:
    done = run_cli("long wet rumbler in a bathtub", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    samples, sample_rate = soundfile.read(tmp_path / "fart.wav")
    assert sample_rate == 44100
    assert len(samples) / sample_rate > 1.0
    assert abs(samples).max() > 0.1
    assert b"Long wet rumbler in the bathtub" in done.stderr
    assert done.stdout == b""


def test_dash_output_writes_the_sound_to_stdout(tmp_path: Path) -> None:
    done = run_cli("short squeaker", "-o", "-", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout[:4] == b"RIFF"
    samples, _ = soundfile.read(io.BytesIO(done.stdout))
    assert len(samples) > 0
    assert list(tmp_path.iterdir()) == []


def test_bad_input_exits_with_2_and_one_line_on_stderr(tmp_path: Path) -> None:
    done = run_cli("   ", cwd=tmp_path)

    assert done.returncode == 2
    assert done.stderr.decode().strip().count("\n") == 0
    assert b"Type a few words" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (("wet", "-o", "x.flac"), b"flac"),
    (("wet", "--seed", "abc"), b"--seed"),
    (("wet", "--seed", "-1"), b"--seed"),
    ((), b"prompt"),
    (("wet", "--loud"), b"--loud"),
    (("wet", "-o", "nowhere/fart.wav"), b"cannot write"),
])
def test_every_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path, args: tuple[str, ...],
                                                          message: bytes) -> None:
    done = run_cli(*args, cwd=tmp_path)

    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert message in done.stderr
    assert done.stdout == b""
    assert list(tmp_path.iterdir()) == []


def test_it_leaves_without_python_s_slow_shutdown_and_loses_no_output(tmp_path: Path) -> None:
    # Tearing down numpy, scipy, twisted and Django module by module took a third of the CLI's time. A hook that
    # the interpreter's orderly shutdown would run tells whether it ran.
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import atexit, pathlib\n"
        f"atexit.register(pathlib.Path({str(tmp_path / 'shut-down')!r}).touch)\n"
    )
    work = tmp_path / "work"
    work.mkdir()

    done = run_cli("five wet puffs in the car", "--print-spec", "-o", "x.wav", cwd=work,
                   PYTHONPATH=f"{hooks}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")

    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "shut-down").exists()
    assert json.loads(done.stdout)["bursts"] == 5
    assert b"x.wav: 5-puff wet fart in the car" in done.stderr
    assert soundfile.info(work / "x.wav").duration > 0.5


@pytest.fixture
def failing_system_check() -> Iterator[None]:
    def site_misconfigured(**kwargs: Any) -> list[checks.CheckMessage]:
        return [checks.Error("the web site is misconfigured", id="test.E001")]

    checks.register(site_misconfigured)
    yield
    checks.registry.registry.registered_checks.discard(site_misconfigured)


@pytest.mark.usefixtures("failing_system_check")
def test_the_site_s_system_checks_neither_stop_nor_slow_the_command(tmp_path: Path) -> None:
    # They check the web site's configuration (and import every view for it): nothing the CLI uses. execute() is
    # what run_from_argv calls; call_command would skip the checks for any command.
    Command(stdout=io.StringIO(), stderr=io.StringIO()).execute(
        prompt="wet", seed=None, fmt=None, output=str(tmp_path / "x.wav"), print_spec=False, refine=None,
        force_color=False, no_color=False, skip_checks=False,
    )

    assert (tmp_path / "x.wav").stat().st_size > 1000


def test_print_spec_prints_the_spec_with_title_and_source(tmp_path: Path) -> None:
    out, _ = fart("five wet puffs in the car", output=str(tmp_path / "x.wav"), print_spec=True)

    printed = json.loads(out)
    assert set(printed) == FIELD_NAMES | {"title", "source"}
    assert (printed["bursts"], printed["room"], printed["source"]) == (5, "car", "local")
    assert printed["title"] == "5-puff wet fart in the car"
    assert (tmp_path / "x.wav").stat().st_size > 1000


def test_the_same_prompt_writes_the_same_file_and_seed_makes_another_take(tmp_path: Path) -> None:
    fart("popcorn", output=str(tmp_path / "a.wav"))
    fart("popcorn", output=str(tmp_path / "b.wav"))
    out, _ = fart("popcorn", output=str(tmp_path / "c.wav"), seed=3, print_spec=True)

    assert (tmp_path / "a.wav").read_bytes() == (tmp_path / "b.wav").read_bytes()
    assert (tmp_path / "a.wav").read_bytes() != (tmp_path / "c.wav").read_bytes()
    assert json.loads(out)["seed"] == 3


def test_refine_treats_the_prompt_as_a_follow_up_of_a_printed_spec(tmp_path: Path) -> None:
    first, _ = fart("long rumbler in a bathtub", output=str(tmp_path / "1.wav"), print_spec=True)
    (tmp_path / "spec.json").write_text(first)

    second, _ = fart("make it wetter", output=str(tmp_path / "2.wav"), print_spec=True,
                     refine=str(tmp_path / "spec.json"))

    before, after = json.loads(first), json.loads(second)
    assert after["wetness"] > before["wetness"]
    assert (after["duration_s"], after["room"], after["preset"]) == (before["duration_s"], "bathtub", "rumbler")
    assert after["title"] == "Wetter rumbler in the bathtub"


@pytest.mark.parametrize(("options", "name", "container"), [
    ({"fmt": "ogg"}, "fart.ogg", "OGG"),
    ({"output": "sound.mp3"}, "sound.mp3", "MP3"),
    ({"fmt": "wav", "output": "sound.bin"}, "sound.bin", "WAV"),
])
def test_the_format_comes_from_the_option_or_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict, name: str, container: str
) -> None:
    monkeypatch.chdir(tmp_path)

    fart("tuba", **options)

    info = soundfile.info(tmp_path / name)
    assert info.format == container
    assert info.duration > 0.5


@pytest.mark.parametrize(("args", "options", "message"), [
    (("",), {}, "Type a few words"),
    (("x" * 501,), {}, "500 characters"),
    (("wet",), {"fmt": "flac"}, "unknown format"),
    (("wet",), {"output": "x.flac"}, "flac"),
    (("wet",), {"output": "sound.WAV.bak"}, "bak"),
    ((), {}, "required: prompt"),
    (("wet", "--loud"), {}, "unrecognized arguments: --loud"),
    (("wet",), {"refine": "/nonexistent/spec.json"}, "cannot read"),
    (("wet",), {"output": "/nonexistent/dir/fart.wav"}, "cannot write"),
    (("wet",), {"output": "-", "print_spec": True}, "stdout"),
])
def test_bad_input_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple, options: dict, message: str
) -> None:
    monkeypatch.chdir(tmp_path)

    with pytest.raises(CommandError, match=message) as raised:
        fart(*args, **options)

    assert raised.value.returncode == 2
    assert "\n" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"wetness": "very"}', '{"colour": "brown"}',
                                     '{"wetness": 7}', "\udcff"])
def test_an_unusable_spec_file_is_a_usage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))

    with pytest.raises(CommandError, match="not a spec") as raised:
        fart("wetter", refine=str(path), output=str(tmp_path / "x.wav"))

    assert raised.value.returncode == 2
    assert not (tmp_path / "x.wav").exists()


def test_explain_prints_what_was_understood_and_ignored_and_writes_no_sound(tmp_path: Path) -> None:
    done = run_cli("a loud fart in the hallway, hello", "--explain", cwd=tmp_path)

    assert done.returncode == 0
    explained = json.loads(done.stdout)
    assert set(explained) == {"title", "spec", "understood", "ignored"}
    assert set(explained["spec"]) == FIELD_NAMES
    assert {"words": "hallway", "effect": "room: hall (closest)"} in explained["understood"]
    assert explained["ignored"] == ["hello"]
    assert explained["spec"]["room"] == "hall"
    assert list(tmp_path.iterdir()) == []


def test_explain_prints_the_parts_of_a_sound_in_parts(tmp_path: Path) -> None:
    out, _ = fart("two quick ones and a long one", explain=True)

    explained = json.loads(out)
    assert set(explained) == {"title", "spec", "understood", "ignored", "parts", "gaps_s"}
    assert len(explained["parts"]) == 3
    assert explained["spec"] == explained["parts"][0]
    assert explained["parts"][2]["duration_s"] > explained["parts"][0]["duration_s"]
    assert len({part["seed"] for part in explained["parts"]}) == 3


def test_explain_refines_a_sound_in_parts_as_it_printed_it(tmp_path: Path) -> None:
    first, _ = fart("two quick ones and a long one", explain=True)
    (tmp_path / "parts.json").write_text(first)

    second, _ = fart("make the last one wetter", explain=True, refine=str(tmp_path / "parts.json"))

    before, after = json.loads(first), json.loads(second)
    assert after["parts"][2]["wetness"] > before["parts"][2]["wetness"]
    assert after["parts"][:2] == before["parts"][:2]
    assert [heard["effect"] for heard in after["understood"]] == ["part 3", "part 3: wetter"]


def test_explain_refuses_an_empty_prompt_as_a_usage_error() -> None:
    with pytest.raises(CommandError, match="Type a few words") as error:
        fart("   ", explain=True)

    assert error.value.returncode == 2
