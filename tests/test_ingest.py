"""Messy input: every bad file gives one clear warning line and never a traceback; the rest is used."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ingest
from generator.model import Article

NEWS = ("Armenian and Azerbaijani officials met in Moscow on Friday. Foreign Minister Sergei Lavrov said "
        "the talks were difficult but useful, and both sides agreed to exchange prisoners.\n")

SKIPPED = {
    "empty.md": b"",
    "blank.txt": b"  \n\t\r\n   \n",
    "scan.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "photo.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "bundle.txt": b"PK\x03\x04\x14\x00\x08\x00\x08\x00" + bytes(range(256)),
    "nuls.txt": b"\x00" * 4000,
    "punctuation.txt": b"... --- !!! 123 456 ???",
    "broken-yaml.md": b"---\ntitle: [unclosed\nsource: : :\n---\n" + NEWS.encode(),
    "yaml-scalar.md": b"---\njust a string\n---\n" + NEWS.encode(),
    "yaml-python-tag.md": b"---\ntitle: !!python/object/apply:os.system [echo pwned]\n---\n" + NEWS.encode(),
    "menu-only.html": b"<!doctype html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                      b"<a href='/news'>News</a></nav><footer>Copyright 2020</footer></body></html>",
}

USED = {
    # name: (bytes, words the text must hold, the warning it must give or None)
    "utf16.txt": (NEWS.encode("utf-16"), "Lavrov", None),
    "windows.txt": ("Baku said \u201cno\u201d to the plan \u2013 officials in Stepanakert disagreed.".encode("cp1252"),
                    "\u201cno\u201d", "Windows-1252"),
    "invalid-utf8.txt": (b"Yerevan said \xff\xfe the talks failed.", "Yerevan", "not valid UTF-8"),
    "nul-inside.txt": (b"Baku\x00 said the truce held.\x00", "Baku said", "NUL"),
    "bom.md": (b"\xef\xbb\xbf---\ntitle: With a BOM\n---\n" + NEWS.encode(), "Lavrov", None),
    "wrong-types.md": (b"---\ntitle: [a, list]\ndate: yesterday\nsource: {a: 1}\nid: [1, 2]\ntags: {x: 1}\n---\n"
                       + NEWS.encode(), "Lavrov", "'title' must be text"),
    "russian.txt": ("Премьер-министр Армении Никол Пашинян заявил в пятницу, что переговоры в Москве "
                    "были трудными, но полезными. Стороны договорились обменяться пленными.".encode(),
                    "Пашинян", "Cyrillic"),
    "french.txt": ((("Le ministre a déclaré vendredi que les négociations à Moscou étaient difficiles mais utiles. "
                    "Les deux parties ont accepté un échange de prisonniers, selon un communiqué. ") * 3).encode(),
                   "négociations", "not look like English"),
    "no-entities.txt": (b"it rained and then it stopped and then it rained again, which nobody minded much.",
                        "rained", None),
    "quotes.txt": ('He said "she told them \'they said "no" and left. \u201cAn open quote and \u2018another, '
                   'and a closing one\u201d\u201d\u201d without an opening.'.encode(), "open quote", None),
}


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_bad_file_is_skipped_with_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(SKIPPED[name])
    article, problems = ingest.read_article(path, name=name)
    assert article is None
    assert len(problems) == 1 and problems[0].fatal
    line = str(problems[0])
    assert line.startswith(f"{name}: ") and "skipped" in line and "\n" not in line


@pytest.mark.parametrize("name", sorted(USED))
def test_messy_file_is_used(tmp_path, name):
    data, words, warning = USED[name]
    path = tmp_path / name
    path.write_bytes(data)
    article, problems = ingest.read_article(path, name=name)
    assert article is not None, problems
    assert words in article.text
    assert "\x00" not in article.text and "\ufeff" not in article.text and "\r" not in article.text
    assert not any(p.fatal for p in problems)
    if warning is None:
        assert problems == []
    else:
        assert any(warning in str(p) for p in problems), [str(p) for p in problems]
        assert all(str(p).startswith(f"{name}: ") and "\n" not in str(p) for p in problems)


def test_wrong_types_fall_back_to_safe_values(tmp_path):
    data = USED["wrong-types.md"][0]
    article, problems = ingest.article_from_bytes(data, "wrong-types.md")
    assert article.title.startswith("Armenian and Azerbaijani officials")  # from the first line
    assert article.published is None and article.source is None and article.tags == ()
    assert article.id != "[1, 2]" and len(article.id) == 16
    assert any("not a date" in str(p) for p in problems)


def test_given_date_is_used_and_publication_default_only_fills_gaps():
    article, problems = ingest.article_from_bytes(b"---\ndate: 2020-10-10\n---\n" + NEWS.encode(), "a.md",
                                                  published=dt.date(2021, 1, 1))
    assert article.published == dt.date(2020, 10, 10) and problems == []


def test_file_of_100000_one_word_lines_is_capped(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("ceasefire\n" * 100_000)
    article, problems = ingest.read_article(path)
    assert article is not None
    assert article.text.count("\n") < ingest.MAX_LINES
    assert any("lines" in str(p) and not p.fatal for p in problems)


def test_50_mb_file_is_capped_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    sentence = b"Azerbaijani forces shelled Stepanakert on Sunday, officials in Yerevan said. "
    with open(path, "wb") as f:
        for _ in range(50_000_000 // (len(sentence) * 1000) + 1):
            f.write(sentence * 1000)
    assert path.stat().st_size >= 50_000_000
    article, problems = ingest.read_article(path, name="huge.txt")
    assert article is not None and len(article.text) <= ingest.MAX_TEXT
    lines = [str(p) for p in problems]
    assert any(line.startswith("huge.txt: file is 5") and "read the first 5,000,000" in line for line in lines), lines
    assert any("characters" in line for line in lines)


def test_capped_pathological_text_parses_and_extracts(nlp):
    """What the cap lets through is what extraction must survive: one word a line, as long as allowed."""
    from generator.extract import extract

    text, note = ingest.cap_text("ceasefire\n" * 100_000)
    assert note
    doc = nlp(text)
    facts = extract(doc, Article(id="lines", title="Lines", text=text))
    assert facts.sentences and all(0 <= s.start < s.end <= len(text) for s in facts.sentences)


def test_character_cut_by_the_size_cap_is_not_a_decoding_problem():
    data = ("é" * (ingest.MAX_BYTES // 2 + 10)).encode()
    article, problems = ingest.article_from_bytes(data, "accents.txt")
    assert not any("UTF-8" in str(p) for p in problems)
    assert set(article.text) == {"é", " ", "\n"}  # one word of 2.5 million letters, broken as the caps say
    assert max(len(word) for word in article.text.split()) == ingest.MAX_WORD


@pytest.mark.parametrize("given", ["../../etc/passwd", "/etc/passwd", "CON", "x" * 300, "a\nb\x1b[2J", 7])
def test_front_matter_id_is_inert_text(given):
    meta = f"id: {json.dumps(given)}"  # JSON is YAML: escapes stay escapes
    article, problems = ingest.article_from_bytes(f"---\n{meta}\n---\n{NEWS}".encode(), "a.md")
    assert len(article.id) <= 200 and article.id.isprintable()
    assert article.id.replace(" ", "") in str(given).replace("\n", "").replace("\x1b", "")
    assert problems == []


def test_repeated_ids_are_made_unique_and_both_kept():
    a = Article(id="same", title="A", text="a", path="a.md")
    b = Article(id="same", title="B", text="b", path="b.md")
    c = Article(id="same-2", title="C", text="c", path="c.md")
    out, problems = ingest.unique_ids([a, b, c])
    assert [x.title for x in out] == ["A", "B", "C"]
    assert len({x.id for x in out}) == 3
    assert len(problems) == 2 and "a.md" in str(problems[0])


def test_warning_about_a_hostile_file_name_stays_one_printable_line():
    p = ingest.Problem("evil\n\x1b[31mname.md", "bad\nthing", "skipped it")
    assert "\n" not in str(p) and "\x1b" not in str(p) and str(p).endswith("skipped it")


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    article, problems = ingest.read_article(tmp_path, name="folder.md")  # a directory
    assert article is None and problems[0].path == "folder.md"


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    for name, data in SKIPPED.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(NEWS)
    return folder


def test_cli_warns_once_per_bad_file_and_goes_on(messy_folder):
    proc = subprocess.run([str(Path(sys.executable).parent / "briefing"), "extract", "--format", "jsonl",
                           str(messy_folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(SKIPPED)
    assert len(proc.stdout.strip().splitlines()) == 1  # the good article


def test_cli_strict_fails_on_any_bad_file(messy_folder):
    proc = subprocess.run([str(Path(sys.executable).parent / "briefing"), "extract", "--strict", "--format", "jsonl",
                           str(messy_folder / "good.txt"), str(messy_folder / "empty.md")],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_links_out_of_the_articles_folder_are_not_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("a private file outside the articles folder")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(NEWS)
    (folder / "link.txt").symlink_to(outside)
    assert ingest.find_articles([folder]) == [folder / "good.txt"]
