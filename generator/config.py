"""Configuration: the ``briefing`` plugin's options in mkdocs.yml, in one typed place.

    plugins:
      - search
      - briefing:
          articles: articles
          output: generated

Every path is relative to MkDocs' ``docs_dir`` (``content/``) unless it says otherwise.
"""
from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

MAX_WORKERS = 64
"""Parsing processes at most: each loads its own copy of the spaCy pipeline (about 200 MB)."""
WORKER_MB = 400
"""Memory one parsing process needs (the pipeline and a batch of documents): ``workers: auto`` starts no
more processes than the free memory holds."""
PLACE_INDEX_ENV = "BRIEFING_CACHE"
"""Environment variable naming a folder for the place index (``gazetteer-*.sqlite``, 30 MB, minutes to
build) that overrides the ``cache`` option: the test suite's throwaway projects, and several checkouts on
one machine, then share one index instead of each building its own. Only the index: extraction results
stay in each project's ``cache``."""
ARTICLES_PER_WORKER = 40
"""New articles to parse per extra process: for fewer, starting a process (it loads its own pipeline)
costs more than it saves, so a build with a handful of new articles parses them in its own process."""


def resolve_workers(value: int | str) -> int:
    """Parsing processes for the ``workers`` option: a number as given, or ``auto``: the CPUs this process
    may use, capped by free memory (WORKER_MB each) and MAX_WORKERS."""
    if value != "auto":
        return int(value)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        free_mb = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (ValueError, OSError, AttributeError):
        free_mb = cpus * WORKER_MB
    return max(1, min(cpus, free_mb // WORKER_MB, MAX_WORKERS))


def place_index_folder(cache: Path | None) -> Path:
    """Where the place index is kept: ``$BRIEFING_CACHE`` when set, else the project's ``cache`` folder,
    else (no project, or ``cache`` left empty) ``~/.cache/briefing``."""
    override = os.environ.get(PLACE_INDEX_ENV)
    if override:
        return Path(override)
    return Path(cache) if cache is not None else Path.home() / ".cache" / "briefing"


class BriefingConfig(base.Config):
    articles = c.Type(str, default="articles")
    """Folder (under docs_dir) that holds the articles users write or add: .md, .txt, .html."""

    output = c.Type(str, default="generated")
    """Folder (under docs_dir) that the generator owns: briefings, stories, maps, indexes.
    Nothing outside it is ever written, except the home page when it is missing or was generated."""

    templates = c.Type(str, default="../templates")
    """Folder of the Jinja2 templates of the pages (relative to docs_dir)."""

    cache = c.Type(str, default="../.cache/briefing")
    """Folder for cached extraction results and the place index (relative to docs_dir); safe to delete.
    ``$BRIEFING_CACHE`` (:data:`PLACE_INDEX_ENV`) moves the place index elsewhere."""

    strict = c.Type(bool, default=False)
    """Fail the build when any article cannot be used. Off: such articles are skipped with a warning."""

    workers = c.Type((int, str), default="auto")
    """Processes for parsing (spaCy ``n_process``): ``auto`` (the CPUs, capped by memory; see
    :func:`resolve_workers`) or 1 to :data:`MAX_WORKERS`; 1 parses in the build's own process."""

    feeds = c.ListOfItems(c.Type(str), default=[])
    """RSS or Atom feeds that ``briefing fetch`` pulls new articles from."""

    enabled = c.Type(bool, default=True)
    """Generate pages on ``mkdocs build``/``serve``. Off: only the pages already in docs_dir are built."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            failed += self._check()
        return failed, warnings

    def _check(self) -> list[tuple[str, Exception]]:
        """Options that are each valid but together would harm the site."""
        from mkdocs.config.base import ValidationError

        problems = []
        if self.workers != "auto" and not (isinstance(self.workers, int) and 1 <= self.workers <= MAX_WORKERS):
            problems.append(("workers", ValidationError(
                f"must be 'auto' or between 1 and {MAX_WORKERS}, not {self.workers!r}")))
        articles, out = (posixpath.normpath(str(x).replace("\\", "/")) for x in (self.articles, self.output))
        if out == articles or out.startswith(articles.rstrip("/") + "/") or articles.startswith(out.rstrip("/") + "/"):
            problems.append(("output", ValidationError(
                f"'{self.output}' and the articles folder '{self.articles}' overlap: generated pages would be read "
                "back as articles, or articles taken for generated files")))
        return problems
