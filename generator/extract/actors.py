"""Actors: which party each mention of an article stands for, and for whom each party speaks.

One model of the article's actors, built once after the parties are found and read by speakers,
positions and the pages, so that no stage keeps its own rules for who someone is:

- a name, a surname or an alias is the party whose mention it is (``party_of``);
- a title alone ("the prime minister", "the chancellor") is the one person the article gives that role
  ("Prime Minister Ann Lee", "Ann Lee, the chancellor"), and no one when none or several do (``titled``);
- a pronoun is the party of a fitting kind and gender met last as a speaker, else as a subject (``pronoun``);
- an official speaks for a body or a country, by one rule (``speaks_for``), stored on the party
  (``Party.speaks_for``) for the pages to read;
- the principal parties and people of the briefing are decided once (``principals``) and stored in Facts.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .. import wordlists
from ..model import Facts, Party
from ..nlp import text_of
from . import gender, parties
from .parties import GOVERNMENT_ROLES, NOT_GOVERNMENT, ORG_HEADS  # one list each, read from data/actor_words.tsv

NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
"""Entity kinds that name someone or somewhere: a title holding one is not a title alone."""
DEFINITE = {"the", "this", "that"}
"""Determiners with which a title alone stands for someone the article has named ("the senator")."""
PLURAL = {"NNS", "NNPS"}
"""Plural nouns: "the ministers" is not one person."""
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
PRONOUNS = PERSON_PRONOUNS | {"it", "they", "its", "their", "them"}
"""The pronouns the model resolves to a party; others ("this", "that", "we") stand for no party of their own."""
SPEECH = wordlists.speech_verbs()["claim"]
"""Reporting verbs (data/speech_verbs.tsv): their subject is the strongest antecedent of a later pronoun."""
SPEAKER_BODIES = frozenset(parties.ACTOR_WORDS["speaker-body"])
"""Heads of a noun phrase that, as the subject of a clause, may be the body a later "it" or "they"
stands for though no party is named in it ("the campaign said ... It added"): data/actor_words.tsv."""
SPEAKS_FOR = frozenset(f[2] for _n, f in wordlists.rows("stance_words.tsv") if f[0] == "speaks-for")
"""Heads of a phrase naming someone who speaks for whoever the phrase names ("Labour's spokesman", "a
Downing Street spokesman"), not someone only named inside it ("Kelly's critics"): data/stance_words.tsv."""
LOOKBACK = 150
"""How many tokens back a pronoun's antecedent is looked for."""
PRINCIPAL = 5
"""The parties a briefing is about, at most (countries, bodies, groups)."""
PRINCIPAL_PEOPLE = 3
"""The people per briefing who speak most there (quotes and shown positions): the parties index lists
them, and they get a page of their own as bodies and countries do."""


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.lower())


class Actors:
    """The article's actors: mention → party, and party → the party it speaks for."""

    def __init__(self, doc, parties: list[Party]):
        self.doc = doc
        self.parties = parties
        self.by_id = {p.id: p for p in parties}
        self._genders: dict[str, str | None] = {}
        self._pronouns: dict[int, str | None] = {}
        self._people: list | None = None
        self.char_party: dict[int, str] = {}
        self.spoke: list = []
        """The speakers of the quotes so far, in order (quotes.extract appends them): the first place
        a later "it" or "they" looks (:meth:`body_before`)."""
        self.voiced: dict[int, str] = {}
        """Quotes (by start) of an unnamed spokesman: the party (:meth:`voice`) the words count for."""
        for p in parties:
            for s, e in p.mentions:
                for c in range(s, e):
                    self.char_party.setdefault(c, p.id)

    # -- mentions -------------------------------------------------------------------------------------
    def party_of(self, tok) -> str | None:
        """The party whose mention holds ``tok``."""
        return self.char_party.get(tok.idx)

    def titled(self, span) -> Party | None:
        """The one person whose role a title alone names: "the two-term president" is the party whose
        role is "president" (not "vice president": the role's words must all be in the title, and the
        fullest such role wins), when the phrase is singular, holds no name of its own (nor does what
        hangs on it: "the president of Ghana") and one person fits. A possessor that names a party
        ("Ghana's foreign minister") narrows the holders to that party's people."""
        if not len(span):
            return None
        head = span.root
        if head.pos_ not in ("NOUN", "PROPN") or head.tag_ in PLURAL:
            return None
        named = [t for t in [*span, *head.subtree] if t.ent_type_ in NAME_ENTS or self.party_of(t)]
        owners = {self.party_of(t) for t in named if t.lower_ not in ("'s", "’s")}
        owner = None
        if named:  # "Ghana's foreign minister": the one holder of the role whose affiliation is Ghana
            if len(owners) != 1 or None in owners or head.ent_type_ in NAME_ENTS or not any(
                    t.dep_ == "poss" and t.head.i == head.i and self.party_of(t) for t in span):
                return None  # "the leaders of Armenia and Russia" is no one person
            owner = owners.pop()
        elif span[0].lower_ not in DEFINITE:
            return None
        words = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
        body = self.described(span, words) if owner is None else None
        if body is not None:
            return body
        fits = [(len(role), p) for p in self.parties if p.kind == "person" and p.role
                and (owner is None or p.affiliation == owner)
                and _words(p.role)[-1:] and _words(p.role)[-1] in (head.lower_, head.lemma_.lower())
                and (role := set(_words(p.role))) <= words]
        if not fits:
            return None
        most = max(n for n, _ in fits)
        best = [p for n, p in fits if n == most]
        return best[0] if len(best) == 1 else None  # "the vice president": the fullest role that fits

    def described(self, span, words: set[str] | None = None) -> Party | None:
        """The one body a description alone names: "the party" after "the Green Party", "the
        union" after "the Dockers Union", when the description's head is the head of that body's
        name (or an alias) and a noun that heads the names of bodies (``ORG_HEADS``: not "the house" for
        the White House), its other words are in that name, and no other body's name fits. A
        description that fits no body, or several ("the party" with Labour Party and Green Party), is
        no one: precision first."""
        head = span.root
        words = words if words is not None else {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
        own = words - DEFINITE - {head.lower_, head.lemma_.lower()}
        if not {head.lower_, head.lemma_.lower()} & ORG_HEADS:
            return None
        fits = []
        for p in self.parties:
            if p.kind == "person":
                continue
            for n in [p.name, *p.aliases]:
                name = _words(n)
                if len(name) > 1 and name[-1] in (head.lower_, head.lemma_.lower()) and own <= set(name):
                    fits.append(p)
                    break
        return fits[0] if len(fits) == 1 else None

    def voice(self, span) -> Party | None:
        """The party an unnamed speaker speaks for: "the prime minister's spokesman" (a title alone:
        its holder), "a Downing Street spokesman", "his spokeswoman" (a pronoun: its antecedent), "a
        spokesman for the union". The phrase is headed by a noun of someone who speaks for another
        (``SPEAKS_FOR``) that names no person of its own and is no title alone of a named person;
        the party is the one the phrase's other words stand for, and no one when they stand for
        none or several. The words are the spokesman's; they count for that party."""
        if not len(span):
            return None
        head = span.root
        if head.pos_ != "NOUN" or head.tag_ in PLURAL or not {head.lower_, head.lemma_.lower()} & SPEAKS_FOR \
                or head.ent_type_ in NAME_ENTS or self.titled(_phrase(head)) is not None:
            return None
        if any(c.dep_ == "appos" for c in head.children):
            return None  # "her spokesman, Giorgi Tsereteli": a named person, the parties' to find
        own = self.party_of(head)  # "Downing Street spokesman" read as the country acting: whom he speaks for
        if own is not None and self.by_id[own].kind == "person":
            return None
        found = {own} - {None}
        for t in head.subtree:
            if t.i == head.i or t.lower_ in ("'s", "’s") or _aside(t, head):
                continue
            pid = self.actor(t) if t.pos_ in ("PRON", "NOUN", "PROPN") else self.party_of(t)
            if pid is not None:
                found.add(pid)
        if len(found) != 1:
            return None
        return self.by_id[found.pop()]

    def voice_name(self, span, voice: Party) -> str | None:
        """How a spokesman found by :meth:`voice` is shown: the article's words when they name the party
        ("a Downing Street spokesman": None, the phrase stands), else whose spokesman he is ("the prime minister's spokesman",
        "his spokesman" -> "spokesman for Ann Lee")."""
        head = span.root
        if any(self.party_of(t) == voice.id for t in head.subtree if t.i != head.i and not _aside(t, head)):
            return None
        mods = [t for t in head.lefts if t.dep_ in ("amod", "compound") and t.i < head.i
                and not self.party_of(t) and t.ent_type_ not in NAME_ENTS]
        words = " ".join(t.text for t in [*mods, head])
        return f"{words} for {voice.name}"

    def gender(self, pid: str) -> str | None:
        if pid not in self._genders:
            self._genders[pid] = gender.of_party(self.by_id[pid], text_of(self.doc))
        return self._genders[pid]

    def pronoun(self, tok) -> str | None:
        """The party a pronoun stands for. "he" and "she": the person of :meth:`person_before` (the one
        resolver quotes use too), of a fitting gender. "it" and "they": the body, country or group met
        last as a speaker, else as a subject, else at all, within LOOKBACK tokens."""
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        want_person = tok.lower_ in PERSON_PRONOUNS
        if want_person:  # one resolver of "he" and "she" for every stage, less people of the other gender
            def fits(span) -> bool:
                pid = self.person_of(span)
                return pid is None or gender.fits(tok.lower_, self.gender(pid))
            span = self.person_before(tok, fits=fits)
            found = self.person_of(span) if span is not None else None
            self._pronouns[tok.i] = found
            return found
        found = self.body_before(tok)
        found = found[3] if found is not None else None
        self._pronouns[tok.i] = found
        return found

    def body_before(self, tok, in_quote=None) -> tuple[int, int, str, str | None] | None:
        """What "it" or "they" at ``tok`` stands for: (start, end, name, party id or None), by one rule
        for quotes and positions. The body or country quoted last before it (``spoke``: "It said"
        most often goes on with the body quoted just before), else the party met last as the
        subject of a reporting verb, else as a subject, else at all, within LOOKBACK tokens, else an
        organisation the NER names or a subject headed by a body noun (``SPEAKER_BODIES``) that is
        no party. Names inside quotes (``in_quote``) are not antecedents."""
        doc, cutoff = self.doc, tok.idx
        quoted = in_quote or (lambda pos: False)
        said = [s for s in self.spoke if s.start < cutoff and s.name and not (s.party and s.party.kind == "person")
                and not _looks_personal(doc, s)]
        if said:
            last = max(said, key=lambda s: s.start)
            return last.start, last.end, last.name, last.party.id if last.party else None
        found = self._party_before(tok, quoted)
        if found is not None:
            return found
        candidates = [(e.start_char, e.end_char, e.text.strip()) for e in doc.ents
                      if e.end_char <= cutoff and e.label_ == "ORG" and not quoted(e.start_char)]
        candidates += [(c.start_char, c.end_char, c.text.strip()) for c in doc.noun_chunks
                       if c.end_char <= cutoff and c.root.lower_ in SPEAKER_BODIES
                       and c.root.dep_ in ("nsubj", "nsubjpass") and not quoted(c.start_char)]
        if not candidates:
            return None
        s, e, name = max(candidates)
        return s, e, name, None

    def _party_before(self, tok, quoted) -> tuple[int, int, str, str] | None:
        """The body, country or group met last before ``tok`` as the subject of a reporting verb, else
        as a subject, else at all (a title alone counts as its holder's mention)."""
        best: dict[int, tuple[int, str]] = {}
        for t in self.doc[max(0, tok.i - LOOKBACK):tok.i]:
            if quoted(t.idx):
                continue
            pid = self.char_party.get(t.idx)
            if pid is None:
                titled = self.titled(_phrase(t)) if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass") \
                    else None
                pid = titled.id if titled is not None else None
            if pid is None or self.by_id[pid].kind == "person":
                continue
            rank = 2 if t.dep_ == "nsubj" and t.head.lemma_ in SPEECH else 1 if t.dep_ in ("nsubj", "nsubjpass") \
                else 0
            best[rank] = (t.i, pid)
        hit = next((best[r] for r in (2, 1, 0) if r in best), None)
        if hit is None:
            return None
        t = self.doc[hit[0]]
        return t.idx, t.idx + len(t.text), self.by_id[hit[1]].name, hit[1]

    def people(self) -> list:
        """Spans naming people, in order: the NER's PERSON entities, less those inside a mention
        of a country or body ("Azerbaijani" in "Azerbaijani forces"), and the mentions of the
        people among the parties that the NER missed (bare surnames: "Pashinyan announced")."""
        if self._people is not None:
            return self._people
        doc, parties = self.doc, self.parties

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
        self._people = [spans[k] for k in sorted(spans)]
        return self._people

    def person_before(self, tok, spoke=frozenset(), in_quote=None, fits=None):
        """The span naming the person "he" or "she" at ``tok`` most likely stands for.

        Going back sentence by sentence, a person who is the subject of a clause (or who was
        quoted there: ``spoke``, spans of speakers) wins over one merely mentioned ("Ed Rendell, one
        of Clinton's supporters, was resolute. 'No,' he said" is Rendell). Names inside quotes
        (``in_quote``) are not antecedents; ``fits`` rules out a span (a person of the other gender)."""
        people = [e for e in self.people() if e.end_char <= tok.idx and not (in_quote and in_quote(e.start_char))
                  and (fits is None or fits(e))]
        if not people:
            return None
        sent_starts = sorted({e.sent.start for e in people} | {tok.sent.start}, reverse=True)
        for s0 in sent_starts[:5]:
            here = [e for e in people if e.sent.start == s0]
            strong = [e for e in here if _is_subject(e.root) or (e.start_char, e.end_char) in spoke]
            if strong:
                return strong[-1]
        return people[-1]

    def person_of(self, span) -> str | None:
        """The person party a span naming someone is a mention of (by position, else by surname)."""
        for c in range(span.start_char, span.end_char):
            pid = self.char_party.get(c)
            if pid is not None and self.by_id[pid].kind == "person":
                return pid
        last = _words(span.text)[-1:]
        return next((p.id for p in self.parties if p.kind == "person" and last
                     and any(_words(n)[-1:] == last for n in [p.name, *p.aliases])), None)

    def actor(self, tok) -> str | None:
        """The party ``tok`` stands for: its mention, else (a pronoun) its antecedent, else (a title
        alone) the one person holding it."""
        pid = self.party_of(tok)
        if pid is None and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
            pid = self.pronoun(tok)
        if pid is None and tok.pos_ in ("NOUN", "PROPN"):
            titled = self.titled(_phrase(tok))
            pid = titled.id if titled is not None else None
        return pid

    # -- who speaks for whom --------------------------------------------------------------------------
    def speaks_for(self, pid: str) -> str:
        """The party a statement of ``pid`` counts for: an official (a government role, not "opposition
        leader" or "former minister") or a state body of a country speaks for the country; a person affiliated to a body or a political party speaks
        for it; anyone else for themselves."""
        p = self.by_id.get(pid)
        if p is None or not p.affiliation:
            return pid
        owner = self.by_id.get(p.affiliation)
        if owner is None or owner.id == p.id:
            return pid
        if owner.kind != "country":
            return owner.id if p.kind == "person" else pid
        if p.kind == "organisation" and p.country == owner.country:
            return owner.id
        if p.kind == "person" and p.role and set(_words(p.role)) & GOVERNMENT_ROLES \
                and not set(_words(p.role)) & NOT_GOVERNMENT:
            return owner.id
        return pid

    def settle(self) -> None:
        """Store the one rule's answer on each party, for the pages."""
        for p in self.parties:
            who = self.speaks_for(p.id)
            p.speaks_for = who if who != p.id else None


def _looks_personal(doc, sp) -> bool:
    """Does a speaker's span name a person (so that "it" is not them)?"""
    span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
    if span is None:
        return False
    return any(e.label_ == "PERSON" for e in span.ents) or span.root.lower_ in PERSON_PRONOUNS


def _is_subject(tok) -> bool:
    while tok.dep_ in ("compound", "appos", "flat") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _aside(tok, head) -> bool:
    """Is ``tok`` inside a clause or apposition hung on the phrase of ``head`` ("a spokesman for the
    union, which ...")? Said about someone, not whose the phrase is."""
    while tok.i != head.i and tok.head != tok:
        if tok.dep_ in ("relcl", "appos", "acl", "advcl"):
            return True
        tok = tok.head
    return False


def _phrase(tok):
    """The noun phrase headed by ``tok`` (its determiner and modifiers), without what follows it."""
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts])
    return tok.doc[left:tok.i + 1]


def decide(facts: Facts) -> Facts:
    """The decisions about actors that the pages read, made once and stored in ``facts``: whom each party
    speaks for (``Party.speaks_for``) and the briefing's principal parties and people."""
    Actors(None, facts.parties).settle()
    facts.principal, facts.people = principals(facts)
    return facts


def principals(facts: Facts) -> tuple[list[str], list[str]]:
    """The parties and the people a briefing is about, decided once in extraction.

    Parties: countries, organisations and groups that speak or recur; people speak *for* one of these,
    so they count towards it. People: those who speak (quotes and shown positions), most first; a person
    only named is not one."""
    voice: dict[str, int] = defaultdict(int)
    for pos in facts.positions:
        if (who := facts.speaks_for(pos.party)):
            voice[who] += 1
    for q in facts.quotes:
        if (who := facts.speaks_for(q.speaker)):
            voice[who] += 1
    actors = [p for p in facts.parties if p.kind != "person" and p.shown]
    # sorted() is stable: ties keep the order of facts.parties
    ranked = sorted(actors, key=lambda p: (-(voice[p.id] + len(p.mentions)), -p.salience))
    keep = [p for p in ranked if len(p.mentions) >= 2 or voice[p.id]]
    parties = [p.id for p in (keep or ranked)[:PRINCIPAL]]
    said: dict[str, int] = defaultdict(int)
    for pos in facts.positions:
        if pos.shown:
            said[pos.via or pos.party] += 1
    for q in facts.quotes:
        if q.speaker:
            said[q.speaker] += 1
    people = [p for p in facts.parties if p.kind == "person" and p.shown and said[p.id]]
    people = sorted(people, key=lambda p: (-said[p.id], -len(p.mentions)))[:PRINCIPAL_PEOPLE]
    return parties, [p.id for p in people]
