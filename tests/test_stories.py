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


@pytest.fixture(scope="module")
def features():
    nlp = load()
    out = {}
    for key, text in TEXTS.items():
        article = Article(id=key, title=text.split("\n", 1)[0], text=text)
        out[key] = features_from_doc(nlp(text), article)
    return out


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


def test_story_ids_are_stable_and_titled_by_the_first_article(features):
    a = assign_all(StoryIndex(), features, ORDER)
    b = assign_all(StoryIndex(), features, ORDER)
    assert a == b
    index = StoryIndex()
    sid = index.assign(features["quake-nepal-1"])
    assert sid.startswith("earthquake-kills-dozens")
    assert index.stories[sid].title == "Earthquake kills dozens in western Nepal"


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
