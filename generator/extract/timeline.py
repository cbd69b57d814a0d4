"""Timeline: dates in the text, resolved against the publication date.

spaCy's DATE entities are the candidates. Many of them are not points in time
(durations such as "12 days" or "almost two weeks", ages such as "11-year-old",
decades, seasons, "daily"), so each is normalised and filtered before anything
is resolved. Bare years, weekdays and "today"/"yesterday" are resolved here,
directly; the rest ("late September", "last year", "Oct. 3", "March 2014",
"two years ago") goes to dateparser, with one parser per publication date built
once and cached. Without a publication date only absolute dates (ones that
name their year) are kept: anything relative would be resolved against the
day the tool runs, which is wrong.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .. import wordlists
from ..nlp import text_of
from ..model import Event

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|seasons?|weekends?)"
_QTY = (r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|"
        r"several|many|couple|half|dozen|dozens|hundreds|some|the)")

# Words in front of a date that say which part of it, or how it relates to the event: dropped before resolving.
_LEAD = re.compile(r"^(?:the|since|until|till|from|by|on|in|at|during|before|after|around|about|as of|as early as|"
                   r"as recently as|early|late|mid|mid-|earlier|later|just|only|exactly|end of|beginning of|"
                   r"start of|middle of|the end of|the beginning of|the start of|the middle of|the turn of)[\s-]+")
# Not a point in time: ages, repetition, decades and centuries, seasons, spans, sports seasons.
_NOT_A_DATE = re.compile(r"\b(?:old|olds|aged?|every|each|daily|weekly|monthly|annual|annually|yearly|decades?|"
                         rf"centur(?:y|ies)|season|seasons|summer|winter|spring|autumn|fall|weekends?|quarter|half|"
                         r"generation|lifetime|past|coming|next \d|next (?:few|several|two|three)|recent|"
                         r"first|second|third|same|remaining|entire|whole|long|later|earlier|previous|following)\b"
                         r"|\d0s\b|'\d\ds?\b|\d-year|\bmy\b|\bhis\b|\bher\b|\btheir\b|\bour\b")
_DURATION = re.compile(rf"\b{_QTY}(?:[\s-]+(?:and|or|to|a|of|more|extra|additional|{_QTY}))*[\s-]+{_UNIT}\b")
_YEAR = re.compile(r"^(?:the year )?(1[0-9]\d\d|20\d\d)$")
_WEEKDAY = re.compile(r"^(?:(last|this|next|on)\s+)?(" + "|".join(WEEKDAYS) + r")"
                      r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?$")
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "tomorrow": 1}
_DATE_WORD = re.compile(rf"\b(?:{_MONTH_RE}|{'|'.join(WEEKDAYS)}|(?:last|this|next) (?:year|month)|ago|"
                        r"1[0-9]\d\d|20\d\d)\b")
_EXPLICIT_YEAR = re.compile(r"\b(?:1[0-9]\d\d|20\d\d)\b")
_RANGE_SPLIT = re.compile(r"\s+(?:and|to|until|through)\s+")


def _words(path="timeline_words.tsv") -> dict[str, set]:
    out: dict[str, set] = {kind: set() for kind in ("event", "clock", "future", "past", "part-of-day", "plan", "term",
                                                  "compare", "compare-prep", "modal")}
    for _n, (kind, word, *_note) in wordlists.rows(path, key=lambda row: (row[0], row[1].strip())):
        out[kind].add(word.strip())
    return out


WORDS = _words()
"""The word lists of data/timeline_words.tsv by kind: "event" nouns a date in front of dates, "clock" words, the
"future", "past" and "modal" auxiliaries, "part-of-day" nouns, the "plan" and "term" prepositions, and the "compare" and
"compare-prep" words of a date told for contrast."""

DUPLICATE_OVERLAP = 0.4
"""Two events on the same day or month (a year holds many) are one when this share of the smaller one's content words (nouns,
verbs, names) is also in the other, and at least DUPLICATE_SHARED words are."""
DUPLICATE_SHARED = 2


@lru_cache(maxsize=16)
def _parser(published: dt.date | None):
    """One dateparser per publication date: building it is the slow part, so never per entity.

    English only (no language detection), and only the relative and absolute
    parsers (no timestamps or free formats) to keep it fast and strict.
    """
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
                "PARSERS": ["relative-time", "absolute-time"]}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    return DateDataParser(languages=["en"], settings=settings)


def normalise(text: str) -> str:
    """Lower case, single spaces, without possessives and leading 'since'/'late'/'the end of'."""
    s = " ".join(text.lower().replace("’", "'").split())
    s = re.sub(r"'s$", "", s).strip(" ,.-")
    while True:
        t = _LEAD.sub("", s, count=1)
        if t == s:
            return s
        s = t


def _fmt(d: dt.date, precision: str) -> str:
    return {"year": f"{d:%Y}", "month": f"{d:%Y-%m}"}.get(precision, f"{d:%Y-%m-%d}")


def _weekday(day: str, which: str | None, published: dt.date, future: bool) -> dt.date:
    """A weekday near the publication date: the latest one on or before it (news reports what
    happened), the next one on or after it for a future event or 'next', a week back for 'last'."""
    target = WEEKDAYS.index(day)
    back = (published.weekday() - target) % 7
    if which == "next" or (future and which != "last"):
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or (7 if which == "next" else 0))
    if which == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


@lru_cache(maxsize=4096)
def resolve(text: str, published: dt.date | None, future: bool = False) -> tuple[str, str] | None:
    """``(date, precision)`` for a date expression, or None when it is not a point in time, or
    when it falls off the calendar ("tomorrow" in an article dated 9999-12-31)."""
    try:
        return _resolve(text, published, future)
    except (OverflowError, ValueError):
        return None


def _resolve(text: str, published: dt.date | None, future: bool) -> tuple[str, str] | None:
    s = normalise(text)
    if not s or _NOT_A_DATE.search(s) and not _EXPLICIT_YEAR.fullmatch(s):
        return None
    if _DURATION.search(s) and not s.endswith(" ago"):
        return None
    m = _YEAR.match(s)
    if m:
        year = int(m.group(1))
        return (m.group(1), "year") if year <= (published.year + 50 if published else 2100) else None
    if published is None and not _EXPLICIT_YEAR.search(s):
        return None
    if s in _DAY_WORDS:
        return _fmt(published + dt.timedelta(days=_DAY_WORDS[s]), "day"), "day"
    m = _WEEKDAY.match(s)
    if m:
        return _fmt(_weekday(m.group(2), m.group(1), published, future), "day"), "day"
    m = re.fullmatch(r"(last|this|next) week", s)
    if m and not text.lower().lstrip().startswith("the "):  # 'spent the next week inspecting' is a span
        return _week(m.group(1), published)
    if not _DATE_WORD.search(s) or re.fullmatch(r"[\d\s/.,-]+", s) and not _EXPLICIT_YEAR.search(s):
        return None
    if re.fullmatch(r"\d{4}\s*[-/–]\s*\d{2}", s):
        return None  # a season or financial year, "2013-14"
    if published:
        s = _explicit_year(s, published)
    parsed = _parser(published).get_date_data(s)
    if not parsed or not parsed.date_obj or parsed.period not in ("day", "part_of_day", "time", "month", "year"):
        return None  # a week is no date on a year/month/day timeline
    d = parsed.date_obj.date()
    precision = parsed.period if parsed.period in ("month", "year") else "day"
    if published and not _EXPLICIT_YEAR.search(s) and re.search(_MONTH_RE, s) and not re.search(r"\b(?:last|next|ago)\b", s):
        # "in March", "Oct. 3": the year of publication, unless that puts it months after the article.
        d = d.replace(year=published.year)
        if future:  # 'will open on 24 December': the next one
            if _fmt(d, precision) < _fmt(published, precision):
                d = d.replace(year=published.year + 1)
        elif d > published + dt.timedelta(days=92):
            d = d.replace(year=published.year - 1)
    return _fmt(d, precision), precision


def _week(which: str, published: dt.date) -> tuple[str, str] | None:
    """'last week', 'this week', 'next week': the month, when the whole week (Monday to Sunday) lies in one;
    a week is no point on a year/month/day timeline, but its month is."""
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[which])
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None
    return _fmt(monday, "month"), "month"


def _explicit_year(s: str, published: dt.date) -> str:
    """Spell out the year of 'August last year', 'last May', 'next March': dateparser reads none of them."""
    m = re.fullmatch(rf"({_MONTH_RE}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?),?\s+(?:of\s+)?(last|this|next) year", s)
    if m:
        return f"{m.group(1)} {published.year + {'last': -1, 'this': 0, 'next': 1}[m.group(2)]}"
    m = re.fullmatch(rf"(last|next)\s+({_MONTH_RE})", s)
    if m:
        month = _MONTHS.index(m.group(2).rstrip(".")[:3]) + 1
        if m.group(1) == "last":
            return f"{m.group(2)} {published.year if month < published.month else published.year - 1}"
        return f"{m.group(2)} {published.year if month > published.month else published.year + 1}"
    return s


def _is_future(span) -> bool:
    """Whether the verb a date hangs from speaks of the future ('will meet on Monday')."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in WORDS["future"] for c in tok.children):
            return True
        if tok.pos_ == "VERB" and tok.dep_ not in ("xcomp", "advcl", "pcomp", "acl"):
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


SENTENCE_MAX_TOKENS = 45
"""A subordinate clause with a date is read with the clause it hangs on (or its sentence) when that
is no longer than this; a longer one gives way to the subordinate clause."""


def clause(span) -> str:
    """The clause a date belongs to: the nearest verb above it that has a subject, else the sentence.

    A subordinate clause does not stand alone on a timeline ("which was struck twice on October 8",
    "before Armenian forces took it in May 1992"), so the clause it hangs on is taken instead, up to
    the whole sentence when that is short enough.
    """
    sent = span.sent
    tok = span.root
    fragment = None
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
            lo, hi = tok.left_edge.i, tok.right_edge.i + 1
            if hi - lo < 6:
                continue
            if not _subordinate(tok):
                return fragment if fragment and hi - lo > SENTENCE_MAX_TOKENS else _tidy(span.doc[lo:hi].text)
            fragment = fragment or _tidy(span.doc[lo:hi].text)
    if fragment is not None and len(sent) > SENTENCE_MAX_TOKENS:
        return fragment
    return sent.text.strip()


def _tidy(clause_text: str) -> str:
    """A clause cut from its sentence without the comma or dash that joined it to the rest."""
    return clause_text.strip().rstrip(",;:—– ").strip()


def _subordinate(verb) -> bool:
    """A relative or adverbial clause: it needs the clause it hangs on to make sense."""
    if verb.dep_ in ("relcl", "acl", "advcl"):
        return True
    return any(c.dep_ == "mark" or (c.dep_ in ("nsubj", "nsubjpass", "advmod") and c.tag_ in ("WDT", "WP", "WRB")
                                   and c.i < verb.i) for c in verb.children)


def _parts(ent):
    """The ent itself, or both ends of a range ('between 1978 and 1990') as char spans."""
    text = ent.text
    body = re.sub(r"^(?:between|from)\s+", "", text, flags=re.I)
    offset = ent.start_char + len(text) - len(body)
    pieces = _RANGE_SPLIT.split(body)
    if len(pieces) == 2 and all(_DATE_WORD.search(p.lower()) for p in pieces):
        second = body.rindex(pieces[1])
        return [(offset, offset + len(pieces[0])), (offset + second, offset + second + len(pieces[1]))]
    return [(ent.start_char, ent.end_char)]


_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "poss", "det", "nmod", "quantmod"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB"})


def _noun_modified(ent):
    """The noun a date stands in front of ('the 23 March strike', "Sunday's earthquake", 'the 1965
    Fender Stratocaster', 'the 2004 Jesse Owens Awards'), or None when the date is not a modifier of a noun."""
    doc, root = ent.doc, ent.root
    before = doc[ent.start - 1] if ent.start > 0 and not ent[0].is_sent_start else None
    while before is not None and before.is_space:
        before = doc[before.i - 1] if before.i > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.pos_ == "ADP" and root.dep_ != "poss" and (after is None or after.pos_ != "NOUN"):
        return None  # right after a preposition, before a name, it is the preposition's object: 'on Tuesday Mr Ebbers denied'
    if (_WEEKDAY.match(normalise(ent.text)) or normalise(ent.text) in _DAY_WORDS) and root.dep_ != "poss" and (
            before is None or before.pos_ in ("PUNCT", "SCONJ", "ADV") or before.is_sent_start):
        return None  # 'Yesterday General Motors' results showed': a weekday or 'today' before a noun is its clause's date
    if before is not None and after is not None and (
            before.pos_ in ("DET", "PRON") and after.pos_ == "PROPN" and after.is_title
            or before.tag_ == "POS" and after.pos_ in ("NOUN", "PROPN")):
        head = after  # between a determiner or possessive and a name the date is part of it, however it was parsed
    elif root.dep_ in _MODIFIER_DEPS:
        head = root.head
    else:
        return None
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head.i < ent.end or head.lower_ in WORDS["part-of-day"]:
        return None  # 'Friday evening' is a date, not a date in front of a noun
    return head


def _own_clause(noun):
    """A relative clause on the noun's phrase with a finite verb ('a 1994 war over the territory that
    killed 30,000 people'): the phrase then tells the event by itself."""
    return next((t for t in noun.subtree if t.i > noun.i and t.dep_ == "relcl"
                 and (t.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") for c in t.children))), None)


def _background(ent) -> bool:
    """A 'since' phrase that only sets the scene: with a verb of its own ('since coming to power in
    1997'), hung on a noun ('their first title since 1985', 'the lowest level since 1990'), after a
    negated verb ('have not won since 1990') or a first/superlative ('the first time since'). What
    has gone on since a date ('the fighting has killed hundreds since late September') stays."""
    tok = ent.root
    while tok.head.i != tok.i:
        head = tok.head
        if head.lower_ == "since" and head.dep_ == "prep":
            if tok.pos_ in ("VERB", "AUX"):
                return True
            gov = head.head
            if gov.pos_ not in ("VERB", "AUX"):
                return True
            if any(c.dep_ == "neg" for c in gov.children):
                return True
            return any(t.lower_ in ("first", "last") or t.tag_ in ("JJS", "RBS")
                       for c in gov.children if c.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "advmod", "prep")
                       and c.i != head.i for t in c.subtree)
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "pcomp":
            return False
        tok = head
    return False


def _deadline(ent) -> str | None:
    """'plan' for a target ('by 2008', 'by the end of 2005'), 'term' for what a date is meant for
    ('for 2005'), 'reference' for a date something is compared with ('slower than in 2004', 'up $3bn from
    2003', 'compared with a loss a year ago', 'as in 2001', 'unlike 1992'); None otherwise."""
    tok = ent.root
    for _ in range(5):
        head = tok.head
        if head.i == tok.i:
            return None
        if _compared(tok, head):
            return "reference"
        if head.lemma_.lower() == "compare" and head.tag_ == "VBN":
            return "reference"
        if head.pos_ == "NOUN" and head.lemma_.lower() in WORDS["event"] and tok.dep_ == "prep":
            return None  # 'until a hearing on October 24': the date dates the hearing, not the term
        if head.pos_ in ("VERB", "AUX"):
            return None
        if head.lower_ in WORDS["plan"] and head.dep_ in ("prep", "agent"):  # no date is an agent
            return "plan"
        if head.lower_ in WORDS["term"] and head.dep_ in ("prep", "agent") and tok.i == ent.root.i:
            return "term"  # 'for 2005' itself; not 'campaigning for an election in May''
        if head.lower_ == "than" or any(c.lower_ == "than" and c.i < tok.i for c in head.children):
            return "reference"
        if head.lower_ == "from" and head.head.pos_ in ("NOUN", "NUM", "ADV", "SYM") and not any(
                c.lower_ in ("to", "until", "till") for c in head.head.children):
            return "reference"  # 'an increase of 62,000 units from 2003'
        tok = head
    return None


def _compared(tok, head) -> bool:
    """Whether a date (or the preposition over it) is one something is compared with: governed by a word of
    timeline_words.tsv compare ("unlike 2001"), or a preposition right after or under a compare-prep word ("as
    in 2001", "like in 1992", however the parser hung "like")."""
    if tok.dep_ == "pobj" and head.lower_ in WORDS["compare"]:
        return True
    if tok.dep_ != "prep" or tok.pos_ != "ADP":
        return False
    before = tok.doc[tok.i - 1] if tok.i else None
    return head.lower_ in WORDS["compare-prep"] and head.i < tok.i or before is not None and before.lower_ in WORDS[
        "compare-prep"]


_NAME_LABELS = frozenset({"LAW", "ORG", "WORK_OF_ART", "PRODUCT", "FAC"})


def _after_a_name(ent) -> bool:
    """A date right after a name that is no event: part of it ('the Human Rights Act 1998')."""
    return bool(_YEAR.match(ent.text.strip())) and ent.start > 0 and ent.doc[ent.start - 1].pos_ == "PROPN" \
        and ent.doc[ent.start - 1].ent_type_ in _NAME_LABELS


def _clock(ent) -> bool:
    """A four-digit time of day ('At 1405 GMT'), not a year."""
    return bool(_YEAR.match(ent.text.strip())) and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in WORDS["clock"]


_IN_A_NAME = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH_RE}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:1[0-9]\d\d|20\d\d))?\b"
                        r"|\b(?:1[0-9]\d\d|20\d\d)\b", re.I)


def _dates_in_event_name(ent, full: str):
    """The date inside an event's name ('the March Budget', 'Euro 2004') as a char span, if any."""
    m = _IN_A_NAME.search(full, ent.start_char, ent.end_char)
    return [(m.start(), m.end())] if m else []


def _event_text(ent) -> tuple[str, bool, bool] | None:
    """What the date dates, whether that is to come and whether the date is a term ('for 2005', shown only
    when past), or None when it dates nothing a timeline can show."""
    if _clock(ent) or _after_a_name(ent) or _in_a_period(ent):
        return None
    noun = ent.root if ent.label_ == "EVENT" else _noun_modified(ent)
    if noun is not None and ent.label_ != "EVENT":
        happens = noun.lemma_.lower() in WORDS["event"] or noun.lower_ in WORDS["event"]
        verb = _own_clause(noun) if happens else None
        if verb is not None:  # the tense is the relative clause's: "will be hit by Sunday's quake, which sent..."
            future = any(c.dep_ == "aux" and c.lower_ in WORDS["future"] for c in verb.children)
            return _tidy(ent.doc[noun.left_edge.i:noun.right_edge.i + 1].text), future, False
        if not happens:
            return None  # part of a name or a description: 'the 1965 Fender Stratocaster', '2004 results'
    if any(c.dep_ in ("relcl", "advcl") and any(g.lower_ == "when" for g in c.children) for c in ent.root.children):
        return clause(ent), _is_future(ent), False  # 'until 1993, when One2One was launched': its own event
    if _background(ent):
        return None
    kind = _deadline(ent)
    if kind in ("plan", "reference") or noun is None and _possible(ent):
        return None  # (a date in front of an event noun dates it, however sure: "would join the 23 March strike")
    return _described(ent) or clause(ent), _is_future(ent), kind == "term"


def _possible(ent) -> bool:
    """Whether the verb a date hangs from tells only a possibility ("could be held on 5 May", "would have
    banned donations between 2001 and 2003"): a modal of timeline_words.tsv modal among its auxiliaries. A date
    that dates an event noun on the way up dates that event ("would remain in place until a hearing on 24
    October")."""
    tok = ent.root
    for _ in range(8):
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in WORDS["event"]:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return any(c.dep_ == "aux" and c.lower_ in WORDS["modal"] for c in tok.children)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _described(ent) -> str | None:
    """The noun phrase a date's clause describes, when that clause is a participle one hung on a noun that
    names no event ("one of the MPs elected in 1997"): what happened then is told of that noun, not of the
    sentence's main clause ("..., told the committee"). None otherwise (a relative clause is read with the
    clause it hangs on, see :func:`clause`), or when the phrase is longer than SENTENCE_MAX_TOKENS."""
    tok = ent.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "acl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = tok.head
    if noun.lemma_.lower() in WORDS["event"] or noun.right_edge.i - noun.left_edge.i + 1 > SENTENCE_MAX_TOKENS:
        return None  # "the talks held in Geneva on Tuesday ended without a deal": the sentence tells the event
    return _tidy(ent.doc[noun.left_edge.i:noun.right_edge.i + 1].text)


PERIOD_YEARS = 3
"""Consecutive years listed together ("in 2001, 2002 and 2003") this many or more tell a period a fact is
told for (donations over three years), not the years of events; years apart ("elections in 1997, 2001 and
2005") stay events."""


def _in_a_period(ent) -> bool:
    """Whether a year is one of PERIOD_YEARS or more consecutive years listed together."""
    tok = ent.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    listed = [t for t in tok.subtree if (t.i == tok.i or t.dep_ == "conj") and _YEAR.match(t.text)]
    years = sorted(int(t.text) for t in listed)
    return len(years) >= PERIOD_YEARS and all(b - a == 1 for a, b in zip(years, years[1:]))


def _told_as_past(ent) -> bool:
    """Whether the verb a date hangs from tells something that has happened ('grew in 2005', 'has
    launched this year'), not a forecast or a state ('is set to be bigger in 2005', 'may slow this year')."""
    tok = ent.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
                return False
            return tok.tag_ == "VBD" or tok.tag_ == "VBN" and any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in WORDS["past"] for c in tok.children)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _content(doc, event: Event) -> set[str]:
    sent = doc.char_span(event.start, event.end, alignment_mode="expand")
    sent = sent.sent if sent is not None else doc[:0]
    return {t.lemma_.lower() for t in sent if t.pos_ in _CONTENT_POS and not t.is_stop and not t.ent_type_ == "DATE"}


def _same_event(a: set[str], b: set[str]) -> bool:
    """Whether two tellings of a date share enough content words to be one event; a word and another that
    begins with it are one word ("meet" and "meeting", "launch" and "launched"), when the shorter has at
    least SAME_STEM letters."""
    shared = sum(1 for w in a if any(_one_word(w, v) for v in b))
    return shared >= DUPLICATE_SHARED and shared >= DUPLICATE_OVERLAP * min(len(a), len(b))


SAME_STEM = 4
"""The fewest letters a word needs for a longer word that begins with it to count as the same word."""


def _one_word(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return short == long_ or len(short) >= SAME_STEM and long_.startswith(short)


def extract(doc, published: dt.date | None) -> list[Event]:
    out: list[Event] = []
    seen: list[tuple[str, set[str], int]] = []
    full = text_of(doc)  # Doc.text is rebuilt on every access: once, not once per date
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "EVENT"):
            continue
        parts = _parts(ent) if ent.label_ == "DATE" else _dates_in_event_name(ent, full)
        if not parts:
            continue
        told = _event_text(ent)
        if told is None:
            continue
        event, future, term = told
        for start, end in parts:
            text = full[start:end]
            found = resolve(text, published, future)
            if found is None:
                continue
            date, precision = found
            if term and (published is None or date >= _fmt(published, precision)):
                continue  # 'the outlook for 2005': what a date is meant for, still to come
            if precision == "year" and published and date == str(published.year) and not _told_as_past(ent):
                continue  # 'set to be bigger in 2005' in a 2005 article: a forecast of the article's own year
            item = Event(date=date, precision=precision, text=text, start=start, end=end, event=event)
            words = _content(doc, item)
            sent = ent.sent.start
            if any(d == date and (s == sent or precision != "year" and _same_event(words, w)) for d, w, s in seen):
                continue  # one event told twice (in one sentence, or on one day or month): the first telling stays
            seen.append((date, words, sent))
            out.append(item)
    return out
