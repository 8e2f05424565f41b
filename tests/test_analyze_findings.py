"""Findings: typed statements (consensus, split, outlier, shift, corroboration, contradiction) built
from small hand-made tables, in the codebook's and metric list's words, strongest first."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from policybrief.analyze.codebook import load_codebook
from policybrief.analyze.compare import compare
from policybrief.analyze.fact_findings import UNDATED_CLARITY
from policybrief.analyze.findings import findings
from policybrief.analyze.statements import source_labels
from policybrief.analyze.timeline import cluster_events
from policybrief.tables import conform

ROOT = Path(__file__).resolve().parents[1]
METRICS = {"trade_turnover": "trade turnover", "leader_meetings": "leaders' meetings"}
AUTHORS = {  # article id -> (authors, outlet, published)
    "a-2015": (["Yoko Hirose"], "Stimson Center", "2015-03"),
    "b-2016": (["Kareem Rifai", "Will Kielm"], None, "2016-10"),
    "c-2022": ([], "Responsible Statecraft", "2022-02"),
    "d-2024": (["James D J Brown"], "RUSI", "2024-03"),
}


@pytest.fixture(scope="module")
def book():
    return load_codebook(ROOT / "config/codebook.yaml")


def articles(ids=AUTHORS):
    return pd.DataFrame(
        [
            {"article_id": a, "title": f"Title {a}", "authors": au, "outlet": o, "published": p}
            for a, (au, o, p) in ids.items()
        ]
    )


def positions(cells: dict, confidence: float = 0.5) -> pd.DataFrame:
    """cells: (article, dimension) -> score, or None for "not addressed"."""
    rows = []
    for (aid, dim), score in sorted(cells.items()):
        status = "not addressed" if score is None else ("position" if score else "no clear direction")
        rows.append(
            {
                "article_id": aid,
                "dimension": dim,
                "score": score,
                "status": status,
                "confidence": confidence,
                "evidence": None if score is None else f"{aid} says so about {dim}.",
                "start": None if score is None else 0,
                "end": None if score is None else 10,
            }
        )
    df = pd.DataFrame(rows)
    df["start"], df["end"] = df["start"].astype("Int64"), df["end"].astype("Int64")
    return df


EMPTY_Q = pd.DataFrame(
    columns=["article_id", "value", "unit", "metric", "year", "qualifier", "sentence", "start", "end"]
)
EMPTY_E = pd.DataFrame(
    columns=[
        "article_id",
        "date",
        "precision",
        "description",
        "headline",
        "actors",
        "sentence",
        "start",
        "end",
    ]
)


def run(book, pos, quantities=EMPTY_Q, events=EMPTY_E, arts=None):
    arts = articles() if arts is None else arts
    timeline, members = cluster_events(events)
    corroborated, contradictions = compare(events, quantities, timeline, members)
    df = findings(
        pos, arts, book, quantities, events, timeline, members, corroborated, contradictions, METRICS
    )
    return conform(df, "findings")


def one(df: pd.DataFrame, kind: str, subject: str | None = None) -> pd.DataFrame:
    rows = df[(df["kind"] == kind) & ((df["subject"] == subject) if subject else True)]
    assert rows["finding_id"].nunique() == 1, df[["finding_id", "kind", "subject"]].drop_duplicates()
    return rows


def test_sources_are_named_by_surname_else_outlet_else_title_and_told_apart():
    arts = articles(
        {
            **AUTHORS,
            "e-2015": (["Yoko Hirose"], None, "2015-09"),
            "f-2015": (["Yoko Hirose"], None, "2015-12"),
            "g-2020": (["A B", "C D", "E F"], None, "2020"),
            "h-2021": ([], None, "2021"),
        }
    )
    labels = source_labels(arts)
    assert labels["b-2016"] == "Rifai & Kielm" and labels["c-2022"] == "Responsible Statecraft"
    assert (
        labels["d-2024"] == "Brown"
        and labels["g-2020"] == "B et al."
        and labels["h-2021"] == "“Title h-2021”"
    )
    assert [labels[a] for a in ("a-2015", "e-2015", "f-2015")] == [
        "Hirose (2015a)",
        "Hirose (2015b)",
        "Hirose (2015c)",
    ]


def test_sources_on_one_side_and_none_on_the_other_are_a_consensus(book):
    pos = positions(
        {
            ("a-2015", "sanctions"): 1.0,
            ("b-2016", "sanctions"): 2.0,
            ("c-2022", "sanctions"): 0.0,
            ("d-2024", "sanctions"): None,
        },
        confidence=0.6,
    )
    rows = one(run(book, pos), "consensus", "sanctions")
    first = rows.iloc[0]
    assert first["statement"] == (
        "Sanctions on Russia: Hirose and Rifai & Kielm are for tightening; none is for easing. "
        "Responsible Statecraft takes no clear direction."
    )
    assert sorted(rows["article_id"]) == ["a-2015", "b-2016"] and first["n_articles"] == 2
    # coverage 2/4 x confidence 0.6 x clarity 2/3 (of the three sources addressing the question)
    assert first["strength"] == pytest.approx(2 / 4 * 0.6 * 2 / 3, abs=1e-4)
    assert set(rows["side"]) == {"for tightening", "firmly for tightening"}


def test_one_source_with_a_position_makes_no_consensus(book):
    pos = positions(
        {("a-2015", "sanctions"): 1.0, ("b-2016", "sanctions"): 0.0, ("c-2022", "sanctions"): None}
    )
    assert run(book, pos).empty


def test_opposite_sides_are_a_split_and_one_source_against_several_an_outlier(book):
    pos = positions(
        {
            ("a-2015", "engagement"): -1.0,
            ("b-2016", "engagement"): -2.0,
            ("c-2022", "engagement"): 1.0,
            ("d-2024", "engagement"): 2.0,
            ("a-2015", "abe_legacy"): 1.0,
            ("b-2016", "abe_legacy"): 1.0,
            ("c-2022", "abe_legacy"): 2.0,
            ("d-2024", "abe_legacy"): -2.0,
        }
    )
    df = run(book, pos)
    split = one(df, "split", "engagement").iloc[0]
    assert split["statement"] == (
        "Posture toward Russia: Hirose and Rifai & Kielm are confrontational, while Responsible Statecraft "
        "and Brown are engaging."
    )
    assert split["strength"] == pytest.approx(4 / 4 * 0.5 * (1.5 - -1.5) / 4, abs=1e-4)
    outlier = one(df, "outlier", "abe_legacy").iloc[0]
    assert outlier["statement"] == (
        "Abe's Russia policy: Brown alone is firmly critical; "
        "Hirose, Rifai & Kielm and Responsible Statecraft are favourable."
    )
    assert outlier["strength"] == pytest.approx(1.0 * 0.5 * abs(-2 - 4 / 3) / 4, abs=1e-4)


def test_a_change_of_position_between_earlier_and_later_sources_is_a_shift(book):
    pos = positions(
        {
            ("a-2015", "settlement_outlook"): 2.0,
            ("b-2016", "settlement_outlook"): 1.0,
            ("c-2022", "settlement_outlook"): 0.0,
            ("d-2024", "settlement_outlook"): -1.0,
        }
    )
    shift = one(run(book, pos), "shift", "settlement_outlook").iloc[0]
    assert shift["statement"] == (
        "Settlement prospects: sources published up to 2016 are optimistic (Hirose and Rifai & Kielm); "
        "sources published from 2022 on are pessimistic (Responsible Statecraft and Brown)."
    )
    assert shift["strength"] == pytest.approx(1.0 * 0.5 * 2.0 / 4, abs=1e-4)


def test_no_shift_when_a_half_is_itself_split(book):
    pos = positions(
        {
            ("a-2015", "settlement_outlook"): 2.0,
            ("b-2016", "settlement_outlook"): -1.0,
            ("c-2022", "settlement_outlook"): -1.0,
            ("d-2024", "settlement_outlook"): -2.0,
        }
    )
    assert "shift" not in set(run(book, pos)["kind"])


def test_a_topic_most_sources_give_the_same_weight_is_a_consensus_in_its_words(book):
    pos = positions(
        {
            ("a-2015", "china_factor"): 2.0,
            ("b-2016", "china_factor"): 2.0,
            ("c-2022", "china_factor"): 2.0,
            ("d-2024", "china_factor"): 0.0,
        }
    )
    rows = one(run(book, pos), "consensus", "china_factor")
    assert rows.iloc[0]["statement"] == (
        "China's weight in the argument: central for Hirose, Rifai & Kielm and Responsible Statecraft; "
        "absent for Brown."
    )
    tied = positions({("a-2015", "china_factor"): 2.0, ("b-2016", "china_factor"): 1.0})
    assert run(book, tied).empty


def _q(aid, value, qualifier, sentence, metric="trade_turnover", unit="USD", year=2013):
    return {
        "article_id": aid,
        "value": value,
        "unit": unit,
        "metric": metric,
        "year": year,
        "qualifier": qualifier,
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
    }


def test_figures_in_dispute_and_figures_agreed_are_told_with_their_labels_and_units(book):
    q = pd.DataFrame(
        [
            _q("a-2015", 32e9, "exact", "Trade hit $32 billion in 2013."),
            _q("c-2022", 34.8e9, "approx", "In 2013 trade approached $34.8 billion."),
            _q("b-2016", 27, "exact", "They met 27 times.", "leader_meetings", "count", None),
            _q("d-2024", 25, "over", "They met over 25 times.", "leader_meetings", "count", None),
        ]
    )
    q["year"] = q["year"].astype("Int64")
    df = run(book, positions({("a-2015", "sanctions"): None}), quantities=q)
    dispute = one(df, "contradiction").iloc[0]
    assert dispute["statement"] == (
        "Trade turnover in 2013: Hirose gives $32 billion, "
        "while Responsible Statecraft gives about $34.8 billion."
    )
    assert dispute["strength"] == pytest.approx(2 / 4)
    agreed = one(df, "corroboration").iloc[0]
    assert agreed["statement"] == "Leaders' meetings: Rifai & Kielm and Brown both give 27."
    assert agreed["strength"] == pytest.approx(2 / 4 * UNDATED_CLARITY)
    assert list(df["rank"].drop_duplicates()) == [1, 2]  # the dated dispute is stronger


def _e(aid, date, precision, sentence, headline, actors=("Japan",)):
    return {
        "article_id": aid,
        "date": date,
        "precision": precision,
        "description": sentence,
        "headline": headline,
        "actors": list(actors),
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
        "surface": date,
    }


def test_events_several_sources_report_or_date_differently_cite_their_timeline_entry(book):
    ev = pd.DataFrame(
        [
            _e(
                "a-2015",
                "1945-09",
                "month",
                "Japan surrendered to the Allies in September 1945.",
                "Japan surrendered to the Allies",
            ),
            _e("d-2024", "1945-08", "month", "Japan's surrender in August 1945 ended the war.", None),
            _e(
                "b-2016",
                "2022-03-21",
                "day",
                "Russia suspended the peace treaty talks on 21 March 2022.",
                "Russia suspended the peace treaty talks",
                ("Russia",),
            ),
            _e(
                "c-2022",
                "2022-03",
                "month",
                "In March 2022 Russia suspended the peace treaty talks.",
                "Russia suspended the peace treaty talks",
                ("Russia",),
            ),
        ]
    )
    df = run(book, positions({("a-2015", "sanctions"): None}), events=ev)
    corroborated = one(df, "corroboration")
    assert corroborated.iloc[0]["statement"] == (
        "Russia suspended the peace treaty talks (21 March 2022): "
        "reported by Rifai & Kielm and Responsible Statecraft."
    )
    assert corroborated["event_id"].notna().all() and corroborated["event_id"].nunique() == 1
    disputed = one(df, "contradiction")
    assert disputed.iloc[0]["statement"] == (
        "Japan surrendered to the Allies: Brown dates it to August 1945, "
        "while Hirose dates it to September 1945."
    )
    assert disputed["event_id"].notna().all()


def test_statements_carry_no_ids_and_the_table_is_ordered_and_deterministic(book):
    cells = {
        (a, d): s
        for d, scores in {
            "engagement": (-1.0, -2.0, 1.0, 2.0),
            "abe_legacy": (1.0, 1.0, 2.0, -2.0),
            "sanctions": (1.0, 2.0, 0.0, None),
            "china_factor": (2.0, 2.0, 2.0, 0.0),
        }.items()
        for a, s in zip(AUTHORS, scores)
    }
    first = run(book, positions(cells))
    second = run(book, positions(cells).sample(frac=1, random_state=3), arts=articles().iloc[::-1])
    pd.testing.assert_frame_equal(first, second)
    ids = set(AUTHORS) | set(book.names) | set(METRICS)
    for statement in first["statement"].unique():
        assert not any(re.search(rf"\b{re.escape(i)}\b", statement) for i in ids), statement
        assert "(s)" not in statement
    strengths = first.drop_duplicates("finding_id")["strength"].tolist()
    assert strengths == sorted(strengths, reverse=True)
    assert list(first["finding_id"].drop_duplicates()) == [f"K{n:03d}" for n in range(1, len(strengths) + 1)]


def test_the_summary_takes_the_strongest_findings_a_few_of_each_kind():
    from policybrief.analyze.findings import key_findings

    ranked = [
        {"kind": k, "subject_type": "x", "subject": s}
        for k, s in [
            ("corroboration", "F1"),
            ("corroboration", "F2"),
            ("corroboration", "F3"),
            ("contradiction", "C1"),
            ("consensus", "china"),
            ("consensus", "china"),
            ("outlier", "abe"),
            ("split", "engagement"),
            ("shift", "sanctions"),
        ]
    ]
    assert key_findings(ranked) == {0, 1, 3, 4, 6, 7, 8}  # a third corroboration and a second china wait
    assert key_findings(ranked[:3]) == {0, 1, 2}  # fewer than five distinct: all there is
