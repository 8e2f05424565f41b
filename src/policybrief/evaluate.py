"""Evaluation stage: compare extracted facts with the annotated reference set in tests/reference/.

Reference files live at `<reference>/<fact_type>/<article_id>.yaml`, one list of
expected items per article (each folder's README.md is its annotation guideline).
Each fact module defines `match(predicted, reference, clean_text) -> (tp, fp, fn)`;
its docstring states the matching rule.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import yaml

from . import clean
from .extract import events, mentions, quantities, quotes
from .tables import read_table, write_table

log = logging.getLogger(__name__)
MATCHERS = {
    "mentions": mentions.match,
    "events": events.match,
    "quantities": quantities.match,
    "quotes": quotes.match,
}
# Extra rows scored on an existing table and its reference set: fact_type -> (table, matcher).
DERIVED = {
    "quote_speakers": ("quotes", quotes.match_speakers),
    "person_counts": ("mentions", mentions.match_person_counts),
}


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return precision, recall, f1


def load_reference(reference_dir, fact_type: str, article_id: str):
    path = Path(reference_dir) / fact_type / f"{article_id}.yaml"
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def _cleaning_rows(audit: pd.DataFrame, article_ids, reference_dir) -> list[dict]:
    """Paragraph-level body/removed decisions vs tests/reference/cleaning (fact_type "body_paragraphs")."""
    rows = []
    for article_id in sorted(article_ids):
        reference = load_reference(reference_dir, "cleaning", article_id)
        if reference is None:
            continue
        predicted = audit[audit["article_id"] == article_id].to_dict("records")
        tp, fp, fn = clean.score_body_decisions(
            predicted, reference, Path(reference_dir) / "cleaning" / f"{article_id}.yaml"
        )
        rows.append(
            {
                "article_id": article_id,
                "fact_type": "body_paragraphs",
                "tp": tp,
                "fp": fp,
                "fn": fn,
                **dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn))),
            }
        )
    return rows


def evaluate(
    tables: dict[str, pd.DataFrame],
    clean_texts: dict[str, str],
    reference_dir,
    audit: pd.DataFrame | None = None,
) -> pd.DataFrame:
    rows = [] if audit is None else _cleaning_rows(audit, clean_texts, reference_dir)
    for fact_type, (table, matcher) in {**{t: (t, m) for t, m in MATCHERS.items()}, **DERIVED}.items():
        predicted_all = tables[table]
        for article_id in sorted(clean_texts):
            reference = load_reference(reference_dir, table, article_id)
            if reference is None:
                continue
            predicted = predicted_all[predicted_all["article_id"] == article_id]
            tp, fp, fn = matcher(predicted, reference, clean_texts[article_id])
            rows.append(
                {
                    "article_id": article_id,
                    "fact_type": fact_type,
                    "tp": tp,
                    "fp": fp,
                    "fn": fn,
                    **dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn))),
                }
            )
    df = pd.DataFrame(
        rows, columns=["article_id", "fact_type", "tp", "fp", "fn", "precision", "recall", "f1"]
    )
    for fact_type, group in df.groupby("fact_type", sort=True):
        tp, fp, fn = (int(group[c].sum()) for c in ("tp", "fp", "fn"))
        df.loc[len(df)] = {
            "article_id": "ALL",
            "fact_type": fact_type,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            **dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn))),
        }
    return df


def run(table_paths: dict, clean_paths: list, reference_dir, output, audit_path=None) -> pd.DataFrame:
    tables = {t: read_table(table_paths[t]) for t in MATCHERS}
    clean_texts = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in clean_paths}
    audit = read_table(audit_path) if audit_path else None
    df = write_table(evaluate(tables, clean_texts, reference_dir, audit), output, "evaluation")
    summary = df[df["article_id"] == "ALL"][["fact_type", "precision", "recall", "f1"]]
    log.info("evaluation:\n%s", summary.to_string(index=False))
    print(summary.to_string(index=False))
    return df
