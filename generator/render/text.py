"""Making untrusted article text safe inside generated Markdown and HTML.

Article text reaches pages through Markdown, which would otherwise act on
``*``, ``[link](…)``, ``{: attr}``, ``<script>`` and friends. Every character
that Markdown, its extensions or HTML could act on is written as a numeric
character reference, which Markdown passes through as literal text.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_ACTIVE = re.compile(r"_|[^\w\s.,;?'’‘“”\"/%$€£–—-]|(?<=\s)-|^-|\.(?=\s|$)|(?<=[wW]{3})\.", re.M)
"""Markup characters: all punctuation but the harmless, ``-`` that could open a list, ``.`` that could
end a numbered item, and the dot of ``www.`` that link-making extensions (magiclink) act on."""
_QUOTES = re.compile(r"[\"']")
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Characters HTML cannot carry (control characters, lone surrogates, noncharacters): dropped."""


def _line(value) -> str:
    """``value`` as one line of characters that HTML can carry."""
    text = " ".join(str(value if value is not None else "").split())  # \x1c-\x1f and \x85 separate words
    return " ".join(_INVALID.sub("", text).split())


def _ref(m: re.Match) -> str:
    return "".join(f"&#{ord(c)};" for c in m.group(0))


def md_text(value) -> Markup:
    """Inline Markdown that shows ``value`` literally (no markup, no HTML, no line breaks)."""
    text = _ACTIVE.sub(_ref, _line(value))
    text = _QUOTES.sub(_ref, text)
    return Markup(text)


def html_text(value) -> Markup:
    """Escaped text for HTML blocks and attributes (also Markdown-inert: no raw ``*`` or ``[``)."""
    return Markup(md_text(value))


def attr(value) -> Markup:
    """A value for an HTML attribute."""
    return escape(_line(value))


def meta_text(value) -> str:
    """A value for YAML front matter, as a quoted scalar.

    MkDocs themes print titles and descriptions without escaping (and ``striptags``
    turns entities back into characters), so the characters that could open a tag
    or close an attribute, and an ``&`` that could start an entity, are replaced by
    look-alikes instead of being escaped.
    """
    import json

    text = _line(value).translate(str.maketrans({"<": "‹", ">": "›", '"': "”", "`": "’"}))
    text = re.sub(r"&(?=[#\w])", "＆", text)  # '&lt;' would turn back into '<' (html.unescape needs no ';')
    return json.dumps(text, ensure_ascii=False)
