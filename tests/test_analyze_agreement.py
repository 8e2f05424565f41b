"""Agreement between machine and human coding, and the leave-one-out refit."""

from __future__ import annotations

import pandas as pd
import pytest

from policybrief.analyze.agreement import agreement_table, fit_thresholds
from policybrief.analyze.codebook import Codebook, Cue, Dimension

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


def test_exact_counts_null_pairs_and_within_one_tolerates_a_step():
    human, machine = cells([2, 1, None, -2]), cells([2, 0, None, None])
    row = agreement_table(machine, human, BOOK, "full").set_index("dimension").loc["ALL"]
    assert row["n"] == 4
    assert row["exact"] == pytest.approx(2 / 4)
    assert row["within_one"] == pytest.approx(3 / 4)


def test_alpha_is_one_for_perfect_agreement_and_missing_without_variation():
    perfect = agreement_table(cells([2, 1, -1]), cells([2, 1, -1]), BOOK, "full")
    assert perfect["alpha"].iloc[0] == pytest.approx(1.0)
    flat = agreement_table(cells([1, 1]), cells([1, 1]), BOOK, "full")
    assert pd.isna(flat["alpha"].iloc[0])


def test_threshold_fit_prefers_the_value_that_reproduces_human_nulls():
    # article a0 has weak evidence (weight 1) and the human says "not addressed"; a1 has strong evidence
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
    human = cells([None, 1])
    assert fit_thresholds(evidence, human, BOOK, ["a0", "a1"]) == {"sanctions": 2.0}
    # trained only on a1, nothing argues against the default
    assert fit_thresholds(evidence, human, BOOK, ["a1"]) == {"sanctions": 0.5}
