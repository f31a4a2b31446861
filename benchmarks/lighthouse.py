"""Lighthouse scores of the built site (mobile preset, Debian's headless Chromium).

Not part of the test suite: Lighthouse's performance score depends on the machine's
load. Targets: performance >= 95, accessibility, best practices and SEO 100, on the
home and a card page in both languages.

    .venv/bin/python benchmarks/lighthouse.py            # builds the site, prints the scores
    .venv/bin/python benchmarks/lighthouse.py --json out.json

Lighthouse comes from the npm registry into benchmarks/.lighthouse/ (not committed).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent / ".lighthouse"
LIGHTHOUSE_VERSION = "13.5.0"
PAGES = ["en/", "en/strategies/blanket-burrito/", "es/", "es/strategies/blanket-burrito/"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_bin() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
                str(TOOLS),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way static hosts do (GitHub Pages, Netlify, nginx's
    defaults): text compressed with gzip. Python's plain server sends every byte as is,
    which made Lighthouse time a phone downloading 290 kB of CSS and JS instead of 70 kB."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")
    # Compressed once and kept, as hosts compress ahead or cache: compressing a large search
    # index on every request would time this server, not the phone.
    packed: dict[Path, bytes] = {}  # noqa: RUF012

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in self.COMPRESSED):
            return super().send_head()
        if path not in self.packed:
            self.packed[path] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        data = self.packed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the scores to this file")
    args = parser.parse_args()
    chromium = os.environ.get("CARRYOVER_CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(chromium) and not Path(chromium).exists():
        sys.exit("Chromium is missing: apt-get install -y chromium")
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "carryover", "build", "--output", str(site)], cwd=ROOT, check=True)
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = {}
        for page in PAGES:
            out = Path(tmp) / "report.json"
            subprocess.run(
                [
                    str(binary),
                    base + page,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                    "--disable-component-update --no-first-run",
                ],
                check=True,
                env=dict(os.environ, CHROME_PATH=chromium),
            )
            report = json.loads(out.read_text(encoding="utf-8"))
            results[page] = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
            failing = sorted(
                ref["id"]
                for category in report["categories"].values()
                for ref in category["auditRefs"]
                if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
            )
            results[page]["failing"] = failing
        server.shutdown()
    width = max(len(p) for p in PAGES)
    print(f"{'page'.ljust(width)}  " + "  ".join(f"{k:>14}" for k in TARGETS))
    for page, scores in results.items():
        cells = [f"{scores.get(k, 0):>10} {'ok' if scores.get(k, 0) >= t else 'LOW':>3}" for k, t in TARGETS.items()]
        print(f"{page.ljust(width)}  " + "  ".join(f"{c:>14}" for c in cells))
        if scores.get("failing"):
            print(f"{''.ljust(width)}  below full marks: {', '.join(scores['failing'])}")
    print("targets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
