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
from pathlib import Path
from typing import Callable, Iterator

from . import ingest, output, versions
from .cache import ArticleCache
from .config import ARTICLES_PER_WORKER, BriefingConfig, resolve_workers
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
    serving: bool = False  # under `mkdocs serve`, whose site_url is the dev server's own address

    @property
    def home(self) -> Path:
        """The home page the build writes, unless a user wrote their own (:func:`home_is_ours`)."""
        return self.docs_dir / "index.md"

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
            workers=resolve_workers(cfg.workers),
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
    """Changes whenever what extraction returns may change: our code and data, the model, the gazetteer
    (versions.LAYERS["extraction"])."""
    return f"extraction-{versions.digest('extraction')}"


_SNAPSHOT_CODE = f"snapshot-{versions.digest('snapshot')}-pickle-{pickle.format_version}"


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


@dataclass
class Analysis:
    """One article analysed: its facts (None when an extractor failed on it), its story features (always:
    a failed article is still grouped, by its words and names alone) and the problem met, if any."""

    article: Article
    facts: Facts | None
    features: ArticleFeatures
    problem: ingest.Problem | None = None
    parsed: bool = True  # False: taken from the cache


def analyse_one(doc, article: Article) -> Analysis:
    """Facts and features of one parsed article; a crash in an extractor becomes a problem, not a stopped build."""
    from .extract import extract

    try:
        facts = extract(doc, article)
        return Analysis(article, facts, features_from_doc(doc, article, facts))
    except Exception as exc:  # noqa: BLE001 - one bad article must never stop the rest
        log.debug("extraction failed on %s", article.path, exc_info=True)
        problem = ingest.Problem(article.path or article.id, f"extraction failed ({type(exc).__name__}: {exc})",
                                 "skipped it")
        return Analysis(article, None, features_from_doc(doc, article), problem)


def analyse(articles: list[Article], cache: ArticleCache | None = None, workers: int = 1,
            progress: Progress | None = None) -> Iterator[Analysis]:
    """The one analysis loop: an Analysis per article, in order, as they come. Articles in ``cache`` are
    not parsed; the rest are parsed together (``workers`` processes when there are enough of them to pay
    for their start) and their results cached. The place index is kept in the same cache folder
    (config.place_index_folder)."""
    from . import gazetteer
    from .nlp import parse

    cache = cache or ArticleCache(None, pipeline_version())
    gazetteer.use_cache(cache.folder)
    hits: dict[int, Analysis] = {}
    todo = []
    for i, a in enumerate(articles):
        facts, features = cache.get_facts(a), cache.get(a, "story")
        hit = None
        if facts is not None and features is not None:
            try:
                hit = Analysis(a, facts, ArticleFeatures(**features), parsed=False)
            except TypeError:  # written by another version of the story features
                cache.damaged += 1
        if hit is not None:
            hits[i] = hit
        else:
            todo.append(i)
    if cache.damaged:
        log.info("%d cache entries could not be used; those articles are extracted again", cache.damaged)
    workers = min(workers, max(1, len(todo) // ARTICLES_PER_WORKER))  # a process must pay for its start
    docs = iter(parse((articles[i].text for i in todo), workers=workers))
    done = 0
    for i, a in enumerate(articles):
        if i in hits:
            yield hits[i]
            continue
        result = analyse_one(next(docs), a)
        if result.facts is not None:
            cache.put_facts(result.facts)
            cache.put(a, "story", asdict(result.features))
        done += 1
        if progress:
            progress("extract", done, len(todo))
        yield result


def analyse_articles(articles: list[Article], cache: ArticleCache, workers: int = 1,
                     progress: Progress | None = None) -> Analysed:
    """Facts and story features for every article the extractors could read, in order (see :func:`analyse`)."""
    done = list(analyse(articles, cache, workers, progress))
    kept = [a for a in done if a.facts is not None]
    return Analysed([a.facts for a in kept], [a.features for a in kept], sum(a.parsed for a in done),
                    [a.problem for a in done if a.problem is not None])


def arrival_order(articles: list[Article]) -> list[int]:
    """Stories grow in the order articles were published (undated ones last), then by path: one
    order for the site and ``briefing stories``, whatever order the files were listed in."""
    return sorted(range(len(articles)), key=lambda i: (articles[i].published is None,
                                                       articles[i].published or "", articles[i].path or ""))


def load_story_index(path: Path | None) -> StoryIndex:
    """The saved story state, or a fresh one when there is none or it cannot be read (another
    version's): the stories are then grouped afresh, under the same ids (see stories.story_id_for)."""
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
    for i in arrival_order([f.article for f in analysed.facts]):
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


FEEDS = ("feed.xml", "feed.json")


def loopback_in_ci(site_url: str) -> bool:
    """A build on CI (``CI`` set, as GitHub Actions does) whose site address is this machine's: its feeds
    would send readers to localhost."""
    import ipaddress
    from urllib.parse import urlsplit

    if not os.environ.get("CI"):
        return False
    host = urlsplit(site_url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    analysed = analyse_articles(articles, cache, project.workers, progress)

    state = project.cache / "stories.json" if project.cache else None
    index = load_story_index(state)
    known = index.n_docs
    stories = group_stories(analysed, index)

    started = time.time()
    memo = map_memo(project)  # unchanged maps are not drawn again (folium is slow)
    env = pages.environment(project.templates, project.cache / "templates" if project.cache else None)
    palette = pages.site_palette(analysed.facts)  # one colour per party, on every page and map
    story_files, story_views = story_pages.render_stories(stories, env, memo, palette)
    reuse = None
    views = snapshots / "views.pickle" if snapshots else None
    if project.cache is not None:  # the cache's keys say which facts are the same as last time
        reuse = pages.Reuse({pages.article_slug(f): cache.key(f.article) for f in analysed.facts},
                            output.read_inputs(project.output),
                            lambda rel: output.read_generated(project.output, rel), load_snapshot(views))
    rendered = pages.render_site(analysed.facts, env, project.output_rel, story_views, memo, reuse, palette)
    if reuse is not None and rendered.views.keys() != reuse.views.keys():
        save_snapshot(views, rendered.views)
    files = {**rendered.files, **story_files}
    if project.site_url:
        if loopback_in_ci(project.site_url):
            log.warning("warning: site_url is %s, so the feeds and sitemap of this CI build point at this machine; "
                        "set BRIEFING_SITE_URL (the Pages workflow does) or site_url in mkdocs.yml", project.site_url)
        kept = {rel: output.read_generated(project.output, rel) for rel in FEEDS} if project.serving else {}
        if kept and all(kept.values()):
            files.update(kept)  # serve's own address must not overwrite the feeds `briefing build` wrote
        else:
            items = feed_items(analysed.facts, stories, project.output_rel)
            files["feed.xml"] = feeds.rss(items, project.site_name, project.site_url, project.site_name)
            files["feed.json"] = feeds.json_feed(items, project.site_name, project.site_url, project.site_name)
    if not rendered.maps_reused:  # a map taken from the last build was not looked up: its memo entry is still good
        prune_memo(memo, started)
    home = project.home
    owned = {home: rendered.home} if home_is_ours(home) else {}
    if not owned:
        log.info("%s was written by hand: left as it is", home)
    written = output.write_tree(project.output, files, owned, rendered.inputs)
    if state is not None and (index.n_docs != known or not state.is_file()):  # saved only when an article joined it
        output.write_if_changed(state, json.dumps(index.to_dict(), ensure_ascii=False, sort_keys=True).encode(),
                                write=output.cache_write)
    return BuildResult(analysed.facts, problems + analysed.problems, analysed.parsed,
                       len(articles) - analysed.parsed, written)
