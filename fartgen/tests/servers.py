"""The site served in a subprocess for tests that need a real server (browser tests, WebSocket frame limits)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.db import connections


@contextmanager
def served(command: Callable[[int], list[str]], log_dir: Path, **env: str) -> Iterator[str]:
    """Run `command(port)` on the test database until the end of the block; yields the site's URL once it answers.

    Needs the test database (the django_db_setup fixture). `env` adds to or overrides the environment.
    """
    database = connections["default"].settings_dict
    port = free_port()
    log_path = log_dir / f"server-{port}.log"
    # os.environ names the settings module (pytest-django sets it); settings.SETTINGS_MODULE is None while another
    # server's override_settings is in effect.
    full_env = {
        **os.environ,
        "DATABASE_URL": urlparse(settings.DATABASE_URL)._replace(path="/" + database["NAME"]).geturl(),
        "DJANGO_SECURE_TRANSPORT": "false",
        # Pages come from 127.0.0.1, so their sockets' Origin does too (loopback is otherwise a name for probes only).
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        **env,
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command(port), cwd=settings.BASE_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(url + "/healthz", process, log_path)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped:\n{log_path.read_text()}")
        try:
            with urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the server did not answer within 30 s:\n{log_path.read_text()}")
