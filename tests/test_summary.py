"""Extractive summaries, on short news-style texts written for these tests."""
from __future__ import annotations

from generator import nlp
from generator.extract import sentences, summary


def run(text: str, **kw) -> list[str]:
    doc = nlp.load()(text)
    return [text[s:e] for s, e in summary.extract(doc, sentences.split(doc), **kw)]


STORY = (
    "Floodwaters swept through three villages in the river valley overnight, forcing hundreds of families from their homes. "
    "Rescue teams in boats pulled residents from rooftops as the water kept rising on Tuesday morning. "
    "The regional governor declared a state of emergency and asked the army to send helicopters. "
    "Forecasters warned that more heavy rain was expected over the hills before the weekend. "
    "Farmers said the harvest in the lowlands had been lost to the water. "
    "Schools across the district will stay closed until the roads are cleared."
)


def test_three_to_five_sentences_in_article_order():
    out = run(STORY)
    assert 3 <= len(out) <= 5
    positions = [STORY.index(s) for s in out]
    assert positions == sorted(positions)
    assert out[0].startswith("Floodwaters swept")


def test_offsets_are_whole_sentences_of_the_text():
    for s in run(STORY):
        assert s in STORY and s.endswith(".")


def test_dateline_is_cut_from_the_lead():
    text = ("Riverton, Kelland (CNN)Floodwaters swept through three villages overnight, forcing families out. "
            + STORY.split(". ", 1)[1])
    out = run(text)
    assert out[0].startswith("Floodwaters swept")


def test_repeated_sentence_and_caption_are_skipped():
    lead = "Floodwaters swept through three villages in the river valley overnight, forcing hundreds of families from their homes."
    text = (lead + " " + lead + " Scroll down for video Stranded: A family waits on a roof (pictured) for rescue "
            "Rescue teams in boats pulled residents from rooftops as the water kept rising on Tuesday. "
            "The regional governor declared a state of emergency and asked the army to send helicopters. "
            "Forecasters warned that more heavy rain was expected over the hills before the weekend.")
    out = run(text)
    assert sum(lead in s for s in out) == 1
    assert not any("pictured" in s for s in out)
    assert len(out) >= 3


def test_headline_line_without_full_stop_is_not_content():
    text = "Valley floods force hundreds out\n" + STORY
    out = run(text)
    assert not any(s.startswith("Valley floods") for s in out)


def test_short_article_gives_what_it_has():
    text = "The bridge reopened on Friday after two weeks of repairs by city engineers."
    assert run(text) == [text]
