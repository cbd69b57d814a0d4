"""Folium maps of an article's places, and of every place on the site.

Maps are saved as standalone HTML files and embedded in pages with an
``<iframe>``, which keeps Leaflet away from the theme's scripts and works with
instant navigation. They load Leaflet and a world layer of country outlines
(with the few functions that draw on it) from the site itself (``assets/``),
never from a CDN; only the OpenStreetMap tiles come from elsewhere, and the
outlines still show when the tiles cannot load. Element ids come from the
content, so that the same input gives the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import folium
import xyzservices
from branca.element import Element, MacroElement
from jinja2 import Template

from .. import countries, versions
from .text import attr, html_text, squeeze_html

VENDOR = "assets/vendor"
"""Where Leaflet is copied, relative to the generated folder."""

WORLD = "assets/world.js"
"""The country outlines of the base layer and the functions that draw them, one file shared by every
map (cached by browsers)."""

STYLE = "assets/map.css"
"""The maps' own styles, shared by every map."""

PARTY_COLOURS = ["#c2410c", "#1d4ed8", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#be185d"]
MARKER_LINES = 6
"""Sentences listed in a popup; the rest are counted."""


@dataclass
class Marker:
    name: str
    lat: float
    lon: float
    kind: str
    mentions: int
    lines: list[tuple[str, str]] = field(default_factory=list)  # (sentence text, link)
    heading: str | None = None  # a link under the name (e.g. the place's page)
    scene: bool = False  # something the article tells happens here (not only mentioned)


@dataclass
class MapSpec:
    """What a map shows; built by pages from Facts, rendered here."""

    key: str
    markers: list[Marker]
    shaded: list[tuple[str, str, str]] = field(default_factory=list)  # (iso2, party name, colour)
    focus: tuple[float, float] | None = None
    zoom: int | None = None
    title: str = "Map"


def vendor_files() -> dict[str, Path]:
    """Site paths of the vendored Leaflet files, with their installed source."""
    import xstatic.pkg.leaflet as lf

    files = {}
    lf_dir = Path(lf.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        files[f"{VENDOR}/leaflet/{name}"] = lf_dir / name
    for img in sorted((lf_dir / "images").glob("*.png")):
        files[f"{VENDOR}/leaflet/images/{img.name}"] = img
    return files


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, 2)
    return [_round(c) for c in coords]


def world_js(memo: Path | None = None) -> bytes:
    """Every country outline as one GeoJSON collection in a script (``window.BRIEFING_WORLD``).

    A script rather than a ``.geojson`` file so that maps also work when opened from disk. Kept in
    ``memo`` (the drawn maps' folder) as it takes a few tenths of a second to build.
    """
    if memo is None:
        return _world_js()
    key = _CODE  # the outlines come from countries.py and countryinfo, both in the maps layer
    path = memo / f"world-{key}.js"
    try:
        data = path.read_bytes()
        path.touch()  # still in use (the build prunes what it did not touch)
        return data
    except OSError:
        pass
    from ..output import cache_write

    data = _world_js()
    cache_write(path, data)
    return data


def _world_js() -> bytes:
    features = []
    for iso in sorted(countries.all_countries()):
        geo = countries.outline(iso)
        for f in (geo or {}).get("features", []):
            geom = f.get("geometry") or {}
            if geom.get("type") in ("Polygon", "MultiPolygon"):
                features.append({"type": "Feature", "properties": {"iso": iso},
                                 "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])}})
    data = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), sort_keys=True)
    return f"window.BRIEFING_WORLD={data};\n{_WORLD_JS}".encode()


_WORLD_JS = """\
// The grey country outlines, in a pane under the tiles (they still show when the tiles cannot load).
window.briefingOutlines = function (map) {
    var pane = map.createPane("outlines");
    pane.style.zIndex = 150;
    L.geoJSON(window.BRIEFING_WORLD, {pane: "outlines", interactive: false,
        style: {color: "#8a8f98", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1}}).addTo(map);
};
// The parties' countries, filled in their colours: shades maps an ISO code to {name, colour}.
window.briefingShade = function (map, shades) {
    L.geoJSON(window.BRIEFING_WORLD, {
        filter: function (f) { return shades.hasOwnProperty(f.properties.iso); },
        style: function (f) { var c = shades[f.properties.iso].colour;
            return {color: c, fillColor: c, weight: 1.5, fillOpacity: 0.22}; },
        onEachFeature: function (f, layer) { layer.bindTooltip(shades[f.properties.iso].name); }
    }).addTo(map);
};
// The places, one circle each: places holds [lat, lon, radius, name, popup HTML, scene]; a place where
// things happen is filled red, a place only mentioned is a pale blue ring. A legend says which is which.
window.briefingPlaces = function (map, places) {
    places.forEach(function (p) {
        var style = p[5] ? {className: "place-marker place-scene", color: "#7f1d1d", weight: 2, fillColor: "#dc2626",
                            fillOpacity: 0.75}
                         : {className: "place-marker place-mentioned", color: "#1e3a8a", weight: 1.5,
                            fillColor: "#93c5fd", fillOpacity: 0.35, dashArray: "3 3"};
        style.radius = p[2];
        L.circleMarker([p[0], p[1]], style)
            .bindTooltip(p[3] + (p[5] ? " \u2014 where things happen" : " \u2014 mentioned"), {sticky: true})
            .bindPopup(p[4], {maxWidth: 320})
            .addTo(map);
    });
    if (!places.length) { return; }
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "place-legend");
        div.innerHTML = '<span class="dot dot-scene"></span> where things happen' +
                        '<br><span class="dot dot-mentioned"></span> only mentioned';
        return div;
    };
    legend.addTo(map);
};
"""


def map_css() -> bytes:
    return _STYLE.encode()


class _Finished(Element):
    """Finished HTML in the figure: renders to its text as Jinja would (less one trailing newline),
    without compiling it as a template as branca's ``Element(text)`` does."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs) -> str:
        return self.text


class _Drawn(MacroElement):
    """branca's ``MacroElement.render`` adds each rendered part (header, html, script) to the figure as
    an ``Element(text)``, which compiles that finished text as a Jinja template again: half the time of
    drawing a map. Mixed in after folium's classes (``_Map(folium.Map, _Drawn)``: it comes last before
    MacroElement, so folium's own render steps still run), it adds the parts as :class:`_Finished` text."""

    def render(self, **kwargs):
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(_Finished(macros[part](self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _Map(folium.Map, _Drawn):
    pass


class _TileLayer(folium.TileLayer, _Drawn):
    pass


class _Outlines(_Drawn):
    """The base layer: grey country outlines in a pane under the tiles."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            window.briefingOutlines && briefingOutlines({{ this._parent.get_name() }});
        {% endmacro %}
    """)


class _Shaded(_Drawn):
    """The parties' countries, filled in their colours, drawn from the shared outlines (no polygons in the map file)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            window.briefingShade && briefingShade({{ this._parent.get_name() }}, {{ this.shades }});
        {% endmacro %}
    """)

    def __init__(self, shaded: list[tuple[str, str, str]]):
        super().__init__()
        self._name = "Shaded"
        # names are escaped text (no "<"), so the JSON cannot close the script element
        self.shades = json.dumps({iso: {"name": str(html_text(name)), "colour": colour} for iso, name, colour in shaded},
                                 sort_keys=True, ensure_ascii=False)


class _Places(_Drawn):
    """The places, drawn by a function of the shared script: a map file holds only their data, about
    a tenth of the bytes that a folium marker, popup and tooltip take for each place."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            window.briefingPlaces && briefingPlaces({{ this._parent.get_name() }}, {{ this.places }});
        {% endmacro %}
    """)

    def __init__(self, markers: list[Marker]):
        super().__init__()
        self._name = "Places"
        rows = [[round(m.lat, 4), round(m.lon, 4),  # 11 m is precise enough for a place
                 marker_radius(m.mentions), str(attr(m.name)), _popup(m), int(m.scene)]
                for m in sorted(markers, key=lambda x: -x.mentions)]  # small markers on top of big ones
        # rows hold only numbers and strings, so every "{" is inside a string: written "\u007b" there, so
        # that the script holds no Jinja syntax should it ever go through branca's Element (which
        # templates its text again); "</" written "<\/", so that no text can close the script element
        # (both mean the same string in JSON)
        data = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        self.places = data.replace("{", "\\u007b").replace("</", "<\\/")


def _fix_ids(root, seed: str) -> None:
    """Replace folium's random element ids with ids derived from the map's content."""
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


NEIGHBOURHOOD_KM = 1000
SCENE_ANCHORS = 40
"""Places this close together make one scene; the map frames the scene where most is said."""


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _view(markers: list[Marker], focus: tuple[float, float]) -> tuple[tuple[float, float], int]:
    """Centre and zoom that frame the scene of the story: the places within reach of one another
    that gather the most mentions (the focus place breaks ties). A capital abroad where talks were
    held stays on the map but outside the first view. Country markers sit at centroids far from the
    action, so they only count when nothing more precise is on the map."""
    points = [m for m in markers if m.kind != "country"] or markers

    def scene(anchor: Marker) -> list[Marker]:
        return [m for m in points if _km((anchor.lat, anchor.lon), (m.lat, m.lon)) <= NEIGHBOURHOOD_KM]

    # the scene is anchored on one of the most mentioned places: trying every place made the
    # world map's view quadratic in its places
    candidates = sorted(points, key=lambda m: (-m.mentions, m.name))[:SCENE_ANCHORS]
    anchor = max(candidates, key=lambda a: (sum(m.mentions for m in scene(a)),
                                        -_km((a.lat, a.lon), focus), a.mentions, a.name))
    near = scene(anchor)
    lats = [m.lat for m in near]
    lons = [m.lon for m in near]
    centre = ((max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2)
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(centre[0])), 1.0)
    return centre, max(2, min(8, int(math.floor(math.log2(360 / span))) - 1))


def marker_radius(mentions: int) -> float:
    """Area grows with mentions, within bounds so that one place does not hide the others."""
    return round(5 + 3 * math.sqrt(min(max(mentions, 1), 25)), 1)


def _popup(marker: Marker) -> str:
    """The popup's HTML. It never passes through Markdown, so plain HTML escaping (``attr``) is enough;
    the Markdown-proof escaping of the pages would write every full stop as ``&#46;``."""
    head = attr(marker.name)
    if marker.heading:
        head = f'<a href="{attr(marker.heading)}" target="_top">{head}</a>'
    lines = "".join(f'<li><a href="{attr(link)}" target="_top">{attr(text)}</a></li>'
                    for text, link in marker.lines[:MARKER_LINES])
    more = len(marker.lines) - MARKER_LINES
    extra = f"<p>and {more} more</p>" if more > 0 else ""
    noun = "mention" if marker.mentions == 1 else "mentions"
    role = "where things happen" if marker.scene else "mentioned"
    return (f"<strong>{head}</strong> <small>({attr(marker.kind)}, {role}, {marker.mentions} {noun})</small>"
            f"<ul class='popup-lines'>{lines}</ul>{extra}")


_STYLE = """\
.leaflet-container.leaflet-container { background: #b9d3e6; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.leaflet-popup-content { max-height: 260px; overflow-y: auto; }
.popup-lines { padding-left: 1.1em; margin: .4em 0 0; }
.popup-lines li { margin-bottom: .35em; }
.leaflet-container a { color: #1a4d8f; }
.leaflet-control-attribution.leaflet-control-attribution { max-width: calc(100vw - 110px); font-size: 11px; line-height: 1.35; }
.place-legend { background: rgba(255,255,255,.9); padding: 4px 8px; border-radius: 4px; font-size: 12px; line-height: 1.6; }
.place-legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; vertical-align: -1px; }
.place-legend .dot-scene { background: #dc2626; border: 2px solid #7f1d1d; }
.place-legend .dot-mentioned { background: rgba(147,197,253,.5); border: 1.5px dashed #1e3a8a; }
"""


_CODE = versions.digest("maps")
"""What a drawn map depends on besides its spec (versions.LAYERS["maps"])."""


def render_map(spec: MapSpec, root: str, memo: Path | None = None) -> str:
    """The map as a standalone HTML document; ``root`` is the relative URL of the generated folder.

    ``memo`` is a folder of maps drawn before: folium takes about 0.1 s a map and most maps do not
    change between builds, so a map is drawn again only when what it shows (or this code, or folium)
    changed."""
    if memo is None:
        return _draw_map(spec, root)
    key = hashlib.sha256(repr((_CODE, root, spec)).encode("utf-8", "surrogatepass")).hexdigest()
    path = memo / key[:2] / f"{key}.html"
    try:
        html = path.read_text(encoding="utf-8")
        path.touch()  # still in use: the build prunes entries it did not touch
        return html
    except (OSError, UnicodeError):
        html = _draw_map(spec, root)
    from ..output import cache_write

    cache_write(path, html.encode("utf-8", "surrogatepass"))
    return html


def _draw_map(spec: MapSpec, root: str) -> str:
    if spec.focus:
        focus = spec.focus
    elif spec.markers:
        top = max(spec.markers, key=lambda m: (m.mentions, m.kind != "country"))
        focus = (top.lat, top.lon)
    else:
        focus = (20.0, 0.0)
    centre, zoom = _view(spec.markers, focus) if spec.markers else (focus, 2)
    m = _Map(location=[round(centre[0], 4), round(centre[1], 4)],
                   zoom_start=spec.zoom or zoom,
                   tiles=None, control_scale=True, prefer_canvas=False, world_copy_jump=True)
    m.default_js = [("leaflet", f"{root}{VENDOR}/leaflet/leaflet.js"),
                    ("world", f"{root}{WORLD}")]
    m.default_css = [("leaflet_css", f"{root}{VENDOR}/leaflet/leaflet.css"), ("briefing_css", f"{root}{STYLE}")]
    m.add_child(_Outlines())
    # the provider itself, not its name: looking a name up scans every provider xyzservices knows
    _TileLayer(xyzservices.providers.OpenStreetMap.Mapnik, name="OpenStreetMap",
                     attr='&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a> contributors'
                     ).add_to(m)
    if spec.shaded:
        m.add_child(_Shaded(spec.shaded))
    if spec.markers:
        m.add_child(_Places(spec.markers))
    _fix_ids(m, spec.key)
    html = m.get_root().render()
    # a document of its own inside the page: give it a language and a title, and let people zoom
    html = html.replace("<html>", '<html lang="en">', 1)
    html = html.replace("<head>", f"<head>\n    <title>{html_text(spec.title)}</title>", 1)
    html = html.replace(", maximum-scale=1.0, user-scalable=no", "", 1)  # no ', ' left: an empty key warns
    return squeeze_html(html, scripts=True)  # folium indents deeply; none of its strings spans lines
