"""Speakers: who a reporting clause names, resolved to a name and a party.

The subject of "said" is often a pronoun ("he said", "It said that ..."), a
relative pronoun ("Sarkissian, who said") or a short form ("Mr Lavrov"); a
briefing page needs the person or body behind it, so each is resolved to the
last fitting named party before it and then to the fullest name the article
gives for that party.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Party
from ..nlp import in_spot, layout_of
from .actors import Actors

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
RELATIVE = {"who", "which", "that", "whom"}
FIRST_PERSON = {"i", "we", "me", "us", "you", "my", "our", "your"}
POSSESSIVE = {"his": "he", "its": "it", "their": "they"}
"""A possessor that speaks through a noun ("his claim that ...") stands for whom its pronoun does ("her"
is one already)."""
TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof|president|senator|governor|the)\.?\s+", re.I)


@dataclass
class Speaker:
    """A resolved speaker: the words of the clause, the name to show, the party, and (an unnamed
    spokesman, who is no party) the party the words count for."""

    start: int
    end: int
    name: str | None
    party: Party | None
    voice: Party | None = None


def noun_phrase(tok):
    """The span of the noun phrase headed by ``tok``, without trailing appositions or clauses."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for t in tok.rights:  # "Hillary Clinton" parsed as Clinton <- Hillary is on the left; keep flat names
        if t.dep_ in ("compound", "flat", "nmod") and t.i == right + 1:
            right = t.i
        else:
            break
    span = doc[left:right + 1]
    while len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span


def _strip_title(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, TITLES.sub("", name)
    return name.strip()


def _last_word(name: str) -> str:
    words = re.findall(r"[\w-]+", name)
    return words[-1].lower() if words else ""


def fullest_person(doc, surname: str, given: str = "") -> str | None:
    """The longest PERSON name in ``doc`` ending with ``surname`` ("Sergei Lavrov" for "Lavrov").

    With ``given`` (the name as written, "Jeb Bush"), only names holding all its words
    count, so that one Bush does not become another.
    """
    best = None
    want = {w.lower() for w in re.findall(r"[\w-]+", given)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _strip_title(re.sub(r"[’']s$", "", ent.text.strip()))
        words = {w.lower() for w in re.findall(r"[\w-]+", name)}
        if _last_word(name) == surname and want <= words and (best is None or len(name) > len(best)):
            best = name
    return best


def party_for(span_start: int, span_end: int, name: str | None, parties: list[Party]) -> Party | None:
    """The party mentioned inside the speaker words, or the one whose name fits ``name``."""
    inside = [p for p in parties if any(s < span_end and span_start < e for s, e in p.mentions)]
    if inside:
        people = [p for p in inside if p.kind == "person"]
        if people:
            return people[0]
        named = _named(name, parties)  # "Azerbaijan's president, Ilham Aliyev": the person shown, not the country
        return named if named is not None and named.kind == "person" else inside[0]
    return _named(name, parties)


def _named(name: str | None, parties: list[Party]) -> Party | None:
    """The party called ``name``: by a name or alias, else a person by surname."""
    if not name:
        return None
    low = name.lower()
    last = _last_word(name)
    for p in parties:
        names = [p.name, *p.aliases]
        if any(n.lower() == low for n in names):
            return p
    for p in parties:
        if p.kind == "person" and last and any(_last_word(n) == last for n in [p.name, *p.aliases]):
            return p
    return None


def _ent_at(doc, tok):
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def name_of(span) -> str:
    """The name to show for a speaker noun phrase: the person in it, else the phrase."""
    doc = span.doc
    head = span.root
    ent = _ent_at(doc, head)
    if ent is not None and ent.label_ == "PERSON":
        name = _strip_title(re.sub(r"[’']s$", "", ent.text.strip()))
        return fullest_person(doc, _last_word(name), name) or name
    for child in [*head.children, *(t for t in head.subtree if t.dep_ == "appos" and t.head != head)]:
        # "Her campaign manager, Robby Mook," -> Robby Mook
        if child.dep_ == "appos":
            app = _ent_at(doc, child)
            if app is not None and app.label_ == "PERSON":
                name = _strip_title(re.sub(r"[’']s$", "", app.text.strip()))
                return fullest_person(doc, _last_word(name), name) or name
    people = [e for e in doc.ents if e.label_ == "PERSON" and span.start <= e.start and e.end <= span.end]
    if people and head.pos_ == "PROPN":
        name = _strip_title(people[-1].text)
        return fullest_person(doc, _last_word(name), name) or name
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        name = _strip_title(span.text.strip())
        full = fullest_person(doc, _last_word(name), name)
        if full and len(name.split()) <= 2:
            return full
    return _with_modifiers(span).text.strip(" ,")


ASIDES = {"relcl", "appos"}
"""Clauses on the complement of a speaker's modifier ("to Trump, who declined to be named"): said
about someone, not part of whose the speaker is."""


def _with_modifiers(span):
    """A common-noun speaker with what tells whose it is: "a spokesman" -> "a spokesman for the
    House Armed Services Committee", "the senator from Vermont" (not relative clauses or asides)."""
    head = span.root
    if head.pos_ == "PROPN":
        return span
    end = span.end
    for child in head.rights:
        if child.i < end:
            continue
        # "a longtime adviser to Trump, who declined to be named": the phrase ends before the clause
        stop = min([t.left_edge.i for t in child.subtree if t.dep_ in ASIDES and t.head.dep_ == "pobj"],
                   default=child.right_edge.i + 1)
        if child.dep_ not in ("prep", "acl", "cc", "conj", "nmod", "amod") or child.left_edge.i != end \
                or stop - 1 - span.start > 15:
            break
        end = stop
    while end > span.end and (span.doc[end - 1].is_punct or span.doc[end - 1].dep_ == "cc"):
        end -= 1  # "the former first lady and" cut before its second noun: without the "and"
    return span.doc[span.start:end]


def dateline(tok) -> bool:
    """A token of the article's dateline ("MOSCOW —", "LONDON (Reuters) -": :attr:`nlp.Layout.dateline`):
    the place a report was filed from, not someone acting."""
    return in_spot(layout_of(tok.doc).dateline, tok.idx, tok.idx + len(tok))


def is_pronoun(tok) -> bool:
    return tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | RELATIVE | FIRST_PERSON \
        or tok.lower_ in POSSESSIVE


def antecedent(tok, history: list[Speaker], in_quote, person_for: bool = False,
               parties: list[Party] = (), actors: Actors | None = None) -> Speaker | None:
    """The last fitting named party before the pronoun ``tok`` (or, with ``person_for``,
    the person most likely speaking an unattributed quote that starts at ``tok``).

    "he" and "she" are resolved by the actor model (``actors``, else one built from ``parties``),
    the one resolver of person pronouns that positions use too.
    """
    doc = tok.doc
    low = "he" if person_for else POSSESSIVE.get(tok.lower_, tok.lower_)
    if low in RELATIVE:  # "Sarkissian, who said" -> the noun the clause hangs on
        verb = tok.head
        if verb.dep_ in ("relcl", "acl") and verb.head.i < tok.i:
            np = noun_phrase(verb.head)
            return Speaker(np.start_char, np.end_char, name_of(np), None)
        return history[-1] if history else None
    if low in FIRST_PERSON:
        return None
    if low in PERSON_PRONOUNS:
        actors = actors if actors is not None else Actors(doc, list(parties))
        ent = actors.person_before(tok, {(sp.start, sp.end) for sp in history}, in_quote)
        if ent is None:
            return None
        name = _strip_title(re.sub(r"[’']s$", "", ent.text.strip()))
        return Speaker(ent.start_char, ent.end_char, fullest_person(doc, _last_word(name), name) or name, None)
    # "it" / "they": the actor model's one resolver of bodies, which positions use too
    actors = actors if actors is not None else Actors(doc, list(parties))
    found = actors.body_before(tok, in_quote)  # the bodies quoted so far: actors.spoke
    if found is None:
        return None
    start, end, name, pid = found
    return Speaker(start, end, name, actors.by_id.get(pid) if pid else None)
