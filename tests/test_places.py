"""Places: mentions, offsets and context-aware resolution on short news texts."""
import pytest

from generator import gazetteer, nlp
from generator.extract import places


@pytest.fixture(scope="module")
def parse():
    pipeline = nlp.load()
    return lambda text: pipeline(text)


def by_surface(text, found):
    return {text[s:e]: p for p in found for s, e in p.mentions}


def placed(parse, text):
    """The places of ``text`` by the surface of each mention."""
    return by_surface(text, places.extract(parse(text)))


CAUCASUS = ("Fighting resumed in Nagorno-Karabakh on Sunday. Armenia and Azerbaijan accused each other "
            "of shelling Stepanakert, while Turkey said it backed Baku. Russian diplomats met in Moscow, "
            "and the US called for calm.")


def test_countries_disputed_region_and_offsets(parse):
    found = places.extract(parse(CAUCASUS))
    surf = by_surface(CAUCASUS, found)
    assert surf["Armenia"].kind == "country" and surf["Armenia"].country == "AM"
    assert surf["Turkey"].country == "TR"
    assert surf["US"].country == "US"
    nk = surf["Nagorno-Karabakh"]
    assert nk.kind == "region" and gazetteer.km(nk.lat, nk.lon, 39.82, 46.75) < 120
    assert gazetteer.km(surf["Moscow"].lat, surf["Moscow"].lon, 55.75, 37.62) < 50
    assert surf["Russian"].country == "RU"  # a demonym counts as a mention of the country
    for p in found:
        for s, e in p.mentions:
            assert CAUCASUS[s:e].strip() == CAUCASUS[s:e] and not CAUCASUS[s:e].lower().startswith("the ")
            assert 0 < p.confidence <= 1
    assert len({p.id for p in found}) == len(found)


def test_the_is_not_part_of_the_mention(parse):
    text = "Officials in the United States and the United Kingdom disagreed."
    surf = placed(parse, text)
    assert "United States" in surf and "United Kingdom" in surf


def test_neighbours_decide_an_ambiguous_town(parse):
    text = "Two men were arrested in Edmonton, south of Cairns in Queensland, Australia, police said on Friday."
    surf = placed(parse, text)
    assert surf["Edmonton"].country == "AU"
    text = "The Oilers flew home to Edmonton, Alberta, after losing in Calgary."
    surf = placed(parse, text)
    assert surf["Edmonton"].country == "CA"


def test_state_abbreviation_and_context(parse):
    text = "Lexington, Ky. - A fire destroyed a barn near Lexington on Monday, Kentucky State Police said."
    surf = placed(parse, text)
    lex = surf["Lexington"]
    assert lex.country == "US" and gazetteer.km(lex.lat, lex.lon, 38.05, -84.5) < 50


def test_generic_words_are_not_places(parse):
    text = "The centre said prices in the south rose, and the West must respond, the MP said."
    surf = placed(parse, text)
    assert not {"centre", "south", "MP"} & set(surf)


def test_focus_prefers_the_place_the_story_is_about(parse):
    text = ("Aleppo was shelled again. Residents of Aleppo fled west. Syria's government said Aleppo "
            "would be retaken; Russia and Turkey disagreed.")
    found, focus = places.locate(parse(text))
    assert next(p for p in found if p.id == focus).name == "Aleppo"
    assert places.focus([]) is None


WORLD = ("European ministers met in Brussels on Monday. The EU has promised aid to the Middle East, "
         "and tankers crossing the Atlantic were delayed. Several Asian governments objected, and "
         "African American leaders in Chicago welcomed the decision.")


def test_continents_seas_and_world_regions(parse):
    surf = by_surface(WORLD, places.extract(parse(WORLD)))
    europe = surf["European"]
    assert europe.name == "Europe" and europe.kind == "region"
    assert surf["EU"].name == "European Union" and surf["EU"].lat == europe.lat
    assert surf["Asian"].name == "Asia"
    me = surf["Middle East"]
    assert 25 < me.lat < 40 and 30 < me.lon < 55
    atlantic = surf["Atlantic"]
    assert atlantic.name == "Atlantic Ocean" and atlantic.country is None
    assert "African" not in surf  # a group of people, not the continent


def test_a_body_of_states_is_a_place_only_where_the_text_puts_something_in_it(parse):
    text = ("Union ministers met in Brussels on Monday, and the EU said Norway may join the European Union. "
            "Prices in the EU rose, and farmers across the European Union protested.")
    found, _focus = places.locate(parse(text))
    eu = next(p for p in found if p.name == "European Union")
    roles = {text[s:e] + "@" + str(s): r for (s, e), r in zip(eu.mentions, eu.roles)}
    said, joined = text.index("EU said"), text.index("European Union.")
    assert roles[f"EU@{said}"] == "in-name" and roles[f"European Union@{joined}"] == "in-name"  # the body acts
    inside, across = text.index("EU rose"), text.index("European Union protested")
    assert roles[f"EU@{inside}"] in ("scene", "mentioned") and roles[f"European Union@{across}"] in ("scene", "mentioned")
    assert eu.pinned  # on the map for the prices and the farmers, not for what the body said
    only_acts = places.locate(parse("EU ministers agreed new sanctions, and Britain said it would leave the EU."))[0]
    assert not next(p for p in only_acts if p.name == "European Union").pinned


def test_new_york_city_by_default_and_the_state_when_the_text_says_so(parse):
    text = ("Protesters marched in New York on Saturday. Upstate New York farmers joined them, and "
            "New York Gov. Kathy Hochul said the state would respond.")
    doc = parse(text)
    found = places.extract(doc)
    kinds = {text[s:e] + "@" + str(s): p for p in found for s, e in p.mentions}
    first_ny = next(p for k, p in kinds.items() if k.startswith("New York@") and int(k.split("@")[1]) < 40)
    assert first_ny.kind == "city"
    later = [p for k, p in kinds.items() if k.startswith("New York@") and int(k.split("@")[1]) > 40]
    assert later and all(p.kind == "region" for p in later)


def test_washington_dc_is_one_mention(parse):
    text = "The delegation flew to Washington, D.C., on Tuesday for talks with officials."
    surf = placed(parse, text)
    assert "Washington, D.C." in surf
    assert surf["Washington, D.C."].kind == "city"
    assert gazetteer.km(surf["Washington, D.C."].lat, surf["Washington, D.C."].lon, 38.9, -77.0) < 30


def test_town_then_region_puts_the_town_in_that_region(parse):
    text = "Police were called to a house in Edmonton, Queensland, late on Friday after neighbours heard shouting."
    surf = placed(parse, text)
    edmonton = surf["Edmonton"]
    assert edmonton.country == "AU" and edmonton.lat < 0


def test_big_city_inside_an_organisation_name_counts(parse):
    text = "The Winnipeg Free Press reported the closure on Monday, citing two officials."
    surf = placed(parse, text)
    assert surf["Winnipeg"].country == "CA"


def test_small_town_abroad_with_nothing_near_it_is_left_out(parse):
    text = ("Flights from Heathrow were cancelled on Sunday as storms crossed Britain, and passengers "
            "in London were told to stay at home.")
    surf = placed(parse, text)
    assert "Heathrow" not in surf or surf["Heathrow"].country == "GB"
    assert surf["London"].country == "GB"


def test_a_clear_neighbour_anchors_an_ambiguous_town(parse):
    text = ("A fire broke out in a block of flats in Tottenham on Monday night. Crews from Edmonton "
            "and Walthamstow attended.")
    surf = placed(parse, text)
    assert surf["Edmonton"].country == "GB"


def test_a_state_named_like_a_country_among_states(parse):
    text = ("Storms hit Alabama and Georgia overnight, and officials in Florida and South Carolina "
            "opened shelters. Georgia's governor declared an emergency.")
    surf = placed(parse, text)
    assert surf["Georgia"].country == "US" and surf["Georgia"].kind == "region"


def test_english_names_england_not_the_whole_kingdom(parse):
    text = "English hospitals reported record waiting times, while Scottish officials blamed London."
    surf = placed(parse, text)
    assert surf["English"].name == "England" and surf["English"].country == "GB"
    assert surf["Scottish"].name == "Scotland"


def test_buildings_and_streets_named_after_places(parse):
    text = ("Mourners gathered outside Manila Cathedral on Sunday. In Toronto, a march started "
            "at Washington Square and ended at Victoria Park.")
    found = places.extract(parse(text))
    surf = by_surface(text, found)
    if "Manila Cathedral" in surf:  # a building is where the place in its name is
        assert surf["Manila Cathedral"].country == "PH"
    for street in ("Washington Square", "Victoria Park"):  # never a far-away town of that name
        if street in surf:
            assert gazetteer.km(surf[street].lat, surf[street].lon, 43.7, -79.4) < 161, street


def test_inner_place_of_a_building_name():
    assert places._inner("Manila Cathedral")[0].country == "PH"
    assert places._inner("University of Alberta")[0].name == "Alberta"
    assert places._inner("International Terminal Building") == []  # no place in it


def test_towns_the_ner_misses_are_found_by_what_surrounds_them(parse):
    text = ("The British soldier served in Colchester before he was deployed. Heating schemes run in "
            "Boise, Idaho, and the chain closed its stores in Zilina, Nitra and Kosice in March.")
    surf = placed(parse, text)
    assert "Colchester" in surf
    assert surf["Boise"].country == "US"
    assert surf["Nitra"].country == "SK"
    assert "March" not in surf  # a month, not the town in Cambridgeshire


def test_a_town_inside_a_longer_name_is_not_cued(parse):
    text = "She worked at Lombard Odier and later studied at Windsor Castle Academy."
    surf = placed(parse, text)
    assert "Lombard" not in surf and "Windsor" not in surf


def test_white_house_palestine_and_korean(parse):
    text = ("The White House said on Friday that Palestinian officials had been invited. Korean "
            "diplomats, and North Korean envoys, were not.")
    surf = placed(parse, text)
    wh = surf["White House"]
    assert gazetteer.km(wh.lat, wh.lon, 38.9, -77.04) < 30  # the building in Washington, not a hamlet
    assert surf["Palestinian"].country == "PS"
    assert surf["Korean"].country == "KR"
    assert surf["North Korean"].country == "KP"


def test_a_country_before_a_comma_is_no_town(parse):
    text = "He had worked in Russia, U.S. officials said on Wednesday, before moving to Paris."
    surf = placed(parse, text)
    assert surf["Russia"].kind == "country" and surf["Russia"].country == "RU"


def test_small_town_named_like_a_capital_is_not_the_capital():
    utah = next(e for e in gazetteer.lookup("Washington") if e.country == "US" and e.admin1 == "Utah")
    dc = next(e for e in gazetteer.lookup("Washington") if e.admin1 == "District of Columbia")
    assert places._prior(dc) > places._prior(utah) + 2


def test_peoples_and_teams_are_not_places(parse):
    text = ("South Koreans voted on Wednesday. The Buffalo Bisons beat the visitors, and the Honolulu "
            "Star-Advertiser reported the score.")
    found = places.extract(parse(text))
    surf = by_surface(text, found)
    assert "South Koreans" not in surf
    assert not any("Bisons" in k or "Advertiser" in k for k in surf)


def test_a_language_or_a_people_is_not_a_place(parse):
    text = ("The ministry said English will remain an official language. Students learn it in English. "
            "French engineers arrived on Monday.")
    found = places.extract(parse(text))
    spans = {text[s:e] + "@" + str(s) for p in found for s, e in p.mentions}
    assert not any(x.startswith("English@") for x in spans)
    assert any(x.startswith("French@") for x in spans)  # an adjective before a noun is its country


def test_a_town_near_another_lies_by_it(parse):
    text = "The stabbing happened at a house in Edmonton, south of Cairns, in November."
    surf = placed(parse, text)
    assert surf["Edmonton"].country == "AU"
    assert gazetteer.km(surf["Edmonton"].lat, surf["Edmonton"].lon, surf["Cairns"].lat, surf["Cairns"].lon) < 50


def test_a_city_named_like_a_state_in_a_list_of_states(parse):
    text = "Tech firms are leaving western states such as California, Oregon and Washington because of costs."
    surf = placed(parse, text)
    assert surf["Washington"].kind == "region"
    assert surf["Washington"].lon < -115  # the state in the north-west, not the capital


KOREA = ("Envoys of the DPRK met South Korean officials at the border on Monday. Both sides said the "
         "Korean Peninsula should be free of nuclear weapons, and ministers from the South Caucasus "
         "and the Horn of Africa sent observers.")


def test_other_names_of_countries_and_world_regions(parse):
    surf = by_surface(KOREA, places.extract(parse(KOREA)))
    assert surf["DPRK"].name == "North Korea" and surf["DPRK"].country == "KP"
    peninsula = surf["Korean Peninsula"]
    assert peninsula.kind == "region" and 33 < peninsula.lat < 43 and 124 < peninsula.lon < 131
    caucasus = surf["South Caucasus"]
    assert 38 < caucasus.lat < 43 and 40 < caucasus.lon < 50  # Georgia, Armenia, Azerbaijan
    horn = surf["Horn of Africa"]
    assert 0 < horn.lat < 15 and 38 < horn.lon < 52


def test_a_country_named_x_and_y_is_one_place(parse):
    text = ("The position taken by Trinidad and Tobago surprised the delegates in Geneva on Monday, "
            "and Trinidad and Tobago Prime Minister Keith Rowley said so.")
    found = places.extract(parse(text))
    surf = by_surface(text, found)
    assert surf["Trinidad and Tobago"].country == "TT"
    assert "Trinidad" not in surf and "Tobago" not in surf
    country = next(p for p in found if p.country == "TT")
    assert len(country.mentions) == 2


def test_an_airport_named_as_a_place_is_the_airport(parse):
    text = "British police searched a Russian passenger plane at Heathrow airport on Friday, officials in London said."
    surf = placed(parse, text)
    heathrow = surf["Heathrow"]
    assert heathrow.kind == "airport" and heathrow.country == "GB"
    assert gazetteer.km(heathrow.lat, heathrow.lon, 51.47, -0.46) < 5  # not the Florida town of that name


def test_an_island_is_a_place(parse):
    text = "Fighting resumed on Mindanao, where the army said rebels had attacked a base near Cotabato."
    surf = placed(parse, text)
    assert surf["Mindanao"].kind == "region" and 5 < surf["Mindanao"].lat < 10 and 120 < surf["Mindanao"].lon < 128


def test_rivers_and_deserts_are_places(parse):
    text = ("Ukrainian forces crossed the Dnipro River near Kherson, while Karnataka and Tamil Nadu "
            "argued over the Cauvery. A plane was lost over the Sahara.")
    surf = placed(parse, text)
    assert surf["Dnipro River"].name == "Dnieper" and surf["Dnipro River"].kind == "landform"
    assert surf["Cauvery"].kind == "landform" and 10 < surf["Cauvery"].lat < 13 and 75 < surf["Cauvery"].lon < 80
    assert surf["Sahara"].kind == "landform"
    assert surf["Kherson"].country == "UA"
    text = "The Niger Delta Avengers claimed the attack on the pipeline."
    surf = placed(parse, text)
    assert surf["Niger Delta"].kind == "landform" and surf["Niger Delta"].lon > 5  # not Niger, the country


def test_a_sentence_opening_in_is_a_cue(parse):
    text = "In Klamath Falls, Oregon, a brewery makes use of the heat."
    surf = placed(parse, text)
    assert surf["Klamath Falls"].country == "US" and surf["Klamath Falls"].kind == "city"


def test_a_town_in_a_list_of_places_is_a_place_whatever_the_ner_says(parse):
    text = "The trip from Amsterdam to Berlin includes stops in Hilversum and Almelo, the paper points out."
    surf = placed(parse, text)
    assert surf["Almelo"].country == "NL"
    text = "The court ruled on the dispute between Karnataka and Tamil Nadu."
    surf = placed(parse, text)
    assert surf["Tamil Nadu"].country == "IN" and surf["Tamil Nadu"].kind == "region"
    text = "The senator sent a letter to Obama on Friday."
    assert not places.extract(parse(text))  # "to" is no cue for a person's name (Obama, Fukui)


def test_a_region_named_with_the_word_for_its_kind(parse):
    text = "A stabbing spree in Guizhou province left two dead."
    surf = placed(parse, text)
    assert surf["Guizhou"].kind == "region" and surf["Guizhou"].country == "CN"


def test_a_town_someone_moves_to_is_a_place_whatever_the_ner_says(parse):
    text = "The family moved to Almelo in 2015."
    assert placed(parse, text)["Almelo"].country == "NL"


def test_a_press_release_dateline_names_its_town(parse):
    text = "PLEASANTON, Calif.--( )--DeltaTrak, a maker of cold chain monitors, said on Monday it had grown."
    town = placed(parse, text)["PLEASANTON"]
    assert town.country == "US" and gazetteer.km(town.lat, town.lon, 37.66, -121.87) < 20


def test_a_small_town_that_speaks_or_has_a_family_is_a_person_or_an_agency(parse):
    for text in ("The fire had been put out, Xinhua reported.", "Bingham said the plan would work.",
                 "The bridge was closed, according to Xinhua.",
                 "He is survived by his mother Michelle, his brother Alex and girlfriend Olivia."):
        assert not places.extract(parse(text)), text
    text = "Moscow said the talks would go on. Officials in Bingham said the road was closed."
    surf = placed(parse, text)
    assert surf["Moscow"].country == "RU" and surf["Bingham"].country == "GB"  # a capital speaks for its state


def test_a_person_named_in_full_is_no_town_by_surname(parse):
    text = ("Colonel Amy Houston led the exercise on Monday. Houston told reporters the drills went well, "
            "and the unit flew to Denver. In Jackson, a crowd met Tom Jackson.")
    surf = placed(parse, text)
    assert "Houston" not in surf  # the colonel, not the Texas city
    assert surf["Denver"].country == "US"
    assert "Jackson" in surf  # "In Jackson" is the town, whoever else is called so


def test_a_region_named_after_its_seat_is_the_city(parse):
    text = "Delegates gathered in Geneva on Monday, while protesters marched in Basra. Voters in Quebec went to the polls."
    surf = placed(parse, text)
    assert surf["Geneva"].kind == "city" and gazetteer.km(surf["Geneva"].lat, surf["Geneva"].lon, 46.20, 6.15) < 10
    assert surf["Basra"].kind == "city"
    assert surf["Quebec"].kind == "region"  # a province far larger than its capital stays the province


def test_a_sea_named_without_its_word_is_water(parse):
    text = "A Russian frigate crossed the Baltic on Friday, days after a storm on the Adriatic Sea."
    surf = placed(parse, text)
    assert surf["Baltic"].kind == "water" and gazetteer.km(surf["Baltic"].lat, surf["Baltic"].lon, 58.0, 20.0) < 300
    assert surf["Adriatic Sea"].kind == "water"


def test_a_town_the_text_calls_a_town_is_found_under_its_other_name(parse):
    text = ("Troops entered the town of Lachin on Sunday, and drones flew over Stepanakert, the regional capital. "
            "Both lie in Azerbaijan.")
    surf = placed(parse, text)
    assert gazetteer.km(surf["Lachin"].lat, surf["Lachin"].lon, 39.64, 46.55) < 30
    st = surf["Stepanakert"]
    assert st.name == "Stepanakert" and gazetteer.km(st.lat, st.lon, 39.82, 46.75) < 30  # GeoNames: Khankendi


def test_a_country_the_ner_calls_a_person_is_the_country_unless_someone_is_so_named(parse):
    text = "Shelling resumed on Tuesday, Azerbaijan said. Jordan Smith, a local guide, left. Jordan said he was afraid."
    surf = placed(parse, text)
    assert surf["Azerbaijan"].country == "AZ"
    assert "Jordan" not in surf  # the guide, named in full before


def _roles(parse, text):
    found, focus = places.locate(parse(text))
    return {text[s:e]: r for p in found for (s, e), r in zip(p.mentions, p.roles)}, found, focus


def test_each_mention_says_whether_things_happen_there_or_it_is_only_a_name(parse):
    text = ("Chinese officials said the Kyoto protocol was dead. The OSCE Minsk Group urged calm, the Washington "
            "Post reported. Shelling hit Aleppo overnight, and talks in Vienna went on. Officials in Paris agreed.")
    roles, found, _ = _roles(parse, text)
    assert roles["Chinese"] == "demonym"
    assert roles["Kyoto"] == roles["Minsk"] == roles["Washington"] == "in-name"
    assert roles["Aleppo"] == roles["Vienna"] == "scene"  # an event verb's object, an event noun's place
    assert roles["Paris"] == "mentioned"  # where officials are, not where something happens
    # the extract keeps every place (the corpus's gold counts names inside names); the pages show fewer
    assert {p.name for p in found} >= {"China", "Kyoto", "Minsk", "Washington", "Aleppo", "Vienna"}
    assert {p.name for p in found if p.pinned} == {"Aleppo", "Vienna", "Paris"}


def test_a_possessor_is_no_part_of_a_name(parse):
    roles, _, _ = _roles(parse, "Azerbaijan's Defence Ministry said the Berlin blockade was long ago.")
    assert roles["Azerbaijan"] == "mentioned" and roles["Berlin"] == "in-name"


def test_a_place_the_ner_left_out_of_the_name_it_opens_is_part_of_that_name(parse):
    roles, found, _ = _roles(parse, "Mr Dale resigned the UK Independence Party whip in Leeds on Monday.")
    assert roles["UK"] == "in-name", roles
    assert "United Kingdom" not in {p.name for p in found if p.pinned}


FOCUS = {
    # a dateline abroad and a country named most: the events are in Stepanakert
    "Stepanakert": "YEREVAN — Armenia's prime minister said on Monday that Azerbaijan had broken the ceasefire. "
                   "Shelling hit the town of Stepanakert overnight. Armenia called on Russia to act. Armenia said "
                   "Armenian forces would hold, and Armenia asked Armenia's allies for help.",
    # talks held in a city about a country named more often
    "Geneva": "GENEVA — Talks on Syria opened in Geneva on Monday. The Syrian government and the opposition sent "
              "delegations to the talks in Geneva. Syria has been at war since 2011, and Syria's future was discussed.",
    # the same dateline, but the events told are in Syria
    "Aleppo": "GENEVA — The UN envoy said in Geneva on Monday that fighting in Aleppo had killed 50 people. Air "
              "strikes hit Idlib and Aleppo overnight. Syria's government blamed rebels; Syria and Russia denied it.",
    # nothing placed but the dateline
    "Moscow": "MOSCOW — Russia's foreign minister said on Monday that Russia would not accept new sanctions. "
              "Russia has long opposed them, and Russia's allies agree.",
    # nothing placed at all: the most specific place named, not the country named most
    "London": "Britain's economy grew last year. Britain's exports rose, Britain's statistics office said, and "
              "London's shops were busy. Officials in London were pleased.",
}


@pytest.mark.parametrize("where", sorted(FOCUS))
def test_the_focus_is_where_the_events_happen(parse, where):
    found, focus = places.locate(parse(FOCUS[where]))
    assert next(p for p in found if p.id == focus).name == where


def test_a_place_only_inside_a_name_or_a_demonym_is_never_the_focus(parse):
    found, focus = places.locate(parse("Chinese officials praised the Kyoto protocol. Chinese and Japanese "
                                       "diplomats met the Washington Post."))
    assert focus is None and found  # the places are kept for the extract, none is shown


def test_a_dateline_the_ner_misses_is_a_place_where_things_happen(parse):
    roles, found, _ = _roles(parse, "BAKU — A missile struck an apartment building overnight, officials said.")
    assert roles.get("BAKU") == "scene" and any(p.name == "Baku" for p in found)


def test_a_place_of_a_thing_struck_or_a_district_entered_is_where_things_happen(parse):
    roles, _, _ = _roles(parse, "A missile struck an apartment building in the centre of Ganja. Troops moved "
                                "into the Kandahar district. Diplomats from Tbilisi watched.")
    assert roles["Ganja"] == roles["Kandahar"] == "scene" and roles["Tbilisi"] == "mentioned"


def test_one_local_cue_does_not_pull_a_world_city_to_a_small_namesake(parse):
    # the dateline names a Kentucky town and its state, which lie beside Paris, Ky.; the article also
    # names France: region and nearness are one piece of evidence, not two against the capital
    text = ("GEORGETOWN, Ky. (WKYT) - A doctor from Georgetown is in France on a family trip. "
            "A gunman opened fire on police in Paris on Thursday, she said from her hotel.")
    surf = placed(parse, text)
    assert surf["Paris"].country == "FR"


def test_a_region_named_puts_its_country_in_the_context(parse):
    # "Queensland" says Australia: a suburb of that name in Australia beats the big Canadian city
    text = ("Dengue fever cases worry blood services in far north Queensland. Nine cases were confirmed "
            "in the suburbs of Edmonton, Mount Sheridan and Bentley Park.")
    surf = placed(parse, text)
    assert surf["Edmonton"].country == "AU"


def test_a_region_named_once_among_several_does_not_outweigh_a_big_city(parse):
    text = ("The Rockets won in Houston, Texas, on Monday. Next they fly to Portland, then play in Oakland, "
            "California, before the long trip home to Houston.")
    surf = placed(parse, text)
    portland = surf["Portland"]
    assert portland.country == "US" and portland.lon < -120  # Oregon's city, not Portland, Texas


def test_a_town_put_by_a_city_where_the_gazetteer_has_none_is_left_out(parse):
    # no Delft near Cape Town in the gazetteer: the Dutch city is not it
    text = "Police said the bus was attacked in Delft, a township near Cape Town, on Sunday."
    surf = placed(parse, text)
    assert "Delft" not in surf and surf["Cape Town"].country == "ZA"
    text = "Two men were arrested in Edmonton, a suburb south of Cairns, police said."
    assert placed(parse, text)["Edmonton"].country == "AU"


def test_region_abbreviation_with_its_full_stop_after_a_town(parse):
    # the small model splits "Ont." into "Ont" and "." and calls it a person; "Alta" alone is a Norwegian town
    text = "The family moved to a rented flat in Barrie, Ont., after the fire. A stray dog was later found in Hinton, Alta., by a farmer."
    surf = placed(parse, text)
    assert surf["Ont."].name == "Ontario" and surf["Ont."].kind == "region"
    assert surf["Alta."].name == "Alberta"
    assert surf["Hinton"].country == "CA"  # the Alberta town of 10,000, not the larger Hintons elsewhere


def test_a_small_town_before_its_region_is_a_place(parse):
    # Hugo, Oklahoma has some 5,000 people: below what a bare name needs, but the region after it says town
    text = "The couple married last spring and now farm near the river in Hugo, Oklahoma, with their three sons."
    surf = placed(parse, text)
    hugo = surf["Hugo"]
    assert hugo.country == "US" and gazetteer.km(hugo.lat, hugo.lon, 34.01, -95.51) < 30


def test_where_a_named_person_lives(parse):
    text = ("The driver, Martin Keller, 52, of Waterloo, was taken to hospital. His passenger Anna Price "
            "of Bellmore was unhurt, and deputies searched a barn outside of Waterloo later that night.")
    surf = placed(parse, text)
    assert "Waterloo" in surf and "Bellmore" in surf
    assert surf["Bellmore"].country == "US"


def test_an_epithet_is_not_where_someone_lives(parse):
    text = "Mary of Bethany and her brother welcomed the travellers, the old story says."
    assert "Bethany" not in placed(parse, text)


def test_two_place_entities_side_by_side_are_one_name(parse):
    # the small model tags "Baja" and "California" apart: one Mexican state, not a Hungarian town and a US state
    text = "Repairs to the pumping station in Baja California will begin next month, engineers said."
    surf = placed(parse, text)
    assert surf["Baja California"].country == "MX" and "Baja" not in surf and "California" not in surf


def test_people_named_like_towns_are_not_places(parse):
    text = ("She is survived by her brother Owen Hale and wife, Tonya, and by her cousins. "
            "Prayers were said for the victims Helen, Clarence, Irene and Randy Kunz.")
    surf = placed(parse, text)
    assert "Tonya" not in surf and "Helen" not in surf


def test_a_list_after_a_place_preposition_stays_places(parse):
    text = "The slow train from Utrecht makes stops in Hilversum and Almelo before the border."
    surf = placed(parse, text)
    assert "Hilversum" in surf and surf["Hilversum"].country == "NL"


def test_a_saint_a_building_is_named_after_is_not_a_town(parse):
    text = ("Thousands prayed in St. Peter's Basilica on Sunday. A blast later damaged the church of St. Peter and "
            "St. Paul near Cairo, and a nurse at St. John's University Hospital in Queens gave first aid.")
    surf = placed(parse, text)
    assert not {"St. Peter", "St. Paul", "St. John"} & set(surf)
    assert "Cairo" in surf
    surf = placed(parse, "The team flew home to St. Paul on Sunday after the loss.")
    assert surf["St. Paul"].country == "US"


def test_a_designator_the_region_name_holds_is_part_of_the_mention(parse):
    text = "Gunmen attacked a village in Benue State on Monday, and Kentucky State Police arrested two men in Ohio."
    surf = placed(parse, text)
    assert surf["Benue State"].country == "NG"
    assert "Kentucky" in surf and "Kentucky State" not in surf  # no region is called "Kentucky State"


def test_a_named_part_of_a_place_is_a_mention_of_it(parse):
    text = ("Wildfires spread across Southern California on Tuesday. Rents in North London rose again, "
            "and investors in the South East Asian city-state were calm.")
    surf = placed(parse, text)
    assert surf["Southern California"].name == "California" and surf["Southern California"].country == "US"
    assert "North London" in surf
    assert surf["South East Asian"].name == "Asia"


def test_lower_case_compass_words_only_say_where_in_a_place(parse):
    text = "A teenager was stabbed on an estate in north west London late on Friday, police said."
    surf = placed(parse, text)
    assert "London" in surf and surf["London"].country == "GB"
    assert not any(k.lower().startswith("north") for k in surf)


def test_a_populous_county_is_found_without_a_cue(parse):
    # "Hampshire" is a county of 1.2 million the small model does not tag; a town of 6,000 in Illinois shares the name
    text = "Hampshire driver Tom Reed has set his sights on the title after a strong winter of testing in England."
    surf = placed(parse, text)
    assert surf["Hampshire"].country == "GB" and surf["Hampshire"].kind == "region"


def test_an_island_from_the_island_list_is_found_without_a_cue(parse):
    text = "Rents on Oahu rose again this year, and Maui's bigger towns lost shops to online sellers."
    surf = placed(parse, text)
    assert "Oahu" in surf and "Maui" in surf
    assert surf["Oahu"].kind == "region" and 19 < surf["Oahu"].lat < 23


def test_without_a_place_of_events_a_country_named_most_is_no_focus(parse):
    found, focus = places.locate(parse("Britain's economy grew last year. Britain's exports rose, Britain's "
                                       "statistics office said, and France and Britain agreed to talk."))
    assert focus is None and any(p.name == "United Kingdom" or p.country == "GB" for p in found)


def test_a_place_in_a_title_is_a_jurisdiction_not_the_focus_nor_a_place_on_the_page(parse):
    text = ("The Mayor of Leeds said the budget was unfair. Suffolk Chief Constable Anna Pike agreed, and the "
            "Mayor of Leeds wrote to ministers. Suffolk Chief Constable Anna Pike will retire. The Archbishop of "
            "Canterbury backed them.")
    roles, found, focus = _roles(parse, text)
    assert focus is None
    assert roles.get("Leeds") == "in-name" and roles.get("Suffolk") in ("in-name", None)
    assert roles.get("Canterbury") in ("in-name", None)
    assert not {"Leeds", "Suffolk", "Canterbury"} & {p.name for p in found if p.pinned}


def test_a_town_named_once_in_passing_is_no_focus_but_one_named_again_is(parse):
    _, _, once = _roles(parse, "Ministers said the plan was fair. A firm in Bristol was pleased.")
    assert once is None
    _, found, twice = _roles(parse, "Ministers said the plan was fair. Firms in Bristol were pleased, and "
                                    "traders from Bristol agreed.")
    assert next(p for p in found if p.id == twice).name == "Bristol"


def test_an_english_region_is_the_region_not_an_airport_of_that_name(parse):
    surf = placed(parse, "Ms Kerr, an MEP for the East Midlands, said jobs in the West Midlands were at risk.")
    assert surf["East Midlands"].kind == "region" and surf["East Midlands"].country == "GB", surf["East Midlands"]
    assert surf["West Midlands"].kind == "region"


def test_a_town_and_its_county_told_as_one_entity_are_two_mentions(parse):
    text = "The championship moves on to Thruxton, Hampshire in May and then to Snetterton, Norfolk in July."
    surf = placed(parse, text)
    hampshire = surf["Hampshire"]
    assert hampshire.country == "GB" and hampshire.kind == "region"  # the county, not the Illinois village
    # the gazetteer's only Thruxton lies in another county: a town the text puts in Hampshire is not that one
    assert "Thruxton" not in surf or gazetteer.km(surf["Thruxton"].lat, surf["Thruxton"].lon, 51.2, -1.6) < 80


def test_where_someone_was_born_is_not_where_events_happen(parse):
    text = "The minister, who was born in Melbourne, met farmers in Cardiff on Monday."
    found, focus = places.locate(parse(text))
    roles = {p.name: p.roles for p in found}
    assert roles["Melbourne"] == ["mentioned"] and focus == next(p.id for p in found if p.name == "Cardiff")


def test_where_a_speech_was_given_is_a_scene(parse):
    text = "In a speech in Edinburgh on Friday, the chancellor defended the plan. Britain's economy is stable, she said."
    found, focus = places.locate(parse(text))
    edinburgh = next(p for p in found if p.name == "Edinburgh")
    assert edinburgh.roles == ["scene"] and focus == edinburgh.id


def test_a_seat_of_government_that_acts_is_no_place_on_the_map(parse):
    found, focus = places.locate(parse("The court overruled the White House on Monday, and the White House said it "
                                       "would appeal."))
    assert not any(p.pinned for p in found) and focus is None
    found, _ = places.locate(parse("Protesters gathered outside the White House on Monday."))
    assert next(p for p in found if p.name == "White House").pinned


def test_a_place_given_as_an_example_or_wider_than_a_country_is_not_the_focus(parse):
    text = "The party wants to switch to a local income tax of the kind seen in the USA, Norway and Switzerland."
    found, focus = places.locate(parse(text))
    assert focus is None and all(r == "mentioned" for p in found for r in p.roles)
    text = ("Ministers met to discuss aid to Africa. The plan for Africa will be published in March, and "
            "charities said Africa needed fairer trade.")
    found, focus = places.locate(parse(text))
    assert any(p.name == "Africa" and p.pinned for p in found) and focus is None  # a continent is a topic here


def test_one_event_told_once_further_down_is_background_not_the_focus(parse):
    text = ("The home secretary defended his decision on Monday. He said the courts had been wrong. Critics said "
            "the law was rushed through in response to the 11 September attacks in the US.")
    found, focus = places.locate(parse(text))
    assert next(p for p in found if p.name == "United States").roles == ["scene"] and focus is None


def test_the_most_specific_place_of_the_scene_is_the_focus(parse):
    text = ("The chancellor said the election offered a clear choice. He urged voters not to stay at home. Labour "
            "would be taking Britain forward, he said, and the Tories taking Britain back. Speaking at the party's "
            "conference in Gateshead, Mr Brown said the NHS was safe.")
    found, focus = places.locate(parse(text))
    assert focus == next(p.id for p in found if p.name == "Gateshead")  # over the country told of twice


def test_the_adjective_of_a_world_region(parse):
    surf = placed(parse, "Latin American history shows the perils of such spending, and Latin American leaders agreed.")
    assert surf["Latin American"].name == "Latin America"  # not the United States of its last word


def test_a_place_that_owns_what_an_event_happens_at_is_its_scene(parse):
    found, focus = places.locate(parse("Chancellor Gordon Brown has visited Kenya's biggest shantytown as he opened a "
                                       "week-long visit to Africa."))
    assert focus == next(p.id for p in found if p.name == "Kenya")
    found, focus = places.locate(parse("Russia's attack on the port was condemned, and Azerbaijan's Defence Ministry "
                                       "said it had responded."))
    assert all(p.roles == ["mentioned"] for p in found)  # an attack by Russia is not in Russia


def test_a_place_ending_a_proper_name_of_another_thing_is_part_of_that_name(parse):
    found, focus = places.locate(parse("Critics said the image echoed Shylock in Shakespeare's Merchant of Venice, and "
                                       "the Bank of England said nothing."))
    assert all(p.roles == ["in-name"] for p in found) and focus is None  # a play, a bank: not places of the story
    found, _ = places.locate(parse("Troops moved into the Isle of Man on Monday, and residents of Aleppo fled."))
    assert {p.name: p.pinned for p in found} == {"Isle of Man": True, "Aleppo": True}  # the place's own name


def test_a_name_the_text_calls_a_town_is_the_town_not_the_airport_named_after_it(parse):
    found, _ = places.locate(parse("Fighting went on near the town of Lachin on Monday."))
    lachin = next(p for p in found if p.name == "Lachin")
    assert lachin.kind == "city" and gazetteer.km(lachin.lat, lachin.lon, 39.64, 46.55) < 20


def test_a_name_followed_by_the_kind_of_place_it_is_is_a_place(parse):
    text = ("Armenia is to return the Kalbajar district to Azerbaijan by November 15, the Agdam district by "
            "November 20 and the Lachin district by December 1.")
    found = places.extract(parse(text))
    near = {text[s:e]: gazetteer.km(p.lat, p.lon, 39.9, 46.6) for p in found for s, e in p.mentions}
    assert near["Kalbajar"] < 100 and near["Agdam"] < 100 and near["Lachin"] < 100  # in the region, none missed
