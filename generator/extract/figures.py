"""Figures: numbers with what they count.

A figure is a count or an amount a reader of a crisis briefing wants at a
glance: "30,000 people killed", "tens of thousands displaced", "10 hours of
talks", "£38,831". Candidates are spaCy's number entities (CARDINAL, QUANTITY,
MONEY, PERCENT), durations that count something ("12 days of fighting"), and
vague amounts ("hundreds", "tens of thousands", "dozens") that spaCy does not
always tag. Dates, years, clock times, ages, scores and list numbers are not
figures and are skipped; so is a bare number whose counted thing cannot be found.

``value`` is the number when one can be derived ("30,000" -> 30000, "$2.5bn" ->
2.5e9, "three" -> 3). For a vague amount it is the order of magnitude it names,
a lower bound: "dozens" -> 12, "hundreds" -> 100, "thousands" -> 1000,
"tens of thousands" -> 10000, "hundreds of thousands" -> 100000.
"""
from __future__ import annotations

import re

from ..nlp import text_of
from ..model import Figure

_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
          "b": 1_000_000_000, "tn": 1_000_000_000_000}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
_VAGUE_RE = re.compile(r"\b(?:(?:tens|hundreds) of )?(?:dozens|hundreds|thousands|millions|billions)\b", re.I)
_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?)"
_DURATION = re.compile(rf"^(?:the |an? |almost |nearly |about |around |more than |over |at least |some |just )*"
                       rf"[\w.,-]+(?: [\w-]+)? {_UNITS}$", re.I)
_CLOCK = re.compile(r"\d\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:midday|midnight|noon|o'clock)\b|\d:\d\d", re.I)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$")
_SCORE = re.compile(r"^\d+\s*[-–]\s*\d+$")
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen", "us$": "dollars"}
_VERB_DEPS = ("dobj", "nsubjpass", "nsubj", "attr", "oprd")


def value_of(text: str) -> float | None:
    """The number a figure's text states, or the lower bound of a vague amount; None if neither."""
    s = text.lower().replace("’", "'").strip()
    m = re.search(r"(?:(tens|hundreds) of )?(dozens|scores|hundreds|thousands|millions|billions)\b", s)
    if m and not re.search(r"\d", s):
        base = _VAGUE[m.group(2)]
        return float(base * {"tens": 10, "hundreds": 100, None: 1}[m.group(1)])
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(dozen|hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)?\b", s)
    if m:
        digits = m.group(1).replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            return None
        return number * _SCALE.get(m.group(2) or "", 1)
    total, current, seen = 0, 0, False
    words = re.findall(r"[a-z]+", s)
    for i, word in enumerate(words):
        if word in _WORDS:
            current += _WORDS[word]
            seen = True
        elif word in ("a", "an") and not seen and i + 1 < len(words) and words[i + 1] in _SCALE:
            current, seen = 1, True
        elif word in _SCALE and word not in ("k", "m", "b", "mn", "bn", "tn") and seen:
            if _SCALE[word] >= 1000:
                total, current = total + max(current, 1) * _SCALE[word], 0
            else:
                current = max(current, 1) * _SCALE[word]
    return float(total + current) if seen else None


def _phrase(noun, after: int = -1) -> str:
    """The counted noun with the modifiers between the number and it ('Ethiopian Christians')."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and after <= c.i < noun.i and c.ent_type_ not in
            ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "ORDINAL")]
    start = min([noun.i] + [m.i for m in mods])
    return "".join((t.text if _proper(t) else t.lower_) + t.whitespace_ for t in noun.doc[start:noun.i + 1]).strip()


def _proper(tok) -> bool:
    """A name keeps its capital ("Russian peacekeepers"); common words are lower-cased."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "LOC", "ORG", "PERSON", "FAC")


def _of_noun(span):
    """The noun after 'of' just past the span: 'tens of thousands of *people*', '10 hours of *talks*'."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
        for tok in doc[span.end + 1:span.end + 5]:
            if tok.dep_ == "pobj" and tok.head.i == span.end:
                return tok if tok.pos_ in ("NOUN", "PROPN", "VERB") else None
    return None


def _verb_of(tok) -> str:
    """The verb a counted phrase is the object or subject of ('killed', 'displaced'), or ''."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return ""
    if tok.dep_ in _VERB_DEPS and tok.head.pos_ == "VERB" and tok.head.tag_ in ("VBD", "VBN"):
        verb = tok.head
        if tok.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            return ""  # "two students filed lawsuits": the count is of students, not of filing
        while tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "xcomp" for c in verb.children):
            verb = next(c for c in verb.children if c.dep_ == "xcomp")
        return verb.text.lower()
    return ""


def what_of(span) -> str:
    """What a number counts: 'people killed', 'hours of talks', 'killed', 'pounds'; '' when unknown."""
    root = span.root
    counted = None
    low = span.text.lower()
    if "per cent" in low or "percent" in low or "%" in low:
        return "per cent"
    unit = next((t for t in span if t.pos_ == "NOUN" and not t.like_num and not any(c.isdigit() for c in t.text)
                 and t.lower_ not in _VAGUE
                 and t.lower_ not in ("tens", "dozen", "hundred", "thousand", "million", "billion")), None)
    after = _of_noun(span)
    if unit is not None:  # '10 hours', '12 days', '7.8 magnitude', '12 per cent'
        head = _phrase(unit)
        if after is not None:
            return f"{head} of {_phrase(after)}"
        counted = unit
    elif after is not None:
        counted = after
    elif (root.dep_ in ("nummod", "quantmod", "amod", "npadvmod", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
          or root.dep_ == "compound" and root.head.pos_ == "NOUN") and root.head.i >= span.end:
        counted = root.head
    if counted is not None:
        owner = counted if counted is not after else root
        verb = _verb_of(owner)
        phrase = _phrase(counted, span.end)
        return f"{phrase} {verb}".strip() if verb and verb not in phrase else phrase
    verb = _verb_of(root)
    if span.label_ == "MONEY":
        return f"{_currency(span) or 'money'} {verb}".strip()
    return verb


def _currency(span) -> str:
    """'dollars', 'pounds', ... from the symbol or word of a money amount, or ''."""
    low = text_of(span.doc)[max(0, span.start_char - 3):span.end_char].lower()
    for sym, name in _CURRENCY.items():
        if sym in low:
            return name
    m = re.search(r"\b(dollars?|pounds?|euros?|yen|yuan|rupees?|roubles?|rubles?|francs?)\b", low)
    return m.group(1).rstrip("s") + "s" if m else ""


def _skip(span, text: str) -> bool:
    """Not a figure: a year, a clock time, an age, a score, a list number, or the pronoun 'one'."""
    low = text.lower().strip()
    bare = re.sub(r"^(?:only|just|some|about|around|nearly|almost|at least)\s+", "", low)
    if text_of(span.doc)[span.end_char:span.end_char + 1] == "-" and span.label_ != "MONEY":
        return True  # "14-time winner", "a 25-footer", "14-under-par"
    if _YEAR.match(low) or _SCORE.match(low) or _CLOCK.search(low) or bare in ("one", "a", "an", "zero"):
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in ("the", "these", "those", "both", "all") and re.fullmatch(r"[a-z]+", low):
        return True  # "the two countries": a reference to things already named, not a count
    if before is not None and before.lower_ in ("no", "no.", "number", "#", "aged", "age", "page", "chapter"):
        return True
    if after is not None and re.match(r"-?(?:years?|months?|weeks?)-old", text_of(doc)[span.end_char:span.end_char + 12]):
        return True
    if after is not None and after.lower_ in ("year", "years", "yr") and doc[span.end + 1:span.end + 2].text == "old":
        return True
    # An age in apposition: "Jane Doe, 48, said ..."
    if before is not None and before.text == "," and span.start >= 2 and doc[span.start - 2].ent_type_ == "PERSON" \
            and after is not None and after.text in (",", ".") and len(span) == 1:
        return True
    return False


def extract(doc) -> list[Figure]:
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    spans = []
    for ent in doc.ents:
        if ent.label_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            spans.append(ent)
        elif ent.label_ in ("DATE", "TIME") and _DURATION.match(ent.text) and _of_noun(ent) is not None:
            spans.append(ent)  # '12 days of fighting', '10 hours of talks': durations that count something
    for m in _VAGUE_RE.finditer(text_of(doc)):
        if not any(e.start_char <= m.start() < e.end_char or m.start() <= e.start_char < m.end() for e in spans):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    for span in sorted(spans, key=lambda s: s.start_char):
        text = span.text
        lead = re.match(r"the\s+", text, re.I)
        start = span.start_char + (lead.end() if lead else 0)
        if text_of(doc)[start - 1:start] in ("$", "£", "€", "¥"):
            start -= 1  # the currency sign belongs to the amount
        text = text_of(doc)[start:span.end_char]
        if _skip(span, text) or value_of(text) is None or any(a < span.end_char and start < b for a, b in taken):
            continue
        what = what_of(span)
        if not what:
            continue
        taken.append((start, span.end_char))
        out.append(Figure(text=text, value=value_of(text), what=what, start=start, end=span.end_char))
    return out
