"""The MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` regenerate the pages first."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import Project, build
from .config import BriefingConfig
from .render.text import squeeze_html

log = logging.getLogger("briefing")


def _ensure_handler() -> None:
    """Our messages go to stderr on our own logger: a bad article must not trip ``mkdocs --strict``."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("briefing: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def on_config(self, config):
        _ensure_handler()
        self.project = Project.from_config(Path(config["docs_dir"]), self.config, config["site_name"], config["site_url"])
        return config

    def on_pre_build(self, config):
        if not self.config.enabled:
            return
        result = build(self.project)
        for problem in result.problems:
            log.warning("warning: %s", problem)
        log.info("%d articles (%d extracted, %d from cache); %d files written, %d unchanged, %d removed",
                 len(result.facts), result.extracted, result.cached, len(result.written.written),
                 result.written.unchanged, len(result.written.removed))
        if self.project.strict and result.failed:
            raise PluginError(f"{len(result.problems)} problem(s) with articles (strict mode)")

    def on_post_page(self, output, page, config):
        """Every page without the theme's indentation: a third of a page's bytes, on every page."""
        if not self.config.enabled:
            return output
        return squeeze_html(output)

    def on_serve(self, server, config, builder):
        """Templates live outside docs_dir: watch them too (articles are inside it already)."""
        if self.project.templates.is_dir():
            server.watch(str(self.project.templates))
        return server

    def on_files(self, files, config):
        """Articles are inputs, not pages: keep them (and any HTML in them) out of the site."""
        articles = self.project.articles
        for f in list(files):
            try:
                Path(f.abs_src_path).resolve().relative_to(articles)
            except (ValueError, TypeError):
                continue
            files.remove(f)
        return files
