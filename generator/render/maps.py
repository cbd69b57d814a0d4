"""Folium maps of an article's or a story's places.

Maps are saved as standalone HTML files and embedded in pages with an
``<iframe>``, which keeps Leaflet away from the theme's scripts and works with
instant navigation. They load Leaflet and jQuery from the site itself
(``assets/vendor``), never from a CDN, and their element ids come from their
content so that the same input gives the same bytes.
"""
from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import folium

from .. import countries
from .text import attr, html_text

VENDOR = "assets/vendor"
"""Where Leaflet and jQuery are copied, relative to the generated folder."""

PARTY_COLOURS = ["#c2410c", "#1d4ed8", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#be185d"]


@dataclass
class Marker:
    name: str
    lat: float
    lon: float
    kind: str
    mentions: int
    lines: list[tuple[str, str]] = field(default_factory=list)  # (sentence text, link)


@dataclass
class MapSpec:
    """What a map shows; built by pages from Facts, rendered here."""

    key: str
    markers: list[Marker]
    shaded: list[tuple[str, str, str]] = field(default_factory=list)  # (iso2, party name, colour)
    focus: tuple[float, float] | None = None
    zoom: int | None = None


def vendor_files() -> dict[str, Path]:
    """Site paths of the vendored Leaflet and jQuery files, with their installed source."""
    import xstatic.pkg.jquery as jq
    import xstatic.pkg.leaflet as lf

    files = {}
    lf_dir = Path(lf.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        files[f"{VENDOR}/leaflet/{name}"] = lf_dir / name
    for img in sorted((lf_dir / "images").glob("*.png")):
        files[f"{VENDOR}/leaflet/images/{img.name}"] = img
    files[f"{VENDOR}/jquery/jquery.min.js"] = Path(jq.BASE_DIR) / "jquery.min.js"
    return files


def _fix_ids(root, seed: str) -> None:
    """Replace folium's random element ids with ids derived from the map's content."""
    from branca.element import Element

    counter = 0
    seen: set[int] = set()

    def walk(el):
        nonlocal counter
        if id(el) in seen:
            return
        seen.add(id(el))
        counter += 1
        el._id = hashlib.sha256(f"{seed}:{counter}".encode()).hexdigest()[:16]
        kids = list(el._children.values())
        for kid in kids:
            walk(kid)
        el._children = OrderedDict((k.get_name(), k) for k in kids)
        for part in ("header", "html", "script"):  # a popup's or figure's own sub-trees
            sub = getattr(el, part, None)
            if isinstance(sub, Element):
                walk(sub)

    walk(root.get_root())


def _zoom_for(markers: list[Marker]) -> int:
    if not markers:
        return 2
    lats = [m.lat for m in markers]
    lons = [m.lon for m in markers]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(sum(lats) / len(lats))), 0.5)
    return max(2, min(9, int(round(math.log2(360 / span))) - 1))


def render_map(spec: MapSpec, root: str) -> str:
    """The map as a standalone HTML document; ``root`` is the relative URL of the generated folder."""
    centre = spec.focus or ((sum(m.lat for m in spec.markers) / len(spec.markers),
                             sum(m.lon for m in spec.markers) / len(spec.markers)) if spec.markers else (20.0, 0.0))
    m = folium.Map(location=list(centre), zoom_start=spec.zoom or _zoom_for(spec.markers), tiles=None,
                   control_scale=True, prefer_canvas=False)
    m.default_js = [("leaflet", f"{root}{VENDOR}/leaflet/leaflet.js"), ("jquery", f"{root}{VENDOR}/jquery/jquery.min.js")]
    m.default_css = [("leaflet_css", f"{root}{VENDOR}/leaflet/leaflet.css")]
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", attr="&copy; OpenStreetMap contributors").add_to(m)
    for iso, name, colour in spec.shaded:
        geo = countries.outline(iso)
        if not geo:
            continue
        folium.GeoJson(geo, name=str(html_text(name)),
                       style_function=lambda _f, c=colour: {"fillColor": c, "color": c, "weight": 1, "fillOpacity": 0.18},
                       tooltip=str(html_text(name))).add_to(m)
    for marker in spec.markers:
        lines = "".join(
            f'<li><a href="{attr(link)}" target="_top">{html_text(text)}</a></li>' for text, link in marker.lines[:5]
        )
        popup = f"<strong>{html_text(marker.name)}</strong> <small>({html_text(marker.kind)})</small><ul>{lines}</ul>"
        folium.CircleMarker(
            location=[marker.lat, marker.lon],
            radius=6 + 3 * min(marker.mentions, 6) ** 0.5,
            color="#1e3a8a", weight=2, fill=True, fill_color="#3b82f6", fill_opacity=0.75,
            tooltip=str(html_text(marker.name)),
            popup=folium.Popup(popup, max_width=320),
        ).add_to(m)
    _fix_ids(m, spec.key)
    return m.get_root().render()
