"""Streaming story clustering: the features, the learned model that weighs them, stable ids, state."""
from __future__ import annotations

import json

import pytest

from generator.model import Article
from generator.nlp import load
from generator.stories import (FEATURES, ArticleFeatures, StoryIndex, StoryModel, date_line, features_from_doc,
                               months_apart, shipped_model, time_gap)

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


def test_features_hold_words_lemmas_actors_and_places(features):
    f = features["quake-chile-1"]
    assert isinstance(f, ArticleFeatures)
    assert "earthquake" in f.words and "killed" in f.words
    assert "kill" in f.lemmas and "killed" not in f.lemmas
    assert "rodrigo pena" in f.actors and "pena" in f.actors  # the surname that later mentions use
    assert "chile" in f.places and "chile" not in f.actors
    assert f.words["earthquake"] == 4.0 and f.words["tsunami"] == 1.0  # the title's and first sentence's count double
    assert f.lead and "strong" in f.lead and "residents" not in f.lead


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
    assert index.assign(features["quake-nepal-2"]) == sid
    assert sid.startswith("earthquake-kills-dozens")
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


def test_a_state_of_another_version_is_not_read(tmp_path, features):
    from generator.build import load_story_index

    old = {"version": 1, "params": {"threshold": 0.35}, "n_docs": 1, "df": {}, "stories": [], "assigned": {}}
    with pytest.raises(ValueError):
        StoryIndex.from_dict(old)
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    fresh = load_story_index(path)  # grouped afresh, under the same ids
    assert fresh.n_docs == 0 and not fresh.stories


def test_an_article_seen_before_keeps_its_story(features):
    index = StoryIndex()
    sid = index.assign(features["rehab-1"])
    index.assign(features["rehab-2"])
    assert index.assign(features["rehab-1"]) == sid
    assert index.stories[sid].size == 1


# -- the model: learned weights in a data file, a threshold for a new story ----------------------

def test_the_shipped_model_is_data_over_known_features():
    model = shipped_model()
    assert model.features and set(model.features) <= set(FEATURES)
    assert len(model.weights) == len(model.features)
    assert 0 < model.threshold < 1 and model.trained_on
    assert model.weights[model.features.index("words")] > 0  # more words in common, more likely the same story
    with pytest.raises(ValueError):
        StoryModel.from_dict({"features": ["words", "shoe size"], "weights": [1, 1], "bias": 0, "threshold": 0.5})


def test_probability_is_the_logistic_of_the_weighted_features():
    model = StoryModel(("words", "actors"), (4.0, 2.0), -3.0, 0.5)
    assert model.probability({"words": 0.5, "actors": 0.5, "places": 9.0}) == pytest.approx(0.5)
    assert model.probability({"words": 1.0, "actors": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -3))
    assert model.probability({"words": 0.0, "actors": 0.0}) < 0.05


def bag(fid, words, actors=(), dated=None):
    return ArticleFeatures(id=fid, title=fid, words={w: 1.0 for w in words}, actors={a: 1.0 for a in actors},
                           dated=dated)


def test_the_threshold_decides_between_joining_and_a_new_story():
    first, second = bag("s1", ["quake", "island", "ferry"]), bag("s2", ["quake", "island", "school"])
    joins = StoryIndex(StoryModel(("words",), (10.0,), -3.0, 0.5))
    assert joins.assign(first) == joins.assign(second)
    apart = StoryIndex(StoryModel(("words",), (10.0,), -3.0, 0.999))
    assert apart.assign(first) != apart.assign(second)


def test_a_weighted_actor_space_tells_similar_events_apart():
    """The same words about other people: a model that weighs the actors opens a new story."""
    words = ["rehab", "clinic", "singer", "treatment"]
    one, other = bag("a", words, ["mara quinn"]), bag("b", words, ["leo brandt"])
    by_words = StoryIndex(StoryModel(("words",), (10.0,), -4.0, 0.5))
    assert by_words.assign(one) == by_words.assign(other)
    by_actors = StoryIndex(StoryModel(("words", "actors"), (5.0, 5.0), -6.0, 0.5))
    assert by_actors.assign(one) != by_actors.assign(other)
    again = bag("c", words, ["mara quinn"])
    assert by_actors.assign(again) == by_actors.assigned["a"]


def test_time_gap_counts_only_when_both_are_dated():
    assert time_gap("2010-05", {"2010-05": 2}) == 0.0
    assert time_gap("2010-05", {"2009-05": 1, "2010-02": 1}) == pytest.approx(3 / 24)
    assert time_gap("2015-01", {"2010-05": 1}) == 1.0  # capped
    assert time_gap(None, {"2010-05": 1}) == 0.0  # unknown does not count against a story
    assert time_gap("2010-05", {}) == 0.0


def test_compare_gives_every_feature_in_its_range(features):
    index = StoryIndex()
    sid = index.assign(features["quake-chile-1"])
    index.count(features["quake-chile-2"])
    same = index.compare(features["quake-chile-2"], index.stories[sid])
    assert set(same) == set(FEATURES)
    assert all(0.0 <= v <= 1.0 + 1e-9 for v in same.values())
    other = index.compare(features["rehab-1"], index.stories[sid])
    assert same["words"] > other["words"] and same["places"] > 0.3 and other["places"] == 0.0


def test_only_the_closest_stories_are_compared():
    from generator import stories

    index = StoryIndex(StoryModel(("words",), (1.0,), -9.0, 0.5))  # every article opens a story
    for i in range(stories.MAX_CANDIDATES + 5):
        index.assign(bag(f"s{i}", ["quake", f"town{i}"]))
    article = bag("new", ["quake", "town3"])
    index.count(article)
    found = index.candidates(article)
    assert len(found) == stories.MAX_CANDIDATES and found[0] == index.assigned["s3"]


# -- the article's own date ----------------------------------------------------------------------

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


def test_features_keep_the_date_line_or_the_publication_date():
    import datetime as dt

    text = "Quake rattles Varos island\n11 / 28 / 2012\nA magnitude 6.1 earthquake struck Varos on Monday."
    nlp = load()
    assert features_from_doc(nlp(text), Article(id="v", title="Quake", text=text)).dated == "2012-11"
    published = Article(id="v", title="Quake", text=text, published=dt.date(2013, 1, 2))
    assert features_from_doc(nlp(text), published).dated == "2013-01"


def test_a_birth_date_atop_an_obituary_is_not_the_articles_date():
    text = ("Film star Nora Vale dies at 85\nBorn March 3, 1923\n"
            "Nora Vale, who starred in westerns in the 1950s, died on Thursday in Los Angeles. "
            "She retired in 1967 and wrote a memoir in 2005.")
    f = features_of({"obit": text})["obit"]
    assert date_line(text) == "1923-03"
    assert f.dated is None
