"""Event extraction: which date expressions become events, how they are normalised, and how
predictions are scored against the reference set."""

import pytest

from policybrief.extract import events
from policybrief.nlp import blank_pipeline


def extract(text, published="2024-10", mentions=()):
    return events.extract(blank_pipeline()(text), published, list(mentions))


def dates(text, published="2024-10"):
    return [(r["date"], r["precision"]) for r in extract(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In March 2022, those ties became even chillier.", [("2022-03", "month")]),
        ("Their last call was held on August 31, 2020, when Putin called Abe.", [("2020-08-31", "day")]),
        ("Obama phoned Abe on 9 February 2016 to dissuade him.", [("2016-02-09", "day")]),
        ("In early 2019, Japan and Russia agreed to use the declaration.", [("2019", "year")]),
        ("Their last meeting took place in the fall of 2019.", [("2019", "year")]),
        (
            "Abe and Putin met seven times between December 2012 and December 2014.",
            [("2012-12/2014-12", "month")],
        ),
        ("Abe served as prime minister from 2012 to 2020.", [("2012/2020", "year")]),
        ("The crisis ran its course (February to March 2014) in Crimea.", [("2014-02/2014-03", "month")]),
        (
            "The leaders spoke by phone in September and October 2014.",
            [("2014-09", "month"), ("2014-10", "month")],
        ),
        ("On Feb. 24, 2022, Russia invaded Ukraine.", [("2022-02-24", "day")]),
        ("Sanctions were eased over 2014-16 as talks went on.", [("2014/2016", "year")]),
    ],
)
def test_explicit_dates_are_normalised_to_iso_at_their_precision(text, expected):
    assert dates(text) == expected


def test_a_yearless_date_takes_the_latest_year_named_earlier_in_its_paragraph():
    text = "Pressure was more intense in 2022 than in 2014. In early March, Kishida changed course."
    assert dates(text)[-1] == ("2022-03", "month")


def test_a_yearless_date_in_a_paragraph_without_years_takes_the_publication_year():
    text = "Trade collapsed in 2019.\n\nOn 21 March, the ministry announced the end of the talks."
    assert dates(text, published="2022-03")[-1] == ("2022-03-21", "day")


def test_a_yearless_date_is_never_placed_after_publication():
    assert dates("The envoy was summoned in April over the incident.", published="2015-03") == [
        ("2014-04", "month")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian aircraft violated Japanese airspace last week.", ("2024-10", "month")),
        ("Trade fell sharply last year, officials said.", ("2023", "year")),
    ],
)
def test_relative_dates_count_from_the_publication_date(text, expected):
    assert dates(text, published="2024-10") == [expected]


@pytest.mark.parametrize(
    "published, expected",
    [("2022-03-03", ("2022-02/2022-03", "month")), ("2022-03-15", ("2022-03", "month"))],
)
def test_last_week_in_the_first_week_of_a_month_may_be_the_month_before(published, expected):
    assert dates("Russia invaded Ukraine last week.", published=published) == [expected]


@pytest.mark.parametrize("later, expected", [("a year later", "2022"), ("two years later", "2023")])
def test_years_later_counts_from_the_nearest_earlier_year(later, expected):
    text = f"In 2021, the minister spoke out. And {later}, the party proposed more spending."
    assert dates(text)[-1] == (expected, "year")


def test_an_explicit_date_later_in_the_publication_year_is_kept_because_publication_may_be_a_lower_bound():
    assert dates("Tokyo expelled eight diplomats in May 2022.", published="2022-04") == [("2022-05", "month")]


@pytest.mark.parametrize(
    "text",
    [
        "Both sides recognised the 1956 Soviet-Japanese Joint Declaration as the basis.",
        "Russia recognized the Declaration of 1956 and was ready to negotiate.",
        "Trade rose by 5.3 percent compared to 2012 in the first half.",
        "Their plans to hold a joint ceremony in 2015 worried Tokyo.",
        "Putin's visit to Japan was rescheduled for 2015.",
        "For most of the 2010s, Abe pushed a new approach.",
        "Their first-ever two-plus-two meeting had 8 participants aged 45 on page 12.",
        "Russia will hold elections in 2030.",
        "The defense ministry had said it would conduct a drill in June 2022 with 40 vessels.",
        "Russia moved 2000 troops to the islands.",
        "Trade may recover in 2031, a decade after publication.",
    ],
)
def test_names_comparison_bases_plans_decades_and_plain_numbers_are_not_events(text):
    assert dates(text, published="2024-10") == []


def test_an_event_row_is_grounded_on_its_clause_and_lists_the_actors_of_its_sentence():
    text = (
        "After months of talks, and despite high hopes for a breakthrough, Abe and Putin met to negotiate "
        "in late 2018 in Singapore."
    )
    mentions = [
        {"entity": "Shinzo Abe", "start": text.index("Abe"), "end": text.index("Abe") + 3},
        {"entity": "Vladimir Putin", "start": text.index("Putin"), "end": text.index("Putin") + 5},
    ]
    (row,) = extract(text, mentions=mentions)
    assert row["surface"] == "late 2018"
    assert row["surface"] in text[row["start"] : row["end"]] == row["description"]
    assert row["description"] == "Abe and Putin met to negotiate in late 2018 in Singapore."
    assert row["sentence"] == text
    assert row["actors"] == ["Shinzo Abe", "Vladimir Putin"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The summit took place on Sept. 5-6, 2023, in Jakarta.", [("2023-09-05/2023-09-06", "day")]),
        ("Ministers met on 5-6 September 2023 in Jakarta.", [("2023-09-05/2023-09-06", "day")]),
        ("Exports slumped in Q3 2023 after the sanctions.", [("2023-07/2023-09", "month")]),
        ("Exports slumped in the first quarter of 2022 after the sanctions.", [("2022-01/2022-03", "month")]),
    ],
)
def test_day_spans_and_quarters_keep_their_precision(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister spoke by phone with his counterpart on Thursday.", ("2021-10-07", "day")),
        ("The ministry reported Wednesday that exports fell.", ("2021-10-06", "day")),
        ("The ministry said on Friday that talks were over.", ("2021-10-08", "day")),
    ],
)
def test_a_weekday_is_the_last_such_day_up_to_a_day_precise_publication(text, expected):
    assert dates(text, published="2021-10-08") == [expected]  # a Friday


def test_a_weekday_inside_a_name_is_not_a_date():
    assert dates("Shops braced for Black Friday crowds.", published="2021-10-08") == []


def test_today_inside_a_quotation_is_the_speakers_day_not_a_date():
    assert (
        dates('He stressed: "Today we are completely separated from that supplier."', published="2024-02")
        == []
    )


def test_a_year_in_a_lower_case_document_name_is_not_an_event():
    assert dates("They cited a 1956 joint declaration that promised two islands.") == []


@pytest.mark.parametrize(
    "text",
    [
        "In the current fiscal year (it began in April), spending grew by 50 billion yen.",
        "The Moscow Times reports that Dmitry Medvedev on February 20 “slammed the prime minister "
        "after he said his "
        "government remains committed to signing a peace treaty with Moscow to resolve the dispute "
        "over islands.”",
    ],
)
def test_a_description_never_holds_an_unbalanced_bracket_or_quotation_mark(text):
    (row,) = extract(text)
    assert row["description"].count("(") == row["description"].count(")")
    assert row["description"].count("“") == row["description"].count("”")
    assert row["surface"] in row["description"] and len(row["description"].split()) <= 30


def test_a_long_sentence_is_cut_to_a_window_of_words_around_its_date():
    filler = " ".join(["the delegation also discussed fisheries and energy and culture"] * 6)
    text = f"The two sides agreed in March 2019 that {filler} without any result."
    (row,) = extract(text)
    assert len(row["description"].split()) <= 30
    assert "March 2019" in row["description"] and row["description"] in text


def test_a_weekday_inside_a_quoted_statement_is_still_a_date():
    text = '"The cabinet on Monday approved the ban on exports," the statement said.'
    assert dates(text, published="2022-09-26") == [("2022-09-26", "day")]


def test_last_year_as_a_comparison_base_is_not_an_event():
    assert dates("GDP grew 4.9 per cent in 2023, compared to the same period last year.") == [
        ("2023", "year")
    ]


def test_a_year_before_a_statistic_dates_it_while_a_year_counting_things_does_not():
    assert dates("Official figures show 2023 exports fell by 4.6 percent.") == [("2023", "year")]
    assert dates("Russia moved 2000 troops to the islands.") == []


def test_a_day_the_calendar_does_not_have_keeps_only_its_month():
    assert dates("The envoys met on September 31, 2020 in Tokyo to resume talks.", "2021-01") == [
        ("2020-09", "month")
    ]
