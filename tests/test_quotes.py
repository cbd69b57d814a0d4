"""Quotes and their speakers, on short news-style texts written for these tests."""
from __future__ import annotations

import pytest

from generator import nlp
from generator.extract import quotes
from generator.model import Party


def run(text: str, parties: list[Party] | None = None):
    doc = nlp.load()(text)
    return quotes.extract(doc, parties or [])


def find(found, words: str):
    hit = [q for q in found if words in q.text]
    assert hit, f"no quote holds {words!r}: {[q.text for q in found]}"
    return hit[0]


def test_direct_quote_speaker_after():
    text = "“We will not give up a single village,” Foreign Minister Anna Weller said on Monday."
    q = find(run(text), "single village")
    assert q.kind == "direct"
    assert q.speaker_name == "Anna Weller"
    assert q.cue == "said"


def test_offsets_index_the_text_and_outer_marks_are_dropped():
    text = "The talks stalled. “We will not give up a single village,” Anna Weller said."
    q = find(run(text), "single village")
    assert text[q.start:q.end].startswith("“") and text[q.start:q.end].endswith("”")
    assert q.text == "We will not give up a single village"


def test_speaker_before_with_colon_and_straight_marks():
    text = 'At a rally in Dover, Governor Tom Baird said: "This state will not be bullied. We stand together."'
    q = find(run(text), "bullied")
    assert q.kind == "direct"
    assert "Baird" in q.speaker_name
    assert "We stand together" in q.text


def test_quote_broken_by_attribution_is_one_quote():
    text = '"The border is closed," Mr Karlsson said. "Nobody will cross it tonight."'
    found = run(text)
    assert len(found) == 1
    assert "border is closed" in found[0].text and "Nobody will cross" in found[0].text
    assert found[0].text == "The border is closed … Nobody will cross it tonight."  # his words, not the "he said"
    assert text[found[0].start:found[0].end] == text  # the source link still spans all of it


def test_quote_reopened_in_next_paragraph_is_one_quote():
    text = ("Mayor Lena Hart spoke after the vote.\n\n"
            "“We asked for help and nobody came. We asked again.\n\n"
            "“Now we will build the wall ourselves,” Hart said.")
    found = run(text)
    q = find(found, "nobody came")
    assert "build the wall ourselves" in q.text
    assert "…" not in q.text  # nothing was left out between the paragraphs
    assert "Hart" in q.speaker_name


def test_mixed_quote_takes_the_whole_reported_statement():
    text = "Senator Paul Ostrander insisted that the plan had “failed every family in this state.”"
    q = find(run(text), "failed every family")
    assert q.kind == "mixed"
    assert q.text.startswith("that the plan had")
    assert q.cue == "insisted"
    assert "Ostrander" in q.speaker_name


def test_it_said_resolves_to_the_ministry_and_party():
    text = ("The Turkish foreign ministry said that the army had “shown its strength”. "
            "It said that Turkey would stand by Baku “at the table and on the battlefield”.")
    turkey = Party(id="turkey", name="Turkey", kind="country", mentions=[(4, 11), (101, 107)])
    found = run(text, [turkey])
    q = find(found, "battlefield")
    assert q.speaker_name.lower() == "the turkish foreign ministry"
    assert q.speaker == "turkey"


def test_pronoun_in_relative_clause_resolves_to_named_person():
    text = ("Armenia’s president Armen Sarkissian said Turkey had sent troops, "
            "which he described as “the bully of the region.”")
    q = find(run(text), "bully of the region")
    assert q.speaker_name == "Armen Sarkissian"


def test_short_name_gets_the_fullest_name_and_party_id():
    text = ("Russia’s foreign minister Sergei Lavrov hosted the talks. "
            "Mr Lavrov said that both sides had agreed to “begin substantive negotiations soon.”")
    lavrov = Party(id="sergei-lavrov", name="Sergei Lavrov", kind="person", mentions=[(26, 39)])
    q = find(run(text, [lavrov]), "substantive negotiations")
    assert q.speaker_name == "Sergei Lavrov"
    assert q.speaker == "sergei-lavrov"


def test_speaker_in_previous_sentence_with_colon():
    text = "President Ilham Aliyev spoke in Baku on Friday. He said:\n\n“We’ll get our lands back.”"
    q = find(run(text), "lands back")
    assert q.speaker_name == "Ilham Aliyev"


def test_guillemets_and_single_quotes_are_quotes():
    text = ("«We are ready to talk,» Minister Jean Dufour said. "
            "Ms Carla Benz replied: ‘Talks are not enough for us now.’")
    found = run(text)
    assert "Dufour" in find(found, "ready to talk").speaker_name
    assert "Benz" in find(found, "Talks are not enough").speaker_name


def test_apostrophes_are_not_quotes():
    text = "Azerbaijan’s army didn’t move, and the mayor’s office said nothing. It’s quiet."
    assert run(text) == []


def test_scare_quote_without_speaker_is_left_out():
    text = "The so-called “peace plan” was published on Tuesday in the capital."
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "",
    "   \n\n ",
    '"',
    '“Unclosed quote that never ends, said nobody',
    'He said ”backwards“ and "odd " marks" here."',
    "“Nested “inner” marks” are “odd",
    "‘ ’ ' ' “ ” « »",
])
def test_never_crashes_on_broken_marks(text):
    found = run(text)
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)


def test_segments_pair_marks_and_skip_apostrophes():
    text = "He said “don’t go” and then ‘Azerbaijan’s army’ left."
    segs = quotes.segments(text)
    assert [text[s.inner_start:s.inner_end] for s in segs] == ["don’t go", "Azerbaijan’s army"]


def test_inverted_attribution_and_signature_line():
    text = ('"We knew the dam would hold," said Maria Lopez, the regional engineer.\n\n'
            '"Rebuild every bridge before winter."\n\n- Governor Tom Baird.')
    found = run(text)
    assert "Lopez" in find(found, "dam would hold").speaker_name
    assert "Baird" in find(found, "Rebuild every bridge").speaker_name


def test_quoted_words_inside_markup_are_ignored():
    text = ('<tweet author="the city council" text="we are asking every family to leave the valley tonight">'
            'Storm coming</tweet> The mayor said nothing.')
    assert run(text) == []


def _parsed(tokens):
    """A doc with a parse given by hand: (text, space after, head index, dep, pos, lemma) per token."""
    from spacy.tokens import Doc
    doc = Doc(nlp.load().vocab, words=[t[0] for t in tokens], spaces=[t[1] for t in tokens],
              heads=[t[2] for t in tokens], deps=[t[3] for t in tokens], pos=[t[4] for t in tokens],
              lemmas=[t[5] for t in tokens], ents=["B-PERSON", "I-PERSON"] + ["O"] * (len(tokens) - 2))
    return doc


def test_quote_ending_a_sentence_is_not_hung_on_the_next_said():
    # the parser's slip: "called" hangs on the "said" of the next sentence
    doc = _parsed([
        ("Nora", True, 1, "compound", "PROPN", "Nora"), ("Lind", True, 2, "nsubj", "PROPN", "Lind"),
        ("spoke", False, 2, "ROOT", "VERB", "speak"), (".", True, 2, "punct", "PUNCT", "."),
        ("She", True, 5, "nsubj", "PRON", "she"), ("called", True, 19, "ccomp", "VERB", "call"),
        ("the", True, 7, "det", "DET", "the"), ("mayor", True, 5, "dobj", "NOUN", "mayor"),
        ("a", True, 11, "det", "DET", "a"), ("“", False, 11, "punct", "PUNCT", "“"),
        ("brave", True, 11, "amod", "ADJ", "brave"), ("person", False, 5, "oprd", "NOUN", "person"),
        (".", False, 5, "punct", "PUNCT", "."), ("”", True, 5, "punct", "PUNCT", "”"),
        ("“", False, 15, "punct", "PUNCT", "“"), ("Thanks", False, 19, "ccomp", "NOUN", "thanks"),
        (",", False, 19, "punct", "PUNCT", ","), ("”", True, 19, "punct", "PUNCT", "”"),
        ("she", True, 19, "nsubj", "PRON", "she"), ("said", False, 19, "ROOT", "VERB", "say"),
        (".", False, 19, "punct", "PUNCT", "."),
    ])
    q = find(quotes.extract(doc, []), "brave person")
    assert q.kind == "mixed"
    assert q.cue == "called"
    assert "mayor" in q.text and "Thanks" not in q.text
    assert "Lind" in q.speaker_name


def test_common_noun_speaker_keeps_whose_it_is():
    text = "A spokeswoman for the Harbor Workers Union said the offer was “an insult to every docker.”"
    q = find(run(text), "insult")
    assert q.speaker_name.startswith("A spokeswoman for the Harbor Workers Union")


def test_mixed_quote_goes_on_after_comma_and():
    text = ('Senator Ruth Adler said her state was watching the talks with "growing concern," and '
            'that farmers would not wait much longer.')
    q = find(run(text), "growing concern")
    assert "farmers would not wait" in q.text


@pytest.mark.parametrize("sentence, verb", [
    ("Mayor Lena Ortiz blamed the flooding on “years of neglect by the water board.”", "blamed"),
    ("Senator Paul Greer cited “a pattern of reckless spending” in the budget office.", "cited"),
    ("Governor Ruth Hale dismissed the report as “a partisan hit job from start to finish.”", "dismissed"),
])
def test_judgement_verbs_cue_mixed_quotes(sentence, verb):
    text = "The council met on Tuesday. " + sentence
    said = sentence.split("“")[1].split("”")[0].rstrip(".")
    q = find(run(text), said)
    assert q.kind == "mixed"
    assert q.cue == verb
    assert q.speaker_name and q.speaker_name.split()[-1] in sentence


def test_he_is_a_person_the_ner_missed_not_a_demonym_it_took_for_one():
    """The small model misses bare surnames ("Pashinyan announced") and tags demonyms as
    people; "he" must still find the person the parties extractor knows."""
    from spacy.tokens import Span

    from generator.extract import parties, places

    text = ("The accord was signed on Monday by Ghana's president Kwame Boateng and the leader of Togo. "
            "Ghanaian and Togolese troops are to stay where they are. "
            "Boateng announced the accord in a radio address on Tuesday. "
            "He described the decision as “very painful” for his country.")
    doc = nlp.load()(text)
    start = text.index("Togolese")
    togolese = doc.char_span(start, start + len("Togolese"))
    kept = [e for e in doc.ents if e.text not in ("Boateng", "Togolese")]  # the NER's two mistakes, made sure of
    doc.ents = sorted([*kept, Span(doc, togolese.start, togolese.end, label="PERSON")], key=lambda e: e.start)
    found = parties.extract(doc, places.extract(doc))
    q = find(quotes.extract(doc, found), "very painful")
    assert q.speaker == "kwame-boateng"
    assert q.speaker_name == "Kwame Boateng"


def test_a_second_reporting_verb_of_the_same_subject_is_the_cue():
    """'Okafor accused rebels of destroying the towns Nigeria had recovered and said he had not found
    “…”': the quote belongs to 'said', whose subject is the first verb's. The parse below is the one
    the small model gives such a sentence ('recovered' hung on 'accused' as a second verb), set by
    hand so that the test does not depend on the model's mood."""
    from spacy.tokens import Doc

    words = ("Speaking on Wednesday , Okafor accused rebels of destroying the towns Nigeria had recovered and said "
             "he had not found “ a single standing school ” when he visited Ogoja .").split()
    spaces = [w not in (",", "“") and nxt not in (",", ".", "”") for w, nxt in zip(words, words[1:] + [""])]
    spaces[words.index("“")] = False
    heads = [5, 0, 1, 5, 5, 5, 5, 5, 7, 10, 8, 10, 13, 5, 13, 13, 19, 19, 19, 15, 19, 24, 24, 24, 19, 24, 28, 28,
             19, 28, 5]
    deps = ("advcl prep pobj punct nsubj ROOT dobj prep pcomp det dobj appos aux conj cc conj nsubj aux neg ccomp "
            "punct det amod amod dobj punct advmod nsubj advcl dobj punct").split()
    pos = ("VERB ADP PROPN PUNCT PROPN VERB NOUN ADP VERB DET NOUN PROPN AUX VERB CCONJ VERB PRON AUX PART VERB "
           "PUNCT DET ADJ NOUN NOUN PUNCT SCONJ PRON VERB PROPN PUNCT").split()
    lemmas = ("speak on Wednesday , Okafor accuse rebel of destroy the town Nigeria have recover and say he have not "
              "find \" a single standing school \" when he visit Ogoja .").split()
    ents = ["O"] * len(words)
    ents[words.index("Okafor")] = "B-PERSON"
    ents[words.index("Nigeria")] = "B-GPE"
    doc = Doc(nlp.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              ents=ents)
    q = find(quotes.extract(doc, []), "single standing school")
    assert q.cue == "said"
    assert q.speaker_name == "Okafor"
    assert q.text.startswith("he had not found")


def test_a_time_stamp_or_dateline_is_not_the_speaker():
    found = run("The latest on the campaign.\n\n12:15 p.m.\n\nTom Baird says political correctness has run amok in "
                "the army, and “we’re going to get away from” that if he’s elected president.\n")
    assert find(found, "get away from").speaker_name == "Tom Baird"


def test_a_speaker_described_by_two_nouns_keeps_both():
    q = find(run("The former first lady and U.S. senator said it was “a mistake” to use private email."), "mistake")
    assert q.speaker_name == "The former first lady and U.S. senator"


def test_the_dateline_is_not_the_speakers_party():
    from generator.extract import parties, places

    text = ("LONDON (Reuters) - Tom Baird said he was unlikely to have a good relationship with Lena Hart because the "
            "Welsh first minister cast the mayoral candidate as “divisive, stupid and wrong” for proposing a ban on roads.")
    doc = nlp.load()(text)
    q = find(quotes.extract(doc, parties.extract(doc, places.extract(doc))), "good relationship")
    assert q.speaker == "tom-baird"  # not the United Kingdom, which the parser made the subject through "LONDON"


def test_the_speakers_party_is_the_person_named_not_their_country():
    from generator.extract import parties, places

    text = ("LOME — A rocket struck the port of Lome early on Sunday. Togo's president Faure Mensah wrote on Twitter "
            "that Ghana's political and military leadership bore responsibility and that his country would give a "
            "\"befitting reply\".")
    doc = nlp.load()(text)
    q = find(quotes.extract(doc, parties.extract(doc, places.extract(doc))), "befitting reply")
    assert (q.speaker, q.speaker_name) == ("faure-mensah", "Faure Mensah")  # was Togo, under his name


def test_a_mixed_quote_told_to_a_programme_starts_with_the_statement():
    text = ("Bill Cash said there was still disquiet. He told BBC Radio 4's Today the government was "
            "\"intensely authoritarian\" and was creating \"increasingly a Big Brother society\".")
    q = find(run(text), "intensely authoritarian")
    assert q.text.startswith("the government was") and "Cash" in q.speaker_name


def test_a_mixed_quote_told_to_a_named_outlet_starts_after_it():
    text = ("Geoff Brooks, a senior member of the Quorn hunt, told BBC News people's lives \"revolved around "
            "hunting\". He said the ban would be hard to defy.")
    q = find(run(text), "revolved around hunting")
    assert q.text.startswith("people's lives") and "Brooks" in q.speaker_name


def test_unframed_quote_after_a_reporting_sentence_is_that_subjects():
    text = ("“We need more time,” Tom Baird said.\n\n"
            "His rival, Ann Lee, dismissed the plan on Monday. “It is a bad deal for the town.”")
    assert find(run(text), "bad deal").speaker_name == "Ann Lee"


def test_unframed_quote_after_a_quoting_sentence_is_not_reframed():
    text = ("Tom Baird spoke first.\n\n"
            "Ann Lee called the plan “a gift to developers” on Monday. “I will vote against it,” Baird said.")
    assert find(run(text), "vote against").speaker_name == "Tom Baird"


def test_signature_after_a_no_break_space_names_the_speaker():
    text = ("Readers wrote in about the new bridge.\n"
            "“It took ten years and it is still too narrow for the buses we need.”\u00a0― Maria Okafor\n"
            "“We waited long enough and now the town finally feels connected again.”\u00a0― Peter Lindqvist\n")
    assert find(run(text), "feels connected").speaker_name == "Peter Lindqvist"


def test_of_two_subjects_the_parser_gives_a_verb_the_nearest_is_the_speaker():
    """A place before the speaker taken for a second subject ("in Dover, Ohio, Tom Baird said"),
    with the parse given by hand, as the parser makes it only now and then."""
    from spacy.tokens import Doc
    words = ["In", "Dover", ",", "Ohio", ",", "Tom", "Baird", "said", "no", "."]
    heads = [7, 0, 7, 7, 7, 6, 7, 7, 7, 7]
    deps = ["prep", "pobj", "punct", "nsubj", "punct", "compound", "nsubj", "ROOT", "dobj", "punct"]
    doc = Doc(nlp.load().vocab, words=words, heads=heads, deps=deps)
    assert quotes._subjects(doc[7])[0].text == "Baird"


def test_a_title_in_quote_marks_is_not_a_quote():
    text = ("“How Small Towns Can Win the Future,” the new book by Ann Lee, came out on Monday. "
            "“It took me ten years to write, and I would do it again,” she said.")
    found = run(text)
    assert not [q for q in found if "Small Towns" in q.text]
    assert find(found, "ten years").speaker_name == "Ann Lee"


def test_a_participle_on_a_reported_clause_is_the_reporters():
    text = "Ann Lee argued that a new road would keep traffic out of the town centre, saying it is “long overdue.”"
    assert find(run(text), "long overdue").speaker_name == "Ann Lee"


def test_a_participle_after_the_main_clause_takes_its_subject():
    text = ("Here in Dover, Tom Baird stepped up his attacks on the council, saying, "
            "“We will not let them close the hospital.”")
    assert find(run(text), "close the hospital").speaker_name == "Tom Baird"


def test_a_title_alone_is_the_person_the_article_names_for_it():
    costa = Party("maria-costa", "Maria Costa", "person", role="president")
    brandt = Party("leo-brandt", "Leo Brandt", "person", role="vice president")
    text = ("President Maria Costa and Vice President Leo Brandt met on Monday.\n\n"
            "“Nothing prepares you for this office,” the two-term president said.\n\n"
            "“We will finish the work we started,” the vice president said.")
    found = run(text, [costa, brandt])
    first, second = find(found, "Nothing prepares"), find(found, "finish the work")
    assert (first.speaker, first.speaker_name) == ("maria-costa", "the two-term president")
    assert second.speaker == "leo-brandt"


def test_a_reporting_verb_in_a_clause_of_the_frame_is_not_the_frame():
    text = ("“Great reporter, great reporter this guy,” Baird, the mayor of Dover and the favourite in the polls, "
            "said when Lee asked him a question.")
    assert find(run(text), "this guy").speaker_name == "Baird"


def test_whose_an_unnamed_speaker_is_survives_a_clause_on_it():
    text = ("“Her plan for the port is about twenty years out of date,” said a longtime adviser to Ann Lee, "
            "who declined to be identified because the talks with the council were still going on.")
    assert find(run(text), "twenty years").speaker_name == "a longtime adviser to Ann Lee"


def test_who_was_told_is_not_part_of_what_was_said():
    text = "Ann Lee told a packed meeting in the town hall on Monday that the new road was “long overdue.”"
    q = find(run(text), "long overdue")
    assert q.kind == "mixed" and q.text.startswith("that the new road")


def test_a_full_stop_before_a_lower_case_word_does_not_end_the_attribution():
    text = ("“The vote is close,” Tom Baird said.\n\n"
            "“We will win this seat. Not narrowly, easily,” Rep. Ann Lee (D-Md.) said in a phone interview.")
    assert find(run(text), "win this seat").speaker_name == "Ann Lee"


def test_an_opening_mark_typed_where_a_quote_closes_closes_it():
    text = ("“The vote is close,” Tom Baird said.\n\n"
            "“It is unusual,“ said Ann Lee, a lawyer in Dover. “It is a hard thing to pull off.”")
    q = find(run(text), "is unusual")
    assert q.speaker_name == "Ann Lee" and "said" not in q.text and not q.text.startswith("“")


def test_a_title_does_not_take_over_the_speaker_of_the_next_quote():
    text = ("“We are not ready, and the council knows it,” Ann Lee said. The radio show is called “Morning With Max.” "
            "“I mean, nobody on the council has seen the full plan for the new bridge yet.”")
    assert find(run(text), "full plan").speaker_name == "Ann Lee"


def test_a_statement_before_its_verb_runs_to_the_end_of_its_clause():
    text = "The harvest left farmers \"deeply worried\" about their debts for the coming winter, Mayor Ann Lee said."
    q = find(run(text), "deeply worried")
    assert q.kind == "mixed" and q.speaker_name == "Ann Lee"
    assert q.text == "The harvest left farmers \"deeply worried\" about their debts for the coming winter"


def test_quoted_words_in_who_speaks_or_in_an_adjunct_before_the_verb_are_not_said():
    assert run("Dan Cole, the author of \"a plain guide to the harbour,\" said the port was safe.") == []
    assert run("In a speech to the \"Friends of the River\" group, the senator said the dam would be built.") == []


def test_an_attribution_opening_a_sentence_of_its_own_starts_a_new_quote():
    text = ("“The bridge will open in May,” Ann Lee said on Monday. “Nobody will pay a toll on it.” "
            "She added, “The ferry will keep running for those who want it.”")
    found = run(text)
    assert len(found) == 2
    assert "ferry" not in find(found, "toll").text and find(found, "ferry").speaker_name == "Ann Lee"


def test_a_statement_broken_by_its_attribution_goes_on_in_the_quote_after_it():
    text = "The mayor “apologized twice on the radio,” Tom Baird said. “It is time for the council to move on.”"
    found = run(text)
    assert len(found) == 1
    assert "apologized twice" in found[0].text and "council to move on" in found[0].text
    assert found[0].speaker_name == "Tom Baird"


def test_a_quote_paragraph_without_attribution_goes_on_with_the_quote_attributed_before_it():
    text = ("“We will not close the harbour this winter,” Ann Lee told reporters on Monday.\n\n"
            "“The boats need it, and the town needs the boats.”\n\n"
            "“It is a bad plan,” Tom Baird said.\n\n"
            "“The harbour loses money every year,” he said, “and the council knows it.”")
    found = run(text)
    q = find(found, "close the harbour")
    assert "the town needs the boats" in q.text and q.speaker_name == "Ann Lee"
    assert "bad plan" not in q.text and "loses money" not in find(found, "bad plan").text


def test_who_was_urged_is_not_part_of_what_was_urged():
    q = find(run("Mayor Ann Lee urged the farmers at the market in Dover to “stay calm and keep selling.”"), "stay calm")
    assert q.kind == "mixed" and q.text.startswith("to “stay calm") and q.speaker_name == "Ann Lee"


def test_a_source_named_after_a_dash_and_before_a_colon_speaks_the_quote():
    text = "Tom Baird says the polls were wrong - Ann Lee: “The surveys ended too soon to see the late swing.”"
    assert find(run(text), "late swing").speaker_name == "Ann Lee"  # not Baird, who says something else


def test_a_preposition_the_parser_takes_for_the_subject_gives_way_to_its_noun():
    text = "Of Carson, Levine, who has given money to the party, said, “He is a decent man but he is not ready to lead.”"
    assert find(run(text), "decent man").speaker_name == "Levine"


def test_a_statement_opening_a_paragraph_is_spoken_by_who_reports_speech_at_the_end_of_the_one_before():
    text = ("“The plan for the harbour is fine,” Tom Baird said.\n\n"
            "Ann Lee responded by pointing at the map, saying the council had ignored the farmers.\n\n"
            "“We have never been asked what we need for the harbour, not once in ten years.”")
    assert find(run(text), "never been asked").speaker_name == "Ann Lee"  # not the last one quoted


def test_a_second_reporting_verb_after_the_quoted_words_is_the_reporters():
    q = find(run('In a statement, the Harbor Workers Union said the cuts were "cruel", and called for a vote.'),
             "cruel")
    assert "called for a vote" not in q.text  # what the union did, not what it said
    kept = find(run('Anna Weller said the plan was "a mess from the start", and that it would fail.'), "mess")
    assert "it would fail" in kept.text  # "and that ...": still what she said


def test_a_possessive_speaking_through_a_noun_is_whom_its_pronoun_stands_for():
    text = ('Tom Varga spoke to farmers in Leeds on Monday. His claim that the plan would "ruin every farm in '
            'the county" was rejected by the council.')
    q = find(run(text), "ruin every farm")
    assert q.speaker_name == "Tom Varga"  # not "His"


def test_a_comma_inside_the_closing_marks_then_another_reporting_verb_ends_a_mixed_quote():
    q = find(run('Tom Varga said that he has “expanded the Green Party,” claiming that he is responsible for '
                 'higher turnout in the north.'), "expanded")
    assert "claiming" not in q.text  # the reporter's account of a second claim, not these words
    kept = find(run('Anna Weller said the plan was “a mess from the start,” and that it would fail.'), "mess")
    assert "it would fail" in kept.text  # "and that ...": still what she said
