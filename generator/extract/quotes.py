"""Quotes: what was said, by whom, with the reporting verb.

Two kinds are kept, as in news-attribution corpora such as PolNeAR:

* ``direct``: a whole statement inside quote marks ("... ," Lavrov said.). Parts of
  one statement broken by "he said" are one quote, and so is a paragraph whose
  quote is left open and reopened at the start of the next paragraph.
* ``mixed``: reported speech with a quoted phrase inside (Trump insisted that he
  has "expanded the party"). The whole reported statement is the quote, from the
  start of the reporting verb's complement (usually "that") to the end of the
  quoted words or of the clause.

Offsets: ``start``/``end`` cover the quote including its outer quote marks, and
``text`` is ``article.text[start:end]`` with the outer quote marks and the
trailing comma removed (marks inside a mixed quote are kept). A quoted phrase
with no reporting verb and no clear speaker (a scare quote, a title) is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import wordlists
from ..nlp import text_of
from ..model import Party, Quote
from . import speakers as sp
from .actors import Actors

SPEECH = wordlists.speech_verbs()
REPORT = SPEECH["report"]
"""Verbs that report speech (data/speech_verbs.tsv, the one list of them)."""
WEAK = SPEECH["weak"]
"""Verbs that report speech only sometimes ("talks began"): a cue when nothing stronger governs."""
SAID_FORMS = SPEECH["form"]
"""Written forms of reporting verbs that make the "he said" breaking a quote ("according" too)."""
REPORT_NOUNS = {
    "statement", "claim", "remark", "comment", "promise", "pledge", "warning", "accusation", "assertion",
    "suggestion", "argument", "insistence", "message", "vow", "charge", "contention", "declaration",
    "words", "view", "belief", "response", "answer", "reply", "tweet", "post", "quote", "line", "call",
    "conclusion", "assessment", "description", "characterization", "finding", "allegation", "criticism",
    "complaint", "demand", "request", "observation", "prediction", "explanation", "admission", "denial",
    "boast", "plea", "ruling", "verdict", "announcement", "assurance", "threat", "insult",
}
OPENERS = "“«„"
CLOSERS = "”»"
QUOTE_MARK = re.compile("[" + re.escape(OPENERS + CLOSERS + "\"‘’'") + "]")
"""The only characters :func:`segments` acts on."""
WORD = re.compile(r"\w")
TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
SIGNATURE = re.compile(r"[^\S\n]*\n*[^\S\n]*[-―—–]+[^\S\n]*([A-Z][^,.\n(]{1,60}?)\s*(?=[,.(\n]|$)")
"""A signature after a quote: a dash and a name, with any spaces (no-break ones too) around the dash."""
LABEL = re.compile(r"(?:^|(?<=[.!?\n\"”]\s)|(?<=\n))\s*([A-Z][\w.’' -]{1,40}?)\s*:\s*$")
DASH_LABEL = re.compile(r"\s[-–—]+\s*([A-Z][\w.’']*(?:[ -](?:and )?[A-Z][\w.’']*){0,5})\s*:\s*$")
"""A source named after a dash and before a colon, as digests give it: 'Polls were right - Ann Lee: "..."'."""
SENT_END_RAW = re.compile(r"[.!?][\"”’»)]*\s+")
ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gov|Sen|Rep|Gen|Lt|Col|Rev|Sgt|Capt|Prof|Inc|Co|Corp|No|vs|Ft|Mt|Maj|Adm|Pres|Atty|Supt|Lt\.Gov))$")


class _SentEnds:
    """Sentence ends by punctuation, skipping abbreviations ("Mr.", "George W. Bush") and any end
    that the next word, in lower case, belies."""

    def finditer(self, text, start, end):
        for m in SENT_END_RAW.finditer(text, start, end):
            if m.group()[0] == "." and ABBREV.search(text[max(0, m.start() - 6):m.start()]):
                continue
            if text[m.end():m.end() + 1].islower():
                continue  # "Rep. Lee (D-Md.) said": no sentence starts in lower case
            yield m

    def search(self, text, start, end):
        return next(self.finditer(text, start, end), None)

    def findall(self, text):
        return list(self.finditer(text, 0, len(text)))


SENT_END = _SentEnds()



@dataclass
class Segment:
    """Text between one pair of quote marks (``start``/``end`` include the marks)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    continues: bool = False  # left open at the end of a paragraph, reopened in the next one
    single: bool = False


@dataclass
class Unit:
    segments: list[Segment] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text + "\n"):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    return out


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def segments(text: str) -> list[Segment]:
    """Pairs of quote marks, paragraph by paragraph; never fails on stray or odd marks.

    Straight double marks open or close by their neighbours; curly single marks
    count as quotes only outside double quotes, when ‘ or ' follows a space and
    a matching ’ or ' is followed by a non-letter (so don’t and Azerbaijan’s stay
    apostrophes).
    """
    out: list[Segment] = []
    paras = paragraphs(text)
    in_tag = set()  # marks inside markup (<tweet author="...">) are not quotes
    for m in TAG.finditer(text):
        in_tag.update(range(m.start(), m.end()))
    for pi, (ps, pe) in enumerate(paras):
        open_at = None
        single_at = None
        para_segs: list[Segment] = []
        for qm in QUOTE_MARK.finditer(text, ps, pe):  # every other character leaves the state as it is
            i = qm.start()
            ch = text[i]
            if i in in_tag:
                continue
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            if ch in OPENERS and open_at is not None and not prev.isspace() and (nxt.isspace() or i + 1 >= pe):
                ch = CLOSERS[0]  # “It's unusual,“ said Lee: an opening mark typed where the quote closes
            if ch in OPENERS or (ch == '"' and open_at is None):
                if ch == '"' and (nxt.isspace() and not prev.isspace()):
                    continue  # a stray closing mark
                if open_at is not None:  # an opening mark while open: the earlier quote was never closed
                    if i - open_at > 1:
                        para_segs.append(Segment(open_at, i, open_at + 1, i, False))
                open_at, single_at = i, None
            elif ch in CLOSERS or ch == '"':
                if open_at is None:
                    continue
                if ch == '"' and prev.isspace() and not nxt.isspace() and i + 1 < pe:
                    # looks like an opening mark: the earlier quote was never closed
                    para_segs.append(Segment(open_at, i, open_at + 1, i, False))
                    open_at = i
                    continue
                para_segs.append(Segment(open_at, i + 1, open_at + 1, i, True))
                open_at = None
            elif open_at is None and ch in "‘'" and (prev.isspace() or prev in "([—–-:") and _is_letter(nxt):
                single_at = i
            elif open_at is None and single_at is not None and ch in "’'" and not _is_letter(nxt) \
                    and not prev.isspace() and i - single_at > 2:
                para_segs.append(Segment(single_at, i + 1, single_at + 1, i, True, single=True))
                single_at = None
        if open_at is not None:
            end = pe
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            seg = Segment(open_at, end, open_at + 1, end, False)
            nxt_para = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt_para is not None:
                first = text[nxt_para[0]:nxt_para[1]].lstrip()[:1]
                seg.continues = first in OPENERS or first == '"'
            para_segs.append(seg)
        out.extend(s for s in para_segs if WORD.search(text[s.inner_start:s.inner_end]))
    return out


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding ``pos`` begins (by punctuation, within the paragraph)."""
    para = text.rfind("\n", 0, pos) + 1
    start = max(para, floor)
    for m in SENT_END.finditer(text, start, pos):
        start = m.end()
    return start


def _sentence_end(text: str, pos: int, ceiling: int) -> int:
    para = text.find("\n", pos)
    para = len(text) if para < 0 else para
    m = SENT_END.search(text, pos, min(para, ceiling))
    return m.start() + 1 if m else min(para, ceiling)


def _is_statement(text: str, seg: Segment, prev_end: int) -> bool:
    """Does the quote stand as a statement of its own, rather than a phrase inside a sentence?"""
    s0 = _sentence_start(text, seg.start, prev_end)
    before = text[s0:seg.start].strip().lstrip("([—–- ")
    inner = text[seg.inner_start:seg.inner_end].strip()
    after = text[seg.end:seg.end + 3].lstrip(" ")
    if not before and not re.search(r"[.,!?…—–-]\W*$", inner) and after[:1].isalpha():
        return False  # '"Containment" has been policy': a quoted word used in the sentence
    if not before or before.endswith((":", "—", "–")):
        return True
    if before.endswith(",") and len(before.split()) <= 8:
        return True  # He said, "..." / According to Lavrov, "..."
    return len(inner.split()) >= 8 and inner[:1].isupper() and bool(re.search(r"[.!?,]\W*$", inner))


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def _after_recipient(verb, child) -> int:
    """Where what was told starts after a named recipient the parse ran into it: "told BBC News
    people's lives 'revolved around hunting'" is told to BBC News, about people's lives."""
    doc = verb.doc
    k = verb.i + 1 + (verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "the")
    if verb.lemma_ != "tell" or k >= len(doc) or doc[k].ent_iob_ != "B" or doc[k].ent_type_ not in (
            "ORG", "PERSON", "NORP", "GPE"):
        return 0
    end = k + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end >= child.i or doc[end].lower_ in ("'s", "’s"):
        return 0
    return doc[end].idx


def _cue_for(doc, seg_span, inside, bounds=(0, 1 << 30)) -> tuple[object | None, object | None]:
    """The reporting verb the quote hangs on, and the child of it on the way to the quote.

    The walk goes up the parse to the top of the clause chain (not out of a relative
    clause) and keeps the highest reporting verb: in "Lavrov said that both sides had
    agreed to 'begin talks'" the speaker is Lavrov, not the sides. It stays inside
    the sentence ``bounds`` (by punctuation): the parser sometimes hangs a quote that
    ends a sentence on the "said" of the next one.
    """
    heads = [t for t in seg_span if not inside(t.head.idx) or t.head == t]
    for t in heads:
        node, child = t.head, t
        found = []
        for _ in range(12):
            if not bounds[0] <= node.idx < bounds[1]:
                break
            if not inside(node.idx) and ((node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in REPORT)
                                         or (node.pos_ == "NOUN" and node.lemma_.lower() in REPORT_NOUNS)):
                found.append((node, child))
            verbs_found = [f for f in found if f[0].pos_ != "NOUN" and _cue_subject(f[0]) is not None]
            if node.head == node or (verbs_found and node.dep_ not in (
                    "ccomp", "xcomp", "pcomp", "prep", "pobj", "dobj", "acomp", "attr", "oprd")):
                break
            node, child = node.head, node
        # a verb with a speaker beats one without ("a gesture intended to highlight 'x'", Frazier said)
        said = [f for f in found if _cue_subject(f[0]) is not None] or found
        strong = [f for f in said if f[0].lemma_.lower() not in WEAK]
        if strong or said:
            return (strong or said)[-1]
    return None, None


def _goes_on(tok, child) -> bool:
    """Does ``tok``, after a comma that follows a quote, continue the reported clause under ``child``?
    A conjunction does when the parse hangs it inside that clause; one that joins a second verb to the
    reporting verb ('said the cuts were "cruel", and called for a vote') is the reporter's."""
    if tok.lower_ not in ("and", "but", "or"):
        return False
    if not child.left_edge.i <= tok.head.i <= child.right_edge.i:
        return False
    # '... "cruel", and called for a vote' parsed inside the clause: a second reporting verb with no
    # subject of its own, in the reporting verb's form, is still what the reporter says the speaker did
    joined = next((c for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i), None)
    verb = child.head
    return not (joined is not None and joined.lemma_.lower() in REPORT and joined.tag_ == verb.tag_
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in joined.children))


def _cue_subject(verb, inside=lambda pos: False):
    """Who speaks through a cue: its subject, a noun's possessor ("his claim"), or the
    subject of the verb it hangs on ("went on to say", "calling it"). A participle hung on a
    reported clause is the reporter's ("Lee argued that the plan would fail, saying ...": Lee)."""
    subj = _subjects(verb, inside)
    if not subj and verb.pos_ == "NOUN":
        subj = [c for c in verb.children if c.dep_ == "poss"]
    first = verb
    while not subj and first.dep_ == "conj" and first.head != first:  # "Aliyev accused X of Y and said ...":
        first = first.head  # the subject is the first verb's, however long the chain
        subj = _subjects(first, inside)
    if not subj and verb.dep_ in ("xcomp", "advcl", "acl"):  # (a "conj" tried its head in the loop above)
        head = verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" \
                and head.head.lemma_.lower() in REPORT and _subjects(head.head, inside):
            head = head.head
        subj = _subjects(head, inside)
    return subj[0] if subj else None


def _subjects(verb, inside=lambda pos: False) -> list:
    """The subjects of ``verb`` outside quotes, nearest first; when the parser gives it two, not a time
    stamp or a dateline ("12:15 p.m. Donald Trump says", "LONDON (Reuters) - Donald Trump said")."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)]
    # a preposition taken for the subject ("Of Carson, Levine said"): the noun it governs is the subject
    subj = [next((o for o in c.children if o.dep_ == "pobj"), c) if c.pos_ == "ADP" else c for c in subj]
    good = [c for c in subj if c.ent_type_ not in ("TIME", "DATE") and not sp.dateline(c)]
    good.sort(key=lambda c: abs(c.i - verb.i))  # two subjects: the parser took a place before for one
    # ("in Berea, OH, ... Gov. John Kasich said"): the one nearest the verb is its subject
    if not good and subj and sp.dateline(subj[0]):  # the parser took the dateline for the subject:
        between = [c.root for c in verb.doc.noun_chunks if subj[0].i < c.start and c.end <= verb.i]
        good = between[-1:]  # the noun phrase just before the verb is
    return good or subj


SUBORDINATE = {"advcl", "relcl", "acl"}
"""Clauses hanging on a verb: a reporting verb in one ("when Boyle asked him") is not the frame."""


def _attribution(doc, lo: int, hi: int, inside, nearest_last: bool = False, any_verb: bool = False):
    """The reporting verb and its subject in the text between ``lo`` and ``hi``, outside quotes.

    Strong verbs ("said") beat weak ones ("began"); among equals the one nearest the
    quote wins (the last one when the text comes before the quote). With ``any_verb``
    (the quote ends in a comma, or a colon opens it) any verb can be the cue:
    "..., opined the Plain Dealer", "Kasich resisted: ...".
    """
    cands = []
    for t in _tokens(doc, lo, hi):
        if inside(t.idx):
            continue
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT:
            subj = _subjects(t, inside)
            if not subj and t.dep_ == "advcl" and t.tag_ == "VBG":  # "..., saying": the clause's subject
                subj = [s for s in [_cue_subject(t, inside)] if s is not None]
            cands.append((t.lemma_.lower() in WEAK, subj[0] if subj else None, t))
        elif any_verb and t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp", "parataxis", "conj"):
            subj = _subjects(t, inside)
            cands.append((True, subj[0] if subj else None, t))
        if t.lower_ == "according" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to":
            obj = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
            if obj:
                cands.append((False, obj[0], t))
    verbs = {c[2].i for c in cands}
    framing = [c for c in cands if not (c[2].dep_ in SUBORDINATE and c[2].head.i in verbs)]
    cands = framing or cands  # "..., Trump said when Boyle asked him": the frame is "said", not "asked"
    if not cands:
        return None, None
    if nearest_last:
        cands.reverse()
    with_subj = [c for c in cands if c[1] is not None]
    pick = min(with_subj or cands, key=lambda c: c[0])
    if pick[1] is None:  # the parser hung the subject on the quote ("...,” Gene Sperling said)
        return pick[2], _loose_subject(doc, lo, pick[2], inside)
    return pick[2], pick[1]


def _frame_before(doc, text: str, lo: int, inside, statement: bool = False):
    """A quote that is a sentence of its own, with no frame, right after a sentence whose main verb
    reports speech: that verb's subject speaks it ("Ann Lee praised the plan. 'It is bold.'"). Not
    when that sentence quotes someone itself. The sentence is in the same paragraph, or, for a
    ``statement`` (a quote long enough to be one) that opens its paragraph, the last sentence of
    the paragraph before ("Lee responded, saying ... .¶'We have never ...'")."""
    para = text.rfind("\n", 0, lo) + 1
    if not text[para:lo].strip():  # the quote opens its paragraph: the last sentence of the one before
        if not statement:
            return None, None
        lo = len(text[:para].rstrip())
        para = text.rfind("\n", 0, lo) + 1
        if lo <= para or text[lo - 1] in CLOSERS + "\"'’:":
            return None, None
    plo = _sentence_start(text, max(para, lo - 2), 0)
    if any(inside(i) for i in range(plo, lo)):
        return None, None  # a quote there too: the two go together or the speaker goes on
    cue, subj = _attribution(doc, plo, lo, inside, nearest_last=True)
    if cue is None or subj is None or cue.dep_ != "ROOT" or sp.is_pronoun(subj) and subj.lower_ in sp.RELATIVE:
        return None, None
    return cue, subj


def _loose_subject(doc, lo: int, verb, inside):
    """The first noun phrase between the quote and the verb, or just after the verb."""
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE") and lo <= e.start_char
            and e.end <= verb.i and not inside(e.start_char)]
    if ents:
        return ents[0].root
    chunks = [c for c in doc.noun_chunks if not inside(c.start_char) and c.sent == verb.sent]
    before = [c for c in chunks if lo <= c.start_char and c.end <= verb.i]
    if before:
        return before[0].root
    after = [c for c in chunks if c.start == verb.i + 1 or (c.start > verb.i and c.start <= verb.i + 2
                                                             and doc[verb.i + 1].is_punct is False)]
    return after[0].root if after else None


TITLE_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "is", "vs", "via", "per",
}
"""Words a title leaves in lower case ("Collapse: How Societies Choose to Fail or Succeed")."""
TITLE_CASE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case(words: str) -> bool:
    """Is a quote written as a title (every word after the first capitalised but the small ones)?
    Then it names a book, a show, a headline or a slogan: nobody is saying it."""
    found = TITLE_CASE_WORD.findall(words)
    rest = [w for w in found[1:] if w.lower() not in TITLE_SMALL_WORDS]
    return len(found) >= 2 and bool(rest) and all(w[0].isupper() for w in rest) and not words.isupper()


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and dangling commas at the edges of a span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def _quote_text(text: str, start: int, end: int) -> str:
    """The quote's words: the span without its outer quote marks and trailing comma."""
    s = text[start:end].strip()
    if s[:1] in OPENERS + "\"‘'":
        s = s[1:]
    if s[-1:] in CLOSERS + OPENERS + "\"’'":  # (an opening mark typed as the closing one too)
        s = s[:-1]
    return s.strip().rstrip(",").strip()


def _unit_text(text: str, unit: Unit) -> str:
    """The words of a quote broken by its attribution ("A," he said. "B.") without the attribution:
    its parts joined by " … ", as an ellipsis marks words left out; parts that only run on into the
    next paragraph are joined as they stand."""
    out = _quote_text(text, unit.segments[0].start, unit.segments[0].end)
    for a, b in zip(unit.segments, unit.segments[1:]):
        part = _quote_text(text, b.start, b.end)
        out += ("\n\n" if text[a.end:b.start].strip() == "" else " … ") + part
    return out


def extract(doc, parties: list[Party], actors: Actors | None = None) -> list[Quote]:
    """The article's quotes, each with its speaker resolved through the actor model ``actors``
    (built from ``parties`` when not given)."""
    actors = actors if actors is not None else Actors(doc, parties)
    text = text_of(doc)
    if not text.strip():
        return []
    # TODO(issue 18, reader comments): BBC pages end with readers' comments ("Have your say", a name and a
    # town under each). The layout component (nlp.layout) is to mark where the article's own text ends;
    # when it does, keep only the quotes before that end (and so the speakers "it said" can reach). No
    # detector of our own here: one decision, made once, in the layout.
    segs = segments(text)
    if not segs:
        return []
    quoted = [(s.inner_start, s.inner_end) for s in segs]

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in quoted)

    # units of direct speech: reopened paragraphs and quotes broken by a short "he said"
    units: list[Unit] = []
    kinds: list[str] = []
    prev_end = 0
    for seg in segs:
        statement = _is_statement(text, seg, prev_end)
        last = units[-1] if units else None
        if last is not None and kinds[-1] == "direct" and statement:
            tail = last.segments[-1]
            gap = text[tail.end:seg.start]
            if (tail.continues and not tail.closed and gap.strip() == "") or \
                    ("\n" not in gap and _short_attribution(gap) and not _new_sentence(text, tail, gap)) or \
                    _goes_on_next_paragraph(text, segs, tail, seg, gap):
                last.segments.append(seg)
                prev_end = seg.end
                continue
        units.append(Unit([seg]))
        kinds.append("direct" if statement else "embedded")
        prev_end = seg.end

    history: list[sp.Speaker] = actors.spoke  # the speakers so far, which "it said" and positions read
    last_speaker = None
    said_after = False  # the last mixed quote's reporting verb follows it ('Lee "wavered," Baird said.')
    out: list[Quote] = []
    for unit, kind in zip(units, kinds):
        first = unit.segments[0]
        cue = subj = None
        start, end = unit.start, unit.end
        if kind == "direct":
            # the attribution: inside the gaps, then after the quote, then before it in the sentence
            for a, b in zip(unit.segments, unit.segments[1:]):
                cue, subj = _attribution(doc, a.end, b.start, inside)
                if subj is not None:
                    break
            if subj is None:
                hi = _sentence_end(text, unit.end, len(text))
                after = text[unit.end:hi].strip()
                inner = text[unit.segments[-1].inner_start:unit.segments[-1].inner_end].rstrip().rstrip("’'\"”")
                open_end = inner.endswith((",", "—", "–", "?", "!", "…"))
                if open_end or after[:1].islower() or len(after.split()) <= 8:
                    cue2, subj2 = _attribution(doc, unit.end, hi, inside, any_verb=inner.endswith(","))
                    near = cue2 is not None and len(text[unit.end:cue2.idx].split()) <= 15
                    if subj2 is not None and (near or not inner.endswith(("?", "!"))):
                        cue, subj = cue2, subj2
                    elif cue is None and near:
                        cue = cue2
            if subj is None:  # a signature: "..." - Sanders. / "..." ― Beck Pimentel
                m = SIGNATURE.match(text, unit.end)
                if m:
                    sig = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
                    if sig is not None and len(sig) and any(t.text[:1].isupper() for t in sig):
                        subj = sig.root
            if subj is None:
                lo = _sentence_start(text, unit.start, 0)
                if lo == unit.start:  # "Lavrov said:" ending the sentence before
                    pstart = _sentence_start(text, max(0, lo - 2), 0)
                    if text[pstart:lo].rstrip().endswith(":"):
                        lo = pstart
                dash = DASH_LABEL.search(text, lo, unit.start)
                sig = dash and doc.char_span(dash.start(1), dash.end(1), alignment_mode="expand")
                cue1, subj1 = (None, sig.root) if sig else \
                    _attribution(doc, lo, unit.start, inside, nearest_last=True,
                                 any_verb=text[lo:unit.start].rstrip().endswith(":"))
                if subj1 is not None:
                    cue, subj = cue1, subj1
                elif cue is None:
                    cue = cue1
                label = LABEL.search(text, lo, unit.start)
                if subj is None and cue1 is None and label:  # a transcript label: Clinton: "..."
                    sig = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
                    if sig is not None and len(sig):
                        subj = sig.root
                if subj is None and cue is None and lo == unit.start:
                    cue, subj = _frame_before(doc, text, lo, inside,
                                              len(_quote_text(text, unit.start, unit.end).split()) >= 12)
        else:
            seg_span = _tokens(doc, first.inner_start, first.inner_end)
            inner = text[first.inner_start:first.inner_end].rstrip()
            s_hi = first.end if inner.endswith((".", "!", "?")) and not first.single else \
                _sentence_end(text, first.end, len(text))
            bounds = (_sentence_start(text, first.start, 0), s_hi)
            verb, child = _cue_for(doc, seg_span, lambda p: first.inner_start <= p < first.inner_end, bounds)
            if verb is None:
                continue  # a scare quote or a title: no one is clearly speaking
            if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "prep" and child.i < verb.i):
                continue  # quoted words in who speaks ('the authors of "Growth", said') or in an adjunct
                # before the verb ('On "The Show," she said'): a name, not what was said
            cue = verb
            subj = _cue_subject(verb)
            lo = child.left_edge.idx if child.i > verb.i else first.start
            comps = [c for c in verb.rights if c.dep_ in ("ccomp", "xcomp", "dobj", "obj", "dep", "oprd", "nmod", "attr")
                     and c.i <= child.i and c.lower_ not in ("'s", "’s")]  # "told BBC Radio 4's Today the ...": no object
            if len(comps) > 1 and comps[0].dep_ in ("dobj", "obj") and comps[1].dep_ == "ccomp":
                comps = comps[1:]  # "told a town hall that ...": the object is who was told, the clause what
            if comps and comps[0].dep_ in ("dobj", "obj") and child.dep_ in ("ccomp", "xcomp") \
                    and comps[0] != child:
                # "urged voters to 'stay home'", "is telling diners in Ames
                # that 'I need you'": who was urged or told is not what was said
                comps = [c for c in comps if c.i >= child.i]
            if comps and child.i > verb.i:  # "says that X, but instead Y 'quote'" starts at "that"
                lo = min(lo, comps[0].left_edge.idx)
            lo = max(lo, verb.idx + len(verb.text), _after_recipient(verb, child))
            right = child.right_edge
            hi = max(first.end, right.idx + len(right.text))
            hi = min(hi, _sentence_end(text, first.end, len(text)))
            if hi > first.end and text[first.inner_start:first.inner_end].rstrip().endswith((",", ";")):
                # 'that he has "expanded the party," claiming that ...': the comma inside the marks ends the
                # statement when what follows is hung outside the reported clause, or is a participle of
                # another reporting verb (the reporter's account of a second act, wherever the parse hangs it)
                nxt = [t for t in _tokens(doc, first.end, hi) if not t.is_space]
                if nxt and (not child.left_edge.i <= nxt[0].i <= child.right_edge.i
                            or (nxt[0].tag_ == "VBG" and nxt[0].lemma_.lower() in REPORT)):
                    hi = first.end
            for tail in re.finditer(r"[,;:(—–]|\s-\s", text[first.end:hi]):
                # the statement ends with the quoted words; what follows a comma or dash is comment,
                # unless it goes on with the reported clause ("... with 'bemused interest,' and there was")
                nxt = _tokens(doc, first.end + tail.end(), hi)
                nxt = [t for t in nxt if not t.is_space]
                if not nxt or not _goes_on(nxt[0], child):
                    hi = first.end + tail.start()
                    break
            start, end = _clean(text, lo, max(hi, first.end))
            if child.i < verb.i:  # the statement comes before the verb: the clause, from its start to its
                # end, which may run past the quoted words ('X became "wary" of Y, Lee said' is all Lee's)
                s0 = max(child.left_edge.idx, _sentence_start(text, first.start, 0))
                right = child.right_edge
                e0 = right.idx + len(right.text) if right.i < verb.i else first.end
                start, end = _clean(text, s0, max(first.end, min(e0, _sentence_end(text, first.end, len(text)))))
            if start >= end:
                continue
        if _title_case(_quote_text(text, start, end)):
            continue  # a title: nobody says it, and nobody speaks on through it
        if kind == "direct" and subj is None and out and out[-1].kind == "mixed" and said_after \
                and "\n" not in text[out[-1].end:start] and _short_attribution(text[out[-1].end:start]):
            # 'Lee "apologized twice," Baird said. "It is time to move on."': one statement broken by its
            # attribution, as a direct quote can be; the speaker of the first part goes on
            out[-1].end = end
            out[-1].text += " … " + _unit_text(text, unit)
            continue
        speaker = _speaker(doc, subj, history, inside, parties, actors)
        words = len(_quote_text(text, start, end).split())
        if kind == "direct" and subj is None and cue is None and words < 12:
            continue  # a short phrase in quote marks with nobody saying it
        if speaker is None and kind == "direct" and out and out[-1].speaker_name and last_speaker is not None:
            # an unattributed quote goes on with the speaker quoted just before, in this or the last paragraph
            between = text[out[-1].end:start]
            if len(re.findall(r"\n+", between)) <= 2 and len(between.split()) <= 80:
                speaker = last_speaker
        if speaker is None and kind == "direct":  # the person the paragraph before is about
            tok = _tokens(doc, first.inner_start, first.inner_end)
            if len(tok):
                found = sp.antecedent(tok[0].doc[tok[0].i], history, inside, person_for=True, parties=parties,
                                      actors=actors)
                if found is not None:
                    speaker = sp.Speaker(found.start, found.end, found.name,
                                         sp.party_for(found.start, found.end, found.name, parties))
        if speaker is not None:
            last_speaker = speaker
        if kind != "direct" and speaker is None:
            continue
        if kind != "direct" and words < 3:
            continue
        if speaker is not None:
            history.append(speaker)
        q_text = _unit_text(text, unit) if kind == "direct" and (start, end) == (unit.start, unit.end) \
            else _quote_text(text, start, end)
        if not q_text or _title_case(q_text):
            continue
        if out and start < out[-1].end:  # two quoted phrases in one reported statement
            if end > out[-1].end:
                out[-1].end = end
                out[-1].text = _quote_text(text, out[-1].start, end)
            continue
        said_after = kind != "direct" and cue is not None and cue.idx >= end and text[end - 1] in CLOSERS + "\"'’"
        out.append(Quote(text=q_text, start=start, end=end,
                         speaker=speaker.party.id if speaker and speaker.party else None,
                         speaker_name=speaker.name if speaker else None,
                         cue=cue.text if cue is not None else None,
                         kind="direct" if kind == "direct" else "mixed"))
        if speaker is not None and speaker.voice is not None:
            actors.voiced[start] = speaker.voice.id
    return out


def _goes_on_next_paragraph(text: str, segs: list[Segment], tail: Segment, seg: Segment, gap: str) -> bool:
    """'"A," Lee told reporters.¶"B."': a paragraph that ends with the attribution of its quote, then
    a paragraph that is a quote with no attribution of its own; the second goes on with the first."""
    first, _, rest = gap.partition("\n")
    if not rest or rest.strip() or not first.strip() or not _short_attribution(first):
        return False
    if not text[tail.inner_start:tail.inner_end].rstrip().endswith((",", "?", "!")):
        return False  # the attribution finishes the quoted sentence ("...," she said.)
    end = text.find("\n", seg.start)
    end = len(text) if end < 0 else end
    if (sig := SIGNATURE.match(text, seg.end)) and "\n" in sig.group():
        return False  # signed: "- Governor Tom Baird"
    outside, pos = [], seg.start
    for s in segs:
        if seg.start <= s.start < end:
            outside.append(text[pos:s.start])
            pos = s.end
    outside.append(text[pos:end])
    return not any(w.lower().strip(",.;:") in SAID_FORMS for w in " ".join(outside).split())


def _new_sentence(text: str, seg: Segment, gap: str) -> bool:
    """Does the attribution after the quoted sentence ``seg`` open a sentence of its own ("...
    done." She added, "...")? Then what follows is a new quote, not the rest of this one."""
    inner = text[seg.inner_start:seg.inner_end].rstrip()
    return inner.endswith(".") and gap.strip()[:1].isupper()


def _short_attribution(gap: str) -> bool:
    """Is the text between two quoted parts just 'he said' or 'said Lavrov, adding'?"""
    g = gap.strip().strip(",.;:—– ")
    if not g:
        return True
    if g.endswith(":") or gap.strip().endswith(":"):
        return False  # a new speaker is being introduced
    words = g.split()
    said = sum(w.lower().strip(",.") in SAID_FORMS for w in words)
    return len(words) <= 30 and said == 1 and len(SENT_END.findall(g + " ")) <= 1


def _speaker(doc, subj, history, inside, parties, actors: Actors) -> sp.Speaker | None:
    if subj is None:
        return None
    if sp.is_pronoun(subj):
        found = sp.antecedent(subj, history, inside, parties=parties, actors=actors)
        if found is None:
            return None
        party = found.party or sp.party_for(found.start, found.end, found.name, parties)
        return sp.Speaker(found.start, found.end, found.name, party)
    np = sp.noun_phrase(subj)
    name = sp.name_of(np)
    # a title alone ("the prime minister") is the one person the article gives it (the actor model);
    # the name shown stays the article's words, the party is that person
    party = sp.party_for(np.start_char, np.end_char, name, parties)
    if party is None or party.kind != "person":  # "Ghana's trade minister": the one holder, not Ghana
        party = actors.titled(np) or party
    voice = actors.voice(np)
    if voice is not None:  # "the prime minister's spokesman said": his words, counted for whom he speaks
        return sp.Speaker(np.start_char, np.end_char, actors.voice_name(np, voice) or name, None, voice)
    return sp.Speaker(np.start_char, np.end_char, name, party)
