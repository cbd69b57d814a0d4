"""Story pages: what a reader sees of a merged story."""
from __future__ import annotations

import datetime as dt

from generator.merge import Source, merge
from generator.model import Article, Event, Facts, Party, Position, Sentence
from generator.render import stories
from generator.render.pages import environment
from conftest import ROOT


def facts(aid: str, day: int, events, positions=()) -> Facts:
    text = "Armenia said it would talk. " * 4
    return Facts(article=Article(id=aid, title=f"Story article {aid}", text=text, published=dt.date(2020, 10, day)),
                 sentences=[Sentence(i * 28, i * 28 + 27) for i in range(4)], summary=[(0, 27)],
                 parties=[Party("am", "Armenia", "country", country="AM", mentions=[(0, 7)]),
                          Party("red-cross", "Red Cross", "organisation", mentions=[(0, 3)])],
                 positions=list(positions), timeline=list(events))


def test_timeline_groups_dates_and_folds_background():
    many = [Event("2020-10-10", "day", "Saturday", 0, 5, event=f"event {i}") for i in range(5)]
    old = [Event("1994", "year", "1994", 30, 34, event="the 1994 war")]
    story = merge("s", "Talks", [Source(facts("a", 10, many + old), "a"), Source(facts("b", 12, []), "b")])
    view = stories.story_view(story)
    (day,) = view["timeline"]
    assert day["date"] == "2020-10-10" and len(day["events"]) == stories.EVENTS_PER_DATE and day["more"] == 2
    assert [e["date"] for e in view["background"]] == ["1994"]


def test_parties_with_positions_come_first_and_the_rest_in_one_line():
    pos = [Position("am", "demands", "wants talks", 0, 10)]
    story = merge("s", "Talks", [Source(facts("a", 10, [], pos), "a"), Source(facts("b", 12, []), "b")])
    view = stories.story_view(story)
    assert [p["name"] for p in view["parties"]] == ["Armenia"]
    assert view["others"] == ["Red Cross"]
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=view)
    assert "Also involved: Red Cross" in md and "../briefings/a.md#s-1" in md


def test_whats_new_says_who_is_quoted_and_figures_do_not_repeat_their_unit():
    from generator.model import Figure, Quote

    later = facts("b", 12, [])
    later.parties.append(Party("aliyev", "Ilham Aliyev", "person", mentions=[(0, 3)]))
    later.quotes = [Quote("our lands are free", 0, 10, speaker="aliyev")]
    later.figures = [Figure("six weeks", 6.0, "weeks of war", 0, 9)]
    story = merge("s", "Talks", [Source(facts("a", 10, []), "a"), Source(later, "b")])
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=stories.story_view(story))
    assert "“our lands are free” — Ilham Aliyev" in md
    assert "**six weeks** of war" in md


def test_a_turn_of_position_is_dated():
    before = [Position("am", "supports", "backs the talks", 0, 10)]
    after = [Position("am", "rejects", "rejects the talks", 0, 10)]
    story = merge("s", "Talks", [Source(facts("a", 10, [], before), "a"), Source(facts("b", 12, [], after), "b")])
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=stories.story_view(story))
    assert 'position changed</strong> on <time datetime="2020-10-12">2020-10-12</time>' in md


def test_an_event_read_from_a_clause_starts_as_a_sentence_with_its_date_in_bold():
    events = [Event("2020-10-10", "day", "Saturday", 0, 5, event="the strike hit Ganja on Saturday"),
              Event("1994", "year", "1994", 30, 34, event="iPhone-era talks ended in 1994")]
    story = merge("s", "Talks", [Source(facts("a", 10, events), "a"), Source(facts("b", 12, []), "b")])
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=stories.story_view(story))
    assert "The strike hit Ganja on <strong>Saturday</strong>" in md and "the strike hit" not in md
    assert "iPhone-era talks" in md


def test_the_page_says_how_many_articles_it_merges_and_leads_with_the_latest():
    story = merge("s", "Talks", [Source(facts("a", 10, []), "a"), Source(facts("b", 12, []), "b")])
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=stories.story_view(story))
    assert "# Story article b" in md
    assert "Story of 2 articles" in md


def test_a_story_tells_its_figures_over_time_and_marks_two_sources_that_differ():
    from generator.merge import Source, StoryFigure
    from generator.render.stories import figure_series

    a = Source(facts("a1", 10, []), "a1")
    b = Source(facts("b1", 12, []), "b1")
    figures = [StoryFigure(a, "200", 200, "people killed", 0, "the ministry"),
               StoryFigure(a, "350", 350, "people killed", 5, "the rebels"),
               StoryFigure(b, "400", 400, "of people killed", 9, ""),
               StoryFigure(a, "ten hours", 10, "hours of talks", 14, "")]
    (series,) = figure_series(figures)  # talks: one article only, left to its briefing
    assert series["what"] == "people killed" and [f["text"] for f in series["figures"]] == ["200", "350", "400"]
    assert series["contested"]  # the ministry and the rebels, the same day, two numbers
    calm = figure_series([figures[0], figures[2]])
    assert calm and not calm[0]["contested"]  # another day, no named source: not set against the first


def test_a_figure_told_with_other_words_around_its_verb_is_in_the_same_series():
    from generator.merge import Source, StoryFigure
    from generator.render.stories import figure_series

    a = Source(facts("a2", 10, []), "a2")
    b = Source(facts("b2", 12, []), "b2")
    figures = [StoryFigure(a, "120", 120, "people were killed in the shelling", 0, "the ministry"),
               StoryFigure(b, "Some 150", 150, "people killed by the shelling of the town", 4, "the rebels"),
               StoryFigure(b, "30", 30, "people were not killed", 9, "")]
    (series,) = figure_series(figures)
    assert [f["text"] for f in series["figures"]] == ["120", "Some 150"]
