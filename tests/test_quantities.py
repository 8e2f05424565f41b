"""Quantity extraction: values and units, qualifiers, metrics from config/metrics.yaml, linked
values, what is not a quantity, and how predictions are scored against the reference set."""
from pathlib import Path

import pandas as pd
import pytest
import yaml

from policybrief.errors import InputError
from policybrief.extract import quantities
from policybrief.nlp import blank_pipeline

METRICS = yaml.safe_load((Path(__file__).resolve().parents[1] / "config" / "metrics.yaml").read_text(encoding="utf-8"))


def extract(text, metrics=METRICS):
    return quantities.extract(blank_pipeline()(text), metrics)


def facts(text):
    return [(r["value"], r["unit"], r["metric"], r["qualifier"]) for r in extract(text)]


def test_the_metric_list_documents_every_metric_the_brief_uses():
    expected = {"trade_turnover", "trade_composition_share", "leader_meetings", "aid", "spending", "tariff_rate",
                "import_export_change", "defence_spending_gdp_share", "growth_rate", "companies", "visitors",
                "deals", "other"}
    assert set(METRICS) == expected
    assert all(METRICS[m]["description"] and (METRICS[m]["cues"] or m == "other") for m in METRICS)


@pytest.mark.parametrize("text, expected", [
    ("In 2013, Russo-Japan trade approached a record $34.8 billion.", (3.48e10, "USD", "trade_turnover", "approx")),
    ("The government spent ¥20 billion promoting these projects.", (2e10, "JPY", "spending", "exact")),
    ("Total trade turnover was still above $20 billion.", (2e10, "USD", "trade_turnover", "over")),
    ("Total trade amounted to barely $10 billion in 2023.", (1e10, "USD", "trade_turnover", "under")),
    ("Trade was strong, with 45% percent consisting of fuel exports.", (45.0, "percent", "trade_composition_share",
                                                                       "exact")),
    ("The economy had returned to healthy growth at 2.8 percent.", (2.8, "percent", "growth_rate", "exact")),
    ("Abe would meet his Russian counterpart twenty-seven times.", (27.0, "count", "leader_meetings", "exact")),
    ("Putin and Abe met in person over 25 times.", (25.0, "count", "leader_meetings", "over")),
    ("They held about ten phone calls.", (10.0, "count", "leader_meetings", "approx")),
    ("The agencies signed more than 50 deals.", (50.0, "count", "deals", "over")),
    ("January saw double the number of Russian visitors.", (2.0, "ratio", "visitors", "exact")),
    ("Some 300 soldiers took part.", (300.0, "count", "other", "approx")),
    ("Japan imported 5.8 million tonnes of coal.", (5.8e6, "tonnes", "other", "exact")),
    ("Tokyo provided more than $ 7 billion in assistance.", (7e9, "USD", "aid", "over")),
    ("Imports of coal fell 36.7% year-on-year.", (36.7, "percent", "import_export_change", "exact")),
    ("Defence spending will reach 2% of GDP.", (2.0, "percent", "defence_spending_gdp_share", "exact")),
    ("Some 2,000 people protested in Sapporo.", (2000.0, "count", "other", "approx")),
])
def test_a_figure_gets_value_unit_metric_and_qualifier(text, expected):
    assert facts(text) == [expected]


def test_a_cue_of_a_measure_outside_the_list_keeps_a_figure_from_a_distant_specific_cue():
    assert facts("Russia's GDP shrank by 2.1% in 2022, while inflation reached 11.9%.") == [
        (2.1, "percent", "growth_rate", "exact"), (11.9, "percent", "other", "exact")]


def test_the_year_is_the_nearest_one_in_the_clause_else_the_sentence():
    (row,) = extract("In 2013, trade hit $32 billion.")
    assert row["year"] == 2013
    (row,) = extract("Trade grew by 5.3 percent compared to 2012.")
    assert row["year"] is None


def test_an_amount_given_in_two_currencies_is_two_linked_rows():
    rows = extract("Japan pledged 15.8 billion yen ($105 million) in new aid for Ukraine.")
    assert [(r["value"], r["unit"], r["metric"]) for r in rows] == [(1.58e10, "JPY", "aid"), (1.05e8, "USD", "aid")]
    assert rows[0]["group"] == rows[1]["group"] is not None


def test_a_changed_figure_keeps_its_old_value_as_a_change_row():
    rows = extract("Tariffs on salmon have been raised to 5% from 3.5% and those on crab to 6% from 4%.")
    assert [(r["value"], r["qualifier"], r["metric"]) for r in rows] == [
        (5.0, "exact", "tariff_rate"), (3.5, "change", "tariff_rate"),
        (6.0, "exact", "tariff_rate"), (4.0, "change", "tariff_rate")]
    assert rows[0]["group"] == rows[1]["group"] != rows[2]["group"] == rows[3]["group"]


def test_the_span_covers_the_surface_with_its_qualifier():
    text = "Energy still accounts for over 69% of total trade turnover."
    (row,) = extract(text)
    assert row["surface"] == "over 69%" == text[row["start"]:row["end"]]


@pytest.mark.parametrize("text", [
    "In 2014, relations soured; the dispute dates from 1956.",
    "He recommends (1) resolving the dispute and 2) cooperating more [3].",
    "Abe offered an 8-point plan over his seven-year tenure.",
    "The G7 held its first 2-plus-2 meeting, and 2+2 talks resumed.",
    "They marked the 70th anniversary of the end of the war.",
    "The dispute over four islands has kept the two countries apart.",
    "It was the first overhaul in nine years; they sat together for about 10 minutes.",
    "At one meeting, Abe offered Putin a puppy, on 21 March 2014.",
])
def test_years_list_markers_names_ordinals_durations_and_bare_number_words_are_not_quantities(text):
    assert extract(text) == []


def test_a_metrics_file_without_other_is_rejected_with_one_clear_error():
    with pytest.raises(InputError, match="other"):
        extract("Trade hit $32 billion.", metrics={"aid": {"cues": ["aid"]}})


def test_matching_needs_value_unit_metric_and_the_evidence_sentence():
    predicted = pd.DataFrame([
        {"value": 3.48e10, "unit": "USD", "metric": "trade_turnover", "sentence": "Trade approached $34.8 billion."},
        {"value": 45.0, "unit": "percent", "metric": "other", "sentence": "45% consisted of fuel."},
        {"value": 2.0, "unit": "percent", "metric": "growth_rate", "sentence": "Growth was 2 percent."},
    ])
    reference = [
        {"value": 34_800_000_000.00001, "unit": "USD", "metric": "trade_turnover", "evidence": "approached $34.8"},
        {"value": 45, "unit": "percent", "metric": "trade_composition_share", "evidence": "45% consisted"},
        {"value": 2, "unit": "percent", "metric": "growth_rate", "evidence": "some other sentence"},
    ]
    assert quantities.match(predicted, reference, "") == (1, 2, 2)
