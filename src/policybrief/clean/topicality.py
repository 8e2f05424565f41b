"""Topicality: how alike two stretches of a page are, as TF-IDF vectors of their content words.

The layout pass uses it to tell the article's own prose from a teaser of another story."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class Vectors:
    """Row-normalised sublinear TF-IDF vectors of the paragraphs (and the headline), stored sparsely.

    numpy only, because the job runs once per article. A dense paragraphs x vocabulary matrix
    grows with the square of an article's length (1.4 s at 1 MB, 4.5 s at 2 MB); each row here
    holds only its own terms, and block sums add only the terms of their rows.
    """

    def __init__(self, docs: list[list[str]]):
        vocab: dict[str, int] = {}
        counted = [Counter(vocab.setdefault(w, len(vocab)) for w in doc) for doc in docs]
        self.size = max(len(vocab), 1)
        self.terms = [np.fromiter(c.keys(), dtype=np.intp, count=len(c)) for c in counted]
        df = np.bincount(np.concatenate([*self.terms, np.zeros(0, dtype=np.intp)]), minlength=self.size)
        idf = np.log((1 + len(docs)) / (1 + df)) + 1
        self.weights = []
        for c, terms in zip(counted, self.terms, strict=True):
            w = (1 + np.log(np.fromiter(c.values(), dtype=float, count=len(c)))) * idf[terms]
            norm = np.sqrt((w * w).sum())
            self.weights.append(w / norm if norm else w)

    def dense(self, rows: list[int]) -> np.ndarray:
        """The sum of `rows` as a full vector (for the few vectors compared with every block)."""
        out = np.zeros(self.size)
        for r in rows:
            np.add.at(out, self.terms[r], self.weights[r])
        return out

    def shares_terms(self, row: int, dense: np.ndarray) -> bool:
        return bool((dense[self.terms[row]] > 0).any())

    def cosine(self, rows: list[int], dense: np.ndarray) -> float:
        """Cosine between the sum of `rows` and a full vector."""
        terms = np.concatenate([self.terms[r] for r in rows])
        weights = np.concatenate([self.weights[r] for r in rows])
        unique, where = np.unique(terms, return_inverse=True)
        summed = np.bincount(where, weights=weights, minlength=len(unique))
        na, nb = np.sqrt((summed * summed).sum()), np.linalg.norm(dense)
        return float(summed @ dense[unique] / (na * nb)) if na and nb else 0.0


def terms(text: str, stopwords: frozenset) -> list[str]:
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    # crude plural folding is enough to match "sanctions"/"sanction" across paragraphs
    return [
        w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if len(w) > 2 and w not in stopwords
    ]
