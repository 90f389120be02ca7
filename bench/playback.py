"""Enter → playable in a real browser: Debian's Chromium on the generator page, with and without a slow phone.

    .venv/bin/python bench/playback.py --url http://127.0.0.1:8000 --runs 15

For each condition (unthrottled; Chrome's "Fast 3G" network preset with a 4× CPU slowdown, set through the DevTools
protocol), it opens the generator, waits for its socket, then types `--runs` prompts one after another, each with a
fresh seed word so that every sound is rendered, and measures from the Enter key to the `playing` event of the
result's audio (sound actually coming out). It prints the median and p90 of each condition, and which source the
player used (a `blob:` URL is the Opus the socket pushed; otherwise the URL it fetched).

Both conditions make 2 × `--runs` sounds, which an anonymous visitor's hourly limit (LIMIT_GENERATIONS_PER_HOUR_ANON,
20) may refuse: `--username` (and `--password`, or FARTGEN_PASSWORD) signs in first, for the signed-in limit. A
refused prompt, or one with no sound playing within `--timeout-s`, ends its condition with the page's message
printed; the other condition still runs, and the exit status is 1.

The site must be running (e.g. `make run`, or daphne on a migrated database); the bench only drives a browser.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass, field
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

# Resolves with the time to `playing`, or with an error: the page's message (a refusal arrives as the request's last
# socket message), or the timeout's.
MEASURE = """
([prompt, timeoutMs]) => new Promise((resolve) => {
  const input = document.getElementById("prompt");
  const previous = (document.getElementById("result") || {}).dataset?.soundId;
  let started = 0;
  function finish(result) {
    document.removeEventListener("playing", onPlaying, true);
    document.removeEventListener("htmx:wsAfterMessage", onMessage);
    clearTimeout(timer);
    resolve(result);
  }
  function onPlaying(event) {
    const card = document.getElementById("result");
    if (!card || card.dataset.soundId === previous || !card.contains(event.target)) return;
    finish({ms: performance.now() - started, src: event.target.currentSrc});
  }
  function onMessage() {
    const failed = document.querySelector('#progress [data-status="error"]');
    if (failed) finish({error: failed.textContent.trim().replace(/\\s+/g, " ")});
  }
  const timer = setTimeout(() => finish({error: `no sound played within ${timeoutMs / 1000} s`}), timeoutMs);
  document.addEventListener("playing", onPlaying, true);
  document.addEventListener("htmx:wsAfterMessage", onMessage);
  input.value = prompt;
  started = performance.now();
  input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
  input.form.requestSubmit();
})
"""


@dataclass
class Condition:
    """What one condition measured: Enter → playing times, the sources played, and why it stopped early if it did."""

    label: str
    times_ms: list[float] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    stopped_by: str = ""

    def report(self, runs: int) -> str:
        figures = (
            f"median {statistics.median(self.times_ms):6.0f} ms, p90 {percentile(self.times_ms, 0.9):6.0f} ms, "
            f"min {min(self.times_ms):5.0f}, max {max(self.times_ms):5.0f} "
            f"(n={len(self.times_ms)}; played {', '.join(sorted(self.sources))})"
            if self.times_ms
            else "nothing measured"
        )
        line = f"{self.label:>24}: {figures}"
        if self.stopped_by:
            line += f"\n{'':>24}  stopped after {len(self.times_ms)} of {runs} runs: {self.stopped_by}"
        return line


def measure(page: Page, url: str, runs: int, label: str, timeout_s: float) -> Condition:
    page.goto(url + "/", timeout=120_000)
    page.wait_for_function("() => document.documentElement.dataset.socket === 'open'", timeout=120_000)
    condition = Condition(label)
    for i in range(runs):
        prompt = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 5 + 3) % len(WORDS)]} toot number {i} {label}"
        result = page.evaluate(MEASURE, [prompt, timeout_s * 1000])
        if "error" in result:
            # Every later prompt of this visitor would meet the same refusal (or the same stuck server).
            condition.stopped_by = result["error"]
            break
        condition.times_ms.append(result["ms"])
        condition.sources.add(
            "pushed Opus (blob:)" if result["src"].startswith("blob:") else result["src"].rsplit(".", 1)[-1]
        )
        page.wait_for_timeout(300)
    return condition


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    """Log in through the site's form, so that the signed-in hourly limit applies to the prompts."""
    page.goto(url + "/accounts/login/", timeout=120_000)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    if page.locator(".nav-user").count() == 0:
        sys.exit(f"signing in as {username!r} failed: {page.locator('main').inner_text().strip()[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--username", help="sign in as this user first (the signed-in hourly limit applies)")
    parser.add_argument("--password", default=os.environ.get("FARTGEN_PASSWORD", ""))
    parser.add_argument("--timeout-s", type=float, default=30.0, help="most a prompt may take to play")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    conditions: list[Condition] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        for label, throttled in (("unthrottled", False), ("Fast 3G + 4x CPU", True)):
            context = browser.new_context()
            page = context.new_page()
            if args.username:
                sign_in(page, args.url, args.username, args.password)
            if throttled:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", FAST_3G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            conditions.append(measure(page, args.url, args.runs, label, args.timeout_s))
            print(conditions[-1].report(args.runs), flush=True)
            context.close()
        browser.close()
    if any(condition.stopped_by for condition in conditions):
        sys.exit(1)


if __name__ == "__main__":
    main()
