"""The ``briefing`` command line: a thin layer over the library.

Every command prints one clear line per problem and never a traceback; a
non-zero exit means the command did not do what was asked.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import ingest, output


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def read_inputs(paths, published) -> tuple[list, list]:
    """Articles from files, directories or ``-``, with the problems met on the way."""
    articles, problems = [], []
    files = []
    for p in paths:
        files.extend([p] if str(p) == "-" else ingest.find_articles([p], problems))
    for path in files:
        article, found = ingest.read_article(path, published)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    for problem in problems:
        warn(str(problem))
    return articles, problems


class JsonOutput:
    """Objects printed as JSON lines as they come (jsonl), or as one JSON array at the end (json)."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.rows: list[dict] = []

    def add(self, obj: dict) -> None:
        if self.fmt == "jsonl":
            click.echo(json.dumps(obj, ensure_ascii=False))
        else:
            self.rows.append(obj)

    def close(self) -> None:
        if self.fmt == "json":
            click.echo(json.dumps(self.rows, ensure_ascii=False, indent=2))


def load_project(config_file: str):
    """The project described by mkdocs.yml (the briefing plugin's options)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .build import Project
    from .config import BriefingConfig

    try:
        cfg = load_config(config_file)
    except (ConfigurationError, OSError) as exc:
        raise click.ClickException(f"{config_file}: {exc}") from None
    plugin = cfg["plugins"].get("briefing")
    options = plugin.config if plugin is not None else BriefingConfig()
    if plugin is None:
        options.load_dict({})
        options.validate()
    return cfg, options, Project.from_config(Path(cfg["docs_dir"]), options, cfg["site_name"], cfg["site_url"])


paths_argument = click.argument("paths", nargs=-1, required=True,
                                type=click.Path(exists=True, allow_dash=True, path_type=Path))  # a missing path: exit 2, named
format_option = click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
                             help="One JSON array, or one JSON object per line.")
strict_option = click.option("--strict", is_flag=True, help="Exit non-zero when any file could not be used.")

config_option = click.option("-f", "--config-file", default="mkdocs.yml", show_default=True,
                             type=click.Path(dir_okay=False), help="The site's MkDocs configuration.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def main():
    """Turn news articles about a crisis into a static briefing site.

    Articles go into content/articles/; `briefing build` (or `mkdocs build`)
    writes the briefing pages and maps and builds the site.
    """


@main.command()
@paths_argument
@format_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that do not give one (resolves 'on Saturday').")
@strict_option
def extract(paths, fmt, published, strict):
    """Print the facts of articles (files, directories, or - for standard input) as JSON."""
    from .export import facts_to_json
    from .extract import extract as extract_facts
    from .nlp import parse

    articles, problems = read_inputs(paths, published)
    out = JsonOutput(fmt)
    for article, doc in zip(articles, parse(a.text for a in articles)):
        try:
            obj = facts_to_json(extract_facts(doc, article))
        except Exception as exc:  # noqa: BLE001 - one bad article must never stop the rest
            problems.append(exc)
            warn(f"{article.path}: extraction failed ({type(exc).__name__}: {exc}); skipped it")
            continue
        out.add(obj)
    out.close()
    if strict and problems:
        sys.exit(1)


@main.command()
@config_option
@click.option("--site/--no-site", default=True, show_default=True,
              help="Also run the MkDocs build into the site folder.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any article could not be used.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Parsing processes (default: from mkdocs.yml).")
def build(config_file, site, strict, workers):
    """Generate the briefing pages from the articles, then build the site."""
    import dataclasses

    cfg, options, project = load_project(config_file)
    if workers:
        project = dataclasses.replace(project, workers=workers)
    with output.locked(project.output):  # one build at a time on this folder, generation and site
        _build(cfg, options, project, site, strict)


def _build(cfg, options, project, site, strict) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .build import build as run_build

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("Extracting", total=None)
        try:
            result = run_build(project, progress=lambda _stage, done, total: bar.update(task, completed=done, total=total))
        except OSError as exc:
            raise click.ClickException(output.cannot_write(exc, project.output)) from None
    for problem in result.problems:
        warn(str(problem))
    click.echo(f"{len(result.facts)} articles ({result.extracted} extracted, {result.cached} from cache); "
               f"{len(result.written.written)} files written, {result.written.unchanged} unchanged, "
               f"{len(result.written.removed)} removed", err=True)
    if (strict or project.strict) and result.failed:
        raise click.ClickException(f"{len(result.problems)} problem(s) with articles (strict mode)")
    if site:
        from mkdocs.commands.build import build as mkdocs_build

        options.enabled = False  # the pages were just generated
        mkdocs_build(cfg)
        click.echo(f"site built in {cfg['site_dir']}", err=True)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@config_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD", help="Publication date, if the article has none.")
def add(sources, config_file, published):
    """Add articles from files or URLs to the articles folder (duplicates are refused)."""
    from .collect import CollectError, add as add_one, known

    _cfg, _options, project = load_project(config_file)
    project.articles.mkdir(parents=True, exist_ok=True)
    seen = known(project.articles)
    failed = False
    for source in sources:
        try:
            added = add_one(source, project.articles, published, seen)
        except CollectError as exc:
            warn(str(exc))
            failed = True
            continue
        if added.skipped:
            click.echo(f"skipped {source}: {added.skipped}", err=True)
        else:
            click.echo(f"added {added.path}")
    if failed:
        sys.exit(1)


@main.command()
@config_option
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="A feed to read (default: the feeds in mkdocs.yml).")
@click.option("--max-items", type=click.IntRange(1), default=None, metavar="N",
              help="New articles one run adds at most (default: 200).")
def fetch(config_file, feeds, max_items):
    """Pull new articles from the RSS/Atom feeds in the configuration."""
    from .collect import MAX_FEED_ITEMS, CollectError, fetch as fetch_feeds

    _cfg, options, project = load_project(config_file)
    feeds = list(feeds) or list(options.feeds)
    if not feeds:
        raise click.ClickException("no feeds: list them under the briefing plugin's 'feeds' option in mkdocs.yml")
    project.articles.mkdir(parents=True, exist_ok=True)
    new = 0
    for result in fetch_feeds(feeds, project.articles, max_items or MAX_FEED_ITEMS):
        if isinstance(result, CollectError):
            warn(str(result))
        elif result.path:
            new += 1
            click.echo(f"added {result.path}")
    click.echo(f"{new} new article(s)", err=True)


@main.command()
@paths_argument
@format_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that do not give one.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON file of the story index: read if it exists, written back after.")
@strict_option
def stories(paths, fmt, published, state, strict):
    """Group articles into stories, one at a time (streaming), in the site's arrival order: by
    publication date, then by path; one line per article in that order.

    The features and the order are the site build's own (the extracted parties included), so these
    are the stories the site shows."""
    from .build import arrival_order, extract_one, load_story_index
    from .ingest import Problem
    from .nlp import parse
    from .stories import features_from_doc

    articles, problems = read_inputs(paths, published)
    articles = [articles[i] for i in arrival_order(articles)]
    index = load_story_index(state)
    out = JsonOutput(fmt)
    for article, doc in zip(articles, parse(a.text for a in articles)):
        result = extract_one(doc, article)
        if isinstance(result, tuple):
            features = result[1]
        else:  # an extractor failed: the article still joins a story, by its words and names alone
            problem = Problem(result.path, result.problem, "grouped it by its words and names alone", fatal=False)
            problems.append(problem)
            warn(str(problem))
            features = features_from_doc(doc, article)
        story = index.assign(features)
        out.add({"path": article.path, "story": story, "title": index.stories[story].title})
    out.close()
    if state:
        state.write_text(json.dumps(index.to_dict(), ensure_ascii=False))
    if strict and problems:
        sys.exit(1)


def run() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last resort: one line, and the way to see more
        click.echo(f"error: {type(exc).__name__}: {exc} (run with BRIEFING_DEBUG=1 for details)", err=True)
        if __import__("os").environ.get("BRIEFING_DEBUG"):
            raise
        sys.exit(1)


if __name__ == "__main__":
    run()

