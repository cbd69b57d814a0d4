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

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
RELATIVE = {"who", "which", "that", "whom"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}
TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof|president|senator|governor|the)\.?\s+", re.I)
BODY_WORDS = {
    "ministry", "government", "office", "department", "campaign", "committee", "council", "agency",
    "party", "administration", "spokesman", "spokeswoman", "spokesperson", "statement", "embassy",
    "foundation", "company", "group", "organisation", "organization", "union", "commission", "court",
    "army", "military", "service", "house", "senate", "congress", "parliament", "kremlin", "team",
    "newspaper", "post", "times", "network", "channel", "report", "poll", "board", "bureau", "center",
    "centre", "institute", "association", "coalition", "alliance", "movement", "union", "police",
}


@dataclass
class Speaker:
    """A resolved speaker: the words of the clause, the name to show, the party."""

    start: int
    end: int
    name: str | None
    party: Party | None


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


NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
"""Entity kinds that name someone or somewhere: a title holding one is not a title alone."""
DEFINITE = {"the", "this", "that"}
"""Determiners with which a title alone stands for someone the article has named ("the senator")."""


def titled(span, parties: list[Party]) -> Party | None:
    """The one person among ``parties`` whose role a title alone names: "the two-term president" is
    the party whose role is "president" (not "vice president": the role's words must all be in the
    title, and the fullest such role wins), when the phrase holds no name of its own and one person fits."""
    head = span.root
    if head.pos_ != "NOUN" or not span or span[0].lower_ not in DEFINITE or any(t.ent_type_ in NAME_ENTS for t in span):
        return None
    words = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
    fits = [(len(role), p) for p in parties if p.kind == "person" and p.role
            and _last_word(p.role) in (head.lower_, head.lemma_.lower())
            and (role := set(re.findall(r"[\w-]+", p.role.lower()))) <= words]
    best = [p for n, p in fits if n == max(fits, key=lambda f: f[0])[0]] if fits else []
    return best[0] if len(best) == 1 else None  # "the vice president": the fullest role that fits


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


DASHES = ("—", "–", "-", "--")


def dateline(tok) -> bool:
    """A place in capitals opening a paragraph, then a dash ("MOSCOW —", "NEW YORK -") or an
    agency in brackets and a dash ("LONDON (Reuters) -"): the dateline, not someone acting."""
    doc = tok.doc
    if not (tok.is_upper and tok.is_alpha and len(tok) > 2):
        return False
    first, last = tok.i, tok.i
    while first > 0 and doc[first - 1].is_upper and doc[first - 1].is_alpha:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].is_upper and doc[last + 1].is_alpha:
        last += 1
    opens = first == 0 or doc[first].is_sent_start or "\n" in doc[first - 1].text_with_ws or doc[first - 1].is_space
    after = [t.text for t in doc[last + 1:last + 5]]
    return opens and bool(after) and (after[0] in DASHES or after[:1] == ["("] and len(after) == 4
                                      and after[2] == ")" and after[3] in DASHES)


def is_pronoun(tok) -> bool:
    return tok.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | RELATIVE | FIRST_PERSON


def antecedent(tok, history: list[Speaker], in_quote, person_for: bool = False,
               parties: list[Party] = ()) -> Speaker | None:
    """The last fitting named party before the pronoun ``tok`` (or, with ``person_for``,
    the person most likely speaking an unattributed quote that starts at ``tok``).

    ``parties`` (the article's resolved parties) tell "he" and "she" more people than the
    NER finds: it misses bare surnames ("Pashinyan announced") and takes demonyms for
    people ("Azerbaijani forces").
    """
    doc = tok.doc
    low = "he" if person_for else tok.lower_
    if low in RELATIVE:  # "Sarkissian, who said" -> the noun the clause hangs on
        verb = tok.head
        if verb.dep_ in ("relcl", "acl") and verb.head.i < tok.i:
            np = noun_phrase(verb.head)
            return Speaker(np.start_char, np.end_char, name_of(np), None)
        return history[-1] if history else None
    if low in FIRST_PERSON:
        return None
    cutoff = tok.idx
    if low in PERSON_PRONOUNS:
        ent = _last_person(doc, tok, history, in_quote, parties)
        if ent is None:
            return None
        name = _strip_title(re.sub(r"[’']s$", "", ent.text.strip()))
        return Speaker(ent.start_char, ent.end_char, fullest_person(doc, _last_word(name), name) or name, None)
    # "it" / "they": the last speaker or organisation that is not a person
    candidates: list[tuple[int, Speaker]] = []
    for sp in history:
        if sp.start < cutoff and sp.name and not (sp.party and sp.party.kind == "person") and not _looks_personal(doc, sp):
            candidates.append((sp.start, sp))
    if candidates:  # "It said" most often goes on with the body quoted just before
        return max(candidates, key=lambda c: c[0])[1]
    for ent in doc.ents:
        if ent.end_char <= cutoff and ent.label_ in ("ORG",) and not in_quote(ent.start_char):
            candidates.append((ent.start_char, Speaker(ent.start_char, ent.end_char, ent.text.strip(), None)))
    for chunk in doc.noun_chunks:
        if chunk.end_char <= cutoff and chunk.root.lower_ in BODY_WORDS and chunk.root.dep_ in ("nsubj", "nsubjpass") \
                and not in_quote(chunk.start_char):
            candidates.append((chunk.start_char, Speaker(chunk.start_char, chunk.end_char, chunk.text.strip(), None)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


def _is_subject(tok) -> bool:
    while tok.dep_ in ("compound", "appos", "flat") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _last_person(doc, tok, history: list[Speaker], in_quote, parties: list[Party] = ()):
    """The person "he" or "she" most likely stands for.

    Going back sentence by sentence, a person who is the subject of a clause (or
    who was quoted there) wins over one merely mentioned ("Ed Rendell, one of
    Clinton's supporters, was resolute. 'No,' he said" is Rendell).
    """
    people = [e for e in _people(doc, parties) if e.end_char <= tok.idx and not in_quote(e.start_char)]
    if not people:
        return None
    spoke = {(sp.start, sp.end) for sp in history}
    sent_starts = sorted({e.sent.start for e in people} | {tok.sent.start}, reverse=True)
    for n, s0 in enumerate(sent_starts[:5]):
        here = [e for e in people if e.sent.start == s0]
        strong = [e for e in here if _is_subject(e.root) or (e.start_char, e.end_char) in spoke]
        if strong:
            return strong[-1]
    return people[-1]


def _people(doc, parties: list[Party]) -> list:
    """Spans naming people, in order: the NER's PERSON entities, less those inside a mention
    of a country or body ("Azerbaijani" in "Azerbaijani forces"), and the mentions of the
    people among ``parties`` that the NER missed."""
    def within(ent, kinds_are_people: bool) -> bool:
        return any(s <= ent.start_char and ent.end_char <= e
                   for p in parties if (p.kind == "person") == kinds_are_people for s, e in p.mentions)
    spans = {e.start_char: e for e in doc.ents
             if e.label_ == "PERSON" and (within(e, True) or not within(e, False))}
    for party in parties:
        if party.kind != "person":
            continue
        for s, e in party.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and not any(o.start < span.end and span.start < o.end for o in spans.values()):
                spans[span.start_char] = span
    return [spans[k] for k in sorted(spans)]


def _looks_personal(doc, sp: Speaker) -> bool:
    span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
    if span is None:
        return False
    return any(e.label_ == "PERSON" for e in span.ents) or span.root.lower_ in PERSON_PRONOUNS
