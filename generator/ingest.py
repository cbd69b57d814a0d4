"""Reading articles from files: front matter, plain text, Markdown and HTML.

Every byte read here is untrusted. A file that cannot be used gives a
:class:`Problem` (file, what is wrong, what was done) instead of an exception,
so that one bad article never stops the rest of the site.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Article
from .nlp import MAX_CHARS

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
MAX_BYTES = 5_000_000
"""Bytes read from one file; the rest is cut with a warning."""


@dataclass(frozen=True)
class Problem:
    path: str
    problem: str
    action: str
    fatal: bool = True  # False: the article was still used (e.g. truncated)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}; {self.action}"


class IngestError(Exception):
    """An article that cannot be used; the message says why."""


def find_articles(paths: list[Path]) -> list[Path]:
    """Article files under ``paths`` in a stable order (directories are walked)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
                )
            )
        else:
            found.append(p)
    return found


def decode(data: bytes) -> str:
    """Text from bytes in UTF-8, UTF-16 (with BOM) or Windows-1252; refuses binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:4096]
    if head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")):
        raise IngestError("binary file (not text)")
    if head.count(b"\x00") > len(head) // 10 and head:
        raise IngestError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def clean_text(text: str) -> str:
    """Normalised text: NFC, Unix newlines, no NULs or control characters, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text.strip()


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (between ``---`` lines) and the body."""
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.S)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise IngestError(f"malformed YAML front matter{where}") from None
    if not isinstance(meta, dict):
        raise IngestError("front matter is not a mapping of keys to values")
    return meta, text[m.end():]


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


def text_field(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float, dt.date)):
        return " ".join(str(value).split())
    raise IngestError(f"front matter '{key}' must be text, not {type(value).__name__}")


def markdown_to_text(body: str) -> str:
    """Plain prose from a Markdown article: headings, emphasis and links unwrapped."""
    body = re.sub(r"^#{1,6}\s*", "", body, flags=re.M)
    body = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"(\*\*|__)(.+?)\1", r"\2", body)
    body = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])", r"\1", body)
    body = re.sub(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])", r"\1", body)
    return body


def html_to_article_fields(html: str) -> tuple[dict, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        raise IngestError("HTML holds no article body")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    if not body.strip():
        raise IngestError("HTML holds no article body")
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


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_from_bytes(data: bytes, name: str, published: dt.date | None = None) -> tuple[Article, list[Problem]]:
    """One article from a file's bytes; raises IngestError when it cannot be used."""
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        problems.append(Problem(name, f"file is {len(data):,} bytes", f"read the first {MAX_BYTES:,}", fatal=False))
        data = data[:MAX_BYTES]
    raw = decode(data)
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in SUFFIXES and raw.lstrip()[:15].lower().startswith(("<!doctype", "<html"))):
        meta, body = html_to_article_fields(raw)
    else:
        meta, body = split_front_matter(clean_text(raw))
        if suffix in (".md", ".markdown"):
            body = markdown_to_text(body)
    text = clean_text(body)
    if not text:
        raise IngestError("no text (the file is empty or holds only whitespace)")
    if not re.search(r"\w", text):
        raise IngestError("no words in the text")
    if len(text) > MAX_CHARS:
        problems.append(Problem(name, f"text is {len(text):,} characters", f"used the first {MAX_CHARS:,}", fatal=False))
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS].rstrip()
    title = text_field(meta, "title") or first_line_title(text)
    when = parse_date(meta.get("published", meta.get("date"))) or published
    if meta.get("published", meta.get("date")) is not None and parse_date(meta.get("published", meta.get("date"))) is None:
        problems.append(Problem(name, f"front matter date {meta.get('published', meta.get('date'))!r} is not a date", "left the date out", fatal=False))
    tags = meta.get("tags") or ()
    tags = tuple(str(t) for t in tags) if isinstance(tags, list) else ()
    return (
        Article(
            id=str(meta.get("id")) if isinstance(meta.get("id"), (str, int)) else article_id(text, name),
            title=title,
            text=text,
            published=when,
            source=text_field(meta, "source"),
            url=text_field(meta, "url"),
            path=name,
            tags=tags,
            sample=bool(meta.get("sample")),
        ),
        problems,
    )


def read_article(path: Path, published: dt.date | None = None, name: str | None = None) -> tuple[Article | None, list[Problem]]:
    """The article in ``path``, or None with the problem that stopped it.

    ``name`` is how messages and ids refer to the file (default: the path as given)."""
    name = name or str(path)
    try:
        data = path.read_bytes() if str(path) != "-" else sys.stdin.buffer.read()
    except OSError as exc:
        return None, [Problem(name, f"cannot be read ({exc.strerror or exc})", "skipped it")]
    try:
        return article_from_bytes(data, name, published)
    except IngestError as exc:
        return None, [Problem(name, str(exc), "skipped it")]
    except (UnicodeError, ValueError) as exc:
        return None, [Problem(name, f"cannot be decoded ({exc})", "skipped it")]
