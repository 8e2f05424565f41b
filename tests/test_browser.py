"""The HTML brief in a real browser: headless Chromium (Debian's package, installed by `make setup`)
driven by playwright, on a 390 px wide phone screen, with no network.

Two pages: the seed project's brief (the build shared with the end-to-end tests) and the hostile
project's (article text full of markup, shared with the report tests). On each: no request leaves
the page, nothing is logged as an error, no script of the page runs and no dialog opens, every
#anchor link lands on an element, every image decodes, and nothing pushes the page sideways.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}

# Evaluated in the page once it has loaded.
BROKEN_ANCHORS = """() => [...document.querySelectorAll('a[href^="#"]')]
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => !id || !document.getElementById(id))"""
BROKEN_IMAGES = """() => [...document.images]
    .filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => img.alt || img.src.slice(0, 60))"""
ACTIVE_CONTENT = """() => [
    ...[...document.querySelectorAll('script, iframe, object, embed, base, form')].map(e => e.tagName),
    ...[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => a.name.toLowerCase().startsWith('on')).map(a => `${e.tagName}[${a.name}]`)),
    ...[...document.querySelectorAll('[href], [src]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src'))
        .filter(v => /^\\s*(javascript|vbscript):/i.test(v)),
]"""


@dataclass
class Visit:
    """What one page load did and showed."""

    url: str
    requests: list[str] = field(default_factory=list)  # every request the page made
    console: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # scripts compiled from the page (see below)
    broken_anchors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    images: int = 0
    active_content: list[str] = field(default_factory=list)
    scroll_width: int = 0
    text: str = ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One Chromium with a fresh profile for the module; nothing is downloaded."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make setup` (installs Debian's chromium)", pytrace=False
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright not installed: run `make setup` (installs requirements.lock)", pytrace=False)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport=PHONE,
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()


def visit(context, html: Path) -> Visit:
    """Open `html` as a file:// page: requests other than the page itself are recorded and aborted.

    Scripts the page runs (inline <script>, event handlers, javascript: URLs, script files) are
    compiled with the page's or their own URL, which the debugger reports; playwright's own
    evaluations below carry no URL.
    """
    page = context.new_page()
    seen = Visit(url=html.resolve().as_uri())
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda msg: seen.console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: seen.console.append(f"uncaught: {error}"))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url == seen.url else route.abort())
    cdp = context.new_cdp_session(page)
    cdp.on("Debugger.scriptParsed", lambda e: seen.scripts.append(e["url"]) if e.get("url") else None)
    cdp.send("Debugger.enable")
    try:
        page.goto(seen.url, wait_until="load")
        seen.broken_anchors = page.evaluate(BROKEN_ANCHORS)
        seen.broken_images = page.evaluate(BROKEN_IMAGES)
        seen.images = page.evaluate("document.images.length")
        seen.active_content = page.evaluate(ACTIVE_CONTENT)
        seen.scroll_width = page.evaluate("document.documentElement.scrollWidth")
        seen.text = page.inner_text("body")
    finally:
        page.close()
    return seen


@pytest.fixture(scope="module")
def seed_page(browser, built_project) -> Visit:
    report = yaml.safe_load((built_project / "config.yaml").read_text())["report"]
    return visit(browser, built_project / f"report/build/{report['slug']}-v{report['version']}.html")


@pytest.fixture(scope="module")
def hostile_page(browser, twin_builds) -> Visit:
    return visit(browser, twin_builds[0]["html"])


@pytest.fixture(params=["seed", "hostile"])
def brief(request) -> Visit:
    return request.getfixturevalue(f"{request.param}_page")


def test_no_request_leaves_the_page(brief):
    assert brief.requests == [brief.url]  # data: URIs (the figures) are not requests


def test_nothing_is_logged_as_an_error(brief):
    assert brief.console == []


def test_no_script_runs_and_no_dialog_opens(brief):
    assert brief.dialogs == []
    assert brief.scripts == []
    assert brief.active_content == []


def test_every_internal_link_lands_on_an_element(brief):
    assert brief.broken_anchors == []


def test_every_image_loads(brief):
    assert brief.broken_images == []


def test_the_page_fits_a_phone_screen(brief):
    too_wide = brief.scroll_width - PHONE["width"]
    assert too_wide <= 0, f"the page is {too_wide} px wider than a {PHONE['width']} px screen"


def test_the_seed_brief_shows_its_figures_and_sections(seed_page):
    assert seed_page.images >= 3
    assert "Provenance" in seed_page.text and "Build manifest." in seed_page.text


def test_hostile_markup_reads_as_text(hostile_page):
    from test_report import HOSTILE

    assert HOSTILE in hostile_page.text
