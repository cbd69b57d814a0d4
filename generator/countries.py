"""Countries: names, codes, demonyms, capitals and outlines, from countryinfo's data.

Shared by parties (countries as actors, "the Kremlin" as Russia's government) and
places (countries on the map). Loaded once per process (about 40 ms).
"""
from __future__ import annotations

import glob
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    lat: float
    lon: float
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None
    demonym: str | None
    population: int
    area: float


# Surface forms news uses that countryinfo lacks (public usage, not copied text).
EXTRA_NAMES = {
    "US": ["U.S.", "U.S", "America", "the United States", "United States of America"],
    "GB": ["Britain", "U.K.", "the UK", "England", "Scotland", "Wales"],  # the nations: see NATIONS
    "RU": ["Soviet Union", "USSR"],
    "TR": ["Türkiye", "Turkiye"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "KP": ["North Korea", "DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
    "CN": ["People's Republic of China"],
    "CD": ["DR Congo", "Democratic Republic of Congo", "DRC"],
    "CG": ["Congo-Brazzaville"],
    "CZ": ["Czech Republic", "Czechia"],
    "AE": ["UAE", "the Emirates"],
    "VA": ["the Vatican", "Holy See"],
    "PS": ["Palestine", "Palestinian territories"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast"],
    "MK": ["North Macedonia", "Macedonia"],
    "SZ": ["Eswatini", "Swaziland"],
    "TW": ["Taiwan"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "MD": ["Moldova"],
    "SA": ["Saudi Arabia"],
    "NL": ["the Netherlands", "Holland"],
    "IL": ["Israel"],
}

# Adjectives and plural forms that differ from countryinfo's demonym.
EXTRA_DEMONYMS = {
    "US": ["American", "Americans", "US-led"],
    "GB": ["British", "Briton", "Britons", "English", "Scottish", "Welsh"],
    "TR": ["Turkish", "Turk", "Turks"],
    "RU": ["Russian", "Russians", "Soviet"],
    "AM": ["Armenian", "Armenians"],
    "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "FR": ["French"],
    "DE": ["German", "Germans"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "NL": ["Dutch"],
    "ES": ["Spanish", "Spaniards"],
    "IL": ["Israeli", "Israelis"],
    "PS": ["Palestinian", "Palestinians"],
    "UA": ["Ukrainian", "Ukrainians"],
    "IR": ["Iranian", "Iranians"],
    "IQ": ["Iraqi", "Iraqis"],
    "SY": ["Syrian", "Syrians"],
    "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"],
    "IN": ["Indian", "Indians"],
    "GE": ["Georgian", "Georgians"],
    "KR": ["South Korean", "South Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "PL": ["Polish", "Poles"],
    "IE": ["Irish"],
    "CH": ["Swiss"],
    "SE": ["Swedish", "Swedes"],
    "DK": ["Danish", "Danes"],
    "FI": ["Finnish", "Finns"],
    "NO": ["Norwegian", "Norwegians"],
    "GR": ["Greek", "Greeks"],
    "PT": ["Portuguese"],
    "SA": ["Saudi", "Saudis"],
    "LB": ["Lebanese"],
    "SD": ["Sudanese"],
    "VN": ["Vietnamese"],
    "TH": ["Thai"],
    "AR": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
}

# Nations inside a state, and their adjectives. They place things in the state (Cardiff is in the UK),
# but they name no state of their own: "Scottish ministers" and "the law in England and Wales" are not
# the UK's government acting, so parties never turn them into the state's party.
NATIONS = {"england", "scotland", "wales", "northern ireland", "english", "scottish", "welsh",
           "northern irish", "scots"}

# Capitals and seats of government used to mean a government ("Moscow said").
# Capitals stay out of the name table so that "talks in London" is a city, not the UK:
# ``by_capital`` (and ``resolve`` with metonyms) finds them.
SEATS = {"the Kremlin": "RU", "Kremlin": "RU", "Downing Street": "GB", "Whitehall": "GB",
         "the White House": "US", "White House": "US", "Elysee": "FR", "Élysée": "FR",
         "Washington": "US", "London": "GB", "Beijing": "CN", "Pyongyang": "KP", "Tehran": "IR",
         "Damascus": "SY", "Riyadh": "SA", "Kiev": "UA", "Kyiv": "UA", "Delhi": "IN", "New Delhi": "IN",
         "the Pentagon": "US", "Pentagon": "US", "the Elysee": "FR", "Quai d'Orsay": "FR"}

# Forms that must never be read as a country (collisions in the alternative spellings).
NOT_NAMES = {"US", "IN", "IT", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IS", "ME", "MY", "NO", "OR", "SO", "TO", "UP", "WE", "AM", "AN", "PA"}


def _literal(value):
    """countryinfo stores some fields as Python literals in strings."""
    if isinstance(value, str) and value[:1] in "[{":
        import ast

        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def _data_dir() -> str:
    import countryinfo

    return os.path.join(os.path.dirname(countryinfo.__file__), "data")


@lru_cache(maxsize=1)
def _raw() -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(_data_dir(), "*.json"))):
        with open(path, encoding="utf-8") as f:
            row = json.load(f)
        iso = _literal(row.get("ISO")) or {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            rows[iso["alpha2"]] = row
    return rows


def _number(value, default=0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


@lru_cache(maxsize=1)
def all_countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for iso2, row in _raw().items():
        iso = _literal(row["ISO"])
        latlng = _literal(row.get("latlng")) or [None, None]
        cap = _literal(row.get("capital_latlng")) or [None, None]
        if not isinstance(latlng, list) or len(latlng) < 2 or None in latlng[:2]:
            continue
        out[iso2] = Country(
            iso2=iso2,
            iso3=iso.get("alpha3", ""),
            name=row.get("name", iso2),
            lat=float(latlng[0]),
            lon=float(latlng[1]),
            capital=row.get("capital") or None,
            capital_lat=_number(cap[0], None) if isinstance(cap, list) and len(cap) == 2 else None,
            capital_lon=_number(cap[1], None) if isinstance(cap, list) and len(cap) == 2 else None,
            demonym=row.get("demonym") or None,
            population=int(_number(row.get("population"))),
            area=_number(row.get("area")),
        )
    return out


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """Lower case without accents, so that news spelling 'Chisinau' finds the data's 'Chișinău'."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[.\s]+", " ", name).strip().lower()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Three lookups from a normalised form to ISO alpha-2: names, demonyms, capitals."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    countries = all_countries()
    for iso2, c in countries.items():
        names.setdefault(_key(c.name), iso2)
        for alt in _literal(_raw()[iso2].get("altSpellings")) or []:
            if isinstance(alt, str) and (len(alt) > 3 or alt in ("UK", "USA", "US", "UAE", "DRC")) and alt not in NOT_NAMES:
                names.setdefault(_key(alt), iso2)
        if c.demonym:
            demonyms.setdefault(_key(c.demonym), iso2)
            demonyms.setdefault(_key(c.demonym + "s"), iso2)
        if c.capital:
            capitals.setdefault(_key(c.capital), iso2)
    for iso2, alts in EXTRA_NAMES.items():
        for alt in alts:
            names[_key(alt)] = iso2
    names[_key("US")] = "US"
    for iso2, alts in EXTRA_DEMONYMS.items():
        for alt in alts:
            demonyms[_key(alt)] = iso2
    return names, demonyms, capitals


def by_code(iso2: str | None) -> Country | None:
    return all_countries().get((iso2 or "").upper())


def by_name(name: str) -> Country | None:
    """The country a name stands for ("the United States", "U.S.", "Armenia")."""
    return by_code(_index()[0].get(_key(name)))


def by_demonym(word: str) -> Country | None:
    """The country of an adjective or people ("Turkish", "Armenians")."""
    return by_code(_index()[1].get(_key(word)))


def names_state(text: str) -> bool:
    """Does this name or adjective stand for a state's government, as "Britain" does and "Scottish"
    does not (NATIONS)?"""
    return _key(text) not in NATIONS


def by_capital(name: str) -> Country | None:
    """The country whose capital or seat of government this is ("Ankara", "the Kremlin")."""
    if name.strip() in SEATS:
        return by_code(SEATS[name.strip()])
    return by_code(_index()[2].get(_key(name)))


def resolve(name: str, metonyms: bool = True) -> Country | None:
    """Any form that names a country: name, demonym, or (with ``metonyms``) its capital."""
    return by_name(name) or by_demonym(name) or (by_capital(name) if metonyms else None)


@lru_cache(maxsize=None)
def outline(iso2: str) -> dict | None:
    """The country's GeoJSON outline (about 1:110m), or None."""
    row = _raw().get(iso2.upper())
    geo = _literal(row.get("geoJSON")) if row else None
    return geo if isinstance(geo, dict) and geo.get("features") else None
