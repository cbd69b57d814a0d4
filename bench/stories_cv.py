"""Cross-validation of story clustering on topics: baseline, rules, learned model.

    .venv/bin/python bench/stories_cv.py /work/shared/eval/dev            # baseline, rules, models
    .venv/bin/python bench/stories_cv.py DEV --only ablate-cal --orders 8 --json /tmp/cv.json

DEV is the folder holding ``stories.jsonl`` (one article a line: ``id`` "TOPIC_Nsuffix", ``text``,
``cluster``). Its rows are split as the scorer splits them: half a = even topics, half b = odd topics,
so both stories of a topic stay in one half. Nothing of DEV is copied into the project: the articles are
written to a throwaway folder under /tmp, read, parsed and featurised once by the product's own code
(``api.read``, ``nlp.parse``, ``build.analyse_one``) and the features cached under /tmp
(``--cache``), keyed by the data file's hash and the source of ``generator/stories.py``.

After that everything is pure Python / numpy / scikit-learn. Each method is trained on one half (if it
learns anything) and tested on the other, in ``--orders`` arrival orders (order 0 = file order, the
scorer's; the others seeded shuffles), and the table gives the B-cubed F1 mean and spread (population
standard deviation, and max - min) per test half.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# -- features, once ----------------------------------------------------------
def load_rows(dev: Path) -> list[dict]:
    return [json.loads(line) for line in open(dev / "stories.jsonl", encoding="utf-8")]


def half_of(row: dict) -> str:
    """'a' for even ECB+ topics, 'b' for odd ones (the scorer's split)."""
    return "a" if int(str(row["id"]).split("_")[0]) % 2 == 0 else "b"


def featurise(rows: list[dict], cache: Path) -> list[dict]:
    """One dict per row: the product's ArticleFeatures (as a dict) plus the surface words the
    harness's word space needs; computed once and kept in ``cache``."""
    from generator import stories as st

    key = hashlib.sha1(json.dumps([r["text"] for r in rows]).encode() + Path(st.__file__).read_bytes()
                       + FEATURISE_VERSION.encode()).hexdigest()[:12]
    path = cache / f"stories_cv-{key}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    from generator import api
    from generator.build import analyse_one
    from generator.nlp import parse

    with tempfile.TemporaryDirectory(prefix="stories_cv-") as tmp:
        files = []
        for i, r in enumerate(rows):
            p = Path(tmp) / f"a{i:05d}.txt"
            p.write_text(r["text"], encoding="utf-8")
            files.append(p)
        articles, problems = api.read(files)
        assert len(articles) == len(rows), problems
        out = []
        for n, (doc, article) in enumerate(zip(parse(a.text for a in articles), articles)):
            analysis = analyse_one(doc, article)
            words = Counter(t.lower_ for t in doc if t.is_alpha and not t.is_stop and len(t) >= 3)
            out.append({"features": asdict(analysis.features), "words": dict(words),
                        "model_actors": model_actors(analysis.facts), "triggers": triggers(doc)})
            if n % 50 == 0:
                print(f"featurised {n}/{len(rows)}", file=sys.stderr, flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out), encoding="utf-8")
    return out



FEATURISE_VERSION = "2: model_actors, triggers"
"""Bumped when ``featurise`` stores something new (part of the cache key)."""


def model_actors(facts) -> dict[str, float]:
    """The actor model's view of who the article is about: its principal parties and the people who speak
    most (``Facts.principal``, ``Facts.people``), each by its resolved name, weighted by its mentions."""
    if facts is None:
        return {}
    out: dict[str, float] = {}
    for pid in dict.fromkeys(list(facts.principal) + list(facts.people)):
        party = facts.party(pid)
        if party is not None:
            out[f"{party.kind}:{party.name.lower()}"] = float(max(1, len(party.mentions)))
    return out


def triggers(doc) -> dict[str, float]:
    """What happens: the lemmas of each sentence's main verb and the verbs coordinated with it
    (the event trigger of "A quake struck Chile and killed 8": strike, kill), the lead's twice."""
    from generator.nlp import layout_of

    lead_end = layout_of(doc).lead_end
    out: Counter = Counter()
    for sent in doc.sents:
        root = sent.root
        heads = [root] + [t for t in root.conjuncts if t.head == root or t.head in root.conjuncts]
        for t in heads:
            if t.pos_ == "VERB" and t.is_alpha and not t.is_stop:
                out[t.lemma_.lower()] += 2.0 if t.idx < lead_end else 1.0
    return dict(out)


# -- evaluation ----------------------------------------------------------------
def bcubed_f1(gold: list, pred: list) -> float:
    """B-cubed F1 of predicted story ids against gold clusters (the scorer's measure)."""
    gi, pi = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred)):
        gi[g].add(i)
        pi[p].add(i)
    n = len(gold)
    bp = sum(len(pi[pred[i]] & gi[gold[i]]) / len(pi[pred[i]]) for i in range(n)) / n
    br = sum(len(pi[pred[i]] & gi[gold[i]]) / len(gi[gold[i]]) for i in range(n)) / n
    return 2 * bp * br / (bp + br) if bp + br else 0.0


def orders(n: int, k: int) -> list[list[int]]:
    """Order 0 is the file order (the scorer's); the others seeded shuffles."""
    out = [list(range(n))]
    for seed in range(1, k):
        o = list(range(n))
        random.Random(seed).shuffle(o)
        out.append(o)
    return out


def place_lone_again(index, articles) -> dict[str, str]:
    """Article id -> story id, once every article has arrived: an article no later one joined is placed
    again (tried as an order-robust second pass; not in the product, see bench/README.md).

    Each article still alone in its story (in ``articles``' order) is compared again with the other
    stories by ``StoryIndex.rank`` with every article's document frequencies, and joins the best one
    above the threshold. Nothing else moves, so every story with a page keeps its id and its articles
    (a one-article story has no page); ``index`` is left as it was.
    """
    from generator.stories import StoryIndex

    work = None
    for features in articles:
        sid = index.assigned.get(features.id)
        if sid is None or index.stories[sid].size != 1:
            continue
        if work is None:  # copied once, only when there is something to place: to_dict is shallow
            work = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())))
        story = work.stories[sid]
        if story.size != 1:  # an earlier lone article joined it here
            continue
        del work.stories[sid]
        for term in story.terms:
            work.postings[term].remove(sid)
        scored = work.rank(features)
        if scored and scored[0][0] > work.params.threshold:
            work._add(work.stories[scored[0][1]], features)
            work.assigned[features.id] = scored[0][1]
        else:
            work.stories[sid] = story
            for term in story.terms:
                work.postings[term].append(sid)
    placed = work.assigned if work is not None else index.assigned
    return {a.id: placed[a.id] for a in articles if a.id in placed}


BOTH_WAYS = {
    "geometric": lambda p, f, b: (p.w_forward + p.w_backward) * (f * b) ** 0.5,
    "forward-scaled": lambda p, f, b: p.w_forward * f + p.w_backward * b * f,
}
"""Ways to join the two directions of the agreement on names (the shipped one is w_forward·f + w_backward·b):
the geometric mean of the two, weighted by the sum of their weights; or the story's side counted only as
far as the article's own names are the story's."""


def both_ways_index(params, how="geometric"):
    """A StoryIndex whose agreement on names needs both directions (:data:`BOTH_WAYS`): an article must
    know the story's names *and* the story the article's, where the shipped sum lets one direction alone
    carry an article in (tried; not in the product)."""
    from generator.stories import StoryIndex

    class BothWays(StoryIndex):
        def similarity(self, features, vector, norm, story, of_its_time=1):
            p = self.params
            forward, backward = self._agreement(features, story)
            return (super().similarity(features, vector, norm, story, of_its_time)
                    - p.w_forward * forward - p.w_backward * backward + BOTH_WAYS[how](p, forward, backward))

    return BothWays(params)


def run_rules(items: list[dict], order: list[int], refine: bool = False, both_ways: str = "",
              **params) -> list:
    """The shipped StoryIndex in ``order`` (``both_ways``: :func:`both_ways_index`); ``refine``: then
    :func:`place_lone_again`."""
    from generator import stories as st

    index = both_ways_index(st.Params(**params), both_ways) if both_ways else st.StoryIndex(st.Params(**params))
    feats = {i: st.ArticleFeatures(**items[i]["features"]) for i in order}
    pred = [None] * len(items)
    for i in order:
        pred[i] = index.assign(feats[i])
    if refine:
        again = place_lone_again(index, [feats[i] for i in order])
        pred = [again[feats[i].id] for i in range(len(items))]
    return pred


# -- the learned model's stream (pure Python) ----------------------------------
def views(item: dict) -> dict[str, dict[str, float]]:
    """The article in each similarity space: tf tables."""
    f = item["features"]
    ents = f["entities"]
    return {
        "words": item["words"],
        "lemmas": {t: w for t, w in f["terms"].items() if ":" not in t},
        "terms": f["terms"],
        "actors": {e: w for e, w in ents.items() if e.startswith(("who:", "org:"))},
        "places": {e: w for e, w in ents.items() if e.startswith("where:")},
        "model_actors": item.get("model_actors", {}),
        "triggers": item.get("triggers", {}),
    }


MEMBERS = 12
"""The best-matching article is looked for among a story's latest this many (bounded cost per article)."""
FEATURES = ("c_words", "c_lemmas", "c_terms", "c_actors", "c_places", "c_model_actors", "c_triggers", "m_lemmas",
            "m_terms", "t_gap", "t_both", "t_near")
"""Similarities of an article and a story: ``c_<space>`` cosine with the story's centroid, ``m_<space>`` with
its best-matching article, ``t_gap`` the months between the article and the story's nearest dated article
(/24, capped at 1) when both are dated, ``t_both`` 1 when both are, ``t_near`` = ``t_both`` - ``t_gap``
(closeness in time; 0 = nothing known, so that being undated is no evidence either way). Spaces
``model_actors`` (the actor model's principal parties and leading people) and ``triggers`` (main verbs'
lemmas) are described at :func:`model_actors` and :func:`triggers`."""


class Stream:
    """Single-pass clustering: per story, the sum of its articles' unit TF-IDF vectors in each
    space (idf from the stream so far, sublinear tf), its members' vectors, its dates."""

    def __init__(self, spaces=("words", "lemmas", "terms", "actors", "places", "model_actors", "triggers"),
                 sublinear=True,
                 max_candidates=10, query_terms=30, key_space="terms"):
        self.spaces, self.sublinear = spaces, sublinear
        self.max_candidates, self.query_terms, self.key_space = max_candidates, query_terms, key_space
        self.n = 0
        self.df = {s: Counter() for s in spaces}
        self.stories: list[dict] = []
        self.postings: dict[str, set] = defaultdict(set)

    def unit(self, space: str, tf: dict[str, float]) -> dict[str, float]:
        import math
        n, df = self.n, self.df[space]
        v = {t: ((1 + math.log(w)) if (self.sublinear and w >= 1) else w) * (math.log((n + 1) / (df.get(t, 0) + 1)) + 1)
             for t, w in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {t: x / norm for t, x in v.items()} if norm else {}

    def prepare(self, item: dict) -> dict:
        """Count the article into the stream's df and return its unit vectors (+ date)."""
        vs = views(item)
        self.n += 1
        for s in self.spaces:
            self.df[s].update(vs[s].keys())
        return {"vec": {s: self.unit(s, vs[s]) for s in self.spaces}, "dated": item["features"]["dated"]}

    def candidates(self, art: dict) -> list[int]:
        v = art["vec"][self.key_space]
        top = sorted(v, key=lambda t: (-v[t], t))[: self.query_terms]
        rough: dict[int, float] = defaultdict(float)
        for t in top:
            for k in self.postings.get(t, ()):
                rough[k] += v[t]
        return sorted(rough, key=lambda k: (-rough[k], k))[: self.max_candidates]

    def features(self, art: dict, k: int, need=FEATURES) -> dict[str, float]:
        """The similarities ``need`` names of the article and story ``k``."""
        import math
        st = self.stories[k]
        out = {}
        for s in self.spaces:
            if "c_" + s not in need:
                continue
            a, c = art["vec"][s], st["sum"][s]
            dot = sum(w * c.get(t, 0.0) for t, w in a.items())
            out["c_" + s] = dot / math.sqrt(st["sq"][s]) if st["sq"][s] > 0 else 0.0
        for s in ("lemmas", "terms"):
            if "m_" + s not in need:
                continue
            a = art["vec"][s]
            out["m_" + s] = max((sum(w * m.get(t, 0.0) for t, w in a.items())
                                 for m in st["members"][s][-MEMBERS:]), default=0.0)
        out["t_gap"] = out["t_both"] = out["t_near"] = 0.0
        if "t_gap" in need and art["dated"] and st["dated"]:
            from generator.stories import months_apart
            gap = min(months_apart(art["dated"], d) for d in st["dated"])
            out["t_both"], out["t_gap"] = 1.0, min(gap, 24.0) / 24.0
            out["t_near"] = 1.0 - out["t_gap"]
        return out

    def add(self, art: dict, k: int | None) -> int:
        if k is None:
            self.stories.append({"sum": {s: {} for s in self.spaces}, "sq": {s: 0.0 for s in self.spaces},
                                 "members": {s: [] for s in ("lemmas", "terms")}, "dated": []})
            k = len(self.stories) - 1
        st = self.stories[k]
        for s in self.spaces:
            c, a = st["sum"][s], art["vec"][s]
            st["sq"][s] += 2 * sum(w * c.get(t, 0.0) for t, w in a.items()) + sum(w * w for w in a.values())
            for t, w in a.items():
                c[t] = c.get(t, 0.0) + w
        for s in ("lemmas", "terms"):
            st["members"][s].append(art["vec"][s])
        if art["dated"]:
            st["dated"].append(art["dated"])
        for t in art["vec"][self.key_space]:
            self.postings[t].add(k)
        return k


def stream_pairs(items: list[dict], order: list[int], gold: list) -> tuple[list, list]:
    """Training pairs: the stream grown with the gold stories; each article against each candidate."""
    s = Stream()
    story_of: dict = {}
    X, y = [], []
    for i in order:
        art = s.prepare(items[i])
        for k in s.candidates(art):
            X.append(s.features(art, k))
            y.append(1 if s.stories[k]["gold"] == gold[i] else 0)
        k = s.add(art, story_of.get(gold[i]))
        s.stories[k]["gold"] = gold[i]
        story_of[gold[i]] = k
    return X, y


def run_stream(items: list[dict], order: list[int], score, threshold: float, need=FEATURES) -> list:
    """Predicted story (an index) per item: join the best-scoring candidate above ``threshold``."""
    s = Stream()
    pred = [None] * len(items)
    for i in order:
        art = s.prepare(items[i])
        best, best_score = None, threshold
        for k in s.candidates(art):
            sc = score(s.features(art, k, need))
            if sc > best_score:
                best, best_score = k, sc
        pred[i] = s.add(art, best)
    return pred


# -- methods --------------------------------------------------------------------
CAL_ORDERS = 3
"""Arrival orders of the training half the threshold is calibrated on (seeded apart from the test orders)."""


def cal_orders(n: int) -> list[list[int]]:
    out = []
    for seed in range(CAL_ORDERS):
        o = list(range(n))
        random.Random(1000 + seed).shuffle(o)
        out.append(o)
    return out


def calibrate(items, gold, score, grid, need=FEATURES, run=None) -> float:
    """The threshold of ``grid`` with the best mean B-cubed F1 over the training half's orders
    (coarse grid, then the neighbours of the best; of equal ones, the middle)."""
    os_ = cal_orders(len(items))
    memo = {}

    def f1(t):
        if t not in memo:
            memo[t] = statistics.mean(bcubed_f1(gold, run(items, o, t) if run else run_stream(items, o, score, t, need))
                                      for o in os_)
        return memo[t]
    coarse = grid[::3]
    best = max(coarse, key=lambda t: (f1(t), -t))
    j = grid.index(best)
    near = grid[max(0, j - 2): j + 3]
    top = max(f1(t) for t in near)
    tied = [t for t in near if f1(t) >= top - 1e-9]
    return tied[(len(tied) - 1) // 2]  # the middle of a plateau, not its edge, which a new order may cross


COS_GRID = [round(0.05 + 0.025 * i, 3) for i in range(25)]
"""Thresholds tried for a cosine baseline (0.05 .. 0.65)."""
RULE_GRID = [round(0.15 + 0.025 * i, 3) for i in range(21)]
"""Thresholds tried for the rules' score (0.15 .. 0.65; the shipped one is 0.35)."""
PROB_GRID = [0.01, 0.02, 0.03, 0.04] + [round(0.05 * i, 2) for i in range(1, 20)]
"""Thresholds tried on a logistic model's probability: the pairwise probability is not the stream's
best decision point (negatives outnumber positives), so the grid reaches low."""


class Cosine:
    """Baseline: one cosine, a calibrated threshold."""

    def __init__(self, feature="c_terms"):
        self.feature = feature
        self.name = f"baseline {feature}"

    def train(self, items, gold):
        self.threshold = calibrate(items, gold, self.score, COS_GRID, (self.feature,))
        return self

    def score(self, f):
        return f[self.feature]

    def predict(self, items, order):
        return run_stream(items, order, self.score, self.threshold)


class Logistic:
    """The model: logistic regression over a few similarities; threshold calibrated (or 0.5)."""

    def __init__(self, feats, C=1.0, calibrated=True, name=None):
        self.feats, self.C, self.calibrated = tuple(feats), C, calibrated
        self.name = name or "LR " + "+".join(feats) + ("" if calibrated else " @0.5")

    def train(self, items, gold):
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        X, y = [], []
        for o in cal_orders(len(items)):
            xs, ys = stream_pairs(items, o, gold)
            X += xs
            y += ys
        A = np.array([[x[f] for f in self.feats] for x in X])
        lr = LogisticRegression(C=self.C, max_iter=1000).fit(A, np.array(y))
        self.w, self.b = [float(v) for v in lr.coef_[0]], float(lr.intercept_[0])
        self.threshold = calibrate(items, gold, self.score, PROB_GRID, self.feats) if self.calibrated else 0.5
        return self

    def score(self, f):
        import math
        z = self.b + sum(w * f[k] for w, k in zip(self.w, self.feats))
        return 1 / (1 + math.exp(-z))

    def predict(self, items, order):
        return run_stream(items, order, self.score, self.threshold, self.feats)


class Rules:
    """The current generator/stories.py (nothing learned); ``params`` override its Params."""

    def __init__(self, name="rules", calibrated=False, refine=False, **params):
        self.name = name + (", θ calibrated" if calibrated else "") + (", lone articles placed again" if refine else "")
        self.params, self.calibrated, self.refine = params, calibrated, refine

    def train(self, items, gold):
        self.threshold = None
        if self.calibrated:
            self.threshold = calibrate(items, gold, None, RULE_GRID,
                                       run=lambda its, o, t: run_rules(its, o, self.refine, **dict(self.params, threshold=t)))
        return self

    def predict(self, items, order):
        params = dict(self.params) if self.threshold is None else dict(self.params, threshold=self.threshold)
        return run_rules(items, order, self.refine, **params)


RULE_PARTS = ("cos", "fwd", "bwd", "who", "time", "num", "same_time")
"""The rules' own parts (``StoryIndex.components``), as features of a learned combination."""


def rules_index(w=None, b=0.0, feats=RULE_PARTS, threshold=0.5):
    """A StoryIndex whose score is a logistic combination of its parts (``w`` None: the shipped sum)."""
    import math

    from generator.stories import StoryIndex

    class Learned(StoryIndex):
        def similarity(self, features, vector, norm, story, of_its_time=1):
            c = self.components(features, vector, norm, story, of_its_time)
            z = b + sum(wi * float(c[f]) for wi, f in zip(w, feats))
            return 1 / (1 + math.exp(-z))

    index = Learned()
    index.params.threshold = threshold
    return index


def rule_pairs(items, order, gold, feats=RULE_PARTS):
    """Training pairs for the learned rules: the index grown with the gold stories."""
    import math

    from generator.stories import ArticleFeatures, StoryIndex

    index, story_of, X, y = StoryIndex(), {}, [], []
    for i in order:
        f = ArticleFeatures(**items[i]["features"])
        index.n_docs += 1
        index.df.update(f.terms.keys())
        if f.dated:
            index.dated[f.dated] += 1
        vector = {t: index._weight(t, w) for t, w in f.terms.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        cands = index._candidates(vector)
        of_its_time = sum(index._of_its_time(f, index.stories[sid]) for sid in cands)
        for sid in cands:
            c = index.components(f, vector, norm, index.stories[sid], of_its_time)
            X.append([float(c[k]) for k in feats])
            y.append(1 if sid == story_of.get(gold[i]) else 0)
        story = index.stories[story_of[gold[i]]] if gold[i] in story_of else index._open(f)
        index._add(story, f)
        story_of[gold[i]] = story.id
    return X, y


class LearnedRules:
    """The rules' parts, weighted by a logistic regression instead of by hand; θ calibrated."""

    def __init__(self, feats=RULE_PARTS):
        self.feats = tuple(feats)
        self.name = "LR over rule parts " + "+".join(self.feats)

    def run(self, items, order, threshold):
        from generator.stories import ArticleFeatures

        index = rules_index(self.w, self.b, self.feats, threshold)
        pred = [None] * len(items)
        for i in order:
            pred[i] = index.assign(ArticleFeatures(**items[i]["features"]))
        return pred

    def train(self, items, gold):
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        X, y = [], []
        for o in cal_orders(len(items)):
            xs, ys = rule_pairs(items, o, gold, self.feats)
            X += xs
            y += ys
        lr = LogisticRegression(max_iter=1000).fit(np.array(X), np.array(y))
        self.w, self.b = [float(v) for v in lr.coef_[0]], float(lr.intercept_[0])
        self.threshold = calibrate(items, gold, None, PROB_GRID, run=self.run)
        return self

    def predict(self, items, order):
        return self.run(items, order, self.threshold)


def evaluate(method, halves, k_orders) -> dict:
    """Train on one half, test on the other, both ways; F1 per test half over ``k_orders`` orders."""
    out = {}
    for test in ("a", "b"):
        train = "b" if test == "a" else "a"
        tr_items, tr_gold = halves[train]
        te_items, te_gold = halves[test]
        m = method.train(tr_items, tr_gold)
        f1s = [bcubed_f1(te_gold, m.predict(te_items, o)) for o in orders(len(te_items), k_orders)]
        out[test] = {"mean": statistics.mean(f1s), "sd": statistics.pstdev(f1s), "range": max(f1s) - min(f1s),
                     "file_order": f1s[0], "threshold": m.threshold,
                     "weights": dict(zip(m.feats, m.w), bias=m.b) if isinstance(m, (Logistic, LearnedRules)) else None}
    return out


def table(results: list[tuple[str, dict]]) -> str:
    lines = ["| method | test a: mean | sd | range | file order | θ | test b: mean | sd | range | file order | θ |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results:
        cells = []
        for h in ("a", "b"):
            x = r[h]
            th = "" if x["threshold"] is None else f"{x['threshold']:.3g}"
            cells += [f"{x['mean']:.3f}", f"{x['sd']:.3f}", f"{x['range']:.3f}", f"{x['file_order']:.3f}", th]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


METHODS = {
    "baseline": lambda: [Cosine("c_terms"), Cosine("c_words"), Cosine("c_lemmas")],
    "baseline-1": lambda: [Cosine("c_terms")],
    "rules": lambda: [Rules()],
    "refine": lambda: [Rules(refine=True)],
    "both-ways": lambda: [Rules("rules, agreement both ways (geometric mean)", both_ways="geometric"),
                          Rules(calibrated=True),
                          Rules("rules, agreement both ways (geometric mean)", True, both_ways="geometric")],
    "both-ways-2": lambda: [Rules("rules, story's side scaled by the article's", both_ways="forward-scaled")],
    "both-ways-2-cal": lambda: [Rules("rules, story's side scaled by the article's", True,
                                      both_ways="forward-scaled")],
    "ablate": lambda: [Rules("rules − agreement", w_forward=0.0, w_backward=0.0),
                       Rules("rules − lead person", w_conflict=0.0),
                       Rules("rules − time clash", w_time=0.0),
                       Rules("rules − counts", w_numbers=0.0),
                       Rules("rules − same time", w_same_time=0.0)],
    "ablate-cal-2": lambda: [Rules(calibrated=True),
                             Rules("rules − lead person − counts", True, w_conflict=0.0, w_numbers=0.0)],
    "ablate-cal": lambda: [Rules(calibrated=True),
                           Rules("rules − agreement", True, w_forward=0.0, w_backward=0.0),
                           Rules("rules − lead person", True, w_conflict=0.0),
                           Rules("rules − time clash", True, w_time=0.0),
                           Rules("rules − counts", True, w_numbers=0.0),
                           Rules("rules − same time", True, w_same_time=0.0),
                           Rules("rules − lead person − counts", True, w_conflict=0.0, w_numbers=0.0)],
    "model": lambda: [Logistic(["c_terms", "c_actors", "c_places", "t_gap", "t_both"]),
                      Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_gap", "t_both"]),
                      Logistic(["c_words", "c_lemmas", "c_actors", "c_places", "t_gap", "t_both"]),
                      Logistic(["c_terms", "m_terms"])],
    "model-3": lambda: [Logistic(["c_words", "c_lemmas", "m_terms", "c_actors", "c_places", "t_near"])],
    "learned-rules": lambda: [LearnedRules(), LearnedRules(("cos", "fwd", "bwd", "time"))],
    "model-1": lambda: [Logistic(["c_terms"])],
    "linkage": lambda: [Cosine("m_terms")],
    "spaces-ref": lambda: [Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_near"])],
    "spaces": lambda: [Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_near", "c_model_actors"]),
                       Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_near", "c_triggers"]),
                       Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_near", "c_model_actors",
                                 "c_triggers"]),
                       Logistic(["c_terms", "c_model_actors", "c_triggers"])],
    "model-2": lambda: [Logistic(["c_terms", "m_terms", "c_actors", "c_places", "t_near"]),
                        Logistic(["c_terms", "m_terms", "c_actors", "c_places"])],
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dev", type=Path, help="folder with stories.jsonl")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "stories_cv")
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--only", default="baseline,rules,model", help="comma-separated: " + ",".join(METHODS))
    ap.add_argument("--json", type=Path, help="write every number here too")
    a = ap.parse_args(argv)
    if a.orders < 1:
        ap.error("--orders must be at least 1")
    rows = load_rows(a.dev)
    feats = featurise(rows, a.cache)
    halves = {}
    for h in ("a", "b"):
        idx = [i for i, r in enumerate(rows) if half_of(r) == h]
        halves[h] = ([feats[i] for i in idx], [rows[i]["cluster"] for i in idx])
    results = []
    for group in a.only.split(","):
        for method in METHODS[group]():
            r = evaluate(method, halves, a.orders)
            results.append((method.name, r))
            print(f"{method.name}: a {r['a']['mean']:.3f}±{r['a']['sd']:.3f}  b {r['b']['mean']:.3f}±{r['b']['sd']:.3f}",
                  file=sys.stderr, flush=True)
            if a.json:
                a.json.write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
