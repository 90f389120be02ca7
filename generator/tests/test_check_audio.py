from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from generator.models import Sound
from generator.tests.sounds import made_by

pytestmark = pytest.mark.usefixtures("media")


def _check() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_audio", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_passes_when_every_row_has_its_wav(alice: User) -> None:
    made_by(alice, "long wet rumbler")
    trashed = made_by(alice, "short squeaky toot")
    trashed.move_to_trash()
    out, err = _check()
    assert out.startswith("2 sound rows, 2 with audio")
    assert "0 without" in out
    assert err == ""


def test_it_names_rows_without_audio_and_fails(alice: User, media: Path) -> None:
    kept = made_by(alice, "long wet rumbler")
    lost = made_by(alice, "short squeaky toot")
    emptied = made_by(alice, "tiny dry puff")
    (media / lost.wav.name).unlink()
    (media / emptied.wav.name).write_bytes(b"")
    with pytest.raises(CommandError, match="2 of 3 sound rows have no audio"):
        _check()
    assert Sound.objects.filter(pk=kept.pk).exists()


def test_it_reports_what_it_found(alice: User, media: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lost = made_by(alice)
    (media / lost.wav.name).unlink()
    with pytest.raises(CommandError):
        call_command("check_audio")
    assert f"sound {lost.id}: no WAV file" in capsys.readouterr().err
