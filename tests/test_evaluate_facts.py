"""Matching extracted facts with annotated ones: the rules of each fact type."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybrief.evaluate.facts import (
    match_events,
    match_mentions,
    match_person_counts,
    match_quantities,
    match_quantity_metrics,
    match_quote_speakers,
    match_quotes,
)
from policybrief.evaluate.names import NameMatcher
from policybrief.extract.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def names():
    return NameMatcher(load_gazetteer(ROOT / "config" / "gazetteer.yaml"))


def test_events_need_the_evidence_sentence_and_the_date_at_reference_precision():
    predicted = [
        {
            "date": "2022-03-21",
            "precision": "day",
            "sentence": "On 21 March, Russia announced the end of talks.",
        },
        {"date": "2014", "precision": "year", "sentence": "Russia annexed Crimea in 2014."},
        {"date": "2015-03", "precision": "month", "sentence": "The book was published in March 2015."},
    ]
    reference = [
        {"date": "2022-03", "precision": "month", "evidence": "Russia announced the end"},  # coarser: a match
        {"date": "2014-03", "precision": "month", "evidence": "annexed Crimea"},  # prediction too coarse
        {"date": "1945-08", "precision": "month", "evidence": "surrender"},  # not predicted
    ]
    assert match_events(predicted, reference) == (1, 2, 2)


def test_quantities_are_found_by_value_unit_and_sentence_and_their_metric_is_scored_apart():
    predicted = [
        {
            "value": 3.48e10,
            "unit": "USD",
            "metric": "trade_turnover",
            "sentence": "Trade approached $34.8 billion.",
        },
        {"value": 45.0, "unit": "percent", "metric": "other", "sentence": "45% consisted of fuel."},
        {"value": 2.0, "unit": "percent", "metric": "growth_rate", "sentence": "Growth was 2 percent."},
    ]
    reference = [
        {
            "value": 34_800_000_000.00001,
            "unit": "USD",
            "metric": "trade_turnover",
            "evidence": "approached $34.8",
        },
        {"value": 45, "unit": "percent", "metric": "trade_composition_share", "evidence": "45% consisted"},
        {"value": 2, "unit": "percent", "metric": "growth_rate", "evidence": "some other sentence"},
    ]
    assert match_quantities(predicted, reference) == (2, 1, 1)
    assert match_quantity_metrics(predicted, reference) == (1, 1, 1)  # 45% found with the wrong metric


def test_quotes_are_found_by_prefix_and_speakers_compared_as_entities(names):
    predicted = [
        {"speaker": "Fumio Kishida", "text": "“Extremely unreasonable and totally unacceptable."},
        {"speaker": "Ministry of Foreign Affairs of Russia", "text": "impossible to hold discussions"},
        {"speaker": None, "text": "the use of facilities"},
        {"speaker": "Vladimir Putin", "text": "A stray quote"},
    ]
    reference = [
        {"prefix": "extremely unreasonable and", "speaker": "Prime Minister Kishida"},
        {"prefix": "impossible to hold", "speaker": "Russia’s Foreign Ministry"},
        {"prefix": "the use of facilities", "speaker": "US–Japan Security Treaty"},
        {"prefix": "never found", "speaker": None},
    ]
    assert match_quotes(predicted, reference) == (3, 1, 1)
    assert match_quote_speakers(predicted, reference, names) == (2, 1, 1)


def test_mentions_count_per_entity_whatever_full_name_the_annotator_wrote(names):
    predicted = [{"entity": "Japan", "type": "country"}] * 5 + [
        {"entity": "Shinzo Abe", "type": "person"}
    ] * 2
    predicted += [{"entity": "Tokyo Tower", "type": "place"}]
    reference = [
        {"name": "Japan", "type": "country", "count": 4},
        {"name": "Prime Minister Shinzo Abe", "type": "person", "count": 3},
    ]
    assert match_mentions(predicted, reference, names) == (6, 2, 1)  # Japan 4+1 fp, Abe 2+1 fn, Tower fp


def test_person_counts_are_right_within_ten_percent(names):
    predicted = [{"entity": e, "type": "person"} for e in ["Anna Ames"] * 19 + ["Bo Berg"] * 2 + ["Cy Cole"]]
    reference = [
        {"name": "Anna Ames", "type": "person", "count": 20},
        {"name": "Bo Berg", "type": "person", "count": 3},
        {"name": "Japan", "type": "country", "count": 9},
    ]
    assert match_person_counts(predicted, reference, names) == (1, 1, 1)  # Ames ok, Berg off 33%, Cole extra


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("the Japanese government", "Japan", True),
        ("Kishida", "Fumio Kishida", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Bank of Japan", "Japan", False),
        ("The Japan Times", "Japan", False),
        (None, None, True),
        ("Japan", None, False),
    ],
)
def test_names_are_compared_as_entities(names, a, b, same):
    assert names.same(a, b) is same
