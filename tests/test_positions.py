"""Positions: who supports, opposes, demands or says what, on short texts written for these tests."""
from __future__ import annotations

from generator import nlp
from generator.extract import parties, places, positions
from generator.model import Party, Position, Quote


def run(text: str, quotes: list[Quote] | None = None) -> tuple[list[Party], list[Position]]:
    doc = nlp.load()(text)
    found = parties.extract(doc, places.extract(doc))
    return found, positions.extract(doc, found, quotes or [])


def of(found: list[Party], out: list[Position], name: str) -> list[Position]:
    pid = next(p.id for p in found if p.name == name)
    return [p for p in out if p.party == pid]


def test_possessive_stance_noun_belongs_to_the_subject():
    text = ("Serbia on Monday restated its opposition to any independence vote in Kosovo, "
            "while Albania repeated its backing for Kosovo's bid for membership of the United Nations.")
    found, out = run(text)
    serbia = of(found, out, "Serbia")
    assert any(p.stance == "opposes" and "opposition to any independence vote" in p.text for p in serbia)
    albania = of(found, out, "Albania")
    assert any(p.stance == "supports" and "backing for Kosovo" in p.text for p in albania)


def test_support_of_x_by_y_and_relative_clause_subject():
    text = ("The talks stalled because of firm support of Caracas by Cuba, which rejected calls from Brazil "
            "and Chile for new elections.")
    found, out = run(text)
    cuba = of(found, out, "Cuba")
    assert any(p.stance == "supports" and "support of Caracas by Cuba" in p.text for p in cuba)
    assert any(p.stance == "rejects" and "rejected calls" in p.text for p in cuba)
    assert any(p.stance == "demands" and "calls from Brazil" in p.text for p in of(found, out, "Brazil"))


def test_official_speaks_for_the_country():
    text = ("Ghana's foreign minister Kwame Boateng said that the border must be reopened at once. "
            "Mr Boateng said Togo had broken the agreement.")
    found, out = run(text)
    ghana = of(found, out, "Ghana")
    assert any("border must be reopened" in p.text for p in ghana)
    assert any("Togo had broken the agreement" in p.text for p in ghana)
    assert not of(found, out, "Kwame Boateng")


def test_quotes_are_positions_of_their_speaker():
    text = "“We will never give up the islands,” the Argentine president said."
    doc = nlp.load()(text)
    found = parties.extract(doc, places.extract(doc))
    argentina = next(p for p in found if p.name == "Argentina")
    q = Quote(text="We will never give up the islands,", start=1, end=35, speaker=argentina.id)
    out = positions.extract(doc, found, [q])
    assert any(p.party == argentina.id and p.text == "We will never give up the islands" for p in out)


def test_negated_support_and_agency():
    text = "Norway did not support the sanctions. The deal was brokered by Qatar."
    found, out = run(text)
    assert any(p.stance == "opposes" for p in of(found, out, "Norway"))
    assert any(p.stance == "supports" and "brokered by Qatar" in p.text for p in of(found, out, "Qatar"))


def test_offsets_match_text_and_no_holder_no_position():
    text = "Both sides are accused of shelling villages. Peru agreed to the plan."
    doc = nlp.load()(text)
    found = parties.extract(doc, places.extract(doc))
    out = positions.extract(doc, found, [])
    for p in out:
        assert text[p.start:p.end] == p.text
        assert p.evidence == [(p.start, p.end)]
    assert [p.stance for p in out] == ["agrees"]
