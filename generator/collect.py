"""Bringing articles in: ``briefing add`` (a file or a URL) and ``briefing fetch`` (feeds).

New articles are written to the articles folder as ``.txt`` with YAML front
matter, never over an existing file, and refused when the same URL or the
same text is already there.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import ingest
from .output import atomic_write
from .render.pages import slugify

TIMEOUT = 20
"""Seconds to wait for a server before giving up on a URL."""

MAX_DOWNLOAD = 5_000_000
"""Bytes read from one URL at most."""

USER_AGENT = "briefing/0.1 (+https://github.com/)"


class CollectError(Exception):
    """A URL or file that could not be added; the message says why."""


@dataclass(frozen=True)
class Added:
    path: Path | None
    title: str
    skipped: str | None = None  # why it was not added (a duplicate)


def text_hash(text: str) -> str:
    """Identity of an article's text, blind to white space and case."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8", "surrogatepass")).hexdigest()


def known(articles_dir: Path) -> tuple[set[str], set[str]]:
    """URLs and text hashes of the articles already in the folder."""
    urls, hashes = set(), set()
    for path in ingest.find_articles([articles_dir]) if articles_dir.is_dir() else []:
        article, _ = ingest.read_article(path)
        if article is None:
            continue
        hashes.add(text_hash(article.text))
        if article.url:
            urls.add(article.url.rstrip("/"))
    return urls, hashes


def download(url: str) -> tuple[bytes, str]:
    """The body of ``url`` (capped) and its final URL; only http(s)."""
    if not re.match(r"https?://", url, re.I):
        raise CollectError(f"{url}: only http and https URLs can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked above)
            data = response.read(MAX_DOWNLOAD + 1)
            final = response.geturl()
    except OSError as exc:
        raise CollectError(f"{url}: cannot be fetched ({getattr(exc, 'reason', None) or exc})") from None
    if len(data) > MAX_DOWNLOAD:
        raise CollectError(f"{url}: larger than {MAX_DOWNLOAD:,} bytes")
    return data, final


def article_file(article, articles_dir: Path) -> Path:
    """A new file name that exists nowhere yet: date and title words."""
    stem = f"{article.published.isoformat() + '-' if article.published else ''}{slugify(article.title, 50)}"
    path = articles_dir / f"{stem}.txt"
    n = 2
    while path.exists():
        path = articles_dir / f"{stem}-{n}.txt"
        n += 1
    return path


def render_article(article) -> bytes:
    meta = {"title": article.title}
    if article.published:
        meta["published"] = article.published
    for key in ("source", "url"):
        if getattr(article, key):
            meta[key] = getattr(article, key)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n{article.text}\n".encode("utf-8")


def add(source: str, articles_dir: Path, published: dt.date | None = None,
        seen: tuple[set[str], set[str]] | None = None, meta: dict | None = None) -> Added:
    """Add one article from a file path or a URL to ``articles_dir``."""
    urls, hashes = seen if seen is not None else known(articles_dir)
    if re.match(r"[a-z][a-z0-9+.-]*://", source, re.I):
        if source.rstrip("/") in urls:
            return Added(None, source, skipped="this URL is already in the articles")
        data, final = download(source)
        name = final.rsplit("/", 1)[-1] or "index.html"
        if not name.lower().endswith((".html", ".htm", ".txt", ".md")):
            name += ".html"
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CollectError(f"{source}: cannot be read ({exc.strerror or exc})") from None
        name, final = path.name, None
    try:
        article, _problems = ingest.article_from_bytes(data, name, published)
    except ingest.IngestError as exc:
        raise CollectError(f"{source}: {exc}") from None
    fields = {"url": article.url or final}
    for key, value in (meta or {}).items():
        if value and not getattr(article, key, None):
            fields[key] = value
    article = dataclasses.replace(article, **{k: v for k, v in fields.items() if v})
    if article.url and article.url.rstrip("/") in urls:
        return Added(None, article.title, skipped="this URL is already in the articles")
    digest = text_hash(article.text)
    if digest in hashes:
        return Added(None, article.title, skipped="the same text is already in the articles")
    target = article_file(article, articles_dir)
    atomic_write(target, render_article(article))
    hashes.add(digest)
    if article.url:
        urls.add(article.url.rstrip("/"))
    return Added(target, article.title)


def feed_entries(feed_url: str) -> list[dict]:
    """Entries of an RSS or Atom feed: link, title, published date."""
    import feedparser

    data, _final = download(feed_url)
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise CollectError(f"{feed_url}: not a readable feed ({parsed.get('bozo_exception')})")
    out = []
    for e in parsed.entries:
        when = e.get("published_parsed") or e.get("updated_parsed")
        out.append({"link": e.get("link"), "title": e.get("title"),
                    "published": dt.date(*when[:3]) if when else None})
    return out


def fetch(feeds: list[str], articles_dir: Path) -> list[Added | CollectError]:
    """Add every new item of ``feeds``; one failing item or feed does not stop the rest."""
    seen = known(articles_dir)
    results: list[Added | CollectError] = []
    for feed in feeds:
        try:
            entries = feed_entries(feed)
        except CollectError as exc:
            results.append(exc)
            continue
        for entry in entries:
            if not entry["link"]:
                continue
            try:
                results.append(add(entry["link"], articles_dir, entry["published"], seen,
                                   meta={"title": entry["title"], "published": entry["published"]}))
            except CollectError as exc:
                results.append(exc)
    return results
