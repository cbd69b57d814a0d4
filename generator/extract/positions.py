"""Positions: what each principal party supports, opposes, demands, pledges, rejects or says.

Read from the parse, not from keywords alone: the holder of a stance is the
subject of a stance verb ("Turkey opposed calls"), the owner of a stance noun
("Armenia reiterated its opposition", "support of Baku by Turkey", "calls from
Russia"), the speaker of reported speech ("Ankara said that ...") or of a quote.
Officials and state bodies speak for their country, so their positions are the
country's.

A reader wants a few telling statements per party, not every sentence it was
the subject of: what someone said is kept only when it is a claim or a
judgement (a modal, a negation, "X is Y", first-person voice, a judgement word),
and becomes an accusation when it pins a hostile act on another party; an
account of events ("experts had examined the bodies") is left out. Explicit
stance words rank before quotes, quotes before paraphrase.
"""
from __future__ import annotations

import re

from .. import wordlists
from ..nlp import text_of, title_end
from ..model import Party, Position, Quote
from . import actors
from .actors import PERSON_PRONOUNS, PRONOUNS, Actors
from .speakers import dateline

def _words(path="stance_words.tsv") -> dict:
    """The word lists of data/stance_words.tsv, by kind and stance; a word twice in a kind (the same
    stance or two) is an error, so that no two lists disagree."""
    out: dict[str, dict[str, set[str]]] = {}
    for _n, (kind, stance, word) in wordlists.rows(path, key=lambda row: (row[0], row[2])):
        out.setdefault(kind, {}).setdefault(stance, set()).add(word)
    return out


WORDS = _words()
VERBS, NOUNS, ADJECTIVES = WORDS["verb"], WORDS["noun"], WORDS["adjective"]
ACCUSED_OF = {"of", "over", "for", "after"}
"""What an accusation is about comes after one of these ('accused Turkey of sending fighters')."""
SHELL_NOUNS = WORDS["shell"]["-"]
"""'dismissed the claim', 'announced his plans': an object that only points at words given elsewhere."""
GUESS = WORDS["guess"]["-"]
"""'Togo may oppose', 'Ghana is expected to back': a guess about the holder, not its position."""
SOURCES = WORDS["source"]["-"]
"""An unnamed reporter that is the holder's own voice ("officials said"), not an outside one ("critics say")."""
SPEAKS_FOR = actors.SPEAKS_FOR
"""A possessor holds what the phrase says only when the head is one of these ("Labour's spokesman"),
not when it is only named inside it ("Kelly's critics"): the actor model's one list."""
SPEECH = wordlists.speech_verbs()["claim"]
"""Verbs under which a clause is their subject's claim (data/speech_verbs.tsv, use "claim")."""
REPORTING = wordlists.speech_verbs()["report"]
"""Every verb that reports speech ("comment", "say"): 'declined to comment' refuses words, not a proposal."""
BARE = WORDS["bare"]["-"]
"""'Mr X repeated calls': a stance noun that says nothing without what it is for."""
CONCESSION = WORDS["concession"]["-"]
"""'accepted people's frustration': owning up to a feeling or a criticism is a concession, not agreement."""
QUESTION = WORDS["question"]["-"]
"""'asked whether the minister would resign': a question, not a demand."""
HYPOTHETICAL = WORDS["hypothetical"]["-"]
"""'naive if he accepted the claim': a stance under one of these marks is supposed, not taken."""
EXPRESS = {"reiterate", "repeat", "express", "voice", "signal", "reaffirm", "restate", "stand", "give", "offer",
           "announce", "declare", "pledge", "show", "lend", "throw", "extend", "state", "maintain", "confirm",
           "underline", "stress", "make", "issue", "renew", "step", "drop", "abandon", "withdraw"}
"""Verbs whose subject holds the stance of their object noun ("Armenia reiterated its opposition")."""
NEGATED = {"supports": "opposes", "agrees": "rejects", "opposes": "states", "rejects": "states",
           "demands": "states", "pledges": "states", "accuses": "states", "states": "states"}
DROP = {"relcl", "advcl", "parataxis", "appos"}
TIME_PREPS = {"after", "before", "during", "since", "following", "amid", "ahead", "on"}
MAX_TOKENS = 28
PER_PARTY = 4
"""A reader wants a handful of positions per party, the most telling ones."""
EVALUATIVE = {"illegal", "legal", "unacceptable", "acceptable", "right", "wrong", "fair", "unfair", "false", "true",
              "lie", "misinformation", "propaganda", "provocation", "aggression", "occupation", "terrorism",
              "terrorist", "crime", "criminal", "justice", "legitimate", "illegitimate", "sovereignty", "interest",
              "concern", "concerned", "worry", "risk", "threat", "danger", "dangerous", "necessary", "essential",
              "important", "impossible", "never", "peace", "war", "victory", "defeat", "right", "entitle",
              "chance", "resort", "clear", "ready", "believe", "think", "hope", "fear", "expect", "doubt",
              "serious", "strong", "weak", "painful", "success", "failure", "mistake", "ultimatum", "solution",
              "settlement", "negotiation", "responsibility", "responsible", "liberate", "free", "bully", "enemy"}
"""Words that make a reported sentence a claim or a judgement rather than an account of events."""
HOSTILE = {"shell", "attack", "fire", "strike", "bomb", "kill", "shoot", "target", "violate", "breach", "break",
           "destroy", "invade", "occupy", "seize", "massacre", "torture", "abuse", "lie", "cheat", "steal",
           "shelling", "violation", "breach", "aggression", "assault", "offensive", "responsibility",
           "responsible", "provocation", "blame", "fault", "guilty"}
"""Reported acts that, pinned on another party, amount to an accusation ("X said Y had shelled ...")."""
SHELL_NOUNS = {"claim", "proposal", "demand", "idea", "plan", "suggestion", "allegation", "accusation", "charge",
               "move", "decision", "offer", "request", "report", "assertion", "notion", "view", "position"}
"""Nouns that stand for the clause before them: "..., a claim Azerbaijan rejected"."""
CONDITIONS = {"if", "unless", "when", "because", "although", "though", "while", "whereas", "once", "since"}
FIRST_PERSON = {"i", "we", "our", "us", "my", "me", "ours"}
OPEN_QUOTES, CLOSE_QUOTES = "“", "”"
MIN_SCORE = 0.5
WEIGHT = {"stance": 3.0, "accusation": 2.5, "quote": 2.0, "speech": 1.0}
"""Explicit stance words say most; a quoted claim next; a paraphrase of what someone said least."""

_STANCE_OF_VERB = {lemma: stance for stance, words in VERBS.items() for lemma in words}
_STANCE_OF_NOUN = {lemma: stance for stance, words in NOUNS.items() for lemma in words}
_STANCE_OF_ADJ = {lemma: stance for stance, words in ADJECTIVES.items() for lemma in words}


def _holders(ix: Actors, tok) -> list[tuple[str, object]]:
    """Parties named by the phrase headed by ``tok`` (with its conjuncts), through the actor model (a
    name, a pronoun, a title alone): (party id, token)."""
    out = []
    if dateline(tok):  # "MOSCOW — Armenia and Azerbaijan agreed": the place line is not the subject
        tok = next((c for c in tok.children if c.dep_ == "appos"), None)
        if tok is None:
            return []
    for t in [tok] + [c for c in tok.conjuncts]:
        pid = ix.actor(t)
        if pid is None:  # "Armenia's president Armen Sarkissian", "the Turkish foreign ministry"
            speaks = t.lemma_.lower() in SPEAKS_FOR or t.lower_ in SPEAKS_FOR
            mods = sorted((c for c in t.children if c.dep_ == "appos" or
                           (speaks and c.dep_ in ("poss", "compound", "amod"))),
                          key=lambda c: c.dep_ != "appos")  # "Kelly's critics" are not Kelly
            pid = next((ix.party_of(c) for c in mods if ix.party_of(c)), None)
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


def _time_phrase(prep) -> bool:
    """'after talks in Moscow', 'on Sunday': when, not what."""
    if prep.lower_ not in TIME_PREPS:
        return False
    return prep.lower_ != "on" or any(g.ent_type_ in ("DATE", "TIME") for g in prep.children)  # not "agreed on"


def _trailing(t, head, keep: set[int]) -> bool:
    """Nothing kept follows ``t``'s phrase, so cutting it cuts nothing else (or it comes before the head)."""
    return t.i < head.i or not any(x.i > t.right_edge.i and x.i in keep and not x.is_punct for x in head.subtree)


def _clause(doc, head, start_tok=None) -> tuple[int, int]:
    """Token range of the clause under ``head``: relative and adverbial clauses, asides, second
    predicates and time phrases cut off, from ``start_tok`` (the holder) when it comes first.
    The text must stay one piece, so a short aside or a time phrase in mid-clause stays."""
    keep = set(t.i for t in head.subtree)
    optional = []  # cut only where it ends the clause
    for t in head.subtree:
        if t.i == head.i or _name_apposition(t):
            continue
        on_head = t.head.i == head.i  # spaCy makes a new Token object on every access: compare positions
        if _purpose(t):
            continue  # "would have to work hard to ensure taxpayers get full benefit": the point of it
        if t.dep_ in DROP and t.i > head.i and len(list(t.subtree)) <= 4 or \
                (on_head and t.dep_ == "prep" and _time_phrase(t)):
            optional.append(t)
        elif t.dep_ in DROP or (on_head and t.dep_ in ("mark", "cc")) or \
                (on_head and t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.i > head.i):
            # a second predicate (", and the ministry said ...", "and said ...") is another statement
            keep -= set(x.i for x in t.subtree)
    for t in sorted(optional, key=lambda t: -t.i):
        if t.i in keep and _trailing(t, head, keep):
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
    while start < end and (doc[start].is_punct or doc[start].dep_ in ("mark", "cc") or dateline(doc[start])
                           or doc[start].lower_ in ("that", "as", "and", "but")):
        start += 1
    if end - start >= MAX_TOKENS:  # too long: stop at the last comma or semicolon that keeps most of it
        cap = start + MAX_TOKENS - 1
        cut = next((j - 1 for j in range(cap, start + 8, -1) if doc[j].text in (",", ";", "—", "–")), cap)
        end = cut
    while end > start and doc[end].is_punct:
        end -= 1
    return start, end + 1


def _purpose(tok) -> bool:
    """An infinitive of purpose ('to ensure ...') hung on a verb as an adverbial clause, no conjunction before it."""
    return tok.dep_ == "advcl" and tok.head.pos_ in ("VERB", "AUX") and tok.i > tok.head.i and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
        not any(c.dep_ == "mark" for c in tok.children)


def _name_apposition(tok) -> bool:
    """'prime minister Nikol Pashinyan': a person's name not set off by punctuation is the
    name the role belongs to, not an aside to cut."""
    return tok.dep_ == "appos" and tok.ent_type_ == "PERSON" and tok.left_edge.i > 0 \
        and not tok.doc[tok.left_edge.i - 1].is_punct


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children
                                                             if tok.dep_ in ("xcomp", "acomp"))


def _from_verb(ix: Actors, tok, stance: str):
    subj = _subject(tok)
    if subj is None:
        return []
    if tok.lemma_ == "call" and not any(c.lower_ in ("for", "on") for c in tok.children):
        return []
    if tok.lemma_ == "rule" and not any(c.lower_ == "out" for c in tok.children):
        return []
    if tok.lemma_ in ("push", "press") and not any(c.lower_ in ("for", "on") and c.dep_ == "prep" or
                                                   c.dep_ == "xcomp" for c in tok.children):
        return []  # "press for talks" is a demand, "pushed prices up" and "press on with" are not
    if _vague(tok) or _inside_accusation(tok) or _told_by_another(ix, tok, subj) or _supposed(tok):
        return []
    own_act = [c for c in tok.children if c.dep_ == "xcomp" and not any(g.dep_ in ("nsubj", "nsubjpass")
                                                                         for g in c.children)]
    if stance == "rejects" and any(c.lemma_.lower() in REPORTING for c in own_act):
        return []  # "declined to comment": no word said, no proposal refused
    if stance == "demands" and own_act and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        stance = "states"  # "sought to draw a line under", "wants to join": an aim of its own, asked of no one
    asked = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and (
        any(g.dep_ == "nsubj" for g in c.children) or any(d.dep_ == "dobj" for d in tok.children))]
    if stance == "accuses" and not _accuses_someone(ix, tok):
        stance = "states"  # "he blamed 'cock-up not conspiracy'": no one accused
    if stance == "opposes" and asked:
        stance = "demands"  # "challenged Mr X to stand down": something asked of another
    if stance == "demands" and any(c.dep_ == "ccomp" and (any(m.dep_ == "mark" and m.lower_ in QUESTION
                                                              for m in c.children) or c.left_edge.lower_ in QUESTION)
                                   for c in tok.children):
        stance = "states"  # "asked whether the minister would resign": a question
    if stance in ("agrees", "supports") and any(c.dep_ == "dobj" and (c.lemma_.lower() in CONCESSION or c.lower_ in CONCESSION)
                                  for c in tok.children):
        stance = "states"  # "accepted people's frustration", "recognised people's concerns": a concession
    if _guessed(tok) and not _own_words(ix, tok, subj):
        return []  # "Togo may oppose the rules, analysts said": the analysts' guess, not Togo's stance
    if _negated(tok):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH and _subject(tok.head) is not None:
            return []  # "Aliyev said Pashinyan had not signed freely" is Aliyev's claim, not Armenia's refusal
        stance = NEGATED[stance]
    head = tok.head if tok.dep_ == "acomp" else tok
    start_tok = subj if subj.i < tok.i else None
    if tok.dep_ == "acl":  # "talks brokered by Moscow"
        start_tok = tok.head
    if tok.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children) \
            and not any(c.dep_ == "dobj" for c in tok.children) and tok.head.dep_ in ("pcomp", "pobj", "dobj") \
            and 0 < tok.i - tok.head.i <= 4:
        start_tok = tok.head  # "shelling that Armenia blamed on Azerbaijan": the object comes first
    span = _clause(ix.doc, head, start_tok)
    if start_tok is not None and start_tok.i < span[0] and tok.dep_ == "ccomp":
        span = (start_tok.i, span[1])
    if tok.dep_ == "relcl" and subj.tag_ not in ("WDT", "WP"):
        span = _antecedent_span(ix.doc, tok) or span
    if not span[0] <= head.i < span[1]:
        return []  # cut short before its verb (a misparse made a long list the subject): no stance left in it
    named = {ix.speaks_for(p) for p in (ix.party_of(t) for t in tok.subtree if t.i != subj.i) if p}
    return [(pid, stance, span) for pid, t in _holders(ix, subj)
            if not (t.pos_ == "PRON" and ix.speaks_for(pid) in named)]  # "it sought help in the US" is not the US


def _accuses_someone(ix: Actors, verb) -> bool:
    """Whether what follows an accusing verb names someone ('blamed the Tories', 'accused him of'), not only a
    thing ('blamed a cock-up, not a conspiracy'): no one accused, no accusation."""
    return any(ix.party_of(t) or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
               or (t.pos_ == "PRON" and t.lower_ not in ("it", "that", "this", "which", "what"))
               for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "dative", "prep", "ccomp", "xcomp")
               for t in c.subtree)


def _supposed(tok) -> bool:
    """'was naive if he accepted the claim': the stance, or a clause it hangs in, is a condition supposed,
    not a stance taken."""
    t = tok
    for _ in range(4):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "conj", "acomp", "advcl") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _inside_accusation(tok) -> bool:
    """'Labour accused Mr Howard of breaking his pledge': what someone is accused or criticised of is
    the accuser's claim, not the accused party's own stance."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i or t.dep_ in ("ROOT",):
            return False
        t = t.head
        if t.pos_ == "VERB" and t.lemma_.lower() in VERBS["accuses"]:
            return True
    return False


def _voices(ix: Actors, tok, subj):
    """For a stance in a reported clause: the reporting verb's subject, the parties it stands for, and the
    parties the stance's own subject stands for; None when no one reports it."""
    speaker = _reporter(tok)
    if speaker is None:
        return None
    return (speaker, {ix.speaks_for(p) for p, _ in _holders(ix, speaker)},
            {ix.speaks_for(p) for p, _ in _holders(ix, subj)})


def _told_by_another(ix: Actors, tok, subj) -> bool:
    """'Mr Blair said the Tories were planning cuts', 'Liberal critics say the Greens want to ban cars':
    a stance someone else reports of the subject is the reporter's claim, not the subject's own. Only
    a speaker the actor model finds to be the subject's own party keeps it the subject's."""
    voices = _voices(ix, tok, subj)
    if voices is None:
        # "a comment suggesting he wants ...", "... so, perhaps, believe Mr X must be planning cuts": reported by
        # someone the parse does not name, so not surely the subject's own
        return _reporting_verb(tok) is not None
    speaker, theirs, mine = voices
    if not theirs:  # no party: the holder's own unnamed voice, or an outside one
        return bool(mine) and speaker.lemma_.lower() not in SOURCES and speaker.lower_ not in SOURCES
    return bool(mine) and not theirs & mine


def _reporter(tok):
    """The subject of the reporting verb whose reported clause ``tok`` heads (``tok`` or, for a stance
    adjective, its copula: 'claims Mr X is unwilling to'), or None."""
    verb = _reporting_verb(tok)
    return _subject(verb) if verb is not None else None


def _reporting_verb(tok):
    """The reporting verb whose reported clause ``tok`` heads, climbing from a stance adjective to its copula
    and from a second predicate to the first, or None."""
    if tok.dep_ == "acomp":
        tok = tok.head
    for _ in range(4):  # "Beijing says Taiwan is Chinese and wants to unite it": the second predicate is said too
        if tok.dep_ != "conj" or tok.head.pos_ not in ("VERB", "AUX"):
            break
        tok = tok.head
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in SPEECH:
        return None
    return tok.head


def _own_words(ix: Actors, tok, subj) -> bool:
    """'Ghana said it may reject the deal': the holder's own report of what it may do."""
    voices = _voices(ix, tok, subj)
    return voices is not None and bool(voices[1] & voices[2])


def _guessed(tok) -> bool:
    """A stance under a modal of possibility ("may oppose") or a frame of guessing ("is expected to
    back", "is likely to reject", "is said to favour"): someone's guess about the holder."""
    if any(c.dep_ == "aux" and c.lower_ in GUESS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ in ("xcomp", "ccomp") and head.lower_ in GUESS:
        return head.pos_ == "ADJ" or head.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in head.children)
    return False


def _antecedent_span(doc, verb) -> tuple[int, int] | None:
    """'..., a proposal Armenia opposes' and 'shelling that X blamed on Y': the thing opposed is the
    antecedent (or, for a noun like 'claim', the clause it stands for), so the text starts there."""
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.tag_ not in ("WDT", "WP")
                                                 and c.lower_ != "that" for c in verb.children):
        return None
    start = noun.left_edge.i
    if noun.lemma_.lower() in SHELL_NOUNS:
        content = noun.head if noun.dep_ == "appos" and noun.head.pos_ in ("VERB", "AUX") else next(
            (c for c in noun.head.children if c.dep_ == "ccomp" and c.i < noun.i), None)
        if content is not None:
            start = min(start, _clause(doc, content)[0])
    end = verb.right_edge.i
    while end > start and doc[end].is_punct:
        end -= 1
    if verb.i - start > MAX_TOKENS:
        return None
    return start, end + 1


def _vague(verb) -> bool:
    """'he had signed it': what was signed is said elsewhere, so this says nothing on its own."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp")] + [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return bool(objects) and all(o.pos_ == "PRON" and o.lower_ not in ("that", "which") and not list(o.children)
                                 for o in objects)


def _from_noun(ix: Actors, tok, stance: str):
    """'its opposition to X', 'backing for X', 'support of X by Y', 'calls from Y', 'Y's aim of X'."""
    children = {c.lower_: c for c in tok.children if c.dep_ == "prep"}
    if stance != "accuses" and _inside_accusation(tok):
        return []
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
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ not in ("ROOT",) and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            holder = _subject(verb)
            start_tok = holder if holder is not None and holder.i < tok.i else None
    if holder is None:
        return []
    if tok.lemma_ == "call" and tok.tag_ != "NNS" and "for" not in children:
        return []
    if tok.lemma_.lower() in BARE and not children and not any(
            c.dep_ in ("acl", "relcl", "ccomp", "appos", "amod", "compound") for c in tok.children):
        return []  # "Mr X repeated calls": for what, the page cannot say
    return [(pid, stance, _clause(ix.doc, tok, start_tok)) for pid, _ in _holders(ix, holder)]


def _from_speech(ix: Actors, tok):
    """'Ankara said that Azerbaijan had agreed ...': the speaker states the reported clause."""
    subj = _subject(tok)
    if subj is None or (tok.dep_ == "xcomp" and (tok.head.pos_ == "ADJ" or any(
            c.dep_ == "acomp" and c.i < tok.i for c in tok.head.children))):
        return []  # "it was difficult to say that ...": a frame with no one saying it
    said = [c for c in tok.children if c.dep_ == "ccomp"]
    if not said and tok.dep_ in ("parataxis", "ccomp") and tok.head.pos_ in ("VERB", "AUX"):
        said = [tok.head]  # "X agreed to Y, Lavrov said"
    if not said:  # "told the paper ahead of the talks that Russia needed ...", parsed as a relative clause
        doc = tok.doc
        inner = next((doc[t.i + 1] for t in tok.subtree if t.i > tok.i and t.lower_ == "that" and t.i + 1 < len(doc)
                      and doc[t.i + 1].dep_ == "nsubj" and doc[t.i + 1].head.dep_ == "relcl"), None)
        if inner is not None and tok.lemma_ in ("tell", "say", "warn", "insist", "argue", "write"):
            said = [inner.head]
    if _negated(tok):  # "she did not believe the mayor was X": the denial, with its frame, or nothing
        said = [tok]
    out = []
    for clause in said:
        span = _clause(ix.doc, clause, subj if clause.i == tok.i else None)
        if span[1] - span[0] < 3:
            continue
        named = {ix.speaks_for(p) for p in (ix.party_of(t) for t in ix.doc[span[0]:span[1]]
                                            if t.pos_ != "PRON") if p}
        for pid, t in _holders(ix, subj):
            if t.pos_ == "PRON" and ix.speaks_for(pid) in named:
                continue  # "The five Iraqis did not die in custody, they said": "they" are others, not the Iraqis
            out.append((pid, "states", _with_antecedent(ix, span, subj, tok, pid)))
    return out


def _with_antecedent(ix: Actors, span: tuple[int, int], subj, verb, pid: str) -> tuple[int, int]:
    """'The Dockers Union said it would reject any deal': a reported clause that opens with a pronoun
    the actor model resolves to the speaker, named just before as the subject of the reporting verb,
    takes in the speaker and the verb, so the text says who "it" is."""
    doc = ix.doc
    first = doc[span[0]]
    kind = ix.by_id[pid].kind
    if first.pos_ != "PRON" or first.lower_ not in PRONOUNS or ix.actor(first) != pid \
            or (first.lower_ in ("they", "them", "their")) != (kind == "group"):
        return span  # "they" stands for a group here, not for a body or a country that may mean others
    if subj.pos_ == "PRON" or ix.party_of(subj) != pid or not subj.i < verb.i < span[0] \
            or subj.sent.start != first.sent.start or span[0] - subj.left_edge.i > 12:
        return span
    if any(doc[j].is_punct for j in range(verb.i + 1, span[0])):
        return span  # "Ghana, it said, ...": not one piece
    return subj.left_edge.i, span[1]


def _from_quote(ix: Actors, full: str, q: Quote):
    """A quote is a position of its speaker (or of whom an unnamed spokesman speaks for): its first
    sentence, in the speaker's words."""
    speaker = q.speaker or ix.voiced.get(q.start)
    if not speaker or speaker not in ix.by_id:
        return []
    text = full[q.start:q.end].split("\n")[0]
    cut = len(text)
    for mark in (". ", "! ", "? ", " . . ."):
        at = text.find(mark)
        if 20 <= at < cut:
            cut = at + 1
    text = text[:cut]
    lead = re.match(r"^(?:\W|that\s|as\s)*", text).end()  # "that" the conjunction, not "That's" or "That is"
    close = re.search(r'(?<=\S)[”"](?=[\s,.;:!?]|$)', text[lead:])  # the quote ends here: "said X" follows
    if close and close.start() >= 20 and not re.search(r'(^|\s)[“"]', text[lead:lead + close.start()]):
        text = text[:lead + close.start()]
    tail = len(text) - len(text.rstrip(" \t\n\"'“”‘’.,;:"))
    if len(text) - tail - lead < 3:
        return []
    return [(speaker, "states", (q.start + lead, q.start + len(text) - tail))]  # a span of characters


def _balance(full: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Quote marks in pairs: take in the closing mark that follows soon after (within the sentence
    ``lo``..``hi``), or the opening one just before; else cut the text before a lone opening mark or
    after a lone closing one."""
    for _ in range(4):
        text = full[start:end]
        if text.count(OPEN_QUOTES) != text.count(CLOSE_QUOTES):
            opening, (o, c) = text.count(OPEN_QUOTES) > text.count(CLOSE_QUOTES), (OPEN_QUOTES, CLOSE_QUOTES)
        elif text.count('"') % 2:
            opening, (o, c) = _last_open(text), ('"', '"')
        else:
            return start, end
        if opening:
            at = full.find(c, end, hi)
            if at != -1 and at - end <= 80:
                end = at + 1
                continue
            cut = text.rfind(o)
            if cut <= 0:
                start += 1
            else:
                end = start + cut
        else:
            at = full.rfind(o, lo, start)
            before = full[at + 1:start] if at != -1 else ""
            if at != -1 and start - at <= 80 and (before.count(c) == 0 if o != c else full[lo:start].count(c) % 2):
                start = at
                continue
            cut = text.find(c)
            if cut >= len(text) - 1:
                end -= 1
            else:
                start += cut + 1
        start, end = _trim(full, start, end)
        if end - start < 3:
            return None
    return None


def _last_open(text: str) -> bool:
    """Whether a lone straight quote in ``text`` opens (a word follows it) rather than closes."""
    at = text.rfind('"')
    return at + 1 < len(text) and not text[at + 1].isspace() and (at == 0 or text[at - 1].isspace())


def _trim(full: str, start: int, end: int) -> tuple[int, int]:
    """No space or clause punctuation at either end, so that the text is the span itself."""
    while start < end and (full[start].isspace() or full[start] in ",;:"):
        start += 1
    while end > start and (full[end - 1].isspace() or full[end - 1] in ",;:"):
        end -= 1
    return start, end


def _claim(ix: Actors, toks, speaker: str) -> tuple[bool, bool]:
    """Is a reported sentence a claim or judgement (not an account of what happened), and does it
    pin a hostile act on another party (an accusation)? Read from modals, negation, 'X is Y'
    judgements, first-person voice and judgement words."""
    lemmas = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
    stance_words = any((t.pos_ == "VERB" and t.lemma_.lower() in _STANCE_OF_VERB)
                       or (t.pos_ == "NOUN" and t.lemma_.lower() in _STANCE_OF_NOUN) for t in toks)
    others = {ix.speaks_for(p) for p in (ix.party_of(t) for t in toks) if p} - {speaker}
    # an accusation pins the hostile act on another party: that party is who does it, not only named near it
    accused = bool(others) and any(
        t.lemma_.lower() in HOSTILE and (
            any(c.dep_ in ("nsubj", "poss") and ix.party_of(c) and ix.speaks_for(ix.party_of(c)) in others
                for c in t.children)
            or any(g.dep_ == "pobj" and ix.party_of(g) and ix.speaks_for(ix.party_of(g)) in others
                   for c in t.children if c.dep_ == "agent" or c.lower_ == "by" for g in c.children))
        for t in toks)
    claim = (any(t.tag_ == "MD" or t.dep_ == "neg" or (t.lower_ in FIRST_PERSON and t.pos_ == "PRON") for t in toks)
             or any(t.lemma_ == "be" and t.dep_ in ("ROOT", "ccomp", "conj") and
                    any(c.dep_ in ("attr", "acomp") for c in t.children) for t in toks)
             or stance_words or bool(lemmas & EVALUATIVE))
    return claim or accused, accused


def _own_stance(ix: Actors, toks, speaker: str) -> str | None:
    """'Pashinyan said he had agreed to the deal': a reported stance verb whose subject is the
    speaker (or a pronoun for them) is the speaker's stance."""
    root = toks.root
    if root.lemma_.lower() in SPEECH:  # "The union said it would reject ...": the stance of what it said
        root = next((c for c in root.children if c.dep_ == "ccomp" and toks.start <= c.i < toks.end), root)
    stance = _STANCE_OF_VERB.get(root.lemma_.lower()) if root.pos_ == "VERB" else None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if stance is None or subj is None or _vague(root):
        return None
    if stance == "accuses" and not _accuses_someone(ix, root):
        return None
    pid = ix.party_of(subj)
    if pid is None and subj.pos_ == "PRON" and subj.lower_ in ("we", "i"):
        return NEGATED[stance] if _negated(root) else stance
    if pid is None and subj.pos_ == "PRON" and subj.lower_ in PRONOUNS:  # through the actor model: "he" may
        pid = _sure_pronoun(ix, subj)  # be someone else the speaker talks about
    if pid and ix.speaks_for(pid) == speaker:
        return NEGATED[stance] if _negated(root) else stance
    return None


def _sure_pronoun(ix: Actors, tok) -> str | None:
    """The party a pronoun stands for, when the actor model can tell: "he" or "she" only for a person
    whose gender is known (else the nearest subject is a guess, and "Mara Sten said he had promised"
    may be about someone else)."""
    pid = ix.pronoun(tok)
    if pid is not None and tok.lower_ in PERSON_PRONOUNS and ix.gender(pid) is None:
        return None
    return pid


def _score(source: str, toks, holder_named: bool) -> float:
    """Informativeness: the kind of evidence first, then whether the text can be read on its own."""
    words = [t for t in toks if not t.is_punct]
    content = [t for t in words if not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM")]
    score = WEIGHT[source] + (0.4 if holder_named else 0.0)
    if len(content) < 2:  # "he had signed it", "Russia rejected"
        score -= 1.5
    elif len(content) == 2:
        score -= 0.5
    if len(words) > 30:
        score -= 0.5
    if words and (words[0].lower_ == "to" or words[0].pos_ == "VERB" and not holder_named):
        score -= 1.0  # "to back up their words": no one and nothing named
    return score


def _similar(a: set[str], b: set[str]) -> bool:
    """Near-duplicates: most content words of the shorter one are in the other."""
    return bool(a and b) and len(a & b) >= 0.6 * min(len(a), len(b))


def extract(doc, parties: list[Party], quotes: list[Quote], actors: Actors | None = None) -> list[Position]:
    """A handful of positions per party: what it supports, opposes, demands, accuses, agrees to,
    rejects, or claims, best first; ``text`` is always ``doc.text[start:end]``. Holders are read
    through the actor model ``actors`` (built from ``parties`` when not given)."""
    ix = actors if actors is not None else Actors(doc, parties)
    # TODO(issue 18, reader comments): read no position past where nlp.layout says the article's own text
    # ends (readers' comments under "Have your say"), once the layout marks it.
    found: list[tuple[str, str, tuple[int, int], str]] = []  # (party, stance, token span, source)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
            says = lemma in SPEECH and any(c.dep_ == "ccomp" for c in tok.children)  # "warned that ..."
            if lemma in _STANCE_OF_VERB and not says:
                found += [(p, s, sp, "stance") for p, s, sp in _from_verb(ix, tok, _STANCE_OF_VERB[lemma])]
            elif lemma in SPEECH:
                found += [(p, s, sp, "speech") for p, s, sp in _from_speech(ix, tok)]
        elif tok.pos_ == "NOUN" and lemma in _STANCE_OF_NOUN:
            found += [(p, s, sp, "stance") for p, s, sp in _from_noun(ix, tok, _STANCE_OF_NOUN[lemma])]
        elif tok.pos_ == "ADJ" and lemma in _STANCE_OF_ADJ and tok.dep_ == "acomp":
            found += [(p, s, sp, "stance") for p, s, sp in _from_verb(ix, tok, _STANCE_OF_ADJ[lemma])]
    return _select(_candidates(doc, ix, found, quotes), parties, title_end(doc))


def _candidates(doc, ix: Actors, found, quotes: list[Quote]):
    """Each reading as (score, Position, content words, source); accounts of events dropped."""
    full = text_of(doc)  # Doc.text is rebuilt on every access: once, not once per quote
    cands: list[tuple[float, Position, set[str], str]] = []
    seen: set[tuple[str, int, int]] = set()
    quoted = [(p, s, sp, "quote") for q in quotes for p, s, sp in _from_quote(ix, full, q)]
    for pid, stance, span, source in quoted + found:  # a quote first: its reading beats a paraphrase
        if source == "quote":
            start, end = span
        else:
            if span[1] <= span[0]:
                continue
            start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
        party = ix.speaks_for(pid)
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is None:
            continue
        balanced = _balance(full, start, end, first.sent.start_char, first.sent.end_char)
        if balanced is None:
            continue
        start, end = balanced
        if (party, start, end) in seen:
            continue
        seen.add((party, start, end))
        toks = doc.char_span(start, end, alignment_mode="expand")
        if toks is None:
            continue
        while len(toks) > 3 and toks[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PART") \
                and toks[-1].text not in CLOSE_QUOTES + '"':  # "... occupied for 30 years with"
            toks = toks[:-1]
            while len(toks) > 3 and toks[-1].is_punct and toks[-1].text not in CLOSE_QUOTES + '"':
                toks = toks[:-1]
            start, end = _trim(full, start, toks.end_char)
        if source == "speech":
            if toks.root.lemma_.lower() in _STANCE_OF_VERB and _vague(toks.root):
                continue  # "she said Chile had signed it"
            stance = _own_stance(ix, toks, party) or stance
        if source in ("speech", "quote"):
            claim, accused = _claim(ix, toks, party)
            if not claim:
                continue  # an account of events ("experts had examined the bodies"), not a position
            if accused and stance == "states" and source == "speech":
                stance, source = "accuses", "accusation"
        if toks.root.dep_ == "advcl" and toks[0].lower_ in CONDITIONS:
            continue  # "If control cannot be achieved": a condition without what follows from it
        if source == "stance" and toks[0].lower_ == "to":
            continue  # "to back up their words": neither who nor what
        start, end, toks = _with_conditions(doc, full, start, end, toks)
        why = _why(ix, toks, party, full[start:end])
        holder_named = any(ix.party_of(t) and ix.speaks_for(ix.party_of(t)) == party for t in toks)
        words = {t.lemma_.lower() for t in toks if not (t.is_stop or t.is_punct)}
        cands.append((_score(source, toks, holder_named),
                      Position(party=party, stance=stance, text=full[start:end].strip(), start=start, end=end,
                               evidence=[(start, end)], shown=not why, why=why,
                               via=pid if pid != party else None), words, source))
    return cands


CONDITION_MARKS = {"if", "unless", "until", "provided", "providing", "except"}
"""Conditions a claim holds under: "no tax commitments until the manifesto" is not "no tax commitments"."""
FINITE = {"VBD", "VBZ", "VBP", "MD"}
LEADING_PRONOUNS = {"it", "they", "them", "this", "these", "those", "that", "such", "he", "she", "his", "her",
                    "its", "their", "him"}
VAGUE_ARGS = {"it", "this", "these", "those", "them", "such"}
CORE = {"dobj", "ccomp", "xcomp", "attr", "acomp", "prt", "neg", "dative", "oprd", "pcomp", "pobj", "nsubjpass",
        "auxpass"}
"""What a verb's clause cannot lose and stay the same claim."""


def _with_conditions(doc, full: str, start: int, end: int, toks):
    """Take in a condition ("unless ...", "if ...", "until ...") of the clause's verb that the
    span left out, when the sentence holds it and the text stays readable."""
    root = toks.root
    sent = root.sent
    for c in root.children:
        if not (toks.start <= c.i < toks.end) and (
                (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children))
                or (c.dep_ == "prep" and c.lower_ in CONDITION_MARKS)):
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if not (sent.start <= lo and hi <= sent.end) or max(hi, toks.end) - min(lo, toks.start) > MAX_TOKENS + 12:
                continue
            if lo >= toks.end and all(doc[j].is_punct for j in range(toks.end, lo)) or lo == toks.end:
                end = doc[hi - 1].idx + len(doc[hi - 1])
            elif hi <= toks.start and all(doc[j].is_punct for j in range(hi, toks.start)) or hi == toks.start:
                start = doc[lo].idx
            else:
                continue
            while end > start and full[end - 1] in ",;: ":
                end -= 1
            toks = doc.char_span(start, end, alignment_mode="expand")
    return start, end, toks


def _why(ix: Actors, toks, party: str, text: str) -> str:
    """Why a reading is not fit for the page, or "": it must be a full clause (a finite verb with its
    subject or the holder as subject), not cut mid-phrase, not resting on an unresolved "it" or "this",
    with its quote marks in pairs and its negation kept."""
    words = [t for t in toks if not (t.is_punct or t.is_quote)]
    if not words:
        return "empty"
    root = toks.root
    inside = range(toks.start, toks.end)
    verb = root if root.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return "a noun phrase, not a claim" if root.pos_ in ("NOUN", "PROPN", "PRON") else "not a full clause"
    finite = verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE and c.i in inside
                                        for c in verb.children)
    if not finite:
        return "no finite verb"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
    if subj is None:
        return "no subject"
    if subj.i not in inside:
        pid = ix.party_of(subj)
        if not (pid and ix.speaks_for(pid) == party) and not (subj.pos_ == "PRON" and ix.pronoun(subj) and
                                                            ix.speaks_for(ix.pronoun(subj)) == party):
            return "its subject is left out"
    for c in verb.children:
        if c.dep_ in CORE and c.i not in inside and c.sent.start == verb.sent.start:
            return "cut mid-phrase"
        if c.dep_ == "prep" and c.i in inside and not any(g.i in inside for g in c.children) and list(c.children):
            return "cut mid-phrase"
    if words[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ") or words[-1].dep_ in ("aux", "nsubj") \
            or words[0].text[0] in "'’" or words[0].lower_ in ("n't", "not"):  # "'s not fair": the start is cut
        return "cut mid-phrase"
    chain = [verb] + [c for c in verb.children if c.dep_ == "xcomp" and c.i in inside]
    for v in chain:  # "He rejected critics' calls" without what they call for
        for c in v.children:
            if c.dep_ in ("dobj", "attr") and c.i in inside and any(
                    g.i not in inside and (g.dep_ in ("prep", "acl") or g.dep_ == "relcl" and _restrictive(g))
                    for g in c.children):
                return "cut mid-phrase"  # "agreed to set up a commission" without the "that would ..."
    for c in verb.children:  # "Mr Blair dismissed the claim": which claim, the page cannot say
        if c.dep_ in ("dobj", "nsubjpass") and c.i in inside and c.lemma_.lower() in SHELL_NOUNS and not any(
                g.dep_ in ("prep", "acl", "relcl", "ccomp", "appos", "amod", "compound") for g in c.children):
            return f"says only '{c.lemma_.lower()}', not what it is"
    if verb.lemma_.lower() in VERBS.get("accuses", set()) and not any(
            c.dep_ in ("ccomp", "xcomp", "advcl") and c.i in inside for c in verb.children) and not any(
            t.dep_ == "prep" and t.lower_ in ACCUSED_OF for t in toks):
        return "an accusation without what of"  # "accused the prime minister and Mr Brown"
    for t in toks:  # "were Bethnal Green, in east London" without "and Rochdale"
        for c in t.children:
            if c.dep_ == "conj" and c.i >= toks.end and c.sent.start == verb.sent.start and t.i != verb.i:
                return "cut mid-list"
    first = words[0]
    if first.tag_ in ("WDT", "WP", "WRB", "WP$"):
        return f"starts with '{first.lower_}': the clause it hangs on is left out"
    if first.lower_ in LEADING_PRONOUNS:
        expletive = first.lower_ == "it" and first.head.lemma_ == "be" and any(
            c.dep_ in ("ccomp", "xcomp") and c.i > first.head.i for c in first.head.children)
        resolved = first.pos_ == "PRON" and first.lower_ not in VAGUE_ARGS | {"that", "they", "their"} \
            and ix.pronoun(first) is not None and ix.speaks_for(ix.pronoun(first)) == party
        if resolved and _sure_pronoun(ix, first) is None:
            # "Mara Sten said he had promised ...": with the gender of the nearest subject not known,
            # "he" may be someone else the sentence is about; the card would show another's words
            return f"rests on '{first.lower_}', who may be another"
        if not (expletive or resolved):
            return f"rests on an unresolved '{first.lower_}'"
    named_here = {ix.party_of(t) for t in toks} - {None}
    for t in words[1:]:  # "Mara Sten said he had promised ...": who "he" is, the text must tell
        if t.pos_ == "PRON" and t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass"):
            pid = _sure_pronoun(ix, t)
            if pid is None or (pid not in named_here and ix.speaks_for(pid) != party):
                return f"rests on '{t.lower_}', who may be another"
    for c in list(verb.children) + [g for c in verb.children if c.dep_ == "prep" for g in c.children]:
        if c.i in inside and c.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and c.i != first.i:
            if c.lower_ in VAGUE_ARGS and c.pos_ == "PRON":
                return f"rests on an unresolved '{c.lower_}'"
            det = next((d for d in c.children if d.dep_ == "det" and d.lower_ in VAGUE_ARGS | {"that"}), None)
            if det is not None and not any(g.dep_ in ("prep", "acl", "relcl") for g in c.children):
                return f"rests on '{det.lower_} {c.lower_}'"
    if text.count(OPEN_QUOTES) != text.count(CLOSE_QUOTES) or text.count('"') % 2:
        return "quote marks not in pairs"
    for t in words:  # "would have much" without "to say to him": a phrase goes on past the text's end
        for c in t.children:
            if c.i >= toks.end and c.left_edge.i <= toks.end and c.sent.start == verb.sent.start and (
                    c.dep_ in ("acl", "xcomp", "ccomp", "dobj", "pobj", "attr", "acomp")
                    or c.dep_ == "relcl" and _restrictive(c)
                    or c.dep_ == "prep" and t.pos_ in ("NOUN", "PROPN") and not _time_phrase(c)):
                return "cut mid-phrase"
    t = verb
    while t.head.i != t.i and t.head.sent.start == verb.sent.start:
        t = t.head
        if any(c.dep_ == "neg" and c.i not in inside for c in t.children):
            return "its negation is left out"
    return ""


def _restrictive(clause) -> bool:
    """A relative clause not set off by a comma says which thing is meant ('a body that would give ...')."""
    j = clause.left_edge.i - 1
    return j >= 0 and not clause.doc[j].is_punct


def _select(cands, parties: list[Party], title_end: int = 0) -> list[Position]:
    """Best first; the same words once per party (the stance-bearing reading wins over a bare
    "states"); a claim that only reports another party's stance is left to that party; a
    headline's stance that the body gives too is left to the body ("Blair rejects Tory terror
    offer", then "Tony Blair has rejected a Conservative compromise offer"); at most PER_PARTY
    each, parties in their order, each party's best first."""
    cands.sort(key=lambda c: (c[1].start < title_end, not c[1].shown, -c[0], c[1].stance == "states", c[1].start))
    kept: list[tuple[float, Position, set[str], str]] = []
    for score, p, words, source in cands:
        if score < MIN_SCORE:
            continue
        clash = False
        for _, k, kw, ksource in kept:
            overlap = min(k.end, p.end) - max(k.start, p.start) > 0.5 * min(k.end - k.start, p.end - p.start)
            if k.party == p.party and (overlap or _similar(words, kw)):
                clash = True
            elif k.party != p.party and source != "stance" and ksource == "stance" \
                    and p.start <= k.start and k.end <= p.end + 2:
                clash = True  # "Ankara said Azerbaijan had agreed": Azerbaijan's position, not Turkey's
            elif k.party != p.party and k.shown and p.shown and overlap:
                # one statement, several holders ("Labour and the Tories rejected ..."): shown once, under
                # all of them; a different reading of the same words is not shown a second time
                same = abs(k.start - p.start) <= 2 and abs(k.end - p.end) <= 2 and k.stance == p.stance
                if same and p.party not in k.together:
                    k.together.append(p.party)
                p.shown, p.why = False, (f"shown with {k.party}" if same else f"the same words as a position of "
                                         f"{k.party}")
            if clash:
                break
        if not clash:
            kept.append((score, p, words, source))
    in_body = {(p.party, p.stance) for _, p, _, _ in kept if p.start >= title_end}
    kept = [k for k in kept if k[1].start >= title_end or (k[1].party, k[1].stance) not in in_body]
    rank = {p.id: i for i, p in enumerate(parties)}
    per: dict[tuple[str, bool], int] = {}
    final = []
    for _, p, _, _ in kept:
        per[p.party, p.shown] = per.get((p.party, p.shown), 0) + 1
        if per[p.party, p.shown] <= PER_PARTY:  # hidden ones do not take the place of shown ones
            final.append(p)
    order = {id(p): i for i, p in enumerate(final)}
    final.sort(key=lambda p: (rank.get(p.party, len(rank)), not p.shown, order[id(p)]))
    return final
