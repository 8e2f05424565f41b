"""Per-article position evidence: the codebook-dependent part of the per-article work.

An `evidence_<corpus>_<shard>` job matches the codebook against each clean text of its shard
and writes data/interim/[unseen/]evidence/<id>.json; editing the codebook reruns these jobs
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


def run_shard(texts: list, facts: list, codebook_path, outputs: list) -> None:
    codebook = load_codebook(codebook_path)
    matcher = build_matcher(codebook)
    for text_path, facts_path, output in zip(texts, facts, outputs, strict=True):
        article_id = Path(text_path).stem
        text = Path(text_path).read_text(encoding="utf-8")
        rows, discussed = article_evidence(
            article_id, text, quote_spans(atomic.read_json(facts_path)), codebook, matcher
        )
        rows = evidence_frame(rows).to_dict("records")
        check_grounding_rows("position_evidence", rows, text)
        atomic.write_json(output, {"article_id": article_id, "rows": rows, "discussed": discussed})
        log.info("evidence %s: %d cue matches", article_id, len(rows))


def read_evidence(paths) -> tuple[pd.DataFrame, frozenset[tuple[str, str]]]:
    """All evidence rows, and the (article, dimension) pairs whose question the article discusses."""
    rows, discussed = [], set()
    for path in sorted(paths):
        data = atomic.read_json(path)
        rows += data["rows"]
        discussed |= {(data["article_id"], d) for d in data["discussed"]}
    return (evidence_frame(rows) if rows else pd.DataFrame(columns=EVIDENCE_COLUMNS)), frozenset(discussed)
