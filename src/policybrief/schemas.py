"""Data contracts between stages: the columns, types and invariants of every table in data/processed/.

Every table is checked against its schema when it is written (see tables.write_table),
so a stage that breaks the contract fails loudly where the break happens.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column

from .extract.headlines import is_headline

ENTITY_TYPES = ["person", "organisation", "place", "country"]
PRECISIONS = ["year", "month", "day"]
QUALIFIERS = ["exact", "approx", "over", "under", "change"]
ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ISO_DATE_OR_RANGE = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"


def _on_the_calendar(iso: str) -> bool:
    """Every end of a date or range names a real month and day ("2020-09-31" does not)."""
    try:
        for part in iso.split("/"):
            date.fromisoformat(part if len(part) == 10 else (part + "-01-01")[:10])
    except ValueError:
        return False
    return True


CALENDAR_DATE = Check(lambda s: s.map(_on_the_calendar), name="calendar_date")
SAFE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _span_columns(nullable: bool = False) -> dict:
    return {
        "start": Column("Int64", Check.ge(0), nullable=nullable),
        "end": Column("Int64", Check.ge(0), nullable=nullable),
    }


def _article_id() -> Column:
    return Column(str, Check.str_matches(SAFE_ID))


def _ordered_span(df):
    ok = df["start"].isna() | (df["end"] > df["start"])
    return ok.fillna(True).astype(bool)


def _headline_grounded(df):
    """A headline is a clause (no relative pronoun or conjunction first) made of its sentence's words."""
    return pd.Series(
        [h is None or h != h or is_headline(h, s) for h, s in zip(df["headline"], df["sentence"])],
        index=df.index,
        dtype=bool,
    )


def _schema(
    name: str,
    columns: dict,
    spans: bool = True,
    nullable_spans: bool = False,
    extra: dict | None = None,
    checks: list | None = None,
) -> pa.DataFrameSchema:
    """Contract columns (article_id, columns, start, end) in contract order, then `extra` ones."""
    cols = {"article_id": _article_id(), **columns}
    checks = list(checks or [])
    if spans:
        cols.update(_span_columns(nullable_spans))
        checks.append(Check(_ordered_span, name="end_after_start"))
    cols.update(extra or {})
    return pa.DataFrameSchema(cols, name=name, checks=checks, coerce=True)


ARTICLES = _schema(
    "articles",
    {
        "title": Column(str),
        "outlet": Column(str, nullable=True),
        "authors": Column(object),
        "published": Column(str, Check.str_matches(ISO_PARTIAL)),
        "words_raw": Column("Int64", Check.ge(0)),
        "words_clean": Column("Int64", Check.ge(0)),
        "sha256": Column(str, Check.str_matches(r"^[0-9a-f]{64}$")),
    },
    spans=False,
)

CLEANING_AUDIT = _schema(
    "cleaning_audit",
    {
        "paragraph": Column("Int64", Check.ge(0)),
        "decision": Column(str, Check.isin(["body", "removed"])),
        "reason": Column(str),
        "text": Column(str),
        "raw_start": Column("Int64", Check.ge(0)),
        "raw_end": Column("Int64", Check.ge(0)),
    },
    nullable_spans=True,
)

MENTIONS = _schema(
    "mentions",
    {
        "entity": Column(str),
        "type": Column(str, Check.isin(ENTITY_TYPES)),
        "surface": Column(str),
    },
    extra={"canonical": Column(bool)},
)

EVENTS = _schema(
    "events",
    {
        "date": Column(str, [Check.str_matches(ISO_DATE_OR_RANGE), CALENDAR_DATE]),
        "precision": Column(str, Check.isin(PRECISIONS)),
        "basis": Column(str, Check.isin(["explicit", "context", "publication"])),
        "description": Column(str),
        # who did what, one clause of the sentence (extract/headlines.py); null when none parses
        "headline": Column(str, nullable=True),
        "actors": Column(object),
        "sentence": Column(str),
    },
    extra={"surface": Column(str)},
    checks=[Check(_headline_grounded, name="headline_is_a_grounded_clause")],
)

QUANTITIES = _schema(
    "quantities",
    {
        "value": Column(float),
        "unit": Column(str),
        "metric": Column(str),
        "year": Column("Int64", nullable=True),
        "qualifier": Column(str, Check.isin(QUALIFIERS)),
        "sentence": Column(str),
    },
    extra={
        "surface": Column(str),
        # linked rows of one article share it: a change's old and new value, one amount in two currencies
        "group": Column("Int64", Check.ge(1), nullable=True),
    },
)

QUOTES = _schema(
    "quotes",
    {
        "speaker": Column(str, nullable=True),
        "speaker_type": Column(
            str, Check.isin(["person", "organisation", "media", "document"]), nullable=True
        ),
        "text": Column(str),
    },
)

# What a position cell says (analyze/positions.py): a direction, a question the article discusses
# without taking one (score 0), or a question it does not discuss (score null).
POSITION_STATUSES = ["position", "no clear direction", "not addressed"]
POSITIONS = _schema(
    "positions",
    {
        "dimension": Column(str),
        "score": Column(float, nullable=True),
        "status": Column(str, Check.isin(POSITION_STATUSES)),
        "confidence": Column(float, Check.in_range(0, 1)),
        "evidence": Column(str, nullable=True),
    },
    nullable_spans=True,
)

# ---- evaluate stage (policybrief.evaluate)
EVALUATION_SETS = ["test", "dev", "seeds"]
EVALUATION = pa.DataFrameSchema(
    {
        "set": Column(str, Check.isin(EVALUATION_SETS)),
        "article_id": Column(str),
        "fact_type": Column(str),
        "tp": Column("Int64", Check.ge(0)),
        "fp": Column("Int64", Check.ge(0)),
        "fn": Column("Int64", Check.ge(0)),
        "precision": Column(float, nullable=True),
        "recall": Column(float, nullable=True),
        "f1": Column(float, nullable=True),
    },
    name="evaluation",
    coerce=True,
)

# ---- analyze stage (policybrief.analyze)
POSITION_EVIDENCE = _schema(
    "position_evidence",
    {
        "dimension": Column(str),
        "sentence": Column(str),
        "cue": Column(str),
        "value": Column(float),
        "weight": Column(float, Check.ge(0)),
        "polarity": Column("Int64", Check.isin([-1, 0, 1])),
        "normative": Column(bool),
    },
)

SHARE = Check.in_range(0, 1)
POSITION_AGREEMENT = pa.DataFrameSchema(
    {
        "set": Column(str, Check.isin(EVALUATION_SETS)),
        "dimension": Column(str),
        "scheme": Column(str, Check.isin(["machine", "always_neutral", "majority_class", "lexicon_loo"])),
        "n_coded": Column("Int64", Check.ge(0)),
        "n_null": Column("Int64", Check.ge(0)),
        "direction": Column(float, SHARE, nullable=True),
        "exact": Column(float, SHARE, nullable=True),
        "within_one": Column(float, SHARE, nullable=True),
        "coverage": Column(float, SHARE, nullable=True),
        "invented": Column(float, SHARE, nullable=True),
        "alpha": Column(float, nullable=True),
    },
    name="position_agreement",
    coerce=True,
)

AUTHOR_DISTANCES = pa.DataFrameSchema(
    {
        "article_a": Column(str, Check.str_matches(SAFE_ID)),
        "article_b": Column(str, Check.str_matches(SAFE_ID)),
        "distance": Column(float, Check.in_range(0, 1), nullable=True),
        "n_dimensions": Column("Int64", Check.ge(0)),
        "split_dimension": Column(str, nullable=True),
    },
    name="author_distances",
    coerce=True,
)

CORROBORATED_FACTS = _schema(
    "corroborated_facts",
    {
        "fact_id": Column(str),
        "kind": Column(str, Check.isin(["event", "quantity"])),
        "key": Column(str),
        "value": Column(str),
        "n_sources": Column("Int64", Check.ge(2)),
        "sentence": Column(str),
    },
)

CONTRADICTIONS = _schema(
    "contradictions",
    {
        "contradiction_id": Column(str),
        "kind": Column(str, Check.isin(["quantity", "event_date"])),
        "key": Column(str),
        "value": Column(str),
        "sentence": Column(str),
    },
)

TIMELINE = pa.DataFrameSchema(
    {
        "event_id": Column(str, unique=True),
        "date": Column(str, [Check.str_matches(ISO_DATE_OR_RANGE), CALENDAR_DATE]),
        "precision": Column(str, Check.isin(PRECISIONS)),
        "description": Column(str),
        "headline": Column(str, nullable=True),  # the first member event's headline that parsed
        "n_sources": Column("Int64", Check.ge(1)),
        "article_ids": Column(object),
        "sentences": Column(object),
    },
    name="timeline",
    coerce=True,
)

DISTINCTIVE_TERMS = pa.DataFrameSchema(
    {
        "article_id": _article_id(),
        "term": Column(str),
        "z_score": Column(float),
        "count": Column("Int64", Check.ge(1)),
        "rank": Column("Int64", Check.ge(1)),
    },
    name="distinctive_terms",
    coerce=True,
)

LEXICAL_SIMILARITY = pa.DataFrameSchema(
    {
        "article_a": Column(str, Check.str_matches(SAFE_ID)),
        "article_b": Column(str, Check.str_matches(SAFE_ID)),
        "cosine": Column(float, Check.in_range(0, 1.000001)),
    },
    name="lexical_similarity",
    coerce=True,
)

FINDING_KINDS = ["consensus", "split", "outlier", "shift", "contradiction", "corroboration"]
# One row per finding and piece of evidence (analyze/findings.py); the finding's columns repeat.
FINDINGS = pa.DataFrameSchema(
    {
        "finding_id": Column(str, Check.str_matches(r"^K\d{3,}$")),
        "rank": Column("Int64", Check.ge(1)),  # 1 = strongest
        "kind": Column(str, Check.isin(FINDING_KINDS)),
        "subject_type": Column(str, Check.isin(["dimension", "quantity", "event"])),
        # a codebook dimension, or the corroborated_facts fact_id / contradictions contradiction_id
        "subject": Column(str),
        "label": Column(str),  # the subject in words ("Settlement prospects", "Trade turnover in 2013")
        "strength": Column(float, Check.in_range(0, 1)),
        "statement": Column(str),  # one or two plain sentences, no ids
        "n_articles": Column("Int64", Check.ge(1)),
        "article_id": _article_id(),
        "side": Column(str),  # what this source says: a position in words, a figure, a date
        "sentence": Column(str, nullable=True),
        **_span_columns(nullable=True),
        "event_id": Column(str, nullable=True),  # the timeline entry the evidence reports, if any
        "key": Column(bool),  # one of the executive summary's findings
    },
    name="findings",
    checks=[Check(_ordered_span, name="end_after_start")],
    coerce=True,
)

ANALYSIS = (
    FINDINGS,
    POSITION_EVIDENCE,
    AUTHOR_DISTANCES,
    CORROBORATED_FACTS,
    CONTRADICTIONS,
    TIMELINE,
    DISTINCTIVE_TERMS,
    LEXICAL_SIMILARITY,
)

BY_NAME = {
    s.name: s
    for s in (
        ARTICLES,
        CLEANING_AUDIT,
        MENTIONS,
        EVENTS,
        QUANTITIES,
        QUOTES,
        POSITIONS,
        EVALUATION,
        POSITION_AGREEMENT,
        *ANALYSIS,
    )
}
