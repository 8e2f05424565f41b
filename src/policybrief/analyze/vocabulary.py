"""Distinctive vocabulary per article and lexical similarity between articles, from the term
counts (nlp.vocabulary_terms) each prepare job stores in the article's facts file.

Distinctiveness is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words", eq. 22): each article against all the others, the prior being
the whole corpus' word counts scaled to PRIOR_SIZE pseudo-counts, z = delta / sqrt(var).
Similarity is the cosine between TF-IDF vectors (smoothed idf, l2-normalised).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

PRIOR_SIZE = 1000.0
TOP_N = 15
MIN_COUNT = 2
TERM_COLUMNS = ["article_id", "term", "z_score", "count", "rank"]
SIMILARITY_COLUMNS = ["article_a", "article_b", "cosine"]


def _counts(counts: dict[str, Counter]) -> tuple[list[str], list[str], np.ndarray]:
    """counts: article id -> its term counts (computed once per article by the prepare stage)."""
    ids = sorted(counts)
    counters = [counts[a] for a in ids]
    vocab = sorted(set().union(*counters))
    column = {w: k for k, w in enumerate(vocab)}
    matrix = np.zeros((len(ids), len(vocab)))
    for i, c in enumerate(counters):
        matrix[i, [column[w] for w in c]] = list(c.values())
    return ids, vocab, matrix


def distinctive_terms(counts: dict[str, Counter], top_n: int = TOP_N) -> pd.DataFrame:
    ids, vocab, y = _counts(counts)
    if len(ids) < 2 or not vocab:
        return pd.DataFrame(columns=TERM_COLUMNS)
    total = y.sum(axis=0)
    alpha = total / total.sum() * PRIOR_SIZE
    a0 = alpha.sum()
    rows = []
    for i, article_id in enumerate(ids):
        yi, yj = y[i], total - y[i]
        ni, nj = yi.sum(), yj.sum()
        delta = np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha))
        z = delta / np.sqrt(1 / (yi + alpha) + 1 / (yj + alpha))
        frequent = np.flatnonzero(yi >= MIN_COUNT)
        order = frequent[np.lexsort((frequent, -z[frequent]))]  # ties: alphabetical, as vocab is sorted
        for rank, k in enumerate(order[:top_n].tolist(), 1):
            rows.append(
                {
                    "article_id": article_id,
                    "term": vocab[k],
                    "z_score": round(float(z[k]), 6),
                    "count": int(yi[k]),
                    "rank": rank,
                }
            )
    return pd.DataFrame(rows, columns=TERM_COLUMNS)


def lexical_similarity(counts: dict[str, Counter]) -> pd.DataFrame:
    ids, _, tf = _counts(counts)
    if len(ids) < 2:
        return pd.DataFrame(columns=SIMILARITY_COLUMNS)
    df = (tf > 0).sum(axis=0)
    tfidf = tf * (np.log((1 + len(ids)) / (1 + df)) + 1)
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    unit = np.divide(tfidf, norms, out=np.zeros_like(tfidf), where=norms > 0)
    cos = unit @ unit.T
    a, b = np.triu_indices(len(ids), k=1)  # every pair once, in (a, b) order
    names = np.array(ids, dtype=object)
    return pd.DataFrame(
        {"article_a": names[a], "article_b": names[b], "cosine": [round(x, 6) for x in cos[a, b].tolist()]},
        columns=SIMILARITY_COLUMNS,
    )
