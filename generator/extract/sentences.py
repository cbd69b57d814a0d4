"""Sentences: the anchors every fact links to."""
from __future__ import annotations

from ..model import Sentence


def split(doc) -> list[Sentence]:
    """Sentence spans without surrounding white space, in order, never empty."""
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append(Sentence(start, end))
    return out
