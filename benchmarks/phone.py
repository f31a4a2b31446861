#!/usr/bin/env python3
"""What a parent's cheap phone gets from a built site (not part of the test suite).

Debian's Chromium, driven by Playwright, with the CPU slowed 4x and a slow 4G network
(Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), both
through the DevTools protocol, opens the built site served gzip-compressed on 127.0.0.1 the
way static hosts serve it. Every visit starts with an empty cache and no service worker.

For a card page, the home page, the library page, a routine page and a category page in each
language: time to first contentful paint and bytes transferred (by type). For search: on a
card page, the bytes transferred and the time from the first keystroke to the first result,
for a few queries in each language (each a first search, typed at 120 ms a key, so a long
query's typing counts: "after typing" is the wait once the last key is down). Prints a table
and writes JSON.

    .venv/bin/python benchmarks/phone.py --site site                 # a site built already
    .venv/bin/python benchmarks/phone.py --cards 5000 --text realistic  # generate, build, measure

Targets (issue 18, at 5,000 cards per language): first results within 1 s of the first
keystroke, at most 300 KB for a first search; every page type at most 150 KB compressed and
painted within 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import StaticHost  # noqa: E402 - the same gzip host Lighthouse is measured against

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CARRYOVER_CHROMIUM", "/usr/bin/chromium")
CPU_SLOWDOWN = 4
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
QUERIES = {"en": ["bedtime", "brushing teeth", "calm down"], "es": ["dormir", "cepillar los dientes", "calmarse"]}
TARGETS = {"page_bytes": 150_000, "paint_s": 2.0, "search_bytes": 300_000, "search_s": 1.0}


def serve(site: Path) -> tuple[socketserver.ThreadingTCPServer, str]:
    handler = functools.partial(StaticHost, directory=str(site))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


class Phone:
    """One throttled page at a time, counting what crosses the network."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        self.context.route("**/sw.js", lambda route: route.abort())  # every visit is a first visit
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        self.types: dict[str, str] = {}
        self.bytes: dict[str, float] = {}
        self.cdp.on("Network.responseReceived", lambda e: self.types.__setitem__(e["requestId"], e["type"]))
        self.cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event) -> None:
        kind = self.types.get(event["requestId"], "Other")
        self.bytes[kind] = self.bytes.get(kind, 0) + event["encodedDataLength"]

    def reset(self) -> None:
        self.bytes = {}

    def close(self) -> None:
        self.context.close()


def visit(browser, url: str) -> dict:
    phone = Phone(browser)
    try:
        phone.page.goto(url, wait_until="load", timeout=120_000)
        phone.page.wait_for_load_state("networkidle", timeout=120_000)
        fcp = phone.page.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"
        )
        return {
            "fcp_s": round(fcp / 1000, 3) if fcp else None,
            "bytes": round(sum(phone.bytes.values())),
            "by_type": {k: round(v) for k, v in sorted(phone.bytes.items())},
        }
    finally:
        phone.close()


def first_search(browser, url: str, query: str) -> dict:
    """Open a card page, open search, type ``query``; time from the first keystroke to the
    first result, and the bytes that search fetched."""
    phone = Phone(browser)
    page = phone.page
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        phone.reset()  # search's downloads start when it opens
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        start = time.perf_counter()
        box.type(query, delay=120)  # a parent's typing
        typed = time.perf_counter() - start
        page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=120_000, polling=20
        )
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle", timeout=120_000)
        results = page.locator(".md-search-result__item").count()
        return {
            "query": query,
            "first_results_s": round(seconds, 3),
            "after_typing_s": round(max(seconds - typed, 0), 3),
            "bytes": round(sum(phone.bytes.values())),
            "results": results,
        }
    finally:
        phone.close()


def pick_pages(site: Path, lang: str) -> dict[str, str]:
    root = site / lang
    card = sorted((root / "strategies").glob("*/index.html"))[0].parent.name
    routine = sorted((root / "routines").glob("*/index.html"))[0].parent.name
    category = sorted((root / "categories").glob("*/index.html"))[0].parent.name
    return {
        "card": f"{lang}/strategies/{card}/",
        "home": f"{lang}/",
        "library": f"{lang}/strategies/",
        "routine": f"{lang}/routines/{routine}/",
        "category": f"{lang}/categories/{category}/",
    }


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    httpd, base = serve(site)
    found: dict = {"pages": {}, "search": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            )
            for lang, queries in QUERIES.items():
                if not (site / lang).is_dir():
                    continue
                pages = pick_pages(site, lang)
                for kind, path in pages.items():
                    visits = [visit(browser, f"{base}/{path}") for _ in range(runs)]
                    fcps = [v["fcp_s"] for v in visits if v["fcp_s"] is not None]
                    found["pages"][f"{lang}/{kind}"] = {
                        "path": path,
                        "fcp_s": round(statistics.median(fcps), 3) if fcps else None,
                        "bytes": visits[0]["bytes"],
                        "by_type": visits[0]["by_type"],
                    }
                    say(f"{lang}/{kind}: {found['pages'][f'{lang}/{kind}']['fcp_s']} s, {visits[0]['bytes']:,} B")
                for query in queries:
                    tries = [first_search(browser, f"{base}/{pages['card']}", query) for _ in range(runs)]
                    found["search"][f"{lang}: {query}"] = {
                        "first_results_s": round(statistics.median(t["first_results_s"] for t in tries), 3),
                        "after_typing_s": round(statistics.median(t["after_typing_s"] for t in tries), 3),
                        "bytes": tries[0]["bytes"],
                        "results": tries[0]["results"],
                    }
                    say(f"search {lang} '{query}': {found['search'][f'{lang}: {query}']}")
            browser.close()
    finally:
        httpd.shutdown()
    return found


def build(cards: int, text: str, work: Path) -> Path:
    """A generated library of ``cards`` cards (benchmarks/bench.py's generator), built."""
    sys.path.insert(0, str(Path(__file__).parent))
    import bench  # noqa: PLC0415

    vocabulary = None
    if text == "realistic":
        from realistic import Vocabulary  # noqa: PLC0415

        vocabulary = Vocabulary.load(bench.CONTENT / "taxonomy.yml")
    library = bench.generate_library(work / "content", cards, bench.load_templates(), vocabulary)
    check = bench.check_library_dir(library)
    if vocabulary is not None and check.returncode != 0:
        say(f"{bench.fall_back(library, check.stdout)} varied file(s) written from their real text")
    out = work / "site"
    env = dict(os.environ, CARRYOVER_SITE_URL="https://example.org/", CARRYOVER_CACHE=str(work / "cache"))
    say(f"building {cards} cards ({text} text)")
    done = subprocess.run(
        [sys.executable, "-m", "carryover", "--content", str(library.path), "build", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"phone: the build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return out


def say(message: str) -> None:
    print(f"phone: {message}", file=sys.stderr, flush=True)


def report(results: dict) -> None:
    print(f"\nPhone: CPU {CPU_SLOWDOWN}x slower, slow 4G (150 ms, 1.6 Mbit/s), gzip, empty cache")
    print(f"{'page':<18} {'first paint':>12} {'transferred':>12}  targets: <= {TARGETS['paint_s']} s, <= 150 KB")
    for kind, r in results["pages"].items():
        ok = (r["fcp_s"] or 99) <= TARGETS["paint_s"] and r["bytes"] <= TARGETS["page_bytes"]
        print(f"{kind:<18} {r['fcp_s'] or '-':>10} s {r['bytes'] / 1000:>9.1f} KB  {'PASS' if ok else 'FAIL'}")
    head = f"{'first search':<26} {'to results':>10} {'after typing':>13} {'transferred':>12}"
    print(f"\n{head}  targets: <= 1 s, <= 300 KB")
    for query, r in results["search"].items():
        ok = r["first_results_s"] <= TARGETS["search_s"] and r["bytes"] <= TARGETS["search_bytes"]
        print(
            f"{query:<26} {r['first_results_s']:>8} s {r['after_typing_s']:>11} s {r['bytes'] / 1000:>9.1f} KB  "
            + ("PASS" if ok else "FAIL")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="a built site (the folder carryover build wrote)")
    parser.add_argument("--cards", type=int, help="generate a library of this many cards and build it first")
    parser.add_argument("--text", choices=["realistic", "repeated"], default="realistic")
    parser.add_argument("--runs", type=int, default=3, help="visits per page (the median paint is reported)")
    parser.add_argument("--json", default=str(Path(__file__).parent / "phone-results.json"))
    args = parser.parse_args(argv)
    if bool(args.site) == bool(args.cards):
        parser.error("give --site or --cards")
    work = Path(tempfile.mkdtemp(prefix="carryover-phone-"))
    try:
        site = Path(args.site) if args.site else build(args.cards, args.text, work)
        results = measure(site, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results)
    out = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "profile": {"cpu_slowdown": CPU_SLOWDOWN, "network": SLOW_4G, "viewport": "390x844 @2x"},
        "cards": args.cards,
        "text": args.text if args.cards else None,
        **results,
    }
    Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
