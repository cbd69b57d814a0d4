"""The actor model: who each mention stands for, decided once and read by quotes, positions and pages.

Sentences written for these tests (invented people and bodies, news style)."""
from __future__ import annotations

import json
from dataclasses import asdict

from generator import nlp
from generator.export import facts_to_json
from generator.extract import extract
from generator.extract.actors import Actors, decide
from generator.model import Article, Facts, Party, Position, Quote
from generator.render import pages
from generator.serialize import facts_from_dict


def facts(text: str) -> Facts:
    return extract(nlp.load()(text), Article(id="t", title="Test", text=text))


def shown_of(f: Facts, pid: str) -> list[Position]:
    return [p for p in f.positions if p.shown and pid in [p.party, *p.together]]


def test_a_title_alone_speaks_for_the_one_person_the_article_gives_it():
    f = facts("Prime Minister Ann Lee visited the flooded towns on Monday. "
              "\"We have sent every soldier we can spare,\" the prime minister said. "
              "The prime minister rejected calls for an inquiry into the delays.")
    quote = next(q for q in f.quotes if "every soldier" in q.text)
    assert quote.speaker == "ann-lee"  # "the prime minister" tagged a proper noun is still a title alone
    assert any(p.stance == "rejects" and "calls for an inquiry" in p.text for p in shown_of(f, "ann-lee"))


def test_a_title_after_the_name_and_a_pledge_by_title():
    f = facts("Ann Lee, the chancellor, will present her budget on Wednesday. "
              "The chancellor has pledged to cut fuel duty for rural drivers.")
    assert any(p.stance == "pledges" and "cut fuel duty" in p.text for p in shown_of(f, "ann-lee"))


def test_a_title_two_people_hold_is_no_one():
    doc = nlp.load()("Minister Ann Lee and Minister Tom Varga met. The minister said little.")
    people = [Party("ann-lee", "Ann Lee", "person", role="minister", mentions=[(9, 16)]),
              Party("tom-varga", "Tom Varga", "person", role="minister", mentions=[(30, 39)])]
    the_minister = doc[-5:-3]
    assert the_minister.text == "The minister"
    assert Actors(doc, people).titled(the_minister) is None


def test_a_guess_about_a_party_is_not_its_position():
    for text in ("Togo may oppose the new border rules, analysts said.",
                 "Ghana is likely to back the proposal, diplomats in Lome said.",
                 "Ghana is expected to reject the trade deal when ministers meet next week."):
        f = facts(text)
        assert not [p for p in f.positions if p.stance != "states"], text
    own = facts("Ghana said on Monday that it may reject the trade deal.")
    assert any(p.party == "ghana" for p in own.positions)  # its own word for what it may do


def test_what_a_critic_says_a_party_wants_is_not_that_partys_position():
    f = facts("Liberal critics say the Green Party wants to ban cars from city centres.")
    assert not [p for p in f.positions if p.party == "green-party"]
    kept = facts("Chile has rejected a Peruvian offer to redraw the maritime border, officials said on Monday.")
    assert any(p.party == "chile" and p.stance == "rejects" for p in kept.positions)  # its own officials


def test_a_spokesmans_words_count_for_the_party_he_speaks_for_and_name_him():
    f = facts("Mara Sten, the Green Party leader, said the Liberal Party wanted to scrap the rail subsidy.")
    sten = f.party("mara-sten")
    assert sten.speaks_for == "green-party"
    said = [p for p in f.positions if "scrap the rail subsidy" in p.text]
    assert said and all(p.party == "green-party" and p.via == "mara-sten" for p in said)
    view = pages.briefing_view(f, "t")
    card = next(g for g in view["position_groups"] if g["party"] == "Green Party")
    assert card["items"][0]["via"] == "Mara Sten"


def test_principal_parties_and_people_are_decided_in_extraction_and_stored():
    text = ("The Dockers Union rejected the port plan on Monday. Its leader, Tom Varga, said the plan "
            "would cost jobs. \"We will not accept it,\" Mr Varga said.")
    f = facts(text)
    assert f.principal and f.principal[0] == "dockers-union"
    assert f.people == ["tom-varga"]
    assert facts_to_json(f)["principal"] == f.principal  # in the JSON contract
    again = facts_from_dict(json.loads(json.dumps(asdict(f), default=str)), f.article)  # as the cache stores it
    assert (again.principal, again.people) == (f.principal, f.people)
    assert [p.id for p in pages.principal_parties(again)] == f.principal  # render reads, does not recompute
    again.positions, again.quotes = [], []
    assert [p.id for p in pages.principal_parties(again)] == f.principal
    assert decide(again).people == []  # deciding again is extraction's job


def test_an_opposition_leader_does_not_speak_for_the_country():
    f = facts("Ghana's opposition leader, Kofi Mensah, said entry to the market cannot be guaranteed. "
              "Ghana's trade minister, Ama Owusu, said the market would open in May.")
    mensah = f.party("kofi-mensah")
    assert mensah.role == "opposition leader" and mensah.speaks_for is None
    assert not [p for p in f.positions if "cannot be guaranteed" in p.text and p.party == "ghana"]
    assert any(p.party == "ghana" and "would open in May" in p.text for p in f.positions)  # a minister does


def test_a_reported_clause_opening_with_its_speakers_pronoun_takes_in_the_speaker():
    f = facts("The Dockers Union said it would reject any deal on pensions.")
    shown = [p for p in f.positions if p.shown]
    assert [(p.party, p.stance) for p in shown] == [("dockers-union", "rejects")]
    assert shown[0].text.startswith("The Dockers Union said it would reject")  # who "it" is, on the page
    other = facts("Ghana said they would never accept the new border.")
    assert not [p for p in other.positions if p.shown and p.text.startswith("Ghana said they")]


def test_a_description_alone_is_the_one_body_the_article_names_by_it():
    f = facts("The Green Party launched its manifesto in Leeds on Monday. "
              "\"We will scrap the rail subsidy,\" the party said.")
    quote = next(q for q in f.quotes if "rail subsidy" in q.text)
    assert quote.speaker == "green-party"
    two = facts("The Green Party and the Labour Party met in Leeds on Monday. "
                "\"We will scrap the rail subsidy,\" the party said.")
    assert next(q for q in two.quotes if "rail subsidy" in q.text).speaker is None  # which party: no one
    house = facts("The White House held a briefing on Monday. "
                  "\"The house will stay open to visitors,\" the house said.")
    assert next(q for q in house.quotes if "stay open" in q.text).speaker is None  # "house" heads no body's name


def test_a_spokesmans_words_are_his_shown_as_whose_spokesman_he_is():
    f = facts("Prime Minister Ann Lee visited the flooded towns on Monday. "
              "\"She will not resign over the delays,\" the prime minister's spokesman said.")
    quote = next(q for q in f.quotes if "not resign" in q.text)
    assert quote.speaker is None and quote.speaker_name == "spokesman for Ann Lee"  # not Ann Lee's own words
    body = facts("Ghana rejected the offer on Monday. "
                 "\"The border will stay closed until the talks resume,\" a spokesman for the Ghana Ports Authority said.")
    said = next(q for q in body.quotes if "stay closed" in q.text)
    assert said.speaker is None and said.speaker_name.startswith("a spokesman for the Ghana Ports Authority")
    # the words still count for whom he speaks: a position of the authority, not of the spokesman
    auth = next(p for p in body.parties if "Authority" in p.name)
    assert any(p.party == auth.id and "stay closed" in p.text for p in body.positions)


def test_a_title_with_a_possessor_is_the_one_holder_affiliated_to_it():
    f = facts("Ghana's trade minister Ama Owusu said the market would open in May. "
              "Togo's trade minister Koffi Agbo said the market would stay closed. "
              "\"We have waited long enough for this market,\" Ghana's trade minister said on Tuesday.")
    owusu = next(p for p in f.parties if p.name == "Ama Owusu")
    quote = next(q for q in f.quotes if "waited long enough" in q.text)
    assert quote.speaker == owusu.id  # not Togo's minister, nor Ghana itself


def test_it_and_they_are_resolved_by_one_rule_for_quotes_and_positions():
    f = facts("The Dockers Union met the port owners on Monday. The union's members voted on the offer. "
              "\"The offer is an insult to every docker,\" it said. It has pledged to strike until May.")
    ix = Actors(nlp.load()(f.article.text), f.parties)
    quote = next(q for q in f.quotes if "insult" in q.text)
    assert quote.speaker == "dockers-union"
    assert any(p.party == "dockers-union" and p.stance == "pledges" for p in f.positions)
    doc = ix.doc
    it = next(t for t in doc if t.lower_ == "it")
    assert ix.body_before(it)[3] == ix.pronoun(it) == "dockers-union"
