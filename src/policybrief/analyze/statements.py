"""How findings are worded: sources named as a reader knows them (authors' surnames, else the
outlet, else the title; never an id), positions in the codebook's own words, and the finding row
every kind of finding shares."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from ..report.render import count_word, join_words
from .codebook import Dimension
from .positions import NO_DIRECTION

NAMES_MAX = 4  # sources named in a statement; more are counted ("and four others")


def source_labels(articles: pd.DataFrame) -> dict[str, str]:
    """How a statement names each article: its authors' surnames ("Brown", "Rifai & Kielm",
    "Smith et al."), else its outlet, else its title in quotation marks. Two articles with the same
    label get their year, then a letter ("Brown (2022a)")."""
    base = {}
    for r in articles.sort_values("article_id").itertuples():
        authors = [a for a in (list(r.authors) if _listed(r.authors) else []) if a]
        surnames = [a.split()[-1] for a in authors]
        if len(surnames) == 1:
            base[r.article_id] = surnames[0]
        elif len(surnames) == 2:
            base[r.article_id] = " & ".join(surnames)
        elif surnames:
            base[r.article_id] = f"{surnames[0]} et al."
        elif isinstance(r.outlet, str) and r.outlet:
            base[r.article_id] = r.outlet
        else:
            base[r.article_id] = f"“{r.title}”"
    published = articles.set_index("article_id")["published"].astype(str)
    labels, seen = dict(base), Counter(base.values())
    for aid, label in base.items():
        if seen[label] > 1:
            labels[aid] = f"{label} ({published[aid][:4]})"
    again = Counter(labels.values())
    letters: Counter = Counter()
    for aid in sorted(labels):
        label = labels[aid]
        if again[label] > 1:
            letters[label] += 1
            labels[aid] = f"{label[:-1]}{chr(96 + letters[label])})"
    return labels


def _listed(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _plural_label(label: str) -> bool:
    return " & " in label or label.endswith("et al.")


class Sources:
    """Names groups of sources in a statement, with the verb agreeing."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels

    def name(self, ids) -> str:
        ids = list(ids)
        if len(ids) <= NAMES_MAX:
            return join_words(self.labels.get(a, a) for a in ids)
        named = join_words([self.labels.get(a, a) for a in ids], limit=NAMES_MAX - 1)
        return f"{count_word(len(ids))} sources ({named})"

    def plural(self, ids) -> bool:
        ids = list(ids)
        return len(ids) > 1 or (len(ids) == 1 and _plural_label(self.labels.get(ids[0], "")))

    def say(self, ids, dim: Dimension, score) -> str:
        """ "Hirose and Rifai & Kielm are for tightening"."""
        ids = list(ids)
        return f"{self.name(ids)} {stance(dim, score, self.plural(ids))}"


def _be(plural: bool) -> str:
    return "are" if plural else "is"


def describe(dim: Dimension, score) -> str:
    """Dimension.describe for a table cell (numpy numbers, NaN for not addressed)."""
    return dim.describe(None if score is None or score != score else float(score))


def stance(dim: Dimension, score, plural: bool) -> str:
    """ "is pessimistic", "are firmly critical", "takes no clear direction"."""
    words = describe(dim, score)
    if words == NO_DIRECTION:
        return "take no clear direction" if plural else "takes no clear direction"
    return f"{_be(plural)} {words}"


def finding(kind, subject_type, subject, label, coverage, confidence, clarity, statement, evidence):
    return {
        "kind": kind,
        "subject_type": subject_type,
        "subject": subject,
        "label": label,
        "strength": round(max(0.0, min(1.0, coverage * confidence * clarity)), 4),
        "statement": statement,
        "evidence": evidence,
    }
