"""Enter → playable in a real browser: Debian's Chromium on the generator page, with and without a slow phone.

    .venv/bin/python bench/playback.py --url http://127.0.0.1:8000 --runs 15

For each condition (unthrottled; Chrome's "Fast 3G" network preset with a 4× CPU slowdown, set through the DevTools
protocol), it opens the generator, waits for its socket, then types `--runs` prompts one after another, each with a
fresh seed word so that every sound is rendered, and measures from the Enter key to the `playing` event of the
result's audio (sound actually coming out). It prints the median and p90 of each condition, and which source the
player used (a `blob:` URL is the Opus the socket pushed; otherwise the URL it fetched).

The site must be running (e.g. `make run`, or daphne on a migrated database); the bench only drives a browser.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from figures import percentile  # bench/, this script's folder
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Chrome DevTools' "Fast 3G" preset (throughput in bytes per second, latency added to every request).
FAST_3G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
CPU_SLOWDOWN = 4
WORDS = ["wet", "dry", "long", "short", "deep", "squeaky", "loud", "soft", "bubbly", "raspy", "slow", "quick"]

MEASURE = """
(prompt) => new Promise((resolve) => {
  const input = document.getElementById("prompt");
  const previous = (document.getElementById("result") || {}).dataset?.soundId;
  let started = 0;
  function onPlaying(event) {
    const card = document.getElementById("result");
    if (!card || card.dataset.soundId === previous || !card.contains(event.target)) return;
    document.removeEventListener("playing", onPlaying, true);
    resolve({ms: performance.now() - started, src: event.target.currentSrc});
  }
  document.addEventListener("playing", onPlaying, true);
  input.value = prompt;
  started = performance.now();
  input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
  input.form.requestSubmit();
})
"""


def measure(page: Page, url: str, runs: int, label: str) -> list[float]:
    page.goto(url + "/", timeout=120_000)
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'", timeout=120_000)
    times: list[float] = []
    sources: set[str] = set()
    for i in range(runs):
        prompt = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 5 + 3) % len(WORDS)]} toot number {i} {label}"
        result = page.evaluate(MEASURE, prompt)
        times.append(result["ms"])
        sources.add("pushed Opus (blob:)" if result["src"].startswith("blob:") else result["src"].rsplit(".", 1)[-1])
        page.wait_for_timeout(300)
    print(
        f"{label:>24}: median {statistics.median(times):6.0f} ms, p90 {percentile(times, 0.9):6.0f} ms, "
        f"min {min(times):5.0f}, max {max(times):5.0f} (n={len(times)}; played {', '.join(sorted(sources))})"
    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        for label, throttled in (("unthrottled", False), ("Fast 3G + 4x CPU", True)):
            context = browser.new_context()
            page = context.new_page()
            if throttled:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", FAST_3G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            measure(page, args.url, args.runs, label)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
