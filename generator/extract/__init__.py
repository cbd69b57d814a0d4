"""Extraction: one spaCy Doc of an article in, its Facts out.

Each kind of fact has its own module; they run in the order below because later
ones build on earlier ones (the actor model needs parties, quotes need the actors
to name speakers, positions need actors and quotes; the principal parties are
decided last, from what each party says).
"""
from __future__ import annotations

from ..model import Article, Facts
from . import actors, figures, parties, places, positions, quotes, sentences, summary, timeline

# Cached facts are keyed on the digest of the code and data that make them (versions.LAYERS["extraction"]):
# nothing to bump by hand.


def extract(doc, article: Article) -> Facts:
    facts = Facts(article=article, sentences=sentences.split(doc))
    facts.places, facts.focus = places.locate(doc)
    facts.parties = parties.extract(doc, facts.places)
    model = actors.Actors(doc, facts.parties)  # who each mention stands for: once, for every stage
    facts.quotes = quotes.extract(doc, facts.parties, model)
    facts.positions = positions.extract(doc, facts.parties, facts.quotes, model)
    parties.mark_shown(doc, facts.parties, facts.quotes, facts.positions)
    actors.decide(facts)  # whom each party speaks for, the principal parties and people: stored
    facts.timeline = timeline.extract(doc, article.published)
    facts.figures = figures.extract(doc)
    facts.summary = summary.extract(doc, facts.sentences)
    return facts
