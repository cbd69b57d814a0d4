"""The ``briefing`` command line: a thin layer over the library.

Every command prints one clear line per problem and never a traceback. The exit codes are
defined once, in ``Exit``, and the README's table of them is checked against it.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import sys
from pathlib import Path

import click

from . import output
from .engines import DEFAULT as DEFAULT_ENGINE, ENGINES


class Exit(enum.IntEnum):
    """What a command's exit status means."""
    DONE = 0
    """Everything asked was done (a skipped duplicate is not a failure)."""
    REFUSED = 1
    """Some input was refused (an article, a URL, a feed); each one is named on standard error, the rest was done."""
    USAGE = 2
    """Bad usage or environment (a missing path, a bad option or configuration, an unwritable folder): nothing was done."""


class Failure(click.ClickException):
    """A usage or environment error: one line, exit 2."""
    exit_code = Exit.USAGE


class Refused(click.ClickException):
    """Inputs were refused and the command says so in one line, exit 1."""
    exit_code = Exit.REFUSED


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def warn(message: str) -> None:
    """A problem the command went past (an article it could not use, outside strict mode)."""
    click.echo(f"warning: {message}", err=True)


def refuse(message: str) -> None:
    """An input the command was asked to take and did not: the command will exit ``Exit.REFUSED``."""
    click.echo(f"error: {message}", err=True)


def read_inputs(paths, published) -> tuple[list, list]:
    """Articles from files, directories or ``-``, each problem met on the way named."""
    from .api import read

    articles, problems = read(paths, published)
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


class _Recorded(logging.Handler):
    """What MkDocs logs while it loads a configuration: it logs each invalid option, then aborts
    with a message that names none of them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def load_project(config_file: str):
    """The project described by mkdocs.yml (the briefing plugin's options). An invalid option is a
    usage error of one line that names it; MkDocs' warnings about the configuration are warnings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from .api import Project
    from .config import BriefingConfig

    recorded, mkdocs_log = _Recorded(), logging.getLogger("mkdocs.config")
    mkdocs_log.addHandler(recorded)
    try:
        cfg = load_config(config_file)
    except (ConfigurationError, OSError) as exc:
        raise Failure(f"{config_file}: {exc}") from None
    except Abort as exc:
        errors = [r.getMessage() for r in recorded.records if r.levelno >= logging.ERROR] or [exc.message]
        raise Failure(f"{config_file}: {'; '.join(errors)}") from None
    finally:
        mkdocs_log.removeHandler(recorded)
    for record in recorded.records:
        warn(record.getMessage())
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
    from .api import analyse, facts_to_json

    articles, problems = read_inputs(paths, published)
    out = JsonOutput(fmt)
    for analysis in analyse(articles):
        if analysis.facts is None:  # one bad article never stops the rest
            problems.append(analysis.problem)
            warn(str(analysis.problem))
            continue
        out.add(facts_to_json(analysis.facts))
    out.close()
    if strict and problems:
        sys.exit(Exit.REFUSED)


engine_option = click.option("--engine", type=click.Choice(list(ENGINES)), default=DEFAULT_ENGINE, show_default=True,
                             help="The site engine: mkdocs, properdocs (a fork of MkDocs 1.x) or zensical.")


@main.command()
@config_option
@click.option("--site/--no-site", default=True, show_default=True,
              help="Also build the site (with --engine) into the site folder.")
@engine_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any article could not be used, or the engine warns.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Parsing processes (default: from mkdocs.yml).")
def build(config_file, site, engine, strict, workers):
    """Generate the briefing pages from the articles, then build the site with a site engine."""
    import dataclasses

    cfg, _options, project = load_project(config_file)
    if workers:
        project = dataclasses.replace(project, workers=workers)
    with output.locked(project.output):  # one build at a time on this folder, generation and site
        generate(project, strict)
        if site:
            build_site(project, config_file, engine, strict)
            click.echo(f"site built in {cfg['site_dir']} ({engine})", err=True)


def generate(project, strict) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .api import build as run_build

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("Extracting", total=None)
        try:
            result = run_build(project, progress=lambda _stage, done, total: bar.update(task, completed=done, total=total))
        except OSError as exc:
            raise Failure(output.cannot_write(exc, project.output)) from None
    report(result)
    if (strict or project.strict) and result.failed:
        raise Refused(f"{len(result.problems)} problem(s) with articles (strict mode)")


def report(result) -> None:
    for problem in result.problems:
        warn(str(problem))
    click.echo(f"{len(result.facts)} articles ({result.extracted} extracted, {result.cached} from cache); "
               f"{len(result.written.written)} files written, {result.written.unchanged} unchanged, "
               f"{len(result.written.removed)} removed", err=True)


def build_site(project, config_file, engine, strict) -> None:
    from .api import EngineError, build_site as run_engine

    try:
        run_engine(project, config_file, engine, strict=strict)
    except EngineError as exc:
        raise Failure(str(exc)) from None


@main.command()
@config_option
@engine_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", default=None,
              help="Address to serve on (default: the engine's, 127.0.0.1:8000 or as in mkdocs.yml).")
def serve(config_file, engine, dev_addr):
    """Serve the site with a site engine, regenerating the briefings whenever an article changes."""
    from .api import EngineError, serve_site

    _cfg, _options, project = load_project(config_file)
    if not ENGINES[engine].runs_plugin:  # the plugin generates under its engine's serve; here we do
        with output.locked(project.output):
            generate(project, strict=False)
    try:
        code = serve_site(project, config_file, engine, dev_addr=dev_addr, on_build=report)
    except EngineError as exc:
        raise Failure(str(exc)) from None
    if code:
        raise Failure(f"{engine} serve stopped (exit status {code})")


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
            refuse(str(exc))
            failed = True
            continue
        if added.skipped:
            click.echo(f"skipped {source}: {added.skipped}", err=True)
        else:
            click.echo(f"added {added.path}")
    if failed:
        sys.exit(Exit.REFUSED)


@main.command()
@config_option
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="A feed to read (default: the feeds in mkdocs.yml).")
@click.option("--max-items", type=click.IntRange(1), default=None, metavar="N",
              help="New articles one run adds at most (default: 200).")
def fetch(config_file, feeds, max_items):
    """Pull new articles from the RSS/Atom feeds in the configuration."""
    from .collect import MAX_FEED_ITEMS, CollectError, LeftForLater, fetch as fetch_feeds

    _cfg, options, project = load_project(config_file)
    feeds = list(feeds) or list(options.feeds)
    if not feeds:
        raise Failure("no feeds: list them under the briefing plugin's 'feeds' option in mkdocs.yml")
    project.articles.mkdir(parents=True, exist_ok=True)
    new, failed = 0, False
    for result in fetch_feeds(feeds, project.articles, max_items or MAX_FEED_ITEMS):
        if isinstance(result, LeftForLater):
            warn(str(result))
        elif isinstance(result, CollectError):
            refuse(str(result))
            failed = True
        elif result.path:
            new += 1
            click.echo(f"added {result.path}")
    click.echo(f"{new} new article(s)", err=True)
    if failed:
        sys.exit(Exit.REFUSED)


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
    import dataclasses

    from .api import analyse, arrival_order, group, save_story_index, story_index

    articles, problems = read_inputs(paths, published)
    articles = [articles[i] for i in arrival_order(articles)]
    index = story_index(state)
    out = JsonOutput(fmt)
    for analysis, story in group(analyse(articles), index):
        if analysis.problem is not None:  # an extractor failed: the article still joins a story, by its words and names
            problem = dataclasses.replace(analysis.problem, action="grouped it by its words and names alone",
                                          fatal=False)
            problems.append(problem)
            warn(str(problem))
        out.add({"path": analysis.article.path, "story": story.id, "title": story.title})
    out.close()
    if state:
        save_story_index(index, state)
    if strict and problems:
        sys.exit(Exit.REFUSED)


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
        sys.exit(Exit.USAGE)


if __name__ == "__main__":
    run()

