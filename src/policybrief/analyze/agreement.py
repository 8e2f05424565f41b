"""Machine-vs-human agreement on the position coding, and the one fitted part of the scorer.

A cell is one article x dimension the human coded. "exact" counts a cell as agreeing when both
scores are equal or both are null (deciding that an author does not address a question is part of
the task); "within_one" when both are null or both are scored and differ by at most 1. Alpha is
Krippendorff's ordinal alpha over the cells both coders scored (a null is a missing value).
"""

from __future__ import annotations

import logging

import krippendorff
import numpy as np
import pandas as pd

from .codebook import Codebook
from .positions import score_positions

log = logging.getLogger(__name__)
AGREEMENT_COLUMNS = ["dimension", "scheme", "n", "exact", "within_one", "alpha"]


def paired(machine: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    cells = human[["article_id", "dimension", "score"]].merge(
        machine[["article_id", "dimension", "score"]],
        on=["article_id", "dimension"],
        suffixes=("_human", "_machine"),
    )
    h, m = cells["score_human"], cells["score_machine"]
    both_null = h.isna() & m.isna()
    cells["exact"] = both_null | (h == m).fillna(False)
    cells["within_one"] = both_null | ((h - m).abs() <= 1).fillna(False)
    return cells


def ordinal_alpha(cells: pd.DataFrame) -> float | None:
    data = np.array([cells["score_human"].to_numpy(float), cells["score_machine"].to_numpy(float)])
    scored = data[:, ~np.isnan(data).any(axis=0)]
    if scored.shape[1] < 2 or len(np.unique(scored)) < 2:
        return None  # alpha is undefined without at least two paired cells and two distinct values
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal"))


def agreement_table(
    machine: pd.DataFrame, human: pd.DataFrame, codebook: Codebook, scheme: str
) -> pd.DataFrame:
    cells = paired(machine, human)
    rows = []
    for name, group in [("ALL", cells)] + [(d, cells[cells["dimension"] == d]) for d in codebook.names]:
        rows.append(
            {
                "dimension": name,
                "scheme": scheme,
                "n": len(group),
                "exact": float(group["exact"].mean()) if len(group) else None,
                "within_one": float(group["within_one"].mean()) if len(group) else None,
                "alpha": ordinal_alpha(group) if len(group) else None,
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def fit_thresholds(
    evidence: pd.DataFrame, human: pd.DataFrame, codebook: Codebook, train_ids
) -> dict[str, float]:
    """Per bipolar dimension, the null threshold from the grid that best reproduces the human coding
    of the training articles (ties: the one nearest the codebook default)."""
    train_ids = sorted(set(train_ids) & set(human["article_id"]))
    fitted = {}
    for dim in codebook.dimensions:
        if dim.kind != "bipolar" or not train_ids:
            continue
        truth = human[(human["dimension"] == dim.name) & human["article_id"].isin(train_ids)]

        def quality(t, dim=dim, truth=truth):
            scored = score_positions(evidence, codebook, train_ids, {dim.name: t})
            cells = paired(scored[scored["dimension"] == dim.name], truth)
            return (
                cells["exact"].sum(),
                cells["within_one"].sum(),
                -abs(t - codebook.default_null_threshold),
                -t,
            )

        fitted[dim.name] = max(codebook.null_threshold_grid, key=quality)
    return fitted


def evaluate(
    evidence: pd.DataFrame, human: pd.DataFrame, codebook: Codebook, article_ids
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Positions scored with thresholds fitted on all coded articles, and the agreement table with
    both the in-sample ("full") and the leave-one-article-out figures."""
    article_ids = sorted(article_ids)
    coded = sorted(set(human["article_id"]) & set(article_ids))
    thresholds = fit_thresholds(evidence, human, codebook, coded)
    positions = score_positions(evidence, codebook, article_ids, thresholds)
    held_out = []
    for article_id in coded:
        t = fit_thresholds(evidence, human, codebook, [a for a in coded if a != article_id])
        held_out.append(score_positions(evidence, codebook, [article_id], t))
    loo = pd.concat(held_out, ignore_index=True) if held_out else positions.iloc[0:0]
    table = pd.concat(
        [
            agreement_table(positions, human, codebook, "full"),
            agreement_table(loo, human, codebook, "leave-one-out"),
        ],
        ignore_index=True,
    )
    log.info("null thresholds fitted on %d coded articles: %s", len(coded), thresholds)
    return positions, table, thresholds
