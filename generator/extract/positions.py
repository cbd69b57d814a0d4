"""Positions: what each party supports, opposes, demands or rejects."""
from __future__ import annotations

from ..model import Party, Position, Quote

STANCES = {
    "support": "supports", "back": "supports", "welcome": "supports",
    "oppose": "opposes", "condemn": "opposes", "criticise": "opposes", "criticize": "opposes",
    "demand": "demands", "urge": "demands", "call": "demands",
    "accuse": "accuses", "blame": "accuses",
    "agree": "agrees", "reject": "rejects", "deny": "rejects", "refuse": "rejects",
}


def extract(doc, parties: list[Party], quotes: list[Quote]) -> list[Position]:
    out: list[Position] = []
    for sent in doc.sents:
        stance = next((STANCES[t.lemma_] for t in sent if t.lemma_ in STANCES), None)
        if not stance:
            continue
        for p in parties[:8]:
            if any(sent.start_char <= s < sent.end_char for s, _ in p.mentions):
                out.append(Position(party=p.id, stance=stance, text=sent.text.strip(),
                                    start=sent.start_char, end=sent.end_char))
                break
    return out
