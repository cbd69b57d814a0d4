"""Quotes: text in quotation marks, with the speaker who said it."""
from __future__ import annotations

import re

from ..model import Party, Quote

QUOTE = re.compile(r"[\"“«]([^\"”»]{3,}?)[\"”»]")
SAY = {"say", "tell", "add", "state", "describe", "announce", "warn", "write", "insist", "claim", "declare"}


def extract(doc, parties: list[Party]) -> list[Quote]:
    out: list[Quote] = []
    for m in QUOTE.finditer(doc.text):
        sent = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        sent = sent.sent if sent is not None else None
        speaker = cue = None
        if sent is not None:
            for tok in sent:
                if tok.lemma_ in SAY:
                    cue = tok.text
                    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subj:
                        speaker = doc[subj[0].left_edge.i: subj[0].i + 1]
                    break
        party = None
        if speaker is not None:
            party = next((p for p in parties if any(s <= speaker.end_char and speaker.start_char <= e for s, e in p.mentions)), None)
        out.append(Quote(text=m.group(1).strip(), start=m.start(1), end=m.end(1),
                         speaker=party.id if party else None,
                         speaker_name=party.name if party else (speaker.text if speaker is not None else None), cue=cue))
    return out
