"""Places: place mentions resolved to coordinates with the offline gazetteer."""
from __future__ import annotations

import re

from .. import gazetteer
from ..model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "place"


def extract(doc) -> list[Place]:
    by_name: dict[str, Place] = {}
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        cands = gazetteer.lookup(ent.text)
        if not cands:
            continue
        best = cands[0]
        place = by_name.setdefault(best.name, Place(id=slug(best.name), name=best.name, kind=best.kind,
                                                    lat=best.lat, lon=best.lon, country=best.country, confidence=0.5))
        place.mentions.append((ent.start_char, ent.end_char))
    return sorted(by_name.values(), key=lambda p: (-len(p.mentions), p.mentions[0]))
