"""Shared fixtures: the real spaCy pipeline (loaded once) and a throwaway project."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.config import PLACE_INDEX_ENV, place_index_folder

# One place index for the whole suite (its throwaway projects would each build their own, minutes each):
# where a developer keeps theirs ($BRIEFING_CACHE), else the one a run without a project uses.
os.environ.setdefault(PLACE_INDEX_ENV, str(place_index_folder(None)))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from generator.nlp import load

    return load()


@pytest.fixture(scope="session")
def facts_of(nlp):
    """Extract the facts of a short text, as the build does."""
    from generator.extract import extract
    from generator.model import Article

    def run(text: str, published: str | None = None, title: str = "Test article"):
        article = Article(id="t", title=title, text=text,
                          published=dt.date.fromisoformat(published) if published else None)
        return extract(nlp(text), article)

    return run


def map_places(map_html: str) -> list[list]:
    """The places a map file draws: [lat, lon, radius, name, popup HTML, scene (1 or 0)] each (render/maps.py::_Places)."""
    places = []
    for data in re.findall(r"briefingPlaces\(\w+, (\[.*?\])\);\n", map_html):
        places += json.loads(data)
    return places


def make_project(tmp: Path, articles: Path | None = None) -> Path:
    """A copy of the project's site configuration around a folder of articles."""
    (tmp / "content" / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", tmp / "templates")
    shutil.copytree(ROOT / "content" / "stylesheets", tmp / "content" / "stylesheets")
    if ROOT.joinpath("overrides").is_dir():
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
    if articles is not None:
        for f in sorted(articles.glob("2*.*")):  # the dated article files, not EXPECTED.md
            shutil.copy(f, tmp / "content" / "articles" / f.name)
    return tmp


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, FIXTURES / "articles")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The fixture articles built once into a site with the real ``mkdocs build --strict``."""
    import subprocess
    import sys

    root = make_project(tmp_path_factory.mktemp("site"), FIXTURES / "articles")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    return root
