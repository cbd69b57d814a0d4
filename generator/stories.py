"""Streaming story clustering: each arriving article joins a story or opens one.

Why streaming: the site is rebuilt as articles arrive, and a story's id (its
page URL) must not change because later articles came in. So the past is never
re-clustered; :class:`StoryIndex` keeps just enough state (document
frequencies, one centroid per story, an inverted index of words to stories)
to place the next article, and that state round-trips through JSON.

Why a learned model rather than rules: news about similar events shares its
vocabulary ("quake", "magnitude", "injured"); what tells two earthquakes apart
is *who* and *where* and *when*. An article is compared with a candidate story
in a few spaces (:data:`FEATURES`): TF-IDF cosine of its words, of its lemmas,
of its actors (people, organisations and the extracted parties) and of its
places, and how far apart in time they were written when both are dated. A
logistic regression (:class:`StoryModel`, after Miranda et al. 2018, "Multilingual
clustering of streaming news") weighs them; its weights and the threshold for
opening a new story are learned on ECB+ development topics by
``bench/stories_cv.py --write-model`` and shipped in ``data/story_model.json``.
Hand-tuned rules fitted the dev topics and lost to plain TF-IDF on held-out ones.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .nlp import text_of  # the text kept by nlp.parse: Doc.text joins every token again

ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
"""spaCy entity labels of who acts in a story."""
PLACE_LABELS = {"GPE", "LOC", "FAC"}
"""spaCy entity labels of where a story happens."""
TITLE_WEIGHT = 2.0
"""Words of the title and first sentence say what the article is about: they count this many times."""
SPACES = {"words": "w", "lemmas": "l", "actors": "a", "places": "p", "lead": "t"}
"""The bags of terms an article is compared in, each with its own TF-IDF, and the prefix that keeps
their terms apart in the document frequencies."""
FEATURES = ("words", "lemmas", "actors", "places", "lead", "time_gap")
"""What the model may weigh: the TF-IDF cosine in each of :data:`SPACES`, and :func:`time_gap`."""
GAP_CAP_MONTHS = 24
"""Time gaps are measured up to this many months (``time_gap`` is 1 beyond): a story is one event,
and a trial or anniversary two years on is news of its own."""
MODEL_PATH = Path(__file__).with_name("data") / "story_model.json"
STATE_VERSION = 2
"""The shape of :meth:`StoryIndex.to_dict`; a state of another version is not read (grouped afresh)."""
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
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


def date_line(text: str) -> str | None:
    """"YYYY-MM" (or "YYYY") from a date line among the first three lines of ``text``.

    Why: the article's own date tells events a year apart from each other,
    and most pages print it in a line of its own next to the headline.
    """
    for raw in text.split("\n", 3)[:3]:
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
            return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return None


def months_apart(a: str, b: str) -> float:
    """Gap between two "YYYY[-MM]" dates in months (a bare year counts as its middle)."""
    def months(d: str) -> float:
        return int(d[:4]) * 12 + (int(d[5:7]) - 1 if len(d) >= 7 else 5.5)
    return abs(months(a) - months(b))


def _norm_name(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return " ".join(re.findall(r"[\w-]+", text.lower()))


@dataclass
class ArticleFeatures:
    """What the clustering needs to know about one article (JSON-friendly): a bag of terms per
    space of :data:`SPACES` (term -> weight), and when it was written."""

    id: str
    title: str
    words: dict[str, float] = field(default_factory=dict)  # lower-cased words, names included
    lemmas: dict[str, float] = field(default_factory=dict)  # their lemmas (empty without a lemmatizer)
    actors: dict[str, float] = field(default_factory=dict)  # "tara reid", "reid", "red cross"
    places: dict[str, float] = field(default_factory=dict)  # "iquique", "chile"
    lead: dict[str, float] = field(default_factory=dict)  # the words of the title and first sentence
    published: str | None = None  # YYYY-MM-DD
    dated: str | None = None  # "YYYY" or "YYYY-MM": when the article was written (published or its date line)


def features_from_doc(doc, article, facts=None) -> ArticleFeatures:
    """Features of ``article`` from its spaCy ``doc`` (needs ner; tagger and lemmatizer for lemmas).

    ``facts`` (the extracted :class:`~generator.model.Facts`), when given, adds the resolved
    parties to the actors: they merge aliases that raw NER keeps apart ("Mr Pashinyan", "Nikol
    Pashinyan").
    """
    lead_end = _lead_end(doc)
    words: Counter = Counter()
    lemmas: Counter = Counter()
    actors: Counter = Counter()
    places: Counter = Counter()
    lead: Counter = Counter()
    has_lemmas = doc.has_annotation("LEMMA")
    for tok in doc:
        if tok.is_stop or not tok.is_alpha or len(tok) < 3:
            continue
        weight = TITLE_WEIGHT if tok.idx < lead_end else 1.0
        words[tok.lower_] += weight
        if tok.idx < lead_end:
            lead[tok.lower_] += 1.0
        if has_lemmas and tok.lemma_:
            lemmas[tok.lemma_.lower()] += weight
    for ent in doc.ents:
        name = _norm_name(ent.text)
        if len(name) < 2:
            continue
        weight = TITLE_WEIGHT if ent.start_char < lead_end else 1.0
        if ent.label_ in ACTOR_LABELS:
            actors[name] += weight
            if ent.label_ == "PERSON" and " " in name:  # "Tara Reid" is later just "Reid"
                actors[name.split()[-1]] += weight * 0.5
        elif ent.label_ in PLACE_LABELS:
            places[name] += weight
    for party in getattr(facts, "parties", None) or []:
        if party.kind != "country":  # countries are places, which the NER names already
            actors[_norm_name(party.name)] += max(1, len(party.mentions)) * 0.5
    published = article.published.isoformat() if getattr(article, "published", None) else None
    dated = published[:7] if published else _own_date(doc)
    rounded = lambda bag: {k: round(v, 3) for k, v in bag.items() if k}  # noqa: E731
    return ArticleFeatures(id=article.id, title=article.title, words=rounded(words), lemmas=rounded(lemmas),
                           actors=rounded(actors), places=rounded(places), lead=rounded(lead), published=published, dated=dated)


def _own_date(doc) -> str | None:
    """The date of the article's date line, unless the text names years long after it (a birth
    date atop an obituary is not the day it was written)."""
    dated = date_line(text_of(doc))
    years = [int(m.group(1)) for ent in doc.ents if ent.label_ == "DATE" for m in YEAR.finditer(ent.text)]
    if dated and years and max(years) > int(dated[:4]) + DATE_LINE_LATER_YEARS:
        return None
    return dated


def time_gap(dated: str | None, story_dates: dict[str, int]) -> float:
    """How far the article was written from the nearest of the story's dated articles, as a share of
    :data:`GAP_CAP_MONTHS` (0 = same month, 1 = the cap or more).

    0 when either side is undated: what is not known does not count against a story (and the
    model cannot learn which collections date their articles)."""
    if not dated or not story_dates:
        return 0.0
    return min(GAP_CAP_MONTHS, min(months_apart(dated, d) for d in story_dates)) / GAP_CAP_MONTHS


@dataclass(frozen=True)
class StoryModel:
    """A logistic regression over the features of an article and a candidate story.

    ``weights`` (one per name in ``features``, a subset of :data:`FEATURES`) and ``bias`` give the
    log-odds that the article belongs to the story; it joins its best candidate when that
    probability exceeds ``threshold``, and otherwise opens a new story. Learned, never hand-set:
    see ``bench/stories_cv.py``.
    """

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    trained_on: str = ""  # what the weights were learned from, for the reader of the data file

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values[f] for f, w in zip(self.features, self.weights))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, "trained_on": self.trained_on}

    @classmethod
    def from_dict(cls, data: dict) -> "StoryModel":
        features = tuple(data["features"])
        if set(features) - set(FEATURES) or len(data["weights"]) != len(features):
            raise ValueError(f"a story model over unknown features: {features}")
        return cls(features, tuple(float(w) for w in data["weights"]), float(data["bias"]),
                   float(data["threshold"]), str(data.get("trained_on", "")))


@lru_cache(maxsize=1)
def shipped_model() -> StoryModel:
    """The model in ``data/story_model.json``."""
    return StoryModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


@dataclass
class _Story:
    id: str  # from the first article, so that the story's address never changes
    title: str  # the latest article's headline: the story as it stands now
    size: int = 0
    words: dict[str, float] = field(default_factory=dict)  # summed weights of its articles, per space
    lemmas: dict[str, float] = field(default_factory=dict)
    actors: dict[str, float] = field(default_factory=dict)
    places: dict[str, float] = field(default_factory=dict)
    lead: dict[str, float] = field(default_factory=dict)
    dated: dict[str, int] = field(default_factory=dict)  # "YYYY[-MM]" -> articles written then
    articles: list[str] = field(default_factory=list)
    norms: dict[str, float] = field(default_factory=dict)  # space -> centroid length when last updated


MAX_CANDIDATES = 10
"""Stories compared in full with an article: the ones sharing most of its telling words, found
through the inverted index, so that an article costs the same whatever the number of stories."""
QUERY_TERMS = 30
"""The article's words (highest TF-IDF first) looked up in the inverted index."""


class StoryIndex:
    """Incremental clustering state: ``assign`` one article at a time."""

    def __init__(self, model: StoryModel | None = None):
        self.model = model or shipped_model()
        self.n_docs = 0
        self.df: Counter = Counter()  # "w:quake", "a:tara reid" -> articles holding it
        self.stories: dict[str, _Story] = {}
        self.postings: dict[str, list[str]] = {}  # word -> stories whose articles hold it
        self.assigned: dict[str, str] = {}  # article id -> story id

    # -- state ---------------------------------------------------------------
    def to_dict(self) -> dict:
        """The state, without the model (which ships with the code)."""
        return {
            "version": STATE_VERSION,
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "stories": [dict(vars(s)) for s in self.stories.values()],  # shallow: asdict deep-copies every bag
            "assigned": dict(self.assigned),
        }

    @classmethod
    def from_dict(cls, data: dict, model: StoryModel | None = None) -> "StoryIndex":
        """A saved state; ValueError for one of another version (its stories are grouped afresh)."""
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"story state version {data.get('version')}, not {STATE_VERSION}")
        index = cls(model)
        index.n_docs = data["n_docs"]
        index.df = Counter(data["df"])
        for s in data["stories"]:
            story = _Story(**s)
            index.stories[story.id] = story
            for term in story.words:
                index.postings.setdefault(term, []).append(story.id)
        index.assigned = dict(data["assigned"])
        return index

    # -- clustering ----------------------------------------------------------
    def assign(self, features: ArticleFeatures) -> str:
        """The id of the story ``features`` joins (a new one if no candidate is likely enough)."""
        if features.id in self.assigned:
            return self.assigned[features.id]
        self.count(features)
        scored = self.rank(features)
        best = scored[0][1] if scored and scored[0][0] > self.model.threshold else None
        return self.place(features, best)

    def count(self, features: ArticleFeatures) -> None:
        """Count the article in the document frequencies (before it is compared: its own terms
        are then never unseen)."""
        self.n_docs += 1
        for space in SPACES:
            self.df.update(f"{SPACES[space]}:{t}" for t in getattr(features, space))

    def place(self, features: ArticleFeatures, story_id: str | None) -> str:
        """Put a counted article into ``story_id``, or into a new story when None."""
        story = self.stories[story_id] if story_id else self._open(features)
        self._add(story, features)
        self.assigned[features.id] = story.id
        return story.id

    def rank(self, features: ArticleFeatures) -> list[tuple[float, str]]:
        """Candidate stories with the model's probability, best first (ties: older story first)."""
        own = self.vectors(features, self.model.features)
        scored = [(self.model.probability(self.compare(features, self.stories[sid], self.model.features, own)), -n, sid)
                  for n, sid in enumerate(self.candidates(features))]
        return [(p, sid) for p, _, sid in sorted(scored, reverse=True)]

    def vectors(self, features: ArticleFeatures, wanted=FEATURES) -> dict[str, tuple[dict[str, float], float]]:
        """The article's TF-IDF vector and its length in each space ``wanted`` (computed once per article)."""
        out = {}
        for space in SPACES:
            if space in wanted:
                vector = self._vector(space, getattr(features, space))
                out[space] = (vector, _length(vector))
        return out

    def compare(self, features: ArticleFeatures, story: _Story, wanted=FEATURES, own=None) -> dict[str, float]:
        """The values of :data:`FEATURES` (those ``wanted``) for the article against the story;
        ``own`` is :meth:`vectors` of the article, when already computed."""
        own = own if own is not None else self.vectors(features, wanted)
        values = {space: self.cosine(space, *own[space], getattr(story, space), story.size, story.norms.get(space))
                  for space in SPACES if space in wanted}
        if "time_gap" in wanted:
            values["time_gap"] = time_gap(features.dated, story.dated)
        return values

    def candidates(self, features: ArticleFeatures) -> list[str]:
        """Up to :data:`MAX_CANDIDATES` stories sharing the article's most telling words."""
        vector = self._vector("words", features.words)
        top = sorted(vector, key=lambda t: (-vector[t], t))[:QUERY_TERMS]
        rough: dict[str, float] = {}
        for term in top:
            for sid in self.postings.get(term, ()):
                rough[sid] = rough.get(sid, 0.0) + vector[term]
        return sorted(rough, key=lambda sid: (-rough[sid], sid))[:MAX_CANDIDATES]

    def idf(self, key: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def _vector(self, space: str, bag: dict[str, float], size: int = 1) -> dict[str, float]:
        """TF-IDF weights of a bag (a story's summed bag is averaged over its ``size`` articles)."""
        return {t: self._weight(space, t, w / size) for t, w in bag.items()}

    def _weight(self, space: str, term: str, tf: float) -> float:
        return (1.0 + math.log(tf) if tf >= 1 else tf) * self.idf(f"{SPACES[space]}:{term}")

    def cosine(self, space: str, vector: dict[str, float], length: float, story_bag: dict[str, float], size: int,
               norm: float | None = None) -> float:
        """TF-IDF cosine of an article's vector (of ``length``) and a story's centroid in one space
        (0 when either is empty).

        ``norm`` is the centroid's length as the story keeps it, computed with the document
        frequencies of when it last grew: recomputing it for every comparison would cost a pass
        over every term of every candidate story."""
        if not vector or not story_bag:
            return 0.0
        dot = sum(w * self._weight(space, t, story_bag[t] / size) for t, w in vector.items() if t in story_bag)
        nb = norm if norm is not None else _length(self._vector(space, story_bag, size))
        return dot / (length * nb) if length and nb else 0.0

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
        story.title = features.title or story.title
        for t in features.words:
            if t not in story.words:
                self.postings.setdefault(t, []).append(story.id)
        for space in SPACES:
            bag = getattr(story, space)
            for t, w in getattr(features, space).items():
                bag[t] = bag.get(t, 0.0) + w
        if features.dated:
            story.dated[features.dated] = story.dated.get(features.dated, 0) + 1
        story.norms = {space: _length(self._vector(space, getattr(story, space), story.size)) for space in SPACES}


def _length(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _lead_end(doc) -> int:
    """Character offset where the title line and first sentence end."""
    text = text_of(doc)
    first_nl = text.find("\n")
    line_end = first_nl if 0 <= first_nl < 200 else 0
    m = re.search(r"[.!?][\"'”’]?\s", text[line_end + 1 :])
    return line_end + 1 + (m.end() if m else min(len(text), 300))


def story_id_for(features: ArticleFeatures) -> str:
    """A readable, stable id: a slug of the first article's title and its id."""
    slug = "-".join(re.findall(r"[a-z0-9]+", features.title.lower())[:6]) or "story"
    digest = hashlib.sha1(features.id.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"
