"""Maps: deterministic bytes, local scripts only, escaped popups, markers sized by mentions."""
from __future__ import annotations

import json
import re

from conftest import map_places

from generator.render import maps


def _spec(name="Stepanakert", line="Shelling hit <b>Stepanakert</b> & Shusha"):
    return maps.MapSpec(
        key="k",
        markers=[maps.Marker(name, 39.82, 46.75, "city", 3, [(line, "../briefings/x/#s-2")], heading="../places/#place-x"),
                 maps.Marker("Baku", 40.41, 49.87, "city", 1, [("Baku said so.", "../briefings/x/#s-4")])],
        shaded=[("AM", "Armenia", "#c2410c"), ("AZ", "Azerbaijan", "#1d4ed8")],
        title="Map: test")


def test_same_input_gives_the_same_bytes():
    assert maps.render_map(_spec(), root="../") == maps.render_map(_spec(), root="../")
    assert maps.world_js() == maps.world_js()


def test_only_local_scripts_and_the_world_layer():
    html = maps.render_map(_spec(), root="../")
    srcs = re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert srcs and all(s.startswith("../assets/") for s in srcs), srcs
    assert "../assets/world.js" in srcs and "../assets/map.css" in srcs  # shared, not inlined in every map
    assert "L.geoJSON" not in html and "<style>\n.leaflet-container.leaflet-container" not in html
    assert "bootstrap" not in html.lower() and "font-awesome" not in html.lower()
    assert "user-scalable=no" not in html and '<html lang="en">' in html
    viewport = re.search(r'<meta name="viewport" content="([^"]*)"', html).group(1)
    assert all(part.strip() for part in viewport.split(",")), viewport  # an empty key makes the browser warn


def test_popups_escape_article_text_and_open_links_in_the_page():
    html = maps.render_map(_spec(name="<script>alert(1)</script>"), root="../")
    assert "<script>alert(1)</script>" not in html and "<b>Stepanakert</b>" not in html
    data = html.split("briefingPlaces(", 1)[1].split(");\n", 1)[0]
    assert "</" not in data  # written "<\\/" in the data, so no text can end the script element
    popups = [place[4] for place in map_places(html)]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in p for p in popups)
    assert any("Shelling hit &lt;b&gt;Stepanakert&lt;/b&gt; &amp; Shusha" in p for p in popups)
    assert any('target="_top"' in p and "../briefings/x/#s-2" in p for p in popups)


def test_template_syntax_in_article_text_stays_text():
    html = maps.render_map(_spec(line="Crowds chanted {{ name }} and {% raw %} {# x #}"), root="../")
    popups = [place[4] for place in map_places(html)]
    assert any("Crowds chanted {{ name }} and {% raw %} {# x #}" in p for p in popups)


def test_marker_per_place_sized_by_mentions_and_parties_shaded():
    html = maps.render_map(_spec(), root="../")
    places = map_places(html)
    assert [p[3] for p in places] == ["Stepanakert", "Baku"]  # the busiest place first, small ones drawn on top
    assert places[0][2] == maps.marker_radius(3) and places[0][:2] == [39.82, 46.75]
    assert maps.marker_radius(9) > maps.marker_radius(1)
    assert maps.marker_radius(1000) == maps.marker_radius(25)  # bounded
    # the parties' countries are shaded from the shared outlines, by ISO code and colour
    shades = json.loads(re.search(r"briefingShade\(\w+, (\{.*?\})\);", html).group(1))
    assert {v["colour"] for v in shades.values()} == {"#c2410c", "#1d4ed8"}
    assert all(len(iso) == 2 for iso in shades)
    assert '"coordinates"' not in html  # no polygons copied into the map file


def test_world_layer_holds_country_outlines():
    js = maps.world_js().decode()
    assert js.startswith("window.BRIEFING_WORLD=") and js.count('"iso":') > 150
    for function in ("briefingOutlines", "briefingShade", "briefingPlaces"):
        assert f"window.{function} = function" in js


def test_first_view_frames_the_scene_where_most_is_said():
    caucasus = [maps.Marker("Stepanakert", 39.82, 46.75, "city", 4), maps.Marker("Baku", 40.41, 49.87, "city", 2),
                maps.Marker("Yerevan", 40.18, 44.51, "city", 2)]
    moscow = maps.Marker("Moscow", 55.75, 37.62, "city", 3)  # talks were held there; the war is elsewhere
    russia = maps.Marker("Russia", 60.0, 90.0, "country", 9)  # centroids never pull the view
    centre, zoom = maps._view(caucasus + [moscow, russia], focus=(55.75, 37.62))
    assert 39 < centre[0] < 41 and 44 < centre[1] < 50
    assert 5 <= zoom <= 8
    alone, _ = maps._view([moscow], focus=(55.75, 37.62))
    assert alone == (55.75, 37.62)


def test_our_map_parts_are_not_compiled_again_and_render_as_branca_would(monkeypatch):
    import branca.element
    import jinja2.environment

    spec = _spec(line="Crowds chanted {{ name }} and {% raw %} {# x #}")
    compiles = []
    real = jinja2.environment.Environment.compile
    monkeypatch.setattr(jinja2.environment.Environment, "compile",
                        lambda self, *a, **k: compiles.append(1) or real(self, *a, **k))
    fast = maps.render_map(spec, root="../")
    assert len(compiles) <= 2  # folium's own meta tag and tile layer line; 9 with branca's MacroElement.render
    monkeypatch.setattr(maps._Drawn, "render", branca.element.MacroElement.render)  # branca's own way
    assert maps.render_map(spec, root="../") == fast
    assert maps._Finished("{{ 1 + 1 }}\n").render() == "{{ 1 + 1 }}"  # finished text, never a template


def test_view_of_many_places_is_anchored_on_the_most_mentioned_ones():
    # hundreds of places mentioned once around the world, and a cluster that most is said about
    scattered = [maps.Marker(f"P{i}", -60 + (i * 7) % 120, -170 + (i * 13) % 340, "city", 1) for i in range(300)]
    cluster = [maps.Marker("Stepanakert", 39.82, 46.75, "city", 9), maps.Marker("Shusha", 39.76, 46.75, "city", 5)]
    centre, _ = maps._view(scattered + cluster, focus=(0.0, 0.0))
    assert 35 < centre[0] < 45 and 40 < centre[1] < 52


def test_places_where_things_happen_are_drawn_apart_from_places_only_mentioned():
    spec = _spec()
    spec.markers[0].scene = True
    html = maps.render_map(spec, root="../")
    rows = {p[3]: p for p in map_places(html)}
    assert rows["Stepanakert"][5] == 1 and rows["Baku"][5] == 0
    assert "where things happen" in rows["Stepanakert"][4] and "mentioned" in rows["Baku"][4]
    assert "place-legend" in maps.world_js().decode()  # the shared script draws the two styles and a legend
