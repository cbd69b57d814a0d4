"""The quality gate: extraction scored on our own gold set, against floors pinned in floors.json.

The metrics are simple on purpose (see tests/gold/README.md): a quote is found when a
predicted quote contains its snippet; a place when a predicted place has a mention with its
name and lies within its tolerance; a party when a party's name or alias contains it.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from generator import ingest
from generator.extract import extract
from generator.nlp import layout_of

GOLD_DIR = Path(__file__).parent / "gold"
GOLD = json.loads((GOLD_DIR / "gold.json").read_text())
FLOORS = json.loads((GOLD_DIR / "floors.json").read_text())


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(facts, gold, layout) -> dict[str, tuple[int, int]]:
    """(hits, total) per metric for one article (``layout``: its nlp.Layout)."""
    text = facts.article.text
    names = {p.id: " ".join([p.name, *p.aliases]).lower() for p in facts.parties}
    out: dict[str, tuple[int, int]] = {}

    found = speaker_ok = 0
    matched_preds = set()
    for snippet, speaker in gold["quotes"]:
        hit = next((i for i, q in enumerate(facts.quotes) if snippet.lower() in q.text.lower()), None)
        if hit is None:
            continue
        found += 1
        matched_preds.add(hit)
        q = facts.quotes[hit]
        said = f"{q.speaker_name or ''} {names.get(q.speaker, '')}".lower()
        speaker_ok += speaker.lower() in said
    out["quote_recall"] = (found, len(gold["quotes"]))
    out["quote_precision"] = (len(matched_preds), len(facts.quotes))
    out["speaker_accuracy"] = (speaker_ok, found)

    surfaces = {}
    for p in facts.places:
        for s, e in p.mentions:
            surfaces.setdefault(norm(text[s:e]), p)
        surfaces.setdefault(norm(p.name), p)
    place_found = place_near = 0
    for name, (lat, lon, tol) in gold["places"].items():
        p = surfaces.get(norm(name))
        if p is None or p.lat is None:
            continue
        place_found += 1
        place_near += km(lat, lon, p.lat, p.lon) <= tol
    gold_names = {norm(n) for n in gold["places"]}
    predicted = {norm(text[s:e]) for p in facts.places for s, e in p.mentions}
    out["place_recall"] = (place_found, len(gold["places"]))
    out["place_accuracy"] = (place_near, place_found)
    out["place_precision"] = (len(predicted & gold_names), len(predicted))

    all_names = " | ".join(names.values())
    out["party_recall"] = (sum(n.lower() in all_names for n in gold["parties"]), len(gold["parties"]))
    role_ok = 0
    for person, role in gold["roles"].items():
        p = next((p for p in facts.parties if person.lower() in " ".join([p.name, *p.aliases]).lower()), None)
        role_ok += bool(p and p.role and role in p.role.lower())
    out["role_accuracy"] = (role_ok, len(gold["roles"]))

    dates = [e.date for e in facts.timeline]
    out["date_recall"] = (sum(any(d == g for d in dates) for g in gold["dates"]), len(gold["dates"]))
    figures = " | ".join(f.text for f in facts.figures).lower()
    out["figure_recall"] = (sum(f.lower() in figures for f in gold["figures"]), len(gold["figures"]))
    out["summary_leads"] = (int(_opens_with_lead(facts, text, layout) and 2 <= len(facts.summary) <= 5), 1)
    return out


def _opens_with_lead(facts, text: str, layout) -> bool:
    """The summary's first sentence is the lead: the text's first sentence, read past its dateline only
    ("OSLO — The leaders agreed ..." leads with "The leaders agreed ...")."""
    if not facts.summary:
        return False
    (start, end), lead = facts.summary[0], facts.sentences[0]
    skipped = text[lead.start:start]
    past_dateline = layout.dateline is not None and text[layout.dateline[0]:layout.dateline[1]].strip() == skipped.strip()
    return text[start:end].strip() == text[lead.start:lead.end].strip()[len(skipped):].strip() and (not skipped.strip() or past_dateline)


@pytest.fixture(scope="module")
def scores(nlp):
    totals: dict[str, list[int]] = {}
    for name, gold in sorted(GOLD.items()):
        article, problems = ingest.read_article(GOLD_DIR / "articles" / name)
        assert article is not None, problems
        doc = nlp(article.text)
        for metric, (hits, total) in score(extract(doc, article), gold, layout_of(doc)).items():
            t = totals.setdefault(metric, [0, 0])
            t[0] += hits
            t[1] += total
    return {metric: ratio(*t) for metric, t in totals.items()}


def test_every_metric_has_a_floor(scores):
    assert set(scores) == set(FLOORS)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_is_at_or_above_its_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric], f"{metric} fell to {scores[metric]:.3f} (floor {FLOORS[metric]})"
