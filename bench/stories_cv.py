#!/usr/bin/env python3
"""Story grouping by cross-validation on topics: learn the story model on one half of the topics,
test it on the other, over several arrival orders, beside a TF-IDF-only baseline.

    .venv/bin/python bench/stories_cv.py ../shared/eval/dev/stories.jsonl [--orders 8]
    .venv/bin/python bench/stories_cv.py ../shared/eval/dev/stories.jsonl --write-model

The file is JSONL with ``id`` ("<topic>_<doc>"), ``text`` and ``cluster`` (the gold story) per
article. Half a holds the even topics and half b the odd ones (as ``score.py --half``), so both
stories of a topic are always in the same half. Each article is read the way ``briefing stories``
reads a file (written to a .txt, ``ingest.read_article``, the build's extractors), so the features
are the ones the site groups with. They are computed once and kept in ``--features`` (default
bench/results/, git-ignored).

For each fold (train a → test b, train b → test a) and each feature set it trains a
:class:`generator.stories.StoryModel` on the training half (:func:`train`) and streams the test half
in ``--orders`` shuffled orders, reporting the mean B-cubed F1 and its spread (standard deviation,
and max - min). The feature sets are the baseline (TF-IDF of words alone: one weight and the
threshold), the baseline plus each other feature, and the baseline plus every feature that beat the
baseline on both folds (the ones kept). ``--write-model`` trains the kept set on all the topics and
writes generator/data/story_model.json.
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.stories import FEATURES, MODEL_PATH, ArticleFeatures, StoryIndex, StoryModel  # noqa: E402

BASELINE = ("words",)
"""TF-IDF cosine of the words, the baseline every other feature must beat."""
TRAIN_ORDERS = 4
"""Arrival orders the training half is streamed in, for the pairs and for choosing the threshold."""
THRESHOLDS = [0.02, 0.04, 0.06, 0.08] + [round(0.05 * i, 2) for i in range(2, 19)]
"""Probabilities tried as the threshold for opening a new story (0.02 to 0.90)."""
HARD = 2
"""Candidates per arrival learned from: the closest by words, where the decision lies (the far ones
are easy and would outnumber them)."""
C = 1.0
"""Inverse strength of the logistic regression's L2 penalty (scikit-learn's default): the features
are few and in [0, 1], so the weights need no tuning of their own."""


def topic(row: dict) -> int:
    return int(str(row["id"]).split("_")[0])


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def extract_features(rows: list[dict]) -> list[ArticleFeatures]:
    """Story features of every row, as ``briefing stories`` computes them for a file."""
    from generator import ingest
    from generator.build import extract_one
    from generator.nlp import parse
    from generator.stories import features_from_doc

    with tempfile.TemporaryDirectory() as tmp:
        articles = []
        for i, row in enumerate(rows):
            p = Path(tmp) / f"a{i:05d}.txt"
            p.write_text(row["text"], encoding="utf-8")
            article, _ = ingest.read_article(p, None, name=f"a{i:05d}.txt")
            articles.append(article)
        out = []
        for n, (article, doc) in enumerate(zip(articles, parse(a.text for a in articles)), 1):
            result = extract_one(doc, article)
            out.append(result[1] if isinstance(result, tuple) else features_from_doc(doc, article))
            if n % 50 == 0:
                print(f"  features of {n}/{len(articles)} articles", file=sys.stderr)
    return out


def load_features(rows: list[dict], cache: Path) -> list[ArticleFeatures]:
    if cache.is_file():
        return [ArticleFeatures(**f) for f in json.loads(cache.read_text(encoding="utf-8"))]
    feats = extract_features(rows)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([asdict(f) for f in feats]), encoding="utf-8")
    return feats


def orders(n: int, count: int, seed: int) -> list[list[int]]:
    """``count`` shuffles of range(n), fixed by ``seed``."""
    out = []
    for k in range(count):
        order = list(range(n))
        random.Random(seed * 1000 + k).shuffle(order)
        out.append(order)
    return out


def bcubed_f1(gold: list[str], pred: list[str]) -> float:
    """B-cubed F1 of predicted story ids against gold ones (as score.py computes it)."""
    gi: dict[str, set[int]] = {}
    pi: dict[str, set[int]] = {}
    for i, (g, p) in enumerate(zip(gold, pred)):
        gi.setdefault(g, set()).add(i)
        pi.setdefault(p, set()).add(i)
    n = len(gold)
    bp = sum(len(pi[pred[i]] & gi[gold[i]]) / len(pi[pred[i]]) for i in range(n)) / n
    br = sum(len(pi[pred[i]] & gi[gold[i]]) / len(gi[gold[i]]) for i in range(n)) / n
    return 2 * bp * br / (bp + br) if bp + br else 0.0


def stream(model: StoryModel, feats: list[ArticleFeatures], order: list[int]) -> list[str]:
    """Story ids the model gives when articles arrive in ``order`` (indexed like ``feats``)."""
    index = StoryIndex(model)
    pred = [""] * len(feats)
    for i in order:
        pred[i] = index.assign(feats[i])
    return pred


def pairs(feats: list[ArticleFeatures], gold: list[str], order: list[int], names: tuple[str, ...]):
    """(feature values, joins) for every candidate story of every article, the stories built by the
    gold assignment as articles arrive in ``order`` (what the model must tell at each arrival)."""
    index = StoryIndex(StoryModel(names, (0.0,) * len(names), 0.0, 0.5))
    story_of: dict[str, str] = {}
    x, y = [], []
    for i in order:
        f = feats[i]
        index.count(f)
        own = index.vectors(f, names)
        found = []
        for sid in index.candidates(f):
            values = index.compare(f, index.stories[sid], names, own)
            found.append((values.get("words", 0.0), [values[n] for n in names], int(story_of.get(gold[i]) == sid)))
        for _, values, label in sorted(found, key=lambda v: -v[0])[:HARD]:
            x.append(values)
            y.append(label)
        story_of[gold[i]] = index.place(f, story_of.get(gold[i]))
    return x, y


def train(feats: list[ArticleFeatures], gold: list[str], names: tuple[str, ...], seed: int = 0,
          note: str = "") -> StoryModel:
    """Weights by logistic regression over the candidate pairs of a few arrival orders, then the
    threshold that gives the best mean B-cubed F1 when the training articles are streamed."""
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    train_orders = orders(len(feats), TRAIN_ORDERS, seed)
    for order in train_orders:
        xs, ys = pairs(feats, gold, order, names)
        x += xs
        y += ys
    lr = LogisticRegression(C=C, max_iter=1000).fit(x, y)
    weights = tuple(round(float(w), 4) for w in lr.coef_[0])
    bias = round(float(lr.intercept_[0]), 4)
    best = None
    for t in THRESHOLDS:
        model = StoryModel(names, weights, bias, t)
        score = statistics.mean(bcubed_f1(gold, stream(model, feats, o)) for o in train_orders)
        if best is None or score > best[0] + 1e-9:
            best = (score, t)
    return StoryModel(names, weights, bias, best[1], note)


def evaluate(model: StoryModel, feats, gold, count: int, seed: int) -> list[float]:
    return [bcubed_f1(gold, stream(model, feats, o)) for o in orders(len(feats), count, seed)]


def fold(job) -> tuple[StoryModel, list[float]]:
    """Train on one half, test on the other: (the model, B-cubed F1 per test order)."""
    train_feats, train_gold, test_feats, test_gold, names, count = job
    model = train(train_feats, train_gold, names)
    return model, evaluate(model, test_feats, test_gold, count, seed=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="JSONL of articles with id, text and cluster (ECB+ dev)")
    ap.add_argument("--orders", type=int, default=8, help="test arrival orders per fold")
    ap.add_argument("--features", type=Path, help="where the computed features are kept")
    ap.add_argument("--write-model", action="store_true", help="train the kept features on all topics and "
                                                               "write " + str(MODEL_PATH.relative_to(ROOT)))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes")
    ap.add_argument("--sets", help="feature sets to compare, ';'-separated, each ','-separated "
                                   "(default: the baseline, the baseline plus each feature, the kept ones)")
    a = ap.parse_args()
    rows = read_rows(a.data)
    digest = hashlib.sha256(a.data.read_bytes()).hexdigest()[:12]
    feats = load_features(rows, a.features or ROOT / "bench" / "results" / f"story-features-{digest}.json")
    gold = [str(r["cluster"]) for r in rows]
    halves = {h: [i for i, r in enumerate(rows) if topic(r) % 2 == (0 if h == "a" else 1)] for h in "ab"}
    sub = lambda idx: ([feats[i] for i in idx], [gold[i] for i in idx])  # noqa: E731
    folds = [("a", "b"), ("b", "a")]

    if a.sets:
        sets = [tuple(s.split(",")) for s in a.sets.split(";")]
    else:
        sets = [BASELINE] + [BASELINE + (f,) for f in FEATURES if f not in BASELINE]
    results: dict[tuple[str, ...], dict[str, list[float]]] = {}
    models: dict[tuple[str, ...], dict[str, StoryModel]] = {}

    def run(many: list[tuple[str, ...]]) -> None:
        jobs = [(names, tr, te) for names in many for tr, te in folds]
        with ProcessPoolExecutor(max(1, min(len(jobs), a.workers))) as pool:
            done = pool.map(fold, [(*sub(halves[tr]), *sub(halves[te]), names, a.orders) for names, tr, te in jobs])
            for (names, _, te), (model, scores) in zip(jobs, done):
                results.setdefault(names, {})[te] = scores
                models.setdefault(names, {})[te] = model
                print(f"  {'+'.join(names):40s} test {te}: {statistics.mean(scores):.3f} "
                      f"(threshold {model.threshold}, weights {model.weights}, bias {model.bias})", file=sys.stderr)

    run(sets)
    base = {h: statistics.mean(results[BASELINE][h]) for h in "ab"} if BASELINE in results else None
    kept = BASELINE
    if base and not a.sets:
        kept = BASELINE + tuple(f for f in FEATURES if f not in BASELINE and all(
            statistics.mean(results[BASELINE + (f,)][h]) > base[h] for h in "ab"))
        if kept not in results:
            run([kept])

    print(f"\nB-cubed F1 over {a.orders} arrival orders per test half (train on the other half); "
          f"spread = standard deviation / max - min\n")
    print("| features | test a: mean | sd | range | test b: mean | sd | range | beats baseline on both |")
    print("|---|---|---|---|---|---|---|---|")
    for names, by_half in results.items():
        cells = []
        for h in "ab":
            s = by_half[h]
            cells += [f"{statistics.mean(s):.3f}", f"{statistics.pstdev(s):.3f}", f"{max(s) - min(s):.3f}"]
        beats = "—" if names == BASELINE or not base else (
            "yes" if all(statistics.mean(by_half[h]) > base[h] for h in "ab") else "no")
        label = " + ".join(names) + (" (kept)" if names == kept and names != BASELINE else "")
        print(f"| {label} | " + " | ".join(cells) + f" | {beats} |")

    if a.write_model:
        model = train(feats, gold, kept, note=f"{a.data.name}: all {len(rows)} articles "
                                              f"({len(set(map(topic, rows)))} topics), bench/stories_cv.py")
        MODEL_PATH.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL_PATH.relative_to(ROOT)}: {model}")


if __name__ == "__main__":
    main()
