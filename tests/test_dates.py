"""Dates an article leaves implicit or relative, resolved against its text and publication date."""

from __future__ import annotations

import pytest

from policybrief.extract.dates import find_atoms, resolve
from policybrief.extract.events import extract
from policybrief.nlp import blank_pipeline


def dates(sentence: str, published: str, earlier=(), before=None):
    resolved = resolve(find_atoms(sentence, published), sentence, list(earlier), published, before)
    return [(value, precision, atom.basis) for atom, value, precision in resolved]


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        (
            "In May this year, six bombers flew around Japan.",
            "2022-07-23",
            [("2022-05", "month", "publication")],
        ),
        (
            "Talks were held in May and September of this year.",
            "2016-11",
            [("2016-05", "month", "publication"), ("2016-09", "month", "publication")],
        ),
        ("Last autumn, ten vessels sailed through the strait.", "2022-07", [("2021", "year", "publication")]),
        ("The Asahi said so two years ago.", "2018-09-12", [("2016", "year", "publication")]),
        ("Last night, we agreed on a statement.", "2022-04-08", [("2022-04-07", "day", "publication")]),
        ("China on Monday urged Japan to stop.", "2023-08-14", [("2023-08-14", "day", "publication")]),
        ("Black Friday sales fell.", "2023-11-24", []),
        (
            "In the run up to the December summit, hopes rose.",
            "2016-12-31",
            [("2016-12", "month", "publication")],
        ),
        ("The May government fell.", "2019-07", []),
    ],
)
def test_relative_and_yearless_dates(sentence, published, expected):
    assert dates(sentence, published) == expected


def test_offsets_count_from_the_nearest_earlier_date_at_its_precision():
    earlier = ["Abe will visit Moscow at the end of May 2018."]
    assert dates("Unveiled two years earlier, the plan stalled.", "2018-05-15", earlier) == [
        ("2016-05", "month", "context")
    ]
    assert dates("A year later, talks resumed.", "2020", ["In 2014, Russia annexed Crimea."]) == [
        ("2015", "year", "context")
    ]


def test_an_offset_before_a_clause_dates_that_clause_back_from_the_anchor():
    sentence = "The drills started on Tuesday 12 August 2014, a week after Japan imposed sanctions."
    assert ("2014-08-05", "day", "context") in dates(sentence, "2014-08-13")


def test_the_nth_takes_its_month_from_the_latest_date_named_anywhere_before():
    before = ["On August 5, a new company was established.", "Questions followed."]
    assert dates("On the 5th, I told the CEO.", "2022-08-08", [], before) == [
        ("2022-08-05", "day", "context")
    ]


def events(text: str, published: str):
    return [(r["date"], r["basis"]) for r in extract(blank_pipeline()(text), published, [])]


def test_page_metadata_and_announced_plans_are_not_events():
    assert events("date 2022-03-25 Russia suspended the talks.", "2022-03-25") == []
    assert events("On May 25 2018, Abe is expected to attend the forum.", "2018-05-15") == []
    assert events("Today my remarks will focus on sanctions.", "2022-04-08") == []


def test_a_plan_reported_by_a_dated_statement_does_not_undate_the_statement():
    text = "Japan's government on Thursday confirmed that the firms will keep their stakes."
    assert events(text, "2022-08-25") == [("2022-08-25", "publication")]


def test_a_year_naming_an_event_after_for_is_kept_and_this_years_document_is_not_one():
    assert events("Abe even went to Sochi for the 2014 Winter Olympics.", "2016-12-31") == [
        ("2014", "explicit")
    ]
    assert events("Another feature of this year’s white paper is Taiwan.", "2022-07") == []
