"""Hostile and broken files in the articles folder (issue 17): nothing leaks into the site, nothing
stalls the build, and one bad file never stops the rest. Every input here is written by the test."""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project
from generator import clean, ingest, output, slugs
from generator.build import Project, build
from generator.config import BriefingConfig

GOOD = """---
title: {title}
published: 2020-10-12
---
BAKU — Azerbaijan's foreign minister said on Monday that the ceasefire agreed in Moscow had been broken
overnight, as shelling hit the city of Ganja and officials in Yerevan denied any attack.

"We are committed to the truce," the Armenian prime minister said in a statement.

Sample text written for the briefing tests.
"""


def project_of(root: Path) -> Project:
    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    return Project.from_config(root / "content", cfg, site_url="https://example.org/")


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)


def site_text(root: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in (root / "site").rglob("*") if p.is_file()
                     and p.suffix in (".html", ".json", ".xml", ".md", ".txt", ".js"))


def test_nothing_under_the_articles_folder_is_published_but_its_briefings(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    articles = root / "content" / "articles"
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.md").write_text("Private notes: the informant lives at the old mill, she said.\n")
    (private / "diary.txt").write_text("Diary of a private person, kept out of every site, he said.\n")
    (articles / "linked.md").symlink_to(private / "secret.md")  # a file linked from outside
    (articles / "folder").symlink_to(private, target_is_directory=True)  # a folder linked from outside
    (articles / "up").symlink_to("..", target_is_directory=True)  # a loop
    (articles / "broken.md").symlink_to(tmp_path / "gone.md")
    (articles / ".drafts").mkdir()
    (articles / ".drafts" / "embargoed.md").write_text(GOOD.format(title="Embargoed scoop on the talks"))
    (articles / "page.html").write_text("<html><body><script>window.x=1</script>raw page</body></html>")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    site = root / "site"
    assert not (site / "articles").exists()
    text = site_text(root)
    for secret in ("informant", "Diary of a private", "Embargoed scoop", "raw page"):
        assert secret not in text
    briefings = list((site / "generated" / "briefings").glob("*/index.html"))
    assert len(briefings) == 3  # the fixture articles, and nothing else
    for name in ("linked.md", "folder", "broken.md"):
        assert any(name in line for line in proc.stderr.splitlines()), proc.stderr


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.md").write_text(GOOD.format(title="Readable"))
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # as root, chmod 000 does not stop a read: the error is made here
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems: list[ingest.Problem] = []
    found = ingest.find_articles([folder], problems)
    assert [p.name for p in found] == ["a.md"]
    assert len(problems) == 1 and "locked" in str(problems[0]) and "cannot be read" in str(problems[0])


UNSAFE_TITLE = "Truce \ufffe holds\u202e dlrow \x1b[31m in Ganja \uffff"


def test_characters_xml_cannot_hold_reach_no_page_feed_or_map(tmp_path):
    root = make_project(tmp_path / "p")
    articles = root / "content" / "articles"
    # a lone surrogate through a YAML escape, non-characters, a terminal escape and a bidi override
    (articles / "a.md").write_bytes(("---\ntitle: \"Truce \\ud800 holds\\u202e dlrow\\x1b[31m \\uffff\"\n"
                                     "published: 2020-10-12\n---\n").encode()
                                    + GOOD.split("---\n", 2)[2].replace("BAKU", "BAKU \uffff\u202e\ufdd0").encode())
    (articles / "b.md").write_text(GOOD.format(title="A plain second article"))
    result = build(project_of(root))
    assert len(result.facts) == 2
    out = root / "content" / "generated"
    ET.fromstring((out / "feed.xml").read_bytes())  # feedgen raised on U+FFFF before
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    titles = [item["title"] for item in feed["items"]]
    assert "Truce holds dlrow[31m" in titles
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in (".md", ".html", ".json", ".xml", ".js"):
            data = f.read_bytes().decode("utf-8")  # a lone surrogate could not have been encoded
            assert not clean.UNSAFE.search(data), f


@pytest.mark.parametrize("value", [
    "\ufffe\uffff\U0001fffe\U0010ffff", "\ud800\udfff\udbff", "\x00\x01\x1b\x7f\x85\x9f", "\u202a\u202b\u202c\u202d\u202e",
    "\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "\u00ad\u200b\u2060\ufeff\u180e\u2061"])
def test_clean_text_removes_each_kind_of_unsafe_character(value):
    assert clean.text(f"a{value}b\tc\nd") == "ab\tc\nd"


def test_yaml_aliases_are_refused_before_anything_expands_them():
    bomb = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    bomb += ["published: *j", "---", "Text of the article, as officials said on Monday."]
    started = time.monotonic()
    with pytest.raises(ingest.IngestError, match="aliases"):
        ingest.article_from_bytes("\n".join(bomb).encode(), "bomb.md")
    assert time.monotonic() - started < 5


def test_a_value_of_the_wrong_type_is_named_by_its_type_not_printed():
    data = b"---\npublished: [1, 2, 3]\ntitle: [a, b]\n---\nOfficials said on Monday that talks went on.\n"
    article, problems = ingest.article_from_bytes(data, "t.md")
    assert any("of type list" in str(p) for p in problems)
    assert article.published is None


@pytest.mark.parametrize("when, kept", [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
                                        ("2020-02-30", None)])
def test_dates_at_the_ends_of_the_calendar_keep_the_article(facts_of, when, kept):
    data = (f"---\ntitle: Dated\npublished: {when}\n---\nThe minister said on Monday that talks would resume "
            "next week. Yesterday shelling hit the town, officials said on 3 March. Talks last month failed.\n")
    article, problems = ingest.article_from_bytes(data.encode(), "d.md")
    assert str(article.published) == str(kept) if kept else article.published is None
    if kept is None:
        assert any("2020-02-30" in str(p) and "not a date" in str(p) for p in problems)
    from generator.extract import extract
    from generator.nlp import load

    facts = extract(load()(article.text), article)  # "next week" from 9999-12-31 is off the calendar
    assert facts.sentences


def _colliding_ids() -> tuple[str, str]:
    seen: dict[str, str] = {}
    for n in range(1_000_000):
        key = f"id-{n}"
        digest = hashlib.sha256(key.encode()).hexdigest()[:slugs.DIGEST_CHARS]
        if digest in seen:
            return seen[digest], key
        seen[digest] = key
    raise AssertionError("no collision found")


def test_same_titled_articles_whose_short_hashes_collide_get_two_pages(tmp_path):
    first, second = _colliding_ids()
    root = make_project(tmp_path / "p")
    for name, ident in (("a.md", first), ("b.md", second)):
        (root / "content" / "articles" / name).write_text(GOOD.format(title="Same title").replace(
            "published:", f"id: {ident}\npublished:"))
    result = build(project_of(root))
    pages = sorted((root / "content" / "generated" / "briefings").glob("*.md"))
    assert len(result.facts) == 2 and len(pages) == 2
    assert any("page address" in str(p) and "already used" in str(p) for p in result.problems)


def test_a_damaged_cache_entry_is_a_miss_said_once(tmp_path, caplog):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    proj = project_of(root)
    build(proj)
    entries = list(proj.cache.rglob("*.story.json")) + list(proj.cache.rglob("*.facts.json"))
    assert entries
    for f in entries:
        f.write_text('{"unexpected": 1}')
    for f in proj.cache.rglob("*.pickle"):
        f.write_bytes(b"not a pickle")
    with caplog.at_level(logging.INFO, logger="briefing"):
        again = build(proj)
    assert len(again.facts) == 3 and again.extracted == 3 and not again.problems
    said = [r.getMessage() for r in caplog.records if "cache entries could not be used" in r.getMessage()]
    assert len(said) == 1


def _full_disk_under(folder: Path, monkeypatch):
    """Writes of temporary files under ``folder`` go to /dev/full, which answers ENOSPC as a full disk does."""
    real = output.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        fd, name = real(*args, dir=dir, **kwargs)
        if dir is not None and Path(dir).resolve().is_relative_to(folder.resolve()):
            os.close(fd)
            return os.open("/dev/full", os.O_WRONLY), name
        return fd, name

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp)


def test_a_full_cache_is_a_warning_and_the_build_goes_on(tmp_path, monkeypatch, caplog):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    proj = project_of(root)
    proj.cache.mkdir(parents=True)
    _full_disk_under(proj.cache, monkeypatch)
    monkeypatch.setattr(output, "_cache_trouble", set())
    with caplog.at_level(logging.WARNING, logger="briefing"):
        result = build(proj)
    assert len(result.facts) == 3
    assert len(list((root / "content" / "generated" / "briefings").glob("*.md"))) == 3
    warned = [r.getMessage() for r in caplog.records if "cache cannot be written" in r.getMessage()]
    assert len(warned) == 1 and str(proj.cache) in warned[0] and "No space left" in warned[0]


def test_a_full_disk_names_the_file(tmp_path, monkeypatch):
    _full_disk_under(tmp_path, monkeypatch)
    target = tmp_path / "out" / "page.md"
    with pytest.raises(OSError) as exc:
        output.atomic_write(target, b"x" * 10_000)
    assert exc.value.filename == str(target) and exc.value.errno == errno.ENOSPC
    assert not list((tmp_path / "out").iterdir())  # no temporary left behind


def test_briefing_build_says_which_file_it_could_not_write(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main

    root = make_project(tmp_path / "p", FIXTURES / "articles")
    _full_disk_under(root / "content" / "generated", monkeypatch)
    (root / "content" / "generated").mkdir()
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--no-site"])
    assert result.exit_code == 2  # an environment error: cli.Exit.USAGE
    line = [x for x in result.output.splitlines() if "cannot be written" in x]
    assert line and "content/generated/" in line[0] and "No space left" in line[0]


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from generator import output
    with output.locked(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(2)
""")


def test_a_second_build_waits_for_the_first(tmp_path, caplog):
    out = tmp_path / "generated"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    assert holder.stdout.readline().strip() == "held"
    (out / ".p.md.abcdefgh.tmp").write_bytes(b"the other build's half-written file")
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="briefing"):
        output.write_tree(out, {"p.md": b"page"})
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert waited > 1  # it did not write while the other held the folder
    assert any("another build is running" in r.getMessage() for r in caplog.records)
    assert (out / "p.md").read_bytes() == b"page"


SLOW_BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator import ingest
    from generator.build import Project, build
    from generator.config import BriefingConfig
    ingest.HTML_SECONDS = 5
    cfg = BriefingConfig(); cfg.load_dict({}); cfg.validate()
    result = build(Project.from_config(Path(sys.argv[1]), cfg))
    for p in result.problems:
        print(p)
    print(len(result.facts), "articles")
""")


def test_slow_inputs_become_warnings_beside_good_briefings(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    articles = root / "content" / "articles"
    (articles / "brackets.md").write_text("Officials said on Monday. " + "[" * 80_000 + "\n")
    (articles / "spaces.txt").write_text("Officials said on Monday that talks went on." + " " * 80_000 + "end")
    (articles / "stars.md").write_text("Talks went on, officials said. " + "**a " * 40_000 + "\n")
    attributes = " ".join(f'a{i}="x"' for i in range(200_000))
    (articles / "attributes.html").write_text(f"<html><body><div {attributes}>x</div><p>{'word ' * 60}</p></body></html>")
    proc = subprocess.run([sys.executable, "-c", SLOW_BUILD, str(root / "content")], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)  # a guard against a hang; the time itself is the benchmark's
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any("attributes.html" in x and "longer than 5 s" in x for x in lines), lines
    assert lines[-1] == "6 articles"  # the three fixtures and the three slow texts, each read in full
    briefings = {p.name for p in (root / "content" / "generated" / "briefings").glob("*.md")}
    assert len(briefings) == 6


# What held before issue 17, kept so


def test_yaml_code_tags_are_refused():
    data = b"---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned-briefing']\n---\nText said on Monday.\n"
    with pytest.raises(ingest.IngestError, match="front matter"):
        ingest.article_from_bytes(data, "tag.md")
    assert not Path("/tmp/pwned-briefing").exists()


def test_html_entities_neither_expand_nor_read_files():
    words = "Officials in Baku said on Monday that the ceasefire had held for most of the day. " * 4
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 9))
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{laughs}'
            f'<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><article><p>{words} &xxe; &l8;</p>'
            "</article></body></html>")
    started = time.monotonic()
    try:
        article, _ = ingest.article_from_bytes(page.encode(), "bomb.html")
    except ingest.IngestError:
        return
    assert time.monotonic() - started < 15
    assert "root:" not in article.text and "lollol" not in article.text and len(article.text) < 10_000


def test_a_compressed_file_is_not_expanded():
    import gzip

    bomb = gzip.compress(b"A" * 50_000_000)
    with pytest.raises(ingest.IngestError, match="binary"):
        ingest.article_from_bytes(bomb, "bomb.html")


def test_two_site_builds_at_once_on_one_folder_both_succeed(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    assert len(list((root / "site" / "generated" / "briefings").glob("*/index.html"))) == 3
    assert not list((root / "content" / "generated").rglob("*.tmp"))


# Found by probing the build with messy and hostile articles (branch hostile)


def test_a_named_pipe_in_the_articles_folder_is_named_and_does_not_block(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD.format(title="Readable"))
    os.mkfifo(folder / "pipe.md")  # open() would wait for a writer for ever
    os.symlink("pipe.md", folder / "to-pipe.md")  # a link inside the folder, to the pipe
    problems: list[ingest.Problem] = []
    found = ingest.find_articles([folder], problems)
    assert [p.name for p in found] == ["a.md"]
    assert sorted(Path(p.path).name for p in problems) == ["pipe.md", "to-pipe.md"]
    assert all("not a regular file" in str(p) and str(p).endswith("skipped it") for p in problems)


def test_deeply_nested_front_matter_is_named_by_briefing_add(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    root = make_project(tmp_path / "p")
    deep = tmp_path / "deep.md"
    deep.write_text("---\ntitle: Deep\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD.split("---\n", 2)[2])
    with pytest.raises(ingest.IngestError, match="nested too deeply"):
        ingest.article_from_bytes(deep.read_bytes(), "deep.md")
    result = CliRunner().invoke(main, ["add", "-f", str(root / "mkdocs.yml"), str(deep)])
    assert result.exit_code == 1, result.output  # cli.Exit.REFUSED
    assert f"{deep}: front matter is nested too deeply" in result.output
    assert not list((root / "content" / "articles").iterdir())


def test_a_utf8_file_with_a_pasted_windows_paragraph_keeps_both(tmp_path):
    data = ("Officials in Baku said the café stayed open on Monday, \u201cfor now\u201d.\n\n".encode()
            + "The na\u00efve plan \u2013 officials said \u2013 failed.\n".encode("cp1252"))
    article, problems = ingest.article_from_bytes(data, "mixed.txt")
    assert "café stayed open on Monday, \u201cfor now\u201d" in article.text  # the UTF-8 part as written
    assert "The na\u00efve plan \u2013 officials said \u2013 failed." in article.text  # the Windows part too
    assert [p.problem for p in problems] == ["not valid UTF-8: the bytes that are not read as Windows-1252"]
    assert ingest.decode("Caf\u00e9 \u0081".encode("cp1252", errors="ignore") + b"\x81") == "Caf\u00e9 \ufffd"


@pytest.mark.parametrize("size", [30_000, 600_000])  # over the front matter's cap; also over the text's
def test_front_matter_too_long_is_left_out_and_never_becomes_article_text(size):
    body = GOOD.split("---\n", 2)[2]
    data = f"---\ntitle: {'A' * size}\ntags: [one, two]\n---\n{body}".encode()
    article, problems = ingest.article_from_bytes(data, "long.md")
    assert article.text == ingest.clean_text(body)  # no '---', no 'title:' in what the page shows
    assert article.title.startswith("BAKU") and not article.tags
    said = [str(p) for p in problems]
    assert said == [f"long.md: front matter has {size + 24:,} characters, over {ingest.MAX_FRONT_MATTER:,}; "
                    "left the front matter out"]
    with pytest.raises(ingest.IngestError, match="front matter has"):
        ingest.split_front_matter(data.decode())


def test_front_matter_of_a_file_cut_at_the_cap_is_still_read():
    body = "Officials in Baku said on Monday that the talks went on. " * 20_000  # over MAX_MARKUP
    data = ("\r\n---\r\ntitle: Kept title\r\ntags: [kept]\r\n---\r\n" + body).encode()
    article, problems = ingest.article_from_bytes(data, "big.txt")
    assert article.title == "Kept title" and article.tags == ("kept",)
    assert any("read the first" in str(p) for p in problems)


def test_briefing_add_keeps_the_tags_and_id_the_users_file_gave(tmp_path):
    from generator import collect

    articles = tmp_path / "articles"
    articles.mkdir()
    given = tmp_path / "given.md"
    given.write_text(GOOD.format(title="Tagged").replace("published:", "id: my-story\ntags: [truce, Ganja]\n"
                                                         "sample: true\npublished:"))
    plain = tmp_path / "plain.md"
    plain.write_text(GOOD.format(title="Untagged").replace("Monday", "Tuesday"))
    for f in (given, plain):
        collect.add_file(f, articles)
    read = {a.title: a for a in (ingest.read_article(p)[0] for p in sorted(articles.iterdir()))}
    assert read["Tagged"].tags == ("truce", "Ganja") and read["Tagged"].id == "my-story" and read["Tagged"].sample
    assert read["Untagged"].tags == () and "id:" not in next(articles.glob("*untagged*")).read_text()


def test_a_word_with_an_invisible_character_inside_is_still_the_word(facts_of):
    text = ("Azer\u200bbaijan's foreign minister said on Monday in Ba\u00adku that shelling hit the city of "
            "Gan\u2060ja, and officials in Yere\ufeffvan denied any attack.\n")
    article, _ = ingest.article_from_bytes(("Zero width\n\n" + text).encode(), "zw.txt")
    assert "Azerbaijan's foreign minister said on Monday in Baku" in article.text and "Yerevan" in article.text
    facts = facts_of(article.text)
    assert {"Baku", "Ganja", "Yerevan"} <= {p.name for p in facts.places}
    assert "\u200d" in clean.text("\U0001f469\u200d\U0001f692 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")  # joiners stay


def test_front_matter_without_its_closing_line_is_named():
    data = ("---\ntitle: Forgot to close\ntags: [x]\n\n" + GOOD.split("---\n", 2)[2]).encode()
    with pytest.raises(ingest.IngestError, match="front matter has no closing '---' line"):
        ingest.article_from_bytes(data, "open.md")
    rule = ingest.article_from_bytes(b"-----\n" + data[4:], "rule.md")[0]  # a longer rule is text
    assert rule.title == "-----"


@pytest.mark.parametrize("tags, kept, said", [
    ("ceasefire, Ganja", ("ceasefire", "Ganja"), None),
    ("[ceasefire, 1, {a: 1}, true]", ("ceasefire", "1"), "front matter 'tags' holds a value of type dict; left that tag out"),
    ("{a: 1}", (), "front matter 'tags' must be a list of text, not dict; left the tags out"),
    ("[' ', '']", (), None)])
def test_tags_a_careless_user_writes_are_kept_or_named(tags, kept, said):
    data = GOOD.format(title="Tagged").replace("published:", f"tags: {tags}\npublished:").encode()
    article, problems = ingest.article_from_bytes(data, "t.md")
    assert article.tags == kept
    assert [f"t.md: {said}"] == [str(p) for p in problems] if said else not problems


@pytest.mark.parametrize("declared", ['<meta charset="iso-8859-2">', "<meta charset=ISO-8859-2 />",
                                      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">'])
def test_a_web_page_that_is_not_utf8_is_read_in_the_encoding_it_declares(declared):
    words = ("Officials in Łódź said on Monday that the talks in Kraków would go on, and the minister "
             "said in a statement that the truce had held for most of the week in the region. ") * 2
    page = f"<html><head>{declared}<title>Łódź talks</title></head><body><article><p>{words}</p></article></body></html>"
    article, problems = ingest.article_from_bytes(page.encode("iso-8859-2"), "page.html")
    assert "Officials in Łódź said" in article.text and "Kraków" in article.text
    assert not problems
    assert ingest.declared_charset(b'<meta charset="zlib">') is None  # a codec, but not a text encoding
    assert ingest.declared_charset(b'<meta charset="no-such-thing">') is None


def test_a_front_matter_key_written_twice_is_named():
    data = GOOD.format(title="First").replace("published:", "title: Second\nsource: X\npublished:").encode()
    article, problems = ingest.article_from_bytes(data, "twice.md")
    assert article.title == "Second"
    assert [str(p) for p in problems] == ["twice.md: front matter has the key 'title' more than once; used the last"]
    nested = b"---\ntitle: T\nextra: {a: 1, a: 2}\n---\nOfficials said on Monday that talks went on.\n"
    assert not ingest.article_from_bytes(nested, "n.md")[1]  # only the keys the article uses, at the top


def test_every_line_of_a_build_names_its_file_the_same_way(tmp_path):
    root = make_project(tmp_path / "p")
    articles = root / "content" / "articles"
    (articles / "a.md").write_text(GOOD.format(title="Readable"))
    (articles / "empty.md").write_text("")
    (articles / "out.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / "elsewhere.md").write_text(GOOD.format(title="Outside"))
    os.mkfifo(articles / "pipe.md")
    result = build(project_of(root))
    assert sorted(str(p).split(":")[0] for p in result.problems) == [
        "content/articles/empty.md", "content/articles/out.md", "content/articles/pipe.md"]
