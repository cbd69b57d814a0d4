"""The library API (generator/api.py): what both faces use, and all they use."""
from __future__ import annotations

import ast
from pathlib import Path

import generator
from generator import api
from generator.model import Article

ROOT = Path(__file__).resolve().parent.parent

TEXTS = ["Talks resume in Geneva. Negotiators from both sides met in Geneva on Monday, officials said.",
         "Storm closes port. A storm closed the port of Faro on Tuesday, the harbour master said."]


def test_analyse_gives_one_analysis_per_article_in_order_and_a_failure_is_named(monkeypatch):
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", title=t.split(".")[0], text=t) for i, t in enumerate(TEXTS)]
    done = list(api.analyse(articles))
    assert [a.article.id for a in done] == ["a0", "a1"] and all(a.facts is not None and a.parsed for a in done)
    assert any(p.name == "Geneva" for p in done[0].facts.places)

    from generator.extract import quotes

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(quotes, "extract", broken)
    failed = list(api.analyse(articles[:1]))[0]
    assert failed.facts is None and "RuntimeError: boom" in failed.problem.problem
    assert failed.features.terms  # still grouped, by its words alone
    (analysis, story), = list(api.group([failed]))
    assert story.id and analysis is failed


def test_the_faces_use_only_the_api():
    """cli.py and plugin.py reach no stage module (extract/, nlp, stories, build) directly."""
    stages = {"extract", "nlp", "stories", "build", "merge", "render"}
    for face in ("cli.py", "plugin.py"):
        tree = ast.parse((ROOT / "generator" / face).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                module = (node.module or "").split(".")[0]
                names = {a.name for a in node.names}
                assert module not in stages and not (module == "" and names & stages), (face, module, names)


def test_the_package_re_exports_the_api():
    assert generator.analyse is api.analyse and generator.group is api.group
    assert set(generator._API) == set(api.__all__) - {"build", "save_story_index", "squeeze_html"}
