"""Places: every place mention, resolved to coordinates with the offline gazetteer.

Mentions come from spaCy's GPE/LOC/FAC entities, from country and continent adjectives
that modify a noun ("French engineers", "European airlines": places in the sense of the
GeoWebNews annotation), from names the gazetteer holds strongly (countries, regions,
disputed territories, seas, big cities) that the small model tags as something else or
misses ("Nagorno-Karabakh" comes out as ORG), and from towns the text itself marks as
places ("in Boise", "Boise, Idaho", one of a list of places).

A name with several candidates is resolved in two passes: first every mention with
its prior alone (country > region > city, then population), then again with the
article's context: the countries and regions it names, and how close each candidate
lies to the other places found. "Edmonton" beside "Cairns" is the Queensland suburb.
The text around a mention can settle it outright: "Town, Region" and "X, south of Y" put
the town there; "upstate New York", "New York Gov." and a list of states mean the state.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from .. import countries, gazetteer
from ..gazetteer import Entry
from ..nlp import in_spot, layout_of, text_of
from ..model import PINNED_ROLES, Place
from .parties import PERSON_NOUNS, ROLE_HEADS
from .quotes import REPORT

PLACE_LABELS = {"GPE", "LOC", "FAC"}
SCAN_FEATURES = {"country", "territory", "admin1", "continent", "union", "area", "island"}
"""What a name must be in the gazetteer to count when the NER did not call it a place (the islands
of data/islands.tsv are there because news names them as places: "on Oahu", "Maui's bigger cities")."""
MAX_NGRAM = 4
SCAN_CITY_POPULATION = 500_000
SCAN_COUNTY_POPULATION = SCAN_CITY_POPULATION
"""A county or district as populous counts likewise ("Hampshire", "Cuyahoga County", "Essex")."""
"""A city this big counts where the NER calls it something else ("Edmonton" as ORG, "the
Winnipeg Free Press"): GeoWebNews and TR-News mark place names inside organisation names."""
FACILITY = re.compile(r"\b(?:Street|Avenue|Road|Boulevard|Square|Bridge|Airport|Station|Stadium|Arena|Center|Centre"
                      r"|Hall|Church|Cathedral|Basilica|Mosque|Temple|Hospital|University|College|School|Museum"
                      r"|Palace|Prison|Embassy|Hotel|Racecourse)\b")
"""Words that make an organisation's name the name of a building or site, which the annotation
counts as a place."""
STREET = re.compile(r"\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Lane|Drive|Way|Square|Park|Place|Close)\b")
"""Streets and squares are named after places far away ("Washington Square"): their names
say nothing about where they are."""
DISTRICT = re.compile(r",?\s?D\.\s?C\.")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "place"


LEADING_THE = re.compile(r"(?i)the\s+")
POSSESSIVE_END = re.compile(r"['\u2019]s?$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Character span without a leading "the" or a trailing possessive."""
    m = LEADING_THE.match(text[start:end])
    if m and end - start > m.end():
        start += m.end()
    m = POSSESSIVE_END.search(text[start:end])
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


CONTINENT_ADJECTIVES = {"european": "Europe", "asian": "Asia", "african": "Africa",
                        "north american": "North America", "south american": "South America",
                        "latin american": "Latin America"}
"""Adjectives of continents: "European airlines" names Europe as a country adjective names
its country (GeoWebNews marks both as places)."""


NATION_ADJECTIVES = {"english": "England", "scottish": "Scotland", "welsh": "Wales",
                     "korean": "South Korea", "palestinian": "Palestine", "kosovar": "Kosovo", "kurdish": "Kurdistan"}
"""Adjectives the country list lacks or reads too widely: "English" names England, whose centre
lies some 200 km from the whole kingdom's; a bare "Korean" in news is the South (the North is
always "North Korean", read first as two words); the rest name territories of data/regions.tsv."""


@lru_cache(maxsize=16384)
def _adjective_place(word: str) -> str | None:
    """The place an adjective stands for: a country's name or a continent's."""
    if gazetteer.key(word) in NATION_ADJECTIVES:
        return NATION_ADJECTIVES[gazetteer.key(word)]
    c = countries.by_demonym(word)
    if c is not None:
        return c.name
    return CONTINENT_ADJECTIVES.get(gazetteer.key(_strip_direction(word)))


def _is_plural_people(word: str) -> bool:
    """ "Mexicans", "Americans": a people, not a place (the annotation rarely marks them)."""
    return word.endswith("s") and _adjective_place(word[:-1]) is not None


def _modifies(doc, i: int) -> bool:
    """A country adjective is a place when it modifies a noun ("French engineer", "Turkish
    forces"); standing alone it is mostly a language or a people ("in English", "the Irish")."""
    t = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return t.dep_ in ("amod", "compound", "nmod") or (nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"))


def _hyphenated_people(doc, i: int) -> bool:
    """ "African American", "Asian-Americans": a group of people, not the continent."""
    j = i + 1
    if j < len(doc) and doc[j].text in ("-", "‐", "‑"):
        j += 1
    return j < len(doc) and doc[j].text in ("American", "Americans", "Canadian", "Canadians")


CUE_CITY_POPULATION = 15_000
CALENDAR = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs"
                      r"|fri|sat|sun)[a-z]*\.?$")
"""Months and weekdays: "in March" is a date, not the town in Cambridgeshire."""
LOCATIVE = {"in", "at", "near", "outside", "from", "to", "into", "around", "across", "via", "toward", "towards"}
PERSON_OVERRIDING_CUES = {"in", "region", "list", "motion", "country"}
"""Cues strong enough to read a name the NER took for a person as the town: "stops in Hilversum
and Almelo", "Klamath Falls, Oregon", "driving to Castlegar". Not "to" or "from" after anything
else: "a letter to Obama" (a Japanese town)."""
MOTION_VERBS = {"go", "come", "travel", "fly", "drive", "move", "return", "head", "flee", "walk", "sail", "arrive",
                "relocate", "commute", "evacuate", "deport", "transfer", "ride", "march", "retreat", "escape", "emigrate"}
"""Verbs whose "to" or "from" names where someone goes or comes from."""


PLACE_NOUNS = {"city", "town", "village", "capital", "district", "region", "province", "port", "suburb", "township",
               "settlement", "hamlet", "municipality", "county", "enclave", "oblast"}
"""Nouns by which the text itself says a name is a place: "the town of Lachin", "Stepanakert, the
regional capital". The small model often calls such names people; with these words any town of the
name counts, however small and under whichever of its GeoNames names."""


def _said_place(doc, i: int, j: int) -> bool:
    """Whether the text calls tokens ``i:j`` a place: "the city of X", "X, the (main) city", "the X district"
    or "the last district, X,"."""
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lemma_.lower() in PLACE_NOUNS:
        return True
    if i >= 1 and doc[i - 1].lower_ == "the" and j < len(doc) and doc[j].lower_ in PLACE_NOUNS:
        return True  # "the Lachin district" (lower case: "the Lachin District Council" is a body's name)
    if i >= 2 and doc[i - 1].text == "," and doc[i - 2].lower_ in PLACE_NOUNS and j < len(doc) and doc[j].text == ",":
        return True  # "the last district, Lachin, is due to be returned"
    if j + 1 < len(doc) and doc[j].text == ",":
        for k in range(j + 1, min(j + 5, len(doc))):
            if doc[k].lemma_.lower() in PLACE_NOUNS:
                return doc[j + 1].lower_ in ("the", "a", "an", "its", "their")
            if doc[k].pos_ not in ("DET", "ADJ", "PROPN", "NOUN"):
                break
    return False


def _cue_of(doc, i: int, j: int, cands: list[Entry], taken: list[bool]) -> str | None:
    """Why a town the NER missed is a place here: "in Boise" ("in"), "Boise, Idaho" ("region":
    a town of that region follows), or one of a list of places ("Nitra, Presov and Kosice";
    a state too, "Kerala and Puducherry").
    None if the name is no town of some size, or nothing around it says place."""
    longer = j < len(doc) and doc[j].text[:1].isupper() or i > 0 and doc[i - 1].text[:1].isupper() \
        and not doc[i].is_sent_start  # part of a longer name: "Boa Vista", "Guma Local Government Area"
    if not longer and any(c.feature in ("city", "admin1", "admin2") for c in cands) and _said_place(doc, i, j) \
            and not CALENDAR.match(doc[i:j].text):
        return "in"
    name = doc[i:j].text
    if CALENDAR.match(name) or FACILITY.search(name):
        return None
    if not longer and j + 1 < len(doc) and doc[j].text == "," and _in_named_region(doc, j + 1, cands):
        return "region"  # "Hugo, Oklahoma", "Wainwright, Alta.": a town of that region, however small
    towns = [c for c in cands if not c.alt and c.feature == "city" and c.population >= CUE_CITY_POPULATION]
    states = [c for c in cands if not c.alt and c.feature == "admin1"]  # only listed: "Kerala and Puducherry"
    if not towns and not states:
        return None
    prev = doc[i - 1].lower_ if i > 0 else ""
    if towns and prev == "of" and i >= 2 and not longer and (doc[i - 2].lower_ in ("outside", "north", "south", "east", "west")
                                                              or _resident(doc, i - 1)):
        return "in"  # "outside of Waterloo"; "Paul Block, 49, of Waterloo", "Jodi Mahler of Bellmore"
    opens_sentence = i > 0 and doc[i - 1].is_sent_start and prev in LOCATIVE  # "In Klamath Falls, ..."
    if j < len(doc) and doc[j].text[:1].isupper() or i > 0 and doc[i - 1].text[:1].isupper() and not opens_sentence:
        return None  # part of a longer name: "at Windsor Castle", "at Lombard Odier"
    if towns and prev in LOCATIVE:
        if prev in ("in", "at", "near", "outside"):
            return "in"
        return "motion" if doc[i - 1].head.lemma_ in MOTION_VERBS else "prep"
    listed = lambda k: 0 <= k < len(doc) and taken[doc[k].idx]  # noqa: E731 - a place mention there
    if prev in (",", "and", "or") and listed(i - 2):
        return "list"
    if j < len(doc) and doc[j].text in (",", "and", "or") and listed(j + 1):
        return "list"
    return None


def _region_at(doc, k: int) -> tuple[list[Entry], int]:
    """The regions and countries named from token ``k`` on ("Idaho", "British Columbia", "Alta." with
    its full stop a token of its own), and the token after the name."""
    for m in (3, 2, 1):
        if k + m > len(doc):
            continue
        end = k + m
        if m == 1 and end < len(doc) and doc[end].text == "." and not doc[k].whitespace_:
            end += 1  # "Alta" "." is the abbreviation "Alta."
        found = [c for c in gazetteer.lookup(doc[k:end].text.rstrip("-–—")) if not c.alt and c.feature in ("admin1", "country")]
        if found:
            return found, end
    return [], k


def _in_named_region(doc, k: int, cands: list[Entry]) -> bool:
    """Whether the region or country named at token ``k`` holds one of the towns ``cands``."""
    region, _end = _region_at(doc, k)
    return any(t.feature == "city" and not t.alt and t.country == r.country and (r.feature == "country" or t.admin1 == r.name)
               for t in cands for r in region)


AGE = re.compile(r"\d{1,3}$")


def _resident(doc, k: int) -> bool:
    """Whether the "of" at token ``k`` tells where someone lives: after a person's name ("Jodi Mahler of
    Bellmore", which the small model reads as one name) or after their age ("Paul Block, 49, of")."""
    last = k - 1
    if doc[last].text == "," and last >= 1:
        last -= 1
        if AGE.match(doc[last].text):
            return True
    before = doc[last]
    if before.ent_type_ != "PERSON" or not before.text[:1].isupper() or before.lower_ in PERSON_NOUNS:
        return False
    first = last  # a full name, or a title and a name: "Mary of Bethany" is what someone was called
    while first - 1 >= 0 and doc[first - 1].ent_type_ == "PERSON" and doc[first - 1].text[:1].isupper():
        first -= 1
    titled = first >= 1 and doc[first - 1].lower_.rstrip(".") in TITLES
    return last - first >= 1 or titled


TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}


AND_NAME = re.compile(r"\s+and\s+[A-Z][\w'-]+(\s+[A-Z][\w'-]+)?")


def _and_country(text: str, s: int, e: int) -> int:
    """Where a mention ends when it is the first half of a country's name: the NER cuts
    "Trinidad and Tobago" (and "Antigua and Barbuda") in two, and "Trinidad" is another place."""
    m = AND_NAME.match(text, e)
    if not m:
        return e
    for end in (m.end(), m.start(1)) if m.group(1) else (m.end(),):  # "Trinidad and Tobago Prime Minister"
        if any(c.feature in ("country", "territory") and not c.alt for c in gazetteer.lookup(text[s:end])):
            return end
    return e


DESIGNATOR = re.compile(r"\s+(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Oo]blast|[Gg]overnorate|[Pp]refecture|[Dd]istrict|[Cc]ounty)$")


DESIGNATOR_AFTER = re.compile(r"\s+(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Oo]blast|[Gg]overnorate|[Pp]refecture|[Dd]istrict|[Cc]ounty)\b")


def _with_designator(text: str, s: int, e: int) -> int:
    """Where a mention ends with the word after it that the region's own name holds: GeoNames names
    Nigeria's states "Benue State" and "Sokoto State", and the NER often tags "Benue" alone. Not
    "Kentucky State Police": no region is called "Kentucky State"."""
    m = DESIGNATOR_AFTER.match(text, e)
    if m and any(not c.alt and c.feature == "admin1" and gazetteer.key(c.name) == gazetteer.key(text[s:m.end()])
                 for c in gazetteer.lookup(text[s:m.end()])):
        return m.end()
    return e


def _without_designator(text: str, s: int, e: int) -> int:
    """Where a mention ends without the word that says what kind of region it is, when the
    gazetteer knows the name alone: the NER takes in "Zhejiang province", "Kherson region"."""
    m = DESIGNATOR.search(text, s, e)
    if m and not gazetteer.lookup(text[s:e]) and gazetteer.lookup(text[s:m.start()]):
        return m.start()
    return e


COMMA_REGION_FEATURES = ("country", "admin1", "admin2", "territory")
"""What the name after the comma of one entity must be for the entity to be two names, a place and the
region or country it lies in."""
COMMA = re.compile(r",\s*")


def _town_comma_region(text: str, s: int, e: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The two spans of an entity the NER made of a place, a comma and the region it lies in ("Thruxton,
    Hampshire", "Donington Park, Leicestershire"), which the gazetteer knows only apart; None otherwise
    (a name the gazetteer holds whole, or no region after the comma)."""
    m = COMMA.search(text, s, e)
    if m is None or m.start() == s or m.end() >= e or gazetteer.lookup(text[s:e]):
        return None
    rest = text[m.end():e]
    if "," in rest or not rest[:1].isupper() or not any(
            not c.alt and c.feature in COMMA_REGION_FEATURES for c in gazetteer.lookup(rest)):
        return None
    return (s, m.start()), (m.end(), e)


def _person_end(ent) -> tuple[int, int]:
    """An entity's tokens; a person's end before an "of" inside it: the small model reads "Jodi Mahler
    of Bellmore" as one name, and what follows the "of" is where the person is from."""
    if ent.label_ == "PERSON":
        for t in ent[1:]:
            if t.lower_ == "of":
                return ent.start, t.i
    return ent.start, ent.end


def _person_words(doc) -> set[str]:
    """The words of the people the document names in full ("Mike Pompeo", "Kobe Bryant"): a lone
    "Pompeo" or "Kobe" elsewhere is that person, not the town of that name."""
    out = set()
    for ent in doc.ents:
        start, end = _person_end(ent)
        if ent.label_ == "PERSON" and end - start > 1:
            out.update(gazetteer.key(t.text) for t in doc[start:end]
                       if t.text[:1].isupper() and gazetteer.key(t.text) not in PERSON_NOUNS)
    return out


def _named_person(doc, i: int, j: int, people: set[str]) -> bool:
    """Whether the one-word name at tokens ``i:j`` is a person the document names in full, and
    nothing before it says place ("in Jackson")."""
    if j - i != 1 or gazetteer.key(doc[i].text) not in people:
        return False
    if j < len(doc) and doc[j].text[:1].isupper() and not doc[j].is_sent_start:
        return False  # the start of a longer name ("Seattle Seahawks"), not the person alone
    return not (i > 0 and doc[i - 1].lower_ in LOCATIVE)


def _mentions(doc) -> list[tuple[int, int, str]]:
    """(start, end, how) for every candidate mention, without overlaps."""
    out: list[tuple[int, int, str]] = []
    text = text_of(doc)  # Doc.text is rebuilt on every access
    taken = [False] * (len(text) + 1)
    people = _person_words(doc)

    def add(s: int, e: int, how: str) -> None:
        if s < e and not any(taken[s:e]):
            out.append((s, e, how))
            for i in range(s, e):
                taken[i] = True

    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if ent.label_ in PLACE_LABELS and nxt is not None and nxt.label_ in PLACE_LABELS and nxt.start == ent.end \
                and text[ent.end_char:nxt.start_char] == " ":
            s, e = _trim(text, ent.start_char, nxt.end_char)
            if any(not c.alt and c.feature != "city" or not c.alt and c.population >= CUE_CITY_POPULATION
                   for c in gazetteer.lookup(text[s:e])):
                add(s, e, "ner")  # "Baja" "California", which the small model cuts in two, is one state
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and not _named_person(doc, ent.start, ent.end, people):
            s, e = _trim(text, ent.start_char, ent.end_char)
            pair = _town_comma_region(text, s, e)
            if pair:  # "Thruxton, Hampshire" as one entity: the town and its county, two mentions
                (s1, e1), (s2, e2) = pair
                add(s1, e1, "facility" if ent.label_ == "FAC" else "ner")
                add(s2, e2, "ner")
                continue
            m = DISTRICT.match(text, e)
            if m:  # "Washington, D.C." is the city's full name, one mention
                e = m.end()
            e = _and_country(text, s, e)
            e = _with_designator(text, s, _without_designator(text, s, e))
            s = _without_lower_direction(text, s, e)
            if _usable(text[s:e]):
                whole = text[s:e]
                if ent.label_ != "FAC" and whole != _strip_direction(whole) and not gazetteer.lookup(whole) \
                        and _part_strong(_strip_direction(whole)):
                    add(s, e, "part")  # "Southern California", "North London": part of a place the gazetteer knows
                    continue
                add(s, e, "facility" if ent.label_ == "FAC" else "ner")
    for s, e in _dateline_spans(doc, names=True):  # "BAKU — A missile struck...": the NER misses capitals
        if any(c.feature in ("city", "admin1", "country", "territory") and not c.alt for c in gazetteer.lookup(text[s:e])):
            add(s, e, "dateline")
    for ent in doc.ents:
        s, e = _trim(text, ent.start_char, ent.end_char)
        if ent.label_ == "NORP" and gazetteer.key(text[s:e]) in CONTINENT_ADJECTIVES:
            k = ent.start  # "South East Asian": the compass words before a continent's adjective belong to it
            while k > 0 and ent.start - k < 2 and doc[k - 1].text[:1].isupper() and doc[k - 1].lower_ in DIRECTIONS:
                k -= 1
            s = doc[k].idx
        if ent.label_ == "NORP" and _adjective_place(text[s:e]) and not _is_plural_people(text[s:e]) \
                and not _hyphenated_people(doc, ent.end - 1) and _modifies(doc, ent.end - 1):
            add(s, e, "demonym")
    # Gazetteer scan: the longest strong name at each capitalised token.
    ent_label = {}
    for ent in doc.ents:
        start, end = _person_end(ent)
        label = (ent.label_, start, end)
        for k in range(start, end):
            ent_label[k] = label
    words = [t.text for t in doc]  # read once: every doc[i] builds a new Token object
    starts = [t.idx for t in doc]
    i = 0
    while i < len(doc):
        if not words[i][:1].isupper() or taken[starts[i]]:
            i += 1
            continue
        tok = doc[i]
        hit = None
        if i >= 2 and i + 1 < len(doc) and words[i - 1] == "," and words[i + 1] == "." and not tok.whitespace_ \
                and words[i - 2][:1].isupper():
            abbr = [c for c in gazetteer.lookup(words[i] + ".") if not c.alt and c.feature in ("admin1", "country")]
            if abbr:  # "Barrie, Ont.", "Wainwright, Alta.": the region's abbreviation, its full stop a token
                add(starts[i], starts[i + 1] + 1, "cue")
                i += 2
                continue
        for n in range(min(MAX_NGRAM, len(doc) - i), 0, -1):
            last = words[i + n - 1]
            if not last[:1].isupper():
                continue  # a lone full stop ends the sentence: "... and Tamil Nadu." names "Tamil Nadu"
            s, e = _trim(text, starts[i], starts[i + n - 1] + len(last))
            cands = gazetteer.lookup(text[s:e]) if _usable(text[s:e]) else []
            strong = any(not c.alt and (c.feature in SCAN_FEATURES and (c.feature != "admin1" or c.population >= 1_000_000)
                                        or c.feature == "city" and c.population >= SCAN_CITY_POPULATION
                                        or c.feature == "landform" and n > 1  # "Niger Delta", not "Niger"
                                        or c.feature == "admin2" and c.population >= SCAN_COUNTY_POPULATION)
                         for c in cands)
            cue = None if strong else _cue_of(doc, i, i + n, cands, taken)
            if (strong or cue) and _named_person(doc, i, i + n, people):
                break
            if strong or cue:
                label = ent_label.get(i)
                exact = bool(label) and (label[1], label[2]) == (i, i + n)
                if strong and exact and label[0] == "PERSON":
                    cue = _cue_of(doc, i, i + n, cands, taken)
                    if cue is None and any(not c.alt and c.feature in ("country", "island", "territory") for c in cands):
                        cue = "country"  # no one the article names is called so: "Azerbaijan said"
                if label and label[0] == "PERSON" and (n == 1 or not exact) \
                        and not (cue in PERSON_OVERRIDING_CUES and exact):
                    break  # a person's name, or part of one: "Georgia Smith"
                if n == 1 and tok.pos_ != "PROPN":
                    break
                hit = (s, e, n, "scan" if strong else "cue")
                break
        if hit:
            add(hit[0], hit[1], hit[3])
            i += hit[2]
            continue
        part = _part_of_place(doc, i, words)
        if part:
            add(starts[i], part[1], part[2])
            i = part[0]
            continue
        pair = f"{tok.text} {doc[i + 1].text}" if i + 1 < len(doc) else ""
        if pair and tok.lower_ != "the" and (pair.lower() in CONTINENT_ADJECTIVES or countries.by_demonym(pair)) \
                and not _is_plural_people(pair) \
                and doc[i + 1].text[:1].isupper() and not _hyphenated_people(doc, i + 1) \
                and _modifies(doc, i + 1):  # "North American", "North Korean"
            add(tok.idx, doc[i + 1].idx + len(doc[i + 1].text), "demonym")
            i += 2
            continue
        if _adjective_place(tok.text) and tok.pos_ in ("ADJ", "PROPN") and not _is_plural_people(tok.text) \
                and not _hyphenated_people(doc, i) and _modifies(doc, i):
            add(tok.idx, tok.idx + len(tok.text), "demonym")
        i += 1
    return sorted(out)


DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
              "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "upper",
              "lower"}
"""Words that name part of a place: "Southern California", "North London", "South East Asian"."""
PART_CITY_POPULATION = 100_000


def _strip_direction(surface: str) -> str:
    """The place a part is of: "Southern California" -> "California", "South East Asian" -> "Asian"."""
    words = surface.split()
    while len(words) > 1 and words[0].lower() in DIRECTIONS:
        words = words[1:]
    return " ".join(words)


LOWER_DIRECTION = re.compile(r"(?:(?:" + "|".join(sorted(d for d in DIRECTIONS if "-" not in d)) + r"|north-east|north-west"
                             r"|south-east|south-west)[\s-]+)+(?=[A-Z])")


def _without_lower_direction(text: str, s: int, e: int) -> int:
    """Where a mention starts without compass words written in lower case: "north west London" says
    where in London, and names London; "North London" is a name of its own."""
    m = LOWER_DIRECTION.match(text, s, e)
    return m.end() if m and gazetteer.lookup(text[m.end():e]) and not gazetteer.lookup(text[s:e]) else s


def _part_of_place(doc, i: int, words: list[str]) -> tuple[int, int, str] | None:
    """A compass word and a place the gazetteer knows, which together it does not: "Southern
    California", "North London", "West Wales" name part of that place and are mentions of it (where
    else the part lies is not known, so it is placed with the whole). A continent's adjective after
    one ("South East Asian") is its demonym. Returns (next token, end character, how) or None."""
    j = i
    while j < len(doc) and j - i < 2 and words[j][:1].isupper() and words[j].lower() in DIRECTIONS:
        j += 1
    if j == i or j >= len(doc) or not words[j][:1].isupper():
        return None
    for n in (3, 2, 1):
        end = j + n
        if end > len(doc) or not words[end - 1][:1].isupper():
            continue
        if end < len(doc) and words[end][:1].isupper():
            continue  # part of a longer name: "Western Union", "West Ham United"
        whole = doc[i:end].text
        if gazetteer.lookup(whole):
            return None  # a name of its own ("South Korea", "West Bank"): the scan reads it
        rest = doc[j:end].text
        if n == 1 and gazetteer.key(rest) in CONTINENT_ADJECTIVES and _modifies(doc, end - 1):
            return end, doc[end - 1].idx + len(words[end - 1]), "demonym"
        if _part_strong(rest):
            return end, doc[end - 1].idx + len(words[end - 1]), "part"
    return None


def _part_strong(rest: str) -> bool:
    """Whether a part's place is one news names by itself: a country, region, world area or big city."""
    return any(not c.alt and (c.feature in SCAN_FEATURES
                              or c.feature == "city" and c.population >= PART_CITY_POPULATION)
               for c in gazetteer.lookup(rest))


GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
           "centre", "center", "upper", "lower", "middle", "mid", "region", "province", "capital", "coast",
           "valley", "lakes", "lake", "islands", "island", "delta", "city", "county", "district", "state"}
"""Words that name regions somewhere ("Centre", "West") but almost never a place in news."""


def _usable(surface: str) -> bool:
    """Not a generic word alone, unless the words together name a world region ("Middle East")."""
    words = gazetteer.key(surface).split()
    if not words:
        return False
    if all(w in GENERIC for w in words):
        return len(words) > 1 and any(e.feature in ("area", "continent") and not e.alt
                                      for e in gazetteer.lookup(surface))
    return True


def _near_capital(e: Entry, c) -> bool:
    """The capital itself, not a hamlet named after a seat of power ("White House", Tennessee)."""
    if c.capital_lat is None or c.capital_lon is None:
        return True
    return gazetteer.km(e.lat, e.lon, c.capital_lat, c.capital_lon) < 50


AIRPORT_PRIOR = 6.0
"""An airport named as a place ("at Heathrow") ranks with a town of a million; by its own part
alone ("Heathrow"), a weak name, with a town of thirty thousand."""


def _prior(e: Entry) -> float:
    """How likely a candidate is before context: feature first, then size."""
    base = {"country": 9.0, "continent": 8.5, "union": 8.5, "area": 8.8, "territory": 8.0, "island": 8.0, "landform": 8.0,
            "admin1": 7.5, "admin2": 3.0, "airport": AIRPORT_PRIOR}.get(e.feature)
    if base is None:  # a city: log-population, national capitals above regions of that name
        base = math.log10(e.population + 10)
        capital_of = countries.by_capital(e.name)
        if capital_of is not None and capital_of.iso2 == e.country and _near_capital(e, capital_of):
            base = max(base, 8.2)  # "Washington" is the capital before the state
        elif e.population >= 1_000_000:
            base = max(base, 7.8)  # "New York" is the city before the state
    if e.alt and e.feature != "area":  # a sea's short name ("the Atlantic") is weak only for the scan
        base -= 1.5
    return base


ANCHOR_MARGIN = 1.0


def _clear(cands: list[Entry]) -> bool:
    """One candidate, or one well ahead of the rest on priors (log-population): such a town
    can anchor the others ("Tottenham" puts "Edmonton" in London)."""
    priors = sorted((_prior(c) for c in cands), reverse=True)
    return len(priors) == 1 or priors[0] - priors[1] >= ANCHOR_MARGIN


INNER_CITY_POPULATION = 100_000


def _inner(surface: str) -> list[Entry]:
    """Candidates of the longest place name inside a building's or institution's name that the
    gazetteer lacks: "Manila Cathedral" is in Manila, "University of Alberta" in Alberta."""
    words = surface.replace(",", " ").split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i:i + n]
            name = " ".join(part)
            if not (part[0][:1].isupper() and part[-1][:1].isupper()) or not _usable(name) or FACILITY.search(name):
                continue
            found = gazetteer.lookup(name)
            if any(not c.alt and (c.feature in SCAN_FEATURES or c.feature == "city" and c.population >= INNER_CITY_POPULATION)
                   for c in found):
                return found[:40]
    return []


def _candidates(surface: str, how: str) -> list[Entry]:
    if how == "demonym":
        name = _adjective_place(surface)
        return [e for e in gazetteer.lookup(name) if e.feature in ("country", "continent", "area", "admin1", "territory")][:1] if name else []
    if how == "part":
        surface = _strip_direction(surface)
    found = gazetteer.lookup(surface.replace(",", ""))[:40]
    if not found and how == "facility" and FACILITY.search(surface) and not STREET.search(surface):
        found = _inner(surface)
    return _seats_first(found)


SEAT_SHARE = 0.25
"""A region that shares its name with a city holding this share of its people is, named alone, the
city ("Geneva", "Basra"): the region is named after its seat. Under it ("Quebec", 8 % in its
capital) the name is the region's."""


def _seats_first(found: list[Entry]) -> list[Entry]:
    """``found`` without the regions that are named after a city of theirs holding ``SEAT_SHARE`` of
    their people; the city takes the region's place in the ranking."""
    out = list(found)
    for r in found:
        if r.feature not in ("admin1", "admin2") or r.population <= 0:
            continue
        seat = [c for c in found if c.feature == "city" and c.country == r.country
                and (r.feature == "admin2" or c.admin1 == r.name) and c.population >= SEAT_SHARE * r.population]
        if seat:
            city = max(seat, key=lambda c: c.population)
            out = [x for x in out if x is not city and x is not r]
            out.insert(min(found.index(r), len(out)), replace(city, alt=False))
    return out


COUNTRY_SHARE_WEIGHT = 3.0
"""Bonus for lying in a country, times that country's share of the countries the article names
(raised to ``COUNTRY_SHARE_POWER``)."""
COUNTRY_SHARE_POWER = 1.0
"""Above 1, a country that is one of several the article names says little (Geneva in talks of
Russia, the US and Syria is not a US town); the article's one country still counts in full."""
COUNTRY_NAMED = 1.0
"""Bonus for lying in a country the article names at all."""
REGION_NAMED = 2.5
"""Bonus for lying in a region (state, province) another mention names, times that region's share
of the mentions of regions: the article's one state counts in full, a state named once among several
in a sports report ("Texas" beside "California") does not make Portland the Texan town of 16,000."""
NEAR_KM = ((50, 3.0), (300, 1.0))
"""Bonus for lying this close (km) to a place already resolved without doubt (an anchor)."""


def _score(e: Entry, ctx_countries: Counter, ctx_regions: dict, anchors: list[Entry], k: str) -> float:
    """A candidate's score: its prior (:func:`_prior`, a log-population), plus how well it fits the
    article's context. The context is one piece of evidence told at two scales: the country the
    candidate lies in (by that country's share of the article's countries), and, within it, the
    closest thing that points at it: a region another mention names, or an anchor nearby. Those
    two are the same evidence ("Georgetown, Ky." names both Kentucky and a town beside Paris, Ky.),
    so only the stronger counts: one local cue does not add up twice against a world city."""
    s = _prior(e)
    if e.country:
        share = ctx_countries[e.country] / max(1, sum(ctx_countries.values()))
        s += COUNTRY_SHARE_WEIGHT * share ** COUNTRY_SHARE_POWER + (COUNTRY_NAMED if ctx_countries[e.country] else 0.0)
    local = 0.0
    named = ctx_regions.get((e.country, e.admin1)) if e.admin1 else None
    if named and set(named) - {k}:  # named by another mention, by its share of the regions named
        told = sum(n for kk, n in named.items() if kk != k)
        share = told / max(1, sum(n for r in ctx_regions.values() for kk, n in r.items() if kk != k))
        local = REGION_NAMED * share
    if anchors and e.feature in ("city", "admin2"):
        others = [a for a in anchors if a != e]  # a place is no anchor for itself
        d = min(gazetteer.km(e.lat, e.lon, a.lat, a.lon) for a in others) if others else None
        if d is not None:
            local = max(local, next((b for limit, b in NEAR_KM if d < limit), 0.0))
    return s + local


STATE_BEFORE = re.compile(r"(?:\b(?:[Uu]pstate|[Dd]ownstate|[Ss]tate of)|\bthe state of)\s+$")
STATE_AFTER = re.compile(r"\s+(?:state\b|State\b(?!\s+(?:University|College|Department))|Gov\.|Governor\b|Legislature\b"
                         r"|[Pp]rovince\b|[Oo]blast\b|[Gg]overnorate\b|[Pp]refecture\b)")
CITY_AFTER = re.compile(r"\s+(?:City\b|Mayor\b|mayor\b|City Hall\b)")


def _cue(text: str, s: int, e: int) -> str | None:
    """ "upstate New York", "New York Gov.": the state; "New York mayor": the city. For the
    names that are both ("New York", "Washington"), read next to the mention itself."""
    if STATE_BEFORE.search(text, max(0, s - 20), s) or STATE_AFTER.match(text, e):
        return "admin1"
    if CITY_AFTER.match(text, e):
        return "city"
    return None


def _town_region_pairs(text: str, mentions: list[tuple[int, int, str]]):
    """ "Edmonton, Queensland", "Gainesville, Va.": pairs of mentions where the second
    names the region or country the first lies in."""
    for (s1, e1, h1), (s2, e2, h2) in zip(mentions, mentions[1:]):
        if h1 != "demonym" and h2 != "demonym" and re.fullmatch(r",\s?", text[e1:s2]):
            yield gazetteer.key(text[s1:e1]), gazetteer.key(text[s2:e2])


def _listed_after(text: str, mentions: list[tuple[int, int, str]]) -> set[str]:
    """The names a list of places goes on after ("Saipan, Guam, Alaska"): such a pair of names may be two
    items of the list rather than a town and its region."""
    return {gazetteer.key(text[s1:e1]) for (s1, e1, _h1), (s2, _e2, _h2) in zip(mentions, mentions[1:])
            if LIST_GAP.fullmatch(text, e1, s2)}


COUNTY_KM = 80
"""A town "in" a county ("Thruxton, Hampshire") lies this close to the county's point: the index does not say
which county a town lies in, and a county is rarely wider."""


STRAY_POPULATION = 10_000


NEAR = re.compile(r",?\s*(?:(?:a|an|the)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(PLACE_NOUNS)) + r")s?\s+)?"
                  r"(?:(?:about|some|just)\s+)?(?:[\d.,]+\s*(?:km|kilometres|kilometers|miles|mi)\s+)?"
                  r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of"
                  r"|near|outside|on the outskirts of)\s+(?:the\s+)?", re.I)


LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")


def _near_pairs(text: str, mentions: list[tuple[int, int, str]]):
    """ "Edmonton, south of Cairns", "a village near Hebron", "Delft, a township near Cape Town": the
    first lies by the second."""
    for (s1, e1, h1), (s2, e2, h2) in zip(mentions, mentions[1:]):
        if h1 != "demonym" and h2 != "demonym" and NEAR.fullmatch(text, e1, s2):
            yield gazetteer.key(text[s1:e1]), gazetteer.key(text[s2:e2])


def _stray(e: Entry, ctx_countries: Counter, anchors: list[Entry]) -> bool:
    """A small town abroad that nothing else in the article points to is more likely a
    place the gazetteer lacks ("Heathrow" the airport, not the Florida hamlet): leave it out."""
    if e.feature != "city" or e.population >= STRAY_POPULATION or not ctx_countries or e.country in ctx_countries:
        return False
    return not any(a != e and gazetteer.km(e.lat, e.lon, a.lat, a.lon) < 300 for a in anchors)


def _far_facility(e: Entry, anchors: list[Entry]) -> bool:
    """A building or street named like a town ("Victoria Park", "Turtle Rock") is that town
    only if it is a big one or lies near the article's other places."""
    if e.feature != "city" or e.population >= 100_000:
        return False
    return not any(a != e and gazetteer.km(e.lat, e.lon, a.lat, a.lon) < 50 for a in anchors)


SOMEONE_TOWN_POPULATION = 100_000
"""Below this size, a town that speaks or is called a person is a person or an agency named like it:
"Bingham said", "according to Xinhua", "girlfriend Olivia". Capitals and big cities speak for
their governments ("Moscow said")."""


def _among_people(span) -> bool:
    """Whether the name is one of a list of people ("the deaths of Helen, Clarence, Irene and Randy
    Kunz", "ordered Deen and Villanueva to pay"): a list names one kind of thing, and here people
    are named in it and no place is."""
    members = [span.root, *span.root.conjuncts]
    kinds = {t.ent_type_ for t in span.root.conjuncts}
    first = min(members, key=lambda t: t.i)
    if first.dep_ == "pobj" and first.head.lower_ in LOCATIVE:
        return False  # "stops in Hilversum and Almelo", "a man from Clacton, Essex - Aseany Duncan"
    return "PERSON" in kinds and not kinds & PLACE_LABELS


SAINT = re.compile(r"(?:St\.?|Saint)\s+[A-Z][a-z]+$")
SAINT_BEFORE = re.compile(r"(?i)\b(?:church|cathedral|basilica|chapel|parish|abbey|monastery|feast|order)\s+of\s+(?:the\s+)?"
                          r"(?:(?:St\.?|Saint)\s+[A-Z][a-z]+\s+and\s+)?$")
SAINT_AFTER = re.compile(r"(?:['\u2019]s|\s+and\s+(?:St\.?|Saint)\s+[A-Z][a-z]+)?(?:\s+[A-Z][\w'\u2019-]+)*?\s+"
                         r"(?:Church|Cathedral|Basilica|Chapel|Abbey|School|College|University|Hospital|Academy|Square)\b")


def _dedication(text: str, s: int, e: int) -> bool:
    """A saint a building is named after, not the town of that name: "St. Peter's Basilica", "St. John's
    University", "the church of St. Peter and St. Paul"."""
    return bool(SAINT.match(text[s:e])) and bool(SAINT_BEFORE.search(text, max(0, s - 60), s)
                                                 or SAINT_AFTER.match(text, e))


def _someone(doc, s: int, e: int) -> bool:
    """Whether the mention at characters ``s:e`` is someone: the subject of a verb of saying, what
    a statement is "according to", or named after a noun for a person ("his girlfriend Olivia")."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if in_spot(layout_of(doc).dateline, s, e) or span.text.isupper():
        return False  # a dateline ("PLEASANTON, Calif. - DeltaTrak announced ...", nlp.Layout), which parsers make the subject
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in REPORT:
        return True
    if doc[span.start - 1].lower_ in PERSON_NOUNS or root.dep_ == "appos" and root.head.lower_ in PERSON_NOUNS:
        return True  # "girlfriend Olivia", "his wife, Tyler,", "farmer Harvey"
    if span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].lower_ in PERSON_NOUNS:
        return True  # "and wife, Nina," where the parse finds no apposition
    if _among_people(span):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.i > 0 \
        and doc[root.head.i - 1].lower_ == "according"


def extract(doc, context: list[str] | None = None) -> list[Place]:
    """Places named in ``doc``; ``context`` may add names known to matter (e.g. the story's)."""
    return _extract(doc, context)[0]


BODY_FEATURES = {"union"}
"""Gazetteer features of names that are bodies of states as well as the territory of their members
("the EU"): a place only where the text puts something in it (see :func:`_body_as_place`)."""


BROAD_FEATURES = {"continent", "union", "area"}
"""Gazetteer features of places wider than a country (continents, "the EU", world regions and seas): never
the focus, which is where the article's events happen ("talks on Africa" happen somewhere in it)."""


def _extract(doc, context: list[str] | None = None) -> tuple[list[Place], set[str], set[str]]:
    """:func:`extract`, the ids of the places that are bodies of states (``BODY_FEATURES``), and the ids of
    those wider than a country (``BROAD_FEATURES``)."""
    bodies: set[str] = set()
    broad: set[str] = set()
    mentions = _mentions(doc)
    text = text_of(doc)
    cands: dict[str, list[Entry]] = {}
    how_of: dict[str, str] = {}
    for s, e, how in mentions:
        surf = text[s:e]
        k = ("demonym:" if how == "demonym" else "") + gazetteer.key(surf)
        if k not in cands:
            cands[k] = _candidates(surf, how)
            how_of[k] = how
    counts = Counter(("demonym:" if how == "demonym" else "") + gazetteer.key(text[s:e]) for s, e, how in mentions)
    for s, e, how in mentions:  # "the town of Lachin": a town, not the airport named after it
        k = gazetteer.key(text[s:e])
        span = doc.char_span(s, e, alignment_mode="expand") if how != "demonym" and k in cands else None
        if span is not None and _said_place(doc, span.start, span.end):
            cands[k] = [c for c in cands[k] if c.feature != "airport"]

    # Pass 1: priors alone; the context is what that pass finds, weighted by mentions.
    first = {k: max(c, key=_prior) for k, c in cands.items() if c}
    listed = _listed_after(text, mentions)
    for town, region in _town_region_pairs(text, mentions):
        r = first.get(region)
        county = [c for c in cands.get(region, []) if not c.alt and c.feature == "admin2"]
        if r is not None and r.feature == "city" and county and town != region \
                and max(c.population for c in county) > r.population:
            r = first[region] = max(county, key=_prior)  # "Thruxton, Hampshire": the county, not a village abroad
            cands[region] = county
        if town == region or r is None or r.feature not in ("country", "admin1", "admin2", "territory") \
                or town not in first or first[town].feature not in ("city", "admin2"):
            continue  # "in Russia, U.S. officials said" is no town in the US
        inside = [c for c in cands[town] if c.feature in ("city", "admin2") and c.country == r.country
                  and (r.feature != "admin1" or c.admin1 == r.name)
                  and (r.feature != "admin2" or gazetteer.km(c.lat, c.lon, r.lat, r.lon) < COUNTY_KM)]
        if inside:
            cands[town] = inside
            first[town] = max(inside, key=_prior)
        elif r.feature == "admin2" and region not in listed and all(c.feature == "city" for c in cands[town]):
            # the text puts the town in a county and the gazetteer has none of that name near it: it is one the
            # gazetteer lacks ("Thruxton, Hampshire"), not a namesake elsewhere (as for a town near a city below).
            # Not for a state: dropping a town missing from the state it is put in cost recall on the dev data
            # (a state's towns of under 500 people are not in the index, and readers still find them near)
            cands[town] = []
            del first[town]
    ctx_countries: Counter = Counter()
    ctx_regions: dict[tuple, Counter] = defaultdict(Counter)  # region -> the names that name it, by mentions
    own: dict[str, str] = {}  # what each name adds to the context, so that it does not vote for itself
    for k, e in first.items():
        if e.feature in ("country", "admin1", "territory"):  # a region named puts its country in the context
            ctx_countries[e.country] += counts[k]
            own[k] = e.country
        if e.feature == "admin1":
            ctx_regions[(e.country, e.name)][k] += counts[k]
    for name in context or []:
        c = countries.resolve(name)
        if c:
            ctx_countries[c.iso2] += 1
    for town, near in _near_pairs(text, mentions):
        y = first.get(near)
        if town == near or y is None or town not in first or not _clear(cands[near]):
            continue
        close = [c for c in cands[town] if c.feature in ("city", "admin2") and gazetteer.km(c.lat, c.lon, y.lat, y.lon) < 300]
        if close:
            cands[town] = close
            first[town] = max(close, key=_prior)
        elif y.feature in ("city", "admin2") and all(c.feature in ("city", "admin2") for c in cands[town]):
            # the text puts a town by a city and the gazetteer has none of that name there: the town is
            # one it lacks ("Delft, a township near Cape Town"), not a namesake on another continent
            cands[town] = []
            del first[town]
    anchor_of = {k: e for k, e in first.items() if e.feature in ("city", "admin2", "territory") and _clear(cands[k])}

    def anchors_for(k: str) -> list[Entry]:
        """Other names' clear picks: a name is no anchor for itself."""
        return [a for kk, a in anchor_of.items() if kk != k]

    # Pass 2: with context.
    chosen: dict[str, tuple[Entry, float]] = {}
    for k, c in cands.items():
        if not c:
            continue
        ctx = ctx_countries
        if k in own and any(e.country != own[k] and (first[k].feature != "country" or e.feature == "admin1") for e in c):
            # a name does not vote for itself: "Georgia" among US states is the state, not the country,
            # and "Santa Barbara" is not a Honduran department because it names Honduras
            ctx = ctx_countries.copy()
            ctx[own[k]] -= counts[k]
        anchors = anchors_for(k)
        scored = sorted(((_score(e, ctx, ctx_regions, anchors, k), i, e) for i, e in enumerate(c)), key=lambda x: (-x[0], x[1]))
        best_s, _, best = scored[0]
        margin = best_s - scored[1][0] if len(scored) > 1 else 5.0
        chosen[k] = (best, margin)

    def listed_with_states(m: int) -> bool:
        """ "California or Washington": in a list of states, a name that is also a city is the state."""
        for a, b in ((m - 1, m), (m, m + 1)):
            if 0 <= a and b < len(mentions) and LIST_GAP.fullmatch(text, mentions[a][1], mentions[b][0]):
                o = mentions[b if a == m else a]
                ko = gazetteer.key(text[o[0]:o[1]])
                if o[2] != "demonym" and ko in chosen and chosen[ko][0].feature == "admin1":
                    return True
        return False

    places: dict[tuple, Place] = {}
    for m, (s, e, how) in enumerate(mentions):
        k = ("demonym:" if how == "demonym" else "") + gazetteer.key(text[s:e])
        if k not in chosen:
            continue
        ent, margin = chosen[k]
        cue = _cue(text, s, e) if how != "demonym" else None
        if cue is None and how != "demonym" and ent.feature == "city" and listed_with_states(m):
            cue = "admin1"
        if cue and ent.feature != cue:
            other = [c for c in cands[k] + gazetteer.lookup(text[s:e]) if c.feature == cue and c.country == ent.country]
            if other:
                ent = other[0]
        if ent.feature == "city" and ent.population < 1000 and how != "ner":
            continue
        if ent.feature == "city" and ent.population < SOMEONE_TOWN_POPULATION and _someone(doc, s, e):
            continue
        if _dedication(text, s, e):
            continue
        if _stray(ent, ctx_countries, anchors_for(k)) or how == "facility" and _far_facility(ent, anchors_for(k)):
            continue
        pid = (ent.name, ent.feature, ent.country, round(ent.lat, 3), round(ent.lon, 3))
        conf = round(min(0.99, 0.5 + 0.1 * margin) * (0.8 if how == "scan" else 1.0), 2)
        place = places.get(pid)
        if place is None:
            # a town found under another of its names is shown as the article names it (Stepanakert, not Khankendi)
            name = text[s:e] if ent.alt and ent.feature == "city" and not text[s:e].isupper() else ent.name
            pid_slug = slug(f"{ent.name}-{ent.country}" if ent.country else ent.name)
            if any(p.id == pid_slug for p in places.values()):  # "New York" the city and the state
                pid_slug = f"{pid_slug}-{slug(ent.kind)}"
            place = places[pid] = Place(
                id=pid_slug, name=name,
                kind=ent.kind, lat=ent.lat, lon=ent.lon, country=ent.country, confidence=conf)
        if ent.feature in BODY_FEATURES or ent.feature != "city" and text[s:e].strip() in countries.SEATS:
            bodies.add(place.id)  # "the White House" said: a seat of government that acts is the government
        if ent.feature in BROAD_FEATURES:
            broad.add(place.id)
        place.confidence = max(place.confidence, conf)
        place.mentions.append((s, e))
        place.roles.append("demonym" if how == "demonym" else "")  # the others are read by _roles
    return sorted(places.values(), key=lambda p: (-len(p.mentions), p.mentions[0])), bodies, broad


SPECIFICITY = {"city": 3.0, "airport": 3.0, "other": 3.0, "landform": 2.0, "water": 2.0, "region": 2.0, "country": 1.0}


NAME_LABELS = {"ORG", "EVENT", "LAW", "WORK_OF_ART", "FAC", "PRODUCT"}
"""Entities whose names may hold a place's name without being about that place ("OSCE Minsk Group",
"the Washington Post", "the Dayton Accords")."""
NAME_NOUNS = {"protocol", "treaty", "accord", "accords", "agreement", "agreements", "convention", "declaration",
              "doctrine", "blockade", "airlift", "format", "group", "pact", "charter", "consensus", "syndrome"}
"""Nouns that a place's name before them turns into the name of something else: "the Kyoto protocol",
"the Berlin blockade", "the Minsk agreements" (signed there once, not where things happen now)."""
SCENE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "into", "across", "throughout", "around", "within",
                      "through"}
"""Prepositions whose object is where the verb or event noun they hang from takes place. Not "on" or
"over", which mostly say what something is about ("talks on Syria", "a dispute over Karabakh")."""
EVENT_NOUNS = {"talks", "meeting", "summit", "conference", "negotiations", "fighting", "clashes", "clash",
               "shelling", "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing", "blast",
               "explosion", "offensive", "battle", "war", "violence", "protest", "protests", "rally", "demonstration",
               "march", "riots", "unrest", "election", "elections", "vote", "referendum", "ceremony", "visit", "trip",
               "killing", "killings", "shooting", "massacre", "raid", "raids", "siege", "assault", "operation",
               "operations", "crackdown", "truce", "flooding", "floods", "earthquake", "fire", "fires", "crash", "ceasefire",
               "hostilities", "incursion", "invasion", "advance", "evacuation", "trial", "hearing", "signing",
               "deployment", "casualties", "deaths", "damage", "gunfire", "rocket", "rockets", "missile", "missiles",
               "speech", "speeches", "address", "interview", "lecture", "briefing", "debate", "sermon", "hustings"}
"""Nouns of events: "talks in Geneva", "fighting in Aleppo", "the Moscow summit" happen at the place, and so
does the occasion of what the article reports was said ("in a speech in Edinburgh")."""
EVENT_VERBS = {"hit", "shell", "bomb", "attack", "strike", "capture", "seize", "take", "enter", "storm", "besiege",
               "encircle", "surround", "retake", "recapture", "liberate", "occupy", "invade", "raid", "target",
               "rock", "shake", "devastate", "flood", "evacuate", "visit", "reach", "pound", "bombard", "destroy",
               "damage", "host", "control", "defend", "lose", "free", "overrun", "blockade", "tour"}
"""Verbs whose object (or passive subject) is where the event happens: "shelling hit Stepanakert",
"troops entered Shusha", "Putin visited Ankara", "Baghdad was rocked"."""
NOT_SCENE_VERBS = {"bear", "born", "grow", "raise", "bring", "educate", "study", "school", "train", "live", "settle",
                   "spend", "retire", "bury", "marry", "emigrate", "immigrate", "originate",
                   "see", "use", "exist", "know"}
"""Verbs whose place is not where the article's events happen: someone's background ("was born in
Melbourne", "grew up in Leeds", "studied in Paris", "lives in Kent"; "bring" as in "brought up"), or where
something is found as an example ("a tax of the kind seen in Norway", "as used in Sweden")."""
SCENE_WEIGHT = {"dateline": 1.5, "event": 2.0, "statement": 1.0}
"""How much one mention says that the article's events happen at a place: a dateline (where the
reporter is: it decides when no event is placed, but one event placed in the lead outweighs it), a
place of an event ("shelling hit X", "talks in X"), a place where something was said ("said in X")."""
LEAD_SENTENCES = 2
LEAD_FACTOR = 1.5
"""Mentions in the article's first sentences weigh this much more for the focus."""
SPECIFIC_BONUS = 1.5
"""Within the scene, a place's own weight counts (1 + this × its SPECIFICITY) times: a city told of as
often as its region or country is the focus ("Stepanakert" over "Nagorno-Karabakh"), and so is a city told
of once beside its country told of twice ("speaking in Gateshead" over "taking Britain forward"); a town
told of once is not over a region told of four times."""
FOCUS_MIN_WEIGHT = SCENE_WEIGHT["dateline"] * LEAD_FACTOR
"""What a scene must weigh to be the focus: a dateline, one event told in the lead, two events, or an
event and a statement. One event told once further down ("the 11 September attacks in the US", "taken to war in Iraq")
is background, not where the article happens: below this the focus falls back to the place named most
literally, or none."""
FALLBACK_MENTIONS = 2
"""Without a dateline or a place of events, a place below a country is the focus only when the text names it
this often: a town named once in passing is not where the article happens."""
SCENE_KM = 150
"""Places of events this close together are one scene: their weights add up for the focus
("shelling hit Stepanakert" and "troops entered Shusha" outweigh the dateline of a capital abroad)."""


def _dateline_spans(doc, names: bool = False) -> list[tuple[int, int]]:
    """The article's dateline, as the layout found it (``names``: the place it names; :class:`nlp.Layout`)."""
    spot = layout_of(doc).dateline_place if names else layout_of(doc).dateline
    return [spot] if spot else []


NAME_OF_DESIGNATORS = PLACE_NOUNS | {"republic", "kingdom", "state", "states", "isle", "island", "islands", "gulf", "bay",
                                     "sea", "strait", "straits", "lake", "river", "mount", "vale", "forest", "borough",
                                     "diocese", "emirate", "principality", "duchy", "federation", "commonwealth"}
"""Words that, capitalised before "of", name the place itself ("the Province of Quebec", "the Isle of
Man", "the Republic of Ireland"), not something else named after it."""


def _of_a_name(doc, span) -> bool:
    """Whether the mention ends a proper name of the form "Capitalised of Place" that is not the place's
    own name: a work ("Shakespeare's Merchant of Venice"), a body ("the Bank of England"), a title
    ("the Duke of Edinburgh"). The capitalised word must not start the sentence nor say what kind of place
    it is (``NAME_OF_DESIGNATORS``)."""
    i = span.start
    if i < 2 or doc[i - 1].text != "of":
        return False
    before = doc[i - 2]
    return before.text[:1].isupper() and not before.is_sent_start and before.pos_ in ("PROPN", "NOUN") \
        and before.lower_ not in NAME_OF_DESIGNATORS and before.lemma_.lower() not in NAME_OF_DESIGNATORS


def _in_name(doc, s: int, e: int, span) -> bool:
    """Whether the mention at ``s:e`` is part of the name of something else: inside a longer
    organisation's, event's, law's or work's name, or before a noun that makes one ("Kyoto protocol")."""
    text = text_of(doc)
    if POSSESSIVE_END.match(text[e:e + 2]):  # "Azerbaijan's Defence Ministry": a possessor, not a name part
        return False
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent.start_char <= s and e <= ent.end_char:
            es, ee = _trim(text, ent.start_char, ent.end_char)
            if (es, ee) != (s, e) and text[es:ee] != text[s:e]:
                return True
    if span is None:
        return False
    if _of_a_name(doc, span):
        return True
    root = span.root
    head = root.head
    if root.dep_ == "compound" and span.end < len(doc) and doc[span.end].ent_iob_ == "B" and \
            doc[span.end].ent_type_ in NAME_LABELS:
        name = next(ent for ent in doc.ents if ent.start == span.end)
        if name.start <= head.i < name.end:
            return True  # 'the UK Independence Party': the NER left out the place the name opens with
    return root.dep_ in ("compound", "nmod", "amod") and head.i >= span.end and head.lower_ in NAME_NOUNS


SCENE_CLIMB = 4
"""How many steps from a mention up the parse to the verb or event noun that places something there."""


TITLE_PREPOSITIONS = {"of", "for"}
"""Prepositions by which a role names its jurisdiction: "the Mayor of Leeds", "the MP for Bolton West"."""


def _in_title(doc, span) -> bool:
    """Whether the mention ``span`` names the jurisdiction of a person's role ("Suffolk Chief Constable", "the
    Mayor of Leeds", "the MP for Bolton West"): where the person holds office, not where events happen."""
    if span is None:
        return False
    tok = span.root
    for _ in range(SCENE_CLIMB):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ in ("compound", "nmod", "amod") and head.i >= span.end:
            if any(t.lemma_.lower() in ROLE_HEADS or t.lower_ in ROLE_HEADS for t in doc[span.end:head.i + 1]):
                return True  # "Suffolk Chief Constable", "Leeds council leader"
            tok = head
            continue
        if tok.dep_ == "pobj" and head.lower_ in TITLE_PREPOSITIONS:
            gov = head.head
            if gov.lower_ in ROLE_HEADS or gov.lemma_.lower() in ROLE_HEADS:
                return True
            if gov.dep_ == "pobj" and gov.head.lower_ in TITLE_PREPOSITIONS:
                tok = gov  # "the Secretary of State for Scotland"
                continue
            if gov.dep_ in ("compound", "pobj") or gov.pos_ in ("NOUN", "PROPN"):
                tok = gov
                continue
        return False
    return False


def _scene_of(doc, span) -> str | None:
    """Why the mention ``span`` is where something happens ("event" or "statement"), or None. The
    parse is climbed from the name: through lists ("hit Stepanakert and Shusha"), through "of" ("the
    town of X", "the centre of X") and through a thing located there ("struck a building in X")."""
    if span is None:
        return None
    tok = span.root
    for _ in range(SCENE_CLIMB):
        head = tok.head
        if head is tok:
            return None
        if tok.dep_ in ("conj", "appos"):
            tok = head
            continue
        if tok.dep_ == "poss" and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in EVENT_NOUNS:
            tok = head  # "visited Kenya's biggest shantytown": where the thing it owns is visited
            continue
        if tok.dep_ == "compound" and head.lemma_.lower() in PLACE_NOUNS:
            tok = head  # "moved into the Kalbajar district"
            continue
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
            tok = head.head  # "the town of Stepanakert", "the centre of Ganja"
            continue
        if tok.dep_ == "pobj" and head.lower_ in SCENE_PREPOSITIONS:
            gov = head.head
            if gov.pos_ == "VERB":
                if gov.lemma_.lower() in NOT_SCENE_VERBS:
                    return None  # "she was born in Melbourne": where someone comes from, not where things happen
                return "statement" if gov.lemma_.lower() in REPORT else "event"
            if gov.pos_ in ("NOUN", "PROPN") and gov.lower_ in EVENT_NOUNS:
                return "event"
            if gov.pos_ == "NOUN" and gov.dep_ in ("dobj", "nsubjpass"):
                tok = gov  # "struck an apartment building in Ganja": where the building is struck
                continue
            return None
        if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in EVENT_VERBS:
            return "event"
        if tok.dep_ == "compound" and head.lower_ in EVENT_NOUNS:  # "the Moscow talks"
            return "event"
        return None
    return None


def _body_as_place(span) -> bool:
    """Whether a body of states ("the EU") is named as the territory of its members, the object of a
    preposition of place ("in the EU", "across the EU"); elsewhere it is the body that acts ("EU ministers
    met", "the EU said", "join the EU", "leave the European Union"), an organisation and no place on the map."""
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head  # "in Britain and the EU"
    return tok.dep_ == "pobj" and tok.head.lower_ in SCENE_PREPOSITIONS  # "prices in the EU", "outside the EU"


def _roles(doc, places: list[Place], bodies: frozenset[str] | set[str] = frozenset()) -> dict[tuple[int, int], tuple[str, float, bool]]:
    """Each mention's role (one of ``model.PLACE_ROLES``), how much it says that the events happen there, and
    whether it names a literal place the text is about (not a jurisdiction in a title: "the Mayor of Leeds").
    A body of states (``bodies``: place ids) named as the body that acts is part of the name of an
    organisation, not a place: "in-name"."""
    text = text_of(doc)
    datelines = _dateline_spans(doc)
    lead_end = 0
    for k, sent in enumerate(doc.sents):
        lead_end = sent.end_char
        if k + 1 >= LEAD_SENTENCES:
            break
    out = {}
    for p in places:
        for (s, e), given in zip(p.mentions, p.roles or [""] * len(p.mentions)):
            span = doc.char_span(s, e, alignment_mode="expand")
            lead = LEAD_FACTOR if s < lead_end else 1.0
            if given == "demonym":
                out[(s, e)] = ("demonym", 0.0, False)
                continue
            if any(a <= s and e <= b for a, b in datelines):
                out[(s, e)] = ("scene", SCENE_WEIGHT["dateline"] * lead, True)
                continue
            if _in_name(doc, s, e, span) or p.id in bodies and not _body_as_place(span):
                out[(s, e)] = ("in-name", 0.0, False)
                continue
            if _in_title(doc, span):
                out[(s, e)] = ("in-name", 0.0, False)  # a jurisdiction, part of how a person is called: off the page
                continue
            why = _scene_of(doc, span)
            out[(s, e)] = ("scene", SCENE_WEIGHT[why] * lead, True) if why else ("mentioned", 0.0, True)
    return out


def _near(a: Place, b: Place) -> bool:
    """One scene: a country and a place in it, or two places within ``SCENE_KM``."""
    if a.kind == "country" or b.kind == "country":
        return a.country is not None and a.country == b.country
    return gazetteer.km(a.lat, a.lon, b.lat, b.lon) <= SCENE_KM


def focus(places: list[Place], weights: dict[str, float] | None = None,
          literal: dict[str, int] | None = None, broad: set[str] | frozenset[str] = frozenset()) -> Place | None:
    """The place where the article's events happen: of the places of events (datelines, places of
    event verbs and nouns, each weighing more in the lead), the scene that gathers the most weight,
    and in it the most specific place ("Stepanakert", not "Azerbaijan" around it). Without any
    place of events, the most specific place below a country that the text names literally (``literal``:
    mentions by place id, a jurisdiction in a title not counted) at least FALLBACK_MENTIONS times; else
    none: no focus is better than a wrong one. Never a demonym or a place inside another name; never a
    country only because it is named most, and never a place wider than a country (``broad``: place ids)."""
    shown = [p for p in places if p.pinned and p.id not in broad]
    if not shown:
        return None
    weights = weights or {}
    scene = [p for p in shown if weights.get(p.id, 0.0) > 0]
    total = {p.id: sum(weights[q.id] for q in scene if q is p or _near(p, q)) for p in scene}
    if scene and max(total.values()) >= FOCUS_MIN_WEIGHT:
        top = max(scene, key=lambda p: (total[p.id], weights[p.id], -p.mentions[0][0]))
        inside = [p for p in scene if p is top or _near(p, top)]
        return max(inside, key=lambda p: (weights[p.id] * (1 + SPECIFIC_BONUS * SPECIFICITY.get(p.kind, 1.0)),
                                          total[p.id], -p.mentions[0][0]))
    first = min(p.mentions[0][0] for p in shown if p.mentions) if any(p.mentions for p in shown) else 0

    def named(p: Place) -> int:
        if literal is not None:
            return literal.get(p.id, 0)
        return sum(r in PINNED_ROLES for r in p.roles) if p.roles else len(p.mentions)

    def weight(p: Place) -> float:
        early = 1.0 if p.mentions and p.mentions[0][0] - first < 400 else 0.0
        return named(p) * SPECIFICITY.get(p.kind, 1.0) + early + p.confidence * 0.1

    candidates = [p for p in shown if p.kind != "country" and named(p) >= FALLBACK_MENTIONS]
    return max(candidates, key=weight) if candidates else None


def locate(doc, context: list[str] | None = None) -> tuple[list[Place], str | None]:
    """The places of ``doc``, each mention with its role, and the id of the focus place (see :func:`focus`)."""
    found, bodies, broad = _extract(doc, context)
    roles = _roles(doc, found, bodies)
    weights: dict[str, float] = {}
    literal: dict[str, int] = {}
    for p in found:
        p.roles = [roles[m][0] for m in p.mentions]
        weights[p.id] = sum(roles[m][1] for m in p.mentions)
        literal[p.id] = sum(roles[m][2] for m in p.mentions)
    chosen = focus(found, weights, literal, broad)
    return found, chosen.id if chosen else None
