"""Configuration: the ``briefing`` plugin's options in mkdocs.yml, in one typed place.

    plugins:
      - search
      - briefing:
          articles: articles
          output: generated

Every path is relative to MkDocs' ``docs_dir`` (``content/``) unless it says otherwise.
"""
from __future__ import annotations

import posixpath

from mkdocs.config import base
from mkdocs.config import config_options as c

MAX_WORKERS = 64
"""Parsing processes at most: each loads its own copy of the spaCy pipeline (about 200 MB)."""


class BriefingConfig(base.Config):
    articles = c.Type(str, default="articles")
    """Folder (under docs_dir) that holds the articles users write or add: .md, .txt, .html."""

    output = c.Type(str, default="generated")
    """Folder (under docs_dir) that the generator owns: briefings, stories, maps, indexes.
    Nothing outside it is ever written, except the home page when it is missing or was generated."""

    templates = c.Type(str, default="../templates")
    """Folder of the Jinja2 templates of the pages (relative to docs_dir)."""

    cache = c.Type(str, default="../.cache/briefing")
    """Folder for cached extraction results (relative to docs_dir); safe to delete."""

    strict = c.Type(bool, default=False)
    """Fail the build when any article cannot be used. Off: such articles are skipped with a warning."""

    workers = c.Type(int, default=1)
    """Processes for parsing (spaCy ``n_process``), 1 to :data:`MAX_WORKERS`; 1 parses in the build's own process."""

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
        if not 1 <= self.workers <= MAX_WORKERS:
            problems.append(("workers", ValidationError(f"must be between 1 and {MAX_WORKERS}, not {self.workers}")))
        articles, out = (posixpath.normpath(str(x).replace("\\", "/")) for x in (self.articles, self.output))
        if out == articles or out.startswith(articles.rstrip("/") + "/") or articles.startswith(out.rstrip("/") + "/"):
            problems.append(("output", ValidationError(
                f"'{self.output}' and the articles folder '{self.articles}' overlap: generated pages would be read "
                "back as articles, or articles taken for generated files")))
        return problems
