"""Two replicas behind HAProxy (deploy/haproxy.cfg), for real: bench/replicas.py runs its checks (a sound through
one replica reaches a socket on the other, the hourly limit is shared, spoofed headers change nothing, one replica
killed under load loses no sound) on its own PostgreSQL, Redis, two daphne processes and HAProxy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from django.conf import settings


def test_two_replicas_behind_haproxy_pass_every_check() -> None:
    if shutil.which("haproxy") is None:
        pytest.fail("HAProxy is missing (apt-get install haproxy; .ci/run installs it)")
    done = subprocess.run(
        [sys.executable, "bench/replicas.py", "--clients", "4", "--seconds", "8"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout)
    kill = figures["replica A killed under load"]
    assert kill["lost (complete without row or fetchable WAV)"] == 0
    assert kill["completed more than 1 s after replica A was killed"] > 0
