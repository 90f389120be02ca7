"""Two replicas behind HAProxy, for real: deploy/haproxy.cfg in front of two daphne processes on one PostgreSQL and
one Redis, the topology of deploy/compose.yaml, on this machine.

    .venv/bin/python bench/replicas.py --clients 8 --seconds 20

Checks, each printed with its figures (and the exit status is 1 if one fails):
- a sound made through replica A shows on the maker's socket held by replica B (the Redis channel layer);
- the anonymous hourly limit is shared: LIMIT_GENERATIONS_PER_HOUR_ANON sounds in all, whichever replica answers;
- spoofed X-Forwarded-For / X-Real-IP / Forwarded headers through the balancer change nothing (still 429);
- one replica killed (SIGKILL) half-way through `--seconds` of load by `--clients` WebSocket clients (which reconnect,
  as the page does): the other carries on, and every sound any client was told is complete has its row and its audio
  (0 lost).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import websockets
from stack import ROOT, Daphne, free_port, prepare_site, site_env, start_services, wait_for, workdir

ANON_LIMIT = 6
PROMPTS = ["short wet toot", "long rumbler in a bathtub", "tiny squeak", "brrt brrt", "deep trumpet", "pfft"]


class Balancer:
    """HAProxy running deploy/haproxy.cfg on the two replicas."""

    def __init__(self, folder: Path, replica_a: Daphne, replica_b: Daphne) -> None:
        self.port = free_port()
        self.folder = folder
        self.env = {
            **os.environ,
            "FARTGEN_BIND": f"127.0.0.1:{self.port}",
            "FARTGEN_WEB_A": f"127.0.0.1:{replica_a.port}",
            "FARTGEN_WEB_B": f"127.0.0.1:{replica_b.port}",
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.folder / "haproxy.log", "ab") as log:
            self.process = subprocess.Popen(
                ["haproxy", "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg")], env=self.env, stdout=log, stderr=log
            )
        # Both replicas in rotation: two answers from two different servers.
        wait_for(lambda: len({self.replica_of_get("/healthz") for _ in range(4)}) == 2, "both replicas behind HAProxy")

    def replica_of_get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return response.headers.get("X-Replica", "")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def post(
    url: str, body: dict[str, object], headers: dict[str, str] | None = None
) -> tuple[int, str, dict[str, object]]:
    """POST JSON; (status, replica that answered, JSON body)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("X-Replica", ""), json.load(response)
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            body_json = json.loads(text)
        except ValueError:
            body_json = {"not_json": text[:60].decode("latin1")}
        return error.code, error.headers.get("X-Replica", ""), body_json
    except OSError as error:
        return 0, "", {"failed": repr(error)}


def make_token(env: dict[str, str]) -> str:
    script = (
        "from accounts.models import ApiToken, User\n"
        "user, _ = User.objects.get_or_create(username='replicas', defaults={'email': 'replicas@example.com'})\n"
        "print(ApiToken.issue(user, 'bench')[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


async def socket_on(balancer: Balancer, replica: str, token: str) -> websockets.ClientConnection:
    """A token socket through the balancer that landed on `replica` (round robin: a few tries at most)."""
    url = balancer.url.replace("http://", "ws://") + "/ws/api/generate/"
    for _ in range(10):
        socket_ = await websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"})
        if socket_.response.headers.get("X-Replica") == replica:
            return socket_
        await socket_.close()
    raise SystemExit(f"no socket landed on replica {replica}")


async def check_cross_replica_event(balancer: Balancer, token: str) -> dict[str, object]:
    held_by_b = await socket_on(balancer, "b", token)
    try:
        made: dict[str, object] = {}
        for _ in range(6):  # round robin: one of the first two POSTs lands on A
            status, replica, body = await asyncio.to_thread(
                post,
                balancer.url + "/api/generate",
                {"prompt": "short wet toot"},
                {"Authorization": f"Bearer {token}"},
            )
            if status == 201 and replica == "a":
                made = body
                break
        event = json.loads(await asyncio.wait_for(held_by_b.recv(), 10))
    finally:
        await held_by_b.close()
    ok = bool(made) and event == {"event": "sound.created", "sound_id": made["sound_id"], "title": made["title"]}
    return {"ok": ok, "made through": "a", "socket held by": "b", "event": event}


def check_shared_limit(balancer: Balancer) -> dict[str, object]:
    answers = [post(balancer.url + "/api/generate", {"prompt": "tiny squeak"}) for _ in range(ANON_LIMIT + 2)]
    statuses = [status for status, _, _ in answers]
    replicas = Counter(replica for status, replica, _ in answers if status == 201)
    ok = statuses == [201] * ANON_LIMIT + [429, 429] and set(replicas) == {"a", "b"}
    return {"ok": ok, "limit": ANON_LIMIT, "statuses": statuses, "made by replica": dict(replicas)}


def check_spoofed_headers(balancer: Balancer) -> dict[str, object]:
    spoofs = [{"X-Forwarded-For": f"198.51.100.{n}"} for n in range(10)] + [
        {"X-Forwarded-For": "203.0.113.9, 198.51.100.77"},
        {"X-Real-IP": "198.51.100.5"},
        {"Forwarded": "for=198.51.100.6"},
        {"X-Forwarded-For": "::1"},
    ]
    statuses = Counter(post(balancer.url + "/api/generate", {"prompt": "tiny squeak"}, spoof)[0] for spoof in spoofs)
    return {"ok": set(statuses) == {429}, "requests": len(spoofs), "statuses": dict(statuses)}


async def check_kill_under_load(
    balancer: Balancer, replica_a: Daphne, token: str, clients: int, seconds: float
) -> dict[str, object]:
    completed: list[tuple[float, str, str]] = []  # (time, sound id, audio url)
    problems: Counter[str] = Counter()
    started = time.monotonic()
    stop_at = started + seconds
    kill_at = started + seconds / 2

    async def client(number: int) -> None:
        url = balancer.url.replace("http://", "ws://") + "/ws/api/generate/"
        while time.monotonic() < stop_at:
            try:
                async with websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as ws:
                    while time.monotonic() < stop_at:
                        await ws.send(json.dumps({"prompt": PROMPTS[number % len(PROMPTS)], "seed": len(completed)}))
                        while True:
                            message = json.loads(await asyncio.wait_for(ws.recv(), 30))
                            if message.get("status") in ("complete", "error"):
                                break
                        if message["status"] == "complete":
                            completed.append((time.monotonic(), message["sound_id"], message["audio_url"]))
                        else:
                            problems[f"error {message.get('code')}"] += 1
            except (OSError, websockets.WebSocketException, TimeoutError) as error:
                problems[f"socket dropped ({type(error).__name__}), reconnected"] += 1
                await asyncio.sleep(0.2)

    async def killer() -> None:
        await asyncio.sleep(kill_at - time.monotonic())
        replica_a.kill()

    await asyncio.gather(killer(), *(client(n) for n in range(clients)))
    fetched = Counter(await asyncio.gather(*(asyncio.to_thread(fetch, balancer.url + url) for _, _, url in completed)))
    rows = count_rows(replica_a.env, [sound_id for _, sound_id, _ in completed])
    after_kill = [moment for moment, _, _ in completed if moment > kill_at + 1]
    lost = len(completed) - fetched.get(200, 0) + (len(completed) - rows)
    ok = lost == 0 and len(after_kill) > 0
    return {
        "ok": ok,
        "clients": clients,
        "seconds": seconds,
        "sounds completed": len(completed),
        "completed more than 1 s after replica A was killed": len(after_kill),
        "lost (complete without row or fetchable WAV)": lost,
        "audio fetch statuses": dict(fetched),
        "interruptions": dict(problems),
    }


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status if response.read(4) == b"RIFF" else -1
    except urllib.error.HTTPError as error:
        return error.code


def count_rows(env: dict[str, str], sound_ids: list[str]) -> int:
    script = (
        "import json, sys\nfrom generator.models import Sound\n"
        f"print(Sound.objects.filter(id__in=json.loads({json.dumps(json.dumps(sound_ids))})).count())\n"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


async def run(args: argparse.Namespace) -> dict[str, object]:
    folder = workdir("fartgen-replicas-")
    postgres, redis = start_services(folder)
    env = site_env(
        postgres.url,
        redis.url,
        folder / "media",
        TRUSTED_PROXY_HOPS="1",
        LIMIT_GENERATIONS_PER_HOUR_ANON=str(ANON_LIMIT),
        LIMIT_GENERATIONS_PER_HOUR_USER="1000000",
        LIMIT_REQUESTS_PER_MINUTE_IP="1000000",
    )
    prepare_site(env)
    token = make_token(env)
    replica_a, replica_b = Daphne(env, folder, "a"), Daphne(env, folder, "b")
    balancer = Balancer(folder, replica_a, replica_b)
    try:
        replica_a.start()
        replica_b.start()
        balancer.start()
        return {
            "sound through A reaches the socket on B": await check_cross_replica_event(balancer, token),
            "hourly limit shared by the replicas": check_shared_limit(balancer),
            "spoofed headers through the balancer": check_spoofed_headers(balancer),
            "replica A killed under load": await check_kill_under_load(
                balancer, replica_a, token, args.clients, args.seconds
            ),
        }
    finally:
        balancer.stop()
        replica_a.stop()
        replica_b.stop()
        redis.kill()
        postgres.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="WebSocket clients during the kill (default 8)")
    parser.add_argument("--seconds", type=float, default=20.0, help="load time; A is killed half-way (default 20)")
    # Stopped from outside (a test's timeout), it still stops what it started (run()'s finally).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
    figures = asyncio.run(run(parser.parse_args()))
    print(json.dumps(figures, indent=2))
    sys.exit(0 if all(check["ok"] for check in figures.values()) else 1)


if __name__ == "__main__":
    main()
