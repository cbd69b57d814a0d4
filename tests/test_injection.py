"""Hostile articles (tests/fixtures/hostile/) can never run script, add elements or choose paths.

Every payload in the fixtures sets ``window.__pwned``; the browser test opens every page of
a site built from them (maps included) and checks that it stayed undefined.
"""
from __future__ import annotations

import html
import html.parser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from browser import ARGS, CHROMIUM, available, serve
from conftest import FIXTURES, make_project, map_places
from generator.render.text import attr, html_text, md_text, meta_text

HOSTILE = FIXTURES / "hostile"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "footnotes", "abbr", "def_list",
              "pymdownx.snippets", "pymdownx.details", "pymdownx.superfences", "pymdownx.magiclink"]

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    "<svg onload=window.__pwned=1></svg>",
    "[click](javascript:window.__pwned=1)",
    "![x](javascript:window.__pwned=1)",
    "<http://example.com> https://example.com www.example.com",
    "{{ config.site_name }} {% include 'base.html' %}",
    '!!! danger "<b>x</b>"',
    '--8<-- "/etc/passwd"',
    '{: onclick="window.__pwned = 1" }',
    "* item\n1. item\n# heading\n> quote\n---\n| a | b |",
    "</title><script>window.__pwned = 1</script>",
    "**bold** _em_ `code` ~~del~~ ==mark== ^^ins^^ [^1] *[HTML]: x &amp; &lt; &#60; \\<",
    '" onmouseover="window.__pwned = 1" x="',
    "' onmouseover='window.__pwned = 1' x='",
]


class Tags(html.parser.HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parsed(fragment: str) -> Tags:
    t = Tags()
    t.feed(fragment)
    t.close()
    return t


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_text_renders_as_the_same_literal_text(payload):
    rendered = markdown.markdown(f"Said: {md_text(payload)}", extensions=EXTENSIONS)
    t = parsed(rendered)
    assert t.tags == ["p"] and t.attrs == []
    assert "".join(t.text) == "Said: " + " ".join(payload.split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_html_blocks_and_attributes_stays_text(payload):
    block = f'<div class="x">\n<p><span id="s-1">{html_text(payload)}</span></p>\n</div>'
    rendered = markdown.markdown(block, extensions=EXTENSIONS)
    t = parsed(rendered)
    assert t.tags == ["div", "p", "span"] and t.attrs == [("class", "x"), ("id", "s-1")]
    assert "".join(t.text).strip() == " ".join(payload.split())
    t = parsed(f'<a title="{attr(payload)}" href="#x">y</a>')
    assert t.attrs == [("title", " ".join(payload.split())), ("href", "#x")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_meta_text_is_a_quoted_yaml_string_with_no_markup(payload):
    import yaml

    value = yaml.safe_load(f"title: {meta_text(payload)}")["title"]
    assert not re.search(r"[<>\"`]", value)
    assert not re.search(r"[<>\"`]", html.unescape(value))  # what Jinja's striptags does to a title
    assert parsed(f'<meta content="{value}">').attrs == [("content", value)]


# ---- a site built from the hostile fixtures ------------------------------------------------

BAD_FILES = {
    "empty.md": b"",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "broken-front-matter.md": b"---\ntitle: [unclosed\n---\nOfficials in Baku said the truce held.\n",
    "nothing-here.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
}


def _mkdocs(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    for name, data in BAD_FILES.items():  # made here, not committed: bad files next to the hostile ones
        (root / "content" / "articles" / name).write_bytes(data)
    before = {p.name: p.read_bytes() for p in (root / "content" / "articles").iterdir()}
    proc = _mkdocs(root)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return root, before, proc


def test_hostile_site_builds_strict_and_warns_on_our_logger(hostile_site):
    _root, _before, proc = hostile_site
    lines = [line for line in proc.stderr.splitlines() if line.startswith("briefing: warning:")]
    assert any("already used" in line for line in lines)  # the two articles with the same id
    for name in BAD_FILES:  # one line each, naming the file, the problem and what was done
        mine = [line for line in lines if f"content/articles/{name}: " in line]
        assert len(mine) == 1 and mine[0].endswith("skipped it"), (name, lines)


def test_articles_are_left_as_they_were(hostile_site):
    root, before, _ = hostile_site
    assert {p.name: p.read_bytes() for p in (root / "content" / "articles").iterdir()} == before


def test_every_article_has_its_own_page_inside_the_generated_folder(hostile_site):
    root, before, _ = hostile_site
    generated = root / "content" / "generated"
    pages = sorted((generated / "briefings").glob("*.md"))
    assert len(pages) == len(before) - len(BAD_FILES)  # twins, CON and con, traversal ids: none lost
    assert len({p.name.lower() for p in pages}) == len(pages)  # unique even on case-insensitive disks
    for p in pages:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,70}\.md", p.name), p.name
        assert p.stem.split("-")[0] not in ("con", "nul", "aux", "prn") or "-" in p.stem
    assert not (root / "site" / "articles").exists()  # articles (an .html one too) are inputs, never served
    # nothing written outside the project's content folder, nothing named after a payload path
    assert not (root / "etc").exists() and not (root.parent / "etc").exists()
    made = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert all(m.startswith(("content/", "site/", ".cache/", "templates/", "overrides/")) or m == "mkdocs.yml"
               for m in made)


def test_no_payload_reaches_the_html_as_markup(hostile_site):
    root, _, _ = hostile_site
    for page in (root / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tags = parsed(text)
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I):
            # a map's places are data: article text only inside its JSON strings, checked below
            code = re.sub(r"briefingPlaces\(\w+, \[.*?\]\);\n", "", body)
            assert not re.search(r"__pwned\s*=|<(img|svg|script|iframe)\b", code, re.I), page
        for place in map_places(text):  # a popup is our markup and escaped text, nothing else
            popup = parsed(place[4])
            assert set(popup.tags) <= {"strong", "a", "small", "ul", "li", "p"}, page
            assert {k for k, _ in popup.attrs} <= {"href", "target", "class"}, page
            assert all(v.startswith("../") for k, v in popup.attrs if k == "href"), page  # our own pages
        assert not any(k.startswith("on") and "pwned" in (v or "") for k, v in tags.attrs), page
        assert not any(k in ("href", "src") and (v or "").strip().lower().startswith("javascript:")
                       for k, v in tags.attrs), page
        assert "<script>window.__pwned" not in text, page
        assert "root:x:0:0" not in text  # no snippet include of /etc/passwd


def test_jinja_and_snippets_in_articles_are_not_evaluated(hostile_site):
    root, _, _ = hostile_site
    page = next((root / "site" / "generated" / "briefings").glob("config-site-name*/index.html")).read_text()
    text = " ".join("".join(parsed(page).text).split())
    assert "{{ 7*7 }}" in text and "{{ config.site_name }}" in text  # shown, not evaluated
    assert '--8<-- "/etc/passwd"' in text


def test_strict_option_fails_the_build_without_a_traceback(hostile_site, tmp_path):
    root, _, _ = hostile_site
    copy = tmp_path / "strict"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site"))
    config = (copy / "mkdocs.yml").read_text()
    (copy / "mkdocs.yml").write_text(re.sub(r"( *)- briefing:\n", r"\g<0>\1    strict: true\n", config, count=1))
    proc = _mkdocs(copy)
    assert proc.returncode != 0
    assert "strict mode" in proc.stderr and "Traceback" not in proc.stderr


# ---- in a real browser ---------------------------------------------------------------------

FOUND = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value || '';
      if (a.name.startsWith('on') && v.includes('pwned')) bad.push(el.tagName + '[' + a.name + ']');
      if (/^(href|src|action|formaction|xlink:href|data)$/.test(a.name) && /^\\s*javascript:/i.test(v)) bad.push(el.tagName + '[' + a.name + ']');
    }
    // a map's places are data (article text inside JSON strings, checked by test_no_payload_reaches_the_html_as_markup)
    const code = (el.textContent || '').replace(/briefingPlaces\\(\\w+, \\[.*?\\]\\);\\n/s, '');
    if (el.tagName === 'SCRIPT' && /__pwned\\s*=/.test(code)) bad.push('script');
  }
  for (const sel of ['img[onerror]', 'svg[onload]', 'a[href^="javascript"]', 'iframe[src^="javascript"]', '[onmouseover]', '[onclick]'])
    if (document.querySelector(sel)) bad.push(sel);
  return bad;
}"""


OPEN_POPUPS = """() => {
  const bad = [];
  let opened = 0;
  for (const marker of document.querySelectorAll('path.place-marker')) {
    marker.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    opened += document.querySelectorAll('.leaflet-popup-content').length;
    bad.push(...(FOUND)());
  }
  return [opened, bad];
}"""


@pytest.mark.browser
def test_no_injected_script_runs_in_a_browser(hostile_site):
    if available():
        pytest.skip(available())
    from playwright import sync_api
    root, _, _ = hostile_site
    site = root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    assert any(p.startswith("generated/maps/") for p in pages) and len(pages) > 10
    with serve(site) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort())  # offline: tiles too
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        checked = popups = 0
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.mouse.move(300, 300)  # would fire a mouseover payload
            for frame in page.frames:  # the page and its map iframes
                frame.wait_for_load_state("load")
                assert frame.evaluate("typeof window.__pwned") == "undefined", f"script ran in {path} ({frame.url})"
                assert frame.evaluate(FOUND) == [], f"payload element in {path} ({frame.url})"
                # each place's popup, opened in turn: its article text must stay text
                opened, bad = frame.evaluate(OPEN_POPUPS.replace("FOUND", FOUND))
                assert bad == [], f"payload in a popup of {frame.url}"
                popups += opened
                checked += 1
        page.goto(base + "index.html", wait_until="load")  # search results show article text too
        page.keyboard.press("/")
        page.keyboard.type("pwned script onerror")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        assert page.evaluate("typeof window.__pwned") == "undefined" and page.evaluate(FOUND) == []
        assert not dialogs
        assert checked > len(pages) and popups > 0  # map iframes and their popups were checked too
        browser.close()
