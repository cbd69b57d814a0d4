"""The built site in a real browser (Debian chromium through Playwright).

One site build and one browser per session; every page is served from a local
server, and any request to another host (map tiles aside) fails the tests.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import browser as b  # tests/browser.py (tests/ is on sys.path through conftest.py)

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture(scope="module")
def site(built_site):
    why = b.available()
    if why:
        pytest.skip(why)
    with b.serve(built_site / "site") as base:
        yield built_site / "site", base


@pytest.fixture(scope="module")
def chromium():
    with b.launched() as browser:
        yield browser


@pytest.fixture
def open_page(site, chromium):
    """Open a path of the site in a fresh page at a window size; returns (page, watch)."""
    _root, base = site
    contexts = []

    def run(path: str, viewport=b.DESKTOP, wait_maps: bool = False):
        ctx = chromium.new_context(viewport=viewport)
        contexts.append(ctx)
        watch = b.Watch(base)
        page = watch.attach(ctx.new_page())
        page.goto(base + path, wait_until="load")
        if wait_maps:
            for frame in page.frames[1:]:
                frame.wait_for_load_state("load")
        return page, watch

    yield run
    for ctx in contexts:
        ctx.close()


def _pages(root: Path) -> list[str]:
    """Every HTML page of the site (maps included), as paths under the server root."""
    paths = []
    for f in sorted(root.rglob("*.html")):
        rel = f.relative_to(root).as_posix()
        if rel == "404.html":
            continue
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def _briefing_paths(root: Path) -> list[str]:
    return [p for p in _pages(root) if p.startswith("generated/briefings/") and p.count("/") == 3]


def _briefing_quoting(root: Path, speaker: str) -> str:
    """The one briefing whose quotes are attributed to ``speaker`` (read from the built HTML)."""
    found = []
    for path in _briefing_paths(root):
        html = (root / path / "index.html").read_text(encoding="utf-8")
        if any(speaker in block for block in re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)):
            found.append(path)
    assert len(found) == 1, found
    return found[0]


def _search(page, words: str) -> list[str]:
    box = page.locator("input.md-search__input")  # visible in the header at desktop width
    box.click()
    box.fill("")
    box.press_sequentially(words, delay=10)  # the theme searches on key events, not on fill()
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("speaker", ["Macron", "Trump"])
def test_search_finds_the_briefing_by_speaker(site, open_page, speaker):
    root, base = site
    expected = _briefing_quoting(root, speaker)
    page, watch = open_page("")
    hrefs = _search(page, speaker)
    briefings = [h for h in hrefs if "/generated/briefings/" in h]
    assert briefings and briefings[0].startswith(base + expected), (expected, hrefs)
    assert any(h.startswith(base + expected) for h in hrefs[:5]), (expected, hrefs)
    assert not watch.foreign


def test_search_finds_quote_words_and_places(site, open_page):
    root, base = site
    page, _ = open_page("")
    hrefs = _search(page, "red line crossed")
    assert any(h.startswith(base + _briefing_quoting(root, "Macron")) for h in hrefs[:3]), hrefs
    hrefs = _search(page, "Gaziantep")
    assert any(h.startswith(base + _briefing_quoting(root, "Macron")) for h in hrefs), hrefs


def test_search_finds_a_word_right_after_an_opening_typographic_quote(site, open_page):
    root, base = site
    page, _ = open_page("")
    hrefs = _search(page, "incredibly")  # in the fixture article as “incredibly painful
    assert any(h.startswith(base + _briefing_quoting(root, "Pashinyan")) for h in hrefs), hrefs


def test_each_briefing_map_shows_a_marker_per_place(site, open_page):
    root, _ = site
    paths = _briefing_paths(root)
    assert len(paths) == 3
    for path in paths:
        page, watch = open_page(path)
        places = page.locator("ul.place-list li").count()
        assert places > 0
        iframe = page.locator("iframe.briefing-map")
        iframe.scroll_into_view_if_needed()
        frame = iframe.element_handle().content_frame()
        frame.wait_for_selector("path.place-marker", state="attached", timeout=15000)
        assert frame.locator("path.place-marker").count() == places, path
        # the base layer of country outlines shows although the tiles are blocked
        assert frame.locator(".leaflet-outlines-pane path").count() > 50
        assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


def test_map_popup_links_to_the_sentence_in_the_briefing(site, open_page):
    root, base = site
    path = _briefing_paths(root)[0]
    page, _ = open_page(path)
    iframe = page.locator("iframe.briefing-map")
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    frame.wait_for_selector("path.place-marker", state="attached")
    frame.locator("path.place-marker").last.dispatch_event("click")
    link = frame.wait_for_selector(".leaflet-popup-content li a")
    assert link.get_attribute("target") == "_top"
    href = link.get_attribute("href")
    assert re.search(r"#s-\d+$", href), href
    link.click()
    page.wait_for_url(re.compile(r"#s-\d+$"))
    assert page.evaluate("() => document.querySelector(':target').classList.contains('sentence')")


def test_quote_source_link_lands_on_the_highlighted_sentence(site, open_page):
    root, base = site
    page, _ = open_page(_briefing_quoting(root, "Pashinyan"))
    link = page.locator("a.quote-source").first
    target = link.get_attribute("href")
    assert re.fullmatch(r"#s-\d+", target), target
    link.click()
    page.wait_for_function("id => location.hash === id", arg=target)
    state = page.evaluate("""() => {
        const t = document.querySelector(':target');
        const r = t.getBoundingClientRect();
        return {cls: t.className, id: t.id, bg: getComputedStyle(t).backgroundColor,
                visible: r.top >= 0 && r.top < window.innerHeight};
    }""")
    assert state["id"] == target[1:] and "sentence" in state["cls"]
    assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state
    assert state["visible"], state


def test_every_page_without_console_errors_foreign_requests_or_sideways_scrolling(site, chromium):
    """Every page of the site (maps too) in one phone-sized window: no console error or warning, no request
    to another host (tiles aside), and nothing wider than 375 px."""
    root, base = site
    paths = _pages(root)
    assert len(paths) >= 10
    ctx = chromium.new_context(viewport=b.PHONE)
    page = ctx.new_page()
    watch = b.Watch(base)
    watch.attach(page)
    wide = {}
    try:
        for path in paths:
            watch.path = path
            page.goto(base + path, wait_until="load")  # lazy map iframes: every map is visited as a page too
            page.wait_for_timeout(150)  # let scripts that run after load report
            if not path.startswith("generated/maps/") and (extra := b.horizontal_overflow(page)):
                wide[path] = extra
    finally:
        ctx.close()
    assert not watch.errors, watch.errors
    assert not watch.warnings, watch.warnings[:10]
    assert not watch.foreign, watch.foreign
    assert not wide, wide


@pytest.mark.parametrize("kind", ["home", "briefing", "party", "story", "places"])
def test_no_serious_accessibility_violations(site, open_page, kind):
    root, _ = site
    pages = _pages(root)
    path = {"home": "", "briefing": _briefing_quoting(root, "Pashinyan"),
            "party": next(p for p in pages if p.startswith("generated/parties/") and p.count("/") == 3),
            "story": next(p for p in pages if p.startswith("generated/stories/") and p.count("/") == 3),
            "places": "generated/places/"}[kind]
    page, _ = open_page(path)
    assert b.serious_violations(page) == []


def test_screenshots(site, open_page, tmp_path):
    """Home and a briefing at desktop and phone widths, for the README: written to
    docs/screenshots only when ``BRIEFING_UPDATE_SCREENSHOTS`` is set (``make screenshots``),
    so a test run leaves the committed images alone."""
    root, _ = site
    folder = SCREENSHOTS if os.environ.get("BRIEFING_UPDATE_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    briefing = _briefing_quoting(root, "Pashinyan")
    for name, path in (("home", ""), ("briefing", briefing)):
        for size, viewport in (("desktop", b.DESKTOP), ("phone", b.PHONE)):
            page, _ = open_page(path, viewport=viewport)
            for iframe in page.locator("iframe").element_handles():
                iframe.scroll_into_view_if_needed()
                iframe.content_frame().wait_for_selector("path.place-marker", state="attached")
            page.evaluate("() => window.scrollTo(0, 0)")
            out = folder / f"{name}-{size}.png"
            page.screenshot(path=str(out), full_page=(name == "briefing" and size == "desktop"))
            assert out.stat().st_size > 10_000


def _rect(page, selector: str) -> dict | None:
    return page.evaluate(f"(() => {{ const e = document.querySelector({selector!r}); if (!e) return null;"
                         " const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right,"
                         " bottom: r.bottom, width: r.width}; })()")


def test_layout_positions_side_by_side_and_every_column_and_control_in_view(site, open_page):
    root, _base = site
    briefing = max(_briefing_paths(root), key=lambda p: (root / p / "index.html").read_text().count('class="position-card"'))
    page, _ = open_page(briefing, viewport=b.DESKTOP)
    cards = page.eval_on_selector_all(".position-card", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(cards) >= 2 and cards[0] == cards[1], cards  # two cards in one row, not one narrow column
    page, _ = open_page(briefing, viewport=b.PHONE)
    headers = page.eval_on_selector_all(
        ".parties-table th", "els => els.filter(e => getComputedStyle(e).display != 'none')"
        ".map(e => [e.textContent.trim(), e.getBoundingClientRect().right])")
    assert "Affiliation" in [h for h, _r in headers], headers
    assert all(right <= b.PHONE["width"] for _h, right in headers), headers  # no column scrolled out of view
    maps = [p for p in _pages(root) if p.startswith("generated/maps/") and "world" not in p]
    page, _ = open_page(maps[0], viewport={"width": 343, "height": 320})  # a briefing map's frame on a phone
    page.wait_for_selector(".leaflet-control-attribution")
    scale, credit = _rect(page, ".leaflet-control-scale"), _rect(page, ".leaflet-control-attribution")
    assert scale and credit and (credit["left"] >= scale["right"] or credit["bottom"] <= scale["top"]), (scale, credit)


def test_places_page_is_folded_by_country_and_a_place_link_opens_its_group(site, open_page):
    root, _base = site
    page, _ = open_page("generated/places/", viewport=b.DESKTOP)
    groups = page.locator("details.place-group")
    assert groups.count() >= 2
    assert page.evaluate("document.documentElement.scrollHeight") <= 2.5 * b.DESKTOP["height"]  # folded: short
    html = (root / "generated" / "places" / "index.html").read_text(encoding="utf-8")
    slug = re.search(r'id="place-([\w-]+)"', html).group(1)
    page, _ = open_page(f"generated/places/#place-{slug}", viewport=b.DESKTOP)  # as a map popup links it
    page.wait_for_timeout(200)
    assert page.evaluate(f"document.getElementById('place-{slug}').closest('details').open")
    assert page.locator(f"#place-{slug}").is_visible()


@pytest.fixture(scope="module")
def fifty_briefings(tmp_path_factory):
    """A site of 50 briefings from tests/corpus.py (25 countries, 50 towns), built once with the real
    ``mkdocs build --strict``. Measured on the 2-core test machine with the gazetteer index already in
    the cache: 18 to 38 s (extraction of the 50 articles and their maps); both tests with it under a minute."""
    import subprocess
    import sys
    import time

    from conftest import make_project
    from corpus import write_articles

    why = b.available()
    if why:
        pytest.skip(why)
    root = make_project(tmp_path_factory.mktemp("fifty"))
    write_articles(root / "content" / "articles", 50)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    print(f"\n50-briefing site built in {time.monotonic() - started:.1f} s")
    with b.serve(root / "site") as base:
        yield root / "site", base


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_places_page_stays_under_five_screen_heights_at_50_briefings(fifty_briefings, chromium, size):
    """Issue 21: the places page of 50 briefings is under 5 screen heights, at desktop and phone widths."""
    root, base = fifty_briefings
    viewport = {"desktop": b.DESKTOP, "phone": b.PHONE}[size]
    assert len(list((root / "generated" / "briefings").glob("*/index.html"))) == 50
    ctx = chromium.new_context(viewport=viewport)
    try:
        page = b.Watch(base).attach(ctx.new_page())
        page.goto(base + "generated/places/", wait_until="load")
        assert page.locator("details.place-group").count() >= 20  # the corpus's countries are all there
        height = page.evaluate("document.documentElement.scrollHeight")
    finally:
        ctx.close()
    print(f"places page at 50 briefings, {size}: {height} px ({height / viewport['height']:.1f} screens)")
    assert height <= 5 * viewport["height"], f"{height} px on a {viewport['height']} px screen"


@pytest.fixture(scope="module")
def story_site(tmp_path_factory):
    """The story of tests/fixtures/story (three invented articles on a mine strike), built once."""
    import subprocess
    import sys

    from conftest import FIXTURES, make_project

    why = b.available()
    if why:
        pytest.skip(why)
    root = make_project(tmp_path_factory.mktemp("story-site"), FIXTURES / "story")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    (story,) = (root / "site" / "generated" / "stories").glob("*/index.html")
    with b.serve(root / "site") as base:
        yield base, story.parent.relative_to(root / "site").as_posix() + "/"


def test_story_reads_as_a_situation_report_at_desktop_and_phone(story_site, chromium):
    """Where things stand: the parties' latest positions side by side on a desktop, one under the other
    on a phone without sideways scrolling; a contested figure is in view with both numbers; a card's
    source link opens the briefing on the highlighted sentence. No console message, no axe violation."""
    base, path = story_site
    for viewport in (b.DESKTOP, b.PHONE):
        ctx = chromium.new_context(viewport=viewport)
        try:
            watch = b.Watch(base, path=path)
            page = watch.attach(ctx.new_page())
            page.goto(base + path, wait_until="load")
            cards = page.eval_on_selector_all(
                "#where-things-stand ~ .positions .position-card",
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.left, r.right]; })")
            assert len(cards) >= 3, cards
            if viewport is b.DESKTOP:
                assert cards[0][0] == cards[1][0] and cards[0][2] <= cards[1][1], cards  # side by side
                assert b.serious_violations(page) == []
            else:
                assert cards[1][0] > cards[0][0] and b.horizontal_overflow(page) == 0, cards
            contested = page.locator(".admonition.warning").first
            assert contested.is_visible() and "4,000" in contested.inner_text() and "1,500" in contested.inner_text()
            link = page.locator(".position-card a.src").first
            link.click()
            page.wait_for_url("**/briefings/**")
            state = page.evaluate("""() => { const t = document.querySelector(':target');
                return t && {cls: t.className, bg: getComputedStyle(t).backgroundColor}; }""")
            assert state and "sentence" in state["cls"] and state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state
            assert not watch.errors and not watch.warnings and not watch.foreign, (watch.errors, watch.warnings, watch.foreign)
        finally:
            ctx.close()
