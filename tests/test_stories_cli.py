"""`briefing stories`: the streaming contract that the evaluation script reads, and the same
stories the site shows."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator import ingest
from generator.build import analyse_articles, group_stories
from generator.cache import ArticleCache
from generator.stories import StoryIndex

BOUTS = {
    "a1.txt": "Dorin Vasko stops Kel Amadi in the seventh round\n"
              "Heavyweight champion Dorin Vasko stopped Kel Amadi in the seventh round on Saturday in Leipzig "
              "to keep his WBO belt. Amadi was down twice before referee Tom Ruiz waved it off.",
    "b1.txt": "Floods cut off villages in the Drava valley\n"
              "Floods cut off nine villages in the Drava valley on Tuesday after three days of rain, the "
              "regional governor Ilse Brandt said. Army helicopters dropped food and water.",
    "a2.txt": "Vasko too strong for Amadi\n"
              "Dorin Vasko kept his WBO heavyweight title with a seventh round stoppage of Kel Amadi in Leipzig "
              "on Saturday night. Amadi said he had no excuses.",
    "b2.txt": "Drava floods: villages still cut off\n"
              "Nine villages in the Drava valley were still cut off by floods on Wednesday, governor Ilse "
              "Brandt said, as army helicopters flew in food and water for a second day.",
}
ORDER = ["a1.txt", "b1.txt", "a2.txt", "b2.txt"]


def briefing(*args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("bouts")
    for name, text in BOUTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def assigned(folder):
    proc = briefing("stories", "--format", "jsonl", *(str(folder / n) for n in ORDER))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_one_line_per_article_in_arrival_order(assigned, folder):
    """Undated articles arrive by path, whatever order they were listed in (as on the site)."""
    assert [row["path"] for row in assigned] == [str(folder / n) for n in sorted(ORDER)]
    assert all(row["story"] and row["title"] for row in assigned)


def test_articles_about_one_event_share_a_story_and_others_do_not(assigned):
    story = {row["path"].rsplit("/", 1)[1]: row["story"] for row in assigned}
    assert story["a1.txt"] == story["a2.txt"]
    assert story["b1.txt"] == story["b2.txt"]
    assert story["a1.txt"] != story["b1.txt"]


def test_a_saved_state_places_later_articles_without_regrouping_the_past(folder, tmp_path, assigned):
    state = tmp_path / "state.json"
    first = briefing("stories", "--format", "jsonl", "--state", str(state), str(folder / "a1.txt"), str(folder / "b1.txt"))
    later = briefing("stories", "--format", "jsonl", "--state", str(state), str(folder / "a2.txt"), str(folder / "b2.txt"))
    assert first.returncode == later.returncode == 0, first.stderr + later.stderr
    rows = [json.loads(line) for line in (first.stdout + later.stdout).splitlines()]
    whole = {row["path"]: row["story"] for row in assigned}
    assert {row["path"]: row["story"] for row in rows} == whole


def site_stories(folder, names) -> dict[str, str]:
    """Path -> story id as a site build without a cache groups the articles (listed in ``names`` order)."""
    articles = [ingest.read_article(folder / n, None)[0] for n in names]
    analysed = analyse_articles(articles, ArticleCache(None, "test"))
    return {src.facts.article.path: story.id for story in group_stories(analysed, StoryIndex())
            for src in story.sources}


def test_the_stories_are_the_ones_the_site_build_groups(folder, assigned):
    """The same features and the same arrival order as the build (the extracted parties included),
    so that what is measured is what a reader gets."""
    assert site_stories(folder, ORDER) == {row["path"]: row["story"] for row in assigned}


def test_two_builds_without_a_cache_give_the_same_story_ids(folder):
    """A fresh clone has no cache and may list files in another order: the story pages keep their
    addresses, taken from each story's first article."""
    first = site_stories(folder, ORDER)
    again = site_stories(folder, list(reversed(ORDER)))
    assert first == again
    a1 = next(sid for path, sid in first.items() if path.endswith("a1.txt"))
    assert a1.startswith("dorin-vasko-stops-kel-amadi")


def test_an_unreadable_article_is_named_and_the_rest_are_grouped(folder, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    proc = briefing("stories", "--format", "jsonl", str(empty), str(folder / "a1.txt"))
    assert proc.returncode == 0
    assert [json.loads(line)["path"] for line in proc.stdout.splitlines()] == [str(folder / "a1.txt")]
    assert str(empty) in proc.stderr
    assert briefing("stories", "--strict", str(empty), str(folder / "a1.txt")).returncode == 1


def test_an_article_an_extractor_fails_on_still_joins_a_story(folder, monkeypatch):
    """One extractor's crash must not leave an article out of the grouping (nor stop the rest)."""
    from click.testing import CliRunner

    from generator import cli, extract

    real = extract.extract

    def flaky(doc, article):
        if article.path.endswith("a2.txt"):
            raise ValueError("a broken extractor")
        return real(doc, article)

    monkeypatch.setattr(extract, "extract", flaky)
    result = CliRunner().invoke(cli.main, ["stories", "--format", "jsonl", *(str(folder / n) for n in ORDER)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    story = {row["path"].rsplit("/", 1)[1]: row["story"] for row in rows}
    assert story["a2.txt"] == story["a1.txt"]
    assert "a2.txt" in result.stderr and "a broken extractor" in result.stderr
