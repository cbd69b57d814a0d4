"""The demo site built by every site engine (`briefing build --engine ...`) and read in Chromium: the same
pages, no article published as it is, maps with their markers, search that finds a word of a quote, no page
error and no request to another host (map tiles aside).

The demo's pages are generated once; each engine builds them once (a module fixture per engine), and
every test of that engine reads that one build. An engine that is not installed is skipped, saying so
(`make test` installs them all, through the `engines` extra).
"""
from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import browser as b  # tests/browser.py
from conftest import ROOT, make_project
from generator import engines

DEMO = ROOT / "content" / "articles"
TAGS_INDEX = {"mkdocs", "properdocs"}  # the engines that list every tag on the tags page (README: engines)
NAV = ["generated/", "generated/parties/", "generated/places/", "generated/timeline/", "generated/tags/"]


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The demo project with its pages generated (`briefing build --no-site`), shared by every engine."""
    root = make_project(tmp_path_factory.mktemp("demo"), DEMO)
    proc = run_cli(root, "build", "--no-site")
    assert proc.returncode == 0, proc.stderr
    return root


@dataclass
class Built:
    engine: engines.Engine
    root: Path
    seconds: float

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture(scope="module", params=list(engines.ENGINES))
def built(request, generated, tmp_path_factory) -> Built:
    engine = engines.ENGINES[request.param]
    if why := engines.missing(engine):
        pytest.skip(why)
    root = tmp_path_factory.mktemp(engine.name) / "project"
    shutil.copytree(generated, root)
    t0 = time.perf_counter()
    proc = run_cli(root, "build", "--engine", engine.name, "--strict")
    assert proc.returncode == 0, proc.stderr
    assert f"site built in {root / 'site'} ({engine.name})" in proc.stderr
    assert (root / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()  # never rewritten
    return Built(engine, root, time.perf_counter() - t0)


def briefings(site: Path) -> list[str]:
    return sorted(f"generated/briefings/{p.parent.name}/" for p in (site / "generated" / "briefings").glob("*/index.html"))


def a_quote_word(site: Path) -> tuple[str, str]:
    """A briefing and the longest word of its first quote (read from the built page)."""
    for path in briefings(site):
        page = (site / path / "index.html").read_text(encoding="utf-8")
        quote = re.search(r"<blockquote>(.*?)</blockquote>", page, re.S)
        if quote:
            text = html_lib.unescape(re.sub(r"<[^>]+>", " ", quote.group(1)))
            words = sorted(re.findall(r"[A-Za-z]{6,}", text), key=lambda w: (-len(w), w))
            return path, words[0]
    raise AssertionError("no briefing quotes anyone")


def test_every_briefing_is_published_and_no_article_is(built):
    site = built.site
    generated_pages = sorted((built.root / "content" / "generated" / "briefings").glob("*.md"))
    assert len(briefings(site)) == len(generated_pages) == len(list(DEMO.glob("2*.md")))
    assert not (site / "articles").exists()
    stems = {p.stem for p in DEMO.glob("2*.md")}
    assert not [p for p in site.rglob("*") if p.stem in stems or p.name in stems]
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in NAV:  # the navigation of mkdocs.yml, over the generated index pages
        assert (site / path / "index.html").is_file(), path
        assert re.search(rf'href="(\./|/)?{re.escape(path)}"', home), path
    assert (site / "generated" / "feed.xml").is_file() and (site / "generated" / "feed.json").is_file()
    first = (site / briefings(site)[0] / "index.html").read_text(encoding="utf-8")
    assert first.count('class="md-tag') >= 3  # a briefing's tags, shown by the theme
    tags = (site / "generated" / "tags" / "index.html").read_text(encoding="utf-8")
    # the index of tags: Material's tags plugin fills it; Zensical 0.0.30 leaves the page as written
    assert (tags.count('class="md-tag') >= 5) == (built.engine.name in TAGS_INDEX)


def test_the_theme_overrides_and_the_stylesheet_are_applied(built):
    site = built.site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="color-scheme" content="light dark">' in home  # overrides/main.html
    assert "Search the briefings" in home
    assert "stylesheets/briefing.css" in home
    assert (site / "stylesheets" / "briefing.css").read_bytes() == (ROOT / "content" / "stylesheets" / "briefing.css").read_bytes()


# --- in Chromium -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    why = b.available()
    if why:
        pytest.skip(why)
    with b.launched() as browser:
        yield browser


@pytest.fixture
def visit(built, chromium):
    """Open a path of the built site in a fresh page; returns (page, watch, base)."""
    contexts = []
    with b.serve(built.site) as base:
        def run(path: str):
            ctx = chromium.new_context(viewport=b.DESKTOP)
            contexts.append(ctx)
            watch = b.Watch(base, path=path)
            page = watch.attach(ctx.new_page())
            page.goto(base + path, wait_until="load")
            return page, watch, base

        yield run
        for ctx in contexts:
            ctx.close()


@pytest.mark.browser
def test_briefing_maps_show_a_marker_per_place(built, visit):
    for path in briefings(built.site)[:3]:  # tests/test_browser.py reads every map of the MkDocs site
        page, watch, _ = visit(path)
        places = page.locator("ul.place-list li").count()
        assert places > 0, path
        iframe = page.locator("iframe.briefing-map")
        iframe.scroll_into_view_if_needed()
        frame = iframe.element_handle().content_frame()
        frame.wait_for_selector("path.place-marker", state="attached", timeout=15000)
        assert frame.locator("path.place-marker").count() == places, path
        assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


@pytest.mark.browser
def test_search_finds_a_word_of_a_quote(built, visit):
    path, word = a_quote_word(built.site)
    page, watch, base = visit("")
    hrefs = b.search(page, word, b.SEARCH_WIDGETS[built.engine.name])
    assert any(h.startswith(base + path) for h in hrefs), (word, path, hrefs)
    assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


@pytest.mark.browser
def test_pages_without_errors_or_requests_to_other_hosts(built, chromium):
    site = built.site
    maps = sorted(p.relative_to(site).as_posix() for p in (site / "generated" / "maps").glob("*.html"))
    paths = ["", *NAV, *briefings(site)[:2], maps[0]]
    with b.serve(site) as base:
        ctx = chromium.new_context(viewport=b.PHONE)
        page = ctx.new_page()
        watch = b.Watch(base)
        watch.attach(page)
        try:
            for path in paths:
                watch.path = path
                response = page.goto(base + path, wait_until="load")
                assert response.ok, path
                page.wait_for_timeout(150)
        finally:
            ctx.close()
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign


def title_of(article: Path) -> str:
    return html_lib.escape(re.search(r"^title: *(.+)$", article.read_text(encoding="utf-8"), re.M).group(1)
                           .strip().strip("\"'"), quote=False)


# --- serving, for an engine that does not run the plugin ---------------------------------------


@pytest.mark.slow
def test_zensical_serve_regenerates_when_an_article_is_added(generated, tmp_path):
    from test_serve import free_port, get, wait_for

    engine = engines.ENGINES["zensical"]
    if why := engines.missing(engine):
        pytest.skip(why)
    root = tmp_path / "project"
    shutil.copytree(generated, root)
    added = sorted((root / "content" / "articles").glob("2*.md"))[-1]
    kept = tmp_path / added.name
    added.rename(kept)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--engine", "zensical", "-a",
                             f"127.0.0.1:{port}"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        linked = lambda page: set(re.findall(r'href="briefings/([^"/]+)/"', page or ""))  # noqa: E731
        # until its first build is done the server answers every address with its 404 page
        first = wait_for(lambda: (lambda page: page if linked(page) else None)(get(f"{base}/generated/")), 120)
        assert first is not None, "the server did not come up"
        briefings_before = linked(first)
        other = sorted((root / "content" / "articles").glob("2*.md"))[0]
        page = get(f"{base}/articles/{other.stem}/")  # articles are not pages here either (its server answers
        assert page is None or title_of(other) not in page  # an unknown address with its 404 page, status 200)
        assert not (root / "site" / "articles").exists()
        kept.rename(added)
        title = title_of(added)
        updated = wait_for(lambda: (lambda page: page if page and title in page else None)(
            get(f"{base}/generated/")), 120)
        assert updated, "the new article's briefing did not appear"
        assert linked(updated) > briefings_before
    finally:
        b.stop(proc, 15)
    assert root.joinpath("mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
