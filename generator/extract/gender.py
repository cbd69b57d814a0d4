"""Which people a "he" or a "she" can stand for: the one agreement English marks on pronouns.

A person's gender is read from the article only: a title before one of their names (Mr, Mrs, Lady), else
a first name of data/first_names.tsv. Unknown is the common case, and an unknown person fits any pronoun;
the check only rules out the plain mismatch ("he" for Elizabeth Blackman).
"""
from __future__ import annotations

from .. import wordlists
from ..model import Party

TITLES = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mrs": "f", "ms": "f", "miss": "f",
          "lady": "f", "dame": "f", "baroness": "f", "queen": "f", "princess": "f"}
"""Titles that tell a gender ('Mr Kilroy-Silk', 'Baroness Kennedy')."""
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}

FIRST_NAMES = {name: g for _n, (g, name) in wordlists.rows("first_names.tsv", key=lambda row: row[1])}


def of_party(party: Party, text: str) -> str | None:
    """'m', 'f' or None for a person, from a title before any of their mentions or their first name."""
    if party.kind != "person":
        return None
    for start, _end in party.mentions:
        before = text[max(0, start - 12):start].rstrip(" .").split()
        if before and before[-1].lower() in TITLES:
            return TITLES[before[-1].lower()]
    words = party.name.split()
    first = words[0].lower() if words else ""
    if first in TITLES and len(words) > 1:
        return TITLES[first]
    return FIRST_NAMES.get(first)


def fits(pronoun: str, gender: str | None) -> bool:
    """Can this pronoun stand for someone of this gender (None: not known, so it can)?"""
    want = PRONOUNS.get(pronoun.lower())
    return want is None or gender is None or want == gender
