"""Facts back from plain dicts (the inverse of ``dataclasses.asdict``), for the cache."""
from __future__ import annotations

from dataclasses import fields

from .model import Article, Event, Facts, Figure, Party, Place, Position, Quote, Sentence

_LIST_TYPES = {"sentences": Sentence, "parties": Party, "quotes": Quote, "positions": Position,
               "places": Place, "timeline": Event, "figures": Figure}


def _build(cls, data: dict):
    known = {f.name for f in fields(cls)}
    obj = cls(**{k: v for k, v in data.items() if k in known})
    for name in ("mentions", "evidence"):
        if hasattr(obj, name):
            setattr(obj, name, [tuple(m) for m in getattr(obj, name)])
    return obj


def facts_from_dict(data: dict, article: Article) -> Facts:
    facts = Facts(article=article)
    for name, cls in _LIST_TYPES.items():
        setattr(facts, name, [_build(cls, row) for row in data.get(name, [])])
    facts.summary = [tuple(s) for s in data.get("summary", [])]
    facts.focus = data.get("focus")
    facts.principal = list(data.get("principal", []))
    facts.people = list(data.get("people", []))
    return facts
