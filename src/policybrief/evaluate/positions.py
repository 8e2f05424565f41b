"""Machine positions against the human coding: agreement, baselines, the lexicon leave-one-out
check, and the fit of the null thresholds (the scorer's only fitted parameters).

Over the cells the human coded (score not null): `direction` (same sign: negative / neutral /
positive), `exact`, `within_one` (both scored, at most one point apart) and `coverage` (the
machine scored at all); a machine null is a miss on all four. Over the cells the human left null:
`invented` (the machine scored anyway). Alpha: Krippendorff's ordinal alpha over the cells both
scored. Every measure is computed for the machine and for two baselines on the same cells, per
dimension, pooled over all dimensions (ALL) and over the bipolar ones (BIPOLAR: without the
salience question, which is easy to get right and would flatter the pooled figure).
"""

from __future__ import annotations

import logging

import krippendorff
import numpy as np
import pandas as pd

from ..analyze.codebook import Codebook, Cue, Dimension
from ..analyze.evidence import article_evidence, build_matcher, cue_occurrences, evidence_frame
from ..analyze.positions import Thresholds, score_positions

log = logging.getLogger(__name__)
AGREEMENT_COLUMNS = [
    "set",
    "dimension",
    "scheme",
    "n_coded",
    "n_null",
    "direction",
    "exact",
    "within_one",
    "coverage",
    "invented",
    "alpha",
]
MACHINE, NEUTRAL, MAJORITY, LEXICON_LOO = "machine", "always_neutral", "majority_class", "lexicon_loo"


def paired(machine: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    """One row per human-coded cell with both scores (score_human, score_machine)."""
    return human[["article_id", "dimension", "score"]].merge(
        machine[["article_id", "dimension", "score"]],
        on=["article_id", "dimension"],
        how="left",
        suffixes=("_human", "_machine"),
    )


def ordinal_alpha(cells: pd.DataFrame) -> float | None:
    data = np.array([cells["score_human"].to_numpy(float), cells["score_machine"].to_numpy(float)])
    scored = data[:, ~np.isnan(data).any(axis=0)]
    if scored.shape[1] < 2 or len(np.unique(scored)) < 2:
        return None  # undefined without two paired cells and two distinct values
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal"))


def _mean(mask: pd.Series) -> float | None:
    return float(mask.mean()) if len(mask) else None


def measures(cells: pd.DataFrame) -> dict:
    h, m = cells["score_human"], cells["score_machine"]
    coded, null = h.notna(), h.isna()
    hc, mc = h[coded], m[coded]
    return {
        "n_coded": int(coded.sum()),
        "n_null": int(null.sum()),
        "direction": _mean(mc.notna() & (np.sign(mc) == np.sign(hc))),
        "exact": _mean(mc.notna() & (mc == hc)),
        "within_one": _mean(mc.notna() & ((mc - hc).abs() <= 1)),
        "coverage": _mean(mc.notna()),
        "invented": _mean(m[null].notna()),
        "alpha": ordinal_alpha(cells[coded]),
    }


def agreement_rows(
    machine: pd.DataFrame, human: pd.DataFrame, codebook: Codebook, set_name: str, scheme: str
):
    cells = paired(machine, human)
    bipolar = [d.name for d in codebook.dimensions if d.kind == "bipolar"]
    groups = [("ALL", cells), ("BIPOLAR", cells[cells["dimension"].isin(bipolar)])]
    groups += [(d, cells[cells["dimension"] == d]) for d in codebook.names]
    return [
        {"set": set_name, "dimension": name, "scheme": scheme, **measures(group)}
        for name, group in groups
        if len(group)
    ]


def constant_positions(human: pd.DataFrame, value_of) -> pd.DataFrame:
    """A baseline 'machine' that gives every cell of `human` the value value_of(dimension)."""
    out = human[["article_id", "dimension"]].copy()
    out["score"] = [value_of(d) for d in out["dimension"]]
    return out


def majority_scores(human: pd.DataFrame) -> dict[str, float]:
    """Per dimension, the most frequent human score (ties: the one nearest neutral)."""
    out = {}
    for dimension, group in human.dropna(subset=["score"]).groupby("dimension"):
        counts = group["score"].value_counts()
        best = counts.max()
        out[dimension] = min((s for s, n in counts.items() if n == best), key=lambda s: (abs(s), s))
    return out


def _without(codebook: Codebook, dropped: dict[str, set[int]]) -> Codebook:
    """The codebook minus the given cue indices per dimension (a dimension keeps at least nothing)."""
    dims = []
    for dim in codebook.dimensions:
        keep = tuple(c for i, c in enumerate(dim.cues) if i not in dropped.get(dim.name, set()))
        dims.append(Dimension(**{**dim.__dict__, "cues": keep or (Cue("\u0000never", 0.0),)}))
    return Codebook(**{**codebook.__dict__, "dimensions": tuple(dims)})


def lexicon_leave_one_out(texts: dict[str, str], quote_spans: dict, codebook: Codebook, thresholds: dict):
    """Each article scored with the cues that occur in it and in no other article of `texts` removed:
    what the scorer would say had its cue lists been written without that article."""
    matcher = build_matcher(codebook)
    occurrences = {a: cue_occurrences(texts[a], matcher) for a in sorted(texts)}
    frames, dropped_total = [], 0
    for article_id in sorted(texts):
        elsewhere = set().union(*(occ for other, occ in occurrences.items() if other != article_id))
        only_here = occurrences[article_id] - elsewhere
        dropped: dict[str, set[int]] = {}
        for dim_name, index in only_here:
            dropped.setdefault(dim_name, set()).add(index)
        dropped_total += len(only_here)
        reduced = _without(codebook, dropped)
        rows, discussed = article_evidence(
            article_id, texts[article_id], quote_spans.get(article_id, []), reduced, build_matcher(reduced)
        )
        found = frozenset((article_id, d) for d in discussed)
        frames.append(score_positions(evidence_frame(rows), reduced, [article_id], thresholds, found))
        log.info("lexicon leave-one-out %s: %d cues only in this article dropped", article_id, len(only_here))
    return pd.concat(frames, ignore_index=True), dropped_total


def fit_thresholds(
    evidence: pd.DataFrame, human: pd.DataFrame, codebook: Codebook, discussed=frozenset()
) -> tuple[dict[str, Thresholds], pd.DataFrame]:
    """Per bipolar dimension, the pair of grid thresholds (direction, addressed <= direction) that
    best reproduces the human coding of the training articles: most direction agreements, then
    most exact ones, then fewest invented stances, then the pair nearest the codebook default."""
    ids = sorted(set(human["article_id"]))
    grid = codebook.null_threshold_grid
    default = codebook.default_null_threshold
    fitted, grid_rows = {}, []
    for dim in codebook.dimensions:
        if dim.kind != "bipolar":
            continue
        truth = human[human["dimension"] == dim.name]
        best = None
        for direction in grid:
            for addressed in [a for a in grid if a <= direction]:
                pair = Thresholds(direction, addressed)
                scored = score_positions(evidence, codebook, ids, {dim.name: pair}, discussed)
                m = measures(paired(scored[scored["dimension"] == dim.name], truth))
                n, k = m["n_coded"], m["n_null"]
                quality = (
                    round((m["direction"] or 0) * n),
                    round((m["exact"] or 0) * n),
                    -round((m["invented"] or 0) * k),
                    -abs(direction - default) - abs(addressed - direction),
                )
                grid_rows.append(
                    {
                        "dimension": dim.name,
                        "direction_threshold": direction,
                        "addressed_threshold": addressed,
                        **m,
                    }
                )
                if best is None or quality > best[0]:
                    best = (quality, pair)
        fitted[dim.name] = best[1]
    return fitted, pd.DataFrame(grid_rows)
