"""Story pages: what a reader sees of a merged story."""
from __future__ import annotations

import datetime as dt

from generator.extract import actors
from generator.merge import Source, StoryFigure, merge
from generator.model import Article, Event, Facts, Party, Position, Sentence
from generator.render import stories
from generator.render.pages import environment
from conftest import ROOT


def facts(aid: str, day: int, events, positions=()) -> Facts:
    text = "Armenia said it would talk. " * 4
    return actors.decide(Facts(article=Article(id=aid, title=f"Story article {aid}", text=text,
                                               published=dt.date(2020, 10, day)),
                               sentences=[Sentence(i * 28, i * 28 + 27) for i in range(4)], summary=[(0, 27)],
                               parties=[Party("am", "Armenia", "country", country="AM", mentions=[(0, 7)]),
                                        Party("red-cross", "Red Cross", "organisation", mentions=[(0, 3)])],
                               positions=list(positions), timeline=list(events)))


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


def test_where_things_stand_takes_the_latest_article_and_names_the_silent_principal_parties_once():
    before = [Position("am", "supports", "backs the talks", 0, 10)]
    after = [Position("am", "states", "will see", 28, 35), Position("am", "rejects", "rejects the talks", 0, 10)]
    later = facts("b", 12, [], after)
    later.parties[1].mentions.append((56, 59))  # named twice: principal in that article, but stating nothing
    actors.decide(later)
    story = merge("s", "Talks", [Source(facts("a", 10, [], before), "a"), Source(later, "b")])
    view = stories.story_view(story, {"armenia": "#123456"})["standing"]
    (card,) = view["cards"]
    assert card["name"] == "Armenia" and card["colour"] == "#123456"  # the party's colour across the site
    assert (card["latest"]["stance"], card["latest"]["published"]) == ("Rejects", "2020-10-12")  # a stance over a bare statement
    assert (card["before"]["stance"], card["before"]["published"]) == ("Supports", "2020-10-10")
    assert view["silent"] == ["Red Cross"]
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s=stories.story_view(story))
    assert "No position stated in these articles by Red Cross." in md
    assert 'href="../../briefings/b/#s-1"' in md  # the card links the sentence, on the built briefing page

# The built story of tests/fixtures/story: three invented wire articles on a mine strike (a company, a
# union, a minister), read as a reader gets it, in the HTML of a real `mkdocs build --strict`.

import html as _html
import os
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, make_project


@pytest.fixture(scope="module")
def story_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("story"), FIXTURES / "story")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    site = root / "site" / "generated"
    (page,) = [p for p in (site / "stories").glob("*/index.html")]  # the three articles make one story
    return site, page.read_text(encoding="utf-8")


def _section(page: str, heading: str) -> str:
    """The HTML of one h2 section of a page, up to the next h2."""
    start = page.index(f">{heading}")
    end = page.find("<h2", start)
    return page[start:end if end != -1 else len(page)]


def _text(fragment: str) -> str:
    text = " ".join(_html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([),.:;])", r"\1", text)  # where a tag closed before punctuation


def _sources(fragment: str) -> list[str]:
    """The targets of the source links (templates/source.j2) in an HTML fragment."""
    return [re.search(r'href="([^"]+)"', a).group(1) for a in re.findall(r'<a [^>]*class="src"[^>]*>', fragment)]


def test_every_source_link_of_the_story_lands_on_a_sentence_of_a_briefing(story_site):
    site, page = story_site
    links = _sources(page)
    assert len(links) >= 20
    for href in links:
        path, _, anchor = href.partition("#")
        briefing = (site / "stories" / "x" / path).resolve() / "index.html"  # relative to the story's folder
        assert briefing.is_file(), href
        assert re.match(r"s-\d+$", anchor) and f'id="{anchor}"' in briefing.read_text(encoding="utf-8"), href


def test_where_things_stand_gives_each_principal_party_its_latest_position_side_by_side(story_site):
    _site, page = story_site
    part = _section(page, "Where things stand")
    cards = re.findall(r'<section class="position-card".*?</section>', part, re.S)
    names = [_text(re.search(r"<h3>(.*?)</h3>", c, re.S).group(1)) for c in cards]
    assert "Ruvela Workers Union" in names and "Marenco" in names and "Chile" in names, names
    union = _text(re.sub(r"<h3>.*?</h3>", "", cards[names.index("Ruvela Workers Union")], flags=re.S))
    # the latest article's position, dated, and the one an earlier article gave
    assert union.startswith("Rejects The Ruvela Workers Union rejected the offer of 6 percent"), union
    assert "as of 2025-05-11" in union and "Before, 2025-05-06: States We will not go back" in union
    assert "(Tomas Ibarra)" in union  # who spoke for the union
    assert all(_sources(c) for c in cards)


def test_what_changed_names_new_parties_positions_figures_and_places_with_their_sentences(story_site):
    _site, page = story_site
    part = _section(page, "What changed since the previous article")
    items = [_text(li) for li in re.findall(r"<li>(.*?)</li>", part, re.S)]
    assert any(i.startswith("New parties:") and "Rosa Vidal" in i for i in items), items
    assert any(i.startswith("New position of Ruvela Workers Union: Rejects (was: States)") for i in items), items
    assert any(i.startswith("New figure: $40 million") for i in items), items
    assert not any("4,000" in i for i in items)  # told by an earlier article: not new
    lis = re.findall(r"<li>(.*?)</li>", part, re.S)
    assert all(_sources(li) for li in lis), [(_text(li)) for li in lis if not _sources(li)]


def test_a_contested_figure_shows_both_numbers_each_with_who_gives_it(story_site):
    _site, page = story_site
    part = _section(page, "Figures over time")
    assert "sources differ" in part
    contested = re.findall(r'<div class="admonition warning">(.*?)</div>', part, re.S)
    first = next(c for c in contested if "2025-05-06" in c)
    claims = [_text(li) for li in re.findall(r"<li>(.*?)</li>", first, re.S)]
    assert claims == ["4,000 according to The Ruvela Workers Union ↗", "1,500 according to Marenco ↗"], claims
    assert len(_sources(first)) == 2


def test_quotes_come_by_date_each_with_its_speaker(story_site):
    _site, page = story_site
    part = _section(page, "Quotes by date")
    dates = re.findall(r"<strong>(\d{4}-\d\d-\d\d)</strong>", part)
    assert dates == ["2025-05-06", "2025-05-08", "2025-05-11"]
    text = _text(part)
    assert text.index("We will not go back underground") < text.index("Talks are welcome") < text.index("Six percent")
    assert "“Chile needs its mines working and its miners paid” — Rosa Vidal" in text
    assert len(_sources(part)) == 6


def test_two_outlets_the_same_day_with_their_own_different_figures_are_contested_each_named():
    from generator.render.stories import figure_series

    def article(aid, outlet, day):
        import dataclasses

        f = facts(aid, day, [])
        f.article = dataclasses.replace(f.article, source=outlet)
        return Source(f, aid)

    a, b, c = article("a2", "North Wire", 10), article("b2", "South Post", 10), article("c2", "North Wire", 12)
    figures = [StoryFigure(a, "200", 200, "people killed", 0), StoryFigure(b, "250", 250, "people killed", 0),
               StoryFigure(c, "300", 300, "people killed", 0)]
    (series,) = figure_series(figures)
    (dispute,) = series["disputes"]  # the 12th has one outlet: a count of its day, not a dispute
    assert dispute["date"] == "2020-10-10"
    assert [(x["text"], x["who"]) for x in dispute["claims"]] == [("200", "North Wire"), ("250", "South Post")]
    one_outlet = figure_series([figures[0], figures[2]])
    assert not one_outlet[0]["disputes"] and not one_outlet[0]["contested"]
    md = environment(ROOT / "templates").get_template("story.md.j2").render(s={**stories.story_view(
        merge("s", "Talks", [a, b])), "figures": [series]})
    assert '!!! warning "Contested on 2020-10-10"' in md and "**250** according to South Post" in md
    assert "(reported by North Wire)" in md
