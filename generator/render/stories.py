"""Story pages: a story's merged facts → view data → Markdown, plus the story map."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ..extract.figures import series_key
from ..merge import MergedStory, Source, party_key
from . import maps
from .pages import (STANCE_WORDS, Palette, _anchor, _party_slug, figure_rest, principal_parties,
                    shaded_countries, slugify)


def _source(source: Source, offset: int) -> dict:
    """What templates/source.j2 needs to link a story's item to its sentence: the sentence's anchor and
    the briefing it is on (``page``, a Markdown path MkDocs checks; ``url``, the built page's address,
    for links inside HTML, as on the timeline page), and that article's date."""
    return {"page": f"../briefings/{source.slug}.md", "url": f"../../briefings/{source.slug}/",
            "anchor": _anchor(source.facts, offset), "published": _published(source)}


def _published(source: Source) -> str | None:
    p = source.facts.article.published
    return p.isoformat() if p else None


def story_slug(story: MergedStory) -> str:
    return slugify(story.id, 80)


PARTIES_SHOWN = 8
"""Parties with stated positions shown in full on a story page; the others are named in one line."""
STANCES_SHOWN = 6
OTHERS_SHOWN = 15
NEW_POSITIONS_SHOWN = 6
"""Positions the latest article states that the earlier ones had not, listed under what changed."""


FIGURE_SERIES_SHOWN = 6
"""Series of figures a story page shows: the ones its articles give most often."""

EVENTS_PER_DATE = 3
"""A story's timeline shows a few events per date (articles retell the same day); the rest are counted."""


def by_date(events: list[dict]) -> list[dict]:
    days: dict[str, list[dict]] = {}
    for e in events:
        days.setdefault(e["date"], []).append(e)
    return [{"date": d, "events": evs[:EVENTS_PER_DATE], "more": max(0, len(evs) - EVENTS_PER_DATE)}
            for d, evs in days.items()]


def _outlet(source: Source) -> str:
    return source.facts.article.source or source.facts.article.title


def figure_series(figures) -> list[dict]:
    """The story's figures by what they count ('people killed'), each told by date with who gives it;
    a series of one article's figures is left to its briefing. Where two sources give different
    numbers for the same thing on one day, the series says the figures are contested and lists them
    side by side, each with who gives it. A source is a party an article names for its figure, or,
    for an article's own figure, the outlet that wrote it, when two outlets wrote that day and the
    article gives one number only (an article's other counts may be of another time: 'some 30,000
    killed' in the last war)."""
    series: dict[str, list] = {}
    for f in figures:
        key = series_key(figure_rest(f.text, f.what))
        if key:
            series.setdefault(key, []).append(f)
    out = []
    for key, fs in series.items():
        if len({f.source.slug for f in fs}) < 2:
            continue
        days: dict[str, list] = {}
        for f in fs:
            days.setdefault(_published(f.source) or "", []).append(f)

        def item(f):
            return {"text": f.text, "claimed_by": f.claimed_by, "who": f.claimed_by or _outlet(f.source),
                    **_source(f.source, f.start)}

        disputes = []
        for day, told in days.items():
            claims: dict[str, object] = {}  # one figure per party that gives one, its latest that day
            for f in told:
                if f.claimed_by:
                    claims[f.claimed_by.lower()] = f
            unattributed: dict[str, list] = {}  # an article's own figures, by the outlet that wrote it
            for f in told:
                if not f.claimed_by:
                    unattributed.setdefault(_outlet(f.source), []).append(f)
            if len(unattributed) > 1:  # two outlets the same day: each one's figure, when it gives one only
                for outlet, own in unattributed.items():
                    if len({x.value for x in own}) == 1:
                        claims.setdefault("\0" + outlet, own[-1])
            if len({f.value if f.value is not None else f.text for f in claims.values()}) > 1 and len(claims) > 1:
                disputes.append({"date": day or None, "claims": [item(f) for f in claims.values()]})
        out.append({"what": re.sub(r"^of ", "", figure_rest(fs[0].text, fs[0].what)), "contested": bool(disputes),
                    "disputes": disputes, "figures": [item(f) for f in fs]})
    return sorted(out, key=lambda s: (-len(s["figures"]), s["what"]))[:FIGURE_SERIES_SHOWN]


def _position_of(told: list[dict]) -> dict | None:
    """A party's position as its latest article gives it: of the positions that article states, the
    last that takes a stance (supports, rejects, ...), else the last statement. Sentences of one article
    are not in the order of time, and a bare statement says less than a stance."""
    if not told:
        return None
    last = [t for t in told if t["slug"] == told[-1]["slug"]]
    return next((t for t in reversed(last) if t["stance_key"] != "states"), last[-1])


def standing(story: MergedStory, palette: Palette | None = None) -> list[dict]:
    """Where things stand: each principal party of the story (principal in one of its articles at
    least, as pages.principal_parties decides), in the story's order, with the latest position it
    stated (itself or through a person who speaks for it; see _position_of) and the one before it, from
    an earlier article."""
    principal = {party_key(p) for src in story.sources for p in principal_parties(src.facts)}
    said: dict[str, list[dict]] = {}  # party key -> its positions, oldest first
    for src in story.sources:
        f = src.facts
        for pos in f.positions:
            if not pos.shown:
                continue
            speaker = f.party(pos.via or pos.party)  # who said it (a minister for the country)
            for holder in [pos.party] + list(pos.together):
                party = f.party(f.speaks_for(holder))
                if party is None:
                    continue
                said.setdefault(party_key(party), []).append({
                    "stance": STANCE_WORDS.get(pos.stance, pos.stance.title()), "stance_key": slugify(pos.stance),
                    "text": pos.text, "via": speaker.name if speaker is not None and speaker.id != party.id else None,
                    "slug": src.slug, **_source(src, pos.start)})
    palette = palette or {}
    cards = []
    for p in (p for p in story.parties if p.key in principal):
        told = said.get(p.key, [])
        latest = _position_of(told)
        before = _position_of([t for t in told if latest and t["slug"] != latest["slug"]])
        colour = palette.get(_party_slug(p.name)) or maps.PARTY_COLOURS[len(cards) % len(maps.PARTY_COLOURS)]
        cards.append({"name": p.name, "kind": p.kind, "latest": latest, "before": before, "colour": colour})
    return cards


def standing_view(story: MergedStory, palette: Palette | None = None) -> dict:
    """The cards of the principal parties that stated a position, and the names of those that did not."""
    cards = standing(story, palette)
    return {"cards": [c for c in cards if c["latest"]][:PARTIES_SHOWN],
            "silent": [c["name"] for c in cards if not c["latest"]][:OTHERS_SHOWN]}


def quotes_by_date(story: MergedStory) -> list[dict]:
    """Every quote of the story with who said it, by the date of the article it is in (oldest first)."""
    order = {s.slug: i for i, s in enumerate(story.sources)}
    quotes = sorted(((speaker, q) for speaker, qs in story.quotes.items() for q in qs),
                    key=lambda sq: (order[sq[1].source.slug], sq[1].start))
    days: dict[str, list[dict]] = {}
    for speaker, q in quotes:
        days.setdefault(_published(q.source) or "", []).append(
            {"speaker": speaker, "text": q.text, "kind": q.kind, **_source(q.source, q.start)})
    return [{"date": d or None, "quotes": qs} for d, qs in days.items()]


def _first_mention(source: Source, mentions) -> dict | None:
    return _source(source, mentions[0][0]) if mentions else None


def whats_new_view(story: MergedStory) -> dict | None:
    """What the latest article adds to the ones before it (merge.whats_new), each item with its
    sentence: new parties and places where the article first names them, and the positions it states
    that no earlier article gave, with the party's stance before when it was another."""
    new = story.whats_new
    if new is None:
        return None
    src, f = new.source, new.source.facts
    earlier = story.sources[:-1]
    before: dict[str, tuple[str, set[str]]] = {}  # party key -> (its last stance, every text it stated)
    for e in earlier:
        for pos in e.facts.positions:
            party = e.facts.party(e.facts.speaks_for(pos.party))
            if pos.shown and party is not None:
                last = before.setdefault(party_key(party), ("", set()))
                before[party_key(party)] = (pos.stance, last[1] | {" ".join(pos.text.lower().split())})
    positions = []
    for pos in f.positions:
        party = f.party(f.speaks_for(pos.party))
        if not pos.shown or party is None:
            continue
        stance, texts = before.get(party_key(party), ("", set()))
        if " ".join(pos.text.lower().split()) in texts:
            continue
        positions.append({"party": party.name, "stance": STANCE_WORDS.get(pos.stance, pos.stance.title()),
                          "text": pos.text,
                          "was": STANCE_WORDS.get(stance, stance.title()) if stance and stance != pos.stance else None,
                          **_source(src, pos.start)})
    parties = {p.name: p for p in f.parties}
    places = {p.name: p for p in f.places}
    return {
        "title": f.article.title, "slug": src.slug, "published": _published(src),
        "parties": [{"name": n, "source": _first_mention(src, parties[n].mentions if n in parties else [])}
                    for n in new.parties],
        "places": [{"name": n, "source": _first_mention(src, places[n].mentions if n in places else [])}
                   for n in new.places],
        "positions": positions[:NEW_POSITIONS_SHOWN],
        "quotes": [{"text": q.text, "kind": q.kind, "speaker": q.speaker, **_source(q.source, q.start)}
                   for q in new.quotes],
        "figures": [{"text": t, "what": figure_rest(t, w), **_source(src, o)}
                    for t, w, o in new.figures if figure_rest(t, w)],  # "$27bn" alone tells nothing new
    }


def _month_before(day: str) -> str:
    """The month before a YYYY-MM-DD date, as YYYY-MM: a story's timeline starts there."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"


def story_view(story: MergedStory, palette: Palette | None = None) -> dict:
    latest = story.sources[-1]
    dates = [d for d in (_published(s) for s in story.sources) if d]
    with_stances = [p for p in story.parties if p.stances]
    start = _month_before(dates[0]) if dates else ""  # older dates are background

    def event(e):
        return {"date": e.date, "text": e.text, "when": e.when, **_source(e.source, e.start)}

    return {
        "slug": story_slug(story),
        "title": story.title,
        "first": dates[0] if dates else None,
        "latest": dates[-1] if dates else None,
        "bottom_line": (latest.facts.summary_sentences() or [latest.facts.article.title])[0],
        "sources": [{"title": s.facts.article.title, "slug": s.slug, "published": _published(s),
                     "source": s.facts.article.source} for s in reversed(story.sources)],
        "standing": standing_view(story, palette),
        "parties": [
            {"name": p.name, "kind": p.kind, "role": p.role, "articles": p.articles,
             "changed": (turn := p.change) and {"published": _published(turn.source)},
             "stances": [{"stance": s.stance, "text": s.text, "published": _published(s.source),
                          **_source(s.source, s.start)} for s in p.stances][-STANCES_SHOWN:]}
            for p in with_stances[:PARTIES_SHOWN]
        ],
        "others": [p.name for p in story.parties if not p.stances][:OTHERS_SHOWN],
        "quotes": quotes_by_date(story),
        "figures": figure_series(story.figures),
        "timeline": by_date([event(e) for e in story.timeline if e.date >= start]),
        "background": [event(e) for e in story.timeline if e.date < start],
        "whats_new": whats_new_view(story),
        "map": f"../../maps/story-{story_slug(story)}.html" if story.places else None,
    }


def story_map(story: MergedStory, palette: dict[str, str] | None = None) -> maps.MapSpec:
    markers = []
    for p in story.places:
        lines = []
        for src, s, _e in p.mentions:
            sentence = src.facts.sentences[src.facts.sentence_index(s)] if src.facts.sentences else None
            text = src.facts.article.text
            lines.append((text[sentence.start:sentence.end] if sentence else text[s:_e],
                          f"../briefings/{src.slug}/#{_anchor(src.facts, s).id}"))
        markers.append(maps.Marker(p.name, p.lat, p.lon, p.kind, len(p.mentions), lines, scene=p.scene))
    shaded = shaded_countries([(p.country, p.name) for p in story.parties if p.kind == "country" and p.country][:6],
                              palette or {})
    return maps.MapSpec(key=f"story-{story.id}", markers=markers, shaded=shaded, title=story.title)


def render_stories(stories: list[MergedStory], env: jinja2.Environment,
                   memo: Path | None = None, palette: dict[str, str] | None = None) -> tuple[dict[str, bytes], list[dict]]:
    """Story pages, story maps and the stories index; also the views, newest story first.

    A story of one article is that article's briefing: it gets no page of its own."""
    files: dict[str, bytes] = {}
    views = []
    for story in (s for s in stories if len(s.sources) > 1):
        view = story_view(story, palette)
        files[f"stories/{view['slug']}.md"] = env.get_template("story.md.j2").render(s=view).encode()
        if view["map"]:
            files[f"maps/story-{view['slug']}.html"] = maps.render_map(story_map(story, palette), root="../", memo=memo).encode()
        views.append(view)
    views.sort(key=lambda v: (v["latest"] or "", v["slug"]), reverse=True)
    files["stories/index.md"] = env.get_template("stories.md.j2").render(stories=views).encode()
    return files, views
