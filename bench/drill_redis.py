"""Fault drill: Redis killed for a few seconds under a running site, then back.

    .venv/bin/python bench/drill_redis.py --outage-s 5 --after-s 20

It starts a PostgreSQL, a Redis and a daphne process of its own (bench/stack.py), opens sockets and makes sounds,
kills Redis (SIGKILL) and keeps asking: pages, POST /api/generate, /readyz, new sockets. Then it starts Redis again
on the same port and measures how long until readiness, an HTTP generation and a socket generation work again, and
counts every 5xx other than the expected 503s and every failed socket in the `--after-s` seconds that follow.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import urllib.error
import urllib.request
from collections import Counter

import websockets
from stack import (  # bench/, this script's folder
    Daphne,
    prepare_site,
    site_env,
    start_services,
    workdir,
)


def post_json(url: str, body: dict[str, object]) -> tuple[int, dict[str, object] | str]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, text[:80]
    except OSError as error:
        return 0, repr(error)


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


async def socket_generation(site: Daphne) -> str:
    """Open a page-origin socket on the JSON API and make one sound: "complete", an error code, or the failure."""
    host = site.url.removeprefix("http://")
    try:
        async with websockets.connect(f"ws://{host}/ws/api/generate/", origin=site.url, open_timeout=5) as socket_:
            await socket_.send(json.dumps({"prompt": "short wet toot"}))
            while True:
                message = json.loads(await asyncio.wait_for(socket_.recv(), 10))
                if message.get("status") in ("complete", "error"):
                    return message["status"] if message["status"] == "complete" else str(message.get("code"))
    except websockets.ConnectionClosed as closed:
        return f"closed {closed.rcvd.code if closed.rcvd else 'without a close frame'}"
    except (OSError, websockets.InvalidStatus, TimeoutError) as error:
        return f"failed: {error!r}"[:120]


async def held_socket(site: Daphne, closes: Counter[str]) -> None:
    """A socket opened before the outage, kept until the server closes it (or the drill ends)."""
    host = site.url.removeprefix("http://")
    try:
        async with websockets.connect(f"ws://{host}/ws/api/generate/", origin=site.url) as socket_:
            async for frame in socket_:
                message = json.loads(frame)
                if message.get("code") == "busy":
                    closes["told busy"] += 1
    except websockets.ConnectionClosed as closed:
        closes[f"closed {closed.rcvd.code if closed.rcvd else 'abnormally'}"] += 1
        return
    closes[f"closed {socket_.close_code}"] += 1


async def probe_round(site: Daphne) -> dict[str, str]:
    page, api, ready, socket_result = await asyncio.gather(
        asyncio.to_thread(get, site.url + "/"),
        asyncio.to_thread(post_json, site.url + "/api/generate", {"prompt": "wet toot"}),
        asyncio.to_thread(get, site.url + "/readyz"),
        socket_generation(site),
    )
    status, body = api
    code = body.get("code") if isinstance(body, dict) else "not JSON"
    return {"page": str(page), "api": f"{status} {code or 'complete'}", "readyz": str(ready), "socket": socket_result}


async def drill(args: argparse.Namespace) -> dict[str, object]:
    folder = workdir("fartgen-drill-redis-")
    postgres, redis = start_services(folder)
    env = site_env(
        postgres.url,
        redis.url,
        folder / "media",
        LIMIT_GENERATIONS_PER_HOUR_ANON="1000000",
        LIMIT_REQUESTS_PER_MINUTE_IP="1000000",
    )
    prepare_site(env)
    site = Daphne(env, folder, "a")
    site.start()
    figures: dict[str, object] = {}
    try:
        figures["before"] = await probe_round(site)
        closes: Counter[str] = Counter()
        holders = [asyncio.create_task(held_socket(site, closes)) for _ in range(args.sockets)]
        await asyncio.sleep(1)
        redis.kill()
        killed_at = time.monotonic()
        during: Counter[str] = Counter()
        while time.monotonic() - killed_at < args.outage_s:
            for name, result in (await probe_round(site)).items():
                during[f"{name}: {result}"] += 1
        await asyncio.wait(holders, timeout=2)
        figures["held sockets"] = dict(closes)
        figures["during the outage"] = dict(sorted(during.items()))
        redis.start()
        back_at = time.monotonic()
        figures["back after s"] = await recovery_times(site, back_at)
        after: Counter[str] = Counter()
        while time.monotonic() - back_at < args.after_s:
            for name, result in (await probe_round(site)).items():
                after[f"{name}: {result}"] += 1
        figures["after it returned"] = dict(sorted(after.items()))
        figures["5xx or failures after it returned"] = sum(
            count for line, count in after.items() if not line.endswith((" 200", " 201 complete", ": complete"))
        )
    finally:
        site.stop()
        redis.kill()
        postgres.stop()
    return figures


async def recovery_times(site: Daphne, back_at: float) -> dict[str, float]:
    """Seconds from Redis's return until each path works again."""
    pending = {"readyz": None, "api": None, "socket": None}
    times: dict[str, float] = {}
    while pending and time.monotonic() - back_at < 60:
        result = await probe_round(site)
        elapsed = round(time.monotonic() - back_at, 2)
        for name, ok in (
            ("readyz", result["readyz"] == "200"),
            ("api", result["api"] == "201 complete"),
            ("socket", result["socket"] == "complete"),
        ):
            if ok and name in pending:
                times[name] = elapsed
                del pending[name]
    for name in pending:
        times[name] = float("inf")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outage-s", type=float, default=5.0, help="how long Redis stays down (default 5)")
    parser.add_argument("--after-s", type=float, default=20.0, help="how long to watch after it returns (default 20)")
    parser.add_argument("--sockets", type=int, default=10, help="sockets held open through the outage (default 10)")
    print(json.dumps(asyncio.run(drill(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
