"""Sentences: the anchors every fact links to."""
from __future__ import annotations

from ..model import Sentence
from ..nlp import text_of


def split(doc) -> list[Sentence]:
    """Sentence spans without surrounding white space, in order, never empty."""
    out: list[Sentence] = []
    full = text_of(doc)  # a slice of the text is the span's text, without joining its tokens again
    for sent in doc.sents:
        text = full[sent.start_char:sent.end_char]
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append(Sentence(start, end))
    return out
