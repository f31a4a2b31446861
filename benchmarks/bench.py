#!/usr/bin/env python3
"""Carryover build benchmark (not part of the test suite).

For each library size N (default 100, 1000, 3000 cards) this script:

1. generates a synthetic but valid bilingual library in a temporary folder, by
   copying the real library's taxonomy, references, routines, signs and guides
   and turning the real cards into N cards (new ids ``<orig-id>-n0042``, slightly
   varied titles and summaries, links between cards remapped), then runs
   ``carryover --content DIR check`` on it;
2. times a plain Material build of the same text (one page per card and
   language, no hooks) as the baseline, both languages in parallel;
3. times the full bilingual Carryover build (``python -m carryover build``):
   cold (empty image cache), warm (same cache), and after editing one card;
4. measures how long an author waits, with ``mkdocs serve`` running, between
   saving a card and seeing the change;

then prints a table with the project's targets (PASS/FAIL) and writes JSON.

Run it with the project's virtual environment:

    .venv/bin/python benchmarks/bench.py --sizes 100,1000 --json /tmp/bench.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from realistic import extra_keywords, vary_body, vary_summary

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
MKDOCS = str(VENV_BIN / "mkdocs")
CARRYOVER = str(VENV_BIN / "carryover")
LANGS = ("en", "es")
KINDS_COPIED = ("routines", "signs", "guides")

# Targets from the project's issue.
TARGET_COLD_RATIO = 1.5  # cold build <= 1.5 x baseline at 1000 cards
TARGET_WARM_RATIO = 1.1  # warm build <= 1.1 x baseline at 1000 cards
TARGET_SERVE_S = 5.0  # serve refresh < 5 s at 1000 cards
TARGET_HTML_DRIFT = 0.10  # HTML per card page at N=3000 within 10 % of N=100
TARGET_PEAK_BYTES = 10**9  # peak memory <= 1 GB (10^9 bytes) at 3000 cards
# Issue 18, at 5,000 cards: peak memory <= 1.5 GB, warm build <= 1.0 x the plain-Material floor
TARGET_PEAK_5000_BYTES = 1.5 * 10**9
TARGET_WARM_5000_RATIO = 1.0

SERVE_POLL_S = 0.1
SERVE_GIVE_UP_S = 120.0
SERVE_START_TIMEOUT_S = 1800.0

# Variations of titles and summaries, in both languages (round r of the templates
# gets WHEN[r % 10] + WHERE[r // 10 % 6]: 60 distinct titles per template).
WHEN = [
    ("mornings", "por la mañana"),
    ("afternoons", "por la tarde"),
    ("evenings", "por la noche"),
    ("weekends", "el fin de semana"),
    ("holidays", "en vacaciones"),
    ("school days", "días de escuela"),
    ("rainy days", "días de lluvia"),
    ("sunny days", "días de sol"),
    ("busy days", "días con prisa"),
    ("quiet days", "días tranquilos"),
]
WHERE = [
    ("at home", "en casa"),
    ("at school", "en la escuela"),
    ("outdoors", "al aire libre"),
    ("on a trip", "de viaje"),
    ("with friends", "con amigos"),
    ("with siblings", "con hermanos"),
]
SUMMARY_EXTRA = [
    ("It takes only a few minutes.", "Solo lleva unos minutos."),
    ("Try it when you both feel calm.", "Pruébalo cuando los dos estén tranquilos."),
    ("Start small and keep it fun.", "Empieza poco a poco y que sea divertido."),
    ("Many families use it every day.", "Muchas familias lo usan cada día."),
    ("Your child can help set it up.", "Tu hijo o hija puede ayudar a prepararlo."),
    ("", ""),
]
EDIT_SENTENCE = "Keep it short and end on a good note."
# An author's link to a card, as in content/routines/*.md: [text](../../strategies/<id>/#anchor)
CARD_LINK = re.compile(
    r"\[(?P<text>[^\]]*)\]\((?P<up>(?:\.\./)+)strategies/(?P<id>[^/)#\s]+)(?P<rest>/?(?:#[^)\s]*)?)\)"
)


# ---------------------------------------------------------------------------
# Content generation
# ---------------------------------------------------------------------------


def fingerprint(text: str) -> str:
    """Same as carryover.model.library.content_fingerprint (sha256 of the text without translated_from)."""
    text = re.sub(r"^translated_from:.*\n", "", text, flags=re.M)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def split_file(text: str) -> tuple[list[str], str]:
    """Front matter lines (without the fences) and the body (after the closing fence)."""
    lines = text.split("\n")
    assert lines[0] == "---", "content file without front matter"
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    return lines[1:end], "\n".join(lines[end + 1 :])


def join_file(head: list[str], body: str) -> str:
    return "---\n" + "\n".join(head) + "\n---\n" + body


def yaml_scalar(key: str, value) -> str:
    if isinstance(value, list):  # lists of ids, written the way authors write them: [a, b]
        return f"{key}: [{', '.join(value)}]"
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, default_flow_style=False).strip()


def set_field(head: list[str], key: str, value) -> list[str]:
    """Replace (value not None) or remove (None) a one-line field of the front matter."""
    out, found = [], False
    for line in head:
        if re.match(rf"^{re.escape(key)}:", line):
            found = True
            if value is not None:
                out.append(yaml_scalar(key, value))
            continue
        out.append(line)
    if not found and value is not None:
        out.append(yaml_scalar(key, value))
    return out


def field_value(head: list[str], key: str):
    for line in head:
        if re.match(rf"^{re.escape(key)}:", line):
            return yaml.safe_load(line)[key]
    return None


@dataclass
class Template:
    id: str
    files: dict[str, str]  # lang -> text


@dataclass
class Library:
    path: Path
    n: int
    card_ids: list[str]
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> lang -> title
    # --text realistic: each varied file's text before its words were varied, and how many
    # files went back to it because the checker flagged them (reading level)
    plain: dict[str, str] = field(default_factory=dict)
    fallbacks: int = 0


def load_templates() -> list[Template]:
    templates = []
    for en in sorted((CONTENT / "strategies").glob("*.en.md")):
        card_id = en.name.removesuffix(".en.md")
        files = {"en": en.read_text(encoding="utf-8")}
        for lang in LANGS[1:]:
            other = en.with_name(f"{card_id}.{lang}.md")
            if other.exists():
                files[lang] = other.read_text(encoding="utf-8")
        templates.append(Template(card_id, files))
    return templates


def variant_id(template_index: int, templates: list[Template], round_: int, n: int) -> str | None:
    """The id of template ``template_index`` in round ``round_``, or None beyond N cards."""
    index = round_ * len(templates) + template_index
    return f"{templates[template_index].id}-n{index:04d}" if index < n else None


def title_variant(title: str, round_: int, lang: str) -> str:
    li = 0 if lang == "en" else 1
    suffix = f", {WHEN[round_ % len(WHEN)][li]} {WHERE[round_ // len(WHEN) % len(WHERE)][li]}"
    if round_ >= len(WHEN) * len(WHERE):
        suffix += f" {round_ // (len(WHEN) * len(WHERE)) + 1}"
    new = title + suffix
    return new if len(new) <= 80 else f"{title[: 80 - 8]} ({round_ + 1})"


def summary_variant(summary: str, index: int, lang: str) -> str:
    extra = SUMMARY_EXTRA[index % len(SUMMARY_EXTRA)][0 if lang == "en" else 1]
    new = f"{summary} {extra}".strip()
    return new if len(new) <= 200 else summary


def generate_library(folder: Path, n: int, templates: list[Template], vocabulary=None) -> Library:
    """Write a valid library of ``n`` cards (both languages) into ``folder``; with a
    ``vocabulary`` (``realistic.Vocabulary``), every card after the first round has its own words."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("taxonomy.yml", "references.yml"):
        shutil.copy2(CONTENT / name, folder / name)
    for extra in CONTENT.iterdir():  # e.g. assets/ (a clinic logo), if any
        if extra.is_dir() and extra.name not in ("strategies", *KINDS_COPIED):
            shutil.copytree(extra, folder / extra.name)
    index_of = {t.id: i for i, t in enumerate(templates)}

    def remap_links(text: str, round_: int) -> str:
        """Point links to real cards at their generated copies (of the same round); a link
        to a card that is not in this library (N smaller than the real library) keeps its text."""

        def sub(m: re.Match) -> str:
            i = index_of.get(m["id"])
            new = variant_id(i, templates, round_, n) if i is not None else None
            return m["text"] if new is None else f"[{m['text']}]({m['up']}strategies/{new}{m['rest']})"

        return CARD_LINK.sub(sub, text)

    # Routines, signs and guides: copied, links to cards remapped to round 0.
    for kind in KINDS_COPIED:
        (folder / kind).mkdir()
        for src in sorted((CONTENT / kind).glob("*.md")):
            (folder / kind / src.name).write_text(remap_links(src.read_text(encoding="utf-8"), 0), encoding="utf-8")

    (folder / "strategies").mkdir()
    library = Library(folder, n, [])
    for index in range(n):
        round_, t_index = divmod(index, len(templates))
        template = templates[t_index]
        new_id = variant_id(t_index, templates, round_, n)
        library.card_ids.append(new_id)
        library.titles[new_id] = {}
        for lang, text in template.files.items():
            head, body = split_file(text)
            head = set_field(head, "id", new_id)
            title = title_variant(field_value(head, "title"), round_, lang)
            library.titles[new_id][lang] = title
            head = set_field(head, "title", title)
            head = set_field(head, "summary", summary_variant(field_value(head, "summary"), index, lang))
            for key in ("easier", "harder"):
                target = field_value(head, key)
                if target is not None:
                    mapped = variant_id(index_of[target], templates, round_, n) if target in index_of else None
                    head = set_field(head, key, mapped)
            related = field_value(head, "related")
            if related is not None:
                mapped = [variant_id(index_of[r], templates, round_, n) for r in related if r in index_of]
                mapped = [m for m in mapped if m]
                head = set_field(head, "related", mapped or None)
            aliases = field_value(head, "aliases")
            if aliases:
                head = set_field(head, "aliases", [f"{a}-n{index:04d}" for a in aliases])
            written = join_file(head, remap_links(body, round_))
            if vocabulary is not None and round_ >= 1:
                rng = random.Random(f"{index}-{lang}")
                library.plain[f"strategies/{new_id}.{lang}.md"] = written
                head = set_field(head, "summary", vary_summary(field_value(head, "summary"), lang, vocabulary, rng))
                keywords = field_value(head, "keywords") or []
                head = set_field(head, "keywords", [*keywords, *extra_keywords(lang, vocabulary, rng)])
                written = join_file(head, remap_links(vary_body(body, lang, vocabulary, rng), round_))
            (folder / "strategies" / f"{new_id}.{lang}.md").write_text(written, encoding="utf-8")
    refresh_fingerprints(folder)
    return library


def refresh_fingerprints(folder: Path) -> None:
    """Translations stay 'translated' (not stale): record the new originals' fingerprints."""
    for kind_dir in folder.iterdir():
        if not kind_dir.is_dir():
            continue
        for original in kind_dir.glob("*.en.md"):
            fp = fingerprint(original.read_text(encoding="utf-8"))
            for lang in LANGS[1:]:
                path = original.with_name(original.name.replace(".en.md", f".{lang}.md"))
                if not path.exists():
                    continue
                text = path.read_text(encoding="utf-8")
                if re.search(r"^translated_from:", text, flags=re.M):
                    text = re.sub(r"^translated_from:.*$", f"translated_from: '{fp}'", text, count=1, flags=re.M)
                    path.write_text(text, encoding="utf-8")


# The same Markdown extensions as Carryover's mkdocs.yml, so the same text renders the same way.
MARKDOWN_EXTENSIONS = """markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: "#"
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def write_card_pages(library: Library, lang: str, docs: Path, index: str) -> None:
    """One Markdown page per card in ``docs/strategies/`` (title as '# heading' + body, the
    English text where a card has no translation), and ``index`` as the home page."""
    (docs / "strategies").mkdir(parents=True)
    (docs / "index.md").write_text(index, encoding="utf-8")
    for card_id in library.card_ids:
        path = library.path / "strategies" / f"{card_id}.{lang}.md"
        if not path.exists():
            path = library.path / "strategies" / f"{card_id}.en.md"
        head, body = split_file(path.read_text(encoding="utf-8"))
        title = field_value(head, "title")
        (docs / "strategies" / f"{card_id}.md").write_text(f"# {title}\n{body}", encoding="utf-8")


def write_baseline(library: Library, folder: Path) -> dict[str, Path]:
    """A plain Material project per language: one page per card (title as '# heading' + body)."""
    if folder.exists():
        shutil.rmtree(folder)
    configs = {}
    for lang in LANGS:
        write_card_pages(
            library, lang, folder / f"docs-{lang}", "# Baseline\n\nA plain Material site with the cards' text.\n"
        )
        config = folder / f"mkdocs-{lang}.yml"
        config.write_text(
            f"""site_name: Baseline
docs_dir: docs-{lang}
use_directory_urls: true
theme:
  name: material
  language: {lang}
  font: false
plugins:
  - search:
      pipeline: [stemmer, stopWordFilter, trimmer]
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
{MARKDOWN_EXTENSIONS}""",
            encoding="utf-8",
        )
        configs[lang] = config
    return configs


PEER_FONT = "Atkinson Hyperlegible"


def write_peer(library: Library, folder: Path) -> Path:
    """What a docs engineer would assemble for the same job (``--peer``): one Material project
    with mkdocs-static-i18n (a folder per language, both built) and Material's social plugin
    drawing every page's link preview, one page per card and language, navigation hidden
    (the fairer variant: with the theme's navigation each card page lists every other card).
    The social plugin fetches its font from Google Fonts; its cache is given the site's own
    font, so nothing is downloaded."""
    if folder.exists():
        shutil.rmtree(folder)
    for lang in LANGS:
        write_card_pages(library, lang, folder / "docs" / lang, "# Peer\n\nMaterial, static-i18n and social cards.\n")
    fonts = folder / "social-cache" / "fonts" / PEER_FONT
    fonts.mkdir(parents=True)
    from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT  # noqa: PLC0415

    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(Path(FONT_ROOT) / "files" / f"AtkinsonHyperlegible-{style}.ttf", fonts / f"{style}.ttf")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"""site_name: Peer
site_url: https://example.org/
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  font: false
plugins:
  - search:
      pipeline: [stemmer, stopWordFilter, trimmer]
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          default: true
          name: English
          build: true
        - locale: es
          name: Español
          build: true
  - social:
      cache_dir: {folder / "social-cache"}
      cards_layout_options:
        font_family: {PEER_FONT}
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
{MARKDOWN_EXTENSIONS}""",
        encoding="utf-8",
    )
    return config


def peer_build(config: Path, out: Path, log: Path, cold: bool) -> Run:
    """One build of the peer project; cold: without the social plugin's kept images."""
    if out.exists():
        shutil.rmtree(out)
    if cold:
        for kept in (config.parent / "social-cache").glob("*"):
            if kept.name != "fonts":
                shutil.rmtree(kept) if kept.is_dir() else kept.unlink()
    argv = [PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(out)]
    run = run_measured([(argv, base_env(), config.parent)], log, reads=[config.parent])
    must_succeed(run, "peer build", log)
    return run


# ---------------------------------------------------------------------------
# Measuring processes
# ---------------------------------------------------------------------------


def _tree_rss_bytes(root_pids: list[int]) -> int:
    """Sum of the resident memory of these processes and all their descendants."""
    total, seen, todo = 0, set(), list(root_pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(x) for x in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


class RssSampler(threading.Thread):
    """Samples the summed RSS of a process tree every 50 ms (all processes alive at once)."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self._halt = pids, 0, threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, _tree_rss_bytes(self.pids))
            self._halt.wait(0.05)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def busy_cpu_s() -> float:
    """CPU time used by the whole machine since boot (all cores, not idle nor waiting for I/O)."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the children (RUSAGE_CHILDREN delta)
    max_rss_bytes: int  # largest single process (ru_maxrss from wait4)
    tree_rss_bytes: int  # largest sampled sum over the process tree (both languages at once)
    returncode: int
    other_cpu_s: float = 0.0  # CPU used meanwhile by processes that are not ours: contention
    sys_s: float = 0.0  # the part of cpu_s spent in the kernel (creating files and folders, mostly)

    def as_dict(self) -> dict:
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "max_rss_bytes": self.max_rss_bytes,
            "tree_rss_bytes": self.tree_rss_bytes,
            "other_cpu_s": round(self.other_cpu_s, 2),
            "sys_s": round(self.sys_s, 3),
        }


DROP_CACHES = False  # set by main() unless --keep-caches


def can_drop_caches() -> bool:
    return os.geteuid() == 0 and os.access("/proc/sys/vm/drop_caches", os.W_OK)


def read_all(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as fh:
                while fh.read(1 << 20):
                    pass


def drop_caches() -> None:
    """Empty the kernel's page, inode and folder caches before a timed build. On this
    kind of virtual machine, creating files and folders grew two to three times slower
    as those caches filled over a run, so without this the build measured last paid for
    everything measured before it."""
    with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as fh:
        fh.write("3\n")


def run_measured(commands: list[tuple[list[str], dict, Path]], log: Path, reads: list[Path] = ()) -> Run:
    """Run the commands in parallel; wall time until all ended, CPU and memory of all of them.

    Not timed, first: the disk is synced, so that writing back what an earlier step wrote
    is not charged to this one; with DROP_CACHES the kernel's caches are dropped, then the
    files the build reads (the code, the installed packages, ``reads``) are read once, as
    they would be in memory on a machine that just built or restored them."""
    os.sync()
    if DROP_CACHES:
        drop_caches()
        for folder in [ROOT / "carryover", ROOT / "hooks", ROOT / "overrides", ROOT / ".venv" / "lib", *reads]:
            read_all(folder)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = busy_cpu_s()
    with open(log, "ab") as out:
        start = time.perf_counter()
        procs = [
            subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            for argv, env, cwd in commands
        ]
        sampler = RssSampler([p.pid for p in procs])
        sampler.start()
        max_rss, worst = 0, 0
        for proc in procs:
            _, status, usage = os.wait4(proc.pid, 0)  # usage covers the process and its waited-for children
            proc.returncode = os.waitstatus_to_exitcode(status)
            max_rss = max(max_rss, usage.ru_maxrss * 1024)  # Linux: KiB
            worst = worst or proc.returncode
        wall = time.perf_counter() - start
        tree = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    other = max(0.0, busy_cpu_s() - machine_before - cpu)
    return Run(wall, cpu, max_rss, tree, worst, other, after.ru_stime - before.ru_stime)


def must_succeed(run: Run, what: str, log: Path) -> None:
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        sys.exit(f"bench: {what} failed (exit {run.returncode}); end of {log}:\n{tail}")


def base_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("CARRYOVER_SITE_DIR", None)
    env.pop("CARRYOVER_LANG", None)
    env.update(extra)
    return env


def folder_count(path: Path) -> int:
    """Folders in a built site: each costs the kernel far more than a small file."""
    return sum(1 for p in path.rglob("*") if p.is_dir())


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def card_html_bytes(site_lang_dir: Path, card_ids: list[str]) -> float:
    sizes = [(site_lang_dir / "strategies" / cid / "index.html").stat().st_size for cid in card_ids]
    return statistics.fmean(sizes)


def search_index_bytes(site: Path) -> dict[str, int]:
    """The whole search index of each language, as stored: Pagefind's folder (its chunks are
    compressed already; a phone fetches only a few) where there is one, else the theme's
    index (the baseline's lunr index, which a phone fetches whole)."""
    found = {}
    for lang in LANGS:
        pagefind = site / lang / "pagefind"
        found[lang] = (
            folder_bytes(pagefind)
            if pagefind.is_dir()
            else (site / lang / "search" / "search_index.json").stat().st_size
        )
    return found


def carryover_build(library: Library, out: Path, cache: Path, log: Path) -> Run:
    """Time one `carryover build` into an empty place, as the baseline builds: deleting the
    previous site (which `carryover build` does after swapping the new one in) is not timed."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [PYTHON, "-m", "carryover", "--content", str(library.path), "build", "--output", str(out)]
    run = run_measured([(argv, base_env(CARRYOVER_CACHE=str(cache)), ROOT)], log, reads=[library.path, cache])
    must_succeed(run, "carryover build", log)
    return run


def baseline_build(configs: dict[str, Path], out: Path, log: Path) -> Run:
    if out.exists():
        shutil.rmtree(out)
    commands = [
        (
            [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(cfg), "-d", str(out / lang)],
            base_env(),
            cfg.parent,
        )
        for lang, cfg in configs.items()
    ]
    run = run_measured(commands, log, reads=[cfg.parent for cfg in configs.values()])
    must_succeed(run, "baseline build", log)
    return run


# ---------------------------------------------------------------------------
# mkdocs serve: time from saving a card to seeing the change
# ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def stop_group(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (its own process group), politely first."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def measure_serve(library: Library, cache: Path, log: Path) -> dict:
    """Start `mkdocs serve` (English), wait for a card, edit its title, time until the page shows it."""
    card_id = min(library.card_ids, key=lambda c: (len(library.titles[c]["en"]), c))
    path = library.path / "strategies" / f"{card_id}.en.md"
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/strategies/{card_id}/"
    env = base_env(
        CARRYOVER_LANG="en",
        CARRYOVER_CONTENT=str(library.path),
        CARRYOVER_SITE_URL=f"http://127.0.0.1:{port}/en/",
        CARRYOVER_CACHE=str(cache),
    )
    argv = [MKDOCS, "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"]
    result: dict = {"card": card_id, "port": port}
    with open(log, "ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        try:
            while True:
                if proc.poll() is not None:
                    sys.exit(f"bench: mkdocs serve exited ({proc.returncode}) before serving; see {log}")
                if fetch(url)[0] == 200:
                    break
                if time.perf_counter() - start > SERVE_START_TIMEOUT_S:
                    sys.exit(f"bench: mkdocs serve did not serve {url} within {SERVE_START_TIMEOUT_S:.0f} s")
                time.sleep(0.2)
            result["startup_s"] = round(time.perf_counter() - start, 3)
            time.sleep(2.0)  # let the file watcher settle before editing (not counted)
            marker = f"Edited{int(time.time()) % 100000:05d}"
            text = path.read_text(encoding="utf-8")
            old_title = library.titles[card_id]["en"]
            new_title = f"{old_title} {marker}"
            assert len(new_title) <= 80, new_title
            head, body = split_file(text)
            edited = join_file(set_field(head, "title", new_title), body)
            t0 = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            seen = None
            while time.perf_counter() - t0 < SERVE_GIVE_UP_S:
                status, page = fetch(url)
                if status == 200 and marker in page:
                    seen = time.perf_counter() - t0
                    break
                time.sleep(SERVE_POLL_S)
            result["refresh_s"] = round(seen, 3) if seen is not None else None
            result["gave_up"] = seen is None
        finally:
            stop_group(proc)
    path.write_text(text, encoding="utf-8")  # restore the card
    return result


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def edit_card_body(path: Path) -> None:
    """Append one sentence to the card's 'Why it helps' text (its first section)."""
    head, body = split_file(path.read_text(encoding="utf-8"))
    new_body, count = re.subn(r"\n+(## Steps\n)", f" {EDIT_SENTENCE}\n\n\\1", body, count=1)
    assert count == 1, f"no '## Steps' heading in {path}"
    path.write_text(join_file(head, new_body), encoding="utf-8")


def check_library_dir(library: Library) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CARRYOVER, "--content", str(library.path), "check"], cwd=ROOT, env=base_env(), capture_output=True, text=True
    )


def fall_back(library: Library, check_output: str) -> int:
    """Write the files the checker flagged (and their other language) from their real text."""
    flagged = set(re.findall(r"^[^:\n]*?(strategies/[\w-]+)\.\w+\.md:", check_output, re.M))
    count = 0
    for stem in flagged:
        for path, text in library.plain.items():
            if path.startswith(stem + "."):
                (library.path / path).write_text(text, encoding="utf-8")
                count += 1
    refresh_fingerprints(library.path)
    return count


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_sizes(site: Path, card_ids: list[str]) -> dict[str, dict[str, float]]:
    """Raw and gzip bytes of each page type and of the search index, per language (a mean
    over up to 50 pages for cards)."""
    found: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        root = site / lang
        kinds = {
            "home": [root / "index.html"],
            "library": [root / "strategies" / "index.html"],
            "card": [root / "strategies" / c / "index.html" for c in card_ids[:50]],
            "routine": sorted((root / "routines").glob("*/index.html"))[:1],
            "category": sorted((root / "categories").glob("*/index.html"))[:1],
            "tag": sorted((root / "tags").glob("*/index.html"))[:1],
            "search_index": [root / "search" / "search_index.json"],  # the baseline's (Carryover's is empty)
            "pagefind_meta": sorted((root / "pagefind").glob("pagefind.*.pf_meta")),  # fetched by every search
            "pagefind_chunk": sorted((root / "pagefind" / "index").glob("*.pf_index")),  # a mean: a query fetches a few
            "pagefind_result": sorted((root / "pagefind" / "fragment").glob("*.pf_fragment"))[:200],  # one per result
        }
        for kind, candidates in kinds.items():
            files = [f for f in candidates if f.is_file()]
            if not files:
                continue
            data = [f.read_bytes() for f in files]
            found[f"{lang}/{kind}"] = {
                "raw": round(sum(map(len, data)) / len(data), 1),
                "gzip": round(sum(map(gz, data)) / len(data), 1),
            }
    return found


def bench_size(n: int, templates: list[Template], work: Path, serve: bool, vocabulary=None, peer: bool = False) -> dict:
    here = work / f"n{n}"
    here.mkdir(parents=True, exist_ok=True)
    log = here / "log.txt"
    say(f"[N={n}] generating the library")
    t0 = time.perf_counter()
    library = generate_library(here / "content", n, templates, vocabulary)
    gen_s = time.perf_counter() - t0

    say(f"[N={n}] carryover check")
    t0 = time.perf_counter()
    check = check_library_dir(library)
    check_s = time.perf_counter() - t0
    summary_line = (check.stdout.strip().splitlines() or ["(no output)"])[-1]
    if vocabulary is not None and check.returncode != 0:
        library.fallbacks = fall_back(library, check.stdout)
        say(f"[N={n}] {library.fallbacks} varied file(s) flagged by the checker: written from their real text")
        check = check_library_dir(library)
        summary_line = (check.stdout.strip().splitlines() or ["(no output)"])[-1]
    if check.returncode != 0 or not summary_line.startswith("0 error(s), 0 warning(s)"):
        sys.exit(f"bench: the generated library does not pass 'carryover check':\n{check.stdout[-4000:]}")

    result: dict = {
        "cards": n,
        "card_files": len(list((library.path / "strategies").glob("*.md"))),
        "generate_s": round(gen_s, 3),
        "check_s": round(check_s, 3),
        "check_summary": summary_line,
        "text": "realistic" if vocabulary is not None else "repeated",
        "realistic_fallback_files": library.fallbacks,
    }

    say(f"[N={n}] baseline: plain Material build, en + es in parallel")
    configs = write_baseline(library, here / "baseline")
    base_out = here / "baseline-site"
    base = baseline_build(configs, base_out, log)
    result["baseline"] = {
        **base.as_dict(),
        "output_bytes": folder_bytes(base_out),
        "output_folders": folder_count(base_out),
        "html_bytes_per_card_page": round(card_html_bytes(base_out / "en", library.card_ids), 1),
        "search_index_bytes": search_index_bytes(base_out),
    }
    shutil.rmtree(base_out)

    cache = here / "image-cache"
    cache.mkdir()
    out = here / "site"
    for label in ("cold", "warm"):
        say(f"[N={n}] carryover build ({label} image cache)")
        run = carryover_build(library, out, cache, log)
        result[label] = {
            **run.as_dict(),
            "output_bytes": folder_bytes(out),
            "output_folders": folder_count(out),
            "html_bytes_per_card_page": round(card_html_bytes(out / "en", library.card_ids), 1),
            "search_index_bytes": search_index_bytes(out),
        }
        if label == "cold":
            result["page_sizes"] = page_sizes(out, library.card_ids)
        result[f"{label}_ratio"] = round(run.wall_s / base.wall_s, 3)
        result[f"{label}_cpu_ratio"] = round(run.cpu_s / base.cpu_s, 3)  # less sensitive to other load
    result["image_cache_files"] = len(list(cache.iterdir()))

    edited = library.card_ids[min(1, n - 1)]
    say(f"[N={n}] rebuild after editing {edited}.en.md")
    edit_card_body(library.path / "strategies" / f"{edited}.en.md")
    run = carryover_build(library, out, cache, log)
    page = (out / "en" / "strategies" / edited / "index.html").read_text(encoding="utf-8")
    if EDIT_SENTENCE not in page:
        sys.exit(f"bench: the edited sentence is not in the rebuilt page of {edited}")
    result["rebuild_one_card"] = {**run.as_dict(), "card": edited}
    shutil.rmtree(out)

    if peer:
        config = write_peer(library, here / "peer")
        peer_out = here / "peer-site"
        for label in ("cold", "warm"):
            say(f"[N={n}] peer stack: Material + static-i18n + social cards ({label})")
            run = peer_build(config, peer_out, log, cold=label == "cold")
            result[f"peer_{label}"] = {
                **run.as_dict(),
                "output_bytes": folder_bytes(peer_out),
                "html_bytes_per_card_page": round(card_html_bytes(peer_out, library.card_ids), 1),
            }
            result[f"{label}_vs_peer"] = round(result[label]["wall_s"] / run.wall_s, 3)
            result[f"{label}_vs_peer_cpu"] = round(result[label]["cpu_s"] / run.cpu_s, 3)
        shutil.rmtree(peer_out)

    if serve:
        say(f"[N={n}] mkdocs serve (en): time from saving a card to seeing it")
        result["serve"] = measure_serve(library, cache, here / "serve-log.txt")
    return result


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def say(message: str) -> None:
    print(f"{dt.datetime.now():%H:%M:%S} {message}", file=sys.stderr, flush=True)


def mb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1e6:,.1f} MB"


def kb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1e3:,.1f} kB"


def secs(n: float | None) -> str:
    return "-" if n is None else f"{n:,.2f} s"


def targets(results: dict[int, dict]) -> list[dict]:
    def get(n, *keys):
        value = results.get(n)
        for key in keys:
            if value is None:
                return None
            value = value.get(key)
        return value

    rows = []

    def add(name, target, measured, ok, shown):
        status = "n/a" if measured is None else ("PASS" if ok else "FAIL")
        rows.append({"target": name, "limit": target, "measured": measured, "shown": shown, "status": status})

    for label, limit in (("cold", TARGET_COLD_RATIO), ("warm", TARGET_WARM_RATIO)):
        ratio, cpu = get(1000, f"{label}_ratio"), get(1000, f"{label}_cpu_ratio")
        shown = "-" if ratio is None else f"{ratio:.2f}x (CPU {cpu:.2f}x)"
        add(f"{label} build / baseline at 1000 cards (wall)", f"<= {limit}x", ratio,
            ratio is not None and ratio <= limit, shown)  # fmt: skip
    serve = get(1000, "serve")
    refresh = None if serve is None else (serve["refresh_s"] if not serve["gave_up"] else float("inf"))
    add("serve refresh at 1000 cards", f"< {TARGET_SERVE_S:g} s", refresh,
        refresh is not None and refresh < TARGET_SERVE_S,
        "-" if refresh is None else ("gave up after 120 s" if refresh == float("inf") else secs(refresh)))  # fmt: skip
    small, large = get(100, "warm", "html_bytes_per_card_page"), get(3000, "warm", "html_bytes_per_card_page")
    drift = None if small is None or large is None else (large - small) / small
    add("HTML per card page, N=3000 vs N=100", f"within {TARGET_HTML_DRIFT:.0%}", drift,
        drift is not None and abs(drift) <= TARGET_HTML_DRIFT,
        "-" if drift is None else f"{drift:+.1%} ({kb(small)} -> {kb(large)})")  # fmt: skip
    peaks = [get(3000, label, "max_rss_bytes") for label in ("cold", "warm", "rebuild_one_card")]
    peak = None if None in peaks else max(peaks)
    add("peak memory (largest process) at 3000 cards", "<= 1 GB", peak,
        peak is not None and peak <= TARGET_PEAK_BYTES,
        "-" if peak is None else f"{mb(peak)} = {peak / 2**20:,.1f} MiB")  # fmt: skip
    peaks = [get(5000, label, "max_rss_bytes") for label in ("cold", "warm", "rebuild_one_card")]
    peak = None if None in peaks else max(peaks)
    add("peak memory (largest process) at 5000 cards", "<= 1.5 GB", peak,
        peak is not None and peak <= TARGET_PEAK_5000_BYTES,
        "-" if peak is None else f"{mb(peak)} = {peak / 2**20:,.1f} MiB")  # fmt: skip
    ratio, cpu = get(5000, "warm_ratio"), get(5000, "warm_cpu_ratio")
    add("warm build / baseline at 5000 cards (wall)", f"<= {TARGET_WARM_5000_RATIO}x", ratio,
        ratio is not None and ratio <= TARGET_WARM_5000_RATIO,
        "-" if ratio is None else f"{ratio:.2f}x (CPU {cpu:.2f}x)")  # fmt: skip
    return rows


def print_report(results: dict[int, dict], target_rows: list[dict]) -> None:
    sizes = sorted(results)
    rows: list[tuple[str, list[str]]] = []

    def row(label, fn):
        cells = []
        for n in sizes:
            try:
                cells.append(fn(results[n]))
            except (KeyError, TypeError):
                cells.append("-")
        rows.append((label, cells))

    row("baseline (plain Material, en+es) wall", lambda r: secs(r["baseline"]["wall_s"]))
    row("baseline CPU (children)", lambda r: secs(r["baseline"]["cpu_s"]))
    row("  of which in the kernel (sys)", lambda r: secs(r["baseline"]["sys_s"]))
    row("baseline peak RSS (largest proc)", lambda r: mb(r["baseline"]["max_rss_bytes"]))
    for label in ("cold", "warm"):
        row(f"carryover {label} wall", lambda r, k=label: secs(r[k]["wall_s"]))
        row(f"carryover {label} CPU (children)", lambda r, k=label: secs(r[k]["cpu_s"]))
        row("  of which in the kernel (sys)", lambda r, k=label: secs(r[k]["sys_s"]))
        row(f"carryover {label} / baseline (wall)", lambda r, k=label: f"{r[f'{k}_ratio']:.2f}x")
        row(f"carryover {label} / baseline (CPU)", lambda r, k=label: f"{r[f'{k}_cpu_ratio']:.2f}x")
        row(f"carryover {label} peak RSS (largest proc)", lambda r, k=label: mb(r[k]["max_rss_bytes"]))
        row(f"carryover {label} peak RSS (both langs)", lambda r, k=label: mb(r[k]["tree_rss_bytes"]))
    row("rebuild after editing one card", lambda r: secs(r["rebuild_one_card"]["wall_s"]))
    for label in ("cold", "warm"):  # --peer only
        row(f"peer stack {label} wall", lambda r, k=label: secs(r[f"peer_{k}"]["wall_s"]))
        row(
            f"carryover {label} / peer (wall, CPU)",
            lambda r, k=label: f"{r[f'{k}_vs_peer']:.2f}x, {r[f'{k}_vs_peer_cpu']:.2f}x",
        )
        row(f"peer {label} peak RSS (largest proc)", lambda r, k=label: mb(r[f"peer_{k}"]["max_rss_bytes"]))
    row("HTML per card page (peer, en)", lambda r: kb(r["peer_warm"]["html_bytes_per_card_page"]))
    row(
        "other processes' CPU during base/cold/warm",
        lambda r: "/".join(f"{r[k]['other_cpu_s']:.0f}" for k in ("baseline", "cold", "warm")) + " s",
    )
    row("serve: first page served after", lambda r: secs(r["serve"]["startup_s"]))
    row(
        "serve: refresh after saving a card",
        lambda r: "gave up (>120 s)" if r["serve"]["gave_up"] else secs(r["serve"]["refresh_s"]),
    )
    row("output size (carryover)", lambda r: mb(r["warm"]["output_bytes"]))
    row("output size (baseline)", lambda r: mb(r["baseline"]["output_bytes"]))
    row("folders in output (carryover)", lambda r: f"{r['warm']['output_folders']:,}")
    row("folders in output (baseline)", lambda r: f"{r['baseline']['output_folders']:,}")
    row("HTML per card page (carryover, en)", lambda r: kb(r["warm"]["html_bytes_per_card_page"]))
    row("HTML per card page (baseline, en)", lambda r: kb(r["baseline"]["html_bytes_per_card_page"]))
    for lang in LANGS:
        row(f"search index {lang} (carryover)", lambda r, k=lang: mb(r["warm"]["search_index_bytes"][k]))
        row(f"search index {lang} (baseline)", lambda r, k=lang: mb(r["baseline"]["search_index_bytes"][k]))
    row("carryover check", lambda r: secs(r["check_s"]))
    row("text of the cards", lambda r: f"{r['text']} ({r['realistic_fallback_files']} back to real)")
    kinds = sorted({k for n in sizes for k in results[n].get("page_sizes", {})})
    for kind in kinds:
        row(
            f"{kind} raw / gzip",
            lambda r, k=kind: f"{kb(r['page_sizes'][k]['raw'])} / {kb(r['page_sizes'][k]['gzip'])}",
        )

    header = ["", *[f"N={n}" for n in sizes]]
    width0 = max(len(label) for label, _ in rows)
    widths = [max(len(header[i + 1]), *(len(cells[i]) for _, cells in rows)) for i in range(len(sizes))]
    print()
    print(header[0].ljust(width0) + "  " + "  ".join(h.rjust(w) for h, w in zip(header[1:], widths, strict=True)))
    for label, cells in rows:
        print(label.ljust(width0) + "  " + "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    busy = [
        (n, k)
        for n in sizes
        for k in ("baseline", "cold", "warm", "rebuild_one_card")
        if k in results[n] and results[n][k]["other_cpu_s"] > 0.1 * max(results[n][k]["cpu_s"], 1.0)
    ]
    if busy:
        print()
        print(
            "WARNING: other processes used noticeable CPU during "
            + ", ".join(f"N={n} {k}" for n, k in busy)
            + f" (the machine has {os.cpu_count()} cores): those wall times are inflated; rerun on an idle machine."
        )
    print()
    print("Targets (from the project's issue)")
    w1 = max(len(t["target"]) for t in target_rows)
    w2 = max(len(t["limit"]) for t in target_rows)
    w3 = max(len(t["shown"]) for t in target_rows)
    for t in target_rows:
        print(
            f"  {t['target'].ljust(w1)}  target {t['limit'].ljust(w2)}  measured {t['shown'].ljust(w3)}  {t['status']}"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="card counts, comma-separated (default 100,1000,3000)")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure the mkdocs serve refresh")
    parser.add_argument("--json", default=str(Path(__file__).parent / "results.json"), help="write results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (libraries, sites, logs)")
    parser.add_argument(
        "--peer",
        action="store_true",
        help="also build the peer stack: Material + mkdocs-static-i18n + the social plugin (pip install -e '.[peer]')",
    )
    parser.add_argument(
        "--keep-caches", action="store_true", help="do not drop the kernel's caches before each timed build (root only)"
    )
    parser.add_argument(
        "--text",
        choices=["realistic", "repeated"],
        default="realistic",
        help="realistic: distinct words in every card after the first round (Faker); repeated: the real cards' text",
    )
    args = parser.parse_args(argv)
    global DROP_CACHES  # noqa: PLW0603 - one switch for every timed build
    DROP_CACHES = can_drop_caches() and not args.keep_caches
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if any(n < 1 for n in sizes):
        parser.error("sizes must be positive")

    templates = load_templates()
    vocabulary = None
    if args.text == "realistic":
        from realistic import Vocabulary  # noqa: PLC0415 - needs Faker (pip install -e ".[bench]")

        vocabulary = Vocabulary.load(CONTENT / "taxonomy.yml")
    work = Path(tempfile.mkdtemp(prefix="carryover-bench-"))
    say(f"working in {work} ({len(templates)} real cards as templates)")
    caches = "dropped before each timed build" if DROP_CACHES else "kept (not root, or --keep-caches)"
    say(f"the kernel's caches: {caches}")
    results: dict[int, dict] = {}
    try:
        for n in sizes:
            results[n] = bench_size(
                n, templates, work, serve=not args.skip_serve, vocabulary=vocabulary, peer=args.peer
            )
            shutil.rmtree(work / f"n{n}" / "baseline", ignore_errors=True)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    target_rows = targets(results)
    print_report(results, target_rows)
    report = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "mkdocs": _version("mkdocs"),
            "mkdocs-material": _version("mkdocs-material"),
        },
        "notes": {
            "wall_s": "elapsed time of the whole command",
            "cpu_s": "user+system time of the child processes (getrusage RUSAGE_CHILDREN delta)",
            "max_rss_bytes": "ru_maxrss of the largest single process (wait4), in bytes",
            "tree_rss_bytes": "largest sampled (50 ms) sum of RSS over the process tree, in bytes",
            "html_bytes_per_card_page": "mean size of <lang>/strategies/<id>/index.html (en)",
            "sys_s": "the kernel's part of cpu_s",
            "caches_dropped": DROP_CACHES,
        },
        "sizes": {str(n): r for n, r in results.items()},
        "targets": [{k: v for k, v in t.items() if k != "measured"} for t in target_rows],
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"results written to {args.json}")
    return 0


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
