"""The ``briefing`` command line: a thin layer over the library."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import ingest


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def main():
    """Turn news articles into a static briefing site."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="One JSON array, or one JSON object per line.")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that do not give one (resolves 'on Saturday').")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file could not be used.")
def extract(paths, fmt, published, strict):
    """Extract the facts of articles (files, directories or - for standard input) as JSON."""
    from .extract import extract as extract_facts
    from .export import facts_to_json
    from .nlp import parse

    articles, problems = [], []
    for path in ingest.find_articles(list(paths)) if all(str(p) != "-" for p in paths) else paths:
        article, found = ingest.read_article(path, published)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    for problem in problems:
        warn(str(problem))
    results = []
    for article, doc in zip(articles, parse(a.text for a in articles)):
        obj = facts_to_json(extract_facts(doc, article))
        if fmt == "jsonl":
            click.echo(json.dumps(obj, ensure_ascii=False))
        else:
            results.append(obj)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if strict and any(p.fatal for p in problems):
        sys.exit(1)

if __name__ == "__main__":
    main()
