"""Figures: numbers with what they count.

A figure is a count or an amount a reader of a crisis briefing wants at a
glance: "30,000 people killed", "tens of thousands displaced", "10 hours of
talks", "£38,831". Candidates are spaCy's number entities (CARDINAL, QUANTITY,
MONEY, PERCENT), durations that count something ("12 days of fighting"), and
vague amounts ("hundreds", "tens of thousands", "dozens") that spaCy does not
always tag. Dates, years, clock times, ages, scores and list numbers are not
figures and are skipped; so is a bare number whose counted thing cannot be found.

``value`` is the number when one can be derived ("30,000" -> 30000, "$2.5bn" ->
2.5e9, "three" -> 3). For a vague amount it is the order of magnitude it names,
a lower bound: "dozens" -> 12, "hundreds" -> 100, "thousands" -> 1000,
"tens of thousands" -> 10000, "hundreds of thousands" -> 100000.

Every figure found is returned, but only a complete one is ``shown`` on a page (precision first:
five right figures beat fifteen with five wrong). Complete means a number, the thing it counts
(a counted noun, a unit, what a percentage is of or measures the change of, what an amount of
money pays for), and, for a small count, a verb that makes it an event ("two soldiers killed",
not "two cameras"). A figure that fails says ``why`` in the JSON. ``source`` is who the article
says claims the figure ("officials", "the ministry"), or ''.
"""
from __future__ import annotations

import re

from .. import wordlists
from ..nlp import text_of
from ..model import Figure
from .parties import ADDRESSED

_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
          "b": 1_000_000_000, "tn": 1_000_000_000_000}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
_VAGUE_RE = re.compile(r"\b(?:(?:tens|hundreds) of )?(?:dozens|hundreds|thousands|millions|billions)\b", re.I)
_MONEY_RE = re.compile(r"[£$€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|mn|m|k|tn|billion|million|trillion)\b)?")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$", re.I)
_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?)"
_DURATION = re.compile(rf"^(?:the |an? |almost |nearly |about |around |more than |over |at least |some |just )*"
                       rf"[\w.,-]+(?: [\w-]+)? {_UNITS}$", re.I)
_CLOCK = re.compile(r"\d\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:midday|midnight|noon|o'clock)\b|\d:\d\d", re.I)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$")
_SCORE = re.compile(r"^\d+\s*[-–]\s*\d+$")
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen", "us$": "dollars"}
_VERB_DEPS = ("dobj", "nsubjpass", "nsubj", "attr", "oprd")

CHANGE_PREPS = ("in", "to", "on", "of")
"""What a change is of: 'a 1% fall in profits', 'a 20% cut to emissions', 'a 5% tax on fuel'."""
MONEY_PREPS = ("in", "of", "for")
"""What an amount pays for: '$2.5bn in aid', '£5m of debt', '£3m for new schools'."""

SMALL_COUNT = 10
"""A count below this is shown only with a verb that makes it an event ("two soldiers killed", "nine
suppliers charged"); without one it is a detail of the story ("two cameras", "two Scottish newspapers")."""

SOURCE_TOKENS = 6
"""The longest subject shown as a figure's source ("the Turkish defence ministry"); a longer one is cut to its
head with its compounds."""


def _words(path="figure_words.tsv") -> dict:
    out: dict = {"light": set(), "people": set(), "says": set(), "change": {}, "uncounted": set(), "collective": set(),
                 "money-act": {}, "participle": {}, "timeframe": set(), "figure-prep": set(), "agent": {},
                 "total": set(), "auxiliary": set(), "stop": set(), "modal": set(), "future": set(), "scale": set(),
                 "referring": set(), "numbering": set(), "currency": set(),
                 "fraction": {}, "says-at": set(), "verb-prefix": set()}
    for _n, (kind, word, *rest) in wordlists.rows(path, key=lambda row: tuple(row[:2])):
        if kind in ("change", "money-act", "participle", "agent"):
            out[kind][word] = rest[0]
        elif kind == "fraction":
            out[kind][word] = float(rest[0])
        else:
            out[kind].add(word)
    return out


WORDS = _words()
"""The word lists of data/figure_words.tsv, by kind."""
BEFELL = {WORDS["participle"].get(v, v + ("d" if v.endswith("e") else "ed")) for v in WORDS["people"]}
"""The participles of what befalls people (figure_words.tsv people: "killed", "displaced"), which key figures
and figure series read on every call: made once."""


def value_of(text: str) -> float | None:
    """The number a figure's text states, or the lower bound of a vague amount; None if neither."""
    s = text.lower().replace("’", "'").strip()
    m = re.search(r"(?:(tens|hundreds) of )?(dozens|scores|hundreds|thousands|millions|billions)\b", s)
    if m and not re.search(r"\d", s):
        base = _VAGUE[m.group(2)]
        return float(base * {"tens": 10, "hundreds": 100, None: 1}[m.group(1)])
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(dozen|hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)?\b", s)
    if m:
        digits = m.group(1).replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            return None
        return number * _SCALE.get(m.group(2) or "", 1)
    total, current, seen = 0, 0, False
    words = re.findall(r"[a-z]+", s)
    for i, word in enumerate(words):
        if word in _WORDS:
            current += _WORDS[word]
            seen = True
        elif word in WORDS["fraction"]:  # "half a million", "one and a half million", "a quarter of a million"
            current += WORDS["fraction"][word]
            seen = True
        elif word in ("a", "an") and not seen and i + 1 < len(words) and words[i + 1] in _SCALE:
            current, seen = 1, True
        elif word in _SCALE and word not in ("k", "m", "b", "mn", "bn", "tn") and seen:
            if _SCALE[word] >= 1000:
                total, current = total + (current or 1) * _SCALE[word], 0
            else:
                current = (current or 1) * _SCALE[word]
    return float(total + current) if seen else None


def _phrase(noun, after: int = -1) -> str:
    """The counted noun with the modifiers between the number and it ('Ethiopian Christians', 'Circuit City's
    shares')."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "poss") and after <= c.i < noun.i and c.ent_type_ not in
            ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "ORDINAL") and not c.like_num]
    start = min([noun.i] + [m.left_edge.i if m.left_edge.i >= after else m.i for m in mods])
    return "".join((t.text if _proper(t) else t.lower_) + t.whitespace_ for t in noun.doc[start:noun.i + 1]).strip()


def _proper(tok) -> bool:
    """A name keeps its capital ("Russian peacekeepers", "MDAs"); common words are lower-cased."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "LOC", "ORG", "PERSON", "FAC") \
        or sum(c.isupper() for c in tok.text) >= 2 or bool(re.fullmatch(r"[A-Z]+\d+\w*", tok.text))  # "G8"


def _of_noun(span):
    """The noun after 'of' just past the span: 'tens of thousands of *people*', '10 hours of *talks*'."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
        for tok in doc[span.end + 1:span.end + 5]:
            if tok.dep_ == "pobj" and tok.head.i == span.end:
                return tok if tok.pos_ in ("NOUN", "PROPN", "VERB") else None
    return None


def _after_scale(span):
    """The noun right after a figure that ends in a scale word the parser took for a noun of its own
    ("1.7m people are waiting": "m" and "people" both the subject), or None."""
    doc, root = span.doc, span.root
    if span[-1].lower_.rstrip(".") not in WORDS["scale"] or span.end >= len(doc) or root.i != span[-1].i:
        return None
    noun = doc[span.end]
    return noun if noun.pos_ == "NOUN" and noun.head.i == root.head.i and noun.dep_ == root.dep_ else None


def _verb_tok(tok):
    """The verb a counted phrase is the object or subject of ('killed', 'displaced'), or None. A light verb
    ('there were two occasions', 'has two children') is no verb."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return None
    if tok.dep_ in _VERB_DEPS and tok.head.pos_ == "VERB" and tok.head.tag_ in ("VBD", "VBN"):
        verb = tok.head
        if tok.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            return None  # "two students filed lawsuits": the count is of students, not of filing
        while tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "xcomp" for c in verb.children):
            verb = next(c for c in verb.children if c.dep_ == "xcomp")
        return None if verb.lemma_.lower() in WORDS["light"] else verb
    return None


def _verb_of(tok) -> str:
    verb = _verb_tok(tok)
    return verb.text.lower() if verb is not None else ""


def _change(span):
    """What a percentage measures the change of, and the noun that changes: 'prices rose 18%' -> 'rise in
    prices', 'spam traffic is up by 40%' -> 'rise in spam traffic'; (None, None) when the parse shows none."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "by":
        head = head.head
    elif root.dep_ not in ("npadvmod", "dobj", "advmod"):
        return None, None
    holder = head
    if head.pos_ == "AUX":  # "spam traffic is up by 40%"
        head = next((c for c in head.children if c.dep_ in ("advmod", "acomp") and c.lower_ in WORDS["change"]), head)
    elif head.pos_ == "ADV" and head.dep_ == "advmod":  # "shares were up 19.6%"
        holder = head.head
    noun = WORDS["change"].get(head.lemma_.lower()) or WORDS["change"].get(head.lower_)
    if not noun:
        return None, None
    subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ == "WDT" and holder.dep_ == "relcl":
        subject = holder.head  # "shares, which have advanced 4%"
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None, None
    return f"{noun} in {_subject_phrase(subject)}", subject


def _subject_phrase(subject) -> str:
    """A subject as a label names it: with its 'the' and what it is 'of' ("the numbers of Asians")."""
    phrase = _phrase(subject)
    if any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        phrase = "the " + phrase
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        phrase += f" of {_phrase(obj)}"
    return phrase


def _level(span):
    """What a figure is the new level of, after the change a verb of figure_words.tsv change says: "the cost
    of the project has risen to £1.7bn" -> "the cost of the project after a rise"; (None, None) when the
    figure is no verb's 'to' object or the verb has no noun subject."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "to" or prep.dep_ != "prep":
        return None, None
    verb = prep.head
    noun = WORDS["change"].get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if not noun or subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None, None
    words = list(subject.subtree)
    said = _said(words) if len(words) <= PHRASE_TOKENS and not any(w.text in ",;()" for w in words) \
        else _subject_phrase(subject)
    return f"{said} after a {noun}", subject


def _reading(span):
    """What a number counts, as (label, counted noun or None, verb or None, head, owner): ``label`` is the
    short reading the completeness checks judge ("people killed"); ``head`` is the counted phrase without
    its verb and ``owner`` the token whose clause :func:`full_label` reads the verb from (None when the
    label already says what happens, as a change does: "rise in prices")."""
    root = span.root
    counted = None
    low = span.text.lower()
    if "per cent" in low or "percent" in low or "%" in low:
        after = _of_noun(span)
        if after is not None:
            return f"of {_phrase(after)}", after, None, f"of {_phrase(after)}", root
        if root.dep_ in ("nummod", "compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end:
            noun = root.head
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in CHANGE_PREPS), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
                if prep is not None else None
            if obj is not None:  # "a 1% fall in profits", "a 20% cut to the greenhouse gas level"
                label = f"{_phrase(noun, span.end)} {prep.lower_} {_phrase(obj)}"
                return label, noun, None, label, None
            return _phrase(noun, span.end), noun, None, _phrase(noun, span.end), noun  # "a 32% pay cut"
        label, subject = _change(span)
        if not label:
            label, subject = _level(span)
        return label or "", subject, None, label or "", None
    unit = next((t for t in span if t.pos_ == "NOUN" and not t.like_num and not any(c.isdigit() for c in t.text)
                 and t.lower_ not in _VAGUE and t.lower_.rstrip(".") not in WORDS["scale"]  # "£780m." ends a sentence
                 and t.lower_ not in ("tens", "dozen", "hundred", "thousand", "million", "billion")
                 and t.lemma_.lower() not in WORDS["currency"]), None)  # "1.7m pounds" is an amount of money
    after = _of_noun(span)
    if unit is not None:  # '10 hours', '12 days', '7.8 magnitude', '12 per cent'
        head = _phrase(unit)
        if after is not None:
            return f"{head} of {_phrase(after)}", unit, None, f"{head} of {_phrase(after)}", unit
        counted = unit
    elif after is not None:
        counted = after
    elif _after_scale(span) is not None:
        counted = _after_scale(span)
    elif (root.dep_ in ("nummod", "quantmod", "amod", "npadvmod", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
          or root.dep_ == "compound" and root.head.pos_ == "NOUN") and root.head.i >= span.end:
        counted = root.head
    if counted is not None:
        owner = counted if counted is not after else root
        if owner.dep_ == "pobj" and owner.head.lower_ == "of" and owner.head.head.lemma_.lower() in WORDS["total"]:
            owner = owner.head.head  # "a total of 569,072 envelopes have been scanned": the verb is the total's
        verb = _verb_tok(owner)
        phrase = _phrase(counted, span.end)
        said = verb.text.lower() if verb is not None else ""
        the = "the " if any(c.dep_ == "det" and c.lower_ == "the" for c in counted.children) else ""
        head = f"of {the}{phrase}" if counted is after and _VAGUE_RE.fullmatch(span.text.strip()) is None \
            and unit is None else phrase
        return (f"{phrase} {said}".strip() if said and said not in phrase else phrase), counted, verb, head, owner
    level, subject = _level(span)
    if level:  # "the cost has risen to £1.7bn", "Labour's majority was cut to 3,500"
        return level, subject, None, level, None
    verb = _verb_tok(root)
    said = verb.text.lower() if verb is not None else ""
    if span.label_ == "MONEY":
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        prep = nxt if nxt is not None and nxt.dep_ == "prep" and nxt.lower_ in MONEY_PREPS else None
        obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if prep else None
        if obj is not None:  # "$2.5bn in aid pledged", "£5m of debt", "making £86m in efficiency savings"
            head = f"{prep.lower_} {_phrase(obj)}"
            return f"{head} {said}".strip(), obj, verb, head, root
        act = verb or _money_verb(root)
        done = WORDS["money-act"].get(act.lemma_.lower()) if act is not None else None
        if done:  # "£50m was promised", "would save £6m a year": what is done with it, and how often
            per = next((c for c in root.children if c.dep_ == "npadvmod"), None) or next(
                (c for c in act.children if c.dep_ == "npadvmod" and c.i > root.i), None)
            return " ".join([done] + ([" ".join(t.lower_ for t in per.subtree)] if per is not None else [])), None, \
                act, "", root
        return f"{_currency(span) or 'money'} {said}".strip(), None, verb, "", root
    return said, None, verb, "", root


LABEL_TOKENS = 16
"""The most words a figure's label runs to ("£2bn to be cut from the schools budget by the council"); a part
that would make it longer is left out, the counted noun and its verb first."""

PHRASE_TOKENS = 7
"""The longest complement taken whole ("to the Labour Party", "from public services"); a longer one is cut to
its preposition and head noun with the words before it."""

MIN_CONTENT = 2
"""Content words (nouns, verbs, adjectives, numbers) a label needs besides the figure's own: "votes" or
"members" alone is too thin to say what is counted, "votes won by the Liberal Democrats" is not."""

_COMPLEMENT_DEPS = ("dobj", "attr", "acomp", "prep", "xcomp", "oprd", "agent", "dative", "npadvmod")
_DROPPED_DEPS = ("punct", "cc", "conj", "relcl", "acl", "advcl", "parataxis", "appos", "ccomp", "mark", "meta")


def participle(verb) -> str:
    """The past participle of a verb token ("cut", "spent", "axed", "planned"), for a label that puts the
    counted thing first; irregular ones are data (figure_words.tsv participle and money-act)."""
    if verb.tag_ == "VBN":
        return verb.lower_
    lemma = verb.lemma_.lower()
    known = WORDS["participle"].get(lemma) or WORDS["money-act"].get(lemma) or _prefixed_participle(lemma)
    if known:
        return known
    if verb.tag_ == "VBD":
        return verb.lower_
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[^aeiou][aeiou][bdglmnprt]", lemma):
        return lemma + lemma[-1] + "ed"  # "plan" -> "planned", "scrap" -> "scrapped"
    return lemma + "ed"


def _prefixed_participle(lemma: str) -> str | None:
    """The participle of a prefixed irregular verb (figure_words.tsv verb-prefix + participle): "oversee" ->
    "overseen"; None when the verb is no such one."""
    for prefix in WORDS["verb-prefix"]:
        base = lemma[len(prefix):]
        if lemma.startswith(prefix) and base in WORDS["participle"]:
            return prefix + WORDS["participle"][base]
    return None


def _is_date(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or bool(_YEAR.match(tok.text))


def _compressed(tok) -> list:
    """A phrase cut to its head with the words that modify it from the left (and, for a preposition, its
    object so cut): "to an international scheme aiming to boost ..." -> "to an international scheme"."""
    if tok.dep_ in ("prep", "agent"):
        obj = next((c for c in tok.children if c.dep_ in ("pobj", "pcomp")), None)
        return [tok] + (_compressed(obj) if obj is not None else [])
    if tok.pos_ in ("VERB", "AUX"):  # "about tightening up the regulation": the verb, its particle and object
        parts = [c for c in tok.children if c.dep_ in ("prt", "neg", "aux") and (c.dep_ != "aux" or c.i == tok.i - 1
                                                                                   or c.lower_ == "to")]
        subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
        parts += _compressed(subject) if subject is not None and tok.dep_ == "ccomp" else []
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i), None)
        if obj is None and prep is not None and tok.dep_ == "pcomp":
            parts += _compressed(prep)  # "as coming from a non-white ethnic minority"
        return sorted([tok] + parts + (_compressed(obj) if obj is not None else []), key=lambda t: t.i)
    left = [w for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "poss", "det", "nummod")
            for w in c.subtree]
    of = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and (
        c.lower_ == "of" or c.lower_ in WORDS["figure-prep"] and tok.dep_ == "pobj")), None)
    right = _compressed(of) if of is not None and tok.pos_ in ("NOUN", "PROPN") else []
    # "part of a five-point plan", "held in connection with public order offences"
    return sorted(left + [tok] + right, key=lambda t: t.i)


def _part(tok, skip=()) -> list:
    """A complement's words: its whole subtree when short, else :func:`_compressed`; clauses hung from it
    (a relative or adverbial clause, a conjunct) are left out."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        hyphen = t.text in ("-", "–") and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_
        if t in skip or t != tok and t.dep_ in _DROPPED_DEPS and t.head.i != t.i and not hyphen or t.dep_ == "prep" and any(
                o.dep_ == "pobj" and _is_date(o) for o in t.children):
            continue  # "the earthquake in 2019": when is not what
        out.append(t)
        stack.extend(t.children)
    out = sorted(out, key=lambda t: t.i)
    while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
        out.pop()
    if not out:
        return []  # a complement that is only punctuation: "were ex - cons" parses "-" as one
    if len(out) > PHRASE_TOKENS or any(t.text in ",;()-–—" for t in out):
        out = _compressed(tok)
    return out if [t.i for t in out] == list(range(out[0].i, out[-1].i + 1)) else _compressed(tok)


def _join(piece) -> str:
    """A label part's words as the text spaces them ("64-year-old", "over-65s"), with a word the label made
    ("to be", a participle) set apart by spaces."""
    out = ""
    for w in piece:
        if isinstance(w, str):
            out += (" " if out and not out.endswith(" ") else "") + w + " "
        else:
            out += (" " if out and not out.endswith(" ") and w.i - 1 not in [p.i for p in piece if not
                                                                          isinstance(p, str)] else "") + _said([w]) + w.whitespace_
    return re.sub(r"\s+", " ", out).strip()


def _said(toks) -> str:
    return "".join((t.text if _proper(t) else t.lower_) + (t.whitespace_ or "") for t in toks).strip()


def _prep_object(prep, tok, span):
    """What a preposition hung on ``tok`` governs, when its phrase can complete a label: its object, or a
    clause or second preposition right after the figure or the word ("up for renegotiation", "described
    themselves as coming from ..."); None when there is none."""
    def close() -> bool:  # only a negation, an adverb or a pronoun object between the word and the preposition
        return 0 < prep.i - tok.i <= 2 and all(t.dep_ in ("neg", "advmod") or t.dep_ == "dobj" and t.pos_ == "PRON"
                                               for t in tok.doc[tok.i + 1:prep.i])
    return next((o for o in prep.children if o.dep_ == "pobj" or o.dep_ in ("pcomp", "prep") and (
        prep.i == span.end or close())), None)


def _completes(c, tok, span) -> bool:
    """Whether a child of the counted noun or its verb is a part that completes what it says: a preposition
    of the kinds in figure_words.tsv figure-prep whose object is no date and no bare verb, or an object or
    complement that is no date."""
    if c.dep_ == "prep":
        obj = _prep_object(c, tok, span)
        if obj is None or _is_date(obj) or obj.dep_ == "pobj" and obj.pos_ == "VERB":
            return False  # "was about tightening up ...", but not "..., with groups sending out monitors"
        return (obj.lower_ if obj.dep_ == "prep" else c.lower_) in WORDS["figure-prep"]
    return c.dep_ in _COMPLEMENT_DEPS and not (c.dep_ in ("dobj", "attr", "npadvmod") and _is_date(c))


def _complements(tok, owner, span, after: bool = True) -> list[list]:
    """The parts that complete what a counted noun or its verb says: prepositional phrases of the kinds in
    figure_words.tsv figure-prep that do not say when (timeframe, a date), objects, complements, particles;
    of a bare noun phrase only a rate ("£6m a year"), since another one says when."""
    out = []
    for c in tok.children:
        if c == owner or c.i in range(span.start, span.end) or (after and c.i < tok.i) or c.dep_ == "prt":
            continue
        if owner is not None and owner.i <= c.i <= owner.right_edge.i:
            continue
        if c.dep_ == "npadvmod":
            if _rate(c):
                out.append(_compressed(c))
            continue
        if _completes(c, tok, span) and (part := _part(c)):
            out.append(part)
    return out


def _agent(verb):
    """Who does what the verb says, when the counted thing is its object: its subject, or the subject of the
    verb it completes ("plans to spend"), or the noun a relative clause hangs from; None for a pronoun."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    v = verb
    while subject is None and v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
        below, v = v, v.head
        if below.dep_ == "xcomp" and v.lemma_.lower() in ADDRESSED:  # "called on rich nations to fund": they act
            subject = next((c for c in v.children if c.dep_ == "dobj" and c.i < below.i), None) or next(
                (o for c in v.children if c.dep_ == "prep" and c.i < below.i for o in c.children if o.dep_ == "pobj"),
                None)
        subject = subject or next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        noun = verb.head  # "Labour's promise to spend", "the party unveiled plans to build": whose plan it is
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ADDRESSED:
            subject = noun  # "urged councils to spend": the councils are to spend
        else:
            subject = next((c for c in noun.children if c.dep_ == "poss"), None) or (next(
                (c for c in noun.head.children if c.dep_ == "nsubj"), None) if noun.dep_ == "dobj" else None)
    elif subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" or subject is None \
            and verb.dep_ == "acl":
        subject = verb.head  # "agencies which cost £1.8bn", "laws affecting 750,000 people"
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject


def _rate(tok) -> bool:
    """Whether a bare noun phrase says how often ("a year", "per month", "each week"), not something else."""
    return bool(re.fullmatch(_UNITS, tok.lower_)) and any(t.lower_ in ("a", "an", "per", "each", "every")
                                                          for t in tok.children)


def _head_dep(part) -> str:
    """The relation of a label part's head word to the rest of the sentence ('dobj', 'prep', ...)."""
    toks = [t for t in part if not isinstance(t, str)]
    idx = {t.i for t in toks}
    return next((t.dep_ for t in toks if t.head.i not in idx or t.head.i == t.i), "")


def _verb_group(verb, owner, span, written: bool = False) -> tuple[list, list]:
    """The verb of the clause the counted thing is in, as a label says it after the thing: as written when the
    thing is its subject ("people were not registered", "workers could take part in strikes"); as a
    participle when it is the object ("£35bn cut from public services", "£2bn to be cut", "quangos to be
    axed by a Conservative government"). Returns the verb's words and the parts that complete it."""
    if written or owner.dep_ in ("nsubj", "nsubjpass"):
        return _written_verb(verb, owner), _written_parts(verb, owner, span)
    return _participle_verb(verb), _participle_parts(verb, owner, span)


def _written_verb(verb, owner) -> list:
    """The verb as the text has it after its subject, with its auxiliaries, negation and a bare adverb or
    particle ("is not", "could take part", "trading online")."""
    doc = verb.doc
    lead = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and owner.i < c.i < verb.i]
    start = min([verb.i] + [c.i for c in lead])
    words = [t for t in doc[start:verb.i + 1] if t.dep_ in ("aux", "auxpass", "neg", "advmod") or t.i == verb.i]
    return words + [c for c in verb.children if c.dep_ in ("prt", "neg") and c.i > verb.i or c.dep_ == "advmod"
                    and c.i == verb.i + 1 and not list(c.children) and c.pos_ == "ADV"]


def _written_parts(verb, owner, span) -> list:
    """What completes a verb told as written; for a saying verb, what was said is the point ("87% of adults
    said politicians did not deliver")."""
    parts = _complements(verb, None if any(a.i == owner.i for a in verb.ancestors) else owner, span)
    said = next((c for c in verb.children if c.dep_ == "ccomp"), None) if verb.lemma_.lower() in WORDS["says"] \
        else None
    if said is not None:
        parts.append(_part(said) if len(list(said.subtree)) <= PHRASE_TOKENS else _compressed(said))
    return parts


def _participle_verb(verb) -> list:
    """The verb as a participle after its object, with what its auxiliaries make of it: "would be saved",
    "to be cut", "not paid"; a verb that tells what the thing itself does (figure_words.tsv agent: "cost")
    takes only the negation."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "neg")]
    modal = next((c.lower_ for c in aux if c.lower_ in WORDS["modal"]), None)
    future = any(c.lower_ in WORDS["future"] or c.lower_ == "to" for c in aux)
    neg = any(c.dep_ == "neg" for c in aux)
    prefix = f"{modal}{' not' if neg else ''} be" if modal else f"{'not ' if neg else ''}to be" if future \
        else "not" if neg else ""
    if verb.lemma_.lower() in WORDS["agent"]:
        prefix = "not" if neg else ""  # "could cost £80m": what it would cost, not something done to it
    return ([prefix] if prefix else []) + [participle(verb)] + [c for c in verb.children if c.dep_ == "prt"]


def _participle_parts(verb, owner, span) -> list:
    """What completes a verb told as a participle: its objects and complements (a second object after the
    amount is a misparse: "spend £1.5bn on HIV/Aids related work"), then who does it ("by the council"),
    after a rate and with an indirect object first ("cost the taxpayer £35,000")."""
    parts = [p for p in _complements(verb, owner, span, after=False) if _head_dep(p) != "dobj"
             or max(t.i for t in p if not isinstance(t, str)) < owner.i]
    agent = _agent(verb)
    if agent is not None and not (span.start <= agent.i < span.end):
        by = (WORDS["agent"].get(verb.lemma_.lower(), "by"),)
        rates = [p for p in parts if _head_dep(p) == "npadvmod"]
        who = [t for t in _part(agent) if not (t.dep_ == "case" and t.head == agent)]  # "by Labour", not "Labour's"
        parts = rates + [[*by, *who]] + [p for p in parts if p not in rates]  # "saved a year by the plan"
    parts.sort(key=lambda p: _head_dep(p) not in ("dative", "dobj"))
    return parts


def _content(w) -> bool:
    """A word that says something in a label: a noun, verb, adjective or number of the text, or a participle
    the label made; not an auxiliary, a light verb or a pronoun."""
    if isinstance(w, str):
        return bool(w) and w not in ("be", "to", "not", "by", "of") and w not in WORDS["modal"]
    return w.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and w.lemma_.lower() not in WORDS["light"]


def _first_person(span, counted) -> bool:
    """A counted phrase the speaker owns ("my life", "our members"): a first or second person word in it."""
    toks = list(counted.subtree) if counted is not None else []
    return any(t.morph.get("Person") in (["1"], ["2"]) and t.pos_ == "PRON" for t in toks if t.i >= span.start)


def full_label(span, head: str, counted, owner) -> tuple[str, int]:
    """The label a figure is shown with, read from the parse: the counted noun with its modifiers and what
    completes it ("donation to the Labour Party", "people with dementia"), then its verb with what completes
    that ("£960m offered by Gordon Brown to an international scheme"); and how many content words it holds
    besides the figure's own (see MIN_CONTENT)."""
    pieces: list = ([head] if head else []) + _noun_pieces(counted, span, head) + _clause_pieces(span, counted, owner)
    text, content = _assemble(pieces, span, counted, head)
    return text, content + (len([w for w in re.findall(r"[a-z][\w'-]*", head.lower()) if w not in WORDS["stop"]])
                            if head else 0)


def _noun_pieces(counted, span, head: str) -> list:
    """What completes the counted noun: its complements (not an 'of' phrase the head says already) and a
    participle or infinitive clause on it, told as written ("people living in poverty", "injection to
    extend leave")."""
    if counted is None:
        return []
    pieces: list = [part for part in _complements(counted, None, span)
                    if not (part[0].lower_ == "of" and head.lower().endswith(_said(part[1:2]).lower()))]
    for c in counted.children:
        if c.dep_ == "acl" and c.i > counted.i and c.pos_ == "VERB" and c.lemma_.lower() not in WORDS["says"] and (
                c.tag_ in ("VBG", "VBN") or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            words, parts = _verb_group(c, counted, span, written=True)
            if words and (parts or not _left_out(c)):
                pieces.extend([tuple(words)] + parts)
    return pieces


def _left_out(verb) -> bool:
    """Whether a participle has an object or a phrase after it that no label part keeps and that says no
    time (an age: "people aged between 18 and 34", "adults aged 18 or over"): without it, the participle
    dangles ("people aged"). Without a phrase that says when, it does not ("prisoners reconvicted within two
    years")."""
    return any(c.dep_ in ("dobj", "npadvmod", "prep", "attr", "oprd", "advmod") and c.i > verb.i
               and not _says_when(c) for c in verb.children)


def _says_when(tok) -> bool:
    """A phrase that tells a time: a unit of time, a year, or a name (a month, a weekday) in it."""
    text = " ".join(t.text for t in tok.subtree)
    return bool(re.search(rf"\b{_UNITS}\b|\b(?:1[5-9]\d\d|20\d\d)\b", text, re.I)) or any(
        t.is_title and t.ent_type_ == "DATE" for t in tok.subtree)


def _acts_as_verb(tok) -> bool:
    """A verb, or a word the tagger took for a noun that has a subject and an object of its own ("children
    skip school" with "skip" tagged a noun): the relations say what it is."""
    return tok.pos_ in ("VERB", "AUX") or tok.pos_ == "NOUN" and {"nsubj", "dobj"} <= {c.dep_ for c in tok.children}


def _clause_verb(owner):
    """The verb of the clause the counted thing (or a conjunct's first) is the subject or object of, and that
    thing; (None, thing) for a light verb ("has 1.2 million members"), but not for one with a predicate ("10%
    of employees are women")."""
    tok = owner
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "oprd") or not _acts_as_verb(tok.head):
        return None, tok
    verb = tok.head
    if verb.lemma_.lower() in WORDS["light"] and not (tok.dep_ == "nsubj" and any(
            c.dep_ in ("attr", "acomp", "prep") for c in verb.children)):
        return None, tok
    return verb, tok


def _clause_pieces(span, counted, owner) -> list:
    """The clause's verb with what completes it, an indirect object or object first; for an amount of money
    its rate ("£6m a year": how often, said of the amount, told after its verb, or alone when there is none)."""
    if owner is None:
        return []
    rates = [_compressed(c) for c in owner.children if c.dep_ == "npadvmod" and c.i >= span.end and _rate(c)] \
        if counted is None else []
    verb, tok = _clause_verb(owner)
    if verb is None:
        return rates
    words, parts = _verb_group(verb, tok, span)
    lead = [p for p in parts if _head_dep(p) in ("dative", "dobj")]
    return [tuple(words)] + lead + rates + parts[len(lead):]


def _cut_short(piece, toks) -> bool:
    """A part that ends inside a word ("the Tory co" of "co-chairman") or on a word that wants more ("to
    stand in winnable"): it says less than none."""
    last = toks[-1] if toks else None
    if last is not None and not last.whitespace_ and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text in "-–":
        return True
    if last is not None and last.pos_ == "PRON" and any(c.dep_ in ("acl", "relcl") for c in last.children):
        return True  # "charged to those" of "to those earning more than £100,000": the clause was the point
    return isinstance(piece, list) and bool(toks) and toks[-1].pos_ in ("ADJ", "DET", "ADP", "CCONJ", "PART") \
        and toks[-1].dep_ not in ("acomp", "prt", "case")


def _assemble(pieces, span, counted, head: str) -> tuple[str, int]:
    """The label's parts joined in order, each said once (a part whose words are in the figure or said
    before is left out: "£35bn in wasteful spending" is not cut "in wasteful spending" again, "hike in
    budget" not "in the budget" again), up to LABEL_TOKENS words; and the content words the parts add."""
    out: list[str] = []
    content = 0
    used = set(range(span.start, span.end)) | ({counted.i} if counted is not None and head else set())
    for piece in pieces:
        toks = [] if isinstance(piece, str) else [w for w in piece if not isinstance(w, str)]
        if any(t.i in used for t in toks):
            continue
        said = {t.lower_ for t in toks if _content(t)}
        if said and not said - set(" ".join(out).lower().split()):
            continue
        used.update(t.i for t in toks)
        if _cut_short(piece, toks):
            continue
        text = piece if isinstance(piece, str) else _join(piece)
        text = re.sub(r"\s*[\"“”]\s*", " ", text).strip(" ,;:'")
        if not text:
            continue
        if len(" ".join(out + [text]).split()) > LABEL_TOKENS:
            break
        out.append(text)
        if not isinstance(piece, str):
            content += sum(1 for w in piece if _content(w))
    return " ".join(out), content


def key_rank(text: str, what: str) -> int:
    """How much a shown figure is a key figure, lowest first: 0 for an amount of money something is done with
    ("£2bn to be cut from the schools budget", "£640m offered to a flood fund"), 1 for a count of people an
    event befell ("30,000 people were killed"), 2 for the rest."""
    words = set(re.findall(r"[a-z]+", what.lower()))
    if re.search(r"[$£€¥]", text) and words & set(WORDS["money-act"].values()):
        return 0
    if words & BEFELL:
        return 1
    return 2


def series_key(what: str) -> str:
    """What a figure counts, the same in any article that tells of the same thing: the counted words, and of
    its verb only one that says what befell them (figure_words.tsv people: "killed", "displaced"), negation
    kept. "people were killed in the shelling" and "people killed by the shelling" are "people killed";
    "workers had joined the strike" and "workers had stopped work" are both "workers", so that two sources'
    counts of strikers can be set side by side. Auxiliaries (figure_words.tsv auxiliary) are left out."""
    words = [w for w in re.findall(r"[a-z][a-z'-]*", what.lower()) if w not in WORDS["auxiliary"]]
    while words and words[0] in ("of", "the", "a", "an"):
        words = words[1:]
    out: list[str] = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in BEFELL or w == "not" and nxt in BEFELL:
            out.append(w)
            if w != "not":
                break
            continue
        if i and words[i - 1] != "of" and (w in WORDS["figure-prep"] - {"of"} or w in ("by", "not")
                                           or w.endswith(("ed", "ing"))):
            break  # the verb or what completes the counted words: not part of what is counted
        out.append(w)
    return " ".join(out)


def _money_verb(tok):
    """The verb an amount of money is the object or passive subject of, in any tense ('would save £6m',
    'plans to spend £2bn'); a light verb is none."""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in WORDS["light"]:
        return tok.head
    return None


def what_of(span) -> str:
    """What a number counts, as the page says it: 'people killed in the war', 'hours of talks', '' when the
    parse shows nothing it counts."""
    label, counted, verb, head, owner = _reading(span)
    return full_label(span, head, counted, owner)[0] or label


def _currency(span) -> str:
    """'dollars', 'pounds', ... from the symbol or word of a money amount, or ''."""
    low = text_of(span.doc)[max(0, span.start_char - 3):span.end_char].lower()
    for sym, name in _CURRENCY.items():
        if sym in low:
            return name
    m = re.search(r"\b(dollars?|pounds?|euros?|yen|yuan|rupees?|roubles?|rubles?|francs?)\b", low)
    return m.group(1).rstrip("s") + "s" if m else ""


def _skip(span, text: str) -> bool:
    """Not a figure: a year, a clock time, an age, a score, a list number, or the pronoun 'one'."""
    low = text.lower().strip()
    bare = re.sub(r"^(?:only|just|some|about|around|nearly|almost|at least)\s+", "", low)
    if text_of(span.doc)[span.end_char:span.end_char + 1] == "-" and span.label_ != "MONEY":
        return True  # "14-time winner", "a 25-footer", "14-under-par"
    if _YEAR.match(low) or _SCORE.match(low) or _ORDINAL.search(low) or _CLOCK.search(low) or bare in ("one", "a", "an", "zero"):
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in WORDS["referring"] and re.fullmatch(r"[a-z]+", low):
        return True  # "the two countries": a reference to things already named, not a count
    if before is not None and before.lower_ in WORDS["numbering"]:
        return True
    if after is not None and re.match(r"-?(?:years?|months?|weeks?)-old", text_of(doc)[span.end_char:span.end_char + 12]):
        return True
    if re.match(r"\s*(?:to|-|–)\s*\d+-?years?-old", text_of(doc)[span.end_char:span.end_char + 20]):
        return True  # "18 to 24-year-old males": an age range
    if after is not None and after.lower_ in ("year", "years", "yr") and doc[span.end + 1:span.end + 2].text == "old":
        return True
    # An age in apposition: "Jane Doe, 48, said ..."
    if before is not None and before.text == "," and span.start >= 2 and doc[span.start - 2].ent_type_ == "PERSON" \
            and after is not None and after.text in (",", ".") and len(span) == 1:
        return True
    return False


def _why(span, text: str, label: str, counted, verb) -> str:
    """Why a figure is not complete enough to show, or '' when it is."""
    doc = span.doc
    low = text.lower()
    money = span.label_ == "MONEY"
    percent = "%" in low or "per cent" in low or "percent" in low
    said = set(re.findall(r"[a-z]+", low))
    if not label or not set(re.findall(r"[a-z]+", label.lower())) - said - set(_CURRENCY.values()) - {"money"}:
        return "nothing it counts"
    if re.match(r"\W*0\d", text) or low.startswith(("number ", "no. ")):
        return "a name or number, not a count"  # "007", "Number 10"
    before = doc[span.start - 2:span.start] if span.start >= 2 else None
    if before is not None and before[1].lower_ in ("in", "out") and (before[0].like_num or before[0].lower_ == "one"):
        return "a ratio"  # "one in five workers"
    if span.start >= 3 and doc[span.start - 2].lower_ == "out" and doc[span.start - 1].lower_ == "of":
        return "a ratio"  # "six out of 20 women"
    if counted is None:
        if money and verb is not None and verb.lemma_.lower() in WORDS["money-act"]:
            return ""  # "£50m promised", "£6m saved a year": an amount pledged, spent or saved is news in itself
        if money or percent:
            return "nothing it counts"  # "took £11.5m", "up 2%": an amount of nothing named
        if verb is not None and verb.lemma_.lower() in WORDS["people"]:
            return ""  # "killed hundreds": a count of people
        return "only a verb"
    if counted.lemma_.lower() in WORDS["uncounted"] or not re.fullmatch(r"[A-Za-z][\w'-]+", counted.text):
        return "nothing it counts"
    if percent and counted.lemma_.lower() in set(WORDS["change"].values()) | set(WORDS["change"]) \
            and not label.lower().startswith(("of ", *(f"{counted.lower_} {p} " for p in CHANGE_PREPS))):
        return "nothing it counts"  # "an 82% jump": a change of nothing named
    if money and counted.lemma_.lower() in WORDS["currency"]:
        return "nothing it counts"  # "3000 euros": the currency is no thing paid for
    name = doc[span.start - 1] if span.start else None
    if name is not None and name.is_title and (name.pos_ == "PROPN" or not name.is_sent_start) \
            and not (money or percent):
        return "a name or number, not a count"  # "Commodore 64 enthusiasts", "Super 12 matters"
    if counted.dep_ == "attr" and counted.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in counted.head.children):
        return "a measure of something else"  # "the average size was 70,000 people"
    if _VAGUE_RE.fullmatch(text.strip()) and verb is None:
        return "a vague amount"  # "millions of innocent children": no number, no event
    if span.label_ in ("CARDINAL", "QUANTITY") and counted.tag_ in ("NN", "NNP") and counted.head is not None \
            and span.root.head == counted and not _VAGUE_RE.search(low) and value_of(text) != 1 \
            and counted.lemma_.lower() not in WORDS["collective"]:
        return "a name or number, not a count"  # "an 18 certificate", "the seven million barrier"
    value = value_of(text)
    if span.label_ == "CARDINAL" and value is not None and value < SMALL_COUNT and verb is None:
        return "a small count"
    return ""


def _conversion(doc, start: int, out: list[Figure]) -> bool:
    """An amount in another currency in brackets after the first: '$900m (£479m)', '($5.8bn; £3bn)'."""
    prev = next((f for f in reversed(out) if f.what is not None), None)
    if prev is None or not re.match(r"\W*[$£€¥]|\W*[A-Z]{1,3}\$", prev.text + " "):
        return False
    gap = text_of(doc)[prev.end:start]
    return bool(re.fullmatch(r"[a-z]{0,2}\s*(?:\(|;|\([^()]*;)\s*(?:[A-Z]{1,3})?", gap))


def source_of(span) -> str:
    """Who the article says claims a figure: the subject of a saying verb the figure's clause hangs from
    ("..., officials said"), or what 'according to' names; '' when the sentence attributes it to no one."""
    sent = span.sent
    for tok in sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _source_phrase(obj)
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head  # up to the verb of the figure's own clause
    while True:
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in WORDS["says"] or tok.lemma_.lower() in WORDS["says-at"]
                                   and _after_at(span, tok)):
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not (span.start <= subject.i < span.end) \
                    and subject.ent_type_ not in ("PERCENT", "CARDINAL", "MONEY", "QUANTITY"):
                return _source_phrase(subject)
            return ""
        if tok.head.i == tok.i or tok.dep_ not in ("ccomp", "xcomp", "conj", "ROOT") and tok.head.pos_ != "AUX":
            return ""  # a relative or adverbial clause is not what the sayer claims
        tok = tok.head


def _after_at(span, verb) -> bool:
    """Whether the figure is in the verb's 'at' phrase ("put the toll at 300")."""
    return any(c.dep_ == "prep" and c.lower_ == "at" and c.i < span.start <= c.right_edge.i for c in verb.children)


def _source_phrase(tok) -> str:
    words = list(tok.subtree)
    if len(words) > SOURCE_TOKENS or any(w.text in ",;(" for w in words):
        keep = [c for c in tok.children if c.dep_ in ("compound", "det", "amod") and c.i < tok.i]
        words = sorted([tok] + [w for c in keep for w in c.subtree], key=lambda w: w.i)  # "the National Audit Office report"
    return "".join((w.text if _proper(w) else w.lower_) + w.whitespace_ for w in words).strip()


def extract(doc) -> list[Figure]:
    from spacy.tokens import Span  # here, so that the pages can read key_rank without loading spaCy

    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    spans = []
    for ent in doc.ents:
        if ent.label_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            spans.append(ent)
        elif ent.label_ in ("DATE", "TIME") and _DURATION.match(ent.text) and _of_noun(ent) is not None \
                and _of_noun(ent).pos_ == "NOUN" and not (ent.start and doc[ent.start - 1].lower_ in WORDS["timeframe"]):  # not "within five years of the Conservatives winning"
            spans.append(ent)  # '12 days of fighting', '10 hours of talks': durations that count something
    for m in _MONEY_RE.finditer(text_of(doc)):  # "would slash £18bn": an amount the NER did not tag
        if not any(e.start_char < m.end() and m.start() < e.end_char for e in spans):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append(Span(doc, span.start, span.end, label="MONEY"))
    for tok in doc:  # "900 drivers were warned": a number the NER did not tag, counting the noun it modifies
        if not tok.ent_type_ and tok.like_num and any(c.isdigit() for c in tok.text) and tok.dep_ == "nummod" \
                and tok.head.pos_ == "NOUN" and not any(e.start <= tok.i < e.end for e in spans) \
                and not (tok.i and doc[tok.i - 1].text in "-–" and not doc[tok.i - 1].whitespace_):  # "100-120 troops"
            spans.append(Span(doc, tok.i, tok.i + 1, label="CARDINAL"))
    for m in _VAGUE_RE.finditer(text_of(doc)):
        if not any(e.start_char <= m.start() < e.end_char or m.start() <= e.start_char < m.end() for e in spans):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
    shown: set[tuple[float | None, str]] = set()
    for span in sorted(spans, key=lambda s: s.start_char):
        if span.end < len(doc) and doc[span.end].lower_.rstrip(".") in WORDS["scale"] and (
                not doc[span.end - 1].whitespace_ or doc[span.end].lower_.rstrip(".") in ("bn", "mn", "tn")):
            label = span.label_
            span = doc[span.start:span.end + 1]  # "£479m": the scale the NER left out
            sign = text_of(doc)[span.start_char - 1:span.start_char] if span.start_char else ""
            span.label_ = "MONEY" if sign and sign in "$£€¥" else label  # "1.7m people" is no amount of money;
            # "almost £40m" keeps the NER's MONEY
        if span.label_ != "MONEY" and span[-1].lemma_.lower() in WORDS["currency"]:
            span = Span(doc, span.start, span.end, label="MONEY")  # "1.7m pounds", "300 euros"
        text = span.text
        lead = re.match(r"the\s+", text, re.I)
        start = span.start_char + (lead.end() if lead else 0)
        if text_of(doc)[start - 1:start] in ("$", "£", "€", "¥"):
            start -= 1  # the currency sign belongs to the amount
        end = span.end_char - (1 if span.text.endswith(".") and span[-1].lower_.rstrip(".") in WORDS["scale"] else 0)
        text = text_of(doc)[start:end]
        if _skip(span, text) or value_of(text) is None or any(a < end and start < b for a, b in taken):
            continue
        label, counted, verb, head, owner = _reading(span)
        if not label and span.label_ not in ("MONEY", "PERCENT"):
            continue
        value = value_of(text)
        why = _why(span, text, label, counted, verb)
        if not why:
            full, content = full_label(span, head, counted, owner)
            people = counted is None and verb is not None and verb.lemma_.lower() in WORDS["people"]
            if counted is not None and counted.pos_ == "PRON" or content < MIN_CONTENT and not people:
                why = "a thin label"  # "votes", "members", "them": not what is counted
            elif _first_person(span, counted):
                why = "a speaker's own"  # "three years of my life": what it counts is the speaker's, not news
            label = full or label
        if not why and span.label_ == "MONEY" and _conversion(doc, start, out):
            why = "the same amount in another currency"
        key = (value, _currency(span)) if span.label_ == "MONEY" else \
            (value, counted.lemma_.lower() if counted is not None else label.lower())
        if not why and key in shown:
            why = "told before"  # "500 of its patents will be released" ... "the 500 patents"
        taken.append((start, end))
        if not why:
            shown.add(key)
        out.append(Figure(text=text, value=value, what=label, start=start, end=end, shown=not why,
                          why=why, source=source_of(span) if not why else ""))
    return out
