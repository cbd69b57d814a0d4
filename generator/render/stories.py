"""Story pages: a story's merged facts → view data → Markdown, plus the story map."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ..extract.figures import series_key
from ..merge import MergedStory, Source
from . import maps
from .pages import _anchor, figure_rest, shaded_countries, slugify


def _link(source: Source, offset: int) -> str:
    """From a story page to the sentence in an article's briefing (checked by MkDocs)."""
    return f"../briefings/{source.slug}.md#{_anchor(source.facts, offset).id}"


def _published(source: Source) -> str | None:
    p = source.facts.article.published
    return p.isoformat() if p else None


def story_slug(story: MergedStory) -> str:
    return slugify(story.id, 80)


PARTIES_SHOWN = 8
"""Parties with stated positions shown in full on a story page; the others are named in one line."""
STANCES_SHOWN = 6
OTHERS_SHOWN = 15


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


def figure_series(figures) -> list[dict]:
    """The story's figures by what they count ('people killed'), each told by date with who gives it;
    a series of one article's figures is left to its briefing. Where two named sources give different
    numbers for the same thing on one day, the series says the figures are contested (a count without a
    source may be of another time: 'some 30,000 killed' in the last war)."""
    series: dict[str, list] = {}
    for f in figures:
        key = series_key(figure_rest(f.text, f.what))
        if key:
            series.setdefault(key, []).append(f)
    out = []
    for key, fs in series.items():
        if len({f.source.slug for f in fs}) < 2:
            continue
        days: dict[str, set] = {}
        for f in fs:
            if f.claimed_by:  # only figures the articles attribute can be set against each other
                days.setdefault(_published(f.source) or "", set()).add((f.value, f.claimed_by.lower()))
        contested = any(len({v for v, _ in told}) > 1 and len({who for _, who in told}) > 1 for told in days.values())
        out.append({"what": re.sub(r"^of ", "", figure_rest(fs[0].text, fs[0].what)), "contested": contested,
                    "figures": [{"text": f.text, "published": _published(f.source), "claimed_by": f.claimed_by,
                                 "link": _link(f.source, f.start)} for f in fs]})
    return sorted(out, key=lambda s: (-len(s["figures"]), s["what"]))[:FIGURE_SERIES_SHOWN]


def _month_before(day: str) -> str:
    """The month before a YYYY-MM-DD date, as YYYY-MM: a story's timeline starts there."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"


def story_view(story: MergedStory) -> dict:
    latest = story.sources[-1]
    dates = [d for d in (_published(s) for s in story.sources) if d]
    with_stances = [p for p in story.parties if p.stances]
    start = _month_before(dates[0]) if dates else ""  # older dates are background

    def event(e):
        return {"date": e.date, "text": e.text, "when": e.when, "link": _link(e.source, e.start)}

    new = story.whats_new
    return {
        "slug": story_slug(story),
        "title": story.title,
        "first": dates[0] if dates else None,
        "latest": dates[-1] if dates else None,
        "bottom_line": (latest.facts.summary_sentences() or [latest.facts.article.title])[0],
        "sources": [{"title": s.facts.article.title, "slug": s.slug, "published": _published(s),
                     "source": s.facts.article.source} for s in reversed(story.sources)],
        "parties": [
            {"name": p.name, "kind": p.kind, "role": p.role, "articles": p.articles,
             "changed": (turn := p.change) and {"published": _published(turn.source)},
             "stances": [{"stance": s.stance, "text": s.text, "published": _published(s.source),
                          "link": _link(s.source, s.start)} for s in p.stances][-STANCES_SHOWN:]}
            for p in with_stances[:PARTIES_SHOWN]
        ],
        "others": [p.name for p in story.parties if not p.stances][:OTHERS_SHOWN],
        "quotes": [
            {"speaker": speaker, "quotes": [{"text": q.text, "kind": q.kind, "published": _published(q.source),
                                             "link": _link(q.source, q.start)} for q in qs]}
            for speaker, qs in sorted(story.quotes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
        "figures": figure_series(story.figures),
        "timeline": by_date([event(e) for e in story.timeline if e.date >= start]),
        "background": [event(e) for e in story.timeline if e.date < start],
        "whats_new": None if new is None else {
            "title": new.source.facts.article.title, "slug": new.source.slug, "published": _published(new.source),
            "parties": new.parties, "places": new.places,
            "quotes": [{"text": q.text, "kind": q.kind, "speaker": q.speaker, "link": _link(q.source, q.start)}
                       for q in new.quotes],
            "figures": [f for f in ({"text": t, "what": figure_rest(t, w), "link": _link(new.source, o)}
                                    for t, w, o in new.figures) if f["what"]],  # "$27bn" alone tells nothing new
        },
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
        view = story_view(story)
        files[f"stories/{view['slug']}.md"] = env.get_template("story.md.j2").render(s=view).encode()
        if view["map"]:
            files[f"maps/story-{view['slug']}.html"] = maps.render_map(story_map(story, palette), root="../", memo=memo).encode()
        views.append(view)
    views.sort(key=lambda v: (v["latest"] or "", v["slug"]), reverse=True)
    files["stories/index.md"] = env.get_template("stories.md.j2").render(stories=views).encode()
    return files, views
