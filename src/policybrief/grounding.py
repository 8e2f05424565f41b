"""Grounding check: every fact's span must point at its evidence in the clean text.

Plain Python over rows (no pandas import): every per-article job checks its rows before writing
them, and a job's start-up time is paid once per shard.
"""

from __future__ import annotations

import math

# Which column must appear inside clean_text[start:end] for each fact table.
EVIDENCE_COLUMN = {
    "mentions": "surface",
    "events": "surface",
    "quantities": "surface",
    "quotes": "text",
    "positions": "evidence",
    "position_evidence": "sentence",
}


class GroundingError(RuntimeError):
    """A fact points at a span that does not hold its evidence: it must not reach the report."""


def _missing(value) -> bool:
    """None, NaN or pandas' NA (a gap in a nullable column), told apart without importing pandas."""
    if isinstance(value, float):
        return math.isnan(value)
    return value is None or type(value).__name__ == "NAType"


def grounded(row: dict, column: str, clean_text: str) -> bool:
    """Does clean_text[start:end] hold the row's evidence (and lie in its sentence)? A row without a
    span must have no evidence either."""
    if _missing(row.get("start")):
        return _missing(row.get(column)) or not row.get(column)
    span = clean_text[int(row["start"]) : int(row["end"])]
    ok = bool(span) and str(row[column]) in span
    sentence = row.get("sentence")
    if ok and isinstance(sentence, str):
        ok = span in sentence or sentence in clean_text
    return ok


def ungrounded_rows(table: str, df, clean_texts: dict[str, str]):
    """The rows of a table (a DataFrame) whose span does not hold their evidence."""
    if df.empty:
        return df
    column = EVIDENCE_COLUMN[table]
    ok = [grounded(row, column, clean_texts[row["article_id"]]) for row in df.to_dict("records")]
    return df[[not x for x in ok]]


def _error(table: str, bad: list[dict], total_bad: int) -> GroundingError:
    first = bad[0]
    return GroundingError(
        f"{total_bad} {table} row(s) are not grounded in the clean text; first: article "
        f"{first['article_id']!r} span {first['start']}-{first['end']} should contain "
        f"{str(first[EVIDENCE_COLUMN[table]])[:80]!r}"
    )


def check_grounding(table: str, df, clean_texts: dict[str, str]) -> None:
    bad = ungrounded_rows(table, df, clean_texts)
    if not bad.empty:
        raise _error(table, bad.to_dict("records"), len(bad))


def check_grounding_rows(table: str, rows: list[dict], clean_text: str) -> None:
    """The same check for one article's rows, before they are written."""
    column = EVIDENCE_COLUMN[table]
    bad = [row for row in rows if not grounded(row, column, clean_text)]
    if bad:
        article_id = rows[0].get("article_id", "article")
        raise _error(table, [{"article_id": article_id, **row} for row in bad], len(bad))
