"""Streaming story clustering: each arriving article joins a story or opens one.

Why streaming: the site is rebuilt as articles arrive, and a story's id (its
page URL) must not change because later articles came in. So the past is never
re-clustered; :class:`StoryIndex` keeps just enough state (document
frequencies, one centroid per story, an inverted index of terms to stories)
to place the next article, and that state round-trips through JSON.

Why entities matter more than words: news about similar events shares its
vocabulary ("quake", "magnitude", "injured"); what tells two earthquakes apart
is *where* and *who*. So an article is compared with a story on three
things: TF-IDF cosine of its words and names (document frequencies are
accumulated online), agreement in both directions on the names that carry
weight (people, organisations, places), and a penalty when the article leads
with a person the story does not know while the story's core person is absent
(a person the article is about: not the reporter it cites, nor a headline's
capitals the NER misread as a name).
Two more clashes:
counts in the lead ("26 pirates", "magnitude 5.9", "sixth round") that the
story never gave while the count most of its articles give is missing; and
time. An article's time is its own date (``published``, else a date line by
the headline) when it has one; an undated article is taken to be written
around the latest year it mentions (``years``: articles name the current
year and the past, rarely the future). Two dated articles clash beyond
``MAX_GAP_MONTHS``; a dated article clashes with an undated story whose
latest mentioned year is more than ``ERA_SLACK_YEARS`` before it, or more
than a year after it (the story knows of a later year than the article
could); an undated article clashes with a dated story when it mentions a
year more than a year after the story's latest date. Two undated articles
are never compared on time: the years they mention mix the event with its
history. ECB+ stories run on for a year or two (trials, anniversaries),
hence the wide windows. Closeness in time also counts for a story: a dated
article gains when the story's articles were written within
``SAME_TIME_MONTHS`` of it: in proportion to the share of them that were (a
story is a burst; one that has run all year is of no month in particular) and
to how rare that time is among all articles seen so far (a feed of one week's
news gains nothing from it; a collection spanning years gains a lot), shared
among the candidate stories of that time (when many similar stories run at
once, time singles none out). Without the share of the story, a steady feed of
two years chained a fifth of 1,000 BBC articles into one story.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from .nlp import in_spot, layout_of, text_of  # the text kept by nlp.parse: Doc.text joins every token again

ENTITY_KINDS = {
    "PERSON": "who",
    "ORG": "org",
    "NORP": "org",
    "GPE": "where",
    "LOC": "where",
    "FAC": "where",
    "EVENT": "what",
    "WORK_OF_ART": "what",
    "PRODUCT": "what",
    "LAW": "what",
}
"""spaCy entity labels kept, grouped by the question they answer."""

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = set(MONTHS) | {"sept"} | {
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}
_MON = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
DATE_LINE = [
    re.compile(_MON + r"\s*\d{1,2}(?:st|nd|rd|th)?\s*[,-]?\s*(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*[,-]?\s*" + _MON + r"\s*[,-]?\s*(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<a>\d{1,2})\s?[/.]\s?(?P<b>\d{1,2})\s?[/.]\s?(?P<year>(?:19|20)?\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)\s?-\s?(?P<mm>\d\d)\s?-\s?\d\d\b"),
]
"""Date lines news pages carry above or below the headline: "MAR. 14, 2013, 8: 12 PM",
"Updated 5 / 5 / 2010", "2013 - 09 - 26"."""
DATE_LINE_MAX = 110
"""Longer lines are prose, whose dates are the event's history rather than the article's own."""
DATE_LINE_LATER_YEARS = 10
"""A "date line" this many years before a year the text names is not the article's date (texts
name the years they were written in and before, and a few years ahead: contracts, plans)."""
MAX_GAP_MONTHS = 24
"""Dated articles written further apart than this are about different events (a story is one event)."""
ERA_SLACK_YEARS = 2
"""How long after the latest year an undated story mentions a dated article may still belong to it."""
SAME_TIME_MONTHS = 1
"""Dated articles written this close together (same or neighbouring month) are of the same time."""
WORD_NUMBERS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
ORDINALS = {w: str(i) for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
TITLE_WEIGHT = 2.0
"""Words of the title and first sentence say what the article is about."""


@dataclass
class ArticleFeatures:
    """What the clustering needs to know about one article (JSON-friendly)."""

    id: str
    title: str
    terms: dict[str, float] = field(default_factory=dict)  # word lemma or "kind:name" -> weight
    entities: dict[str, float] = field(default_factory=dict)  # "who:tara reid" -> salience
    lead: list[str] = field(default_factory=list)  # people named in the title or first sentence
    years: list[int] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    dated: str | None = None  # "YYYY" or "YYYY-MM": when the article was written (published or its date line)
    numbers: list[str] = field(default_factory=list)  # "num:23" counts named in the lead (title, first sentence)


def date_line(text: str) -> str | None:
    """"YYYY-MM" (or "YYYY") from a date line among the first three lines of ``text``."""
    return _date_line(text)[0]


def _date_line(text: str) -> tuple[str | None, tuple[int, int]]:
    """The date of the date line and the line's character span ((0, 0) when none).

    Why: the article's own date tells events a year apart from each other,
    and most pages print it in a line of its own next to the headline.
    """
    pos = 0
    for raw in text.split("\n", 3)[:3]:
        span, pos = (pos, pos + len(raw)), pos + len(raw) + 1
        line = raw.strip()
        if not line or len(line) > DATE_LINE_MAX:
            continue
        for pattern in DATE_LINE:
            m = pattern.search(line)
            if not m or m.start() > 40:
                continue
            year = int(m.group("year"))
            if year < 100:
                year += 2000 if year < 50 else 1900
            groups = m.groupdict()
            month = None
            if groups.get("mon"):
                month = MONTHS.index(groups["mon"][:3].lower()) + 1
            elif groups.get("mm"):
                month = int(groups["mm"])
            elif groups.get("a"):  # 11 / 28 / 05 or 28 / 11 / 05: the month is the one that can be
                a, b = int(groups["a"]), int(groups["b"])
                month = a if b > 12 >= a else b if a > 12 >= b else a if a == b else None
            if month is not None and not 1 <= month <= 12:
                continue
            return (f"{year:04d}-{month:02d}" if month else f"{year:04d}"), span
    return None, (0, 0)


def months_apart(a: str, b: str) -> float:
    """Gap between two "YYYY[-MM]" dates in months (a bare year counts as its middle)."""
    def months(d: str) -> float:
        return int(d[:4]) * 12 + (int(d[5:7]) - 1 if len(d) >= 7 else 5.5)
    return abs(months(a) - months(b))


NAMED_LABELS = {"LAW", "FAC", "PRODUCT", "ORG", "EVENT", "WORK_OF_ART", "PERSON", "GPE", "LOC", "NORP"}
"""Entity labels whose numbers are part of a name ("Section 7", "Interstate 90", "AK-47"), not counts."""


def _number(tok) -> str | None:
    """A count or measure as a plain string ("23", "5.9", "7th"), or None."""
    low = tok.lower_
    if low in WORD_NUMBERS:
        return WORD_NUMBERS[low]
    if low in ORDINALS:
        return ORDINALS[low] + "th"
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(st|nd|rd|th)?", low.replace(",", ""))
    if not m:
        return None
    if m.group(2):
        return m.group(1) + "th"
    nxt = tok.nbor(1) if tok.i + 2 < len(tok.doc) else None
    if nxt is not None and nxt.text == "." and tok.nbor(2).is_digit and len(tok.nbor(2)) == 1 \
            and tok.nbor(2).idx == nxt.idx + 2:
        return f"{m.group(1)}.{tok.nbor(2).text}"  # "5. 9" as some feeds space a decimal
    return m.group(1)


def _clock_or_day(tok) -> bool:
    """A clock time or a day of the month the NER missed ("8: 24am", "APR 28", "28 Nov")."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if after is not None and after.text == ":" and tok.i + 2 < len(doc) and doc[tok.i + 2].text[:1].isdigit():
        return True
    near = [doc[j].lower_.rstrip(".") for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
    return any(word in MONTH_NAMES for word in near) and tok.is_digit and int(tok.text) <= 31


def _numbers(doc, skip: tuple[int, int]) -> dict[str, int]:
    """Counts and measures ("23 pirates", "magnitude 5.6", "sixth round") -> first offset.

    Dates, times, money and percentages are left out (dates are scored apart;
    prices and shares drift), and so are 0, 1 and 2, too common to tell events
    apart, and numbers inside names ("Section 7"); ``skip`` is the date line, whose clock
    times are not counts.
    """
    out: dict[str, int] = {}
    for tok in doc:
        if skip[0] <= tok.idx < skip[1] or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            continue
        if tok.i > 1 and tok.nbor(-1).text == "." and tok.nbor(-2).is_digit and tok.idx == tok.nbor(-1).idx + 2:
            continue  # the fraction of "5. 9"
        value = _number(tok)
        if value is None or value in ("0", "1", "2", "0th", "1th", "2th") or YEAR.fullmatch(value):
            continue
        if _clock_or_day(tok):
            continue
        if tok.ent_type_ in NAMED_LABELS and not value.endswith("th"):
            continue  # a label; but the edition of "the 81st Academy Awards" tells ceremonies apart
        if value[0] == "0" and value[1:2].isdigit():
            continue  # "000" of "20, 000" as some feeds space a thousands comma: not a count
        out.setdefault(f"num:{value}", tok.idx)
    return out


def _norm_name(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return " ".join(re.findall(r"[\w-]+", text.lower()))


def features_from_doc(doc, article, facts=None) -> ArticleFeatures:
    """Features of ``article`` from its spaCy ``doc`` (needs tagger, lemmatizer, ner).

    ``facts`` (the extracted :class:`~generator.model.Facts`), when given, adds
    the resolved parties, which merge aliases that raw NER keeps apart ("Mr Pashinyan",
    "Nikol Pashinyan"). Not the places: the NER's own place names already count, and
    counting them twice outweighed the people (ECB+ dev, eight orders: 0.914 -> 0.918).
    """
    layout = layout_of(doc)  # the headline and the first sentence (the lead) weigh more
    lead_end = layout.lead_end
    terms: Counter = Counter()
    entities: Counter = Counter()
    lead: list[str] = []
    headline_end = layout.headline_end
    body = text_of(doc)[headline_end:]
    in_title_only: set[str] = set()  # "Lindsay Lohan Checks", "Riot Breaks": a headline's capitals misread as people
    for ent in doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        if kind is None:
            continue
        name = _norm_name(ent.text)
        if not name or len(name) < 2:
            continue
        weight = TITLE_WEIGHT if ent.start_char < lead_end else 1.0
        entities[f"{kind}:{name}"] += weight
        if kind == "who" and ent.start_char < lead_end and f"who:{name}" not in lead and not _source(ent):
            lead.append(f"who:{name}")
        if kind == "who" and " " in name:  # "Tara Reid" is later just "Reid"
            entities[f"{kind}:{name.split()[-1]}"] += weight * 0.5
        if kind == "who" and ent.start_char < headline_end and not _named_again(ent.text, body):
            in_title_only.add(f"who:{name}")
    lead = [who for who in lead if who not in in_title_only]
    if facts is not None:
        for party in getattr(facts, "parties", []) or []:
            kind = "who" if party.kind == "person" else "org" if party.kind != "country" else "where"
            entities[f"{kind}:{_norm_name(party.name)}"] += max(1, len(party.mentions)) * 0.5
    for tok in doc:  # every word, names included: the plain TF-IDF view of the text
        if tok.is_stop or not tok.is_alpha or len(tok) < 3:
            continue
        terms[tok.lemma_.lower()] += TITLE_WEIGHT if tok.idx < lead_end else 1.0
    for key, weight in entities.items():
        terms[key] += weight
    years = sorted({int(m.group(1)) for ent in doc.ents if ent.label_ == "DATE" for m in YEAR.finditer(ent.text)})
    published = article.published.isoformat() if getattr(article, "published", None) else None
    if published:
        years = sorted(set(years) | {int(published[:4])})
    dated, line = _date_line(text_of(doc))
    if dated and years and max(years) > int(dated[:4]) + DATE_LINE_LATER_YEARS:
        dated = None  # a birth date atop an obituary, not the day it was written
    if published:
        dated = published[:7]
    numbers = _numbers(doc, line)
    for key, start in numbers.items():
        entities[key] += TITLE_WEIGHT if start < lead_end else 1.0
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        terms={k: round(v, 3) for k, v in terms.items()},
        entities={k: round(v, 3) for k, v in entities.items()},
        lead=lead,
        years=years,
        published=published,
        dated=dated,
        numbers=[k for k, start in numbers.items() if start < lead_end],
    )


SOURCE_VERBS = {"report", "write", "tweet", "post", "blog", "cite"}


def _source(ent) -> bool:
    """Whether a person is named as the source of the news ("Stephen A. Smith has reported",
    "according to Michael Silverman", a byline): a reporter is not an actor of the event."""
    doc = ent.doc
    after = [t for t in doc[ent.end: ent.end + 3] if t.lower_ not in ("has", "had", "also", "is", "was")]
    if after and after[0].lemma_.lower() in SOURCE_VERBS:
        return True
    before = doc[max(0, ent.start - 2): ent.start].text.lower()
    byline = in_spot(layout_of(doc).byline, ent.start_char, ent.end_char)  # nlp.Layout.byline
    return before in ("according to", "reports by") or byline  # not 'shot by X': an actor


def _named_again(name: str, body: str) -> bool:
    """Whether the body names a headline's person again, in full or by the last name."""
    if name.isupper():  # "GARY ROSS REMAINS IN TALKS"
        name = name.title()
    words = [w for w in name.split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III")] or name.split()
    return name in body or bool(re.search(r"\b" + re.escape(words[-1]) + r"\b", body))


@dataclass
class _Story:
    id: str  # from the first article, so that the story's address never changes
    title: str  # the latest article's headline
    size: int = 0
    terms: dict[str, float] = field(default_factory=dict)  # summed tf
    entities: dict[str, float] = field(default_factory=dict)  # summed salience
    entity_docs: dict[str, int] = field(default_factory=dict)  # name -> articles naming it
    years: dict[str, int] = field(default_factory=dict)  # year -> articles mentioning it
    dated: dict[str, int] = field(default_factory=dict)  # "YYYY[-MM]" -> articles written then
    norm: float = 0.0  # length of the centroid's TF-IDF vector when last updated
    articles: list[str] = field(default_factory=list)


@dataclass
class Params:
    """Weights and thresholds (chosen on ECB+ development topics, checked over
    several arrival orders; held-out topics differ, so keep them coarse)."""

    threshold: float = 0.35
    w_forward: float = 0.3
    w_backward: float = 0.3
    w_conflict: float = 0.1
    w_time: float = 1.0  # a clash in time is a veto
    w_numbers: float = 0.2
    w_same_time: float = 0.2  # the most a story gains for being of the article's time
    core_min_size: int = 2
    novel_share: float = 0.2
    salient: int = 8  # the article names that must be known to the story (its most telling ones)
    presence: float = 0.3
    core_share: float = 0.5
    common_share: float = 0.1  # a name in more than this share of the other stories' articles is no story's own
    discriminative: tuple[str, ...] = ("who", "org", "where")
    max_candidates: int = 10
    query_terms: int = 30


class StoryIndex:
    """Incremental clustering state: ``assign`` one article at a time."""

    def __init__(self, params: Params | None = None):
        self.params = params or Params()
        self.n_docs = 0
        self.df: Counter = Counter()
        self.stories: dict[str, _Story] = {}
        self.postings: dict[str, list[str]] = {}
        self.assigned: dict[str, str] = {}  # article id -> story id
        self.dated: Counter = Counter()  # "YYYY[-MM]" -> articles written then

    # -- state ---------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": 1,
            "params": asdict(self.params),
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "stories": [dict(vars(s)) for s in self.stories.values()],  # shallow: asdict deep-copies every term table
            "assigned": dict(self.assigned),
            "dated": dict(self.dated),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "StoryIndex":
        params = dict(data.get("params", {}))
        if "discriminative" in params:
            params["discriminative"] = tuple(params["discriminative"])
        index = cls(Params(**params))
        index.n_docs = data["n_docs"]
        index.df = Counter(data["df"])
        for s in data["stories"]:
            story = _Story(**s)
            index.stories[story.id] = story
            for term in story.terms:
                index.postings.setdefault(term, []).append(story.id)
        index.assigned = dict(data.get("assigned", {}))
        if "dated" in data:
            index.dated = Counter(data["dated"])
        else:  # a state written before the index counted dates: every article is in one story
            for story in index.stories.values():
                index.dated.update(story.dated)
        return index

    # -- clustering ----------------------------------------------------------
    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def assign(self, features: ArticleFeatures) -> str:
        """The id of the story ``features`` joins (a new one if none fits)."""
        if features.id in self.assigned:
            return self.assigned[features.id]
        self.n_docs += 1
        self.df.update(features.terms.keys())
        if features.dated:
            self.dated[features.dated] += 1
        scored = self.rank(features)
        best = scored[0][1] if scored and scored[0][0] > self.params.threshold else None
        story = self.stories[best] if best else self._open(features)
        self._add(story, features)
        self.assigned[features.id] = story.id
        return story.id

    def rank(self, features: ArticleFeatures) -> list[tuple[float, str]]:
        """Candidate stories with their scores, best first (ties: older story first)."""
        vector = {t: self._weight(t, w) for t, w in features.terms.items()}
        norm = math.sqrt(sum(w * w for w in vector.values()))
        candidates = self._candidates(vector)
        of_its_time = sum(self._of_its_time(features, self.stories[sid]) for sid in candidates)
        scored = [
            (self.similarity(features, vector, norm, self.stories[sid], of_its_time), -n, sid)
            for n, sid in enumerate(candidates)
        ]
        return [(score, sid) for score, _, sid in sorted(scored, reverse=True)]

    def _candidates(self, vector: dict[str, float]) -> list[str]:
        """Stories sharing the article's most telling terms, via the inverted index.

        Only the best ``max_candidates`` by a rough overlap score are compared
        in full, so an article costs the same whatever the number of stories.
        """
        p = self.params
        top = sorted(vector, key=lambda t: (-vector[t], t))[: p.query_terms]
        rough: dict[str, float] = {}
        for term in top:
            for sid in self.postings.get(term, ()):
                rough[sid] = rough.get(sid, 0.0) + vector[term]
        return sorted(rough, key=lambda sid: (-rough[sid], sid))[: p.max_candidates]

    def _weight(self, term: str, tf: float) -> float:
        return (1.0 + math.log(tf) if tf >= 1 else tf) * self.idf(term)

    def _story_norm(self, story: _Story) -> float:
        return math.sqrt(sum(self._weight(t, w / story.size) ** 2 for t, w in story.terms.items()))

    def similarity(self, features: ArticleFeatures, vector: dict[str, float], norm: float, story: _Story,
                   of_its_time: int = 1) -> float:
        """Word/name cosine, raised when the two agree on who/where and were written at the
        same time, lowered when they clash on who leads, on the counts that identify the
        event, or on time."""
        p = self.params
        nb = story.norm or self._story_norm(story)
        terms = story.terms
        dot = sum(w * self._weight(t, terms[t] / story.size) for t, w in vector.items() if t in terms)
        cos = dot / (norm * nb) if norm and nb else 0.0
        forward, backward = self._agreement(features, story)
        conflict = self._conflict(features, story)
        return (cos + p.w_forward * forward + p.w_backward * backward - p.w_conflict * conflict
                - p.w_time * self._time_clash(features, story) - p.w_numbers * self._number_clash(features, story)
                + p.w_same_time * self._same_time(features, story, of_its_time))

    def components(self, features: ArticleFeatures, vector: dict[str, float], norm: float, story: _Story,
                   of_its_time: int = 1) -> dict:
        """The parts of :meth:`similarity`, for looking at why an article joined a story."""
        nb = story.norm or self._story_norm(story)
        dot = sum(w * self._weight(t, story.terms[t] / story.size) for t, w in vector.items() if t in story.terms)
        forward, backward = self._agreement(features, story)
        return {"cos": round(dot / (norm * nb) if norm and nb else 0.0, 3), "fwd": round(forward, 2),
                "bwd": round(backward, 2), "who": self._conflict(features, story),
                "time": self._time_clash(features, story), "num": self._number_clash(features, story),
                "same_time": round(self._same_time(features, story, of_its_time), 2)}

    @staticmethod
    def _written_near(dated: str, dates: dict[str, int]) -> int:
        """How many of the articles counted in ``dates`` were written within ``SAME_TIME_MONTHS`` of ``dated``."""
        return sum(n for d, n in dates.items() if months_apart(dated, d) <= SAME_TIME_MONTHS)

    def _of_its_time(self, features: ArticleFeatures, story: _Story) -> bool:
        """Whether some of the story's articles were written within ``SAME_TIME_MONTHS`` of this one."""
        return bool(features.dated) and self._written_near(features.dated, story.dated) > 0

    def _same_time(self, features: ArticleFeatures, story: _Story, of_its_time: int = 1) -> float:
        """How telling it is that the story has articles written when this one was (0..1).

        A story is a burst of articles: the share of the story's dated articles written
        then (a story that has run for a year is not "of" any one month), times how rare
        that time is among all articles seen (1 - their share), divided among the candidate
        stories of that time (``of_its_time``: when many similar stories run at once, being
        of the same month singles none out).
        """
        near = self._written_near(features.dated, story.dated) if features.dated else 0
        if not near:
            return 0.0
        burst = near / sum(story.dated.values())
        rarity = max(0.0, 1.0 - self._written_near(features.dated, self.dated) / max(self.n_docs, 1))
        return burst * rarity / max(of_its_time, 1)

    def _time_clash(self, features: ArticleFeatures, story: _Story) -> float:
        """1 when the article and the story cannot have been written within the same
        story's time (see the module docstring); 0 when they can or nothing is known."""
        if features.dated and story.dated:
            gap = min(months_apart(features.dated, d) for d in story.dated)
            return 1.0 if gap > MAX_GAP_MONTHS else 0.0
        if features.dated and story.years:
            written, era = int(features.dated[:4]), max(int(y) for y in story.years)
            return 1.0 if written > era + ERA_SLACK_YEARS or era > written + 1 else 0.0
        if story.dated and features.years:
            latest = max(int(d[:4]) for d in story.dated)
            return 1.0 if max(features.years) > latest + 1 else 0.0
        return 0.0

    def _number_clash(self, features: ArticleFeatures, story: _Story) -> float:
        """1 when the article leads with counts the story never gave while the count most
        of the story's articles give is missing ("26 pirates" against "23 pirates")."""
        return self._clash(features.numbers, "num:", features, story)

    def _conflict(self, features: ArticleFeatures, story: _Story) -> float:
        """1 when the article leads with a person the story does not know while the
        person most of the story's articles name is absent: a different event."""
        return self._clash(features.lead, "who:", features, story)

    def _clash(self, leads: list[str], kind: str, features: ArticleFeatures, story: _Story) -> float:
        """1 when the article leads with names of ``kind`` the story hardly knows, while a name
        of that kind that most of the story's articles give is absent from the article."""
        p = self.params
        if story.size < p.core_min_size:
            return 0.0
        if not any(story.entity_docs.get(e, 0) < p.novel_share * story.size for e in leads):
            return 0.0
        missing = [
            e for e, c in story.entity_docs.items()
            if e.startswith(kind) and c >= p.core_share * story.size and e not in features.entities
        ]
        return 1.0 if missing else 0.0

    def _agreement(self, features: ArticleFeatures, story: _Story) -> float:
        """How far the article and the story share their telling names (0..1).

        Both directions count: the article's own salient names should be known
        to the story, and the names most of the story's articles carry should
        appear in the article. Names common in the other stories' articles ("US"
        in business news) are no story's own: counting them let a story of world
        economy news take in 318 of 1,000 BBC articles, each for naming the US.
        """
        p = self.params
        ents = {e: w * self.idf(e) for e, w in features.entities.items() if e.split(":", 1)[0] in p.discriminative}
        top = sorted(ents, key=lambda e: -ents[e])[: p.salient]
        mass = sum(ents[e] for e in top)
        known = sum(ents[e] * min(1.0, story.entities.get(e, 0.0) / story.size / p.presence) for e in top)
        forward = known / mass if mass else 1.0
        others = max(self.n_docs - story.size, 1)
        core = [
            (e, c) for e, c in story.entity_docs.items()
            if c >= p.core_share * story.size and e.split(":", 1)[0] in p.discriminative
            and (self.df.get(e, 0) - c) / others <= p.common_share
        ]
        core_mass = sum(c * self.idf(e) for e, c in core)
        shared = sum(c * self.idf(e) for e, c in core if e in features.entities)
        backward = shared / core_mass if core_mass else 0.0 if story.entity_docs else 1.0
        return forward, backward

    def _open(self, features: ArticleFeatures) -> _Story:
        base = story_id_for(features)
        sid, n = base, 2
        while sid in self.stories:
            sid, n = f"{base}-{n}", n + 1
        story = _Story(id=sid, title=features.title)
        self.stories[sid] = story
        return story

    def _add(self, story: _Story, features: ArticleFeatures) -> None:
        story.size += 1
        story.articles.append(features.id)
        story.title = features.title or story.title  # the story as it stands now; its id stays the first's
        for t, w in features.terms.items():
            if t not in story.terms:
                self.postings.setdefault(t, []).append(story.id)
            story.terms[t] = story.terms.get(t, 0.0) + w
        for e, w in features.entities.items():
            story.entities[e] = story.entities.get(e, 0.0) + w
            story.entity_docs[e] = story.entity_docs.get(e, 0) + 1
        for y in features.years:
            story.years[str(y)] = story.years.get(str(y), 0) + 1
        if features.dated:
            story.dated[features.dated] = story.dated.get(features.dated, 0) + 1
        story.norm = self._story_norm(story)


def story_id_for(features: ArticleFeatures) -> str:
    """A readable, stable id: a slug of the first article's title and its id."""
    slug = "-".join(re.findall(r"[a-z0-9]+", features.title.lower())[:6]) or "story"
    digest = hashlib.sha1(features.id.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"
