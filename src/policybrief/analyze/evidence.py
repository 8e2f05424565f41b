"""Per-article position evidence: the codebook-dependent part of the per-article work.

An `evidence_<corpus>_<shard>` job matches the codebook against each clean text of its shard
and writes data/interim/[unseen/]evidence/shard-<n>.json; editing the codebook reruns these jobs
and the scoring, never the extraction.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .. import atomic
from ..grounding import check_grounding_rows
from .codebook import load_codebook
from .positions import EVIDENCE_COLUMNS, article_evidence, build_matcher, evidence_frame

log = logging.getLogger(__name__)


def quote_spans(facts: dict) -> list[tuple[int, int]]:
    return [(int(q["start"]), int(q["end"])) for q in facts.get("quotes", []) if q.get("start") is not None]


def run_shard(texts: list, facts: list, codebook_path, output) -> None:
    """Evidence of every article of a shard, written to one file: [{article_id, rows, discussed}]."""
    codebook = load_codebook(codebook_path)
    matcher = build_matcher(codebook)
    articles = []
    for text_path, facts_path in zip(texts, facts, strict=True):
        article_id = Path(text_path).stem
        text = Path(text_path).read_text(encoding="utf-8")
        rows, discussed = article_evidence(
            article_id, text, quote_spans(atomic.read_json(facts_path)), codebook, matcher
        )
        rows = evidence_frame(rows).to_dict("records")
        check_grounding_rows("position_evidence", rows, text)
        articles.append({"article_id": article_id, "rows": rows, "discussed": discussed})
        log.info("evidence %s: %d cue matches", article_id, len(rows))
    atomic.write_json(output, articles)


def read_evidence(paths, article_ids=None) -> tuple[pd.DataFrame, frozenset[tuple[str, str]]]:
    """All evidence rows (of `article_ids`, when given) and the (article, dimension) pairs whose
    question the article discusses."""
    rows, discussed = [], set()
    for path in sorted(paths):
        for article in atomic.read_json(path):
            if article_ids is None or article["article_id"] in article_ids:
                rows += article["rows"]
                discussed |= {(article["article_id"], d) for d in article["discussed"]}
    return (evidence_frame(rows) if rows else pd.DataFrame(columns=EVIDENCE_COLUMNS)), frozenset(discussed)
