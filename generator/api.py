"""The library: what the command line, the MkDocs plugin and the benchmark use, and nothing else.

    from generator import api

    articles, problems = api.read(["content/articles"])
    for analysis in api.analyse(articles):          # one Analysis per article, in order, as they come
        print(analysis.article.title, analysis.facts and len(analysis.facts.quotes))
    for analysis, story in api.group(api.analyse(articles)):   # stories, one article at a time
        print(story.id, story.title)
    result = api.build(api.Project.from_config(...))             # the briefing pages of a site
    api.build_site(project, "mkdocs.yml", engine="zensical")       # then the site, by any engine in api.ENGINES

Each stage below is a module of its own (ingest, nlp, extract, stories, render, build); this module only
joins them, so that the faces never reach into them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import engines, ingest, output
from .build import (Analysis, BuildResult, Project, analyse as _analyse, arrival_order, build as _build,
                    home_is_ours, load_story_index, pipeline_version)
from .cache import ArticleCache
from .export import facts_to_json
from .engines import ENGINES, EngineError
from .model import Article, Facts
from .render.text import squeeze_html
from .stories import StoryIndex

__all__ = ["ENGINES", "Analysis", "Article", "BuildResult", "EngineError", "Facts", "Project", "StoryIndex",
           "StoryAssignment", "analyse", "arrival_order", "build", "build_site", "facts_to_json", "group",
           "home_is_ours", "read", "save_story_index", "serve_site", "squeeze_html", "story_index"]


def read(paths: Iterable[str | Path], published: dt.date | None = None) -> tuple[list[Article], list[ingest.Problem]]:
    """Articles from files, folders or ``-`` (standard input), with the problems met on the way
    (one per file that could not be used; the others are read)."""
    articles, problems, files = [], [], []
    for p in paths:
        files.extend([p] if str(p) == "-" else ingest.find_articles([Path(p)], problems))
    for path in files:
        article, found = ingest.read_article(path, published)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def analyse(articles: list[Article], *, workers: int = 1, cache: Path | None = None) -> Iterator[Analysis]:
    """One :class:`Analysis` per article, in order, as each is done. ``cache``: a folder of earlier
    results (the build's ``.cache/briefing``); an article found there is not parsed again."""
    return _analyse(articles, ArticleCache(cache, pipeline_version()), workers)


@dataclass
class StoryAssignment:
    id: str
    title: str


def story_index(state: Path | None = None) -> StoryIndex:
    """The stories grouped so far (read from a state file written by :func:`save_story_index`), or none."""
    return load_story_index(state)


def save_story_index(index: StoryIndex, state: Path) -> None:
    import json

    state.write_text(json.dumps(index.to_dict(), ensure_ascii=False), encoding="utf-8")


def group(analyses: Iterable[Analysis], index: StoryIndex | None = None
          ) -> Iterator[tuple[Analysis, StoryAssignment]]:
    """Each article's story, one article at a time in the order given (earlier assignments stand); the
    site groups in :func:`arrival_order` (by publication date, then path)."""
    index = index if index is not None else StoryIndex()
    for analysis in analyses:
        story = index.assign(analysis.features)
        yield analysis, StoryAssignment(story, index.stories[story].title)


def build(project: Project, progress=None) -> BuildResult:
    """Generate a site's briefing pages, stories, maps, indexes and feeds from its articles."""
    return _build(project, progress)


def build_site(project: Project, config_file: str | Path, engine: str = engines.DEFAULT, *, strict: bool = False) -> None:
    """Build the site from the pages :func:`build` generated, with one of :data:`ENGINES` (its name).
    Raises :class:`EngineError` (one line) when the engine is missing or its build fails."""
    engines.build_site(engines.get(engine), Path(config_file), project.docs_dir, project.articles_rel, strict=strict)


def serve_site(project: Project, config_file: str | Path, engine: str = engines.DEFAULT, *, dev_addr: str | None = None,
               on_build: Callable[[BuildResult], None] | None = None) -> int:
    """Serve the site with an engine until it stops; returns its exit status. An engine that runs the
    plugin regenerates the pages itself; for the others they are generated again (:func:`build`, then
    ``on_build(result)``) whenever an article or a template changes."""
    def regenerate() -> None:
        with output.locked(project.output):
            result = build(project)
        if on_build is not None:
            on_build(result)

    return engines.serve(engines.get(engine), Path(config_file), project.docs_dir, project.articles_rel, dev_addr=dev_addr,
                         regenerate=regenerate, watched=[project.articles, project.templates])
