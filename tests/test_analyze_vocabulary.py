"""Distinctive terms (log-odds with informative Dirichlet prior) and TF-IDF similarity."""

from __future__ import annotations

from collections import Counter

import pytest

from policybrief.analyze.vocabulary import distinctive_terms, lexical_similarity
from policybrief.nlp import vocabulary_terms as terms


def counts(texts: dict[str, str]) -> dict[str, Counter]:
    return {a: Counter(terms(t)) for a, t in texts.items()}


TEXTS = counts(
    {
        "a": "sanctions sanctions sanctions treaty islands Russia Russia",
        "b": "China China China treaty islands Russia Russia",
        "c": "sanctions treaty islands Russia Russia China",
    }
)


def test_an_articles_own_frequent_word_ranks_first():
    terms = distinctive_terms(TEXTS)
    top = terms[terms["rank"] == 1].set_index("article_id")["term"].to_dict()
    assert top["a"] == "sanctions" and top["b"] == "china"
    assert "the" not in set(terms["term"])


def test_similarity_is_symmetric_pairs_in_unit_range():
    sim = lexical_similarity(TEXTS)
    assert len(sim) == 3 and sim["cosine"].between(0, 1).all()
    same = lexical_similarity(counts({"x": "treaty islands", "y": "treaty islands"}))
    assert same["cosine"].iloc[0] == pytest.approx(1.0)
