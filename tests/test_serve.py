"""`mkdocs serve` through the plugin: a new article shows up as a briefing within seconds,
in the browser of a reader who has the briefings page open (live reload)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import ARGS, CHROMIUM, available, stop

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


@pytest.mark.slow
def test_new_article_appears_while_serving(tmp_path):
    from conftest import make_project

    root = make_project(tmp_path)
    first, second = sorted(FIXTURES.glob("2*.md"))[:2]
    shutil.copy(first, root / "content" / "articles" / first.name)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        index = wait_for(lambda: get(f"{base}/generated/"), 120)
        assert index is not None, "the server did not come up"
        assert "Trump" not in index
        why_not = available()
        if why_not:  # no browser here: check what the server sends
            shutil.copy(second, root / "content" / "articles" / second.name)
            updated = wait_for(lambda: (lambda page: page if page and "Trump" in page else None)(get(f"{base}/generated/")), 90)
            assert updated, "the new article's briefing did not appear"
            return
        from playwright.sync_api import Error as PlaywrightError, sync_playwright

        with sync_playwright() as pw:  # a reader with the briefings page open sees the new one arrive
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"{base}/generated/", wait_until="load")
            assert "Trump" not in page.inner_text("body")
            shutil.copy(second, root / "content" / "articles" / second.name)
            def shows_new_briefing():  # the page reloads itself: between two documents there is no body
                try:
                    return "Trump" in page.inner_text("body", timeout=2_000)
                except PlaywrightError:
                    return False

            assert wait_for(shows_new_briefing, 90), "the open page did not show the new briefing"
            page.click("text=Trump hails")
            page.wait_for_load_state("load")
            assert "Many lives will be saved" in page.inner_text("body")
            browser.close()
    finally:
        stop(proc, 10)


@pytest.mark.slow
def test_serve_keeps_the_feeds_that_build_wrote(tmp_path):
    """`mkdocs serve` sets site_url to its own address: the feeds in docs_dir keep the published one,
    so serve and build do not keep rewriting each other's files."""
    from conftest import make_project

    root = make_project(tmp_path)
    shutil.copy(sorted(FIXTURES.glob("2*.md"))[0], root / "content" / "articles")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_SITE_URL": "https://someone.github.io/briefing/"}
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--no-site"], cwd=root, env=env, check=True,
                   capture_output=True)
    feed = root / "content" / "generated" / "feed.json"
    published = feed.read_bytes()
    assert b"https://someone.github.io/briefing/" in published
    port = free_port()
    env.pop("BRIEFING_SITE_URL")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        assert wait_for(lambda: get(f"http://127.0.0.1:{port}/generated/"), 120), "the server did not come up"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert feed.read_bytes() == published


@pytest.mark.slow
def test_one_change_under_serve_builds_once(tmp_path):
    """The build writes its pages inside docs_dir, which `mkdocs serve` watches: those writes must
    not start a second build (issue 22: one change, two builds, the second writing nothing)."""
    from conftest import make_project

    root = make_project(tmp_path)
    first, second = sorted(FIXTURES.glob("2*.md"))[:2]
    shutil.copy(first, root / "content" / "articles" / first.name)
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=root, stdout=out, stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    after_start = lambda: log.read_text().partition("Serving on")[2]  # noqa: E731
    try:
        assert wait_for(lambda: "Serving on" in log.read_text(), 180), "the server did not come up:\n" + log.read_text()
        shutil.copy(second, root / "content" / "articles" / second.name)  # a new article
        assert wait_for(lambda: "Reloading browsers" in after_start(), 120), "no rebuild:\n" + log.read_text()
        time.sleep(8)  # a second build would start within a second of the first one's end (polling 0.5 s)
        added = after_start().count("Building documentation")
        edited = root / "content" / "articles" / second.name  # then an edit of it
        edited.write_text(edited.read_text() + "\nThe talks resumed on Friday, officials said.\n")
        assert wait_for(lambda: after_start().count("Reloading browsers") > added, 120), "no rebuild:\n" + log.read_text()
        time.sleep(8)
    finally:
        stop(proc, 10)
    rebuilds = after_start().count("Building documentation")
    assert after_start().count("1 extracted") == 2, log.read_text()  # each change was seen and built
    assert added == 1, f"{added} builds for one new article:\n{log.read_text()}"
    assert rebuilds == 2, f"{rebuilds - added} builds for one edit:\n{log.read_text()}"
