"""Where a page lives: slugs, decided here and nowhere else.

A briefing's address is its title's words and a short hash of its article's id. Reading the
articles (:func:`generator.ingest.unique_ids`) makes sure that no two articles get one address,
so every page below reads the slug from here and never meets a collision.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

DIGEST_CHARS = 6
"""Hex digits of the article id's hash in a briefing's slug: enough to tell same-titled articles
apart; the rare collision is resolved when the articles are read."""


def slugify(text: str, limit: int = 60) -> str:
    """A lowercase ASCII slug that is safe as one path segment on every system."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:limit].rstrip("-") or "untitled"


def article_slug(article) -> str:
    """Title words plus a short hash of the article id: readable and unique (case, length, traversal safe)."""
    digest = hashlib.sha256(article.id.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]
    return f"{slugify(article.title)}-{digest}"
