"""Quantity extraction: values and units, qualifiers, metrics from config/metrics.yaml, linked
values and what is not a quantity."""

import re
from pathlib import Path

import pytest
import yaml

from policybrief.config import load_checked
from policybrief.errors import InputError
from policybrief.extract import quantities
from policybrief.nlp import blank_pipeline

ROOT = Path(__file__).resolve().parents[1]
METRICS = yaml.safe_load((ROOT / "config" / "metrics.yaml").read_text(encoding="utf-8"))


def extract(text, metrics=METRICS):
    return quantities.extract(blank_pipeline()(text), metrics)


def facts(text):
    return [(r["value"], r["unit"], r["metric"], r["qualifier"]) for r in extract(text)]


def test_the_metric_list_is_the_one_the_annotation_guideline_documents():
    guideline = (ROOT / "data/annotations/guidelines/quantities.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", guideline, flags=re.M))
    assert set(METRICS) == documented
    assert all(METRICS[m]["label"] and METRICS[m]["description"] for m in METRICS)
    assert all(METRICS[m]["cues"] or m == "other" for m in METRICS)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In 2013, Russo-Japan trade approached a record $34.8 billion.",
            (3.48e10, "USD", "trade_turnover", "approx"),
        ),
        ("The government spent ¥20 billion promoting these projects.", (2e10, "JPY", "spending", "exact")),
        ("Total trade turnover was still above $20 billion.", (2e10, "USD", "trade_turnover", "over")),
        ("Total trade amounted to barely $10 billion in 2023.", (1e10, "USD", "trade_turnover", "under")),
        (
            "Trade was strong, with 45% percent consisting of fuel exports.",
            (45.0, "percent", "trade_composition_share", "exact"),
        ),
        (
            "The economy had returned to healthy growth at 2.8 percent.",
            (2.8, "percent", "growth_rate", "exact"),
        ),
        (
            "Abe would meet his Russian counterpart twenty-seven times.",
            (27.0, "count", "leader_meetings", "exact"),
        ),
        ("Putin and Abe met in person over 25 times.", (25.0, "count", "leader_meetings", "over")),
        ("They held about ten phone calls.", (10.0, "count", "leader_meetings", "approx")),
        ("The agencies signed more than 50 deals.", (50.0, "count", "deals", "over")),
        ("January saw double the number of Russian visitors.", (2.0, "ratio", "visitors", "exact")),
        ("Some 300 soldiers took part.", (300.0, "count", "military", "approx")),
        ("Japan imported 5.8 million tonnes of coal.", (5.8e6, "tonnes", "energy_volume", "exact")),
        (
            "The plant will make 6.6 mln metric tons of LNG per year.",
            (6.6e6, "tonnes", "energy_volume", "exact"),
        ),
        ("Its capacity is 6.6 million tonnes a year.", (6.6e6, "tonnes_per_year", "energy_volume", "exact")),
        ("Tokyo provided more than $ 7 billion in assistance.", (7e9, "USD", "aid", "over")),
        ("Imports of coal fell 36.7% year-on-year.", (36.7, "percent", "import_export_change", "exact")),
        ("Defence spending will reach 2% of GDP.", (2.0, "percent", "defence_spending_gdp_share", "exact")),
        ("Some 2,000 people protested in Sapporo.", (2000.0, "count", "people", "approx")),
        ("Putin would return two islands.", (2.0, "count", "territory", "exact")),
        ("Six bombers flew around Japan.", (6.0, "count", "military", "exact")),
        (
            "Medvedev visited one of the islands, home to some 19,000 Russians.",
            (19000.0, "count", "people", "approx"),
        ),
        ("Five Russian navy ships sailed into the Sea of Japan.", (5.0, "count", "military", "exact")),
        ("The four southern Kuril islands remain in dispute.", (4.0, "count", "territory", "exact")),
    ],
)
def test_a_figure_gets_value_unit_metric_and_qualifier(text, expected):
    assert facts(text) == [expected]


def test_a_cue_of_a_measure_outside_the_list_keeps_a_figure_from_a_distant_specific_cue():
    assert facts("Russia's GDP shrank by 2.1% in 2022, while inflation reached 11.9%.") == [
        (2.1, "percent", "growth_rate", "exact"),
        (11.9, "percent", "other", "exact"),
    ]


def test_the_year_is_the_nearest_one_in_the_clause_else_the_sentence():
    (row,) = extract("In 2013, trade hit $32 billion.")
    assert row["year"] == 2013
    (row,) = extract("Trade grew by 5.3 percent compared to 2012.")
    assert row["year"] is None


def test_an_amount_given_in_two_currencies_is_two_linked_rows():
    rows = extract("Japan pledged 15.8 billion yen ($105 million) in new aid for Ukraine.")
    assert [(r["value"], r["unit"], r["metric"]) for r in rows] == [
        (1.58e10, "JPY", "aid"),
        (1.05e8, "USD", "aid"),
    ]
    assert rows[0]["group"] == rows[1]["group"] is not None


def test_a_changed_figure_keeps_its_old_value_as_a_change_row():
    rows = extract("Tariffs on salmon have been raised to 5% from 3.5% and those on crab to 6% from 4%.")
    assert [(r["value"], r["qualifier"], r["metric"]) for r in rows] == [
        (5.0, "exact", "tariff_rate"),
        (3.5, "change", "tariff_rate"),
        (6.0, "exact", "tariff_rate"),
        (4.0, "change", "tariff_rate"),
    ]
    assert rows[0]["group"] == rows[1]["group"] != rows[2]["group"] == rows[3]["group"]


def test_the_span_covers_the_surface_with_its_qualifier():
    text = "Energy still accounts for over 69% of total trade turnover."
    (row,) = extract(text)
    assert row["surface"] == "over 69%" == text[row["start"] : row["end"]]


@pytest.mark.parametrize(
    "text",
    [
        "In 2014, relations soured; the dispute dates from 1956.",
        "He recommends (1) resolving the dispute and 2) cooperating more [3].",
        "Abe offered an 8-point plan over his seven-year tenure.",
        "The G7 held its first 2-plus-2 meeting, and 2+2 talks resumed.",
        "They marked the 70th anniversary of the end of the war.",
        "The dispute has kept the two countries apart for two reasons.",
        "It was the first overhaul in nine years; they sat together for about 10 minutes.",
        "At one meeting, Abe offered Putin a puppy, on 21 March 2014.",
    ],
)
def test_years_list_markers_names_ordinals_durations_and_bare_number_words_are_not_quantities(text):
    assert extract(text) == []


def _checked_metrics(tmp_path, metrics: dict):
    path = tmp_path / "metrics.yaml"
    path.write_text(yaml.safe_dump(metrics), encoding="utf-8")
    return load_checked(path, "metrics")


def test_the_shipped_metrics_file_passes_its_schema(tmp_path):
    assert _checked_metrics(tmp_path, METRICS) == METRICS


def test_a_metrics_file_without_other_is_rejected_with_one_clear_error(tmp_path):
    with pytest.raises(InputError, match=r"metrics.yaml.*'other' is a required property"):
        _checked_metrics(
            tmp_path, {"aid": {"label": "Aid", "description": "aid", "units": [], "cues": ["aid"]}}
        )


@pytest.mark.parametrize(
    "text, expected",
    [
        # a share of a trade flow is a composition share, not a change, even after a change verb
        (
            "Its share fell to 9% of Japan's LNG imports.",
            (9.0, "percent", "trade_composition_share", "exact"),
        ),
        # deficits and surpluses are a balance, not turnover
        ("The trade deficit with Ruritania was $346 billion.", (3.46e11, "USD", "trade_balance", "exact")),
        ("Ruritania had a $298.5 billion trade surplus.", (2.985e11, "USD", "trade_balance", "exact")),
        # a generic change verb is no trade change when nothing about trade is around
        ("Support for the party fell to 25%.", (25.0, "percent", "other", "exact")),
        ("Imports of timber fell 12% last year.", (12.0, "percent", "import_export_change", "exact")),
        # any N-fold, plural currency words, trillions
        ("The bloc cut its gas imports fivefold.", (5.0, "ratio", "import_export_change", "exact")),
        ("Defence spending grew to 5.37 trillion yens.", (5.37e12, "JPY", "spending", "exact")),
        (
            "The budget reached 2% of the current gross domestic product.",
            (2.0, "percent", "defence_spending_gdp_share", "exact"),
        ),
        # fractions of something are percentages
        (
            "Ruritania buys a third of Japan's LNG imports.",
            (33.33, "percent", "trade_composition_share", "exact"),
        ),
        ("Almost half of the firms left.", (50.0, "percent", "companies", "approx")),
        ("Two-thirds of respondents agreed.", (66.67, "percent", "public_opinion", "exact")),
        ("Mitsui holds a 12.5% stake in the project.", (12.5, "percent", "investment", "exact")),
    ],
)
def test_shares_balances_fractions_and_unrelated_changes_get_the_right_metric(text, expected):
    assert facts(text) == [expected]


def test_the_first_half_of_a_year_is_not_a_fraction():
    assert facts("Trade recovered in the first half of 2023.") == []


def test_a_figure_down_from_an_earlier_one_links_both_under_one_metric():
    rows = extract("Russia's share fell to 15% of European gas imports, down from 45% in 2021.")
    assert [(r["value"], r["metric"], r["qualifier"]) for r in rows] == [
        (15.0, "trade_composition_share", "exact"),
        (45.0, "trade_composition_share", "change"),
    ]
    assert rows[0]["group"] == rows[1]["group"] is not None


@pytest.mark.parametrize(
    "text, year",
    [
        ("Some 156 firms were active in Ruritania before 2022.", None),  # a bound, not the figure's year
        ("Between December 2012 and December 2014, they met seven times.", None),  # a span, not one year
        (
            "Tariffs of 25 percent stayed, and purchases will rise from 2017 levels.",
            None,
        ),  # another clause's base
        (
            "The leaders met 27 times and opened a consulate in the far north in December 2016.",
            None,
        ),  # far away
        ("In 2013, trade hit $32 billion.", 2013),
        ("Defence spending will reach 2% of GDP by 2027.", 2027),  # a target year dates the figure
    ],
)
def test_a_year_dates_a_figure_only_when_it_is_near_and_not_a_bound_or_span(text, year):
    (row,) = extract(text)
    assert row["year"] == year


def test_a_metrics_file_with_a_bad_requires_list_is_rejected_with_one_clear_error(tmp_path):
    bad = {**METRICS, "tariff_rate": {**METRICS["tariff_rate"], "requires": "trade"}}
    with pytest.raises(InputError, match="requires"):
        _checked_metrics(tmp_path, bad)


def test_an_amount_without_a_cue_takes_the_metric_named_at_the_end_of_the_previous_sentence():
    rows = extract("Ruritania cut its purchases of farm goods. It bought $19.5 billion in 2017.")
    assert [(r["value"], r["metric"], r["year"]) for r in rows] == [(1.95e10, "trade_turnover", 2017)]


def test_a_count_keeps_its_own_noun_rather_than_the_previous_sentences_metric():
    rows = extract("Sanctions hit more than 200 companies. Russia banned 63 officials.")
    assert [(r["value"], r["metric"]) for r in rows] == [(200.0, "companies"), (63.0, "people")]


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders exchanged phone calls on their birthdays.",  # counts leaders, not calls
        "The two countries’ island disputes go on.",
        "Two of them sailed on as ships of the line.",
    ],
)
def test_a_number_word_counts_only_the_noun_its_modifiers_lead_to(text):
    assert facts(text) == []
