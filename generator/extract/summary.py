"""Summary: a few sentences of the article, in article order.

News is written lead first, so the opening sentences carry most of the story;
the extractor starts from them and only leaves the lead for a sentence that is
clearly not content (a dateline, a byline, a photo caption, a headline-only
first line, a repeat of something already picked). Later sentences can step in
when they are central to the article (share many words with the rest of it),
weighed against a strong preference for early positions.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from ..nlp import Layout, layout_of, text_of
from ..model import Sentence, Span

MIN_WORDS = 6
"""Shorter sentences are headlines, kickers or fragments, not summary material."""

CW = 0.15
"""Weight of centrality against position; small, since the lead is usually the best summary."""
REPEAT = 0.6
"""Share of a sentence's content words already in the summary above which it is a repeat."""

# What to cut from the start of a sentence besides the article's dateline (nlp.Layout): "By . Jo Smith . PUBLISHED: ...".
_BOILER = re.compile(r"^(?:Scroll down for (?:the )?video|Click here[^.]*|READ MORE:?[^.]*|PUBLISHED:[^|]*?\d{4}\s*\|?"
                     r"|UPDATED:[^|]*?\d{4}\s*\|?|By \.(?: [^.]{1,60} \.)?|Last updated at[^.]*\.)\s*", re.I)
# A photo caption glued to the next sentence: "Guilty: John Doe, 56, pictured in 2012 A man who ..."
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’,-]*(?: [\w'’,-]+){0,4}: ")
_GLUED_START = re.compile(r"(?<=[a-z0-9)’'])\s+(?=(?:A|An|The|Police|Officers|Mr|Mrs|Ms|Dr)\s)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*")
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is was were are be been being has have had
he she it they we i you his her its their our my your him them us this that these those there here who whom which what
when where why how not no so than then too very can could will would shall should may might must do does did said says
also just about into over after before up down out more most some any all one two s""".split())


def _content(text: str) -> list[str]:
    return [w.lower().rstrip(".,") for w in _WORD.findall(text) if w.lower() not in _STOP]


def clean_span(text: str, start: int, end: int, layout: Layout | None = None) -> tuple[int, int] | None:
    """The part of a sentence that is content, or None when none of it is.

    Cuts the article's headline, byline and dateline (``layout``, :class:`nlp.Layout`) and
    boilerplate off the front, and photo captions that the sentence splitter glued onto the
    sentence after them; drops a span that is only a caption or too short to say anything.
    """
    cuts = [(0, layout.headline_end)] if layout and layout.headline_end else []
    cuts += [spot for spot in (layout.byline, layout.dateline) if spot] if layout else []
    changed = True
    while changed:
        changed = False
        for a, b in cuts:
            if a <= start < b < end:  # a headline or a byline glued to the lead, a dateline opening it
                start = b
                while start < end and text[start].isspace():
                    start += 1
                changed = True
        s = text[start:end]
        m = _BOILER.match(s)
        if m and m.end() > 0:
            start += m.end()
            changed = True
            s = text[start:end]
        if _CAPTION_LABEL.match(s):
            glued = _GLUED_START.search(s, _CAPTION_LABEL.match(s).end())
            if glued is None:
                return None
            start += glued.end()
            changed = True
    s = text[start:end]
    if len(_WORD.findall(s)) < MIN_WORDS:
        return None
    if not re.search(r"[.!?'\"’”)]\s*$", s):  # a headline or caption line without an end stop
        return None
    if re.search(r"\b(?:pictured|\(?(?:left|right|centre|center|above|below)\)?)\b", s[:80]) and ":" in s[:40]:
        return None
    return start, end


def extract(doc, sentences: list[Sentence], size: int = 3, max_size: int = 5, window: int = 8,
            budget: int = 60) -> list[Span]:
    """``size`` to ``max_size`` sentences, preferring the lead, within about ``budget`` words.

    Each usable sentence among the first ``window`` is scored by its position
    (a steep decay) plus its centrality (how much of its vocabulary recurs in
    the article); picks skip repeats of what is already chosen.
    """
    text = text_of(doc)
    spans = [c for c in (clean_span(text, s.start, s.end, layout_of(doc)) for s in sentences) if c]
    if not spans:
        return [(s.start, s.end) for s in sentences[:size]]
    words = [_content(text[a:b]) for a, b in spans]
    freq = Counter(w for ws in words for w in set(ws))
    scored = []
    for i, ((a, b), ws) in enumerate(zip(spans, words)):
        if i >= window:
            break
        central = sum(math.log1p(freq[w] - 1) for w in set(ws)) / (len(set(ws)) + 5) if ws else 0.0
        scored.append((1.0 / (1 + i) + CW * central, i))
    picked: list[int] = []
    seen: set[str] = set()
    n_words = 0
    for _, i in sorted(scored, reverse=True):
        ws = set(words[i])
        if ws and len(ws & seen) / len(ws) > REPEAT:
            continue
        picked.append(i)
        seen |= ws
        n_words += len(_WORD.findall(text[spans[i][0]:spans[i][1]]))
        if len(picked) >= max_size or (len(picked) >= size and n_words >= budget):
            break
    return [spans[i] for i in sorted(picked)]
