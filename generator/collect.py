"""Bringing articles in: ``briefing add`` (a file or a URL) and ``briefing fetch`` (feeds).

New articles are written to the articles folder as ``.txt`` with YAML front
matter, never over an existing file, and refused when the same URL or the
same text is already there.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import http.client
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import clean, ingest
from .output import atomic_write
from .slugs import slugify

TIMEOUT = 20
"""Seconds to wait for each answer of a server (connecting, each read)."""

DEADLINE = 60
"""Seconds one whole download may take, headers and body: a server that sends a byte every few
seconds never trips :data:`TIMEOUT`, so the connection is closed at this deadline."""

MAX_DOWNLOAD = 5_000_000
"""Bytes read from one URL at most."""

MAX_FEED_ITEMS = 200
"""New articles one ``briefing fetch`` adds at most (``--max-items`` raises it): a feed of 10,000
items is a mistake or an attack, not a day's news."""

SCHEMES = ("http", "https")
"""What a URL to download, a redirect or a feed item's link may be. Never a local file: adding one is
what a user asks for on the command line, never something a feed or a server can ask for."""

USER_AGENT = "briefing/0.1 (+https://github.com/)"


class CollectError(Exception):
    """A URL or file that could not be added; the message (one line) says why."""

    def __init__(self, message: str):
        super().__init__(clean.one_line(message))


class LeftForLater(CollectError):
    """Not a failure: the run reached its cap of new items, and the next run brings the rest."""


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


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


class _Deadline:
    """Closes every socket of one download when its time is up, wherever the download is waiting."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def watch(self, sock: socket.socket) -> socket.socket:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _watched(base, deadline: _Deadline):
    """``base`` (HTTPConnection or HTTPSConnection) whose sockets ``deadline`` can close."""

    class Watched(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = lambda *a, **k: deadline.watch(socket.create_connection(*a, **k))

    return Watched


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) URLs only (urllib's own handler follows ftp: too)."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("location") or headers.get("uri")
        if target and not is_web_url(urllib.parse.urljoin(req.full_url, target.strip())):
            raise urllib.error.URLError(f"redirected to {target[:200]}, which is not an http(s) URL")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """An opener that knows http and https only (no file:, ftp: or data:), under ``deadline``."""
    http_conn = _watched(http.client.HTTPConnection, deadline)
    https_conn = _watched(http.client.HTTPSConnection, deadline)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(http_conn, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(https_conn, req, context=self._context)

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), HTTP(), HTTPS(),
                    urllib.request.HTTPDefaultErrorHandler(), _WebOnlyRedirects(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def download(url: str, deadline: float = DEADLINE) -> tuple[bytes, str]:
    """The body of ``url`` (capped) and its final URL; only http(s), redirects included, and all
    of it within ``deadline`` seconds."""
    if not is_web_url(url):
        raise CollectError(f"{url}: only http and https URLs can be fetched")
    watch = _Deadline(deadline)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    watch.timer.start()
    try:
        with _opener(watch).open(request, timeout=TIMEOUT) as response:
            chunks, size = [], 0
            while size <= MAX_DOWNLOAD and not watch.expired:
                chunk = response.read(min(65536, MAX_DOWNLOAD + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            data, final = b"".join(chunks), response.geturl()
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watch.expired:
            raise CollectError(f"{url}: took longer than {deadline:g} s; gave up") from None
        raise CollectError(f"{url}: cannot be fetched ({getattr(exc, 'reason', None) or exc})") from None
    finally:
        watch.timer.cancel()
    if watch.expired:
        raise CollectError(f"{url}: took longer than {deadline:g} s; gave up")
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


def render_article(article, name: str | None = None) -> bytes:
    """The article as a file with its front matter: everything the user's file said that the site
    uses (its tags, and an ``id:`` it gave, the one ingest did not make from ``name``) is kept."""
    meta = {"title": article.title}
    if article.published:
        meta["published"] = article.published
    for key in ("source", "url"):
        if getattr(article, key):
            meta[key] = getattr(article, key)
    if article.tags:
        meta["tags"] = list(article.tags)
    if name is not None and article.id != ingest.article_id(article.text, name):
        meta["id"] = article.id
    if article.sample:
        meta["sample"] = True
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n{article.text}\n".encode("utf-8")


def add(source: str, articles_dir: Path, published: dt.date | None = None,
        seen: tuple[set[str], set[str]] | None = None, meta: dict | None = None) -> Added:
    """Add one article, from a URL or from a file a user names, to ``articles_dir``."""
    if re.match(r"[a-z][a-z0-9+.-]*://", source, re.I):
        return add_url(source, articles_dir, published, seen, meta)
    return add_file(Path(source), articles_dir, published, seen)


def add_url(url: str, articles_dir: Path, published: dt.date | None = None,
            seen: tuple[set[str], set[str]] | None = None, meta: dict | None = None) -> Added:
    """Add the article at an http(s) ``url``; the only way a feed adds anything."""
    seen = seen if seen is not None else known(articles_dir)
    if url.rstrip("/") in seen[0]:
        return Added(None, url, skipped="this URL is already in the articles")
    data, final = download(url)
    name = final.rsplit("/", 1)[-1] or "index.html"
    if not name.lower().endswith((".html", ".htm", ".txt", ".md")):
        name += ".html"
    return _write(data, name, final, url, articles_dir, published, seen, meta)


def add_file(path: Path, articles_dir: Path, published: dt.date | None = None,
             seen: tuple[set[str], set[str]] | None = None) -> Added:
    """Add the article in a local file that the user named."""
    seen = seen if seen is not None else known(articles_dir)
    try:
        with open(path, "rb") as f:
            data = f.read(ingest.MAX_BYTES + 1)  # never more, whatever the file is (/dev/zero)
    except OSError as exc:
        raise CollectError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _write(data, path.name, None, str(path), articles_dir, published, seen, None)


def _write(data: bytes, name: str, final: str | None, source: str, articles_dir: Path,
           published: dt.date | None, seen: tuple[set[str], set[str]], meta: dict | None) -> Added:
    urls, hashes = seen
    try:
        article, _problems = ingest.article_from_bytes(data, name, published)
    except ingest.IngestError as exc:
        raise CollectError(f"{source}: {exc}") from None
    fields = {"url": article.url or final}
    for key, value in (meta or {}).items():
        if value and not getattr(article, key, None):
            fields[key] = clean.text(value) if isinstance(value, str) else value
    article = dataclasses.replace(article, **{k: v for k, v in fields.items() if v})
    if article.url and article.url.rstrip("/") in urls:
        return Added(None, article.title, skipped="this URL is already in the articles")
    digest = text_hash(article.text)
    if digest in hashes:
        return Added(None, article.title, skipped="the same text is already in the articles")
    target = article_file(article, articles_dir)
    try:
        atomic_write(target, render_article(article, name))
    except OSError as exc:
        raise CollectError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    hashes.add(digest)
    if article.url:
        urls.add(article.url.rstrip("/"))
    return Added(target, article.title)


def feed_entries(feed_url: str) -> list[dict]:
    """Entries of an RSS or Atom feed: link (absolute, resolved against the feed's own address),
    title, published date."""
    import feedparser

    data, final = _read_feed(feed_url)
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise CollectError(f"{feed_url}: not a readable feed ({parsed.get('bozo_exception')})")
    out = []
    for e in parsed.entries:
        when = e.get("published_parsed") or e.get("updated_parsed")
        link = e.get("link")
        out.append({"link": urllib.parse.urljoin(final, link.strip()) if isinstance(link, str) and link.strip() else None,
                    "title": e.get("title"), "published": _feed_date(when)})
    return out


def _read_feed(feed: str) -> tuple[bytes, str]:
    """The feed's bytes and the address its links resolve against. A feed on the user's own disk (a
    path or a file:// URL) is read as the user asked, with the download's size cap; anything else is
    downloaded over http(s). Links inside any feed are still limited to http(s) by ``fetch``."""
    parts = urllib.parse.urlsplit(feed)
    if is_web_url(feed):
        return download(feed)
    if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
        path = Path(urllib.request.url2pathname(parts.path))
    elif len(parts.scheme) <= 1:  # a plain path (a one-letter scheme is a Windows drive)
        path = Path(feed).expanduser()
    else:
        raise CollectError(f"{feed}: a feed is an http(s) URL, a file:// URL or a path to a file")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_DOWNLOAD + 1)
    except OSError as exc:
        raise CollectError(f"{feed}: the feed file cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_DOWNLOAD:
        raise CollectError(f"{feed}: the feed file is larger than {MAX_DOWNLOAD:,} bytes")
    return data, path.resolve().as_uri()


def _feed_date(when) -> dt.date | None:
    try:
        return dt.date(*when[:3]) if when else None
    except (TypeError, ValueError, OverflowError):
        return None


def fetch(feeds: list[str], articles_dir: Path, max_items: int = MAX_FEED_ITEMS) -> list[Added | CollectError]:
    """Add every new item of ``feeds``, at most ``max_items`` of them; one failing item or feed does
    not stop the rest. A feed item only ever brings in an http(s) URL."""
    seen = known(articles_dir)
    results: list[Added | CollectError] = []
    added = 0
    for feed in feeds:
        try:
            entries = feed_entries(feed)
        except CollectError as exc:
            results.append(exc)
            continue
        for entry in entries:
            link = entry["link"]
            if not link:
                continue
            if not is_web_url(link):
                results.append(CollectError(f"{feed}: item link {link[:200]} is not an http(s) URL; skipped it"))
                continue
            if added >= max_items:
                results.append(LeftForLater(f"{feed}: {max_items} new items added, the most one run adds; "
                                            "left the rest for the next run (--max-items raises the cap)"))
                return results
            try:
                result = add_url(link, articles_dir, entry["published"], seen,
                                 meta={"title": entry["title"], "published": entry["published"]})
            except CollectError as exc:
                results.append(exc)
                continue
            results.append(result)
            added += result.path is not None
    return results
