"""Facts as JSON: the contract of ``briefing extract`` (see generator/facts.schema.json)."""
from __future__ import annotations

from .model import Facts


def facts_to_json(facts: Facts, path: str | None = None) -> dict:
    """One article's facts in the shape the evaluation scripts read."""
    text = facts.article.text
    return {
        "path": path if path is not None else facts.article.path,
        "id": facts.article.id,
        "title": facts.article.title,
        "published": facts.article.published.isoformat() if facts.article.published else None,
        "text": text,
        "summary": facts.summary_sentences(),
        "parties": [
            {"id": p.id, "name": p.name, "kind": p.kind, "role": p.role, "affiliation": p.affiliation,
             "country": p.country, "aliases": list(p.aliases), "mentions": [list(m) for m in p.mentions],
             "salience": round(p.salience, 4), "shown": p.shown, "why": p.why, "speaks_for": p.speaks_for}
            for p in facts.parties
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_name": q.speaker_name, "cue": q.cue,
             "kind": q.kind, "start": q.start, "end": q.end}
            for q in facts.quotes
        ],
        "positions": [
            {"party": p.party, "stance": p.stance, "text": p.text, "start": p.start, "end": p.end,
             "shown": p.shown, "why": p.why, "together": list(p.together), "via": p.via}
            for p in facts.positions
        ],
        "places": [
            {"id": p.id, "name": p.name, "kind": p.kind, "lat": p.lat, "lon": p.lon, "country": p.country,
             "mentions": [list(m) for m in p.mentions], "confidence": round(p.confidence, 4),
             "role": p.role, "roles": list(p.roles)}
            for p in facts.places
        ],
        "focus": facts.focus,
        "principal": list(facts.principal),
        "people": list(facts.people),
        "timeline": [
            {"date": e.date, "precision": e.precision, "text": e.text, "event": e.event, "start": e.start, "end": e.end}
            for e in facts.timeline
        ],
        "figures": [
            {"text": f.text, "value": f.value, "what": f.what, "start": f.start, "end": f.end,
             "shown": f.shown, "why": f.why, "source": f.source}
            for f in facts.figures
        ],
    }
