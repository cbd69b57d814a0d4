"""Pages: views decided in Python (principal parties, focus, grouping), escaping, site pages."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.actors import decide
from generator.model import Article, Event, Facts, Party, Place, Position, Quote, Sentence
from generator.render import pages
from conftest import ROOT, map_places

TEXT = ("Armenia said the truce must hold. \"We *will* not [retreat](http://x) <b>now</b>,\" said Nikol Pashinyan. "
        "Azerbaijan rejected the claim in Baku. Shelling hit Stepanakert.")


def _facts(title="Truce <b>strained</b>", article_id="a1", published="2020-10-11"):
    s = [Sentence(0, 33), Sentence(34, 105), Sentence(106, 144), Sentence(145, 170)]
    armenia = Party("armenia", "Armenia", "country", country="AM", mentions=[(0, 7)])
    azerbaijan = Party("azerbaijan", "Azerbaijan", "country", country="AZ", mentions=[(106, 116)])
    pashinyan = Party("pashinyan", "Nikol Pashinyan", "person", role="prime minister", affiliation="armenia",
                      mentions=[(91, 104)])
    q0 = TEXT.index("We")
    return decide(Facts(
        article=Article(id=article_id, title=title, text=TEXT, published=dt.date.fromisoformat(published),
                        tags=("ceasefire",)),
        sentences=s, summary=[(0, 33)], parties=[armenia, azerbaijan, pashinyan],
        quotes=[Quote(TEXT[q0:q0 + 36], q0, q0 + 36, speaker="pashinyan", speaker_name="Nikol Pashinyan")],
        positions=[Position("armenia", "demands", "the truce must hold", 14, 33),
                   Position("azerbaijan", "rejects", "the claim", 126, 135)],
        places=[Place("baku", "Baku", "city", 40.41, 49.87, "AZ", [(139, 143)]),
                Place("stepanakert", "Stepanakert", "city", 39.82, 46.75, None, [(158, 169), (158, 169)]),
                Place("nowhere", "Nowhere", "other", None, None)],
    ))


@pytest.fixture(scope="module")
def env():
    return pages.environment(ROOT / "templates")


def test_principal_parties_count_people_for_their_country():
    facts = _facts()
    assert [p.name for p in pages.principal_parties(facts)] == ["Armenia", "Azerbaijan"]
    colours = pages.party_colours(facts)
    assert len(set(colours.values())) == 2


def test_focus_is_the_place_extraction_chose():
    facts = _facts()
    assert facts.focus_place() is None  # render decides no focus of its own
    facts.focus = "baku"
    assert pages.briefing_view(facts, "x")["focus"]["name"] == "Baku"
    assert pages.map_spec(facts, "x").focus == (40.41, 49.87)


def test_positions_grouped_by_party_with_links_to_sentences():
    view = pages.briefing_view(_facts(), "x")
    groups = view["position_groups"]
    assert [g["party"] for g in groups] == ["Armenia", "Azerbaijan"]
    # principal parties of this article are linked to their pages, which always exist
    assert groups[0]["link"] == "../../parties/armenia/" and groups[1]["link"] == "../../parties/azerbaijan/"
    assert groups[1]["items"][0]["anchor"].id == "s-3"
    assert view["quotes"][0]["anchor"].id == "s-2" and view["quotes"][0]["speaker"] == "Nikol Pashinyan"
    assert [p["name"] for p in view["places"]] == ["Stepanakert", "Baku"]  # unlocated places are left out


def test_briefing_page_escapes_article_text(env):
    md = env.get_template("briefing.md.j2").render(b=pages.briefing_view(_facts(), "x"))
    assert "<b>now</b>" not in md and "[retreat](http://x)" not in md and "*will*" not in md
    assert "<b>strained</b>" not in md
    assert 'id="s-2"' in md and 'href="#s-2"' in md or "(#s-2" in md
    assert 'class="glance"' in md and "Stepanakert" in md


def test_site_has_party_place_timeline_and_world_pages(env):
    a, b = _facts(), _facts(title="Second day", article_id="a2", published="2020-10-12")
    out = pages.render_site([a, b], env, "generated")
    assert {"parties/index.md", "parties/armenia.md", "parties/azerbaijan.md", "places/index.md",
            "timeline.md", "tags.md", "maps/world/index.html", "assets/world.js"} <= set(out.files)
    armenia = out.files["parties/armenia.md"].decode()
    assert armenia.count("../briefings/") >= 4 and "Nikol Pashinyan" in armenia  # his quote counts for Armenia
    places = out.files["places/index.md"].decode()
    assert 'id="place-stepanakert"' in places and "Nowhere" not in places
    world = out.files["maps/world/index.html"].decode()
    assert len(map_places(world)) == 2
    home = out.files and out.home.decode()
    assert pages.GENERATED_MARK in home and "generated/maps/world/" in home
    assert home.index("Second day") < home.index("Truce")  # newest first


def test_site_is_deterministic(env):
    first = pages.render_site([_facts()], env, "generated")
    second = pages.render_site([_facts()], env, "generated")
    assert first.files == second.files and first.home == second.home


def test_tags_hold_the_articles_tags_then_principal_countries_and_people():
    view = pages.briefing_view(_facts(), "x")
    countries = [p.name for p in pages.principal_parties(_facts()) if p.kind == "country"]
    assert countries and all(c in view["tags"] for c in countries)
    assert len(view["tags"]) == len(set(view["tags"]))


def test_a_party_gets_its_page_from_its_second_briefing(env):
    one = pages.render_site([_facts()], env, "generated")
    assert not [f for f in one.files if f.startswith("parties/") and f != "parties/index.md"]
    md = one.files[f"briefings/{pages.article_slug(_facts())}.md"].decode()
    assert "../../parties/armenia/" not in md  # no link to a page that does not exist
    index = one.files["parties/index.md"].decode()
    assert "Armenia" in index and f"../briefings/{pages.article_slug(_facts())}.md" in index
    two = pages.render_site([_facts(), _facts(title="Second day", article_id="a2")], env, "generated")
    assert "parties/armenia.md" in two.files and "(armenia.md)" in two.files["parties/index.md"].decode()
    assert "../../parties/armenia/" in two.files[f"briefings/{pages.article_slug(_facts())}.md"].decode()


def test_a_figure_reads_without_repeating_its_unit():
    from generator.render.pages import figure_rest

    assert figure_rest("six weeks", "weeks of war") == "of war"
    assert figure_rest("10 hours", "hours") == ""
    assert figure_rest("1,960", "Russian peacekeepers") == "Russian peacekeepers"
    assert figure_rest("3 per cent", "per cent") == ""
    assert figure_rest("60%", "per cent") == "" and figure_rest("£4.8bn", "pounds") == ""
    assert figure_rest("$5m", "dollars raised") == "raised"
    assert figure_rest("Thousands", "protesters gathered") == "of protesters gathered"
    assert figure_rest("Tens of thousands", "ethnic Armenians") == "of ethnic Armenians"


def test_key_figures_say_what_they_count_and_each_number_once():
    from generator.render.pages import key_figures
    figures = [{"text": "60%", "what": ""}, {"text": "12", "what": "detainees"}, {"text": "12", "what": "held"},
               {"text": "Five", "what": "British detainees questioned"}, {"text": "$27bn", "what": "tax bill"}]
    assert [(f["text"], f["what"]) for f in key_figures(figures)] == [
        ("12", "detainees"), ("Five", "British detainees questioned"), ("$27bn", "tax bill")]


def test_reported_speech_is_not_shown_as_the_speakers_words(env):
    """A mixed quote (paraphrase with a few words verbatim) has no outer quotation marks; a direct
    quote's own quotation marks become single ones inside the outer pair."""
    import html
    text = ('Aliyev said that Armenia would get a "befitting retaliation". '
            'Pashinyan said: "They signed under the "iron fist" of Baku."')
    mixed_start = text.index("that")
    direct_start = text.index("They")
    facts = Facts(article=Article(id="q", title="Quotes", text=text), sentences=[Sentence(0, 61), Sentence(62, len(text))],
                  quotes=[Quote(text[mixed_start:text.index("retaliation") + 11], mixed_start, 60, kind="mixed",
                                speaker_name="Ilham Aliyev"),
                          Quote(text[direct_start:-2], direct_start, len(text) - 1, speaker_name="Nikol Pashinyan")])
    md = html.unescape(env.get_template("briefing.md.j2").render(b=pages.briefing_view(facts, "x")))
    assert "> that Armenia would get a “befitting retaliation”\n" in md
    assert "> “They signed under the ‘iron fist’ of Baku”\n" in md


def test_each_date_of_a_sentence_is_marked_in_its_own_event(env):
    text = "Armenia is to return Kalbajar by November 15 and Lachin by December 1."
    facts = Facts(article=Article(id="t", title="Handover", text=text, published=dt.date(2020, 11, 10)),
                  sentences=[Sentence(0, len(text))],
                  timeline=[Event("2020-11-15", "day", "November 15", 33, 44, event=text),
                            Event("2020-12-01", "day", "December 1", 59, 69, event=text)])
    md = env.get_template("briefing.md.j2").render(b=pages.briefing_view(facts, "x"))
    assert "Kalbajar by <strong>November 15</strong> and Lachin by December 1" in md
    assert "Kalbajar by November 15 and Lachin by <strong>December 1</strong>" in md


def _roled():
    """The test facts with Minsk only inside a name, China only a demonym, Stepanakert where things happen."""
    facts = _facts()
    facts.places[1].roles = ["scene", "mentioned"]
    facts.places[0].roles = ["mentioned"]
    facts.places += [Place("minsk-by", "Minsk", "city", 53.9, 27.57, "BY", [(150, 155)], roles=["in-name"]),
                     Place("china-cn", "China", "country", 35.0, 103.0, "CN", [(0, 7)], roles=["demonym"])]
    facts.focus = "stepanakert"
    return facts


def test_names_inside_names_and_demonyms_are_not_pinned_and_scenes_are_marked(env):
    facts = _roled()
    view = pages.briefing_view(facts, "x")
    assert [p["name"] for p in view["places"]] == ["Stepanakert", "Baku"]
    assert [p["scene"] for p in view["places"]] == [True, False]
    assert [p["name"] for p in view["scenes"]] == ["Stepanakert"] and view["mentioned"] == 1
    md = env.get_template("briefing.md.j2").render(b=view)
    glance = md.split('class="glance"', 1)[1].split("</aside>", 1)[0]
    assert "Where things happen" in glance and "only mentioned" in glance and "Minsk" not in md
    assert "where things happen · 2×" in md and "mentioned · 1×" in md  # the map's list of places
    markers = pages.map_spec(facts, "x").markers
    assert [(m.name, m.scene) for m in markers] == [("Baku", False), ("Stepanakert", True)]
    out = pages.render_site([facts], env, "generated")
    index = out.files["places/index.md"].decode()
    assert "place-minsk" not in index and "place-china" not in index and "where things happen in 1" in index
    assert {p[3] for p in map_places(out.files["maps/world/index.html"].decode())} == {"Stepanakert", "Baku"}


def test_roles_and_focus_survive_the_cache():
    from dataclasses import asdict
    import json

    from generator.serialize import facts_from_dict

    facts = _roled()
    back = facts_from_dict(json.loads(json.dumps(asdict(facts), default=str)), facts.article)
    assert back.focus == "stepanakert" and back.focus_place().name == "Stepanakert"
    assert [p.role for p in back.places] == ["mentioned", "scene", "mentioned", "in-name", "demonym"]


def test_only_complete_figures_are_shown_with_who_claims_them(env):
    from generator.model import Figure
    facts = _facts()
    facts.figures = [Figure("40", 40.0, "civilians killed", 0, 2, source="the health ministry"),
                     Figure("60%", 60.0, "per cent", 3, 6, shown=False, why="nothing it counts")]
    view = pages.briefing_view(facts, "x")
    assert [f["text"] for f in view["figures"]] == ["40"] and [f["text"] for f in view["key_figures"]] == ["40"]
    md = env.get_template("briefing.md.j2").render(b=view)
    assert "civilians killed (according to the health ministry)" in md and "60%" not in md


def test_key_quotes_put_principal_statements_first_and_leave_out_unframed_phrases():
    text = ('Officials in Dorland spoke of a "new era". The mayor said the port would get '
            '"more ships". "We will never sell the port to anyone," said Ana Brel of Dorland.')
    dorland = Party("dorland", "Dorland", "country", mentions=[(13, 20), (111, 118)])
    brel = Party("brel", "Ana Brel", "person", affiliation="dorland", mentions=[(101, 109)])
    s1, s2 = text.index('"new'), text.index("the port would")
    s3 = text.index('"We')
    facts = Facts(article=Article(id="k", title="Port", text=text), sentences=[Sentence(0, len(text))],
                  parties=[dorland, brel],
                  quotes=[Quote("new era", s1, s1 + 9, speaker_name=None, cue=None),
                          Quote('the port would get "more ships"', s2, s2 + 31, speaker_name="The mayor",
                                cue="said", kind="mixed"),
                          Quote("We will never sell the port to anyone", s3, s3 + 40, speaker="brel",
                                speaker_name="Ana Brel", cue="said")])
    decide(facts)
    shown = [q["text"] for q in pages.briefing_view(facts, "k")["quotes"]]
    assert shown == ["We will never sell the port to anyone", 'the port would get "more ships"']


def test_an_undated_article_says_its_relative_dates_are_left_out(env):
    undated = _facts()
    undated.article = Article(id="u", title="Undated", text=TEXT, published=None)
    note = "gives no publication date"
    assert note in env.get_template("briefing.md.j2").render(b=pages.briefing_view(undated, "u"))
    assert note not in env.get_template("briefing.md.j2").render(b=pages.briefing_view(_facts(), "x"))


def test_a_party_only_named_never_acting_is_left_off_the_page(env):
    facts = _facts()
    facts.parties.append(Party("france", "France", "country", country="FR", mentions=[(0, 7), (34, 40)],
                               shown=False, why="only named, never acting"))
    decide(facts)
    view = pages.briefing_view(facts, "a1")
    assert "France" not in [p["name"] for p in view["parties"]]
    assert "France" not in [p.name for p in pages.principal_parties(facts)]  # two mentions, but it never acts
    assert "France" in [p["name"] for p in _with_france_shown(facts)["parties"]]


def _with_france_shown(facts):
    for p in facts.parties:
        p.shown = True
    decide(facts)
    return pages.briefing_view(facts, "a1")


def _view(slug: str, published: str, events: list[tuple[str, str]]) -> dict:
    return {"slug": slug, "title": f"Report {slug}", "published": published,
            "timeline": [{"date": d, "text": d, "event": text, "anchor": pages.Anchor(f"s-{i + 1}", i + 1)}
                         for i, (d, text) in enumerate(events)]}


def test_the_site_timeline_lists_one_event_once_with_every_briefing_that_tells_it(env):
    views = [
        _view("later", "2021-03-02", [("2021-03-01", "Ministers agreed a truce in Lisbon after talks on the fishing quota."),
                                      ("2021-03-02", "The port of Faro reopened to trawlers.")]),
        _view("day", "2021-03-01", [("2021-03-01", "Both ministers agreed a truce over the fishing quota in Lisbon on Monday.")]),
        _view("other", "2021-03-05", [("2021-03-01", "A storm closed the airport of Madeira."),
                                      ("2021-03-01", "The quota truce agreed in Lisbon held for a week.")]),
    ]
    rows = [e for m in pages.timeline_rows(views) for e in m["events"]]
    truce = [e for e in rows if "truce" in e["event"]]
    assert len(truce) == 1  # three briefings, one event
    assert truce[0]["slug"] == "day"  # told as the report of that day tells it
    assert {o["slug"] for o in truce[0]["others"]} == {"later", "other"}
    assert any("storm" in e["event"] for e in rows) and any("Faro" in e["event"] for e in rows)  # other events stay
    page = env.get_template("timeline.md.j2").render(months=pages.timeline_rows(views))
    assert page.count("truce") == 1 and "../briefings/later/#s-1" in page and "../briefings/other/#s-2" in page


def _dots(md: str) -> dict[str, str]:
    """Party name -> the colour of its dot in At a glance."""
    import re
    glance = md[md.index('class="glance-parties"'):]
    glance = glance[:glance.index("</ul>")]
    return {re.sub(r"<[^>]+>", "", name).strip(): colour
            for colour, name in re.findall(r'background: (#[0-9a-f]{6})"></span>(.*?)</li>', glance)}


def test_a_party_has_one_colour_on_every_page_and_map(env):
    first = _facts()  # Armenia leads
    second = _facts(title="Second day", article_id="a2", published="2020-10-12")
    second.parties[1].mentions = [(106, 116), (0, 7), (120, 125)]  # Azerbaijan leads here
    second.parties[0].mentions = [(0, 7)]
    decide(second)
    assert [p.name for p in pages.principal_parties(second)] == ["Azerbaijan", "Armenia"]
    out = pages.render_site([first, second], env, "generated")
    one = _dots(out.files[f"briefings/{pages.article_slug(first)}.md"].decode())
    two = _dots(out.files[f"briefings/{pages.article_slug(second)}.md"].decode())
    assert one == two and len(set(one.values())) == 2
    palette = pages.site_palette([first, second])
    spec = pages.map_spec(second, pages.article_slug(second), palette)
    assert {name: colour for _iso, name, colour in spec.shaded} == two  # the map shades them alike


def test_a_person_who_speaks_gets_a_page_with_roles_and_words_and_is_in_the_index(env):
    facts = _facts()
    out = pages.render_site([facts, _facts(title="Second day", article_id="a2", published="2020-10-12")], env,
                            "generated")
    page = out.files["parties/nikol-pashinyan.md"].decode()
    assert "prime minister of Armenia" in page  # the role the article gives, and whom he speaks for
    assert page.count("retreat") == 2  # his quote, from both briefings
    assert page.count("../briefings/") >= 2
    assert "(nikol-pashinyan.md)" in out.files["parties/index.md"].decode()
    briefing = out.files[f"briefings/{pages.article_slug(facts)}.md"].decode()
    assert '<a href="../../parties/nikol-pashinyan/">Nikol Pashinyan</a>' in briefing  # the parties table links him
    quiet, other = _facts(), _facts(title="Second day", article_id="a2", published="2020-10-12")
    quiet.quotes, other.quotes = [], []  # a person named but never speaking gets no page
    decide(quiet), decide(other)
    assert "parties/nikol-pashinyan.md" not in pages.render_site([quiet, other], env, "generated").files
    assert "Nikol Pashinyan · person" in pages.render_site([facts], env, "generated").files["parties/index.md"].decode()


def test_key_figures_put_money_something_is_done_with_and_people_an_event_befell_first():
    from generator.render.pages import key_figures
    figures = [{"text": "40", "what": "schools have signed up for the scheme"},
               {"text": "£200", "what": "handheld computers can be used as phones"},
               {"text": "More than 300", "what": "people were killed in the floods"},
               {"text": "£2bn", "what": "to be cut by the council from the schools budget"}]
    assert [f["text"] for f in key_figures(figures)] == ["£2bn", "More than 300", "40"]
