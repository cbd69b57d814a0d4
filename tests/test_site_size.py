"""Site size: pages and maps lose the templates' indentation, never what a reader sees."""
from __future__ import annotations

from generator.render.text import squeeze_html


def test_indentation_and_blank_lines_go():
    html = "<ul>\n    <li>\n\n      <a href='x'>Home</a>\n    </li>\n</ul>\n"
    assert squeeze_html(html) == "<ul>\n<li>\n<a href='x'>Home</a>\n</li>\n</ul>\n"


def test_runs_without_a_line_break_and_verbatim_blocks_stay():
    html = ("<p>two  spaces</p>\n  <pre>  code\n    indented\n</pre>\n  <textarea>\n  a\n</textarea>"
            "\n  <script>\n  var s = 'x';\n</script>\n  <style>\n  a { b: c }\n</style>")
    out = squeeze_html(html)
    assert "two  spaces" in out
    assert "<pre>  code\n    indented\n</pre>" in out and "<textarea>\n  a\n</textarea>" in out
    assert "<script>\n  var s = 'x';\n</script>" in out and "<style>\n  a { b: c }\n</style>" in out
    # in documents whose scripts we wrote, scripts and styles lose their indentation too
    ours = squeeze_html(html, scripts=True)
    assert "<script>\nvar s = 'x';\n</script>" in ours and "<pre>  code\n    indented\n</pre>" in ours


def test_search_index_holds_each_text_once(built_site):
    """Pages and sections that gather what briefings say stay out of the search index; the briefings'
    own words stay in it."""
    import json

    site = built_site / "site"
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    where = {d["location"] for d in docs}
    assert any(w.startswith("generated/briefings/") and w.endswith("#summary") for w in where)
    assert not [w for w in where if w.startswith(("generated/timeline/", "generated/tags/"))]
    assert not [w for w in where if w.startswith("generated/briefings/") and w.endswith(("#parties", "#sources"))]
    assert any(w.startswith("generated/briefings/") and w.endswith("#map") for w in where)  # place names stay findable
    assert (site / "generated" / "places" / "index.html").is_file()


def test_built_pages_are_squeezed(built_site):
    page = next((built_site / "site" / "generated" / "briefings").glob("*/index.html")).read_text()
    assert "\n  " not in page.split("<script", 1)[0]  # no indented lines before the first script


def test_page_icons_are_our_small_ones(built_site):
    """Every page carries the theme's icons inline (logo, menu, search, palette, back to top): ours are
    a third of the theme's bytes."""
    import re

    page = next((built_site / "site" / "generated" / "briefings").glob("*/index.html")).read_text()
    icons = re.findall(r"<svg\b.*?</svg>", page, re.S)
    assert len(icons) >= 8 and sum(map(len, icons)) < 1500
    assert not (built_site / "site" / ".icons").exists()  # the icon sources are not served


def test_map_files_hold_data_not_per_marker_code(built_site):
    """A folium marker, popup and tooltip take about 800 bytes of code per place; ours take a row of data."""
    maps = list((built_site / "site" / "generated" / "maps").glob("*.html"))
    texts = [m.read_text() for m in maps]
    assert texts and all("L.circleMarker(" not in t for t in texts)
    assert any("briefingPlaces(" in t for t in texts)


def test_theme_files_no_reader_loads_are_left_out(built_site):
    site = built_site / "site"
    assert not list(site.rglob("*.map"))
    assert not (site / "assets" / "javascripts" / "lunr" / "wordcut.js").exists()
    assert (site / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").exists() or \
        list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


def test_other_search_languages_keep_their_support(tmp_path):
    from generator.plugin import slim_theme_assets

    lunr = tmp_path / "assets" / "javascripts" / "lunr"
    (lunr / "min").mkdir(parents=True)
    for name in ["min/lunr.de.min.js", "min/lunr.fr.min.js", "min/lunr.stemmer.support.min.js",
                 "min/lunr.multi.min.js", "wordcut.js", "tinyseg.js"]:
        (lunr / name).write_text("x")
    (tmp_path / "assets" / "javascripts" / "bundle.min.js.map").write_text("{}")
    (tmp_path / "assets" / "regions.map").write_text("a file of the site's own that merely ends in .map")
    slim_theme_assets(tmp_path, ["en", "de"])
    left = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js"))
    assert left == ["min/lunr.de.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"]
    assert not (tmp_path / "assets" / "javascripts" / "bundle.min.js.map").exists()
    assert (tmp_path / "assets" / "regions.map").exists()
