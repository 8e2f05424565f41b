"""Machine positions against the human coding: the measures, the baselines, the threshold fit."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SMALL_CODEBOOK

from policybrief.analyze.codebook import Codebook, Cue, Dimension, load_codebook
from policybrief.analyze.evidence import article_evidence, evidence_frame
from policybrief.analyze.positions import Thresholds, score_positions
from policybrief.evaluate.positions import (
    agreement_rows,
    constant_positions,
    fit_thresholds,
    lexicon_leave_one_out,
    majority_scores,
)

DIM = Dimension("sanctions", "?", "bipolar", (-2, 2), {}, ("sanction",), (Cue("x", 1.0),))
BOOK = Codebook((DIM,), {}, {}, 4, (0.5, 2.0), 0.5)


def cells(scores):
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(scores))],
            "dimension": "sanctions",
            "score": pd.array(scores, dtype="Float64").astype(float),
        }
    )


def overall(machine, human):
    return next(r for r in agreement_rows(machine, human, BOOK, "dev", "machine") if r["dimension"] == "ALL")


def test_measures_are_taken_over_the_cells_the_human_coded_and_a_machine_null_is_a_miss():
    human, machine = cells([2, 1, -1, None, None]), cells([2, 0, None, 1, None])
    row = overall(machine, human)
    assert (row["n_coded"], row["n_null"]) == (3, 2)
    assert row["direction"] == pytest.approx(1 / 3)  # 2~2 agrees; 1 vs 0 and -1 vs null do not
    assert row["exact"] == pytest.approx(1 / 3)
    assert row["within_one"] == pytest.approx(2 / 3)
    assert row["coverage"] == pytest.approx(2 / 3)
    assert row["invented"] == pytest.approx(1 / 2)  # a stance where the human saw none


def test_neutral_counts_as_its_own_direction():
    row = overall(cells([0, 1]), cells([0, -1]))
    assert row["direction"] == pytest.approx(1 / 2)


def test_alpha_is_one_for_perfect_agreement_and_missing_without_variation():
    assert overall(cells([2, 1, -1]), cells([2, 1, -1]))["alpha"] == pytest.approx(1.0)
    assert overall(cells([1, 1]), cells([1, 1]))["alpha"] is None


def test_baselines_give_every_coded_cell_one_value():
    human = cells([1, 1, -2, None])
    assert majority_scores(human) == {"sanctions": 1.0}
    neutral = constant_positions(human, lambda d: 0.0)
    row = overall(neutral, human)
    assert row["coverage"] == 1.0 and row["invented"] == 1.0 and row["exact"] == 0.0


def test_majority_ties_go_to_the_score_nearest_neutral():
    assert majority_scores(cells([2, -1, 2, -1])) == {"sanctions": -1.0}


def test_threshold_fit_prefers_the_value_that_reproduces_human_nulls():
    # a0 has weak evidence (weight 1) and the human says "not addressed"; a1 has strong evidence
    evidence = pd.DataFrame(
        {
            "article_id": ["a0", "a1"],
            "dimension": "sanctions",
            "sentence": ["s", "t"],
            "start": [0, 0],
            "end": [1, 1],
            "cue": "x",
            "value": [1.0, 1.0],
            "weight": [1.0, 4.0],
            "polarity": 1,
            "normative": False,
        }
    )
    fitted, grid = fit_thresholds(evidence, cells([None, 1]), BOOK)
    assert fitted == {"sanctions": Thresholds(2.0, 2.0)}
    assert set(grid["direction_threshold"]) == {0.5, 2.0}
    # with only a1 coded, nothing argues against the default
    fitted, _ = fit_thresholds(evidence[evidence["article_id"] == "a1"], cells([None, 1]).iloc[1:], BOOK)
    assert fitted == {"sanctions": Thresholds(0.5, 0.5)}


def test_the_fit_learns_when_a_discussed_question_without_direction_is_coded_neutral():
    # a0 discusses sanctions with weak evidence and the human reads it as neutral (0)
    evidence = pd.DataFrame(
        {
            "article_id": ["a0", "a1"],
            "dimension": "sanctions",
            "sentence": ["s", "t"],
            "start": [0, 0],
            "end": [1, 1],
            "cue": "x",
            "value": [1.0, 1.0],
            "weight": [1.0, 4.0],
            "polarity": 1,
            "normative": False,
        }
    )
    discussed = frozenset({("a0", "sanctions"), ("a1", "sanctions")})
    fitted, _ = fit_thresholds(evidence, cells([0, 1]), BOOK, discussed)
    assert fitted == {"sanctions": Thresholds(2.0, 0.5)}


def test_lexicon_leave_one_out_scores_each_article_without_the_cues_only_it_contains(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(SMALL_CODEBOOK)
    book = load_codebook(path)
    texts = {
        "a": "Japan must tighten sanctions. Japan must maintain sanctions.",  # "tighten" is only here
        "b": "Japan must maintain sanctions.",
    }
    scores, dropped = lexicon_leave_one_out(texts, {}, book, {})
    assert dropped == 1
    sanctions = scores[scores["dimension"] == "sanctions"]
    assert sanctions.set_index("article_id")["score"].to_dict() == {"a": 1.0, "b": 1.0}
    full = {
        a: score_positions(evidence_frame(article_evidence(a, t, [], book)[0]), book, [a], {})
        for a, t in texts.items()
    }
    # with its own cue the article leans further
    assert full["a"].set_index("dimension").at["sanctions", "score"] == 2.0
