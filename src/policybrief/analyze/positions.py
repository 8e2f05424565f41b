"""Positions: one cell per article and codebook question, from the evidence of evidence.py.

A bipolar cell's score is the weight-averaged value of its cues, rounded to the scale; a mean
leaning one way by at least the codebook's `direction_margin` gives that direction even when it
rounds to 0. The cell needs a total evidence weight of the fitted `direction` threshold
(config/fitted.yaml) for a score; with less, a question the article discusses at the `addressed`
threshold is "no clear direction" (0), else "not addressed" (null). Confidence grows with the
weight and falls with disagreement between the cues. A salience cell counts sentences that speak
to the question against the codebook's steps. The evidence sentence is the one that pulls most
in the cell's direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codebook import Codebook, Dimension

POSITION_COLUMNS = ["article_id", "dimension", "score", "status", "confidence", "evidence", "start", "end"]

# What a cell says: a direction, a question discussed without one, or a question not discussed.
POSITION, NO_DIRECTION, NOT_ADDRESSED = "position", "no clear direction", "not addressed"

CONFIDENCE_HALF_WEIGHT = 2.0  # total evidence weight at which confidence reaches half its ceiling


@dataclass(frozen=True)
class Thresholds:
    """The fitted evidence weights (config/fitted.yaml) a bipolar cell needs: `direction` for a
    score, `addressed` (at most `direction`) for "no clear direction"."""

    direction: float
    addressed: float

    @classmethod
    def default(cls, codebook: Codebook) -> Thresholds:
        return cls(codebook.default_null_threshold, codebook.default_null_threshold)

    @classmethod
    def read(cls, fitted: dict) -> dict[str, Thresholds]:
        return {dim: cls(t["direction"], t["addressed"]) for dim, t in fitted["thresholds"].items()}


def _round_half_away(x: float) -> float:
    return float(math.copysign(math.floor(abs(x) + 0.5), x))


def _kahan(values) -> float:
    """Compensated sum, as pandas' groupby sum does it: the same evidence gives the same pull."""
    total = compensation = 0.0
    for x in values:
        y = x - compensation
        t = total + y
        compensation = (t - total) - y
        total = t
    return total


def _best_sentence(ev: list[tuple], amount) -> tuple[str, int, int]:
    """The sentence with the largest summed amount, the earliest on a tie."""
    per_sentence: dict[tuple, list[float]] = {}
    for sentence, start, end, value, weight in ev:
        per_sentence.setdefault((start, end, sentence), []).append(amount(value, weight))
    start, end, sentence = min(per_sentence, key=lambda k: (-_kahan(per_sentence[k]), k))
    return sentence, start, end


def _cell(
    article_id: str, dim: Dimension, ev: list[tuple], thresholds: Thresholds, discussed: bool, margin: float
) -> dict:
    """ev: (sentence, start, end, value, weight) in evidence order. Plain Python and numpy sums, as
    this runs once per article x dimension and again for every threshold tried in fitting.
    Enough evidence weight gives a direction; less, in an article that discusses the question,
    gives "no clear direction" (0) when it reaches the `addressed` threshold; else "not addressed"."""
    row = {
        "article_id": article_id,
        "dimension": dim.name,
        "score": None,
        "status": NOT_ADDRESSED,
        "evidence": None,
        "start": None,
        "end": None,
    }
    if dim.kind == "salience":
        n = len({(start, end, sentence) for sentence, start, end, _, _ in ev})
        row["score"] = float(sum(n >= t for t in dim.salience))
        row["status"] = POSITION
        row["confidence"] = round(min(1.0, 0.5 + 0.1 * n), 3) if n else 0.9
        if n:
            sentence, start, end = _best_sentence(ev, lambda value, weight: 1.0)
            row.update(evidence=sentence, start=start, end=end)
        return row
    ev = [e for e in ev if e[4] > 0]
    weights = np.array([e[4] for e in ev], dtype=float)
    values = np.array([e[3] for e in ev], dtype=float)
    total = float(weights.sum())
    if total < thresholds.direction or total == 0:
        row["confidence"] = round(1 - total / thresholds.direction, 3) if thresholds.direction else 0.0
        if discussed and total and total >= thresholds.addressed:
            row.update(score=0.0, status=NO_DIRECTION)
        return row
    mean = float((weights * values).sum()) / total
    score = _round_half_away(mean)
    if score == 0 and abs(mean) >= margin:  # leaning one way, though less than half a point
        score = math.copysign(1, mean)
    score = min(max(score, dim.scale[0]), dim.scale[1])
    spread = math.sqrt(float((weights * (values - mean) ** 2).sum()) / total)
    agreement = max(0.0, 1 - spread / (dim.span / 2))
    row["score"] = score + 0.0  # no negative zero
    row["status"] = POSITION if score else NO_DIRECTION
    row["confidence"] = round(total / (total + CONFIDENCE_HALF_WEIGHT) * agreement, 3)
    direction = math.copysign(1, score) if score else 0
    sentence, start, end = _best_sentence(
        ev, lambda value, weight: weight * (value * direction if direction else 1)
    )
    row.update(evidence=sentence, start=start, end=end)
    return row


def score_positions(
    evidence: pd.DataFrame,
    codebook: Codebook,
    article_ids,
    thresholds: dict[str, Thresholds],
    discussed: frozenset[tuple[str, str]] = frozenset(),
) -> pd.DataFrame:
    """One row per article x dimension. thresholds: per bipolar dimension (missing: the codebook
    default); discussed: the (article, dimension) pairs whose question the article discusses."""
    article_ids = sorted(article_ids)
    ev = evidence[evidence["article_id"].isin(article_ids)]
    grouped: dict[tuple[str, str], list[tuple]] = {}
    for a, d, *rest in zip(
        ev["article_id"], ev["dimension"], ev["sentence"], ev["start"], ev["end"], ev["value"], ev["weight"]
    ):
        grouped.setdefault((a, d), []).append(tuple(rest))
    rows = [
        _cell(
            article_id,
            dim,
            grouped.get((article_id, dim.name), []),
            thresholds.get(dim.name) or Thresholds.default(codebook),
            (article_id, dim.name) in discussed,
            codebook.direction_margin,
        )
        for article_id in article_ids
        for dim in codebook.dimensions
    ]
    df = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    for col in ("start", "end"):
        df[col] = df[col].astype("Int64")
    df["score"] = df["score"].astype("Float64").astype(float)
    return df


def author_distances(positions: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Mean absolute difference between two articles over the dimensions both scored, each scaled
    by its range (0 = same positions, 1 = opposite poles everywhere). All pairs: one row of pairs at
    a time in numpy, so a thousand articles (half a million pairs) stay quick and small."""
    columns = ["article_a", "article_b", "distance", "n_dimensions", "split_dimension"]
    matrix = positions.pivot(index="article_id", columns="dimension", values="score")
    names = [d.name for d in codebook.dimensions if d.name in matrix.columns]
    spans = np.array([d.span for d in codebook.dimensions if d.name in matrix.columns], dtype=float)
    ids = sorted(matrix.index)
    scores = matrix.reindex(index=ids, columns=names).to_numpy(float)
    parts = []
    for i in range(len(ids) - 1):
        diff = np.abs(scores[i] - scores[i + 1 :]) / spans
        scored = ~np.isnan(diff)
        n = scored.sum(axis=1)
        filled = np.where(scored, diff, -np.inf)
        split = filled.argmax(axis=1)
        has_split = (n > 0) & (filled.max(axis=1, initial=-np.inf) > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            distance = np.where(n > 0, np.where(scored, diff, 0.0).sum(axis=1) / n, np.nan)
        parts.append(
            pd.DataFrame(
                {
                    "article_a": ids[i],
                    "article_b": ids[i + 1 :],
                    "distance": [round(x, 6) for x in distance.tolist()],
                    "n_dimensions": n,
                    "split_dimension": np.where(has_split, np.array(names, dtype=object)[split], None),
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
