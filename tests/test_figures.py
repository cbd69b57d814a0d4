"""Figures and what they count, on short news-style texts written for these tests."""
from __future__ import annotations

from generator import nlp
from generator.extract import figures


def run(text: str):
    return figures.extract(nlp.load()(text))


def by_text(text: str):
    return {f.text: f for f in run(text)}


def test_counted_people_with_verb():
    found = by_text("The earthquake in 2019 killed 4,500 people and left the coastal towns in ruins.")
    f = found["4,500"]
    assert f.value == 4500
    assert f.what == "people killed by the earthquake"
    assert "2019" not in found


def test_vague_amounts_have_lower_bound_values():
    found = by_text("The shelling has killed hundreds and displaced tens of thousands of people since spring, "
                    "and dozens of schools have closed.")
    assert found["hundreds"].value == 100
    assert found["tens of thousands"].value == 10000
    assert found["tens of thousands"].what == "people displaced by the shelling"
    assert found["dozens"].value == 12 and "schools" in found["dozens"].what


def test_durations_that_count_something():
    found = by_text("Negotiators emerged after 14 hours of talks, ending six days of fighting.")
    assert found["14 hours"].what == "hours of talks"
    assert found["six days"].what == "days of fighting ended" and found["six days"].value == 6


def test_money_and_percent():
    found = by_text("The government pledged $2.5 billion in aid, and prices rose 18 per cent in a month.")
    assert found["$2.5 billion"].value == 2.5e9
    assert found["$2.5 billion"].what == "in aid pledged by the government" and found["$2.5 billion"].shown
    assert found["18 per cent"].what == "rise in prices" and found["18 per cent"].shown


def test_money_counts_what_it_pays_for():
    found = by_text("The state forced the sale to enforce a $27bn back tax bill it says the company owes.")
    assert found["$27bn"].value == 27e9 and found["$27bn"].what == "tax bill to be enforced by the state"


def test_times_ages_scores_and_ordinals_are_skipped():
    text = ("Talks ended at 4am, said Lena Ortiz, 61, after the home side won 2-1 in the first match. "
            "She was a 14-time champion.")
    found = run(text)
    assert found == [], [(f.text, f.what) for f in found]


def test_offsets_index_the_text():
    text = "Nearly 700 families have fled the district, officials said."
    [f] = run(text)
    assert text[f.start:f.end] == f.text and f.value == 700


def test_value_of_words_and_scales():
    assert figures.value_of("three") == 3
    assert figures.value_of("twenty-five") == 25
    assert figures.value_of("£4.2m") == 4_200_000
    assert figures.value_of("a few") is None
    assert figures.value_of("hundreds of thousands") == 100_000


def test_names_keep_their_capitals_and_only_one_is_not_a_figure():
    found = by_text("Moscow will send some 1,960 Russian peacekeepers to the region. "
                    "Officials said only one narrow road led out of the valley.")
    assert found["some 1,960"].what == "Russian peacekeepers to be sent by Moscow to the region"
    assert not any("one" in text for text in found)


def shown(text: str):
    return {f.text: f for f in run(text) if f.shown}


def test_a_small_count_needs_a_verb_that_makes_it_an_event():
    found = shown("The mayor, who owns two dogs, met with three Dutch envoys. Four soldiers were killed at the border.")
    assert "two" not in found and "three" not in found
    assert found["Four"].what == "soldiers were killed at the border"
    hidden = {f.text: f for f in run("The mayor, who owns two dogs, met with three Dutch envoys.")}
    assert hidden["three"].shown is False and hidden["three"].why == "a small count"


def test_a_percentage_needs_what_it_measures():
    found = shown("Unemployment stood at 7%. Exports have fallen by 12% since June, and the firm holds 40% of "
                  "the local market.")
    assert "7%" not in found
    assert found["12%"].what == "fall in exports"
    assert found["40%"].what == "of local market held by the firm"


def test_money_keeps_its_scale_and_its_conversion_is_not_a_second_figure():
    found = run("The company repaid a $900m (£479m) loan and bought the mill for $5m.")
    by = {f.text: f for f in found}
    assert by["$900m"].shown and by["$900m"].what == "loan repaid by the company"
    assert "£479m" in by and not by["£479m"].shown
    assert not by["$5m"].shown and by["$5m"].why == "nothing it counts"


def test_names_multipliers_and_ratios_are_not_counts():
    found = shown("The film has an 18 certificate. Agent 007 returns. One in five voters said the system "
                  "worked eight times faster.")
    assert found == {}, [(f.text, f.what) for f in found.values()]


def test_a_lone_verb_is_not_a_label_unless_the_count_is_of_people():
    found = shown("The shelling killed hundreds. The firm says more than 12,000 are added daily.")
    assert found["hundreds"].what == "killed by the shelling"
    assert "more than 12,000" not in found


def test_the_same_figure_told_twice_is_shown_once():
    found = run("Some 5,000 refugees crossed the river on Monday. Aid workers said 5,000 refugees crossed it.")
    assert [f.shown for f in found] == [True, False] and found[1].why == "told before"


def test_the_source_of_a_figure_is_who_the_article_says_claims_it():
    found = shown("At least 40 civilians were killed, the health ministry said. According to local officials, "
                  "300 homes were destroyed. The president, who said he was shocked, visited 12 villages "
                  "where 60 houses burned.")
    assert found["At least 40"].source == "the health ministry"
    assert found["300"].source == "local officials"
    assert found["12"].source == "" and found["60"].source == ""


def test_a_change_names_what_changes_and_a_name_with_a_number_is_not_a_count():
    found = shown("Profits showed a 9% fall in sales and a 12% jump. Old Commodore 64 owners met, and millions of "
                  "fans watched nothing. The average crowd was 70,000 people.")
    assert found["9%"].what == "fall in sales"
    assert set(found) == {"9%"}, [(f.text, f.what) for f in found.values()]


def test_money_with_what_is_done_with_it_and_counts_of_staff_and_cuts_to_something():
    shown = {f.text: f.what for f in figures.extract(nlp.load()(
        "The plan would save £7m a year, the minister said. The shake-up aims at £40m in efficiency savings. "
        "An extra £30m was promised on Monday. The ministry has about 4,200 UK-based staff. "
        "She won the seat with a 5,120 majority. Its target of a 15% cut to carbon emissions will be missed. "
        "The firm took £11m."))
        if f.shown}
    assert shown.get("£7m") == "would be saved a year by the plan" and "£30m" not in shown  # "promised" alone
    assert shown.get("£40m") == "in efficiency savings"
    assert shown.get("about 4,200") == "UK-based staff" and "5,120" not in shown  # "majority" alone
    assert shown.get("15%") == "cut to carbon emissions"
    assert "£11m" not in shown  # taken: an amount of nothing named


def test_an_amount_spent_cut_or_offered_says_what_is_done_with_it_by_whom_and_to_what():
    found = shown("The council will cut £2bn from the schools budget, officials said. Finance minister Aled Morgan "
                  "has offered £640m to a regional flood fund. The Treasury plans to spend £1.2bn on new prisons.")
    assert found["£2bn"].what == "to be cut by the council from the schools budget"
    assert found["£2bn"].source == "officials"
    assert found["£640m"].what == "offered by Finance minister Aled Morgan to a regional flood fund"
    assert found["£1.2bn"].what == "to be spent by the Treasury on new prisons"


def test_an_amount_the_ner_leaves_untagged_is_found_by_its_currency_sign():
    found = shown("Labour says the Tories would slash £18bn from public services.")
    assert found["£18bn"].what == "would be slashed by the Tories from public services"
    assert found["£18bn"].source == "Labour"


def test_a_count_is_shown_with_its_verb_as_written_negation_and_all():
    found = shown("More than 9,000 of its voters were not registered, the council said. Officials said a total "
                  "of 48,210 ballots have been counted. Some 30,000 people were killed in the 1994 war.")
    assert found["More than 9,000"].what == "of its voters were not registered"
    assert found["48,210"].what == "ballots have been counted"
    assert found["Some 30,000"].what == "people were killed in the 1994 war"


def test_a_percentage_says_what_it_is_of_and_what_is_said_of_that():
    found = shown("A survey found that 58% of small firms are now selling online.")
    assert found["58%"].what == "of small firms are now selling online"


def test_a_count_the_object_of_a_verb_reads_as_done_to_it():
    found = shown("The new government will axe 140 agencies. The businessman made a £3m donation to the Green Party.")
    assert found["140"].what == "agencies to be axed by the new government"
    assert found["£3m"].what == "donation to the Green Party"


def test_a_bare_noun_or_lone_verb_is_too_thin_to_show():
    found = run("The candidate won with 12,340 votes. The union has 900,000 members. An extra £45m was promised.")
    assert [(f.text, f.shown, f.why) for f in found] == [("12,340", False, "a thin label"),
                                                         ("900,000", False, "a thin label"),
                                                         ("£45m", False, "a thin label")]


def test_an_amount_told_twice_is_one_figure():
    found = run("Ministers pledged £45m for rural buses on Monday. The £45m will be spent on new routes.")
    assert [f.shown for f in found] == [True, False] and found[1].why == "told before"


def test_ratios_time_frames_ordinals_phone_and_law_numbers_and_a_speakers_own_are_not_figures():
    found = shown("About four out of 20 nurses work nights. More than 40% of offenders are reconvicted within two "
                  "years of release. \"I have lost four years of my life,\" said the farmer. The 1,000th visitor "
                  "arrived. Callers can ring 0800 555 0199. The UN passed Resolution 1441 under Article 50.")
    assert set(found) == {"More than 40%"}, [(f.text, f.what) for f in found.values()]
    assert found["More than 40%"].what == "of offenders are reconvicted"


def test_what_a_counted_group_said_is_part_of_the_label_and_a_number_is_no_source():
    found = shown("And 64% of the 2,000 voters polled by Orbis said ministers had not kept their word.")
    assert found["64%"].what == "of voters polled by Orbis said ministers had not kept their word"
    assert found["2,000"].source == ""  # the subject of "said" is the 64%, not someone who claims the 2,000


def test_a_measure_is_not_told_as_something_done_to_the_amount_and_a_plan_keeps_its_maker():
    found = shown("It could cost £60m to hold a regional poll. Mayor Ruth Adeyemi is set to address 3,000 "
                  "farmers at the county show.")
    assert found["£60m"].what == "cost to hold a regional poll"
    assert found["3,000"].what == "farmers to be addressed by Mayor Ruth Adeyemi at the county show"


def test_who_is_urged_to_spend_is_who_spends_and_a_source_keeps_its_whole_name():
    found = shown("The minister urged councils to spend £40m on new libraries. Ms Okafor has called on rich nations "
                  "to fund a £2bn plan to fight malaria. A National Rivers Trust report on the 30 dirtiest rivers "
                  "says 4,000 homes were flooded.")
    assert found["£40m"].what == "to be spent by councils on new libraries"
    assert found["£2bn"].what == "plan to fight malaria to be funded by rich nations"
    assert found["4,000"].source == "a National Rivers Trust report"


def test_a_complement_the_parser_makes_of_punctuation_does_not_stop_the_article():
    found = run("They cite the 2004 ballot in Texas, when the state wrongly said that about 8,000 registered "
                "voters were ex-cons and then purged them from the rolls.")
    assert [f.text for f in found] == ["about 8,000"] and "registered voters" in found[0].what


def test_a_scale_word_the_parser_took_for_a_noun_still_counts_what_follows():
    f = by_text("Across England, about 1.7m people are on hospital waiting lists.")["about 1.7m"]
    assert f.value == 1.7e6 and f.shown and f.what.startswith("people are on"), (f.what, f.why)


def test_a_figure_that_opens_the_text_is_no_amount_of_money_without_a_currency():
    f = by_text("About 1.7m people are on hospital waiting lists.")["About 1.7m"]
    assert f.shown and f.what.startswith("people"), (f.what, f.why)


def test_fractions_of_a_scale_word():
    assert figures.value_of("Half a million") == 500_000
    assert figures.value_of("one and a half million") == 1_500_000
    assert figures.value_of("a quarter of a million") == 250_000
    assert figures.value_of("two and a half thousand") == 2_500


def test_an_amount_with_its_currency_written_after_it_is_money():
    found = by_text("The new bypass will cost 4.2m pounds over three years, the county council said.")
    f = found["4.2m pounds"]
    assert f.value == 4.2e6 and f.shown, f.why
    assert "bypass" in f.what and f.source == "the county council"


def test_a_verb_that_attributes_only_with_at_does_not_make_its_subject_a_source():
    found = by_text("The factory closure puts 3,500 jobs at risk, the unions warned.")
    assert found["3,500"].source == "the unions"
    found = by_text("Local officials put the number of homes destroyed at 450 after the storm.")
    assert all(f.source in ("", "local officials") for f in found.values())


def test_a_word_with_a_subject_and_an_object_is_the_figures_verb_whatever_its_tag():
    f = by_text("Officials think that nearly 300,000 teenagers skip class every week.")["nearly 300,000"]
    assert f.shown and f.what.startswith("teenagers skip class"), (f.what, f.why)


def test_a_number_the_ner_left_untagged_still_counts_its_noun():
    f = by_text("In one county alone 900 drivers were warned they would lose their licences unless their fines were paid.")
    assert f["900"].shown and f["900"].what == "drivers were warned they would lose their licences", f["900"].what


def test_a_participle_whose_phrase_the_label_leaves_out_is_left_out_too():
    f = by_text("In the poll, 14% of people aged between 18 and 34 said they never voted.")["14%"]
    assert "aged" not in f.what and f.what.startswith("of people said"), f.what


def test_a_figure_a_change_arrives_at_is_the_new_level_of_its_subject():
    # "£780m." also ends a sentence: its "m." is the scale, no unit
    found = by_text("The bill for the new stadium has risen to £780m. The council's majority was cut to 1,200.")
    assert found["£780m"].shown and found["£780m"].what == "the bill for the new stadium after a rise"
    assert found["1,200"].shown and found["1,200"].what == "the council's majority after a cut"



def test_a_participle_keeps_its_place_when_only_a_time_is_left_out():
    f = by_text("The jail's record is poor, with more than 40% of inmates rearrested within a year of release.")
    assert f["more than 40%"].shown and f["more than 40%"].what == "of inmates rearrested", f["more than 40%"].what


def test_the_second_end_of_a_range_is_no_figure_of_its_own():
    assert "250" not in by_text("A force of 200-250 Dutch marines has been sent to the island.")


def test_what_indicates_a_figure_is_its_source():
    f = by_text("He said the latest survey indicated four million families in Scotland would pay more after the change.")
    assert f["four million"].source == "the latest survey"


def test_an_amount_keeps_its_money_when_its_scale_is_added_after_the_ner():
    f = by_text("Officials counted almost £25m in unpaid fines across the region.")["almost £25m"]
    assert f.shown and f.what == "in unpaid fines across the region counted by officials", (f.what, f.why)


def test_a_prefixed_irregular_verb_takes_its_participle():
    f = by_text("A new board will oversee the £4.5m budget.")["£4.5m"]
    assert f.what == "budget to be overseen by a new board", f.what


def test_a_pronoun_whose_clause_is_left_out_is_left_out_too():
    f = by_text("The plan would raise £3bn by charging a 50% tax to those earning more than £150,000.")["50%"]
    assert "those" not in f.what, f.what
