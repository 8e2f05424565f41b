"""Cleaning decisions compared with the annotated ones, paragraph by paragraph."""

from __future__ import annotations

from ..errors import InputError


def score_body_decisions(audit_rows: list[dict], reference: dict, source="reference") -> tuple[int, int, int]:
    """(tp, fp, fn) of the paragraph-level body decision, body being the positive class.

    Each reference paragraph carries a text prefix, so a reference that no longer matches
    the ingested paragraphs fails loudly instead of scoring the wrong paragraph.
    """
    by_index = {int(row["paragraph"]): row for row in audit_rows}
    expected = reference.get("paragraphs") or []
    if sorted(by_index) != sorted(int(p["paragraph"]) for p in expected):
        raise InputError(
            source,
            f"annotates paragraphs that differ from the {len(by_index)} ingested ones",
            "re-annotate the article: one entry per paragraph of its cleaning audit (in data/interim/facts/)",
        )
    tp = fp = fn = 0
    for item in expected:
        row = by_index[int(item["paragraph"])]
        if not row["text"].startswith(item["prefix"]):
            raise InputError(
                source,
                f"paragraph {item['paragraph']} should start {item['prefix']!r} "
                f"but the ingested text starts {row['text'][:40]!r}",
                "re-annotate the article (its text or paragraph split changed)",
            )
        predicted, wanted = row["decision"] == "body", item["decision"] == "body"
        tp += predicted and wanted
        fp += predicted and not wanted
        fn += wanted and not predicted
    return tp, fp, fn
