"""The analyze stage run: authors' positions and the comparisons across articles (shared and
conflicting facts, merged timeline, vocabulary). It combines per-article outputs only: position
evidence was matched per article, and the null thresholds come from the committed fitted file."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from .. import atomic
from ..config import load_checked
from ..schemas import BY_NAME
from ..tables import read_table, write_table
from .codebook import load_codebook
from .compare import compare
from .evidence import read_evidence
from .figures import draw_all
from .findings import findings
from .positions import Thresholds, author_distances, score_positions
from .timeline import cluster_events
from .vocabulary import distinctive_terms, lexical_similarity

log = logging.getLogger(__name__)


def term_counts(facts_paths) -> dict[str, Counter]:
    return {Path(p).stem: Counter(atomic.read_json(p)["terms"]) for p in facts_paths}


def metric_labels(path) -> dict[str, str]:
    """Metric id -> the label the brief names it by (config/metrics.yaml)."""
    return {name: spec["label"] for name, spec in load_checked(path, "metrics").items()}


def run(tables: dict, evidence_paths, facts_paths, codebook, fitted, metrics, outputs: dict) -> None:
    """tables: extract-stage table paths by name; outputs: path by rule output name."""
    book = load_codebook(codebook)
    labels = metric_labels(metrics)
    thresholds = Thresholds.read(load_checked(fitted, "fitted"))
    articles, events, quantities = (read_table(tables[n]) for n in ("articles", "events", "quantities"))
    ids = sorted(articles["article_id"])
    evidence, discussed = read_evidence(evidence_paths)
    positions = score_positions(evidence, book, ids, thresholds, discussed)
    timeline, members = cluster_events(events)
    corroborated, contradictions = compare(events, quantities, timeline, members)
    log.info(
        "%d corroborated facts, %d contradictions, %d timeline entries",
        corroborated["fact_id"].nunique(),
        contradictions["contradiction_id"].nunique(),
        len(timeline),
    )
    counts = term_counts(facts_paths)
    found = findings(
        positions, articles, book, quantities, events, timeline, members, corroborated, contradictions, labels
    )
    for df, name in [
        (found, "findings"),
        (positions, "positions"),
        (evidence, "position_evidence"),
        (author_distances(positions, book), "author_distances"),
        (corroborated, "corroborated_facts"),
        (contradictions, "contradictions"),
        (timeline, "timeline"),
        (distinctive_terms(counts), "distinctive_terms"),
        (lexical_similarity(counts), "lexical_similarity"),
    ]:
        write_table(df[list(BY_NAME[name].columns)], outputs[name], name)  # columns in contract order
    draw_all(
        outputs["figures"],
        positions,
        articles,
        book,
        timeline,
        quantities,
        corroborated,
        contradictions,
        labels,
    )
