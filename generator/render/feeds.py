"""Feeds out: RSS 2.0 and JSON Feed 1.1 of the briefings (and stories), newest first.

Feeds need absolute links, so they are written only when ``site_url`` is set in
mkdocs.yml. Their dates come from the articles, never from the clock, so the
same input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

LIMIT = 50
"""Items per feed: readers only want the recent ones."""


@dataclass(frozen=True)
class FeedItem:
    title: str
    path: str  # site path of the page, e.g. "generated/briefings/x/"
    summary: str
    published: dt.date | None
    kind: str = "briefing"  # briefing | story


def _when(day: dt.date | None) -> dt.datetime:
    day = day or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc)


def newest_first(items: list[FeedItem]) -> list[FeedItem]:
    return sorted(items, key=lambda i: (i.published or dt.date.min, i.path), reverse=True)[:LIMIT]


def rss(items: list[FeedItem], site_name: str, site_url: str, description: str) -> bytes:
    from feedgen.feed import FeedGenerator

    items = newest_first(items)
    fg = FeedGenerator()
    fg.title(site_name)
    fg.link(href=site_url, rel="alternate")
    fg.description(description or site_name)
    fg.language("en")
    fg.generator("briefing")
    fg.lastBuildDate(_when(items[0].published if items else None))
    for item in reversed(items):  # feedgen prepends each entry
        fe = fg.add_entry()
        url = site_url.rstrip("/") + "/" + item.path
        fe.id(url)
        fe.guid(url, permalink=True)
        fe.title(item.title)
        fe.link(href=url)
        fe.description(item.summary)
        fe.category(term=item.kind)
        fe.pubDate(_when(item.published))
    return fg.rss_str(pretty=True)


def json_feed(items: list[FeedItem], site_name: str, site_url: str, description: str) -> bytes:
    base = site_url.rstrip("/") + "/"
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site_name,
        "home_page_url": base,
        "feed_url": base + "generated/feed.json",
        "description": description or site_name,
        "language": "en",
        "items": [
            {"id": base + i.path, "url": base + i.path, "title": i.title, "content_text": i.summary,
             "tags": [i.kind], **({"date_published": _when(i.published).isoformat()} if i.published else {})}
            for i in newest_first(items)
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
