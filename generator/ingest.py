"""Reading articles from files: front matter, plain text, Markdown and HTML.

Every byte read here is untrusted. A file that cannot be used gives a
:class:`Problem` (file, what is wrong, what was done) instead of an exception,
so that one bad article never stops the rest of the site.
"""
from __future__ import annotations

import codecs
import collections
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import clean, slugs
from .model import Article
from .nlp import MAX_CHARS

log = logging.getLogger("briefing")

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
MAX_BYTES = 5_000_000
"""Bytes read from one file; the rest is cut with a warning (and never read into memory)."""

MAX_TEXT = min(MAX_CHARS, 100_000)
"""Characters of text kept; a long news article is 30,000. Extraction time grows with the text,
so a bigger file is cut with a warning rather than stall the build."""

MAX_LINES = 3_000
"""Lines of text kept. Text of many short lines (lists, tables, one word a line) parses as a
few enormous sentences, which is what makes the parser slow; an article has a few hundred."""

MAX_LINE = 20_000
"""Characters in one line before any pattern reads it; a longer line is broken at a space (a news
paragraph has under 2,000). No text is lost, and no pattern meets a line of megabytes."""

MAX_WORD = 1_000
"""Characters in a run without white space (a long web address has a few hundred). spaCy's tokenizer
takes prefixes off a run one at a time, which is quadratic in its length: 80,000 ``[`` in four lines
did not parse in minutes, and parse in 20 s as runs of this length."""

MAX_MARKUP = 4 * MAX_TEXT
"""Characters of a text or Markdown file read before its markup is taken off: the text kept is
:data:`MAX_TEXT` at most, and markup and front matter do not make it four times longer."""

HTML_SECONDS = 20.0
"""Seconds one HTML page may take to read. lxml is quadratic in an element's attributes (one element
with 200,000 of them took minutes), so pages are read in a worker process that is stopped at this
budget, and the page becomes a warning rather than a stalled build."""

MAX_FRONT_MATTER = 20_000
"""Characters of YAML front matter read (a title, date, source, URL and tags take a few hundred, and
each value is cut to 1,000 when used). Longer front matter is left out with a warning: the YAML
loader is slow on megabytes, and the cut that :data:`MAX_MARKUP` makes must not fall inside it."""

MIN_HTML_WORDS = 25
"""Fewer words than this out of a web page means menus and footers, not an article."""

_ENGLISH = frozenset("the of and to is was that with for said has have by from are were it this which be".split())


@dataclass(frozen=True)
class Problem:
    path: str
    problem: str
    action: str
    fatal: bool = True  # False: the article was still used (e.g. truncated)

    def __str__(self) -> str:
        """One line, whatever the file name or error holds (no newlines, no terminal escapes)."""
        return clean.one_line(f"{self.path}: {self.problem}; {self.action}")


class IngestError(Exception):
    """An article that cannot be used; the message says why."""


def find_articles(paths: list[Path], problems: list[Problem] | None = None) -> list[Path]:
    """Article files under ``paths`` in a stable order (folders are walked).

    Only what lies inside a folder is read: a link out of it (to /etc/passwd, say) is skipped, a
    link to a folder is not followed (``up -> ..`` would walk for ever), hidden files and folders
    (``.drafts/``, ``.git/``) are not articles, and neither is anything but a regular file (a named
    pipe ``x.md`` would block the build on its first read). Each skipped link, file and unreadable
    folder is a problem, added to ``problems`` (logged when no list is given)."""
    said: list[Problem] = [] if problems is None else problems
    start = len(said)
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(_walk(p, said))
        else:
            found.append(p)
    if problems is None:
        for problem in said[start:]:
            log.warning("warning: %s", problem)
    return found


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    root = folder.resolve()
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or folder), f"folder cannot be read ({exc.strerror or exc})",
                                "skipped it"))

    for here, dirs, files in os.walk(folder, onerror=unreadable):  # never follows links to folders
        here_path = Path(here)
        for d in list(dirs):
            if d.startswith(".") or (here_path / d).is_symlink():
                dirs.remove(d)
                if not d.startswith("."):
                    problems.append(Problem(str(here_path / d), "is a link to a folder", "did not follow it"))
        for name in files:
            f = here_path / name
            if name.startswith(".") or f.suffix.lower() not in SUFFIXES:
                continue
            if f.is_symlink():
                try:
                    real = f.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(Problem(str(f), "is a broken link", "skipped it"))
                    continue
                if not real.is_relative_to(root):
                    problems.append(Problem(str(f), f"links outside {folder}", "skipped it"))
                    continue
            if not f.is_file():  # a named pipe would block the build for ever on open; a device never ends
                problems.append(Problem(str(f), "is not a regular file (a pipe, socket or device)", "skipped it"))
                continue
            found.append(f)
    return sorted(found)


def decode(data: bytes) -> str:
    """Text from bytes in UTF-8, UTF-16 (with BOM) or Windows-1252 (byte by byte where UTF-8 fails); refuses binary."""
    return decode_noting(data)[0]


_DECLARED_CHARSET = re.compile(rb"""<meta\b[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def declared_charset(head: bytes) -> str | None:
    """The text encoding a web page declares in its first bytes (``<meta charset=...>``, or the
    ``http-equiv`` content type), as Python names it; None when it declares none Python decodes."""
    m = _DECLARED_CHARSET.search(head)
    if not m:
        return None
    try:
        info = codecs.lookup(m.group(1).decode("ascii"))
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None  # not "zlib" or "rot13"


def decode_noting(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """Like :func:`decode`, with a note when the bytes were not plain UTF-8 (for a warning). A web
    page (``html``) that is not UTF-8 is read in the encoding it declares, when it declares one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "broken UTF-16: bad characters replaced"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:4096]
    if head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"7z\xbc\xaf",
                        b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"fLaC", b"ID3")):
        raise IngestError("binary file (not text)")
    if head and head.count(b"\x00") > len(head) // 10:
        raise IngestError("binary file (NUL bytes)")
    if head and sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 10:
        raise IngestError("binary file (control bytes)")
    note = "NUL bytes removed" if b"\x00" in data else None
    try:
        return data.decode("utf-8"), note
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and len(data) >= MAX_BYTES:  # a character cut by the size cap
            return data[:exc.start].decode("utf-8"), note
    charset = declared_charset(head[:2048]) if html else None
    if charset and charset != "utf-8":
        try:
            return data.decode(charset, errors="replace"), note
        except (LookupError, UnicodeError):  # an encoding that cannot decode at all
            pass
    text = data.decode("utf-8", errors=_AS_CP1252)
    return text, "not valid UTF-8: the bytes that are not read as Windows-1252"


def _as_cp1252(exc: UnicodeDecodeError) -> tuple[str, int]:
    """The bytes UTF-8 cannot read, read as Windows-1252: a UTF-8 file with one pasted Windows
    paragraph keeps its UTF-8 text ("café"), where reading all of it as Windows-1252 made "cafÃ©"."""
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


_AS_CP1252 = "briefing-as-cp1252"
codecs.register_error(_AS_CP1252, _as_cp1252)


def clean_text(text: str) -> str:
    """Normalised text: NFC, Unix newlines, nothing :func:`clean.text` removes, no run of
    :data:`MAX_WORD` characters without a space, no line over :data:`MAX_LINE` characters, no white
    space at line ends, trimmed. Linear in the text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", clean.text(text))
    text = _LONG_RUN.sub(r"\1 ", text)
    return "\n".join(piece.rstrip(" \t") for line in text.split("\n") for piece in _short_lines(line)).strip()


_LONG_RUN = re.compile(rf"(\S{{{MAX_WORD}}})(?=\S)")


def _short_lines(line: str) -> list[str]:
    """``line`` in pieces of at most :data:`MAX_LINE` characters, broken at spaces where there are any."""
    pieces = []
    while len(line) > MAX_LINE:
        cut = line.rfind(" ", MAX_LINE // 2, MAX_LINE)
        cut = cut if cut > 0 else MAX_LINE
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


class _AliasUsed(yaml.YAMLError):
    pass


class FrontMatterLoader(yaml.SafeLoader):
    """YAML as front matter needs it, and no more. No aliases: a "billion laughs" document of a few
    lines is a billion values as soon as anything walks or prints it. No timestamps: a date stays text
    until :func:`parse_date` checks it, so ``2020-02-30`` is a warning, not an exception in the loader."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasUsed("YAML aliases (*name) are not allowed in front matter")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        """A mapping; a key written twice (YAML keeps the last without a word) is noted in ``repeated``."""
        if isinstance(node, yaml.MappingNode) and node is self._top:
            keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            self.repeated = sorted(k for k, n in collections.Counter(keys).items() if n > 1)
        return super().construct_mapping(node, deep=deep)

    def get_single_node(self):
        self._top = super().get_single_node()
        return self._top


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def split_front_matter(text: str, problems: list | None = None, name: str = "") -> tuple[dict, str]:
    """YAML front matter (between ``---`` lines) and the body. Front matter longer than
    :data:`MAX_FRONT_MATTER` is left out with a warning (or raises IngestError when no ``problems``
    list is given); the body after it is kept."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.S)
    if not m:  # its keys would be the article's first lines, and '---' its title
        raise IngestError("front matter has no closing '---' line")
    if len(m.group(1)) > MAX_FRONT_MATTER:
        message = f"front matter has {len(m.group(1)):,} characters, over {MAX_FRONT_MATTER:,}"
        if problems is None:
            raise IngestError(message)
        problems.append(Problem(name, message, "left the front matter out", fatal=False))
        return {}, text[m.end():]
    loader = FrontMatterLoader(clean_text(m.group(1)))
    loader.repeated = []
    try:
        meta = loader.get_single_data() or {}
    except _AliasUsed as exc:
        raise IngestError(str(exc)) from None
    except RecursionError:  # the loader recurses once a level: "[[[[...]]]]" of a few thousand
        raise IngestError("front matter is nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise IngestError(f"malformed YAML front matter{where}") from None
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        raise IngestError("front matter is not a mapping of keys to values")
    for key in loader.repeated if problems is not None else ():
        problems.append(Problem(name, f"front matter has the key {_shown(key)} more than once", "used the last",
                                fatal=False))
    return meta, text[m.end():]


def _shown(value) -> str:
    """A front-matter value in a message: text and numbers shortened, anything else by its type only
    (formatting a value walks all of it: a nested or aliased one may be enormous)."""
    if isinstance(value, str):
        return repr(value[:60]) if len(value) <= 60 else repr(value[:57]) + "..."
    if isinstance(value, (bool, int, float)):
        return str(value)[:60]
    return f"of type {type(value).__name__}"


def parse_date(value) -> dt.date | None:
    """A publication date from front matter; ``None`` when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def text_field(meta: dict, key: str, problems: list | None = None, name: str = "") -> str | None:
    """A front-matter value as one line of text; a value of the wrong type is left out with a warning
    (or raises IngestError when no ``problems`` list is given)."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
        return " ".join(clean.text(str(value)[:4000]).split())[:1000] or None
    message = f"front matter '{key}' must be text, not {type(value).__name__}"
    if problems is None:
        raise IngestError(message)
    problems.append(Problem(name, message, "used the first line as the title" if key == "title" else f"left the {key} out",
                            fatal=False))
    return None


def tag_list(meta: dict, problems: list, name: str) -> tuple[str, ...]:
    """The front matter's tags: a list of text (``[truce, Ganja]``), or one line of text whose commas
    separate them (``truce, Ganja``). Anything else, and a list item that is not text, is left out
    with a warning. At most 20 tags of 80 characters."""
    value = meta.get("tags")
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        problems.append(Problem(name, f"front matter 'tags' must be a list of text, not {type(value).__name__}",
                                "left the tags out", fatal=False))
        return ()
    def is_text(t) -> bool:
        return isinstance(t, (str, int, float)) and not isinstance(t, bool)

    kept = [t for t in value[:200] if is_text(t)]
    odd = next((t for t in value[:200] if not is_text(t)), None)
    if odd is not None or len(kept) < len(value[:200]):  # None itself is not text either
        problems.append(Problem(name, f"front matter 'tags' holds a value of type {type(odd).__name__}",
                                "left that tag out", fatal=False))
    tags = (" ".join(clean.text(str(t)[:400]).split())[:80] for t in kept)
    return tuple(t for t in tags if t)[:20]


def markdown_to_text(body: str) -> str:
    """Plain prose from a Markdown article: headings, emphasis and links unwrapped.

    Every pattern stops at a line end, at the next opening bracket or within a few hundred
    characters, so none of them can rescan a line from each of its characters (80,000 ``[`` took
    15 s when a link's text could run to the end of the file)."""
    body = re.sub(r"^#{1,6}[ \t]*", "", body, flags=re.M)
    body = re.sub(r"!\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)", r"\1", body)
    body = re.sub(r"\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)", r"\1", body)
    body = re.sub(r"(\*\*|__)([^\n]{1,500}?)\1", r"\2", body)
    body = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])", r"\1", body)
    body = re.sub(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])", r"\1", body)
    return body


def html_to_article_fields(html: str) -> tuple[dict, str]:
    """Metadata and main text of a web page, read within the time budget (see :data:`HTML_SECONDS`)."""
    from .html_worker import read

    return read(html, HTML_SECONDS)


def read_html(html: str) -> tuple[dict, str]:
    """Metadata and main text of a web page (trafilatura), in this process and without a time limit."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted HTML is a bad file, not a crash
        raise IngestError(f"HTML cannot be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise IngestError("HTML holds no article body")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    words = len(re.findall(r"[^\W\d_]+", body))
    if words < MIN_HTML_WORDS:
        raise IngestError(f"HTML holds no article body (only {words} words outside markup)")
    meta = {k: data.get(k) for k in ("title", "date", "url") if data.get(k)}
    if data.get("sitename"):
        meta["source"] = data["sitename"]
    if "date" in meta:
        meta["published"] = meta.pop("date")
    return meta, body


def first_line_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    m = re.match(r"(.{20,}?[.!?])\s", first + " ")
    title = m.group(1) if m and len(first) > 120 else first
    return title[:120].rstrip() + ("…" if len(title) > 120 else "")


def article_id(text: str, path: str | None) -> str:
    """A stable id: from the file's name, so that a corrected article keeps its page;
    from the text when there is no file (standard input)."""
    key = path if path and path != "-" else text
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def front_matter_id(value) -> str | None:
    """A user's ``id:``, as inert text: it only ever names the article, and pages hash it
    into their slug, so it cannot choose a path. Empty or non-scalar ids are ignored."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")[:200]
    return text or None


def looks_english(text: str) -> str | None:
    """None for English-looking text, else what it looks like (the extractors read English)."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if len(letters) < 40:
        return None
    latin = sum(c < "\u0250" for c in letters)
    if latin < len(letters) / 2:
        scripts: dict[str, int] = {}
        for c in letters:
            if c >= "\u0250":
                name = unicodedata.name(c, "OTHER").split()[0]
                scripts[name] = scripts.get(name, 0) + 1
        return f"text is mostly in {max(sorted(scripts), key=scripts.get).title()} letters, not English"
    words = re.findall(r"[a-z]+", text[:20_000].lower())
    if len(words) >= 80 and sum(w in _ENGLISH for w in words) < len(words) * 0.03:
        return "text does not look like English"
    return None


def cap_text(text: str) -> tuple[str, str | None]:
    """``text`` cut to :data:`MAX_TEXT` characters and :data:`MAX_LINES` lines, at a line end;
    with what was too big, for the warning."""
    too_big = []
    if len(text) > MAX_TEXT:
        too_big.append(f"{len(text):,} characters")
        cut = text.rfind("\n", 0, MAX_TEXT)
        text = text[: cut if cut > MAX_TEXT // 2 else MAX_TEXT].rstrip()
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        too_big.append(f"over {MAX_LINES:,} lines" if too_big else f"{lines:,} lines")
        pos = -1
        for _ in range(MAX_LINES):
            pos = text.find("\n", pos + 1)
        text = text[:pos].rstrip()
    return text, ("text has " + " on ".join(too_big)) if too_big else None


def article_from_bytes(data: bytes, name: str, published: dt.date | None = None) -> tuple[Article, list[Problem]]:
    """One article from a file's bytes; raises IngestError (and only that) when it cannot be used."""
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        problems.append(Problem(name, f"file is {len(data):,} bytes", f"read the first {MAX_BYTES:,}", fatal=False))
        data = data[:MAX_BYTES]
    suffix = Path(name).suffix.lower()
    raw, note = decode_noting(data, html=suffix in (".html", ".htm") or suffix not in SUFFIXES)
    if note:
        problems.append(Problem(name, note, "used the text", fatal=False))
    if suffix in (".html", ".htm") or (suffix not in SUFFIXES and raw.lstrip()[:15].lower().startswith(("<!doctype", "<html"))):
        meta, body = html_to_article_fields(clean.text(raw))
    else:
        # the front matter is found before the text is cut: a cut through it made it article text
        meta, body = split_front_matter(raw.replace("\r\n", "\n").replace("\r", "\n").lstrip(), problems, name)
        if len(body) > MAX_MARKUP:
            problems.append(Problem(name, f"file has {len(body):,} characters",
                                    f"read the first {MAX_MARKUP:,}", fatal=False))
            body = body[:MAX_MARKUP]
        body = clean_text(body)
        if suffix in (".md", ".markdown"):
            body = markdown_to_text(body)
    text = clean_text(body)
    if not text:
        raise IngestError("no text (the file is empty or holds only whitespace)")
    if not re.search(r"[^\W\d_]", text):
        raise IngestError("no words in the text")
    text, note = cap_text(text)
    if note:
        problems.append(Problem(name, note, f"used the first {len(text):,} characters", fatal=False))
    foreign = looks_english(text)
    if foreign:
        problems.append(Problem(name, foreign, "used it; expect few facts", fatal=False))
    title = text_field(meta, "title", problems, name) or first_line_title(text)
    raw_date = meta.get("published", meta.get("date"))
    when = parse_date(raw_date) or published
    if raw_date is not None and parse_date(raw_date) is None:
        problems.append(Problem(name, f"front matter date {_shown(raw_date)} is not a date", "left the date out",
                                fatal=False))
    tags = tag_list(meta, problems, name)
    given_id = front_matter_id(meta.get("id"))
    if meta.get("id") is not None and given_id is None:
        problems.append(Problem(name, f"front matter 'id' must be text, not {type(meta.get('id')).__name__}",
                                "used an id made from the file name", fatal=False))
    return (
        Article(
            id=given_id or article_id(text, name),
            title=title,
            text=text,
            published=when,
            source=text_field(meta, "source", problems, name),
            url=text_field(meta, "url", problems, name),
            path=name,
            tags=tags,
            sample=meta.get("sample") is True,
        ),
        problems,
    )


def unique_ids(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """Articles whose ids and page addresses are unique: a repeated front-matter ``id:``, or an id
    whose slug another article already has (same title, same short hash), gets a suffix, so that two
    articles never share a page or a cache entry and neither is lost."""
    seen: dict[str, str] = {}  # id -> who has it
    pages: dict[str, str] = {}  # slug -> who has it
    out, problems = [], []
    for a in articles:
        new_id, n = a.id, 1
        while new_id in seen or slugs.article_slug(dataclasses.replace(a, id=new_id)) in pages:
            n += 1
            new_id = f"{a.id}-{n}"
        if new_id != a.id:
            if a.id in seen:
                problem = f"id {a.id!r} is already used by {seen[a.id]}"
            else:
                problem = f"page address {slugs.article_slug(a)!r} is already used by {pages[slugs.article_slug(a)]}"
            problems.append(Problem(a.path or a.id, problem, f"used the id {new_id!r}", fatal=False))
            a = dataclasses.replace(a, id=new_id)
        seen[new_id] = pages[slugs.article_slug(a)] = a.path or new_id
        out.append(a)
    return out, problems


def read_article(path: Path, published: dt.date | None = None, name: str | None = None) -> tuple[Article | None, list[Problem]]:
    """The article in ``path``, or None with the problem that stopped it. Never raises.

    ``name`` is how messages and ids refer to the file (default: the path as given)."""
    name = name or str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            size = len(data)
        else:
            with open(path, "rb") as f:  # at most MAX_BYTES + 1 bytes in memory, however big the file
                size = os.fstat(f.fileno()).st_size
                data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [Problem(name, f"cannot be read ({exc.strerror or exc})", "skipped it")]
    try:
        article, problems = article_from_bytes(data, name, published)
    except IngestError as exc:
        return None, [Problem(name, str(exc), "skipped it")]
    except Exception as exc:  # noqa: BLE001 - a hostile file must never stop the build with a traceback
        return None, [Problem(name, f"cannot be read ({type(exc).__name__}: {exc})", "skipped it")]
    if size > len(data):
        problems = [Problem(name, f"file is {size:,} bytes", f"read the first {MAX_BYTES:,}", fatal=False)] + \
            [p for p in problems if not p.problem.startswith("file is ")]
    return article, problems
