"""The offline place index: what names resolve to, and the on-disk cache."""
import shutil

from generator import gazetteer


def first(name):
    found = gazetteer.lookup(name)
    assert found, name
    return found[0]


def test_country_before_town_of_the_same_name():
    armenia = first("Armenia")
    assert (armenia.kind, armenia.country) == ("country", "AM")
    assert first("Turkey").country == "TR" and first("Turkey").kind == "country"


def test_codes_are_case_sensitive():
    assert first("US").country == "US" and first("U.S.").country == "US"
    assert all(e.kind != "country" for e in gazetteer.lookup("Us"))


def test_disputed_territories_have_entries_near_their_main_town():
    nk = first("Nagorno-Karabakh")
    assert nk.kind == "region" and gazetteer.km(nk.lat, nk.lon, 39.82, 46.75) < 30
    for name, lat, lon in [("Crimea", 45.0, 34.1), ("Donbas", 48.0, 37.8), ("Gaza Strip", 31.5, 34.45),
                           ("West Bank", 31.9, 35.2), ("Kashmir", 34.1, 74.8)]:
        e = first(name)
        assert gazetteer.km(e.lat, e.lon, lat, lon) < 150, name


def test_states_provinces_and_their_abbreviations():
    texas = first("Texas")
    assert (texas.kind, texas.country) == ("region", "US")
    assert first("Ky.").name == "Kentucky"
    assert first("B.C.").name == "British Columbia"
    assert not any(e.name == "Massachusetts" for e in gazetteer.lookup("Mass"))  # the word, not "Mass."


def test_capitals_are_places_not_their_countries():
    london = first("London")
    assert london.kind == "city" and gazetteer.km(london.lat, london.lon, 51.5, -0.13) < 20


def test_key_ignores_accents_case_and_the():
    assert gazetteer.key("the Côte d’Ivoire's") == gazetteer.key("cote d'ivoire")


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    good = gazetteer.index_path()
    gazetteer.lookup("Paris")  # the real index exists
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path))
    gazetteer.reset()
    bad = gazetteer.index_path()
    assert bad.parent == tmp_path
    bad.write_bytes(b"not a database")
    built = []

    def fake_build(path):  # building for real takes a while: copy the good index instead
        built.append(path)
        shutil.copy(good, path)

    monkeypatch.setattr(gazetteer, "build", fake_build)
    try:
        assert first("Paris").country == "FR"
        assert built == [bad]
    finally:
        gazetteer.reset()


def test_the_index_lives_in_the_project_cache_unless_briefing_cache_says_otherwise(tmp_path, monkeypatch):
    from generator import build
    from generator.cache import ArticleCache

    monkeypatch.setattr(gazetteer, "_project_cache", None)  # put back after the test
    monkeypatch.delenv("BRIEFING_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert gazetteer.index_path().parent == tmp_path / "home" / ".cache" / "briefing"  # no project
    list(build.analyse([], ArticleCache(tmp_path / "project-cache", "v")))  # the analysis loop names the folder
    assert gazetteer.index_path().parent == tmp_path / "project-cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "shared"))  # the override the test suite uses
    assert gazetteer.index_path().parent == tmp_path / "shared"


def test_seas_and_the_eu_are_indexed():
    assert first("Mediterranean Sea").kind == "water"  # a sea is water, a world region ("Latin America") a region
    eu, europe = first("European Union"), first("Europe")
    assert eu.name == "European Union" and eu.feature == "union"  # a body of states, not the continent
    assert first("EU") == eu and (eu.lat, eu.lon) == (europe.lat, europe.lon)  # placed at Europe's point
    assert not any(e.feature == "union" for e in gazetteer.lookup("Eu"))  # case matters for codes
    latam = first("Latin America")
    assert latam.kind == "region" and latam.lat < 0
    weak = [e for e in gazetteer.lookup("Atlantic") if e.feature == "area"]
    assert weak and weak[0].alt  # the bare word alone does not make a mention


def test_region_points_lie_inside_their_towns_extent():
    qld = first("Queensland")
    assert -29 < qld.lat < -10 and 138 < qld.lon < 154
    alberta = first("Alberta")
    assert 49 < alberta.lat < 60 and -120 < alberta.lon < -110


def test_short_alternate_names_are_codes_not_words():
    assert not any(e.name == "Modesto" for e in gazetteer.lookup("MoD"))  # the ministry, not the town
    assert not any(e.name == "Modesto" for e in gazetteer.lookup("Mod"))


def test_building_removes_indexes_of_other_versions_no_one_uses(tmp_path):
    import os
    import time

    stale = tmp_path / "gazetteer-0000000000000000.sqlite"
    stale.write_bytes(b"old")
    day_old = time.time() - gazetteer.PRUNE_AFTER_S - 60
    os.utime(stale, (day_old, day_old))
    in_use = tmp_path / "gazetteer-2222222222222222.sqlite"  # another checkout's, opened an hour ago
    in_use.write_bytes(b"other")
    os.utime(in_use, (time.time() - 3600, time.time() - 3600))
    keep = tmp_path / "gazetteer-1111111111111111.sqlite"
    keep.write_bytes(b"new")
    gazetteer._prune(keep)
    assert keep.exists() and not stale.exists() and in_use.exists()


def test_airports_by_full_name_and_weakly_by_their_own_part():
    [full] = [e for e in gazetteer.lookup("Pearson International Airport") if e.feature == "airport"]
    assert full.country == "CA" and not full.alt and abs(full.lat - 43.68) < 0.1
    heathrow = [e for e in gazetteer.lookup("Heathrow") if e.feature == "airport"]
    assert heathrow and heathrow[0].country == "GB" and heathrow[0].alt  # weak: only where the NER sees a place
    assert not [e for e in gazetteer.lookup("Samos") if e.feature == "airport"]  # named after the town beside it
    assert not [e for e in gazetteer.lookup("Salah") if e.feature == "airport"]  # "In Salah" is one name
    assert not [e for e in gazetteer.lookup("Logan") if e.feature == "airport"]  # towns of that name come first


def test_islands_come_before_villages_of_their_name():
    java = gazetteer.lookup("Java")[0]
    assert java.feature == "island" and java.kind == "region" and -9 < java.lat < -6  # not the Georgian village
    assert gazetteer.lookup("Tenerife")[0].lon < -10  # the Canary island, not the Colombian town
    assert gazetteer.lookup("Quemoy")[0].name == "Kinmen"
    assert not [e for e in gazetteer.lookup("Gran Canaria") if e.feature == "airport"]  # named after the island


def test_rivers_lakes_deserts_and_mountains_are_indexed():
    cauvery = gazetteer.lookup("Cauvery")[0]
    assert cauvery.feature == "landform" and cauvery.kind == "landform" and 10 < cauvery.lat < 13
    assert gazetteer.lookup("Kaveri")[0].name == "Cauvery"
    assert gazetteer.lookup("Dnipro River")[0].name == "Dnieper"
    assert gazetteer.lookup("Dnipro")[0].feature == "city"  # the bare name is the city
    assert gazetteer.lookup("Niger")[0].feature == "country"  # the river only as "Niger River"
    assert gazetteer.lookup("Lake Chad")[0].lat > 10 and gazetteer.lookup("Sahara")[0].kind == "landform"


def test_small_towns_other_names_but_not_their_own_forms():
    # GeoNames files the city under Khankendi, with Stepanakert among its alternates
    assert any(e.name == "Khankendi" and e.alt for e in gazetteer.lookup("Stepanakert"))
    from generator.gazetteer import _other_name
    assert _other_name("stepanakert", "khankendi")
    assert not _other_name("montreal east", "montreal est") and not _other_name("louis", "louisville")


def test_a_city_filed_as_city_of_is_known_by_its_own_name():
    westminster = first("Westminster")  # GeoNames: "City of Westminster"; larger than any US Westminster
    assert westminster.country == "GB" and not westminster.alt
    assert gazetteer.km(westminster.lat, westminster.lon, 51.5, -0.14) < 10
