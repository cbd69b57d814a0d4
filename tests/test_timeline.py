"""Timeline dates, on short news-style texts written for these tests."""
from __future__ import annotations

import datetime as dt

from generator import nlp
from generator.extract import timeline

SAT = dt.date(2021, 3, 13)  # a Saturday


def run(text: str, published: dt.date | None = SAT):
    return timeline.extract(nlp.load()(text), published)


def dates(text: str, published: dt.date | None = SAT) -> dict[str, tuple[str, str]]:
    return {e.text: (e.date, e.precision) for e in run(text, published)}


def test_weekday_of_the_publication_day_is_that_day():
    found = dates("Rebels and government troops agreed on Saturday to stop shelling the port city.")
    assert found["Saturday"] == ("2021-03-13", "day")


def test_earlier_weekday_is_in_the_same_week():
    assert timeline.resolve("Thursday", SAT) == ("2021-03-11", "day")
    assert timeline.resolve("last Saturday", SAT) == ("2021-03-06", "day")


def test_future_weekday_looks_ahead():
    found = dates("The two delegations will meet again on Tuesday in the capital.")
    assert found["Tuesday"] == ("2021-03-16", "day")


def test_month_year_and_relative_expressions():
    assert timeline.resolve("late February", SAT) == ("2021-02", "month")
    assert timeline.resolve("since early January", SAT) == ("2021-01", "month")
    assert timeline.resolve("last year", SAT) == ("2020", "year")
    assert timeline.resolve("in November", SAT) == ("2020-11", "month")
    assert timeline.resolve("Feb. 9", SAT) == ("2021-02-09", "day")
    assert timeline.resolve("August last year", SAT) == ("2020-08", "month")
    assert timeline.resolve("yesterday", SAT) == ("2021-03-12", "day")


def test_year_in_a_noun_phrase():
    found = dates("The border was drawn after a 1999 conflict that emptied dozens of villages.")
    assert found["1999"] == ("1999", "year")


def test_durations_ages_and_times_are_not_dates():
    text = ("After nine days of talks and almost three weeks of clashes, Omar Haddad, 52, said the "
            "ceasefire would start at 6am. The dispute has lasted 40 years.")
    found = run(text)
    assert found == [], [(e.text, e.date) for e in found]
    for s in ("12 days", "30 years", "almost two weeks", "11-year-old", "the 1990s", "2013-14"):
        assert timeline.resolve(s, SAT) is None, s


def test_without_publication_date_only_absolute_dates():
    found = dates("On Monday the council met, as it first did in March 2004.", None)
    assert "Monday" not in found
    assert found["March 2004"] == ("2004-03", "month")


def test_event_is_the_clause_or_sentence_with_offsets():
    text = "Aid lorries crossed the border on Friday. Officials said more would follow."
    [event] = run(text)
    assert text[event.start:event.end] == "Friday"
    assert "Aid lorries crossed the border" in event.event
    assert "Officials" not in event.event


def test_range_gives_both_ends():
    found = dates("The mine was run by the state between 1971 and 1988, records show.")
    assert found.get("1971") == ("1971", "year") and found.get("1988") == ("1988", "year")


def test_a_relative_or_adverbial_clause_is_read_with_the_clause_it_hangs_on():
    found = {e.text: e.event for e in run(
        "The town is home to an old cathedral, which was struck twice on October 8 in shelling. "
        "It was mostly Georgian before rebel forces took it in May 1992.")}
    assert found["October 8"].startswith("The town is home to an old cathedral, which was struck")
    assert found["May 1992"].startswith("It was mostly Georgian before")


def test_a_long_sentence_gives_way_to_the_date_clause():
    text = ("Engineers from the regional transport authority, the national rail company and three private firms spent "
            "the whole of the next week inspecting every other crossing on the river, including the long steel bridge "
            "near the old mill and the stone bridge by the market, because the wooden footbridge that collapsed on "
            "Friday had been inspected only a month before.")
    [event] = run(text)
    assert event.event == "because the wooden footbridge that collapsed on Friday had been inspected only a month before"


def test_a_clause_does_not_end_with_the_comma_that_joined_it():
    [event] = run("Three earlier truces, starting with one agreed in Moscow on October 10, had collapsed within hours.")
    assert event.event.startswith("Three earlier truces") and not event.event.endswith((",", ";", "—"))


def test_a_four_digit_time_of_day_is_no_year():
    assert run("At 1405 GMT, shares in the bank were trading down 0.7% at 590 pence.") == []


def test_a_date_in_front_of_a_noun_dates_it_only_when_the_noun_happens():
    found = dates("The 1965 Fender Stratocaster was sold at auction. The bank reported its 2004 results on Thursday. "
                  "Unions said thousands would join the 23 March strike. Labour is expected to win the May election.")
    assert "1965" not in found and "2004" not in found
    assert found["Thursday"] == ("2021-03-11", "day")
    assert found["23 March"] == ("2021-03-23", "day") and found["May"] == ("2021-05", "month")


def test_a_dated_noun_with_its_own_clause_is_the_event():
    [event] = run("Shops across the coast will stay shut after Sunday's earthquake, which flattened the old harbour town.")
    assert event.date == "2021-03-07"
    assert event.event == "Sunday's earthquake, which flattened the old harbour town"


def test_a_since_phrase_that_only_sets_the_scene_is_no_event():
    text = ("Mr Blair has led the party since coming to power in 1997. The club have not won the league since 1990. "
            "It was the team's first title since 1985. The side have their sights set on a first Grand Slam since 1948. "
            "The fighting has displaced thousands of people since late September.")
    assert set(dates(text)) == {"late September"}


def test_a_target_is_a_plan_not_an_event():
    assert run("The council must build 500 new homes by 2008, and the bypass should open by the end of 2009.") == []


def test_a_week_is_its_month_when_it_lies_in_one():
    assert timeline.resolve("last week", SAT) == ("2021-03", "month")
    assert timeline.resolve("next week", SAT) == ("2021-03", "month")
    assert timeline.resolve("next week", dt.date(2021, 3, 27)) is None  # 29 March to 4 April
    assert dates("Prices fell sharply last week, the ministry said.")["last week"] == ("2021-03", "month")


def test_part_of_day_and_a_misparsed_name_keep_the_date():
    found = dates("The minister resigned on Friday evening. However, during the trial on Tuesday Mr Ebbers denied it.")
    assert found["Friday"] == ("2021-03-12", "day") and found["Tuesday"] == ("2021-03-09", "day")


def test_the_month_of_an_event_name():
    found = dates("The chancellor is expected to cut taxes in the March Budget.")
    assert found == {"March": ("2021-03", "month")}


def test_one_event_told_twice_is_one_entry_two_events_on_a_day_are_two():
    once = run("The minister opened the new bridge over the river on Friday, officials said. "
               "On Friday the minister opened the river bridge by cutting a ribbon.")
    assert len(once) == 1 and once[0].event.startswith("The minister opened the new bridge")
    years = run("Sales grew in 2019. The firm also opened new stores in 2019.")
    assert len(years) == 2  # a year holds many events
    two = run("Rebels shelled the port on Tuesday. On Tuesday the central bank also raised interest rates.")
    assert len(two) == 2


def test_a_date_opening_a_name_or_a_noun_after_a_preposition_dates_nothing():
    text = ("The sprinters were named the winners of the 2004 Clarke Memorial Awards. "
            "The fund made a 12% gain on 2019 figures.")
    assert run(text) == []


def test_a_point_of_comparison_a_term_and_a_passive_target_are_no_events():
    text = ("Growth may be slower than in 2019, the bank cautioned. The report sets out the outlook for 2022. "
            "The commission has until next week to announce its verdict. "
            "The target has been set at two million by 2025.")
    assert run(text) == []


def test_a_forecast_for_the_year_of_publication_is_no_event():
    text = ("Casual games are set to be even bigger in 2021, experts said. Growth this year may slow. "
            "Sales grew in 2021 before the lockdown, and the firm will float on the stock market next year.")
    found = run(text)
    assert [(e.text, e.date) for e in found] == [("2021", "2021"), ("next year", "2022")]
    assert found[0].event.startswith("Sales grew")


def test_a_future_day_and_month_is_the_next_one():
    assert dates("The film's release will start in Japan on 24 December.")["24 December"] == ("2021-12-24", "day")
    assert dates("The film opened in Japan on 24 December.")["24 December"] == ("2020-12-24", "day")


def test_a_date_with_its_own_when_clause_is_its_event():
    found = dates("Two firms were the only operators until 1993, when a third network was launched.")
    assert found == {"1993": ("1993", "year")}


def test_a_past_term_is_the_period_of_a_fact_a_point_of_comparison_is_none():
    found = dates("Net income for 2019 was $3.5bn. Turnover was $44bn, compared with $45bn a year ago. "
                  "Sales rose to 6.8 million, an increase of 62,000 from 2018. The outlook for 2021 is good. "
                  "All the parties are campaigning hard for an expected election in May.")
    assert found == {"2019": ("2019", "year"), "May": ("2021-05", "month")}


def test_a_weekday_before_a_name_is_its_clause_date():
    found = dates("Yesterday General Motors' results also showed strong profits. "
                  "He told Radio 4's Today programme that cuts were coming.")
    assert found == {"Yesterday": ("2021-03-12", "day")}


def test_a_year_after_the_name_of_a_law_is_part_of_it():
    assert run("His work paved the way for the Human Rights Act 1998, colleagues said.") == []


def test_a_dated_event_inside_a_term_keeps_its_date():
    found = dates("The order will remain in place until a hearing on October 24, the judge said.")
    assert found == {"October 24": ("2021-10-24", "day")}


def test_a_date_told_for_contrast_is_no_event():
    assert "2016" not in dates("As in 2016, the governing party won the seat comfortably.")
    assert "1997" not in dates("Like in 1997, the opinion polls were wrong about the result.")
    assert "2010" not in dates("Unlike 2010, the Liberal Democrats campaigned hard in the north.")
    assert dates("The party first won the seat as early as 1997.")["as early as 1997"] == ("1997", "year")


def test_one_date_told_twice_in_a_sentence_is_one_entry():
    found = run("The council closed the library in 2015, and since it closed in 2015 nobody has reopened it.")
    assert [e.date for e in found].count("2015") <= 1, [(e.date, e.text, e.event) for e in found]


def test_a_word_and_its_longer_form_are_one_word_when_events_are_compared():
    found = run("The minister opened the new bridge on 3 March. The opening of the bridge on 3 March drew crowds.")
    assert [e.date for e in found].count("2021-03-03") == 1, [(e.date, e.event) for e in found]


def test_a_date_of_what_only_could_happen_is_no_event():
    assert "5 May" not in dates("The referendum could be held on 5 May, officials said.")
    assert dates("The referendum was held on 5 February, officials said.")["5 February"] == ("2021-02-05", "day")


def test_a_date_in_a_clause_on_a_person_dates_that_clause_not_the_sentence():
    [e] = run("Jane Marsh, one of the councillors elected in 2014, told the inquiry the rules had changed.")
    assert e.date == "2014" and e.event == "the councillors elected in 2014"
    [e] = run("The summit held in Vienna on Thursday ended without an agreement.")
    assert e.event.rstrip(".").endswith("ended without an agreement")


def test_a_date_of_an_event_noun_holds_under_a_modal():
    assert dates("The ban would stay in force until a tribunal hearing on 2 April.")["2 April"] == ("2021-04-02", "day")


def test_consecutive_years_listed_together_are_a_period_not_events():
    found = run("Councils spent almost £30m on consultants in 2011, 2012 and 2013, the audit found.")
    assert not any(e.date in ("2011", "2012", "2013") for e in found), [(e.date, e.text) for e in found]
