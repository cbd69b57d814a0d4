"""`briefing add` and `briefing fetch` against pages and a feed served on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from generator import collect, ingest

PAGE = """<!doctype html><html><head><title>Truce holds in Karabakh</title>
<meta property="og:title" content="Truce holds in Karabakh">
<meta name="date" content="2020-10-27"></head>
<body><nav>Home | World | Sport</nav><article><h1>Truce holds in Karabakh</h1>
<p>STEPANAKERT — A ceasefire brokered in Washington held for most of Monday, officials in Baku and Yerevan said,
although both sides reported scattered shelling near the town of Terter in the afternoon.</p>
<p>The United States secretary of state had met the foreign ministers of Armenia and Azerbaijan separately on
Friday before the truce was announced on Sunday evening.</p>
<p>Sample text written for the briefing tests.</p></article><footer>Contact us</footer></body></html>"""

SECOND = PAGE.replace("Truce holds", "Shelling resumes").replace("held for most of Monday", "broke down on Tuesday")

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sample desk</title><link>{base}</link>
<description>Sample</description>
<item><title>Truce holds in Karabakh</title><link>{base}/truce.html</link><pubDate>Tue, 27 Oct 2020 09:00:00 GMT</pubDate></item>
<item><title>Shelling resumes in Karabakh</title><link>{base}/second.html</link><pubDate>Wed, 28 Oct 2020 09:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing.html</link></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "truce.html").write_text(PAGE)
    (root / "second.html").write_text(SECOND)
    (root / "feed.xml").write_text(FEED.format(base=base))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def articles_in(folder: Path):
    return [ingest.read_article(p)[0] for p in ingest.find_articles([folder])]


def test_add_url_writes_an_article_with_front_matter(server, tmp_path):
    added = collect.add(f"{server}/truce.html", tmp_path)
    assert added.path is not None and added.path.parent == tmp_path and added.path.suffix == ".txt"
    (article,) = articles_in(tmp_path)
    assert article.title == "Truce holds in Karabakh"
    assert article.url == f"{server}/truce.html"
    assert "Terter" in article.text and "Contact us" not in article.text


def test_add_refuses_the_same_url_and_the_same_text(server, tmp_path):
    first = collect.add(f"{server}/truce.html", tmp_path)
    again = collect.add(f"{server}/truce.html", tmp_path)
    assert first.path and again.path is None and "URL" in again.skipped
    copy = tmp_path.parent / "copy.txt"
    copy.write_text(first.path.read_text().split("---\n", 2)[2])
    dup = collect.add(str(copy), tmp_path)
    assert dup.path is None and "same text" in dup.skipped
    assert len(list(tmp_path.iterdir())) == 1


def test_add_never_overwrites(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("---\ntitle: Same title\npublished: 2020-10-10\n---\nArmenia and Azerbaijan met in Moscow.")
    other = tmp_path / "in2.txt"
    other.write_text("---\ntitle: Same title\npublished: 2020-10-10\n---\nThe talks went on for ten hours.")
    out = tmp_path / "articles"
    out.mkdir()
    a = collect.add(str(src), out)
    b = collect.add(str(other), out)
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_unreachable_url_is_a_clear_error(tmp_path):
    with pytest.raises(collect.CollectError, match="cannot be fetched"):
        collect.add("http://127.0.0.1:9/nothing.html", tmp_path)
    with pytest.raises(collect.CollectError, match="only http"):
        collect.add("file:///etc/passwd", tmp_path)


def test_fetch_adds_new_items_once(server, tmp_path):
    results = collect.fetch([f"{server}/feed.xml"], tmp_path)
    added = [r for r in results if isinstance(r, collect.Added) and r.path]
    errors = [r for r in results if isinstance(r, collect.CollectError)]
    assert len(added) == 2 and len(errors) == 1 and "missing.html" in str(errors[0])
    titles = sorted(a.title for a in articles_in(tmp_path))
    assert titles == ["Shelling resumes in Karabakh", "Truce holds in Karabakh"]
    again = collect.fetch([f"{server}/feed.xml"], tmp_path)
    assert not [r for r in again if isinstance(r, collect.Added) and r.path]
