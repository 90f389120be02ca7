"""Load benchmark of /ws/api/generate/: N WebSocket clients for T seconds against daphne on PostgreSQL + Redis.

    .venv/bin/python bench/ws_load.py --clients 10 --seconds 20 --workers 4
    .venv/bin/python bench/ws_load.py --clients 50 --seconds 20 --workers 4
    .venv/bin/python bench/ws_load.py --clients 10 --seeds fresh      # every sound rendered, none recalled

It prepares a database of its own (created and migrated if needed), users with API tokens (one per client), raises
the limits through their settings, starts `--workers` daphne processes on consecutive ports (clients spread over
them, as a load balancer would), and runs the clients: each sends one of 20 prompts, waits for `complete`, (pauses
`--think-ms`,) sends the next. The same prompt makes the same sound, as on the site, so after the first round the
server recalls most of them from its recently made audio; `--seeds fresh` sends a random seed with every prompt, so
every sound is rendered. Every audio_url of the measured time is downloaded (HTTP keep-alive, with the link's key):
after the measured time by default, so that the figures are the generation path's own, or with `--fetch inline`
right after each `complete`, as a program that plays its sounds would (the downloads then share the CPU with the
generations). A sound that completed without a fetchable WAV counts as lost.

It prints prompt→complete latency percentiles, generations per second, how many sounds came from recently made
audio, the daphne processes' CPU time per generation, errors, lost sounds, and the p50 of each stage of the
pipeline as the server measured it; "other" is the p50 of what the stages do not cover (WebSocket frames,
event-loop queueing, thread hand-offs). With clients that never pause (the default), a saturated server's latency
is clients ÷ generations per second.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from figures import percentile  # bench/, this script's folder

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STAGES = ("limits", "interpret", "render_cache", "render", "encode", "save_file", "save_row", "channel_layer")
PROMPTS = [
    "long wet rumbler in a bathtub",
    "short squeaky toot",
    "tiny polite pfft",
    "machine gun burst of five puffs",
    "deep trumpet in a cathedral",
    "silent but deadly hiss",
    "wet splutter on a leather chair",
    "balloon letting go slowly",
    "3 second rumble in the car",
    "very dry brrt",
    "duck call",
    "a quick squeaker, not wet",
    "extremely loud thunder fart",
    "the long goodbye",
    "bubbly one under water",
    "soft flappy 2s",
    "200 Hz squeal",
    "classic toot in the bathroom",
    "💨💨💨",
    "slightly wet rumbler with no echo",
]


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    stages_ms: dict[str, list[float]] = field(default_factory=lambda: {stage: [] for stage in STAGES})
    other_ms: list[float] = field(default_factory=list)
    audio_urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    fetched: int = 0
    from_recent_audio: int = 0
    server_cpu_s: float = float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10, help="concurrent WebSocket clients (default 10)")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured time first (default 3)")
    parser.add_argument("--workers", type=int, default=2, help="daphne processes (default 2)")
    parser.add_argument(
        "--render-processes", type=int, default=0, help="GENERATOR_RENDER_PROCESSES of each daphne process (default 0)"
    )
    parser.add_argument(
        "--fetch",
        choices=("after", "inline"),
        default="after",
        help="download every sound after the measured time (default), or right after each `complete`",
    )
    parser.add_argument(
        "--seeds",
        choices=("prompt", "fresh"),
        default="prompt",
        help="the seed each prompt gives (default: the same prompt is the same sound, as on the site, so repeats come"
        " from the server's recently made audio), or a fresh random seed per request, so every sound is rendered",
    )
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="each client's pause between a `complete` and its next prompt (default 0: flat out, so the server is"
        " saturated and latency is clients ÷ throughput; a pause measures latency below saturation)",
    )
    parser.add_argument("--port", type=int, default=8700, help="first daphne port (default 8700)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fartgen_bench"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
    args = parser.parse_args()

    media_root = Path(tempfile.mkdtemp(prefix="fartgen-bench-media-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": "fartgen-bench",
        "MEDIA_ROOT": str(media_root),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_TRANSPORT": "false",
        "LOG_LEVEL": "WARNING",
        "ANTHROPIC_API_KEY": "",  # the local interpreter: no network in the measurement
        "LIMIT_GENERATIONS_PER_HOUR_USER": "100000000",
        "LIMIT_GENERATIONS_PER_HOUR_ANON": "100000000",
        "LIMIT_REQUESTS_PER_MINUTE_IP": "100000000",
        "GENERATOR_RENDER_PROCESSES": str(args.render_processes),
        # One render uses one core; parallelism comes from the daphne processes.
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    tokens = prepare(env, args.clients)
    # Stopped from outside, the benchmark still stops its servers (the finally below).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
    servers = start_daphne(env, args.workers, args.port)
    try:
        results = asyncio.run(load(args, tokens, [server.pid for server in servers]))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(media_root, ignore_errors=True)
    report(args, results)


def prepare(env: dict[str, str], clients: int) -> list[str]:
    """Create and migrate the database if needed, and one user with an API token per client."""
    subprocess.run(
        [PYTHON, "-c", _CREATE_DATABASE, env["DATABASE_URL"]], env=env, cwd=ROOT, check=True
    )
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    # Production settings serve hashed static names from the manifest (the error pages need it too).
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    made = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", _MAKE_TOKENS.replace("CLIENTS", str(clients))],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(made.stdout.strip().splitlines()[-1])


_CREATE_DATABASE = """
import sys, psycopg
from urllib.parse import urlparse
url = urlparse(sys.argv[1]); name = url.path.lstrip("/")
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
"""

_MAKE_TOKENS = """
import json
from accounts.models import ApiToken, User
from django.core.cache import cache
cache.clear()
tokens = []
for i in range(CLIENTS):
    user, _ = User.objects.get_or_create(username=f"bench{i}", defaults={"email": f"bench{i}@example.com"})
    ApiToken.objects.filter(user=user).delete()
    tokens.append(ApiToken.issue(user, "bench")[1])
print(json.dumps(tokens))
"""


def start_daphne(env: dict[str, str], workers: int, first_port: int) -> list[subprocess.Popen[bytes]]:
    servers = []
    for port in range(first_port, first_port + workers):
        servers.append(
            subprocess.Popen(
                [str(Path(PYTHON).parent / "daphne"), "-b", "127.0.0.1", "-p", str(port), "-v", "0",
                 "fartgen.asgi:application"],
                env=env,
                cwd=ROOT,
            )
        )
    deadline = time.monotonic() + 30
    for port in range(first_port, first_port + workers):
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (TimeoutError, urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"daphne on port {port} did not come up")
            time.sleep(0.2)
    return servers


async def load(args: argparse.Namespace, tokens: list[str], server_pids: list[int]) -> Results:
    results = Results()
    measure_from = time.perf_counter() + args.warmup
    stop_at = measure_from + args.seconds
    fresh_seeds = args.seeds == "fresh"
    await asyncio.gather(
        measure_cpu(server_pids, measure_from, stop_at, results),
        *(
            client(
                args.port + i % args.workers,
                token,
                measure_from,
                stop_at,
                Pacing(args.fetch == "inline", fresh_seeds, args.think_ms / 1000),
                results,
            )
            for i, token in enumerate(tokens)
        ),
    )
    if args.fetch == "after":
        await fetch_all(args, results)
    return results


async def measure_cpu(pids: list[int], measure_from: float, stop_at: float, results: Results) -> None:
    """CPU seconds the daphne processes spent in the measured time (user + system, from /proc)."""
    await asyncio.sleep(measure_from - time.perf_counter())
    before = sum(map(cpu_seconds, pids))
    await asyncio.sleep(stop_at - time.perf_counter())
    results.server_cpu_s = sum(map(cpu_seconds, pids)) - before


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Pacing:
    """How a client behaves between its requests."""

    fetch_inline: bool
    fresh_seeds: bool
    think_s: float


async def client(port: int, token: str, measure_from: float, stop_at: float, pacing: Pacing, results: Results) -> None:
    """One program: send a prompt, wait for `complete` (and download the WAV as a player would), repeat."""
    rng = random.Random(token)
    url = f"ws://127.0.0.1:{port}/ws/api/generate/"
    try:
        async with (
            websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as socket_,
            HttpConnection("127.0.0.1", port) as http,
        ):
            while time.perf_counter() < stop_at:
                sent = time.perf_counter()
                request = {"prompt": rng.choice(PROMPTS)}
                if pacing.fresh_seeds:
                    request["seed"] = rng.randrange(2**32)
                await socket_.send(json.dumps(request))
                while True:
                    message = json.loads(await socket_.recv())
                    if message.get("status") in ("complete", "error"):
                        break
                done = time.perf_counter()
                measured = sent >= measure_from
                if message["status"] == "error":
                    if measured:
                        results.errors.append(f"{message.get('code')}: {message.get('error')}")
                    continue
                audio = await http.get(message["audio_url"]) if pacing.fetch_inline else None
                if pacing.think_s:
                    await asyncio.sleep(pacing.think_s)
                if not measured:
                    continue
                latency_ms = (done - sent) * 1000
                results.latencies_ms.append(latency_ms)
                timings = message["timings_ms"]
                results.other_ms.append(latency_ms - sum(timings.get(stage, 0.0) for stage in STAGES))
                if audio is None:
                    results.audio_urls.append(message["audio_url"])
                else:
                    check_audio(message["audio_url"], *audio, results)
                results.from_recent_audio += "render_cache" in message["timings_ms"]
                for stage in STAGES:
                    if stage in message["timings_ms"]:
                        results.stages_ms[stage].append(message["timings_ms"][stage])
    except (OSError, websockets.WebSocketException, asyncio.IncompleteReadError) as error:
        results.errors.append(f"connection: {error!r}")


async def fetch_all(args: argparse.Namespace, results: Results) -> None:
    """Fetch every sound made in the measured time, over a few keep-alive connections per daphne process."""
    queue = list(results.audio_urls)

    async def fetcher(port: int) -> None:
        async with HttpConnection("127.0.0.1", port) as http:
            while queue:
                url = queue.pop()
                check_audio(url, *await http.get(url), results)

    await asyncio.gather(*(fetcher(args.port + i % args.workers) for i in range(4 * args.workers)))


def check_audio(url: str, status: int, body: bytes, results: Results) -> None:
    results.fetched += 1
    if status != 200 or not body.startswith(b"RIFF"):
        results.lost.append(f"{url}: {status} {body[:40]!r}")


class HttpConnection:
    """A minimal keep-alive HTTP/1.1 client for GETs (the benchmark needs no more, and no extra dependency)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> HttpConnection:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self.writer is not None:
            self.writer.close()

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.reader is None or self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])}
        if headers.get("transfer-encoding") == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.reader = self.writer = None
        return status, body


def report(args: argparse.Namespace, results: Results) -> None:
    latencies = results.latencies_ms
    stage_p50 = {stage: statistics.median(values) for stage, values in results.stages_ms.items() if values}
    summary = {
        "clients": args.clients,
        "workers": args.workers,
        "render_processes": args.render_processes,
        "fetch": args.fetch,
        "seeds": args.seeds,
        "think_ms": args.think_ms,
        "seconds": args.seconds,
        "generations": len(latencies),
        "generations_per_s": round(len(latencies) / args.seconds, 1),
        "from_recent_audio": results.from_recent_audio,
        "server_cpu_ms_per_generation": round(1000 * results.server_cpu_s / max(1, len(latencies)), 2),
        "latency_ms": {f"p{q}": round(percentile(latencies, q / 100), 1) for q in (50, 95, 99)},
        "errors": len(results.errors),
        "fetched": results.fetched,
        "lost": len(results.lost),
        "stage_p50_ms": {
            **{stage: round(value, 2) for stage, value in stage_p50.items()},
            "other": round(percentile(results.other_ms, 0.5), 2),
        },
    }
    print(json.dumps(summary, indent=2))
    for line in (results.errors + results.lost)[:10]:
        print("  ", line, file=sys.stderr)


if __name__ == "__main__":
    main()
