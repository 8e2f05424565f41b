"""Run extraction over the corpus and write the grounded fact tables of data/processed/."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .. import atomic
from ..grounding import check_grounding
from ..tables import write_table
from . import FACT_TYPES, Resources, extract_article

log = logging.getLogger(__name__)


def _article_row(source, ingested: dict, audit: dict, clean_text: str) -> dict:
    authors = list(source.authors) or list(audit.get("authors_from_bios") or [])
    return {
        "article_id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "authors": authors,
        "published": source.published,
        "words_raw": ingested["words_raw"],
        "words_clean": len(clean_text.split()),
        "sha256": source.sha256,
    }


def build_tables(
    sources, texts, audits, paragraphs, gazetteer, metrics, settings, outputs
) -> dict[str, pd.DataFrame]:
    resources = Resources.load(gazetteer, metrics, settings)
    by_id = {Path(p).stem: p for p in texts}
    audit_by_id = {Path(p).stem: p for p in audits}
    para_by_id = {Path(p).stem: p for p in paragraphs}
    article_rows, audit_rows = [], []
    facts: dict[str, list[dict]] = {t: [] for t in FACT_TYPES}
    clean_texts: dict[str, str] = {}
    for source in sorted(sources, key=lambda s: s.id):
        text = Path(by_id[source.id]).read_text(encoding="utf-8")
        clean_texts[source.id] = text
        audit = atomic.read_json(audit_by_id[source.id])
        article_rows.append(_article_row(source, atomic.read_json(para_by_id[source.id]), audit, text))
        audit_rows.extend({"article_id": source.id, **row} for row in audit["paragraphs"])
        for fact_type, rows in extract_article(source.id, text, source.published, resources).items():
            facts[fact_type].extend(rows)
        log.info("extracted %s: %s", source.id, {k: len(v) for k, v in facts.items()})

    frames = {"articles": pd.DataFrame(article_rows), "audit": pd.DataFrame(audit_rows)}
    for fact_type in FACT_TYPES:
        df = pd.DataFrame(facts[fact_type])
        if not df.empty:
            df = df.sort_values(["article_id", "start", "end"], kind="stable")
        check_grounding(fact_type, df, clean_texts)
        frames[fact_type] = df
    schema_of = {"articles": "articles", "audit": "cleaning_audit", **{t: t for t in FACT_TYPES}}
    return {name: write_table(df, outputs[name], schema_of[name]) for name, df in frames.items()}
