"""Figures: numbers with what they count."""
from __future__ import annotations

from ..model import Figure


def extract(doc) -> list[Figure]:
    out: list[Figure] = []
    for ent in doc.ents:
        if ent.label_ not in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            continue
        head = ent.root.head
        what = head.text if head.pos_ in ("NOUN", "VERB") else ""
        try:
            value = float(ent.text.replace(",", ""))
        except ValueError:
            value = None
        out.append(Figure(text=ent.text, value=value, what=what, start=ent.start_char, end=ent.end_char))
    return out
