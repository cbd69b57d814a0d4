"""Streaming story clustering: similar events stay apart, follow-ups join, state round-trips."""
from __future__ import annotations

import json

import pytest

from generator.model import Article
from generator.nlp import load
from generator.stories import ArticleFeatures, StoryIndex, features_from_doc

TEXTS = {
    "quake-chile-1": (
        "Strong earthquake shakes northern Chile\n"
        "A magnitude 6.8 earthquake struck near the Chilean city of Iquique on Tuesday, "
        "the US Geological Survey said. Chile's interior minister Rodrigo Pena said two people "
        "were killed when a wall collapsed in Iquique and hundreds of homes were damaged. "
        "Residents of Iquique fled to higher ground as a tsunami warning was issued for the coast."
    ),
    "quake-chile-2": (
        "Chile counts damage after Iquique quake\n"
        "Rescue teams in Iquique searched damaged homes on Wednesday after Tuesday's magnitude 6.8 "
        "earthquake. Interior minister Rodrigo Pena said the death toll in Iquique had risen to three "
        "and that the tsunami warning for the Chilean coast had been lifted. Schools in Iquique stayed shut."
    ),
    "quake-nepal-1": (
        "Earthquake kills dozens in western Nepal\n"
        "A magnitude 6.1 earthquake struck western Nepal near the town of Jumla on Sunday, killing at "
        "least 40 people, Nepal's home ministry said. Spokesman Bishnu Karki said houses collapsed across "
        "Jumla district and rescue teams were flown in from Kathmandu. Aftershocks shook Jumla overnight."
    ),
    "quake-nepal-2": (
        "Nepal quake toll rises as rescuers reach Jumla villages\n"
        "Rescuers reached remote villages of Jumla district on Monday, a day after a magnitude 6.1 "
        "earthquake shook western Nepal. The home ministry spokesman Bishnu Karki said 52 people had died "
        "and army helicopters were carrying the injured from Jumla to hospitals in Kathmandu."
    ),
    "rehab-1": (
        "Singer Mara Quinn checks into rehab\n"
        "Pop singer Mara Quinn has checked into a rehabilitation clinic in Malibu, her publicist Dana Holt "
        "said on Friday. Quinn, 27, cancelled the last dates of her tour. Holt asked fans to respect "
        "Quinn's privacy while she receives treatment in Malibu."
    ),
    "rehab-2": (
        "Actor Leo Brandt enters rehab after arrest\n"
        "Actor Leo Brandt entered a rehabilitation centre in Arizona on Thursday, his lawyer Sam Ortega "
        "said, two weeks after Brandt was arrested for drunk driving in Phoenix. Ortega said Brandt "
        "would stay at the Arizona clinic for 30 days."
    ),
}


def features_of(texts: dict[str, str]) -> dict:
    """Story features of sample texts keyed by article id; a text's first line is its title."""
    nlp = load()
    return {k: features_from_doc(nlp(t), Article(id=k, title=t.split("\n", 1)[0], text=t)) for k, t in texts.items()}


@pytest.fixture(scope="module")
def features():
    return features_of(TEXTS)


def assign_all(index: StoryIndex, features, keys) -> dict[str, str]:
    return {k: index.assign(features[k]) for k in keys}


ORDER = ["quake-chile-1", "quake-nepal-1", "rehab-1", "quake-chile-2", "rehab-2", "quake-nepal-2"]


def test_features_hold_names_and_words(features):
    f = features["quake-chile-1"]
    assert isinstance(f, ArticleFeatures)
    assert any(e.endswith("iquique") for e in f.entities)
    assert "earthquake" in f.terms


def test_follow_ups_join_and_similar_events_stay_apart(features):
    got = assign_all(StoryIndex(), features, ORDER)
    assert got["quake-chile-1"] == got["quake-chile-2"]
    assert got["quake-nepal-1"] == got["quake-nepal-2"]
    assert got["quake-chile-1"] != got["quake-nepal-1"]
    assert got["rehab-1"] != got["rehab-2"]


def test_story_ids_come_from_the_first_article_and_titles_from_the_latest(features):
    a = assign_all(StoryIndex(), features, ORDER)
    b = assign_all(StoryIndex(), features, ORDER)
    assert a == b
    index = StoryIndex()
    sid = index.assign(features["quake-nepal-1"])
    assert sid.startswith("earthquake-kills-dozens")
    assert index.stories[sid].title == "Earthquake kills dozens in western Nepal"
    assert index.assign(features["quake-nepal-2"]) == sid
    assert index.stories[sid].title == "Nepal quake toll rises as rescuers reach Jumla villages"


def test_state_round_trip_gives_the_same_assignments(features):
    whole = StoryIndex()
    expected = assign_all(whole, features, ORDER)
    first = StoryIndex()
    assign_all(first, features, ORDER[:3])
    saved = json.loads(json.dumps(first.to_dict()))
    resumed = StoryIndex.from_dict(saved)
    got = assign_all(resumed, features, ORDER)
    assert got == expected
    assert resumed.to_dict() == whole.to_dict()


def test_an_article_seen_before_keeps_its_story(features):
    index = StoryIndex()
    sid = index.assign(features["rehab-1"])
    index.assign(features["rehab-2"])
    assert index.assign(features["rehab-1"]) == sid
    assert index.stories[sid].size == 1


# -- event-identifying signals: the article's own date and the counts in its lead ----------------

from generator.stories import Params, date_line, months_apart  # noqa: E402

ISLAND = {
    "isle-2009-1": (
        "Quake rattles Varos island\nMarch 3, 2009\n"
        "A magnitude 5.4 earthquake shook the island of Varos on Sunday, injuring seven people, "
        "the regional governor Elena Marek said. Several old houses in Varos town cracked."
    ),
    "isle-2009-2": (
        "Varos counts damage after quake\nMarch 4, 2009\n"
        "Engineers inspected cracked houses on Varos on Monday, a day after the magnitude 5.4 "
        "earthquake injured seven people, governor Elena Marek said."
    ),
    "isle-2012-1": (
        "Deadly quake strikes Varos island\n11 / 28 / 2012\n"
        "A magnitude 6.1 earthquake struck the island of Varos on Monday, killing 12 people, "
        "governor Elena Marek said. Houses in Varos town collapsed and ferries were halted."
    ),
}


@pytest.fixture(scope="module")
def island():
    return features_of(ISLAND)


@pytest.mark.parametrize("text, expected", [
    ("MAR. 14, 2013, 8: 12 PM\nHeadline\nBody.", "2013-03"),
    ("Headline\nUpdated 5 / 5 / 2010 1: 41 PM\nBody.", "2010-05"),
    ("11 / 28 / 05\nAftershocks jolt the island\nBody.", "2005-11"),
    ("Headline\n2013 - 09 - 26\nBody.", "2013-09"),
    ("Headline\nPublished on Friday, 27 September 2013\nBody.", "2013-09"),
    ("Rebels took the town in 2011 after a long siege\nBody.", None),  # a year in prose is not a date line
])
def test_date_line(text, expected):
    assert date_line(text) == expected


def test_months_apart():
    assert months_apart("2009-03", "2009-05") == 2
    assert months_apart("2012-11", "2009-03") == 44


def test_features_keep_date_and_lead_counts(island):
    f = island["isle-2012-1"]
    assert f.dated == "2012-11"
    assert "num:6.1" in f.numbers and "num:12" in f.numbers
    assert "num:28" not in f.numbers  # the date line's numbers are not counts


def test_same_place_other_year_and_magnitude_is_another_story(island):
    index = StoryIndex(Params(w_time=1.0))  # the date clash as a veto, as for feeds with real dates
    a = index.assign(island["isle-2009-1"])
    assert index.assign(island["isle-2009-2"]) == a
    story = index.stories[a]
    assert index._number_clash(island["isle-2012-1"], story) == 1.0
    assert index._time_clash(island["isle-2012-1"], story) == 1.0
    assert index._number_clash(island["isle-2009-2"], story) == 0.0
    assert index.assign(island["isle-2012-1"]) != a


BOUTS = {
    "bout-a-1": (
        "Dorin Vasko stops Kel Amadi in the seventh round\n"
        "Heavyweight champion Dorin Vasko stopped Kel Amadi in the seventh round on Saturday in Leipzig "
        "to keep his WBO belt. Amadi was down twice before referee Tom Ruiz waved it off."
    ),
    "bout-a-2": (
        "Vasko too strong for Amadi\n"
        "Dorin Vasko kept his WBO heavyweight title with a seventh round stoppage of Kel Amadi in Leipzig "
        "on Saturday night. Amadi said he had no excuses."
    ),
    "bout-b-1": (
        "Dorin Vasko knocks out Rafe Obi in the third round\n"
        "Heavyweight champion Dorin Vasko knocked out Rafe Obi in the third round on Saturday in Hamburg "
        "to keep his WBO belt. Obi never recovered from a left hook."
    ),
}


def test_same_boxer_other_opponent_is_another_story():
    feats = features_of(BOUTS)
    index = StoryIndex()
    a = index.assign(feats["bout-a-1"])
    assert index.assign(feats["bout-a-2"]) == a
    story = index.stories[a]
    assert index._conflict(feats["bout-b-1"], story) == 1.0  # leads with Obi, misses Amadi
    assert index._number_clash(feats["bout-b-1"], story) == 1.0  # third round, not seventh
    assert index.assign(feats["bout-b-1"]) != a


SEASONS = {
    "league-2008-1": (
        "Harbour City sack coach Ivo Lenz\n"
        "Harbour City dismissed head coach Ivo Lenz on Monday after a run of nine defeats, the club said. "
        "Lenz had led the team since the 2006 season. Assistant coach Ray Dunn takes over until the end of "
        "the 2008 season."
    ),
    "league-2008-2": (
        "Lenz out as Harbour City coach\n"
        "Ivo Lenz was fired as head coach of Harbour City on Monday, with the club ninth in the table. "
        "Ray Dunn, his assistant since 2006, will coach the team for the rest of the season."
    ),
    "league-2013": (
        "Harbour City part ways with head coach\n"
        "March 4, 2013\n"
        "Harbour City dismissed their head coach on Monday after nine defeats in a row, the club said. "
        "The club's assistant coach takes over until the end of the season."
    ),
}


@pytest.fixture(scope="module")
def seasons():
    return features_of(SEASONS)


def test_dated_article_years_after_what_an_undated_story_mentions_is_another_story(seasons):
    index = StoryIndex()
    a = index.assign(seasons["league-2008-1"])
    assert index.assign(seasons["league-2008-2"]) == a
    story = index.stories[a]
    assert not story.dated and max(map(int, story.years)) == 2008  # known only from its prose
    assert seasons["league-2013"].dated == "2013-03"
    assert index._time_clash(seasons["league-2013"], story) == 1.0  # written five years after 2008
    assert index.assign(seasons["league-2013"]) != a


def made(fid, dated=None, years=(), terms=None):
    return ArticleFeatures(id=fid, title=fid, terms=terms or {"quake": 1.0}, dated=dated, years=list(years))


@pytest.mark.parametrize("story_members, article, clash", [
    ([made("s", dated="2010-05")], made("a", dated="2011-11"), 0.0),  # within two years
    ([made("s", dated="2010-05")], made("a", dated="2013-01"), 1.0),
    ([made("s", years=[2001, 2008])], made("a", dated="2010-03"), 0.0),  # within the slack
    ([made("s", years=[2001, 2008])], made("a", dated="2012-03"), 1.0),
    ([made("s", years=[2009])], made("a", dated="2005-11"), 1.0),  # the story knows a later year
    ([made("s", dated="2005-11")], made("a", years=[1999, 2008]), 1.0),  # the article does
    ([made("s", dated="2005-11")], made("a", years=[1999, 2004]), 0.0),  # history only
    ([made("s", years=[2001])], made("a", years=[2013]), 0.0),  # two undated: never compared
    ([made("s")], made("a", dated="2013-01"), 0.0),  # nothing known
])
def test_time_clash(story_members, article, clash):
    index = StoryIndex()
    story = index._open(story_members[0])
    for member in story_members:
        index._add(story, member)
    assert index._time_clash(article, story) == clash


def test_a_birth_date_atop_an_obituary_is_not_the_articles_date():
    text = ("Film star Nora Vale dies at 85\nBorn March 3, 1923\n"
            "Nora Vale, who starred in westerns in the 1950s, died on Thursday in Los Angeles. "
            "She retired in 1967 and wrote a memoir in 2005.")
    f = features_of({"obit": text})["obit"]
    assert date_line(text) == "1923-03"
    assert f.dated is None and max(f.years) == 2005


QUAKE = {"quake": 1.0, "island": 1.0, "where:qeshm": 1.0}


def other_years() -> StoryIndex:
    """An index that has seen an article in each of 2001-2008, so that 2010's months are telling;
    every article assigned to it opens a story until the threshold is set back."""
    index = StoryIndex(Params(threshold=10.0))
    for year in range(2001, 2009):
        index.assign(made(f"other-{year}", dated=f"{year}-06", terms={"election": 1.0}))
    return index


def test_a_dated_article_joins_the_story_of_its_time():
    index = other_years()
    undated = index.assign(made("undated", terms=QUAKE))
    then = index.assign(made("then", dated="2010-04", terms={**QUAKE, "tsunami": 1.0}))  # a little less alike
    index.params.threshold = Params().threshold
    article = made("new", dated="2010-05", terms=QUAKE)
    assert index._same_time(article, index.stories[undated]) == 0.0
    assert index._same_time(article, index.stories[then]) > 0.7
    assert index.assign(article) == then  # without its time it would join the undated story, closer in words


def test_a_time_every_article_shares_tells_nothing():
    index = StoryIndex(Params(threshold=10.0))
    ids = [index.assign(made(f"week-{i}", dated="2010-05", terms=QUAKE)) for i in range(5)]
    assert index._same_time(made("next", dated="2010-05", terms=QUAKE), index.stories[ids[0]]) == 0.0
    state = json.loads(json.dumps(index.to_dict()))
    assert StoryIndex.from_dict(state).dated == {"2010-05": 5}
    del state["dated"]  # as written by an older version
    assert StoryIndex.from_dict(state).dated == {"2010-05": 5}


def test_stories_running_at_the_same_time_share_what_time_tells():
    index = other_years()
    one = index.assign(made("one", dated="2010-04", terms=QUAKE))
    two = index.assign(made("two", dated="2010-05", terms={**QUAKE, "tsunami": 1.0}))
    article = made("new", dated="2010-05", terms=QUAKE)
    alone = index._same_time(article, index.stories[one])
    assert alone > 0.7
    assert index._same_time(article, index.stories[one], of_its_time=2) == pytest.approx(alone / 2)
    index.n_docs += 1  # as assign counts the article before ranking
    index.dated[article.dated] += 1
    ranked = dict((sid, score) for score, sid in index.rank(article))
    vector = {t: index._weight(t, w) for t, w in article.terms.items()}
    norm = sum(w * w for w in vector.values()) ** 0.5
    for sid in (one, two):  # both candidates are of May 2010: each gains half
        parts = index.components(article, vector, norm, index.stories[sid], of_its_time=2)
        assert parts["same_time"] == pytest.approx(index._same_time(article, index.stories[sid]) / 2, abs=0.01)
        assert ranked[sid] == pytest.approx(index.similarity(article, vector, norm, index.stories[sid], 2))


def test_a_story_that_runs_all_year_is_of_no_month_in_particular():
    index = other_years()
    index.assign(made("burst-1", dated="2010-05", terms=QUAKE))
    burst = index.assigned["burst-1"]
    index._add(index.stories[burst], made("burst-2", dated="2010-05", terms=QUAKE))
    running = index.assign(made("running-1", dated="2010-01", terms={**QUAKE, "aid": 1.0}))
    for month in range(2, 13):
        index._add(index.stories[running], made(f"running-{month}", dated=f"2010-{month:02d}", terms=QUAKE))
    article = made("new", dated="2010-05", terms=QUAKE)
    of_burst = index._same_time(article, index.stories[burst])
    of_running = index._same_time(article, index.stories[running])
    assert of_running == pytest.approx(of_burst * 3 / 12)  # April, May and June of its twelve months


def test_a_spaced_thousands_comma_is_not_a_count():
    f = features_of({"a": "Floods hit the delta\nFloods forced 20, 000 people from their homes on Monday."})["a"]
    assert "num:000" not in f.entities and "num:000" not in f.numbers


def test_a_number_in_a_name_is_no_count_but_an_edition_is():
    """"Section 7 of the Endangered Species Act" and "Interstate 90" are labels: a story whose
    articles all count something else must not read them as a rival count; "the 81st Academy
    Awards" is the edition that tells one ceremony from another."""
    f = features_of({"a": "Officials rewrote Section 7 of the Endangered Species Act and widened "
                          "Interstate 90 after 48 deer died.\nMore text follows here."})["a"]
    assert "num:48" in f.numbers
    assert "num:7" not in f.entities and "num:90" not in f.entities
    g = features_of({"b": "Stars arrived for the 81st Academy Awards in Los Angeles on Sunday.\nMore."})["b"]
    assert "num:81th" in g.entities


def test_a_headline_capital_misread_as_a_person_does_not_lead():
    """Title case makes the NER read "Lindsay Lohan Checks Into Rehab" and "Riot Breaks" as
    people; a person who leads the story is named again in the body, by full name or surname."""
    feats = features_of({
        "rehab": "Lindsay Lohan Checks Into Rehab\nThe actress Lindsay Lohan checked into a clinic in "
                 "Malibu on Friday, her lawyer said. Lohan had been ordered there by a judge.",
        "riot": "Riot Breaks Out In Brooklyn After Vigil\nA riot broke out in Brooklyn after a vigil for a "
                "teenager shot by police. Officers made 46 arrests.",
    })
    assert feats["rehab"].lead == ["who:lindsay lohan"]
    assert feats["riot"].lead == []


def test_a_reporter_is_a_source_not_an_actor_of_the_event():
    """A journalist named in the lead is new to every story; as a lead person the reporter
    would make the story's own articles clash with it."""
    feats = features_of({
        "report": "Dana Whitlow has reported that the Harbor City Gulls fired coach Maurice Cheeks.\n"
                  "Cheeks led the club for three seasons.",
        "according": "According to Michael Silverman of the Herald, the club made an offer to Mark Teixeira.\n"
                     "Teixeira has not answered.",
    })
    assert "who:maurice cheeks" in feats["report"].lead and "who:dana whitlow" not in feats["report"].lead
    assert "who:mark teixeira" in feats["according"].lead
    assert "who:michael silverman" not in feats["according"].lead
    shot = features_of({"shot": "Guard shot dead in Leipzig\nA guard was shot by Kel Amadi outside a bank on "
                                "Friday. Amadi fled."})["shot"]
    assert "who:kel amadi" in shot.lead  # the agent of what happened is no source


def test_a_clock_time_or_day_is_no_count():
    f = features_of({"a": "8: 24am: Red Sox make an offer\nAPR 28\n8 clubs bid for the slugger, a source said."})["a"]
    assert "num:24" not in f.entities and "num:28" not in f.entities
    assert "num:8" in f.numbers  # the eight clubs, not the clock


def test_a_name_common_across_stories_earns_no_agreement():
    """Business news names the US in nearly every article: a story whose articles share only
    that took in 318 of 1,000 BBC articles. Its own names still count."""
    index = StoryIndex()
    for i in range(40):  # forty articles on forty topics, all naming the US
        index.assign(ArticleFeatures(id=f"bg{i}", title="", terms={f"topic{i}": 1.0, "where:us": 1.0},
                                     entities={"where:us": 1.0, f"who:person {i}": 1.0}))
    economy = [index.assign(ArticleFeatures(id=f"e{i}", title="", terms={"economy": 1.0, "where:us": 1.0},
                                            entities={"where:us": 1.0})) for i in range(3)]
    assert len(set(economy)) == 1
    sid = economy[0]
    newcomer = ArticleFeatures(id="n", title="", terms={"where:us": 1.0, "who:someone else": 1.0},
                               entities={"where:us": 1.0, "who:someone else": 1.0})
    assert index._agreement(newcomer, index.stories[sid])[1] == 0.0  # naming the US is not enough
    own = index.stories[index.assigned["bg7"]]
    assert index._agreement(ArticleFeatures(id="m", title="", entities={"who:person 7": 1.0}), own)[1] == 1.0
