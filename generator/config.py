"""Configuration: the ``briefing`` plugin's options in mkdocs.yml, in one typed place.

    plugins:
      - search
      - briefing:
          articles: articles
          output: generated

Every path is relative to MkDocs' ``docs_dir`` (``content/``) unless it says otherwise.
"""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


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
    """Processes for parsing (spaCy ``n_process``); 1 parses in the build's own process."""

    feeds = c.ListOfItems(c.Type(str), default=[])
    """RSS or Atom feeds that ``briefing fetch`` pulls new articles from."""

    enabled = c.Type(bool, default=True)
    """Generate pages on ``mkdocs build``/``serve``. Off: only the pages already in docs_dir are built."""
