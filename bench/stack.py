"""Throwaway services for the fault drills and the replica bench: a Redis, a PostgreSQL, daphne processes, nginx.

Each runs on a free port of its own, so the shared PostgreSQL (5432) and Redis (6379) are never touched, and the
drills may kill and restart what they started.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _pg_bin() -> Path:
    """PostgreSQL's server programs: PG_BIN, else where pg_ctl is, else Debian's newest /usr/lib/postgresql/N/bin."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
    if not versions:
        raise SystemExit("PostgreSQL's server programs are missing (apt-get install postgresql)")
    return versions[-1]


PG_BIN = _pg_bin()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: object, what: str, timeout_s: float = 30.0) -> float:
    """Call `check()` until it is true; returns the seconds it took. Raises SystemExit after `timeout_s`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        try:
            if check():  # type: ignore[operator]
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{what} did not happen within {timeout_s:g} s")


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Redis:
    """A redis-server without persistence on a port of its own."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / f"redis-{self.port}.log", "ab")  # noqa: SIM115 (the process keeps it)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: port_open(self.port), "redis-server start")

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM killer would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


class Postgres:
    """A PostgreSQL cluster in a temporary folder (initdb), trust authentication, on a port of its own."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.datadir = workdir / "pgdata"
        self.socketdir = workdir / "pgsock"
        self.log = workdir / "postgres.log"
        self.socketdir.mkdir(exist_ok=True)
        # PostgreSQL refuses to run as root: run its tools as the postgres user then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
            shutil.chown(self.socketdir, "postgres")
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "initdb"),
                "-D",
                str(self.datadir),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/fartgen"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.socketdir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off"
        )
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.datadir),
                "-l",
                str(self.log),
                "-o",
                options,
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop"],
            check=True,
            capture_output=True,
        )

    def create_database(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "fartgen",
            ],
            check=True,
            capture_output=True,
        )


def start_services(folder: Path) -> tuple[Postgres, Redis]:
    """A PostgreSQL with the site's database and a Redis, both started, in `folder`."""
    postgres = Postgres(folder)
    postgres.start()
    postgres.create_database()
    redis = Redis(folder)
    redis.start()
    return postgres, redis


def site_env(database_url: str, redis_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like site on these services (limits as in production unless `extra` says)."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "LIMIT_", "TRUSTED_"))},
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_STATIC_ROOT": str(media_root.parent / "static"),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_TRANSPORT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "ANTHROPIC_API_KEY": "",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        **extra,
    }


def prepare_site(env: dict[str, str]) -> None:
    """Migrate the database and collect the static files (production settings serve the hashed manifest)."""
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True)


class Daphne:
    """One daphne process serving the site, with the Dockerfile's frame limits."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str) -> None:
        self.port = free_port()
        self.env = env
        self.log = workdir / f"daphne-{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        limit = self.env.get("WEBSOCKET_MAX_MESSAGE_BYTES", "20480")
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "--websocket-max-message-size",
                    limit,
                    "--websocket-max-frame-size",
                    limit,
                    "fartgen.asgi:application",
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(lambda: http_status(self.url + "/healthz") == 200, f"daphne on port {self.port}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def http_status(url: str, timeout_s: float = 5.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def workdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    (path / "media").mkdir()
    return path
