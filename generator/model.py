"""The data that travels through the pipeline.

Every fact keeps character offsets (``start``, ``end``) into ``Article.text`` so
that any page can link a fact back to the sentence it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Span = tuple[int, int]


@dataclass(frozen=True)
class Article:
    """One input article, as read by ingest; ``text`` is what all offsets index."""

    id: str
    title: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    tags: tuple[str, ...] = ()
    sample: bool = False


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass
class Party:
    """A real-world actor: a country, a person or an organisation."""

    id: str
    name: str
    kind: str  # "country" | "person" | "organisation" | "group"
    role: str | None = None
    affiliation: str | None = None  # id of another party
    country: str | None = None  # ISO 3166-1 alpha-2, for countries and affiliated actors
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    salience: float = 0.0
    shown: bool = True  # it acts in the story (speaks, does, is addressed, holds a role): pages show only these
    why: str = ""  # why it is not shown ("only named, never acting"); '' when shown
    speaks_for: str | None = None  # id of the party its statements count for (extract.actors decides), None: itself


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None  # party id
    speaker_name: str | None = None
    cue: str | None = None  # the reporting verb
    kind: str = "direct"  # "direct" | "mixed"


@dataclass
class Position:
    party: str  # party id
    stance: str  # supports | opposes | demands | pledges | accuses | agrees | rejects | states
    text: str
    start: int
    end: int
    evidence: list[Span] = field(default_factory=list)
    shown: bool = True  # a complete claim with a clear holder: the page shows only these
    why: str = ""  # why it is not shown ("not a full clause", "rests on an unresolved 'it'", "shown with ...")
    together: list[str] = field(default_factory=list)  # other parties holding the same statement, shown with it
    via: str | None = None  # id of the party that said it, when it counts for another (a minister for a country)


PLACE_ROLES = ("scene", "mentioned", "demonym", "in-name")
"""What a mention of a place says of it, strongest first: where something happens ("shelling hit
Stepanakert", "talks in Geneva", a dateline), only mentioned ("Armenia's prime minister"), a
demonym ("Chinese officials") or part of another name ("OSCE Minsk Group", "Kyoto protocol")."""
PINNED_ROLES = ("scene", "mentioned")
"""The roles that put a place on the maps and pages: a demonym or a name is no place the text is about."""


@dataclass
class Place:
    id: str
    name: str
    kind: str  # "country" | "region" | "city" | "airport" | "water" (sea, river, lake) | "landform" | "other"
    lat: float | None
    lon: float | None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 0.0
    roles: list[str] = field(default_factory=list)  # one of PLACE_ROLES per mention, in the order of mentions

    @property
    def role(self) -> str:
        """The strongest role of its mentions ("mentioned" when extraction gave none)."""
        return min(self.roles, key=PLACE_ROLES.index) if self.roles else "mentioned"

    @property
    def scene(self) -> bool:
        """Whether something the article tells happens here."""
        return self.role == "scene"

    @property
    def pinned(self) -> bool:
        """Whether the maps and pages show it: located, and named as a place at least once."""
        return self.lat is not None and self.lon is not None and self.role in PINNED_ROLES


@dataclass
class Event:
    """A dated moment on the timeline; ``date`` is as precise as the text allows."""

    date: str  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    precision: str  # "year" | "month" | "day"
    text: str  # the date expression as written
    start: int
    end: int
    event: str = ""  # the sentence (or clause) the date belongs to


@dataclass
class Figure:
    text: str
    value: float | None
    what: str
    start: int
    end: int
    shown: bool = True  # complete enough for a page: a number, what it counts and, for a small count, a verb
    why: str = ""  # why it is not shown ("nothing it counts", "a small count", "told before", ...)
    source: str = ""  # who the article says claims it ("officials", "the health ministry"), or ""


@dataclass
class Facts:
    """Everything extracted from one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    summary: list[Span] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    focus: str | None = None  # id of the place where the article's events happen (decided by extract.places)
    principal: list[str] = field(default_factory=list)  # ids of the parties the briefing is about (extract.actors)
    people: list[str] = field(default_factory=list)  # ids of the people who speak most in it (extract.actors)

    def focus_place(self) -> Place | None:
        return next((p for p in self.places if p.id == self.focus), None) if self.focus else None

    def sentence_index(self, offset: int) -> int:
        """The number of the sentence holding ``offset`` (the anchor target)."""
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return max(0, len(self.sentences) - 1)

    def summary_sentences(self) -> list[str]:
        return [self.article.text[s:e].strip() for s, e in self.summary]

    def party(self, party_id: str | None) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def speaks_for(self, party_id: str | None) -> str | None:
        """The party a statement of ``party_id`` counts for, as extraction decided it (``Party.speaks_for``,
        by extract.actors); None for no party."""
        p = self.party(party_id)
        if p is None:
            return None
        return p.speaks_for if p.speaks_for and self.party(p.speaks_for) else p.id
