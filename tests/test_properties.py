"""Property-based: arbitrary text never crashes ingest or extraction, and every offset points inside the text."""
from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import ingest
from generator.export import facts_to_json
from generator.render.text import md_text

SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])

WORDS = ["Armenia", "Azerbaijan", "Baku", "Yerevan", "Stepanakert", "said", "\u201c", "\u201d", '"', "'", "on",
         "Monday", "October", "10", "2020", "killed", "12", "per cent", "Pashinyan", "Aliyev", "ceasefire", ".",
         "\n", "\n\n", "Russia", "Moscow", "President", "told", "reporters", "the", "of", "<script>", "`", "--", "#"]
news_like = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.md", "a.txt", "a.html", "a"]))
def test_any_bytes_give_an_article_or_an_ingest_error(data, name):
    try:
        article, problems = ingest.article_from_bytes(data, name)
    except ingest.IngestError as exc:
        assert str(exc)
        return
    assert article.text and article.text == article.text.strip()
    assert "\x00" not in article.text and "\r" not in article.text
    assert all("\n" not in str(p) for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_md_text_is_one_line_without_markup_characters(value):
    out = str(md_text(value))
    assert "\n" not in out
    bare = re.sub(r"&#\d+;", "", out)  # what is left besides character references
    assert not any(c in bare for c in "<>[]`*_{}|!#&\\:=")
    shown = "".join(c for c in " ".join(value.split()) if not (0xD800 <= ord(c) < 0xE000 or 0xFDD0 <= ord(c) < 0xFDF0
                    or ord(c) in (0xFFFE, 0xFFFF) or unicodedata.category(c) == "Cc"))
    assert html.unescape(out) == " ".join(shown.split())  # the reader sees the text (bar what HTML cannot carry)


@SLOW
@given(any_text)
def test_extraction_never_crashes_and_offsets_point_inside_the_text(nlp, text):
    from generator.extract import extract

    try:
        article, _problems = ingest.article_from_bytes(text.encode("utf-8", "surrogatepass"), "p.txt")
    except ingest.IngestError:
        return
    facts = extract(nlp(article.text), article)
    n = len(article.text)
    out = facts_to_json(facts)
    spans = [(s.start, s.end) for s in facts.sentences]
    spans += [tuple(m) for p in out["parties"] + out["places"] for m in p["mentions"]]
    spans += [(x["start"], x["end"]) for k in ("quotes", "positions", "timeline", "figures") for x in out[k]]
    spans += [tuple(s) for s in facts.summary]
    for start, end in spans:
        assert 0 <= start <= end <= n, (start, end, n)
    for q in out["quotes"]:
        assert q["start"] < q["end"]


ANY_CHARACTER = st.characters(blacklist_categories=())  # surrogates and non-characters included
any_unicode = st.text(alphabet=ANY_CHARACTER, min_size=1, max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=any_unicode, body=any_unicode, tag=any_unicode, source=any_unicode)
def test_every_string_the_site_writes_is_clean_whatever_the_article_holds(tmp_path_factory, title, body, tag, source):
    """Front matter (as YAML escapes, so any code point reaches the loader) and body over all of
    Unicode: the article's strings, and the feeds, pages and JSON made of them, hold nothing XML,
    UTF-8 or a reader's eye cannot take (feedgen raised on U+FFFF and stopped every build)."""
    import json
    import xml.etree.ElementTree as ET

    from generator import clean
    from generator.model import Facts, Sentence
    from generator.render import feeds, pages

    head = "\n".join(f"{k}: {json.dumps(v)}" for k, v in (("title", title), ("source", source)))
    data = (f"---\n{head}\ntags: [{json.dumps(tag)}]\npublished: 2020-10-12\n---\nOfficials said. ".encode()
            + body.encode("utf-8", "surrogatepass") + " The talks went on.".encode())
    try:
        article, _problems = ingest.article_from_bytes(data, "fuzz.md")
    except ingest.IngestError:
        return
    for value in (article.title, article.text, article.source or "", *article.tags):
        assert not clean.UNSAFE.search(value)
        value.encode("utf-8")  # strict: no lone surrogate left
    facts = Facts(article=article, sentences=[Sentence(0, len(article.text))], summary=[(0, len(article.text))])
    item = feeds.FeedItem(article.title, "generated/briefings/x/", facts.summary_sentences()[0], article.published)
    ET.fromstring(feeds.rss([item], article.title, "https://example.org/", article.source or ""))
    json.loads(feeds.json_feed([item], article.title, "https://example.org/", article.source or ""))
    json.dumps(facts_to_json(facts), ensure_ascii=False).encode("utf-8")
    env = pages.environment(ROOT_TEMPLATES)
    for rel, page in pages.render_site([facts], env, "generated").files.items():
        if rel.endswith((".md", ".html", ".json", ".js", ".xml")):  # not the images and fonts
            assert not clean.UNSAFE.search(page.decode("utf-8")), rel


ROOT_TEMPLATES = __import__("pathlib").Path(__file__).resolve().parent.parent / "templates"
