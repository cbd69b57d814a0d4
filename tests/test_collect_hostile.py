"""Hostile feeds and servers (issue 17): a feed brings in web pages only, never local files; a download
has one deadline; redirects stay on http(s); one feed run adds a bounded number of items."""
from __future__ import annotations

import http.server
import socket
import threading
import time
from pathlib import Path

import pytest

from generator import collect, ingest

BODY = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
        + "Officials in Baku and Yerevan said on Monday that the ceasefire had held for most of the day. " * 3
        + "{title} was the word of the morning.</p><p>Sample text written for the briefing tests.</p>"
        "</article></body></html>")


class Site(http.server.BaseHTTPRequestHandler):
    """A small web site whose pages the tests choose: ``routes`` maps a path to (status, headers, body)."""

    routes: dict[str, tuple[int, dict, bytes]] = {}

    def do_GET(self):  # noqa: N802 - the name http.server calls
        status, headers, body = self.routes.get(self.path.split("?")[0], (404, {}, b"not here"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    Site.routes = {}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def page(title: str) -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "text/html"}, BODY.format(title=title).encode()


def rss(*links: str) -> tuple[int, dict, bytes]:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return 200, {"Content-Type": "application/rss+xml"}, (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>/</link>'
        f"<description>d</description>{items}</channel></rss>").encode()


def test_feed_links_to_local_files_are_never_read(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The launch codes are in the drawer, said the secret holder on Monday.\n" * 3)
    articles = tmp_path / "articles"
    articles.mkdir()
    Site.routes = {"/feed.xml": rss(str(secret), f"file://{secret}", "/etc/passwd", ".git/config", "/dev/zero",
                                    "/proc/self/environ", "relative-page.html")}
    Site.routes["/etc/passwd"] = page("Served passwd page")  # what the feed's /etc/passwd means: a page of the site
    Site.routes["/relative-page.html"] = page("Relative page")
    started = time.monotonic()
    results = collect.fetch([f"{site}/feed.xml"], articles)
    assert time.monotonic() - started < 30  # /dev/zero was not read until memory ran out
    added = [r for r in results if isinstance(r, collect.Added) and r.path]
    texts = "\n".join(p.read_text() for p in articles.iterdir())
    assert sorted(a.title for a in added) == ["Relative page", "Served passwd page"]
    assert "launch codes" not in texts and "root:" not in texts
    errors = [str(r) for r in results if isinstance(r, collect.CollectError)]
    assert any(e.count("file:") and "not an http(s) URL" in e for e in errors)  # feedparser writes file://tmp/...
    assert all("\n" not in e for e in errors)


def test_a_feed_on_another_scheme_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    for url in (f"file://{feed}", "ftp://127.0.0.1/feed.xml", str(feed)):
        with pytest.raises(collect.CollectError, match="only http and https"):
            collect.download(url)


def test_redirects_to_other_schemes_are_refused_and_loops_are_one_line(site, tmp_path):
    Site.routes = {"/to-ftp": (302, {"Location": "ftp://127.0.0.1/secret"}, b""),
                   "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
                   "/loop": (302, {"Location": "/loop"}, b"")}
    for path in ("/to-ftp", "/to-file"):
        with pytest.raises(collect.CollectError, match="not an http\\(s\\) URL") as exc:
            collect.download(site + path)
        assert "\n" not in str(exc.value)
    with pytest.raises(collect.CollectError) as exc:
        collect.download(site + "/loop")
    assert "\n" not in str(exc.value) and "loop" in str(exc.value)


def _trickle_server(mode: str):
    """A server that answers one byte every 0.3 s: in its headers ("headers") or its body ("body")."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            data = head + b"x" * 1000 if mode == "headers" else head
            if mode == "body":
                conn.sendall(head)
            try:
                for i in range(200):
                    if stop.is_set():
                        break
                    conn.sendall(data[i:i + 1] if mode == "headers" else b"x")
                    time.sleep(0.3)
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/slow", stop, listener


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_a_whole_download_has_one_deadline(mode):
    url, stop, listener = _trickle_server(mode)
    try:
        started = time.monotonic()
        with pytest.raises(collect.CollectError, match="took longer than 2 s"):
            collect.download(url, deadline=2)
        assert time.monotonic() - started < 10  # each byte came well within the per-read timeout
    finally:
        stop.set()
        listener.close()


def test_one_feed_run_adds_a_bounded_number_of_items(site, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    links = [f"/p{i}.html" for i in range(12)]
    Site.routes = {"/feed.xml": rss(*links), **{link: page(f"Report number {i}") for i, link in enumerate(links)}}
    results = collect.fetch([f"{site}/feed.xml"], articles, max_items=5)
    assert len(list(articles.iterdir())) == 5
    cap = [str(r) for r in results if isinstance(r, collect.CollectError)]
    assert len(cap) == 1 and "--max-items" in cap[0]
    collect.fetch([f"{site}/feed.xml"], articles, max_items=100)  # the next run brings the rest
    assert len(list(articles.iterdir())) == 12


def test_add_file_reads_a_device_only_up_to_the_cap(tmp_path):
    with pytest.raises(collect.CollectError, match="binary"):
        collect.add("/dev/zero", tmp_path)  # read MAX_BYTES + 1 at most, then refused as binary
    assert not list(tmp_path.iterdir())
    assert Path("/dev/zero").exists() and ingest.MAX_BYTES < 10_000_000


def test_a_feed_on_the_users_own_disk_is_read_but_its_links_stay_on_the_web(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The launch codes are in the drawer, said the secret holder on Monday.\n" * 3)
    Site.routes = {"/story.html": page("Story from a local feed")}
    feed = tmp_path / "my feed.xml"
    feed.write_bytes(rss(f"{site}/story.html", f"file://{secret}", str(secret))[2])
    for address in (str(feed), feed.as_uri()):
        articles = tmp_path / f"articles-{len(address)}"
        articles.mkdir()
        results = collect.fetch([address], articles)
        added = [r for r in results if isinstance(r, collect.Added) and r.path]
        assert [a.title for a in added] == ["Story from a local feed"]
        assert "launch codes" not in "\n".join(p.read_text() for p in articles.iterdir())
        assert sum("not an http(s) URL" in str(r) for r in results if isinstance(r, collect.CollectError)) == 2


def test_a_feed_that_is_not_a_readable_file_or_web_address_is_named(tmp_path):
    for address, why in ((str(tmp_path / "missing.xml"), "cannot be read"), (str(tmp_path), "cannot be read"),
                         ("ftp://127.0.0.1/feed.xml", "a feed is an http(s) URL")):
        (result,) = collect.fetch([address], tmp_path)
        assert isinstance(result, collect.CollectError) and address in str(result) and why in str(result)
