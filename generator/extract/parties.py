"""Parties: the countries, people, organisations and groups an article is about.

One party per real-world actor, whatever the surface form: "Turkey", "Turkish",
"Ankara said" and "the Turkish government" are all Turkey. The small NER model
mislabels often (countries as ORG or PERSON, regions as ORG), so labels are only
a first guess: country tables, the resolved places and the parse decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import countries, gazetteer, wordlists
from . import gender
from ..nlp import in_spot, layout_of, text_of
from ..model import Party, Place


def _actor_words(path: str = "actor_words.tsv") -> dict[str, set[str]]:
    """The word lists of data/actor_words.tsv, by kind; a word twice in one kind is an error."""
    out: dict[str, set[str]] = {}
    for _n, (kind, word) in wordlists.rows(path, key=lambda row: (row[0], row[1])):
        out.setdefault(kind, set()).add(word)
    return out


ACTOR_WORDS = _actor_words()
"""Who is a person, a body or a country's government, and which words make a role (see the file's header)."""
TITLES = ACTOR_WORDS["title"]
ROLE_HEADS = ACTOR_WORDS["role-head"]
STYLES = ACTOR_WORDS["style"]
ROLE_MODIFIERS = ACTOR_WORDS["role-modifier"]
FORMER = ACTOR_WORDS["former"]
GOVERNMENT_ROLES = ACTOR_WORDS["government-role"]
NOT_GOVERNMENT = ACTOR_WORDS["not-government"]
"""Words in a role that put its holder outside the government ("opposition leader", "former minister")."""
ORG_HEADS = ACTOR_WORDS["org-head"]
GOVERNMENT_HEADS = ACTOR_WORDS["government-head"]
GROUP_NOUNS = ACTOR_WORDS["group-noun"]
GROUP_MODIFIERS = ACTOR_WORDS["group-modifier"]
LOCATIVE = {"in", "at", "to", "from", "near", "into", "outside", "across", "around", "inside", "throughout",
            "towards", "toward", "via", "through", "within", "over", "between"}
PLACE_NOUNS = ACTOR_WORDS["place-noun"]
SPEECH = wordlists.speech_verbs()["actor"]
"""Verbs whose subject is someone who acts (data/speech_verbs.tsv, use "actor")."""
ADDRESSED = ACTOR_WORDS["addressed"]
MEDIA_WORDS = ACTOR_WORDS["media-word"]
NOT_ACTORS = ACTOR_WORDS["not-actor"]
LAW_HEADS = ACTOR_WORDS["law-head"]
INSTITUTIONS = ACTOR_WORDS["institution"]
MEMBER_PREPS = ACTOR_WORDS["member-prep"]
BODY_NOUNS = ACTOR_WORDS["body-noun"]


def _generic_institution(name: str) -> bool:
    """'Government', 'the Cabinet': an institution named by its kind alone, which names no one body."""
    return _bare(name) in INSTITUTIONS


@dataclass
class Mention:
    """One surface form of an actor, before mentions are merged into parties."""

    start: int  # token indices [start, end)
    end: int
    kind: str
    name: str
    country: str | None = None
    weight: float = 1.0
    role: str | None = None
    key: str = ""
    surface: str = ""
    owner: "Mention | None" = None  # the country or body the mention belongs to ('Russia' of 'Russia's foreign minister')
    owner_known: bool = False  # the owner was decided (possibly none), so later passes leave it
    absorbed: bool = False  # named only inside another mention ('Turkish' in 'the Turkish foreign ministry')
    role_word: bool = False  # a word of someone's role the NER took for a name ('Interior' minister)

    def own(self, owner: "Mention | None") -> None:
        self.owner, self.owner_known = owner, True


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "party"


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, titles, possessive endings and punctuation from a span's edges."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].lower_.rstrip(".") in TITLES
                           or doc[start].is_punct or _former_prefix(doc, start, end)):
        start += 2 if _former_prefix(doc, start, end) else 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
                           or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _former_prefix(doc, start: int, end: int) -> bool:
    """'Ex-BBC presenter': 'ex-' before a name that a role word follows says what someone was, and is
    no part of the body's name ('the Ex-Servicemen Association' keeps it)."""
    return start + 2 < end < len(doc) and doc[start].lower_ in FORMER and doc[start + 1].text == "-" and \
        not doc[start].whitespace_ and not doc[start + 1].whitespace_ and doc[end].is_lower and \
        doc[end].pos_ == "NOUN"


def _text(doc, start: int, end: int) -> str:
    text = doc[start:end].text if end > start else ""
    return re.sub(r"['’]s$", "", text).strip()


@lru_cache(maxsize=16384)
def _resolve_country(text: str):
    """A country named or described by ``text`` (no capitals): (country, is_demonym)."""
    if not text or not text[0].isupper():
        return None, False
    if len(text) <= 3 and not text.replace(".", "").isupper():
        return None, False  # "us" is not the US
    if not countries.names_state(text):
        return None, False  # 'Scottish ministers', 'England and Wales': a nation, not the state's government
    c = countries.by_name(text)
    if c:
        return c, False
    c = countries.by_demonym(text)
    return (c, True) if c else (None, False)


def _locative(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def _dateline(doc, start: int, end: int) -> bool:
    """'MOSCOW — Armenia and ...', 'Muscat: The festival ...': the city a report was filed from (the
    article's dateline, :attr:`nlp.Layout.dateline`), a place."""
    return in_spot(layout_of(doc).dateline, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _as_government(doc, start: int, end: int) -> bool:
    """Is a capital city here the government ("Moscow said", "brokered by Moscow"), not the place?"""
    if _dateline(doc, start, end):
        return False
    root = doc[start:end].root
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "dative", "appos", "conj"):
        if root.dep_ == "conj":
            return _as_government(doc, root.head.i, root.head.i + 1)
        return True
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "by":
            return True
        if prep.lower_ in ("of", "for", "with", "against") and prep.head.pos_ in ("NOUN", "VERB"):
            return prep.head.lemma_ not in PLACE_NOUNS and prep.head.lemma_ not in ("outskirts", "centre", "center",
                                                                                   "streets", "residents", "people")
    if root.dep_ == "dobj" and root.head.lemma_ in ADDRESSED:
        return True  # "accused Addis Ababa of stalling"
    if root.dep_ == "compound" and root.head.lemma_ in {"government", "official", "authorities", "talk"}:
        return True
    return False


def _titled(doc, start: int) -> bool:
    """'Mr Lachin', 'President Victoria': a title or role word right before a name makes it a person."""
    return start > 0 and (doc[start - 1].lower_.rstrip(".") in TITLES or doc[start - 1].lower_ in ROLE_HEADS)


def _place_surfaces(places: list[Place], text: str) -> set[str]:
    """Surface forms the places step resolved to something that is not a country."""
    out = set()
    for p in places:
        if p.kind == "country":
            continue
        out.add(p.name.lower())
        for s, e in p.mentions:
            out.add(text[s:e].lower())
    return out


def _place_cue(doc, start: int, end: int) -> bool:
    """'the territory of X', 'the region of X': X is a place whatever the NER says."""
    root = doc[start:end].root
    return (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in PLACE_NOUNS) or \
        any(t.lower_ == "region" or t.lower_ == "province" for t in doc[start:end])


def _is_media_recipient(doc, start: int, end: int) -> bool:
    root = doc[start:end].root
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.lemma_ in ("tell", "interview"):
        return True
    return root.dep_ == "pobj" and head.lower_ in ("to", "with") and head.head.lemma_ in ("accord", "speak", "talk")


def _seat_or_role(doc, start: int, end: int) -> bool:
    """'MEP', 'Bolton West MP': a role word, alone or after the seat it is held for, that the NER took
    for a name. A name before the role keeps it a person ('Ruth Kelly MP'): a first name, or a first
    word that is no place."""
    if doc[end - 1].lower_ not in ROLE_HEADS:
        return False
    first = doc[start]
    return end - start == 1 or (gazetteer.known(first.text) and first.lower_ not in gender.FIRST_NAMES)


def _person_key(name: str) -> str:
    """One key per person's name however its hyphens are written: 'Robert Kilroy Silk' is
    'Robert Kilroy-Silk'."""
    return "person:" + name.lower().replace("-", " ")


def _person_name_ok(name: str) -> bool:
    """Junk the NER calls PERSON: weekdays, lone initials, shouted words, numbers."""
    words = name.split()
    if not words or any(ch.isdigit() for ch in name) or name.lower() in NOT_ACTORS:
        return False
    if not words[0][:1].isupper():
        return False
    return len(words) > 1 or (len(name) > 2 and not name.isupper())


DASHES = ("-", "–", "—", "--")


def _clean_span(doc, start: int, end: int) -> tuple[int, int]:
    """An entity stops at a line break ('... For Mankind\nSpeaking') and before an unclosed bracket, a
    title inside it starts the name ('Describing Mr Jackson'), and so does the name after a job ('Farmer Geoff Brooks')."""
    for i in range(start, end):
        if "\n" in doc[i].text or ("\n" in doc[i].whitespace_ and i + 1 < end):
            end = i if "\n" in doc[i].text else i + 1
            break
    for i in range(start + 1, end):
        if doc[i].text == "(" and ")" not in doc[i:end].text:
            end = i  # 'Transport Workers Union (TWU': the name stops before its unclosed bracket
            break
        if doc[i].text in DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_:
            end = i  # 'Veritas - Latin for truth': what follows a spaced dash glosses the name
            break
    for i in range(start + 1, end - 1):
        if doc[i].lower_.rstrip(".") in TITLES:
            return i, end
    if end - start >= 3 and doc[start].ent_type_ == "PERSON" and doc[start].lower_ in PERSON_NOUNS | ROLE_HEADS \
            and doc[start].lower_ not in STYLES:
        return start + 1, end  # 'Farmer Geoff Brooks', 'Lawyer Anne Cole': the job is a role, not a name
    return start, end


def _nationality(doc, start: int, end: int):
    """(country, 1) when a name opens with a nationality: 'Russian', 'Welshman', 'Irishmen'."""
    if end - start < 3 or not all(t.text[:1].isupper() for t in doc[start + 1:end]):
        return None
    word = doc[start].text
    stem = re.sub(r"(?:wo)?m[ae]n$", "", word)
    c = countries.by_demonym(stem) if stem != word and len(stem) > 2 else countries.by_demonym(word)
    if c is None or (stem == word and doc[start].ent_type_ != "PERSON"):
        return None  # 'British Medical Journal' keeps its adjective; 'Irishmen JP McManus' does not
    return c, 1


def _entity_mentions(doc, places: list[Place]) -> list[Mention]:
    """First pass: named entities, typed with country tables and the parse."""
    place_text = _place_surfaces(places, text_of(doc))
    for ent in doc.ents:  # one cue ("the region of X") makes every X a place
        if ent.label_ in ("ORG", "PERSON", "NORP") and _place_cue(doc, ent.start, ent.end):
            place_text.add(_text(doc, *_trim(doc, ent.start, ent.end)).lower())
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"):
            continue
        start, end = _trim(doc, *_clean_span(doc, ent.start, ent.end))
        if end <= start:
            continue
        text = _text(doc, start, end)
        if not text or text.lower() in NOT_ACTORS:
            continue
        if ent.label_ in ("PERSON", "ORG") and _seat_or_role(doc, start, end):
            continue
        if ent.label_ in ("PERSON", "ORG") and (nat := _nationality(doc, start, end)) is not None:
            # 'Russian Dmitriy Bogdanov', 'Irishmen JP McManus': a person of that country
            c, n = nat
            country = Mention(start, start + n, "country", c.name, c.iso2, weight=0.5, surface=doc[start].text)
            person = Mention(start + n, end, "person", _text(doc, start + n, end), surface=_text(doc, start + n, end))
            person.own(country)
            out += [country, person]
            continue
        c, demonym = _resolve_country(text)
        if c is None and (seat := countries.by_capital(text)) and not (
                ent.label_ == "PERSON" and _titled(doc, start)):
            # the NER often calls a lone capital a PERSON ("Baku said"); only a title makes it a person
            root = doc[start:end].root
            if ent.label_ == "PERSON" and (root.dep_ == "appos" or root.dep_ == "conj" and countries.resolve(
                    root.head.text) is None):
                continue  # 'the Ministry of Information, Abuja, ...': an address
            if _as_government(doc, start, end) or (not _dateline(doc, start, end) and not _locative(root) and (
                    text in countries.SEATS or ("the " + text) in countries.SEATS)):  # not 'a meeting in London'
                out.append(Mention(start, end, "country", seat.name, seat.iso2, surface=text))
            continue
        if c is not None:
            out.append(_country_or_people(doc, start, end, c, demonym, text))
            continue
        if ent.label_ in ("GPE", "LOC", "FAC"):
            continue  # a place, not an actor
        if text.lower() in place_text and not (
                ent.label_ == "PERSON" and _person_evidence(doc, Mention(start, end, "person", text), speech=False)):
            continue  # 'Dr Goygol said' is a man even where Goygol is also a town
        if ent.label_ == "NORP":
            if doc[end - 1].tag_ in ("NNS", "NNPS"):
                out.append(_group(doc, start, end, None))
            continue
        if ent.label_ == "PERSON":
            if _person_name_ok(text):
                out.append(Mention(start, end, "person", text, surface=text))
            continue
        if ent.label_ == "ORG" and start > ent.start and doc[start - 1].lower_.rstrip(".") in TITLES and \
                _person_name_ok(text):
            out.append(Mention(start, end, "person", text, surface=text))  # 'Gen Pervez Musharraf': a title names a person
            continue
        if ent.label_ == "ORG" and len(text) > 1 and not _is_media_recipient(doc, start, end):
            if not any(ch.isalpha() for ch in text) or AMOUNT.fullmatch(text):
                continue  # '261bn' is money the NER took for a name
            if end - start > 1 and doc[end - 1].text[:1].isupper() and doc[end - 1].lower_ in LAW_HEADS:
                continue  # 'the Prevention of Terrorism Bill' proposes: a law, not a body
            out.append(Mention(start, end, "organisation", text, surface=text))
    return out


def _country_or_people(doc, start: int, end: int, c, demonym: bool, text: str) -> Mention:
    """'Armenians' are a group; 'Armenian' and 'Armenia' are the country."""
    last = doc[end - 1]
    if demonym and last.tag_ in ("NNS", "NNPS") and text.endswith("s") and not (
            start > 0 and doc[start - 1].lower_ == "the" and last.head.lemma_ in SPEECH):
        return _group(doc, start, end, c.iso2)
    m = Mention(start, end, "country", c.name, c.iso2, surface=text)
    if _locative(doc[start:end].root):
        m.weight = 0.5
    return m


def _group(doc, start: int, end: int, iso: str | None) -> Mention:
    """A people or movement: 'ethnic Armenians', 'Kurdish rebels'."""
    while start > 0 and doc[start - 1].lower_ in GROUP_MODIFIERS | {"armenian"} and doc[start - 1].head.i >= start:
        start -= 1
    name = _text(doc, start, end)
    return Mention(start, end, "group", name, iso, surface=name)


def _scan_missed(doc, taken: set[int]) -> list[Mention]:
    """Country names, demonyms and seats of government the NER left out."""
    out: list[Mention] = []
    full = text_of(doc)
    words = [t.text for t in doc]  # read once: every doc[i] builds a new Token object
    i = 0
    while i < len(doc):
        hit = None
        # a candidate opens with a capital and does not continue a hyphenated word ('pro-Russian')
        if not words[i][:1].isupper() or (i > 0 and words[i - 1] == "-" and not doc[i - 1].whitespace_):
            i += 1
            continue
        for n in (3, 2, 1):
            if i + n > len(doc) or any(j in taken for j in range(i, i + n)):
                continue
            last = doc[i + n - 1]
            if last.is_punct:
                continue
            span = doc[i:i + n]
            text = full[doc[i].idx:last.idx + len(words[i + n - 1])]
            if text in countries.SEATS and text not in ("London", "Washington", "Beijing", "Kiev", "Kyiv", "Delhi",
                                                        "Tehran", "Damascus", "Riyadh", "Pyongyang"):
                seat = countries.by_capital(text)
                hit = Mention(i, i + n, "country", seat.name, seat.iso2, surface=text)
                break
            if span[0].pos_ == "PROPN" and text[:1].isupper() and (seat := countries.by_capital(text)) and \
                    _as_government(doc, i, i + n):
                hit = Mention(i, i + n, "country", seat.name, seat.iso2, surface=text)  # 'Yerevan denied'
                break
            if span[0].pos_ in ("PROPN", "ADJ", "NOUN"):
                c, demonym = _resolve_country(text)
                if c is not None:
                    hit = _country_or_people(doc, i, i + n, c, demonym, text)
                    break
        if hit:
            out.append(hit)
            i = hit.end
        else:
            i += 1
    return out


def _phrase_mentions(doc, mentions: list[Mention]) -> list[Mention]:
    """'the Turkish foreign ministry' (an organisation of Turkey), 'the Armenian government' (Armenia),
    'Azerbaijani separatists' (a group)."""
    by_tok = {t: m for m in mentions for t in range(m.start, m.end)}
    heads = GOVERNMENT_HEADS | GROUP_NOUNS | ORG_HEADS  # built once per article, not once per noun
    cues = heads | GOVERNMENT_ROLES
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i in by_tok:
            named = by_tok[tok.i]
            if not _owned_common_body(doc, named, tok, by_tok):
                continue
            mentions.remove(named)  # "defence ministry" as the NER found it: whose it is comes below
            for t in range(named.start, named.end):
                del by_tok[t]
        lemma = tok.lower_ if tok.lower_ in heads else tok.lemma_.lower()
        if lemma not in cues and tok.lower_ not in GROUP_NOUNS:
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i]
        owner = next((by_tok[c.i] for c in mods if c.i in by_tok and by_tok[c.i].kind in ("country", "organisation")),
                     None)
        # 'Armenian and Azerbaijani forces': every country joined to the owner by 'and'
        joint = [owner] + [by_tok[c.i] for c in doc[owner.start].conjuncts
                           if c.i in by_tok and by_tok[c.i].kind == "country"
                           and by_tok[c.i].country != owner.country] if owner is not None else []
        if tok.lower_ in GROUP_NOUNS:
            start = min([c.left_edge.i for c in mods if c.dep_ != "poss"] + [tok.i])
            start, _ = _trim(doc, start, tok.i + 1)
            name = _text(doc, start, tok.i + 1)
            g = Mention(start, tok.i + 1, "group", name[:1].upper() + name[1:],
                        owner.country if owner and len(joint) == 1 else None, surface=name)
            for o in joint:  # a group of two peoples belongs to neither alone
                mentions.remove(o) if o in mentions and o.start >= start else None
            out.append(g)
            continue
        if owner is None or owner.kind != "country":
            continue
        if len(joint) > 1:
            out += _joint_bodies(doc, tok, mods, joint, lemma)
            continue
        unnamed_official = lemma in GOVERNMENT_ROLES and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_type_ != "PERSON") \
            and not any(c.lower_ in NOT_GOVERNMENT for c in tok.children)  # "Ghana's opposition leader" is not Ghana
        if (lemma in GOVERNMENT_HEADS and tok.lower_ != "officials" and tok.lower_ != "diplomats") or unnamed_official:
            # "the Turkish government", and "the Argentine president said" with no name: the country
            owner.end = max(owner.end, tok.i + 1)  # the government is the country
            owner.start = min(owner.start, tok.i) if owner.start > tok.i else owner.start
            continue
        if lemma in GOVERNMENT_HEADS or lemma in GOVERNMENT_ROLES:
            continue
        start = min(c.left_edge.i for c in mods)
        start, end = _trim(doc, start, tok.i + 1)
        inner = [t for t in doc[start:end] if t.i not in range(owner.start, owner.end) and t.tag_ != "POS"]
        head = " ".join(t.lower_ for t in inner)
        demonym = countries.by_code(owner.country).demonym if owner.country else None
        name = f"{demonym or owner.name} {head}"
        m = Mention(start, end, "organisation", name, owner.country, surface=_text(doc, start, end))
        m.key = f"org:{owner.country}:{head}"
        m.own(owner)
        owner.absorbed = True  # "Turkish" in "the Turkish foreign ministry" names the ministry
        out.append(m)
    return out


def _owned_common_body(doc, named: Mention, tok, by_tok: dict) -> bool:
    """An organisation the NER found that is only common words ("defence ministry") and belongs to a
    country named just before it ("Azerbaijan's defence ministry"): each country's is a body of its own,
    where the NER's mentions would merge Armenia's and Azerbaijan's into one by their shared name."""
    if named.kind != "organisation" or named.end - 1 != tok.i:
        return False
    if not all(t.is_alpha and t.is_lower for t in doc[named.start:named.end]):
        return False
    return any(c.dep_ in ("poss", "amod", "compound") and c.i < named.start and c.i in by_tok
               and by_tok[c.i].kind == "country" for c in tok.children)


def _joint_bodies(doc, tok, mods, owners: list[Mention], lemma: str) -> list[Mention]:
    """'the Armenian and Azerbaijani foreign ministries' are two bodies, one of each country, both named by
    the whole phrase. 'The Armenian and Azerbaijani governments' are just the two countries."""
    if lemma in GOVERNMENT_HEADS or lemma in GOVERNMENT_ROLES:
        return []
    start, end = _trim(doc, min(c.left_edge.i for c in mods), tok.i + 1)
    owned = {t for o in owners for t in range(o.start, o.end)}
    inner = [t for t in doc[start:end - 1] if t.i not in owned and t.tag_ != "POS" and t.dep_ != "cc"
             and not t.is_punct]
    last = tok.lower_ if tok.lower_ in ORG_HEADS or tok.lemma_.lower() not in ORG_HEADS else tok.lemma_.lower()
    head = " ".join([t.lower_ for t in inner] + [last])
    out = []
    for o in owners:
        demonym = countries.by_code(o.country).demonym if o.country else None
        m = Mention(start, end, "organisation", f"{demonym or o.name} {head}", o.country,
                    surface=_text(doc, start, end))
        m.key = f"org:{o.country}:{head}"
        m.own(o)
        o.absorbed = True
        out.append(m)
    return out


PERSON_NOUNS = ACTOR_WORDS["person-noun"]
PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ician")
AGENTIVE = ("er", "or", "ant", "ent", "ist", "ian", "ee", "man", "woman")
"""Endings of nouns that name someone by what they do ('a teacher', 'the organiser')."""
ROLE_PREPS = {"of", "for", "at", "to", "on"}
"""Prepositions whose complement belongs to a role ('head of the agency', 'spokesman for the police');
a locative 'in Regensburg' after it does not."""
ROLE_MAX_WORDS = 6


def _personal(tok) -> bool:
    """Does a common noun name a person ('teacher', 'spokeswoman'), as far as the lexicon and suffixes tell?"""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    return (low in ROLE_HEADS or lemma in ROLE_HEADS or low in PERSON_NOUNS or lemma in PERSON_NOUNS
            or lemma.endswith(PERSON_SUFFIXES))


def _words(toks) -> str:
    """Lower-case a role's words, except proper nouns and initials ('MP'); words the tokenizer split at a
    hyphen stay one ('director-general'). A title in a role is a word of it ('lord chancellor')."""
    vocab = ROLE_HEADS | ROLE_MODIFIERS | PERSON_NOUNS | FORMER | TITLES
    out = ""
    for n, t in enumerate(toks):
        initials = len(t.text) > 1 and t.text.isalpha() and t.text.isupper()
        word = t.text if initials or (t.pos_ == "PROPN" and not t.is_sent_start and t.lower_ not in vocab) \
            else t.lower_
        joined = n and (t.text == "-" or toks[n - 1].text == "-") and toks[n - 1].i == t.i - 1
        out += word if not n or joined else " " + word
    return out


def _party_at(by_tok: dict[int, Mention], i: int, kinds=("country", "organisation")) -> Mention | None:
    m = by_tok.get(i)
    return m if m is not None and m.kind in kinds and not _generic_institution(m.name) else None


def _role_phrase(doc, head, by_tok: dict[int, Mention], stop: int | None = None) -> tuple[str | None, Mention | None]:
    """The role a noun phrase gives: its head with its modifiers and an 'of'/'for' complement
    ('head of the regional disaster agency'); a named complement or owner is the affiliation instead
    ('the mayor of Malatya' → 'mayor', 'Russia's top diplomat' → 'top diplomat' of Russia)."""
    owner = None
    left: list = []
    for c in head.lefts:
        if c.dep_ in ("det", "punct", "predet") or c.tag_ == "POS":
            continue
        if c.dep_ == "poss":
            for t in c.subtree:
                owner = owner or _party_at(by_tok, t.i)
            owner = owner or _body_taken_up(doc, c, by_tok)
            continue
        sub = [t for t in c.subtree if t.i < head.i]
        if any((o := _party_at(by_tok, t.i)) for t in sub):
            owner = owner or next(_party_at(by_tok, t.i) for t in sub if _party_at(by_tok, t.i))
            continue  # 'the Turkish foreign minister': Turkish is the owner, not the role
        left += [t for t in sub if t.dep_ not in ("det", "punct") and t.tag_ != "POS"]
    words = sorted(left, key=lambda t: t.i) + [head]
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in ROLE_PREPS):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or (stop is not None and obj.i >= stop):
            break
        party = next((_party_at(by_tok, t.i) for t in obj.subtree if _party_at(by_tok, t.i)), None)
        if party is not None or obj.pos_ == "PROPN":
            owner = owner or party  # a named body or place: affiliation, not role
            break
        comp = [prep] + [t for t in obj.subtree if t.i <= obj.i or t.head == obj and t.dep_ == "compound"]
        comp = [t for t in comp if not t.is_punct]
        if len(words) + len(comp) <= ROLE_MAX_WORDS + 1:  # + 1 for the article inside
            words += comp
        break
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None, owner
    if len(words) > ROLE_MAX_WORDS:
        words = words[-ROLE_MAX_WORDS:] if head == words[-1] else [head]
    return _words(words), owner


def _body_taken_up(doc, tok, by_tok: dict[int, Mention]) -> Mention | None:
    """The body 'the group' or 'the organisation' takes up ('Ann Lee, the group's chairwoman'): the
    last organisation named before it in the same or the previous sentence."""
    if tok.lemma_.lower() not in BODY_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return None
    sent = tok.sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(tok.i - 1, first - 1, -1):
        m = _party_at(by_tok, i, kinds=("organisation",))
        if m is not None:
            return m
    return None


def _role_before(doc, m: Mention, by_tok: dict[int, Mention]) -> tuple[str | None, Mention | None]:
    """Titles glued to a name: 'Russia's foreign minister Sergei Lavrov', 'Interior minister Daniel Otieno',
    'Party leader Joana Ferreira', 'Bolton boss Sam Allardyce' (Bolton the owner)."""
    i = m.start - 1
    run: list = []
    sent_start = doc[m.start].sent.start
    while i >= sent_start and len(run) < ROLE_MAX_WORDS:
        tok = doc[i]
        low = tok.lower_
        other = by_tok.get(i)
        listed = low in ROLE_HEADS or low in ROLE_MODIFIERS or bool(
            run and other is not None and _generic_institution(other.name))  # 'Cabinet minister Ann Lee'
        if other is not None and not (listed and other.kind == "organisation" and other.name not in SHOWN_NAMES
                                      and all(doc[k].lower_ in ROLE_HEADS or doc[k].lower_ in ROLE_MODIFIERS
                                              or _generic_institution(other.name)
                                              for k in range(other.start, other.end))):
            break  # another actor: the owner, not part of the role
        if run and tok.text == "-" and not tok.whitespace_ and i > sent_start and not doc[i - 1].whitespace_:
            run.insert(0, tok)  # 'director-general', 'co-chairman': one word the tokenizer split
            i -= 1
            continue
        if low == "the" or tok.is_punct:
            break
        glued = run and tok.dep_ in ("amod", "compound") and tok.pos_ in ("NOUN", "ADJ") and (
            tok.is_lower or tok.is_sent_start) and tok.head.i > i
        if listed or glued:
            run.insert(0, tok)
            i -= 1
            continue
        break
    while run and (run[0].lower_ == "of" or run[0].text == "-"):
        run.pop(0)
    if not run or not any(t.lower_ in ROLE_HEADS for t in run) or run[-1].lower_ not in ROLE_HEADS | {"general"}:
        return None, None
    for t in run:  # 'Interior' and 'Party' typed ORG are words of the role
        if t.i in by_tok:
            by_tok[t.i].role_word = True
    j = run[0].i - 1
    owner = None
    if j >= 0 and doc[j].tag_ == "POS":
        j -= 1
    if j >= 0 and j in by_tok and by_tok[j].kind in ("country", "organisation", "person"):
        owner = by_tok[j]
        if owner.kind == "person" and owner.end - owner.start == 1 and gazetteer.known(owner.name) and \
                by_tok.get(j + 1) is None and doc[j + 1].tag_ != "POS":
            owner.kind = "organisation"  # 'Bolton boss Sam Allardyce': a club named after its town
    elif j >= 0 and doc[j].lower_ in ("his", "her"):
        owner = _pronoun_owner(doc, j, by_tok)  # 'His foreign policy aide Hikmet Hajiyev'
    k = (owner.start if owner is not None and owner.end == j + 1 else j + 1) - 1
    if k >= sent_start and doc[k].lower_ in FORMER and doc[k] not in run:
        run.insert(0, doc[k])  # 'Former Conservative leader William Hague': a former leader of the party
    return _words(run), owner


def _pronoun_owner(doc, i: int, by_tok: dict[int, Mention]) -> Mention | None:
    """The person a possessive 'his'/'her' points back to: the last named person who is the subject
    of a clause in the same or the previous sentence."""
    sent = doc[i].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for k in range(i - 1, start - 1, -1):
        m = by_tok.get(k)
        root = doc[m.start:m.end].root if m is not None else None
        if root is None or not (root.dep_ == "nsubj" or root.dep_ == "appos" and root.head.dep_ == "nsubj"):
            continue  # 'Ilham Aliyev wrote', 'Azerbaijan's president Ilham Aliyev wrote'
        if m.kind == "person" or (m.kind == "organisation" and _name_like(doc, m)):
            return m
    return None


def _role_appos(doc, m: Mention, by_tok: dict[int, Mention], need_person: bool = False
                ) -> tuple[str | None, Mention | None]:
    """Appositives: 'Ilham Aliyev, the president of Azerbaijan', 'Lavrov, Russia's top diplomat',
    'Anna Schmid, a teacher', and before the name 'The mayor of Malatya, Kemal Ozturk, told'."""
    root = doc[m.start:m.end].root
    cands = [c for c in root.children if c.dep_ == "appos" and _role_noun(c) and c.i >= m.end]
    if root.dep_ == "appos" and root.head.i < m.start:
        head = root.head
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
            head = head.head.head  # 'The mayor of Malatya, Kemal Ozturk': hung on Malatya by the parser
        if _role_noun(head):
            cands.append(head)
    for app in cands:
        if app.i in by_tok or (need_person and not _personal(app)):
            continue
        if app.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" for c in app.children):
            continue  # 'Rubio, two colleagues': a role is one person's
        if not need_person and not _personal(app) and not (
                app.lower_.endswith(AGENTIVE) and any(c.dep_ in ("det", "poss") for c in app.children)):
            continue  # 'Smith, 45,' or 'Guzman, the squad car': not a role
        stop = m.start if app.i < m.start else None
        return _role_phrase(doc, app, by_tok, stop)
    return None, None


def _role_noun(tok) -> bool:
    """A common noun, or a role head written with a capital ('The Foreign Secretary, Ann Lee,')."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.lower_ in ROLE_HEADS)


def _member_of(doc, m: Mention, by_tok: dict[int, Mention]) -> Mention | None:
    """The body or country a person is said to be of or from, right after the name: 'David Rogers,
    from the LGA, said', 'said Ann Lee of the Law Society'."""
    root = doc[m.start:m.end].root
    for prep in root.rights:
        after_name = prep.i == m.end or (prep.i == m.end + 1 and doc[m.end].text == ",")
        if prep.dep_ != "prep" or prep.lower_ not in MEMBER_PREPS or not after_name:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return _party_at(by_tok, obj.i) if obj is not None else None
    return None


def _name_like(doc, m: Mention) -> bool:
    """Two to four capitalised proper nouns, as a person's name is written."""
    toks = doc[m.start:m.end]
    return 2 <= len(toks) <= 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in toks)


CLUB_WORDS = {"united", "city", "rovers", "athletic", "wanderers", "albion", "town", "county", "villa", "rangers",
              "hotspur", "fc", "afc", "argyle", "orient", "athletico", "atletico", "real", "sporting", "dynamo"}
"""A town's name with one of these is a sports club ('Manchester United'), not a person."""


def _headline_end(doc) -> int:
    """Token index where the headline ends (:attr:`nlp.Layout.headline_end`), or 0 when the text opens with prose."""
    end = layout_of(doc).headline_end
    return next((t.i for t in doc if t.idx >= end), len(doc)) if end else 0


CORPORATE_NOUNS = {
    "share", "stock", "stake", "shareholder", "investor", "executive", "boss", "founder", "unit", "subsidiary",
    "asset", "brand", "staff", "employee", "profit", "sale", "revenue", "headquarters", "chairman", "board",
    "takeover", "merger", "product", "customer", "management", "account", "debt", "plant", "factory", "store",
    "bid", "deal", "output", "earnings", "turnover", "division", "owner", "auditor", "bankruptcy",
}
"""What a company has and a person does not ('Yukos shares', "Yukos' main asset", 'the Euronext bid')."""


def _corporate(doc, m: Mention) -> bool:
    """Is this one-word name used as a company's ('Yukos shares', "Yukos's founder")?"""
    root = doc[m.start:m.end].root
    return root.dep_ in ("poss", "compound", "nmod") and root.head.lemma_.lower() in CORPORATE_NOUNS \
        and root.head.i > root.i


def _one_word_companies(doc, mentions: list[Mention]) -> None:
    """A lone word the NER called a person is a company when the text gives it shares or assets
    ('Yukos shares', "Yukos' main asset") or it opens a longer organisation's name ('Baikal', short
    for 'Baikal Finance Group': then one party with it). A title or a role keeps it a person."""
    by_key: dict[str, list[Mention]] = {}
    long_orgs: dict[str, set[str]] = {}  # first word -> the keys of the longer organisation names it opens
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
        if m.kind == "organisation" and " " in m.name:
            long_orgs.setdefault(m.name.split()[0].lower(), set()).add(m.key)
    for key, ms in by_key.items():
        word = ms[0].name.lower()
        if " " in word or key != _person_key(ms[0].name):
            continue  # only a lone word the NER called a person ('BBC' is no short 'BBC One')
        whole = long_orgs.get(word, set())
        if not whole and not any(_corporate(doc, x) for x in ms) or any(x.role or _titled(doc, x.start) for x in ms):
            continue
        for x in ms:
            x.kind = "organisation"
            x.key = next(iter(whole)) if len(whole) == 1 else "org:" + word


def _actor_context(doc, m: Mention) -> bool:
    """Does this mention read as someone acting: titled, given a role, the subject of a verb,
    the agent of a passive or an owner ('Mercury's death')?"""
    if m.role or (m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in TITLES):
        return True
    root = doc[m.start:m.end].root
    if root.dep_ == "conj":
        root = root.head
    return root.dep_ in ("nsubj", "poss", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by")


def _place_name(name: str) -> bool:
    return any(not e.alt and e.population >= 1000 or e.kind == "region" for e in gazetteer.lookup(name))


AMOUNT = re.compile(r"[$£€]?[\d.,]+\s*(?:bn|m|mn|k|tn|million|billion|trillion)", re.I)
"""An amount of money the NER takes for an organisation: "261bn" (roubles)."""
MODEL_NAME = re.compile(r"\s[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]?$")
"""A make and model, which the NER takes for an organisation: "Russian Mi-24", "Turkish F-16"."""


def _drop_junk(doc, mentions: list[Mention]) -> list[Mention]:
    """Names the NER calls people that are not: a headline's words ('Trump Stands Tall'), clubs
    ('Manchester United'), towns ('The Larne athlete') and titles of works or products met once in
    passing ('games such as Killzone'); a make and model is no organisation ('Russian Mi-24'). A lone
    word is kept when it acts somewhere in the text. Who wrote the article (its byline) is no party."""
    head_end = _headline_end(doc)
    byline = layout_of(doc).byline
    body_keys = {m.key for m in mentions if m.start >= head_end}
    body_names = {m.name.lower(): m for m in mentions if m.start >= head_end and m.kind == "person"}
    out: list[Mention] = []
    for m in mentions:
        if in_spot(byline, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])):
            continue
        if m.start < head_end and m.kind in ("person", "organisation") and m.key not in body_keys:
            tok = next((t for t in doc[m.start:m.end] if t.lower_ in body_names), None)
            if tok is None and m.end - m.start > 1:
                continue  # a headline fragment that the body never names
            if tok is not None:  # 'Trump Stands Tall': the Trump of the body
                hit = body_names[tok.lower_]
                m.start, m.end, m.surface = tok.i, tok.i + 1, tok.text
                m.key, m.kind, m.name = hit.key, hit.kind, hit.name
        out.append(m)
    for m in out:
        words = m.name.split()
        if m.kind == "person" and m.key == _person_key(m.name) and words[-1].lower() in MEDIA_WORDS:
            m.kind, m.key = "organisation", "org:" + m.name.lower()  # 'the Telegraph reported'
        if m.kind == "person" and len(words) > 1 and words[-1].lower() in CLUB_WORDS and _place_name(
                " ".join(words[:-1])):
            m.kind, m.key = "organisation", "org:" + m.name.lower()
    _one_word_companies(doc, out)
    by_key: dict[str, list[Mention]] = {}
    for m in out:
        by_key.setdefault(m.key, []).append(m)
    drop = set()
    for key, ms in by_key.items():
        m = ms[0]
        if m.kind != "person" or key != _person_key(m.name) or len(m.name.split()) > 1:
            continue  # full names and names joined to one are people
        if all(x.start > 0 and doc[x.start - 1].lower_ == "the" for x in ms):
            drop.add(key)  # 'The Danube rose': people's names take no article
            continue
        if any(_actor_context(doc, x) for x in ms):
            continue
        if len(ms) <= 2 or _place_name(m.name):
            drop.add(key)
    drop |= {m.key for m in out if m.kind == "organisation" and MODEL_NAME.search(m.name)}
    return [m for m in out if m.key not in drop]


PLACE_HEADS = PLACE_NOUNS | {"corridor", "road", "highway", "airport", "municipality", "oblast", "settlement",
                             "outskirts", "rayon", "front", "frontline", "hill", "heights", "river", "bridge"}
"""Nouns a place name modifies or stands beside ('the Kalbajar district', 'the Lachin corridor')."""
TAKEN_VERBS = {"capture", "shell", "seize", "enter", "occupy", "liberate", "recapture", "bomb", "flee", "evacuate",
               "besiege", "storm", "encircle", "overlook", "surround", "reclaim", "retake", "annex", "bombard"}
"""Verbs whose object is a place, not a person ('shelled Stepanakert', 'entered Kalbajar')."""
OF_PLACE = {"south", "north", "east", "west", "outskirts", "residents", "centre", "center", "streets", "people",
            "inhabitants", "population", "edge", "mayor", "governor", "town", "city", "village", "district",
            "region", "province", "area"}
"""'south of X', 'residents of X': X is a place."""


def _place_use(doc, m: Mention) -> bool:
    """Does this mention read as a location whatever the NER says? An appositive or compound of a place
    noun ('Stepanakert, the main city', 'the Kalbajar district'), one of a list of places ('villages,
    including Charektar'), 'residents of X', or the object of a verb of war ('shelled Stepanakert')."""
    root = doc[m.start:m.end].root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    head = root.head
    if not m.start <= root.i < m.end and root.lemma_.lower() in PLACE_HEADS:
        return True  # one of a list headed by a place noun: 'the main city, ..., Martuni'
    if root.dep_ in ("compound", "nmod", "amod") and head.lemma_.lower() in PLACE_HEADS and head.i > root.i:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_HEADS and not any(
            g.dep_ == "nummod" for g in c.children) for c in root.children):
        return True  # 'Stepanakert, the main city', not 'the EPA, 18 states'
    if root.dep_ == "appos" and head.lemma_.lower() in PLACE_HEADS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in OF_PLACE:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("including", "like", "as") and (
            head.head.lemma_.lower() in PLACE_HEADS or head.head.head.lemma_.lower() in PLACE_HEADS):
        return True
    return root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in TAKEN_VERBS


def _located(doc, m: Mention) -> bool:
    """A weaker sign: the complement of a preposition of place ('in Lachin', 'through Lachin')."""
    root = doc[m.start:m.end].root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE - {"to", "over", "between", "with"}


def _person_evidence(doc, m: Mention, speech: bool = True) -> bool:
    """Signs that a name is a person's: a title or role, a personal appositive ('Goygol, a surgeon'),
    the owner of someone ('Lachin's wife'), 'he'/'she' taking up the name in the same sentence, and
    (with ``speech``; places speak for their people too) the subject of a speech verb."""
    if m.role or _titled(doc, m.start):
        return True
    root = doc[m.start:m.end].root
    if any(c.dep_ == "appos" and _personal(c) for c in root.children):
        return True
    if speech and root.dep_ == "nsubj" and root.head.lemma_ in SPEECH:
        return True
    if root.dep_ == "poss" and _personal(root.head):
        return True
    if root.dep_ == "nsubj":
        after = [t for t in root.head.subtree if t.i > root.i and t.dep_ == "nsubj" and t.lower_ in ("he", "she")]
        return bool(after)
    return False


def _drop_places(doc, mentions: list[Mention], place_text: set[str]) -> list[Mention]:
    """Lone names the NER called a person or organisation that the text uses as places: dropped
    when one mention is plainly a place, or when the place index knows the name and the text puts
    something in it. Any sign of a person keeps the name."""
    by_key: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind in ("person", "organisation") and m.key in (_person_key(m.name), "org:" + m.name.lower()):
            by_key.setdefault(m.key, []).append(m)
    drop: set[int] = set()
    for key, ms in by_key.items():
        name = ms[0].name
        if len(name.split()) > 2:
            continue
        if len(name.split()) == 2 and not (name.lower() in place_text or gazetteer.known(name)):
            continue  # 'Hikmet Hajiyev': a first name and a surname
        if name.isupper():
            continue  # 'NATO', 'EPA': acronyms name bodies
        # the place index alone is weak for bodies ('in Congress'): they need the places step's word
        resolved = name.lower() in place_text
        indexed = resolved or (ms[0].kind == "person" and _place_name(name))
        place = [m for m in ms if _place_use(doc, m) or (indexed and _located(doc, m))]
        if any(_person_evidence(doc, m, speech=not resolved) for m in ms):
            # 'Dr Goygol said the hospital in Goygol ...': the town goes, 'Mr Goygol' never
            drop.update(id(m) for m in place if not _titled(doc, m.start))
        elif place:
            drop.update(id(m) for m in ms)
    return [m for m in mentions if id(m) not in drop]


def _surnames_missed(doc, mentions: list[Mention]) -> list[Mention]:
    """The NER finds 'Abiy Ahmed' but not every later 'Ahmed': pick those up by the surname, also where
    the NER took it alone for a place ('Melia's spokeswoman' after 'Nika Melia')."""
    surnames = {m.name.split()[-1] for m in mentions if m.kind == "person" and len(m.name.split()) > 1}
    taken = {t for m in mentions for t in range(m.start, m.end)} | {
        t for e in doc.ents for t in range(e.start, e.end)
        if not (len(e) == 1 and e.label_ in ("GPE", "LOC") and e.text in surnames and _actor_context(
            doc, Mention(e.start, e.end, "person", e.text)))}
    return [Mention(t.i, t.i + 1, "person", t.text, surface=t.text) for t in doc
            if t.text in surnames and t.i not in taken and t.pos_ == "PROPN"]



def _alias_words() -> tuple[dict[str, str], set[str]]:
    """The lists of data/party_aliases.tsv: each other name (lower case) to the name shown for its actor,
    and the words an organisation's full name may add to its short name. An other name on two lines is
    an error."""
    same: dict[str, str] = {}
    suffix: set[str] = set()
    for n, (kind, name, other) in wordlists.rows("party_aliases.tsv"):
        if kind == "suffix":
            suffix.add(name.lower())
        elif kind == "same":
            if other.lower() in same:
                raise ValueError(f"party_aliases.tsv:{n}: {other!r} is listed twice")
            same[other.lower()] = name
            same.setdefault(name.lower(), name)
        else:
            raise ValueError(f"party_aliases.tsv:{n}: unknown kind {kind!r}")
    return same, suffix


SAME_ACTOR, NAME_SUFFIXES = _alias_words()
SHOWN_NAMES = set(SAME_ACTOR.values())
"""The names the alias lists show ('Labour Party'): such a body before a role is its owner, not a word of it."""
PARTY_NAME_WORDS = 3
"""The longest listed name looked for where the NER missed or split it ('Liberal Democrat')."""


def _listed_names(doc, mentions: list[Mention]) -> list[Mention]:
    """Names of the alias lists the NER missed or cut ('Former Conservative leader', 'Liberal' + 'Democrat'):
    capitalised words that spell a listed name are that body; a fragment mention inside them gives way."""
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        for n in range(PARTY_NAME_WORDS, 0, -1):
            toks = doc[i:i + n]
            if len(toks) < n or not all(t.text[:1].isupper() for t in toks):
                continue
            name = SAME_ACTOR.get(toks.text.lower())
            if name is None:
                continue
            start = _name_opening(doc, i)
            if start < i:  # 'the English Democrats': a name of its own, not the Democratic Party
                name = _text(doc, start, i + n)
            inside = [m for m in mentions if start <= m.start and m.end <= i + n]
            if any(m.start < i + n and start < m.end for m in mentions if m not in inside):
                break  # part of a longer name ('Labour Party conference' is found as it is)
            for m in inside:
                mentions.remove(m)
            out.append(Mention(start, i + n, "organisation", name, surface=_text(doc, start, i + n)))
            i += n - 1
            break
        i += 1
    return out


def _name_opening(doc, i: int) -> int:
    """Where a longer name starts that the listed name at token ``i`` closes: proper nouns glued to it
    in the parse ('the English Democrats'). A state's name or demonym ('US Democrats') owns the body
    and is no part of its name; a title or a role word is no part of it either."""
    j = i
    while j > 0:
        t = doc[j - 1]
        if t.pos_ != "PROPN" or not t.is_alpha or not t.text[:1].isupper() or t.head.i < i \
                or t.dep_ not in ("compound", "amod", "nmod"):
            break
        low = t.lower_.rstrip(".")
        if low in TITLES or low in ROLE_HEADS or low in ROLE_MODIFIERS or low in FORMER or \
                _resolve_country(t.text)[0] is not None or SAME_ACTOR.get(low):
            break
        j -= 1
    return j


ACRONYM_SKIP = {"of", "the", "and", "for", "&", "in", "on", "to", "de", "du", "des", "la", "le", "et", "y"}
"""Words an acronym may leave out ('International Committee of the Red Cross' is ICRC)."""
ACRONYM_MAX = 8
"""The longest word read as an acronym of a longer name."""
ALIAS_KINDS = ("organisation", "group", "person")


def _acronym_shape(name: str) -> bool:
    """'NAO', 'TGWU', 'MoD': one word, mostly capitals, that could stand for a longer name."""
    letters = name.replace("&", "")
    return (" " not in name and 2 <= len(letters) <= ACRONYM_MAX and letters.isalpha()
            and sum(ch.isupper() for ch in letters) >= 2 and letters[0].isupper())


def _initials(name: str) -> set[str]:
    """The acronyms a long name may go by: the first letters of all its words, or of the words an
    acronym keeps ('Transport and General Workers Union' is TGWU, 'Ministry of Defence' MoD)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words).lower(),
            "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP).lower()}


def _inner_dropped(acronym: str) -> set[str]:
    """The acronym less one of its inner letters ('fco' -> 'fo'): the initials of a body's short name
    that leaves out one of the words of its full name ('Foreign Office' for the FCO)."""
    return {acronym[:i] + acronym[i + 1:] for i in range(1, len(acronym) - 1)} if len(acronym) >= 3 else set()


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower())


def _longer_by_head(m: Mention, longs: list[Mention]) -> Mention | None:
    """The one longer body's name, met before, that ends in all the words of this name of two words or
    more: 'Borders Council' after 'Scottish Borders Council' is that council. A name of the alias lists
    is a body of its own."""
    words = [w.lower() for w in m.name.split()]
    if len(words) < 2 or _bare(m.name) in SAME_ACTOR:
        return None
    hits = {l.key: l for l in longs if l.kind == "organisation" and l.start < m.start and l.key != m.key
            and [w.lower() for w in l.name.split()][-len(words):] == words and len(l.name.split()) > len(words)}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _place_acronyms(doc, mentions: list[Mention]) -> list[Mention]:
    """An acronym in brackets after a place or a country is its short name, no body: 'the Kosovo
    Republic (RKS)' is a place wherever RKS is named; 'the Federal Republic of Germany (FRG)' is Germany."""
    by_tok = {t: m for m in mentions for t in range(m.start, m.end)}
    place_toks = {t for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") for t in range(e.start, e.end)}
    defined: dict[str, int] = {}  # acronym -> the token before the bracket that defines it
    for t in doc[2:len(doc) - 1]:
        if doc[t.i - 1].text == "(" and doc[t.i + 1].text == ")" and _acronym_shape(t.text):
            defined.setdefault(t.text, t.i - 2)
    drop: set[str] = set()
    for m in mentions:
        if m.kind != "organisation" or m.name not in defined:
            continue
        j = defined[m.name]
        before = by_tok.get(j)
        if before is not None and before.kind == "country":
            m.kind, m.key, m.country, m.name = "country", before.key, before.country, before.name
        elif before is None and j in place_toks:
            drop.add(m.key)
    return [m for m in mentions if m.key not in drop]


def _merge_aliases(doc, mentions: list[Mention]) -> dict[str, str]:
    """One party per actor whatever name the article gives it: an acronym joins the long name whose
    initials it is or after which it stands in brackets ('the National Audit Office (NAO)'); a short
    name joins its full name when the rest is a word like 'International' or 'Party' ('Amnesty',
    'Greens'); and names data/party_aliases.tsv ties join ('Tories'). Returns the name to show for each
    merged key: the full name, or the one the list gives."""
    merged: dict[str, str] = {}  # key -> key it joins

    def root(k: str) -> str:
        while k in merged:
            k = merged[k]
        return k

    def join(m: Mention, target: Mention) -> None:
        a, b = root(m.key), root(target.key)
        if a != b:
            merged[a] = b

    cands = [m for m in mentions if m.kind in ALIAS_KINDS]
    longs = [m for m in cands if m.kind != "person" and len(m.name.split()) > 1]
    by_end = {m.end: m for m in longs}
    show: dict[str, str] = {}
    for m in cands:
        if _acronym_shape(m.name) and (m.kind != "person" or m.key == _person_key(m.name)):
            low = m.name.replace("&", "").lower()
            hits = {l.key: l for l in longs if low in _initials(l.name)}
            if not hits:  # 'the Foreign Office' and 'the FCO': the short form leaves out one inner word
                hits = {l.key: l for l in longs if l.kind == "organisation" and _initials(l.name) & _inner_dropped(low)}
            before = by_end.get(m.start - 1)
            if (m.start >= 2 and doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")"
                    and before is not None):
                hits = {before.key: before}  # 'the Federal Pensions Board (FPB)' defines it
            if len(hits) == 1:
                target = next(iter(hits.values()))
                join(m, target)
                show[target.key] = target.name
                continue
        if m.kind == "person":
            continue
        if (tail := _longer_by_head(m, longs)) is not None:
            join(m, tail)  # 'Scottish Borders Council', then 'Borders Council'
            show[tail.key] = tail.name
            continue
        words = m.name.split()
        for l in longs:
            lw = l.name.split()
            rest = lw[len(words):]
            if not rest or len(rest) > 2 or not all(w.lower() in NAME_SUFFIXES for w in rest):
                continue
            short = [w.lower() for w in words]
            head = [w.lower() for w in lw[:len(words)]]
            if short == head or (short[-1].endswith("s") and short[:-1] + [short[-1][:-1]] == head):
                join(m, l)  # 'Amnesty' and 'Amnesty International'; 'Greens' and 'Green Party'
                show[l.key] = l.name
                break
    listed: dict[str, Mention] = {}
    for m in cands:
        canon = SAME_ACTOR.get(_bare(m.name))
        if canon is None or (m.kind == "person" and m.key != _person_key(m.name)):
            continue
        first = listed.setdefault(canon, m)
        join(m, first)
    for m in mentions:
        k = root(m.key)
        if k != m.key:
            target = next(t for t in mentions if t.key == k)
            m.key, m.kind = k, target.kind
    for canon, first in listed.items():
        show[root(first.key)] = canon
    return {root(k): v for k, v in show.items()}


ACTOR_DEPS = {"nsubj", "nsubjpass", "csubj", "agent", "poss"}
"""A mention in one of these roles does or owns something: the party acts in the story."""
PARTNER_PREPS = ACTOR_WORDS["partner-prep"]
QUANTITY_NOUNS = ACTOR_WORDS["quantity-noun"]
NOT_ADDRESSED = ACTOR_WORDS["not-addressed"]


ACTOR_NOUNS = GOVERNMENT_HEADS | GOVERNMENT_ROLES | ORG_HEADS | GROUP_NOUNS | PERSON_NOUNS | ROLE_HEADS
"""Nouns naming someone who acts: what a country's or an outlet's possessive must govern to make it act."""


def _acting(tok, setting_like: bool = False) -> bool:
    """Does the mention whose head is ``tok`` do, own, take part in or receive an act?

    ``setting_like``: the mention is a country or an outlet, whose possessive and apposition are
    mostly scenery ('Spain's general election', 'GMTV's Sunday programme', 'a new book, Brown's
    Britain'): they count only through someone who acts ('Spain's foreign minister said')."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # 'Armenia and Azerbaijan signed': both sign
        tok = tok.head
    head = tok.head
    if setting_like and tok.dep_ in ("poss", "appos"):
        return head.lemma_.lower() in ACTOR_NOUNS and _acting(head)
    if tok.dep_ in ACTOR_DEPS:
        return True
    if tok.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in (
            GOVERNMENT_HEADS | GOVERNMENT_ROLES | ORG_HEADS | GROUP_NOUNS | PERSON_NOUNS):
        return _acting(head)  # 'British officials said', 'the Kremlin spokesman'
    if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() in ADDRESSED - NOT_ADDRESSED:
        return True  # 'urged Turkey', 'accused Labour'
    if tok.dep_ == "pobj" and head.lower_ in PARTNER_PREPS:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i and (
            head.head.lemma_.lower() in QUANTITY_NOUNS | GOVERNMENT_ROLES | GOVERNMENT_HEADS | PERSON_NOUNS
            or head.head.lower_ in QUANTITY_NOUNS or head.head.like_num):
        return _acting(head.head)  # 'the leader of the party said', 'two of the rebels were held'
    return tok.dep_ == "appos" and _acting(head)


def _setting_like(party: Party) -> bool:
    """A country or an outlet (a name with a media word): named as scenery far more often than as
    someone who acts."""
    return party.kind == "country" or (party.kind == "organisation" and any(
        w.lower() in MEDIA_WORDS for w in party.name.split()))


def _city_for_country(party: Party, span) -> bool:
    """'London's most senior police officer' is the city's: a capital acts for its country only as the
    subject of an act ('London and Moscow agreed')."""
    return party.kind == "country" and countries.by_capital(span.text) is not None and \
        _resolve_country(span.text)[0] is None


QUOTE_MARKS = "\"“”‘’'"


def _quoted_words(quotes, text: str) -> list[tuple[int, int]]:
    """The character spans of the words inside quotation marks: a direct quote whole, a mixed one from
    its first quotation mark on ('He will say Labour "can no longer ..."': Labour is the reporter's)."""
    out = []
    for q in quotes:
        start = q.start
        if q.kind != "direct":
            mark = next((i for i in range(q.start, q.end) if text[i] in QUOTE_MARKS), None)
            if mark is None:
                continue
            start = mark
        out.append((start, q.end))
    return out


def _only_quoted(party: Party, quoted: list[tuple[int, int]]) -> bool:
    """Is every mention of the party inside the words of a quotation (whose speaker is someone else)?"""
    return bool(party.mentions) and all(any(a <= s and e <= b for a, b in quoted) for s, e in party.mentions)


def mark_shown(doc, parties: list[Party], quotes, positions) -> None:
    """Precision first: a party is shown only when it acts in the story. It speaks (a quote or a shown
    position), someone shown speaks for it, one of its mentions does, owns, takes part in or is
    addressed by something, or (a person) the article gives a role or names them twice. A country
    named only as a setting ('a summit in France'), a body named in passing, a stray capitalised
    word: kept in the JSON with the reason, left off the page."""
    by_id = {p.id: p for p in parties}
    speaking = {q.speaker for q in quotes if q.speaker} | {x.party for x in positions if x.shown}
    speaking |= {t for x in positions if x.shown for t in x.together}
    quoted = _quoted_words(quotes, text_of(doc))
    for p in parties:
        if _generic_institution(p.name):
            p.shown, p.why = False, "an institution named by its kind alone"
            continue
        if p.id not in speaking and _only_quoted(p, quoted):
            p.shown, p.why = False, "named only inside someone's quotation"
            continue
        acts = p.id in speaking or (p.kind == "person" and bool(p.role or len(p.mentions) >= 2))
        if not acts:
            for start, end in p.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                if _city_for_country(p, span):
                    acts = span.root.dep_ in ("nsubj", "nsubjpass", "agent")
                else:
                    acts = _acting(span.root, _setting_like(p))
                if acts:
                    break
        p.shown, p.why = acts, "" if acts else "only named, never acting"
    for p in parties:  # the bodies and countries that shown people speak for
        owner = by_id.get(p.affiliation) if p.shown and p.affiliation else None
        if owner is not None and not owner.shown and not _generic_institution(owner.name):
            owner.shown, owner.why = True, ""


def extract(doc, places: list[Place]) -> list[Party]:
    mentions = _entity_mentions(doc, places)
    taken = {t for e in doc.ents for t in range(e.start, e.end)}
    mentions += _scan_missed(doc, taken)
    mentions += _listed_names(doc, mentions)
    mentions += _phrase_mentions(doc, mentions)
    mentions += _surnames_missed(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    by_tok = {t: m for m in mentions for t in range(m.start, m.end)}

    for m in mentions:  # roles and affiliations written beside a name
        if m.kind == "organisation" and not m.owner_known and _name_like(doc, m):
            role, owner = _role_appos(doc, m, by_tok, need_person=True)
            if role:  # 'said Leyla Arslan, the head of the agency': a person the NER took for an ORG
                m.kind, m.role = "person", role
                m.own(owner)
                continue
        if m.kind == "person":
            role, owner = _role_before(doc, m, by_tok)
            if role is None:
                role, owner = _role_appos(doc, m, by_tok)
            m.role = role
            m.own(owner or m.owner or _member_of(doc, m, by_tok))
        elif m.kind == "organisation" and not m.owner_known:
            j = m.start - 1
            if j >= 0 and doc[j].tag_ == "POS":
                j -= 1
            owner = by_tok.get(j)
            m.own(owner if owner is not None and owner.kind == "country" else None)

    mentions = [m for m in mentions if not m.role_word]

    # Keys: one per actor. Surnames join the full name met nearest before (or first after).
    full_names: list[Mention] = [m for m in mentions if m.kind == "person" and len(m.name.split()) > 1]
    # full names first, so that a surname joins the key its full name ended up with
    for m in sorted(mentions, key=lambda m: not (m.kind == "person" and len(m.name.split()) > 1)):
        if m.key:
            continue
        if m.kind == "country":
            m.key = f"country:{m.country}"
        elif m.kind in ("person", "organisation") and len(m.name.split()) == 1 and any(
                m.name.lower() in (f.name.split()[-1].lower(), f.name.split()[0].lower()) for f in full_names):
            # "Lavrov", "Mr Lavrov" and a surname the NER took for an organisation join the full name;
            # a lone first name too ("Dwain" after "Dwain Chambers").
            low = m.name.lower()
            by_last = [f for f in full_names if f.name.split()[-1].lower() == low]
            same = by_last or [f for f in full_names if f.name.split()[0].lower() == low]
            before = [f for f in same if f.start < m.start]
            m.kind = "person"
            target = before[-1] if before else same[0]
            m.key = target.key or _person_key(target.name)
        elif m.kind == "person":
            words = m.name.split()
            last = words[-1].lower()
            same = [f for f in full_names if f.name.split()[-1].lower() == last
                    and set(w.lower() for w in words) <= set(w.lower() for w in f.name.split())]
            if len(words) > 1:
                longer = [f for f in same if len(f.name.split()) > len(words)]
                m.key = _person_key(longer[0].name if longer else m.name)
            elif same:
                before = [f for f in same if f.start < m.start]
                target = before[-1] if before else same[0]
                m.key = target.key or _person_key(target.name)
            else:
                m.key = _person_key(m.name)
        elif m.kind == "group":
            m.key = "group:" + m.name.lower()
        else:
            m.key = "org:" + re.sub(r"^the\s+", "", m.name.lower())

    # A lone name the NER typed both ways ("Labour" as ORG and PERSON) is one organisation.
    org_keys = {m.name.lower(): m.key for m in mentions if m.kind == "organisation"}
    for m in mentions:
        full = m.key.removeprefix("person:")
        if m.kind == "person" and (m.key == _person_key(m.name) or full != m.key) and full in org_keys:
            m.kind, m.key = "organisation", org_keys[full]  # its surname alone follows it

    # A name and its plural ("Lib Dem" and "Lib Dems", "Democrat" and "Democrats") are one body, and
    # no person: people's names have no plural.
    plural_of = {m.name.lower()[:-1]: m for m in mentions if m.kind in ("person", "organisation", "group")
                 and m.name.lower().endswith("s") and len(m.name) > 3
                 and not (m.kind == "person" and m.key != _person_key(m.name))}  # "Williams" of Serena Williams
    for m in mentions:
        plural = plural_of.get(m.name.lower())
        if plural is not None and m.kind in ("person", "organisation", "group"):
            if plural.kind == "person":
                plural.kind, plural.key = "organisation", "org:" + plural.name.lower()
            m.kind, m.key = plural.kind, plural.key
    for m in mentions:  # the plural's other mentions follow it
        plural = plural_of.get(m.name.lower()[:-1])
        if plural is not None and m.name.lower() == plural.name.lower():
            m.kind, m.key = plural.kind, plural.key

    mentions = _drop_junk(doc, mentions)
    mentions = _drop_places(doc, mentions, _place_surfaces(places, text_of(doc)))
    mentions = _place_acronyms(doc, mentions)
    show = _merge_aliases(doc, mentions)

    # Sentence-level weights: the lead counts, and so does being the one who speaks or acts.
    sents = list(doc.sents)
    lead = {s.start for s in sents[:1]}
    second = {s.start for s in sents[1:3]}
    parties: dict[str, Party] = {}
    owners: dict[str, str] = {}
    for m in mentions:
        name = m.name
        party = parties.get(m.key)
        if party is None:
            party = parties[m.key] = Party(id="", name=name, kind=m.kind, country=m.country)
        if m.kind == "person" and len(name) > len(party.name):
            party.aliases.append(party.name)
            party.name = name
        for form in (m.surface, name):
            if form and form != party.name and form not in party.aliases:
                party.aliases.append(form)
        if m.absorbed:
            continue
        span = doc[m.start:m.end]
        party.mentions.append((span.start_char, span.end_char))
        w = m.weight
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by"):
            verb = root.head if root.dep_ != "pobj" else root.head.head
            w += 1.0 if verb.lemma_ in SPEECH else 0.5
        sent_start = span.sent.start
        w += 2.0 if sent_start in lead else 0.5 if sent_start in second else 0.0
        party.salience += w
        if m.role and not party.role:
            party.role = m.role
        owner = m.owner
        if owner is not None and m.key not in owners:
            owners[m.key] = owner.key

    for key, name in show.items():  # 'National Audit Office', not 'NAO'; 'Conservative Party', not 'Tories'
        p = parties.get(key)
        if p is not None and p.name != name:
            if p.name not in p.aliases:
                p.aliases.append(p.name)
            p.aliases = [a for a in p.aliases if a != name]
            p.name = name
    # Ids: readable and unique.
    used: set[str] = set()
    for key, p in parties.items():
        base = slug(p.name)
        pid, n = base, 2
        while pid in used:
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        p.id = pid
    # People are affiliated to bodies and countries; 'Aliyev's aide' takes Aliyev's affiliation, so
    # the owners that are people are resolved after the rest.
    for via_person in (False, True):
        for key, owner_key in owners.items():
            owner = parties.get(owner_key)
            if owner is None or owner_key == key or (owner.kind == "person") != via_person or \
                    _generic_institution(owner.name):
                continue  # 'the Government's adviser' names no body to be affiliated with
            # 'Aliyev's aide' is Azerbaijan's; 'Clinton spokesman' is Clinton's, who has no other
            parties[key].affiliation = owner.affiliation or owner.id if via_person else owner.id
            if parties[key].country is None:
                parties[key].country = owner.country
    # Countries also carry the weight of the people and bodies that speak for them.
    for key, p in parties.items():
        if p.affiliation:
            owner = next(o for o in parties.values() if o.id == p.affiliation)
            owner.salience += 0.3 * p.salience
    out = [p for p in parties.values() if p.mentions]
    top = max((p.salience for p in out), default=1.0) or 1.0
    for p in out:
        p.salience = p.salience / top
        p.mentions.sort()
    return sorted(out, key=lambda p: (-p.salience, p.mentions[0]))
