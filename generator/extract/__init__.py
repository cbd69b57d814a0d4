"""Extraction: one spaCy Doc of an article in, its Facts out.

Each kind of fact has its own module; they run in the order below because later
ones build on earlier ones (quotes need parties to name speakers, positions
need parties and quotes).
"""
from __future__ import annotations

from ..model import Article, Facts
from . import figures, parties, places, positions, quotes, sentences, summary, timeline

VERSION = "53"
"""Bump when any extractor or the story features (stories.features_from_doc) change what they
return: cached facts and features are then redone."""


def extract(doc, article: Article) -> Facts:
    facts = Facts(article=article, sentences=sentences.split(doc))
    facts.places, facts.focus = places.locate(doc)
    facts.parties = parties.extract(doc, facts.places)
    facts.quotes = quotes.extract(doc, facts.parties)
    facts.positions = positions.extract(doc, facts.parties, facts.quotes)
    facts.timeline = timeline.extract(doc, article.published)
    facts.figures = figures.extract(doc)
    facts.summary = summary.extract(doc, facts.sentences)
    return facts
