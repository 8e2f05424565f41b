"""The extract stage's corpus tables: the per-article facts files combined, checked, written."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .. import atomic
from ..tables import write_table
from .article import FACT_TYPES

log = logging.getLogger(__name__)
# output name -> schema name
TABLES = {"articles": "articles", "cleaning_audit": "cleaning_audit", **{t: t for t in FACT_TYPES}}


def build_tables(facts_paths, outputs: dict) -> dict[str, pd.DataFrame]:
    """Facts were grounded when each article was prepared; rows stay in article, then span order."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for path in sorted(facts_paths, key=lambda p: Path(p).stem):
        article_id = Path(path).stem
        facts = atomic.read_json(path)
        rows["articles"].append(facts["article"])
        rows["cleaning_audit"].extend(
            {"article_id": article_id, **row} for row in facts["audit"]["paragraphs"]
        )
        for fact_type in FACT_TYPES:
            rows[fact_type].extend(facts[fact_type])
    log.info("combined %d articles: %s", len(facts_paths), {t: len(rows[t]) for t in FACT_TYPES})
    return {name: write_table(pd.DataFrame(rows[name]), outputs[name], TABLES[name]) for name in TABLES}
