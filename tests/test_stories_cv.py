"""The story cross-validation harness (bench/stories_cv.py): its measure, its stream and a smoke run."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import stories_cv as cv  # noqa: E402


def item(i: int, words: str, where: str, dated: str | None = None) -> dict:
    terms = {w: 1.0 for w in words.split()} | {f"where:{where}": 1.0}
    return {"features": {"id": f"t{i}", "title": words, "terms": terms, "entities": {f"where:{where}": 1.0},
                         "lead": [], "years": [], "published": None, "dated": dated, "numbers": []},
            "words": {w: 1 for w in words.split()}}


QUAKE = "earthquake magnitude struck coast injured buildings collapsed officials said monday"
VOTE = "election ballots counted turnout voters parliament coalition officials said sunday"
ITEMS = [item(0, QUAKE, "chile"), item(1, VOTE, "spain"), item(2, QUAKE + " aftershock", "chile"),
         item(3, VOTE + " recount", "spain"), item(4, QUAKE + " rescue", "chile"), item(5, VOTE + " result", "spain")]
GOLD = ["q", "v", "q", "v", "q", "v"]


def test_bcubed_f1():
    assert cv.bcubed_f1(["a", "a", "b"], [1, 1, 2]) == 1.0
    # one predicted story for everything: precision (2/3*2 + 1/3) / 3 = 5/9, recall 1
    assert cv.bcubed_f1(["a", "a", "b"], [1, 1, 1]) == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_the_stream_joins_alike_articles_and_opens_stories_for_others():
    pred = cv.run_stream(ITEMS, list(range(6)), lambda f: f["c_terms"], 0.3, ("c_terms",))
    assert cv.bcubed_f1(GOLD, pred) == 1.0
    every_own = cv.run_stream(ITEMS, list(range(6)), lambda f: f["c_terms"], 0.99, ("c_terms",))
    assert len(set(every_own)) == 6


def test_the_threshold_is_calibrated_on_the_training_stream():
    t = cv.calibrate(ITEMS, GOLD, lambda f: f["c_terms"], cv.COS_GRID, ("c_terms",))
    assert cv.bcubed_f1(GOLD, cv.run_stream(ITEMS, [5, 4, 3, 2, 1, 0], lambda f: f["c_terms"], t,
                                            ("c_terms",))) == 1.0


def test_a_logistic_model_learns_that_similar_articles_share_a_story():
    m = cv.Logistic(["c_terms", "c_places"]).train(ITEMS, GOLD)
    assert m.w[0] > 0
    assert cv.bcubed_f1(GOLD, m.predict(ITEMS, list(range(6)))) == 1.0


def test_time_gap_is_known_only_when_both_are_dated():
    s = cv.Stream()
    k = s.add(s.prepare(item(0, QUAKE, "chile", "2013-03")), None)
    near = s.features(s.prepare(item(1, QUAKE, "chile", "2013-05")), k)
    undated = s.features(s.prepare(item(2, QUAKE, "chile")), k)
    assert (near["t_both"], near["t_gap"]) == (1.0, pytest.approx(2 / 24))
    assert (undated["t_both"], undated["t_gap"]) == (0.0, 0.0)


def test_smoke_run_on_a_tiny_dev_file(tmp_path, capsys):
    texts = {"1_1": "Quake strikes Chile\nA magnitude 6 earthquake struck the coast of Chile on Monday.",
             "1_2": "Chile quake toll rises\nRescuers in Chile searched collapsed buildings after the earthquake.",
             "2_1": "Spain votes\nVoters in Spain went to the polls in a parliamentary election on Sunday.",
             "2_2": "Spanish election count\nBallots in the Spanish election were counted overnight in Madrid."}
    with open(tmp_path / "stories.jsonl", "w", encoding="utf-8") as f:
        for key, text in texts.items():
            f.write(json.dumps({"id": key + "ecb", "text": text, "cluster": key[0]}) + "\n")
    assert cv.main([str(tmp_path), "--cache", str(tmp_path / "cache"), "--orders", "2",
                    "--only", "baseline,rules"]) == 0
    out = capsys.readouterr().out
    assert "| rules |" in out and "| baseline c_terms |" in out
    assert list((tmp_path / "cache").glob("stories_cv-*.json"))  # features cached, not in the project


def test_the_rules_parts_can_be_weighted_by_a_learned_model():
    m = cv.LearnedRules().train(ITEMS, GOLD)
    assert m.w[cv.RULE_PARTS.index("cos")] > 0
    assert cv.bcubed_f1(GOLD, m.predict(ITEMS, [1, 0, 3, 2, 5, 4])) == 1.0


# -- a second look once every article has arrived ---------------------------------------------------

from generator.stories import ArticleFeatures, Params, StoryIndex  # noqa: E402


def _words(ident: str, words: str) -> ArticleFeatures:
    return ArticleFeatures(id=ident, title=ident, terms={w: 1.0 for w in words.split()})


BRIDGE = "bridge collapse traffic engineers city"
EARLY = [_words("p1", "harbour ferry strike union pay talks"), _words("x", "bridge river inquiry closed repair"),
         _words("q1", BRIDGE), _words("q2", BRIDGE + " river closed"), _words("q3", BRIDGE + " inquiry repair"),
         _words("p2", "harbour ferry strike union pay walkout")]
"""'x' comes before the bridge story has its core ('q1' shares one word with it) and stays alone; the
bridge story's later articles share its other words."""


def test_a_lone_article_joins_the_story_that_grew_after_it():
    index = StoryIndex(Params(threshold=0.3, w_forward=0.0, w_backward=0.0))  # the score is the cosine alone
    streamed = {f.id: index.assign(f) for f in EARLY}
    assert index.stories[streamed["x"]].size == 1
    before = json.dumps(index.to_dict(), sort_keys=True)
    placed = cv.place_lone_again(index, EARLY)
    assert placed == dict(streamed, x=streamed["q1"])  # nothing else moves: every story keeps its id
    assert json.dumps(index.to_dict(), sort_keys=True) == before  # the streamed state is left as it was



def test_a_lone_article_like_no_story_stays_alone():
    index = StoryIndex(Params(threshold=0.3, w_forward=0.0, w_backward=0.0))
    apart = [_words("p1", "harbour ferry strike union pay talks"), _words("z", "orchestra concert violin season")]
    streamed = {f.id: index.assign(f) for f in apart}
    assert cv.place_lone_again(index, apart) == streamed


def _named(ident: str, words: str, names: dict[str, float]) -> ArticleFeatures:
    return ArticleFeatures(id=ident, title=ident, terms={**{w: 1.0 for w in words.split()}, **names},
                           entities=dict(names))


def test_agreement_both_ways_keeps_out_an_article_that_shares_only_the_storys_one_name():
    """The story's only name ('china') is in the article, so the story's side agrees fully; none of the
    article's own names is the story's. The shipped sum lets that one side carry it in; both ways does not."""
    others = [_named(f"o{i}", f"topic{i} event{i} matter{i}", {f"who:person {i}": 1.0}) for i in range(12)]
    story = [_named("s1", "credit bank rates lending growth", {"where:china": 2.0}),
             _named("s2", "credit bank rates lending inflation", {"where:china": 2.0})]
    laptop = _named("x", "laptop cheap children school growth",
                    {"where:china": 0.5, "who:negroponte": 3.0, "org:mit": 2.0})
    plain, both = StoryIndex(), cv.both_ways_index(Params())
    for index in (plain, both):
        for f in others + story:
            index.assign(f)
    assert plain.assign(laptop) == plain.assigned["s1"]
    assert both.assign(laptop) != both.assigned["s1"]
