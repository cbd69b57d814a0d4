"""The MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` regenerate the pages first."""
from __future__ import annotations

import dataclasses
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from watchdog.events import FileSystemEventHandler

from . import output
from .api import Project, build, home_is_ours, squeeze_html
from .config import BriefingConfig
from .engines import GENERATED_ENV

log = logging.getLogger("briefing")


def _ensure_handler() -> None:
    """Our messages go to stderr on our own logger: a bad article must not trip ``mkdocs --strict``."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("briefing: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def search_languages(config) -> list[str]:
    search = config["plugins"].get("search") or config["plugins"].get("material/search")
    langs = getattr(search, "config", {}).get("lang") if search is not None else None
    return [str(x) for x in (langs or ["en"])]


def slim_theme_assets(site: Path, langs: list[str]) -> list[str]:
    """Remove the theme files no reader's browser loads: source maps (fetched only by developer
    tools) and the search worker's support for languages the site does not search in (it loads
    ``lunr/min/lunr.<lang>.min.js``, ``tinyseg.js`` for Japanese, ``wordcut.js`` for Hindi and Thai).
    Together 2.2 MB of the 2.5 MB the theme copies into every site."""
    js = site / "assets" / "javascripts"
    if not js.is_dir():
        return []
    other = [x for x in langs if x != "en"]
    keep = {f"min/lunr.{x}.min.js" for x in other}
    if other:
        keep.add("min/lunr.stemmer.support.min.js")
    if len(langs) > 1:
        keep.add("min/lunr.multi.min.js")
    if "ja" in langs:
        keep.add("tinyseg.js")
    if {"hi", "th"} & set(langs):
        keep.add("wordcut.js")
    lunr = js / "lunr"
    gone = [f for f in lunr.rglob("*.js") if f.relative_to(lunr).as_posix() not in keep] if lunr.is_dir() else []
    for pattern in ("*.js.map", "*.css.map"):  # source maps only, not a site's own data ending in .map
        gone += list((site / "assets").rglob(pattern))
    for f in gone:
        if f.is_file() and not f.is_symlink():
            f.unlink()
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True) + [lunr]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return sorted(f.relative_to(site).as_posix() for f in gone)


class _InputsChanged(FileSystemEventHandler):
    """What MkDocs's own watch of a folder does (ask the server for a rebuild on any file event),
    except for the files the build itself writes: the folders it writes, and the home page while it
    is ours (a home page written by hand, or one deleted, is an input again)."""

    def __init__(self, server, folders: list[Path], home: Path):
        self.server = server
        self.folders = [os.path.realpath(p) for p in folders]
        self.home = os.path.realpath(home)

    def _ours(self, path) -> bool:
        path = os.path.realpath(os.fsdecode(path))  # the watcher's paths may go through a link
        if path == self.home:
            return os.path.isfile(path) and home_is_ours(Path(path))
        folder, name = os.path.split(path)
        if folder == os.path.dirname(self.home) and name.startswith(f".{os.path.basename(self.home)}.") \
                and name.endswith(output.TMP_SUFFIX):  # the home page on its way in (output.atomic_write)
            return True
        return any(path.startswith(p + os.sep) for p in self.folders)

    def on_any_event(self, event):
        if event.is_directory:
            return
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        if all(self._ours(p) for p in paths):
            return
        logging.getLogger("mkdocs.livereload").debug(str(event))
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class BriefingPlugin(BasePlugin[BriefingConfig]):
    serving = False

    def on_startup(self, *, command, dirty):
        """Under ``mkdocs serve`` the site_url is the dev server's: the feeds already written keep theirs."""
        self.serving = command == "serve"

    def on_config(self, config):
        _ensure_handler()
        self.project = Project.from_config(Path(config["docs_dir"]), self.config, config["site_name"], config["site_url"])
        self.project = dataclasses.replace(self.project, serving=self.serving)
        return config

    def on_pre_build(self, config):
        if not self.config.enabled or os.environ.get(GENERATED_ENV):  # `briefing build` generated them just now
            return
        self._lock = output.locked(self.project.output)  # held until the site is built
        self._lock.__enter__()
        try:
            result = build(self.project)
        except OSError as exc:
            raise PluginError(output.cannot_write(exc, self.project.output)) from None
        for problem in result.problems:
            log.warning("warning: %s", problem)
        for line in result.undated:
            log.info("note: %s", line)  # not a warning: `mkdocs build --strict` stays green
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

    def on_post_build(self, config):
        if self.config.enabled:
            slim_theme_assets(Path(config["site_dir"]), search_languages(config))
        self._unlock()

    def on_build_error(self, error):
        self._unlock()

    def on_shutdown(self):
        self._unlock()

    def _unlock(self) -> None:
        lock, self._lock = getattr(self, "_lock", None), None
        if lock is not None:
            lock.__exit__(None, None, None)

    def on_serve(self, server, config, builder):
        """Templates live outside docs_dir: watch them too (articles are inside it already).

        The pages we write are inside docs_dir, which MkDocs watches: every build that changes one
        would start a second build, which writes nothing (one change, two builds). docs_dir is watched
        here instead, without what our own build writes (the generated pages, the home page, a cache)."""
        if self.project.templates.is_dir():
            server.watch(str(self.project.templates))
        docs = os.path.abspath(config["docs_dir"])
        ours = [p for p in (self.project.output, self.project.cache) if p is not None]
        home = self.project.home
        if all(hasattr(server, a) for a in ("_rebuild_cond", "_want_rebuild", "observer", "_watched_paths")) \
                and docs in server._watched_paths:
            server.unwatch(docs)
            server.observer.schedule(_InputsChanged(server, ours, home), docs, recursive=True)
            log.info("watching %s for changes, without the pages the build writes there", docs)
        else:  # a MkDocs whose server works otherwise: each change builds twice, but builds
            log.debug("cannot keep the generated pages out of the watched paths of this MkDocs")
        return server

    def on_files(self, files, config):
        """Articles are inputs, not pages: nothing under the articles folder is published, whatever
        it is (a link to a file elsewhere, HTML, a hidden draft); only the briefings made of it are.
        Paths are compared as MkDocs found them, never resolved: a link must not lead a file out."""
        inside = self.project.articles_rel
        if inside is None:
            return files
        for f in list(files):
            if f.src_uri == inside or f.src_uri.startswith(inside + "/"):
                files.remove(f)
        return files
