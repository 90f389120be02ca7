"""deploy/backup.sh and deploy/restore-drill.sh, run for real on the test database and a scratch audio folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import User
from generator.tests.sounds import made_by

ROOT = Path(__file__).resolve().parents[2]


def _test_database_url() -> str:
    # The server of DATABASE_URL, with the test database pytest-django made (and committed to, in this test).
    return f"{settings.DATABASE_URL.rsplit('/', 1)[0]}/{connection.settings_dict['NAME']}"


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "deploy" / script), *args],
        env={**os.environ, "PYTHON": sys.executable, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_all_its_audio(alice: User, media: Path, tmp_path: Path) -> None:
    sounds = [made_by(alice, prompt) for prompt in ("long wet rumbler", "short squeaky toot", "tiny dry puff")]
    backups = tmp_path / "backups"

    backup = _run("backup.sh", str(backups), DATABASE_URL=_test_database_url(), MEDIA_ROOT=str(media))
    assert backup.returncode == 0, backup.stderr
    assert "audio 3 files" in backup.stdout
    (taken,) = backups.iterdir()

    drill = _run("restore-drill.sh", str(taken), DATABASE_URL=_test_database_url())
    assert drill.returncode == 0, drill.stderr
    assert "3 sound rows, 3 with audio" in drill.stdout
    assert "restore drill passed" in drill.stdout

    # A backup that lost a file fails the drill, naming the sound.
    (taken / "media" / sounds[1].wav.name).unlink()
    drill = _run("restore-drill.sh", str(taken), DATABASE_URL=_test_database_url())
    assert drill.returncode == 1
    assert f"sound {sounds[1].id}: no WAV file" in drill.stderr
    assert "1 of 3 sound rows have no audio" in drill.stderr
    # The drill's databases are gone again.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'fartgen_drill_%%'")
        assert cursor.fetchone() == (0,)
