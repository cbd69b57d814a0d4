"""Merging a story's articles into one picture: who, what each wants over time, who said what, where, when.

Pure functions from the articles' Facts (oldest first) to a MergedStory; the
pages module decides how it looks.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Facts, Party


@dataclass
class Source:
    """One article of the story: where its facts link to."""

    facts: Facts
    slug: str


SIDE = {"supports": 1, "agrees": 1, "opposes": -1, "rejects": -1}
"""Which side of a question a stance puts a party on; the other stances take none."""


FUNCTION_WORDS = set("""about above after again against also been before being below between both could does doing
down during each from further have having here into itself just more most much must only other over same should some
such than that their them then there these they this those through under until very were what when where which while
whom will with within without would your said says told""".split())
"""Words of four letters or more that say nothing about what a stance is on (spaCy's stop list would
mean importing spaCy to render a page)."""


def _topic_words(text: str) -> set[str]:
    """What a stance is about, roughly: its common words of four letters or more ("truce", "talks";
    names are left out, so that "Armenia agreed" and "Armenia denied" share nothing)."""
    return {w for w in re.findall(r"\b[a-z]{4,}\b", text) if w not in FUNCTION_WORDS}


@dataclass
class Stance:
    source: Source
    stance: str
    text: str
    start: int


@dataclass
class StoryParty:
    key: str
    name: str
    kind: str
    role: str | None
    country: str | None
    mentions: int = 0
    articles: int = 0
    stances: list[Stance] = field(default_factory=list)

    @property
    def change(self) -> Stance | None:
        """The stance with which the party last turned round on something (for it, then against, or
        back), if it did.

        Only for and against count: a party that agreed to a truce and then demands its terms kept has
        not changed its position. And only on the same thing, as far as the words tell (a common word
        both stances use): denying it shelled a church and then signing a deal is no turn either.
        """
        turn = None
        seen: list[tuple[int, set[str]]] = []
        for s in self.stances:
            side = SIDE.get(s.stance)
            if side is None:
                continue
            words = _topic_words(s.text)
            if any(other != side and words & before for other, before in seen):
                turn = s
            seen.append((side, words))
        return turn

    @property
    def changed(self) -> bool:
        return self.change is not None


@dataclass
class StoryQuote:
    source: Source
    text: str
    start: int
    speaker: str | None = None  # the name shown where quotes are not already grouped by speaker
    kind: str = "direct"  # "mixed": reported speech with a few words verbatim (shown without quotation marks)


@dataclass
class StoryEvent:
    source: Source
    date: str
    text: str
    start: int
    when: str = ""  # the date as the text writes it ("Sunday", "November 15"), shown in bold


@dataclass
class StoryPlace:
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    mentions: list[tuple[Source, int, int]] = field(default_factory=list)
    scene: bool = False  # where things happen in one of its articles at least


@dataclass
class StoryFigure:
    source: Source
    text: str
    value: float | None
    what: str
    start: int
    claimed_by: str = ""  # who the article says gives the figure ('the ministry'), or ''


@dataclass
class WhatsNew:
    source: Source
    parties: list[str]
    quotes: list[StoryQuote]
    places: list[str]
    figures: list[tuple[str, str, int]]  # text, what, offset


@dataclass
class MergedStory:
    id: str
    title: str
    sources: list[Source]  # oldest first
    parties: list[StoryParty]
    quotes: dict[str, list[StoryQuote]]  # speaker name -> quotes, oldest first
    timeline: list[StoryEvent]
    places: list[StoryPlace]
    whats_new: WhatsNew | None
    figures: list[StoryFigure] = field(default_factory=list)  # shown figures of every article, oldest article first


def party_key(p: Party) -> str:
    """One key per real-world actor across articles: ISO code for countries, the name otherwise.

    Not the kind: the NER calls a company a person in one article and an organisation in the
    next ("Yukos"), and a story must not show it twice."""
    if p.kind == "country" and p.country:
        return f"country:{p.country}"
    return "name:" + " ".join(re.findall(r"\w+", p.name.lower()))


def _date_key(source: Source) -> str:
    return source.facts.article.published.isoformat() if source.facts.article.published else ""


def merge(story_id: str, title: str, sources: list[Source]) -> MergedStory:
    """The story of ``sources``, titled as it stands now: by its latest article's headline (the
    one whose lead the page shows), ``title`` only when that article has none."""
    sources = sorted(sources, key=lambda s: (_date_key(s), s.slug))
    title = (sources[-1].facts.article.title if sources else "") or title
    parties: dict[str, StoryParty] = {}
    kinds: dict[str, Counter] = {}  # party key -> the kinds its articles give it
    quotes: dict[str, list[StoryQuote]] = {}
    places: dict[str, StoryPlace] = {}
    events: dict[tuple[str, str], StoryEvent] = {}
    figures: list[StoryFigure] = []
    for src in sources:
        f = src.facts
        by_id = {p.id: p for p in f.parties}
        for p in f.parties:
            if not p.shown:  # only named, never acting: in the JSON only (speakers and holders are shown)
                continue
            sp = parties.setdefault(party_key(p), StoryParty(party_key(p), p.name, p.kind, p.role, p.country))
            sp.mentions += len(p.mentions)
            sp.articles += 1
            sp.role = sp.role or p.role
            kinds.setdefault(sp.key, Counter())[p.kind] += 1
            if len(p.name) > len(sp.name) and p.kind == "person":
                sp.name = p.name
        for pos in f.positions:
            if not pos.shown:  # what failed the completeness checks is in the JSON only
                continue
            for holder in [pos.party] + list(pos.together):
                party = by_id.get(holder)
                if party is not None:
                    parties[party_key(party)].stances.append(Stance(src, pos.stance, pos.text, pos.start))
        for q in f.quotes:
            party = by_id.get(q.speaker)
            speaker = parties[party_key(party)].name if party is not None else (q.speaker_name or "Unattributed")
            quotes.setdefault(speaker, []).append(StoryQuote(src, q.text, q.start, kind=q.kind))
        for pl in f.places:
            if not pl.pinned:  # only inside another name, or only a demonym
                continue
            sp = places.setdefault(pl.name, StoryPlace(pl.name, pl.kind, pl.lat, pl.lon, pl.country))
            sp.mentions.extend((src, s, e) for s, e in pl.mentions)
            sp.scene = sp.scene or pl.scene
        figures += [StoryFigure(src, x.text, x.value, x.what or "", x.start, x.source or "") for x in f.figures if x.shown]
        for ev in f.timeline:
            events.setdefault((ev.date, ev.event.strip().lower()),
                              StoryEvent(src, ev.date, ev.event or ev.text, ev.start, when=ev.text))
    for sp in parties.values():  # the kind most articles give it; on a tie not a person (the NER's usual slip)
        sp.kind = max(kinds[sp.key], key=lambda k: (kinds[sp.key][k], k != "person"))
    ranked = sorted(parties.values(), key=lambda p: (-p.articles, -p.mentions, p.name))
    timeline = sorted(events.values(), key=lambda e: (e.date, _date_key(e.source), e.start))
    return MergedStory(story_id, title, sources, ranked, quotes, timeline,
                       sorted(places.values(), key=lambda p: (-len(p.mentions), p.name)),
                       whats_new(sources), figures)


def whats_new(sources: list[Source]) -> WhatsNew | None:
    """What the latest article adds to the ones before it."""
    if len(sources) < 2:
        return None
    latest, earlier = sources[-1], sources[:-1]
    seen_parties = {party_key(p) for s in earlier for p in s.facts.parties}
    seen_places = {p.name for s in earlier for p in s.facts.places}
    seen_quotes = {" ".join(q.text.lower().split()) for s in earlier for q in s.facts.quotes}
    seen_figures = {f.text.lower() for s in earlier for f in s.facts.figures}
    f = latest.facts
    speakers = {p.id: p.name for p in f.parties}
    return WhatsNew(
        source=latest,
        parties=[p.name for p in f.parties if p.shown and party_key(p) not in seen_parties][:8],
        quotes=[StoryQuote(latest, q.text, q.start, speakers.get(q.speaker) or q.speaker_name, q.kind) for q in f.quotes
                if " ".join(q.text.lower().split()) not in seen_quotes][:5],
        places=[p.name for p in f.places if p.name not in seen_places and p.pinned][:8],
        figures=[(x.text, x.what, x.start) for x in f.figures
                 if x.shown and x.text.lower() not in seen_figures][:6],
    )
