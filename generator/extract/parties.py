"""Parties: the countries, people and organisations an article is about."""
from __future__ import annotations

import re

from .. import countries
from ..model import Party, Place

LABELS = {"GPE": "country", "NORP": "country", "PERSON": "person", "ORG": "organisation"}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "party"


def extract(doc, places: list[Place]) -> list[Party]:
    parties: dict[str, Party] = {}
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if not kind:
            continue
        name = re.sub(r"^(the|Mr|Mrs|Ms|Dr)\.?\s+", "", ent.text.strip(), flags=re.I)
        country = countries.resolve(ent.text, metonyms=False)
        if country:
            kind, name = "country", country.name
        elif kind == "country":
            continue
        key = name.lower()
        if kind == "person":  # "Lavrov" is the "Sergei Lavrov" met before
            key = next((k for k, p in parties.items() if p.kind == "person" and k.split()[-1] == key.split()[-1]), key)
        party = parties.setdefault(key, Party(id=slug(name), name=name, kind=kind,
                                              country=country.iso2 if country else None))
        if len(name) > len(party.name) and kind == "person":
            party.aliases.append(party.name)
            party.name = name
        elif name != party.name and name not in party.aliases:
            party.aliases.append(name)
        party.mentions.append((ent.start_char, ent.end_char))
    out = list(parties.values())
    for p in out:
        p.salience = len(p.mentions)
    return sorted(out, key=lambda p: (-p.salience, p.mentions[0]))
