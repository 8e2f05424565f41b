"""The schemas reject tables that break the data contracts; grounding rejects misplaced spans."""

import pandas as pd
import pytest

from policybrief.grounding import GroundingError, check_grounding
from policybrief.tables import ContractError, conform, read_table, write_table

QUOTE = {
    "article_id": "a-1",
    "speaker": "Vladimir Putin",
    "speaker_type": "person",
    "text": "We have to compromise",
    "start": 4,
    "end": 25,
}
CLEAN = {"a-1": "He: We have to compromise, he said."}


def test_a_valid_table_round_trips_through_parquet(tmp_path):
    write_table(pd.DataFrame([QUOTE]), tmp_path / "q.parquet", "quotes")
    assert read_table(tmp_path / "q.parquet").to_dict("records")[0]["speaker"] == "Vladimir Putin"


@pytest.mark.parametrize("bad", [{"article_id": "../etc"}, {"start": 30, "end": 10}, {"start": -1}])
def test_rows_breaking_the_contract_are_rejected(bad):
    with pytest.raises(ContractError):
        conform(pd.DataFrame([{**QUOTE, **bad}]), "quotes")


def test_an_empty_table_is_written_with_its_contract_columns(tmp_path):
    df = write_table(pd.DataFrame(), tmp_path / "e.parquet", "events")
    assert {"article_id", "date", "precision", "start", "end"} <= set(df.columns)


def test_a_fact_whose_span_holds_its_evidence_is_grounded():
    check_grounding("quotes", pd.DataFrame([QUOTE]), CLEAN)


def test_a_fact_pointing_elsewhere_fails_the_build():
    with pytest.raises(GroundingError, match="a-1"):
        check_grounding("quotes", pd.DataFrame([{**QUOTE, "start": 0, "end": 10}]), CLEAN)


def test_an_event_dated_on_a_day_the_calendar_lacks_breaks_the_contract():
    event = {
        "article_id": "a-1",
        "date": "2020-09-31",
        "precision": "day",
        "basis": "explicit",
        "description": "met",
        "headline": "They met",
        "actors": [],
        "sentence": "They met.",
        "start": 0,
        "end": 4,
        "surface": "met",
    }
    conform(pd.DataFrame([{**event, "date": "2020-09-30"}]), "events")
    with pytest.raises(ContractError):
        conform(pd.DataFrame([event]), "events")


def test_an_event_headline_must_be_a_clause_of_its_sentence():
    event = {
        "article_id": "a-1",
        "date": "2020",
        "precision": "year",
        "basis": "explicit",
        "description": "who met Abe in 2020",
        "actors": [],
        "sentence": "Putin, who met Abe in 2020, spoke.",
        "start": 0,
        "end": 10,
        "surface": "2020",
    }
    conform(pd.DataFrame([{**event, "headline": "Putin met Abe"}]), "events")
    conform(pd.DataFrame([{**event, "headline": None}]), "events")
    for bad in ("who met Abe", "Putin meets Abe"):
        with pytest.raises(ContractError):
            conform(pd.DataFrame([{**event, "headline": bad}]), "events")
