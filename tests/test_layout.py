"""The layout component: an article's headline, byline, dateline, lead and the end of its own text, found
once (nlp.find_layout, kept on the Doc) and read by every extractor. The texts are written for these tests."""
from __future__ import annotations

import datetime as dt

from generator import nlp
from generator.model import Article


def parts(text: str) -> dict[str, str | None]:
    found = nlp.find_layout(text)
    def cut(spot):
        return text[spot[0]:spot[1]] if spot else None
    return {"headline": text[:found.headline_end] or None, "dateline": cut(found.dateline),
            "place": cut(found.dateline_place), "byline": cut(found.byline), "rest": text[found.text_end:] or None}


def test_a_short_first_line_without_a_full_stop_is_the_headline():
    assert parts("Ferry strike ends after two weeks\nThe crews went back on Monday.")["headline"] == \
        "Ferry strike ends after two weeks"
    assert parts("The crews went back on Monday.\nThe ferries sailed.")["headline"] is None
    assert parts("HULL — The crews went back to work on\nMonday after two weeks.")["headline"] is None  # wrapped


def test_datelines_of_a_wire_a_place_a_press_release_and_a_colon():
    for text, dateline, place in (
            ("Harbour reopens\nPortmere, Kelland (AP) -- The harbour reopened on Monday.", "Portmere, Kelland (AP) -- ",
             "Portmere"),
            ("LONDON (Reuters) - Tom Baird said he would stand.", "LONDON (Reuters) - ", "LONDON"),
            ("Harbour reopens\n\nNAIROBI — Kenya and Uganda agreed to reopen it.", "NAIROBI — ", "NAIROBI"),
            ("Geneva, Switzerland - The talks ended.", "Geneva, Switzerland - ", "Geneva"),
            ("BRANTLEY, Ohio--( )--Corvane, a maker of pumps, said it had grown.", "BRANTLEY, Ohio--( )--", "BRANTLEY"),
            ("Muscat: The summit opened on Monday. The talks went on late.", "Muscat: ", "Muscat"),
            ("ST. ALBANS – The council met.", "ST. ALBANS – ", "ST. ALBANS"),
            ("Harbour reopens.\nAfter two weeks, the ferries sail again.\nHULL — The crews went back.", "HULL — ", "HULL")):
        found = parts(text)
        assert (found["dateline"], found["place"]) == (dateline, place), text
    # a headline with a colon, a name and a dash in the body, a place deep in the text: no dateline
    # and no datelines: headlines with a colon, a name or a place before an aside between dashes
    for text in ("Karabakh: the truce holds\nThe guns fell silent.", "Baird: Lee must act on the harbour now.\n\nTom "
                 "Baird said so.", "Baird: Lee Must Act On The Harbour. Now\nTom Baird said so.",
                 "Tom Baird said - loudly - that he would stand.", "Harbour reopens\nTom Baird - who resigned - spoke.",
                 "Harbour reopens\nKelland - a small country - has reopened its harbour.",
                 "HARRIS: Ann Lee and Tom Baird, from the parks service, on the shore. Picture: Harbour Trust"):
        assert parts(text)["dateline"] is None, text
    assert parts("One.\n\nTwo.\n\nThree.\n\nFour.\n\nMOSCOW — Talks began.")["dateline"] is None


def test_a_byline_on_a_line_of_its_own():
    assert parts("Ferry strike ends\nBy Ann Lee\nThe crews went back.")["byline"] == "By Ann Lee"
    assert parts("By Ann Lee and Tom Baird\nThe crews went back.")["byline"] == "By Ann Lee and Tom Baird"
    found = parts("Ferry strike ends\n\nAnn Lee, Transport correspondent\n\nHULL — The crews went back.")
    assert found["byline"] == "Ann Lee, Transport correspondent" and found["dateline"] == "HULL — "
    assert nlp.find_layout("By Ann Lee\nThe crews went back.").headline_end == 0  # a byline is no headline
    doc = nlp.load()("Ferry strike ends\nAnn Lee, Transport correspondent\nThe crews went back on Monday.")
    assert [s.text.strip() for s in doc.sents][1] == "Ann Lee, Transport correspondent"  # a sentence of its own
    # "by" in a sentence, a name with a town: no byline
    assert parts("Ferry strike ends\nThe crews were led by Ann Lee.")["byline"] is None
    assert parts("Ferry strike ends\nAnn Lee, Hull\nThe crews went back.")["byline"] is None


BODY = ("Ferry strike ends\n\nThe crews went back to work on Monday after two weeks. The union said the deal was fair.\n\n"
        "Ann Lee, the union's leader, said: \"We won.\"\n\n")


def test_the_text_ends_where_the_readers_comments_or_the_page_furniture_begin():
    assert parts(BODY + "Have your say\n\nI think the crews were right.")["rest"] == \
        "Have your say\n\nI think the crews were right."
    assert parts(BODY + "A selection of your comments:\nGood.")["rest"] == "A selection of your comments:\nGood."
    assert parts(BODY + "E-mail this to a friend\n")["rest"] == "E-mail this to a friend\n"
    comments = "They were right to strike.\nTom Baird, Hull, UK\n\nThe fares will rise now.\nJo Kerr, York\n"
    assert parts(BODY + comments)["rest"] == comments  # signed by readers: what they sign is theirs
    # one signature-like line, a long sentence opening with the words, a name and a role: the article's text
    for tail in ("They were right.\nTom Baird, Hull, UK\n",
                 "Your comments on the deal, the minister said, would be read before any decision was taken next week.\n",
                 "Tom Baird, Hull\n\nAnn Lee, union leader\n"):
        assert parts(BODY + tail)["rest"] is None, tail
    assert parts("Have your say\nThe crews went back.")["rest"] is None  # only after the lead


def test_the_doc_stops_at_the_end_of_the_text_so_that_no_extractor_reads_the_comments(facts_of):
    text = BODY + "Have your say\n\nTom Baird said the crews were wrong. \"They let us down,\" he said in Hull."
    doc = next(nlp.parse(iter([text])))
    end = nlp.layout_of(doc).text_end
    assert text[end:].startswith("Have your say") and doc.text == nlp.text_of(doc) == text[:end]
    assert not any("Tom Baird" in e.text or "Hull" in e.text for e in doc.ents)
    facts = facts_of(text)
    assert not any(p.name == "Tom Baird" for p in facts.parties)
    assert not any("let us down" in q.text for q in facts.quotes) and not any(p.name == "Hull" for p in facts.places)


def test_the_byline_is_no_party_and_no_actor_of_the_story(facts_of):
    from generator import stories

    text = "Ferry strike ends\nBy Ann Lee\n\nThe crews went back to work on Monday, Tom Baird said."
    assert not any(p.name == "Ann Lee" for p in facts_of(text).parties)
    doc = nlp.load()(text)
    article = Article(id="t", title="Ferry strike ends", text=text, published=dt.date(2024, 5, 6))
    lead = stories.features_from_doc(doc, article).lead
    assert "who:tom baird" in lead and "who:ann lee" not in lead


def test_the_dateline_and_the_byline_are_read_past_by_the_summary(facts_of):
    for text in ("Geneva, Switzerland - Kenya and Uganda agreed on Friday to reopen the border crossing for trade.",
                 "Border reopens\nBy Ann Lee\nThe two countries agreed on Friday to reopen the border crossing for trade."):
        facts = facts_of(text)
        assert text[facts.summary[0][0]:].startswith(("Kenya and Uganda agreed", "The two countries agreed")), text
