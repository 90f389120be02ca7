"""Fault drill: PostgreSQL restarted under a running site.

    .venv/bin/python bench/drill_postgres.py --after-s 20

It starts a PostgreSQL, a Redis and a daphne process of its own (bench/stack.py), makes sounds over sockets and
HTTP, stops PostgreSQL (a fast shutdown, as a failover or an upgrade does) for `--down-s` seconds while requests
arrive, starts it again, and measures how long until pages,
HTTP generation, socket generation and readiness work again, then counts failures in the `--after-s` seconds after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable

from drill_redis import get, post_json, probe_round  # bench/, this script's folder
from stack import Daphne, prepare_site, site_env, start_services, workdir

OK = {"page": "200", "api": "201 complete", "readyz": "200", "socket": "complete"}


async def http_waits(site: Daphne) -> dict[str, float]:
    """How long a page and an HTTP generation wait for their answer (each waits at most DATABASE_POOL_TIMEOUT_S for a
    connection, then answers 503 "busy")."""

    async def timed(call: Callable[[], object]) -> float:
        started = time.monotonic()
        await asyncio.to_thread(call)
        return round(time.monotonic() - started, 2)

    page, api = await asyncio.gather(
        timed(lambda: get(site.url + "/")), timed(lambda: post_json(site.url + "/api/generate", {"prompt": "toot"}))
    )
    return {"page": page, "api": api}


async def drill(args: argparse.Namespace) -> dict[str, object]:
    folder = workdir("fartgen-drill-postgres-")
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
        restart_started = time.monotonic()
        await asyncio.to_thread(postgres.stop, "fast")
        # Requests arrive while it is down; it comes back `--down-s` later, as a restart or failover does.
        during = asyncio.create_task(probe_round(site))
        waits = asyncio.create_task(http_waits(site))
        await asyncio.sleep(args.down_s)
        await asyncio.to_thread(postgres.start)
        back_at = time.monotonic()
        figures["down for s"] = round(back_at - restart_started, 2)
        figures["requests sent while it was down"] = await during
        figures["HTTP answers while it was down took s"] = await waits
        times: dict[str, float] = {}
        while len(times) < len(OK) and time.monotonic() - back_at < 60:
            result = await probe_round(site)
            for name, expected in OK.items():
                if result[name] == expected and name not in times:
                    times[name] = round(time.monotonic() - back_at, 2)
        figures["working again after s"] = times
        after: Counter[str] = Counter()
        while time.monotonic() - back_at < args.after_s:
            for name, result in (await probe_round(site)).items():
                after[f"{name}: {result}"] += 1
        figures["after it returned"] = dict(sorted(after.items()))
        figures["failures after it returned"] = sum(
            count for line, count in after.items() if line.split(": ", 1)[1] not in OK.values()
        )
    finally:
        site.stop()
        redis.kill()
        postgres.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--down-s", type=float, default=3.0, help="how long it stays down (default 3)")
    parser.add_argument("--after-s", type=float, default=20.0, help="how long to watch after it returns (default 20)")
    print(json.dumps(asyncio.run(drill(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
