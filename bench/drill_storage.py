"""Fault drill: the audio volume fills up under a running site (needs root, to mount a small tmpfs).

    sudo .venv/bin/python bench/drill_storage.py --media-kb 2048 --requests 120

It starts a PostgreSQL, a Redis and a daphne process of its own (bench/stack.py) whose MEDIA_ROOT is a tmpfs of
`--media-kb`, makes sounds over HTTP until well past full, and reports what clients heard, then compares the files
on the volume with the rows: no orphan (a file no row names), no cut file (shorter than a WAV header says), and
every row's WAV present.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from drill_redis import post_json  # bench/, this script's folder
from stack import ROOT, Daphne, prepare_site, site_env, start_services, workdir


def audit(env: dict[str, str], media: Path) -> dict[str, int]:
    script = "from generator.models import Sound\nprint('\\n'.join(Sound.objects.values_list('wav', flat=True)))\n"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    rows = {line.strip() for line in done.stdout.splitlines() if line.strip().endswith(".wav")}
    files = {str(path.relative_to(media)): path for path in media.rglob("*.wav")}
    cut = sum(1 for path in files.values() if path.stat().st_size < 44 or not _complete_wav(path))
    return {
        "rows": len(rows),
        "files": len(files),
        "orphan files (no row)": len(set(files) - rows),
        "cut or empty files": cut,
        "rows without their file": len(rows - set(files)),
    }


def _complete_wav(path: Path) -> bool:
    """A RIFF file as long as its header says."""
    with open(path, "rb") as wav:
        head = wav.read(8)
    return head[:4] == b"RIFF" and int.from_bytes(head[4:8], "little") + 8 == path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--media-kb", type=int, default=2048, help="size of the audio volume (default 2048 KB)")
    parser.add_argument("--requests", type=int, default=120, help="generations to ask for (default 120)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: the drill mounts a small tmpfs for the audio")
    folder = workdir("fartgen-drill-storage-")
    media = folder / "media"
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.media_kb}k", "tmpfs", str(media)], check=True)
    postgres, redis = start_services(folder)
    env = site_env(
        postgres.url,
        redis.url,
        media,
        LIMIT_GENERATIONS_PER_HOUR_ANON="1000000",
        LIMIT_REQUESTS_PER_MINUTE_IP="1000000",
    )
    site = Daphne(env, folder, "a")
    try:
        prepare_site(env)
        site.start()
        heard: Counter[str] = Counter()
        for number in range(args.requests):
            status, body = post_json(site.url + "/api/generate", {"prompt": "long wet rumbler", "seed": number})
            heard[f"{status} {body.get('error') if isinstance(body, dict) and status != 201 else 'complete'}"] += 1
        figures = {"volume KB": args.media_kb, "clients heard": dict(heard), **audit(env, media)}
    finally:
        site.stop()
        redis.kill()
        postgres.stop()
        subprocess.run(["umount", str(media)], check=False)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
