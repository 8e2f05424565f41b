"""Grounding check: every fact's span must point at its evidence in the clean text."""

from __future__ import annotations

import pandas as pd

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


def ungrounded_rows(table: str, df: pd.DataFrame, clean_texts: dict[str, str]) -> pd.DataFrame:
    column = EVIDENCE_COLUMN[table]
    if df.empty:
        return df

    def grounded(row) -> bool:
        if pd.isna(row["start"]):
            return pd.isna(row.get(column)) or not row.get(column)
        span = clean_texts[row["article_id"]][int(row["start"]) : int(row["end"])]
        ok = bool(span) and str(row[column]) in span
        if ok and "sentence" in row and isinstance(row["sentence"], str):
            ok = span in row["sentence"] or row["sentence"] in clean_texts[row["article_id"]]
        return ok

    return df[~df.apply(grounded, axis=1)]


def check_grounding(table: str, df: pd.DataFrame, clean_texts: dict[str, str]) -> None:
    bad = ungrounded_rows(table, df, clean_texts)
    if not bad.empty:
        first = bad.iloc[0]
        raise GroundingError(
            f"{len(bad)} {table} row(s) are not grounded in the clean text; first: article "
            f"{first['article_id']!r} span {first['start']}-{first['end']} should contain "
            f"{str(first[EVIDENCE_COLUMN[table]])[:80]!r}"
        )


def check_grounding_rows(table: str, rows: list[dict], clean_text: str) -> None:
    """The same check for one article's rows, before they are written."""
    if rows:
        article_id = rows[0].get("article_id", "article")
        df = pd.DataFrame(rows).assign(article_id=article_id)
        check_grounding(table, df, {article_id: clean_text})
