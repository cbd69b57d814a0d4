"""Merging a story's articles: one party per actor, positions over time, what's new."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace as dt_replace

from generator.merge import Source, merge
from generator.model import Article, Facts, Party, Place, Position, Quote, Sentence


def facts(aid: str, day: int, text: str, parties, positions=(), quotes=(), places=()) -> Facts:
    article = Article(id=aid, title=f"Article {aid}", text=text, published=dt.date(2020, 10, day))
    return Facts(article=article, sentences=[Sentence(0, len(text))], summary=[(0, len(text))],
                 parties=list(parties), positions=list(positions), quotes=list(quotes), places=list(places))


def country(pid, name, iso, n=1):
    return Party(id=pid, name=name, kind="country", country=iso, mentions=[(0, 3)] * n)


FIRST = facts("a", 10, "Armenia backs the talks.", [country("armenia", "Armenia", "AM", 2),
                                                     Party("lavrov", "Sergei Lavrov", "person", mentions=[(0, 3)])],
              positions=[Position("armenia", "supports", "backs the talks", 0, 10)],
              quotes=[Quote("we will meet again", 0, 5, speaker="lavrov")],
              places=[Place("moscow", "Moscow", "city", 55.75, 37.62, "RU", [(0, 3)])])
SECOND = facts("b", 12, "Armenia now rejects the talks.", [country("am", "Republic of Armenia", "AM"),
                                                           Party("aliyev", "Ilham Aliyev", "person", mentions=[(0, 3)])],
               positions=[Position("am", "rejects", "rejects the talks", 0, 10)],
               quotes=[Quote("we will meet again", 0, 5, speaker=None, speaker_name="Lavrov"),
                       Quote("our lands", 6, 12, speaker="aliyev")],
               places=[Place("moscow", "Moscow", "city", 55.75, 37.62, "RU", [(0, 3)]),
                       Place("baku", "Baku", "city", 40.41, 49.87, "AZ", [(4, 8)])])


def test_one_party_per_country_across_articles_and_its_change_of_stance():
    story = merge("s", "Talks", [Source(SECOND, "second"), Source(FIRST, "first")])
    assert [s.slug for s in story.sources] == ["first", "second"]  # oldest first, whatever the input order
    armenia = [p for p in story.parties if p.country == "AM"]
    assert len(armenia) == 1 and armenia[0].articles == 2 and armenia[0].mentions == 3
    assert [s.stance for s in armenia[0].stances] == ["supports", "rejects"]
    assert armenia[0].changed


def test_quotes_by_speaker_and_places_merged():
    story = merge("s", "Talks", [Source(FIRST, "first"), Source(SECOND, "second")])
    assert set(story.quotes) == {"Sergei Lavrov", "Lavrov", "Ilham Aliyev"}
    moscow = next(p for p in story.places if p.name == "Moscow")
    assert len(moscow.mentions) == 2 and story.places[0].name == "Moscow"


def test_whats_new_lists_only_what_the_latest_article_adds():
    story = merge("s", "Talks", [Source(FIRST, "first"), Source(SECOND, "second")])
    new = story.whats_new
    assert new.source.slug == "second"
    assert new.parties == ["Ilham Aliyev"]  # Armenia was there already, under another name
    assert [(q.text, q.speaker) for q in new.quotes] == [("our lands", "Ilham Aliyev")]  # who said it, too
    assert new.places == ["Baku"]


def test_single_article_story_has_no_whats_new():
    assert merge("s", "Talks", [Source(FIRST, "first")]).whats_new is None


def test_a_party_changes_position_only_by_turning_from_for_to_against():
    from generator.merge import Stance, StoryParty

    src = [Source(FIRST, "first"), Source(SECOND, "second")]
    party = StoryParty("country:AM", "Armenia", "country", None, "AM")
    party.stances = [Stance(src[0], "agrees", "agreed to the truce", 0), Stance(src[1], "demands", "wants it kept", 0),
                     Stance(src[1], "accuses", "blames Baku", 0)]
    assert not party.changed  # agreeing, then demanding and accusing, is one position
    party.stances.append(Stance(src[1], "rejects", "denied shelling the church", 0))
    assert not party.changed  # against something else
    party.stances.append(Stance(src[1], "rejects", "rejects the truce", 0))
    assert party.changed and party.change.text == "rejects the truce"


def test_a_company_the_ner_once_called_a_person_is_one_party():
    org = facts("c", 13, "Yukos appealed.", [Party("yukos", "Yukos", "organisation", mentions=[(0, 5)])])
    also = facts("d", 14, "Yukos appealed again.", [Party("yukos", "Yukos", "organisation", mentions=[(0, 5)])])
    slip = facts("e", 15, "Yukos said it would sue.", [Party("yukos", "Yukos", "person", mentions=[(0, 5)] * 4)],
                 positions=[Position("yukos", "pledges", "it would sue", 0, 10)])
    story = merge("s", "Yukos", [Source(org, "c"), Source(slip, "e"), Source(also, "d")])
    assert [(p.name, p.kind, p.articles) for p in story.parties] == [("Yukos", "organisation", 3)]
    assert [s.stance for s in story.parties[0].stances] == ["pledges"]


def test_a_story_shows_only_places_named_as_places_and_knows_where_things_happen():
    minsk = Place("minsk", "Minsk", "city", 53.9, 27.57, "BY", [(9, 14)], roles=["in-name"])
    moscow = Place("moscow", "Moscow", "city", 55.75, 37.62, "RU", [(0, 3)], roles=["scene"])
    later = facts("c", 13, "Talks in Moscow; the OSCE Minsk Group met.", [country("armenia", "Armenia", "AM")],
                  places=[moscow, minsk])
    story = merge("s", "Talks", [Source(FIRST, "first"), Source(later, "later")])
    assert [(p.name, p.scene) for p in story.places] == [("Moscow", True)]
    assert story.whats_new.places == []  # Minsk is no new place, only part of a name


def test_a_story_is_titled_by_its_latest_article():
    """The title says what the story is now, as its lead does, not what its first article said."""
    story = merge("s", "Talks", [Source(SECOND, "second"), Source(FIRST, "first")])
    assert story.title == "Article b"
    untitled = facts("c", 14, "Armenia waits.", [])
    untitled.article = dt_replace(untitled.article, title="")
    assert merge("s", "Talks", [Source(FIRST, "first"), Source(untitled, "c")]).title == "Talks"
