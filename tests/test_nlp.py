"""nlp.parse keeps each article's text on its Doc, so extractors never rebuild Doc.text."""
from generator import nlp

TEXTS = [
    "Officials in Yerevan said on Monday that talks would resume.\n\nThe ministry gave no date.",
    "  Leading spaces,\ttabs and a line break\nstay as they were  ",
    "\u201cWe will not leave,\u201d the mayor said. Prices rose 3.5% in May.",
]


def test_parse_keeps_the_input_text():
    docs = list(nlp.parse(iter(TEXTS)))
    assert len(docs) == len(TEXTS)
    for text, doc in zip(TEXTS, docs):
        assert doc.user_data["briefing:text"] == text
        assert nlp.text_of(doc) == doc.text == text


def test_text_of_builds_the_text_for_docs_made_elsewhere():
    doc = nlp.load()(TEXTS[0])
    assert "briefing:text" not in doc.user_data
    assert nlp.text_of(doc) == TEXTS[0]
    assert doc.user_data["briefing:text"] == TEXTS[0]


def test_a_title_line_and_a_blank_line_end_a_sentence_but_a_wrapped_line_does_not():
    pipeline = nlp.load()
    doc = pipeline("Blair rejects Tory terror offer\nTony Blair has rejected a Conservative compromise offer.")
    assert [s.text.strip() for s in doc.sents][0] == "Blair rejects Tory terror offer"
    doc = pipeline("Talks resume\n\nThe two sides met again on Monday.")
    assert [s.text.strip() for s in doc.sents][0] == "Talks resume"
    doc = pipeline("The ministers met in a hotel that was\nclosed to the press. They left at noon.")
    assert [s.text.strip() for s in doc.sents][0].endswith("closed to the press.")


def test_the_layout_is_found_once_and_kept_on_the_doc_even_from_other_processes():
    texts = ["Ceasefire holds in Karabakh\nBaku, Azerbaijan (AP) -- The truce held on Monday. Both sides agreed.",
             "The truce held on Monday, officials said. Both sides agreed.\nTalks resume today. More later."]
    for doc in list(nlp.parse(iter(texts), workers=2)):  # Docs come back from the worker processes
        assert doc.user_data[nlp.LAYOUT] is not None
    first, second = (nlp.layout_of(doc) for doc in nlp.parse(iter(texts)))
    headline, body = texts[0].split("\n")
    assert first.headline_end == len(headline) and nlp.title_end(nlp.load()(texts[0])) == len(headline)
    assert texts[0][first.dateline[1]:].startswith("The truce") and texts[0][first.dateline[0]:].startswith("Baku")
    assert texts[0][:first.lead_end].endswith("Monday. ")  # the headline and the first sentence
    assert second.headline_end == 0 and second.dateline is None  # a first line of sentences is no title ...
    assert texts[1][:second.lead_end].endswith("today. ")  # ... but the lead still runs past it
