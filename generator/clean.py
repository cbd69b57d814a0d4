"""The one cleaning step for every string that comes from outside (article files, feeds, servers).

Whatever a page, a map, a feed or a JSON file shows was read through :func:`text` at the edge
(ingest), so no later stage meets a character that XML cannot hold (feedgen raised on U+FFFF and
stopped the whole build), that UTF-8 cannot encode (a lone surrogate from a YAML escape or a file
name), that turns the words around it (a U+202E right-to-left override in a title), or that hides in a
word and makes it another ("Gan<U+200B>ja", pasted from a web page, is no longer the place Ganja;
the zero-width joiners U+200C and U+200D, which Persian, Indic scripts and emoji need, are kept).
Messages about files go through :func:`one_line`, so a file name cannot break a log line either.
"""
from __future__ import annotations

import re

_PLANE_NONCHARACTERS = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))

UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, bar tab, newline and carriage return
    "\ud800-\udfff"  # surrogates: no character on their own, and UTF-8 cannot encode them
    "\ufdd0-\ufdef" + _PLANE_NONCHARACTERS +  # non-characters, which XML refuses
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides, isolates
    "\u00ad\u180e\u200b\u2060-\u2064\ufeff"  # invisible in a word: soft hyphen, zero-width space, word joiner, BOM
    "]"
)
"""Characters no briefing shows: one character class, so the scan is linear on any input."""


def text(value: str) -> str:
    """``value`` without the characters of :data:`UNSAFE` (line breaks and tabs are kept)."""
    return UNSAFE.sub("", value)


def one_line(value: str) -> str:
    """``value`` as one printable line: white space runs become one space, anything unprintable an escape."""
    value = " ".join(value.split())
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value)
