"""Corroborated and contradicted facts, and the merged timeline, on hand-built tables."""

from __future__ import annotations

import pandas as pd

from policybrief.analyze.compare import (
    compare,
    compare_event_dates,
    compare_quantities,
    format_value,
    granularity,
    interval,
)
from policybrief.analyze.timeline import cluster_events


def quantities(rows):
    cols = ["article_id", "value", "unit", "metric", "year", "qualifier", "sentence", "start", "end"]
    df = pd.DataFrame(rows, columns=cols)
    df["year"] = df["year"].astype("Int64")
    return df


def events(rows):
    return pd.DataFrame(
        rows, columns=["article_id", "date", "precision", "description", "actors", "sentence", "start", "end"]
    )


def date_conflicts(rows):
    """(key, sorted article:date sides) of every event-date contradiction."""
    ev = events(rows)
    return [
        (key, sorted(f"{r['article_id']}:{r['date']}" for r in members))
        for _, key, members, _ in compare_event_dates(ev)
    ]


JAPAN, LEADERS = ["Japan"], ["Shinzo Abe", "Vladimir Putin"]


def test_same_happening_dated_differently_at_common_precision_is_one_contradiction():
    found = date_conflicts(
        [
            (
                "a",
                "1945-08",
                "month",
                "islands seized after the announcement of Japan's surrender in August 1945",
                JAPAN,
                "s",
                0,
                1,
            ),
            (
                "b",
                "1945-09",
                "month",
                "Although Japan surrendered to the Allies in September 1945",
                JAPAN,
                "s",
                0,
                1,
            ),
            ("c", "1945", "year", "Japan surrendered in 1945", JAPAN, "s", 0, 1),  # agrees with both at year
            ("d", "1945-09-02", "day", "Japan signed its surrender on 2 September 1945", JAPAN, "s", 0, 1),
        ]
    )
    assert len(found) == 1
    key, sides = found[0]
    assert "surrender" in key and sides == ["a:1945-08", "b:1945-09", "d:1945-09-02"]


def test_dates_a_day_apart_a_span_against_a_point_or_years_apart_do_not_conflict():
    visit = "Putin visited Yamaguchi prefecture in"
    rows = [
        ("a", "2016-12-15", "day", f"{visit} December 15, 2016", ["Vladimir Putin"], "s", 0, 1),
        ("b", "2016-12-16", "day", f"{visit} December 16, 2016", ["Vladimir Putin"], "s", 0, 1),
        ("c", "2016/2017", "year", f"{visit} 2016-2017", ["Vladimir Putin"], "s", 0, 1),
        ("d", "2019-12", "month", f"{visit} December 2019", ["Vladimir Putin"], "s", 0, 1),
    ]
    assert date_conflicts(rows) == []
    rows.append(("e", "2016-12-20", "day", f"{visit} December 20, 2016", ["Vladimir Putin"], "s", 0, 1))
    assert [sides for _, sides in date_conflicts(rows)] == [["a:2016-12-15", "b:2016-12-16", "e:2016-12-20"]]


def test_other_actors_or_only_generic_wording_or_names_make_different_happenings():
    assert (
        date_conflicts(
            [
                (
                    "a",
                    "2024-02-20",
                    "day",
                    "Medvedev on February 20 slammed the Russian line on Japan",
                    JAPAN,
                    "s",
                    4,
                    5,
                ),
                ("b", "2024-10", "month", "Russian incursions in October 2024", JAPAN, "s", 4, 5),
                (
                    "a",
                    "2016-05",
                    "month",
                    "Abe offered an eight-point plan in May 2016",
                    ["Shinzo Abe"],
                    "s",
                    0,
                    1,
                ),
                (
                    "b",
                    "2016-09",
                    "month",
                    "Kishida offered an eight-point plan in September 2016",
                    ["Fumio Kishida"],
                    "s",
                    0,
                    1,
                ),
                (
                    "a",
                    "2018-11",
                    "month",
                    "Abe and Putin met at a summit in November 2018",
                    LEADERS,
                    "s",
                    2,
                    3,
                ),
                (
                    "b",
                    "2018-09",
                    "month",
                    "Abe and Putin met at a summit in September 2018",
                    LEADERS,
                    "s",
                    2,
                    3,
                ),
            ]
        )
        == []
    )


def test_a_happening_one_article_dates_both_ways_recurs_and_is_no_contradiction():
    assert (
        date_conflicts(
            [
                ("a", "2016-05", "month", "Abe toured Sochi in May 2016", ["Shinzo Abe"], "s", 0, 1),
                (
                    "a",
                    "2016-09",
                    "month",
                    "Abe toured Sochi again in September 2016",
                    ["Shinzo Abe"],
                    "s",
                    2,
                    3,
                ),
                ("b", "2016-05", "month", "Abe toured Sochi in May 2016", ["Shinzo Abe"], "s", 0, 1),
                ("c", "2016-09", "month", "Abe toured Sochi in September 2016", ["Shinzo Abe"], "s", 0, 1),
            ]
        )
        == []
    )


def test_round_numbers_are_read_as_ranges():
    assert granularity(27) == 1 and granularity(25) == 5 and granularity(34.8e9) == 1e8
    assert interval(25, "over") == (25, 30)


def test_different_trade_figures_for_the_same_year_contradict():
    q = quantities(
        [
            ("a", 32e9, "USD", "trade_turnover", 2013, "exact", "Trade hit $32 billion in 2013.", 0, 10),
            (
                "b",
                34.8e9,
                "USD",
                "trade_turnover",
                2013,
                "under",
                "In 2013 trade approached $34.8 billion.",
                0,
                10,
            ),
        ]
    )
    _, contradicted = compare_quantities(q)
    assert len(contradicted) == 1
    _kind, key, members, _ = contradicted[0]
    assert key == "trade_turnover 2013 (USD)" and sorted(r["article_id"] for r in members) == ["a", "b"]
    assert format_value(34.8e9, "USD", "under") == "under 34.8 billion USD"


def test_over_25_agrees_with_27_but_a_count_for_another_period_is_not_compared():
    q = quantities(
        [
            ("a", 27, "count", "leader_meetings", None, "exact", "Abe met Putin 27 times.", 0, 5),
            ("b", 25, "count", "leader_meetings", None, "over", "They met over 25 times.", 0, 5),
            ("c", 27, "count", "leader_meetings", None, "exact", "He met him twenty-seven times.", 0, 5),
            (
                "d",
                7,
                "count",
                "leader_meetings",
                None,
                "exact",
                "Between 2012 and 2014 they met seven times.",
                0,
                5,
            ),
        ]
    )
    corroborated, contradicted = compare_quantities(q)
    assert contradicted == []
    assert len(corroborated) == 1
    _, key, members, _ = corroborated[0]
    assert key == "leader_meetings unspecified (count)"
    assert sorted(r["article_id"] for r in members) == ["a", "b", "c"]


def test_generic_metric_and_changes_are_not_set_against_levels():
    q = quantities(
        [
            ("a", 5.3, "percent", "other", 2013, "exact", "x", 0, 1),
            ("b", 9.0, "percent", "other", 2013, "exact", "y", 0, 1),
            ("a", 5.3, "percent", "trade_turnover", 2013, "change", "up 5.3 percent in 2013", 0, 1),
            ("b", 32e9, "USD", "trade_turnover", 2013, "exact", "$32 billion in 2013", 0, 1),
        ]
    )
    assert compare_quantities(q) == ([], [])


def test_timeline_merges_one_happening_across_articles_at_common_precision():
    ev = events(
        [
            (
                "a",
                "2016-05",
                "month",
                "Abe offered an eight-point economic cooperation plan",
                ["Shinzo Abe"],
                "s1",
                0,
                5,
            ),
            (
                "b",
                "2016",
                "year",
                "In 2016 Abe offered Russia an eight-point economic cooperation plan",
                ["Shinzo Abe"],
                "s2",
                0,
                5,
            ),
            ("c", "2016-12", "month", "Putin visited Yamaguchi", ["Vladimir Putin"], "s3", 0, 5),
        ]
    )
    timeline, members = cluster_events(ev)
    assert timeline["n_sources"].tolist() == [2, 1]
    first = timeline.iloc[0]
    assert first["date"] == "2016-05" and first["article_ids"] == ["a", "b"]
    facts, conflicts = compare(ev, quantities([]), timeline, members)
    assert facts["kind"].unique().tolist() == ["event"] and facts["n_sources"].eq(2).all() and conflicts.empty


def test_same_happening_with_different_dates_is_a_date_contradiction():
    ev = events(
        [
            (
                "a",
                "2016-05",
                "month",
                "Abe offered the eight-point economic cooperation plan",
                ["Shinzo Abe"],
                "s1",
                0,
                5,
            ),
            (
                "b",
                "2016-09",
                "month",
                "Abe offered the eight-point economic cooperation plan",
                ["Shinzo Abe"],
                "s2",
                0,
                5,
            ),
        ]
    )
    timeline, members = cluster_events(ev)
    _, conflicts = compare(ev, quantities([]), timeline, members)
    assert conflicts["kind"].unique().tolist() == ["event_date"]
    assert sorted(conflicts["value"]) == ["2016-05", "2016-09"]


def test_a_key_one_article_gives_several_values_for_is_not_a_contradiction():
    q = quantities(
        [
            (
                "a",
                60,
                "percent",
                "trade_share",
                None,
                "exact",
                "Minerals are 60 percent of exports, cars 80 percent.",
                0,
                1,
            ),
            (
                "a",
                80,
                "percent",
                "trade_share",
                None,
                "exact",
                "Minerals are 60 percent of exports, cars 80 percent.",
                2,
                3,
            ),
            ("b", 69, "percent", "trade_share", None, "over", "Energy is over 69% of trade.", 0, 1),
        ]
    )
    assert compare_quantities(q)[1] == []


def test_date_ranges_agree_when_both_ends_agree_at_common_precision():
    from policybrief.analyze.timeline import common_precision_date

    assert common_precision_date("2012-12/2020-09", "month", "2012/2020", "year") == "2012/2020"
    assert common_precision_date("2012/2020", "year", "2012/2019", "year") is None
    assert common_precision_date("2012/2020", "year", "2012", "year") is None


def test_a_report_syndicated_to_thousands_of_articles_is_still_one_contradiction():
    """Copies of one report are compared as one: 5,000 events from 2,500 articles finish quickly
    and give the same answer as the two originals."""
    surrender = "islands seized after the announcement of Japan's surrender in {} 1945"
    rows = [
        (f"a{n:04d}", "1945-08", "month", surrender.format("August"), JAPAN, "s", 0, 1) for n in range(2500)
    ]
    rows += [
        (f"b{n:04d}", "1945-09", "month", surrender.format("September"), JAPAN, "s", 0, 1)
        for n in range(2500)
    ]
    found = date_conflicts(rows)
    assert len(found) == 1 and len(found[0][1]) == 5000
    rows.append(("a0000", "1945-09", "month", surrender.format("September"), JAPAN, "s", 2, 3))
    assert date_conflicts(rows) == []  # one article gives both dates: the happening recurs
