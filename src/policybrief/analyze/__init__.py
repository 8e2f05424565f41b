"""The analyze stage: authors' positions, their agreement with the human coding, and the
comparisons across articles (shared and conflicting facts, merged timeline, vocabulary)."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..grounding import check_grounding
from ..schemas import BY_NAME
from ..tables import read_table, write_table
from .agreement import evaluate
from .codebook import load_codebook, load_coding
from .compare import compare
from .figures import draw_all
from .positions import author_distances, collect_evidence
from .timeline import cluster_events
from .vocabulary import distinctive_terms, lexical_similarity

log = logging.getLogger(__name__)


def read_texts(paths) -> dict[str, str]:
    return {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in paths}


def run(tables: dict, texts, codebook, coding, outputs: dict) -> None:
    """tables: extract-stage table paths by name; texts: clean text paths;
    outputs: path by rule output name."""
    book = load_codebook(codebook)
    human = load_coding(coding, book)
    clean = read_texts(texts)
    articles, events, quantities, quotes = (
        read_table(tables[n]) for n in ("articles", "events", "quantities", "quotes")
    )
    unknown = sorted(set(human["article_id"]) - set(clean))
    if unknown:
        log.warning("%s codes articles not in the corpus (ignored): %s", coding, ", ".join(unknown))
    missing = sorted(set(articles["article_id"]) - set(clean))
    if missing:
        raise InputError(
            tables["articles"],
            f"lists articles without a clean text: {', '.join(missing)}",
            "re-run `snakemake extract` so the tables match data/interim/clean/",
        )
    for row in human.dropna(subset=["evidence"]).itertuples():
        if row.article_id in clean and row.evidence not in clean[row.article_id]:
            log.warning(
                "%s: evidence for %s/%s is not in the clean text", coding, row.article_id, row.dimension
            )

    evidence = collect_evidence(clean, quotes, book)
    positions, agreement, _ = evaluate(evidence, human, book, sorted(clean))
    check_grounding("positions", positions, clean)
    timeline, members = cluster_events(events)
    corroborated, contradictions = compare(events, quantities, timeline, members)
    for row in agreement.itertuples():
        log.info(
            "agreement %-18s %-13s n=%d exact=%.2f within_one=%.2f alpha=%s",
            row.dimension,
            row.scheme,
            row.n,
            row.exact or 0,
            row.within_one or 0,
            "NA" if pd.isna(row.alpha) else f"{row.alpha:.3f}",
        )
    log.info(
        "%d corroborated facts, %d contradictions, %d timeline entries",
        corroborated["fact_id"].nunique(),
        contradictions["contradiction_id"].nunique(),
        len(timeline),
    )

    for df, output, schema in [
        (positions, "positions", "positions"),
        (evidence, "evidence", "position_evidence"),
        (agreement, "agreement", "coder_agreement"),
        (author_distances(positions, book), "distances", "author_distances"),
        (corroborated, "corroborated", "corroborated_facts"),
        (contradictions, "contradictions", "contradictions"),
        (timeline, "timeline", "timeline"),
        (distinctive_terms(clean), "vocabulary", "distinctive_terms"),
        (lexical_similarity(clean), "similarity", "lexical_similarity"),
    ]:
        write_table(df[list(BY_NAME[schema].columns)], outputs[output], schema)  # columns in contract order
    draw_all(
        outputs["figures"], positions, articles, book, timeline, quantities, corroborated, contradictions
    )
