"""Shared Playwright helpers: serve a built site locally and drive Debian's chromium.

Requests to any host but the local server are blocked and recorded (map tiles
are blocked too, but not recorded: they are the one thing maps may fetch).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TILE_HOSTS = ("tile.openstreetmap.org",)
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def available() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return "chromium is not installed (make browser)"
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """End a server a test started: politely, then for good."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def launched():
    """Debian's Chromium under Playwright, for a module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@contextmanager
def serve(directory: Path):
    """The folder on http://127.0.0.1:<free port>/ for as long as the block lasts."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Watch:
    """What pages did behind the scenes: requests to other hosts, console errors and warnings, page errors."""

    base: str
    path: str = ""  # the page being visited, to say where a problem came from
    foreign: list[str] = field(default_factory=list)
    tiles: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(self.base) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
            return
        if host.endswith(TILE_HOSTS):
            self.tiles += 1
        else:
            self.foreign.append(f"{self.path}: {url}")
        route.abort()

    def console(self, msg):
        if msg.type == "warning":
            self.warnings.append(f"{self.path}: {msg.location.get('url', '')}: {msg.text}")
        if msg.type == "error":
            text = msg.text
            where = urlsplit(msg.location.get("url", "")).hostname or ""
            if where.endswith(TILE_HOSTS) or "tile.openstreetmap.org" in text:
                return  # the blocked tiles are expected to fail; nothing else is
            self.errors.append(f"{self.path}: {msg.location.get('url', '')}: {text}")

    def attach(self, page):
        page.route("**/*", self.route)
        page.on("console", self.console)
        page.on("pageerror", lambda exc: self.errors.append(f"{self.path}: pageerror: {exc}"))
        return page


@dataclass(frozen=True)
class SearchWidget:
    """How a theme's search box is opened, typed into and read."""
    open: str | None  # a button to press first, or None when the box is in the header
    box: str
    results: str  # the links of the results


SEARCH_WIDGETS = {
    "mkdocs": SearchWidget(None, "input.md-search__input", ".md-search-result__item > a"),
    "properdocs": SearchWidget(None, "input.md-search__input", ".md-search-result__item > a"),
    # Zensical's own search: a button opens a dialog in a shadow root (Playwright's CSS pierces it) whose
    # class names are minified; its result links carry the query for highlighting (?h=...)
    "zensical": SearchWidget(".md-search__button", "input[role=combobox][placeholder=Search]",
                             "ol > li > a[href*='?h=']"),
}


SETTLE_MS = 250
SETTLE_READS = 20
"""How long search results may keep changing after the last key (20 x 250 ms), read until two reads agree."""


def search(page, words: str, widget: SearchWidget = SEARCH_WIDGETS["mkdocs"]) -> list[str]:
    """Type into the site's search box as a reader does; the result links, best first."""
    if widget.open:
        page.locator(widget.open).click()
    box = page.locator(widget.box)
    box.click()
    box.fill("")
    box.press_sequentially(words, delay=10)  # the themes search on key events, not on fill()
    page.wait_for_selector(widget.results, timeout=15000)
    # results come as the reader types (a first letter's, then the whole word's): read them once they settle
    def read() -> list[str]:
        return page.locator(widget.results).evaluate_all("els => els.map(e => e.href)")

    found = read()
    for _ in range(SETTLE_READS):
        page.wait_for_timeout(SETTLE_MS)
        again = read()
        if again == found:
            break
        found = again
    return found


def inject_axe(frame) -> None:
    frame.add_script_tag(content=AXE.read_text(encoding="utf-8"))


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page (its iframes are checked on their own)."""
    inject_axe(page)
    result = page.evaluate("async () => await axe.run(document, {iframes: false})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")
