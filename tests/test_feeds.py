"""Feeds out: RSS and JSON Feed, newest first, escaped, and the same bytes for the same input."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import feedparser

from generator.render.feeds import FeedItem, json_feed, rss

ITEMS = [
    FeedItem("Truce agreed in Moscow", "generated/briefings/truce/", "Both sides agreed.", dt.date(2020, 10, 10)),
    FeedItem("Deal signed <script>x</script>", "generated/briefings/deal/", "Peacekeepers & a corridor.",
             dt.date(2020, 11, 10)),
    FeedItem("Undated note", "generated/briefings/note/", "No date.", None),
]


def test_rss_is_valid_and_newest_first():
    data = rss(ITEMS, "Briefings", "https://example.org/site/", "Sample")
    ET.fromstring(data)  # well-formed XML
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["Deal signed <script>x</script>", "Truce agreed in Moscow", "Undated note"]
    assert parsed.entries[0].link == "https://example.org/site/generated/briefings/deal/"
    assert b"<script>" not in data  # escaped in the XML


def test_json_feed_shape_and_order():
    feed = json.loads(json_feed(ITEMS, "Briefings", "https://example.org/site", "Sample"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]][:2] == ["Deal signed <script>x</script>", "Truce agreed in Moscow"]
    assert feed["items"][0]["date_published"].startswith("2020-11-10")
    assert "date_published" not in feed["items"][2]


def test_feeds_are_reproducible():
    assert rss(ITEMS, "B", "https://e.org/", "d") == rss(list(reversed(ITEMS)), "B", "https://e.org/", "d")
    assert json_feed(ITEMS, "B", "https://e.org/", "d") == json_feed(ITEMS, "B", "https://e.org/", "d")
