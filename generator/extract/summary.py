"""Summary: a few sentences of the article, in article order."""
from __future__ import annotations

from ..model import Sentence, Span


def extract(doc, sentences: list[Sentence], size: int = 3) -> list[Span]:
    """The lead: news puts what matters first."""
    text = doc.text
    picked = [s for s in sentences if len(text[s.start:s.end].split()) >= 6][:size]
    return [(s.start, s.end) for s in picked]
