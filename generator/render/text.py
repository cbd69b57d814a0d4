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
_STRAIGHT_QUOTE = re.compile(r'"')
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
    return _inline(_line(value))


def html_text(value) -> Markup:
    """Escaped text for HTML blocks and attributes (also Markdown-inert: no raw ``*`` or ``[``)."""
    return Markup(md_text(value))


def attr(value) -> Markup:
    """A value for an HTML attribute."""
    return escape(_line(value))


def sentence(value) -> str:
    """A clause shown on its own as a sentence starts with a capital ("the strike hit ..." from
    "..., and the strike hit ..."); the rest of it is left as the article wrote it."""
    text = str(value if value is not None else "")
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if text[:1].islower() and first.islower() else text  # not "iPhone"


def dated(event, when: str = "") -> Markup:
    """A timeline event as a sentence (:func:`sentence`) with its date as written in bold: one
    sentence can carry several dates ("... Kalbajar by November 15, Agdam by November 20 ...")."""
    text = sentence(_line(event))
    at = text.find(when) if when else -1
    if at < 0:
        return md_text(text)
    return Markup("").join((_inline(text[:at]), Markup("<strong>"), _inline(when), Markup("</strong>"),
                            _inline(text[at + len(when):])))


def _inline(part: str) -> Markup:
    """:func:`md_text` for a piece of a line: its edge spaces kept."""
    return Markup(_QUOTES.sub(_ref, _ACTIVE.sub(_ref, part)))


def _curly(text: str) -> str:
    """Straight double quotes as typographic ones: opening after a space or bracket, else closing."""
    return _STRAIGHT_QUOTE.sub(lambda m: "“" if m.start() == 0 or text[m.start() - 1] in " ([" else "”", text)


def meta_text(value) -> str:
    """A value for YAML front matter, as a quoted scalar.

    MkDocs themes print titles and descriptions without escaping (and ``striptags``
    turns entities back into characters), so the characters that could open a tag
    or close an attribute, and an ``&`` that could start an entity, are replaced by
    look-alikes instead of being escaped.
    """
    import json

    text = _curly(_line(value)).translate(str.maketrans({"<": "‹", ">": "›", "`": "’"}))
    text = re.sub(r"&(?=[#\w])", "＆", text)  # '&lt;' would turn back into '<' (html.unescape needs no ';')
    return json.dumps(text, ensure_ascii=False)


_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"[ \t\r\f\v]*\n\s*")


def squeeze_html(html: str, scripts: bool = False) -> str:
    """``html`` without the indentation and blank lines templates leave (a third of a themed page).

    A run of white space holding a line break becomes one line break, which HTML shows exactly as it
    showed the run; ``<pre>`` and ``<textarea>`` are kept as they are, and so are ``<script>`` and
    ``<style>`` unless ``scripts`` (for documents whose scripts we wrote, where no string spans lines)."""
    verbatim = ("pre", "textarea") if scripts else ("pre", "textarea", "script", "style")
    parts = _VERBATIM.split(html)
    out = []
    i = 0
    while i < len(parts):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 2 < len(parts):
            block, tag = parts[i + 1], parts[i + 2]
            out.append(block if tag.lower() in verbatim else _INDENT.sub("\n", block))
        i += 3
    return "".join(out)


def quotation(value, kind: str = "direct") -> Markup:
    """A quote as the reader should see it (Markdown-safe, as :func:`md_text`).

    A direct quote goes inside quotation marks, and the quotation marks it holds
    become single ones ("under Azerbaijan's ‘iron fist’"). A mixed quote is the
    reporter's paraphrase with a few words verbatim ("that his country would give a
    “befitting retaliation”"): outer marks would put the paraphrase in the speaker's
    mouth, so it has none, and a mark the quote's end cut off is closed again.
    """
    text = _curly(_line(value))
    if kind == "mixed":
        return md_text(text + "”" * max(0, text.count("“") - text.count("”")))
    return md_text("“" + text.replace("“", "‘").replace("”", "’") + "”")
