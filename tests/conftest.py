"""Shared fixtures: a small library to break, the real site built once per test process, a
local server, a browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import served
from small_library import write_small_library

from carryover.check.library import load_library
from carryover.engine.mkdocs.build import build_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
CHROMIUM = os.environ.get("CARRYOVER_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def small_library_template(tmp_path_factory) -> Path:
    return write_small_library(tmp_path_factory.mktemp("small-library"))


@pytest.fixture
def content(small_library_template, tmp_path) -> Path:
    """A small valid library (small_library.py), copied (writing it afresh costs a tenth of a
    second); each test breaks one thing in it."""
    return Path(shutil.copytree(small_library_template, tmp_path / "content"))


@pytest.fixture(scope="session")
def library():
    return load_library(CONTENT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real bilingual site, built with the real `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT, out) == 0, "the real site must build"
    return out


@pytest.fixture(scope="session")
def server(site) -> Iterator[str]:
    """The built site on a loopback port, like a static host would serve it."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make test' (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(locale: str = "en-US", **kwargs):
        context = browser.new_context(locale=locale, **kwargs)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
