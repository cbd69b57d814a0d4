"""Positions: what each principal party supports, opposes, demands, rejects or says.

Read from the parse, not from keywords alone: the holder of a stance is the
subject of a stance verb ("Turkey opposed calls"), the owner of a stance noun
("Armenia reiterated its opposition", "support of Baku by Turkey", "calls from
Russia"), the speaker of reported speech ("Ankara said that ...") or of a quote.
Officials and state bodies speak for their country, so their positions are the
country's.
"""
from __future__ import annotations

import re

from ..model import Party, Position, Quote

VERBS = {
    "supports": {"support", "back", "endorse", "welcome", "favour", "favor", "broker", "mediate", "defend",
                 "praise", "champion", "guarantee", "help", "aid", "arm", "recognise", "recognize"},
    "opposes": {"oppose", "condemn", "criticise", "criticize", "denounce", "resist", "object", "protest",
                "attack", "fight", "warn", "threaten"},
    "demands": {"demand", "urge", "insist", "press", "seek", "want", "ask", "push", "request", "require",
                "vow", "pledge", "promise", "aim", "intend", "plan", "hope"},
    "accuses": {"accuse", "blame", "charge", "allege"},
    "agrees": {"agree", "accept", "approve", "sign", "endorse", "consent", "commit"},
    "rejects": {"reject", "deny", "refuse", "dismiss", "veto", "boycott", "decline", "rebuff", "rule"},
}
NOUNS = {
    "supports": {"support", "backing", "endorsement", "help", "aid", "solidarity", "mediation"},
    "opposes": {"opposition", "condemnation", "objection", "criticism", "resistance", "protest"},
    "demands": {"demand", "call", "aim", "goal", "bid", "push", "request", "ambition", "insistence", "pledge",
                "plan", "proposal", "appeal", "ultimatum"},
    "accuses": {"accusation", "allegation", "charge"},
    "agrees": {"agreement", "acceptance", "approval", "commitment", "consent"},
    "rejects": {"rejection", "refusal", "denial", "veto", "boycott"},
}
ADJECTIVES = {
    "rejects": {"loath", "loth", "reluctant", "unwilling", "opposed", "hostile"},
    "supports": {"keen", "eager", "willing", "ready", "supportive", "committed"},
    "demands": {"determined", "adamant", "insistent"},
}
SPEECH = {"say", "tell", "add", "state", "announce", "declare", "claim", "write", "reiterate", "repeat",
          "stress", "argue", "insist", "warn", "explain", "suggest", "believe", "think", "note", "confirm"}
EXPRESS = {"reiterate", "repeat", "express", "voice", "signal", "reaffirm", "restate", "stand", "give", "offer",
           "announce", "declare", "pledge", "show", "lend", "throw", "extend", "state", "maintain", "confirm",
           "underline", "stress", "make", "issue", "renew", "step", "drop", "abandon", "withdraw"}
"""Verbs whose subject holds the stance of their object noun ("Armenia reiterated its opposition")."""
NEGATED = {"supports": "opposes", "agrees": "rejects", "opposes": "states", "rejects": "states",
           "demands": "states", "accuses": "states", "states": "states"}
GOVERNMENT_ROLES = {"president", "minister", "premier", "chancellor", "leader", "spokesman", "spokeswoman",
                    "spokesperson", "secretary", "ambassador", "envoy", "king", "queen", "emir", "sultan",
                    "official", "diplomat", "negotiator", "general", "commander", "head", "adviser", "advisor",
                    "monarch", "ministry"}
DROP = {"relcl", "advcl", "parataxis", "appos"}
TIME_PREPS = {"after", "before", "during", "since", "following", "amid", "ahead", "until", "on"}
MAX_TOKENS = 28
PER_PARTY = 8

_STANCE_OF_VERB = {lemma: stance for stance, words in VERBS.items() for lemma in words}
_STANCE_OF_NOUN = {lemma: stance for stance, words in NOUNS.items() for lemma in words}
_STANCE_OF_ADJ = {lemma: stance for stance, words in ADJECTIVES.items() for lemma in words}


class _Index:
    """Which party a token belongs to, and which country a party speaks for."""

    def __init__(self, doc, parties: list[Party]):
        self.doc = doc
        self.by_id = {p.id: p for p in parties}
        self.char_party: dict[int, str] = {}
        for p in parties:
            for s, e in p.mentions:
                for c in range(s, e):
                    self.char_party.setdefault(c, p.id)

    def party_of(self, tok) -> str | None:
        return self.char_party.get(tok.idx)

    def principal(self, pid: str) -> str:
        """An official or a state body speaks for its country."""
        p = self.by_id.get(pid)
        if p is None or not p.affiliation:
            return pid
        owner = self.by_id.get(p.affiliation)
        if owner is None or owner.kind != "country":
            return pid
        if p.kind == "organisation" and p.country == owner.country:
            return owner.id
        if p.kind == "person" and p.role and set(p.role.split()) & GOVERNMENT_ROLES:
            return owner.id
        return pid

    def pronoun(self, tok) -> str | None:
        """'he' and 'it' as the party of a fitting kind met last as a speaker (else as a subject)."""
        want_person = tok.lower_ in ("he", "she", "his", "her")
        best: dict[int, tuple[int, str]] = {}
        for t in self.doc[max(0, tok.i - 150):tok.i]:
            pid = self.char_party.get(t.idx)
            if pid is None or (self.by_id[pid].kind == "person") != want_person:
                continue
            rank = 2 if t.dep_ == "nsubj" and t.head.lemma_ in SPEECH else 1 if t.dep_ in ("nsubj", "nsubjpass") \
                else 0
            best[rank] = (t.i, pid)
        for rank in (2, 1, 0):
            if rank in best:
                return best[rank][1]
        return None

    def holders(self, tok) -> list[tuple[str, object]]:
        """Parties named by the phrase headed by ``tok`` (with its conjuncts): (party id, token)."""
        out = []
        for t in [tok] + [c for c in tok.conjuncts]:
            pid = self.party_of(t)
            if pid is None and t.pos_ == "PRON" and t.lower_ in ("he", "she", "it", "they", "his", "her", "its",
                                                                  "their"):
                pid = self.pronoun(t)
            if pid is None:  # "Armenia's president Armen Sarkissian", "the Turkish foreign ministry"
                mods = sorted((c for c in t.children if c.dep_ in ("appos", "poss", "compound", "amod")),
                              key=lambda c: c.dep_ != "appos")
                pid = next((self.party_of(c) for c in mods if self.party_of(c)), None)
            if pid and (pid, t) not in out:
                out.append((pid, t))
        return out


def _subject(verb):
    """The subject of a verb, climbing through xcomp, conj and relative clauses."""
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                j = subj.i - 1  # the noun just before "which": the parser often hangs the clause higher up
                while j >= 0 and subj.doc[j].is_punct:
                    j -= 1
                near = subj.doc[j] if j >= 0 else None
                return near if near is not None and near.pos_ == "PROPN" else verb.head
            if any(c.dep_ == "nsubjpass" for c in verb.children):
                return None
            return subj
        if verb.dep_ in ("xcomp", "conj", "acomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            verb = verb.head
            continue
        if verb.dep_ == "relcl" and next((c for c in verb.children if c.dep_ == "nsubjpass"), None) is None:
            return None
        return None
    return None


def _clause(doc, head, start_tok=None) -> tuple[int, int]:
    """Token range of the clause under ``head``: relative and adverbial clauses, asides and
    time phrases cut off, from ``start_tok`` (the holder) when it comes first."""
    keep = set(t.i for t in head.subtree)
    for t in head.subtree:
        if t is not head and (t.dep_ in DROP or (t.head is head and t.dep_ == "prep" and t.lower_ in TIME_PREPS)
                              or (t.head is head and t.dep_ in ("mark", "cc"))):
            keep -= set(x.i for x in t.subtree)
    keep.add(head.i)
    start = min(keep)
    if start_tok is not None and start_tok.i < start and head.i - start_tok.i <= 12 \
            and start_tok.sent.start == head.sent.start:
        start = start_tok.left_edge.i if start_tok.left_edge.i > head.i - 14 else start_tok.i
    end = head.i
    while end + 1 in keep or (end + 1 < len(doc) and end + 1 <= max(keep) and end + 1 in keep):
        end += 1
    while end > start and doc[end].is_punct:
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].dep_ in ("mark", "cc")
                           or doc[start].lower_ in ("that", "as", "and", "but")):
        start += 1
    end = min(end, start + MAX_TOKENS - 1)
    return start, end + 1


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children
                                                             if tok.dep_ in ("xcomp", "acomp"))


def _from_verb(ix: _Index, tok, stance: str):
    subj = _subject(tok)
    if subj is None:
        return []
    if tok.lemma_ == "call" and not any(c.lower_ in ("for", "on") for c in tok.children):
        return []
    if tok.lemma_ == "rule" and not any(c.lower_ == "out" for c in tok.children):
        return []
    if _negated(tok):
        stance = NEGATED[stance]
    head = tok.head if tok.dep_ == "acomp" else tok
    start_tok = subj if subj.i < tok.i else None
    if tok.dep_ == "acl":  # "talks brokered by Moscow"
        start_tok = tok.head
    return [(pid, stance, _clause(ix.doc, head, start_tok)) for pid, _ in ix.holders(subj)]


def _from_noun(ix: _Index, tok, stance: str):
    """'its opposition to X', 'backing for X', 'support of X by Y', 'calls from Y', 'Y's aim of X'."""
    children = {c.lower_: c for c in tok.children if c.dep_ == "prep"}
    holder = None
    for prep in ("by", "from"):
        if prep in children:
            holder = next((g for g in children[prep].children if g.dep_ == "pobj"), None)
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    start_tok = None
    if holder is None and poss is not None and ix.party_of(poss):
        holder = poss
    if holder is None and "of" in children and tok.lemma_ in ("support", "backing", "opposition", "help") \
            and tok.head.lower_ != "in":  # "in support of X": X is the one supported
        cand = next((g for g in children["of"].children if g.dep_ == "pobj"), None)
        holder = cand if cand is not None and ix.party_of(cand) else None
    verb = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.head.head
    own = poss is not None and poss.lower_ in ("its", "their", "his", "her", "our", "my")
    if holder is None and (own or (tok.dep_ in ("dobj", "pobj") and verb.lemma_ in EXPRESS)):
        # "Armenia reiterated its opposition", "Turkey would stand in support of Baku"
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ not in ("ROOT",) and verb.head is not verb:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            holder = _subject(verb)
            start_tok = holder if holder is not None and holder.i < tok.i else None
    if holder is None:
        return []
    if tok.lemma_ == "call" and tok.tag_ != "NNS" and "for" not in children:
        return []
    return [(pid, stance, _clause(ix.doc, tok, start_tok)) for pid, _ in ix.holders(holder)]


def _from_speech(ix: _Index, tok):
    """'Ankara said that Azerbaijan had agreed ...': the speaker states the reported clause."""
    subj = _subject(tok)
    if subj is None:
        return []
    said = [c for c in tok.children if c.dep_ == "ccomp"]
    if not said and tok.dep_ in ("parataxis", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
        said = [tok.head]  # "X agreed to Y, Lavrov said"
    if not said:  # "told the paper ahead of the talks that Russia needed ...", parsed as a relative clause
        doc = tok.doc
        inner = next((doc[t.i + 1] for t in tok.subtree if t.i > tok.i and t.lower_ == "that" and t.i + 1 < len(doc)
                      and doc[t.i + 1].dep_ == "nsubj" and doc[t.i + 1].head.dep_ == "relcl"), None)
        if inner is not None and tok.lemma_ in ("tell", "say", "warn", "insist", "argue", "write"):
            said = [inner.head]
    out = []
    for clause in said:
        span = _clause(ix.doc, clause)
        if span[1] - span[0] < 3:
            continue
        out += [(pid, "states", span) for pid, _ in ix.holders(subj)]
    return out


def _from_quote(ix: _Index, full: str, q: Quote):
    """A quote is a position of its speaker: its first sentence, in the speaker's words."""
    if not q.speaker or q.speaker not in ix.by_id:
        return []
    text = full[q.start:q.end].split("\n")[0]
    cut = len(text)
    for mark in (". ", "! ", "? ", " . . ."):
        at = text.find(mark)
        if 20 <= at < cut:
            cut = at + 1
    text = text[:cut]
    lead = re.match(r"^(?:\W|that\b|as\b)*", text, flags=re.I).end()
    tail = len(text) - len(text.rstrip(" \t\n\"'“”‘’.,;:"))
    if len(text) - tail - lead < 3:
        return []
    return [(q.speaker, "states", (q.start + lead, q.start + len(text) - tail), True)]


def extract(doc, parties: list[Party], quotes: list[Quote]) -> list[Position]:
    ix = _Index(doc, parties)
    found: list[tuple[str, str, tuple[int, int], bool]] = []  # (party, stance, span, span is chars)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
            if lemma in _STANCE_OF_VERB:
                found += [(p, s, sp, False) for p, s, sp in _from_verb(ix, tok, _STANCE_OF_VERB[lemma])]
            elif lemma in SPEECH:
                found += [(p, s, sp, False) for p, s, sp in _from_speech(ix, tok)]
        elif tok.pos_ == "NOUN" and lemma in _STANCE_OF_NOUN:
            found += [(p, s, sp, False) for p, s, sp in _from_noun(ix, tok, _STANCE_OF_NOUN[lemma])]
        elif tok.pos_ == "ADJ" and lemma in _STANCE_OF_ADJ and tok.dep_ in ("acomp", "amod", "attr"):
            if tok.dep_ == "acomp":
                found += [(p, s, sp, False) for p, s, sp in _from_verb(ix, tok, _STANCE_OF_ADJ[lemma])]
    full = doc.text  # Doc.text is rebuilt on every access: once, not once per quote
    for q in quotes:
        found += _from_quote(ix, full, q)

    out: list[Position] = []
    seen: set[tuple[str, int, int]] = set()
    for pid, stance, span, chars in found:
        if chars:
            start, end = span
        else:
            if span[1] <= span[0]:
                continue
            start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
        party = ix.principal(pid)
        if (party, start, end) in seen:
            continue
        seen.add((party, start, end))
        out.append(Position(party=party, stance=stance, text=full[start:end].strip(), start=start, end=end,
                            evidence=[(start, end)]))
    # Cover the same words once per party: the stance-bearing reading wins over a bare "states".
    kept: list[Position] = []
    for p in sorted(out, key=lambda p: (p.stance == "states", p.start)):
        if any(k.party == p.party and min(k.end, p.end) - max(k.start, p.start) > 0.5 * min(k.end - k.start,
                                                                                         p.end - p.start)
               for k in kept):
            continue
        kept.append(p)
    rank = {p.id: i for i, p in enumerate(parties)}
    kept.sort(key=lambda p: (rank.get(p.party, len(rank)), p.start))
    per: dict[str, int] = {}
    final = []
    for p in kept:
        per[p.party] = per.get(p.party, 0) + 1
        if per[p.party] <= PER_PARTY:
            final.append(p)
    return final
