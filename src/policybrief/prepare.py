"""Per-article work: everything that depends on one article alone and not on the codebook.

ingest -> clean -> extract (mentions, events, quantities, quotes) -> vocabulary counts. One
`prepare_<corpus>_<shard>` job runs this for the articles of its shard and writes two files per
article: data/interim/[unseen/]clean/<id>.txt (the clean text every offset indexes) and
facts/<id>.json (the cleaning audit — every ingested paragraph with its raw offsets and decision —
the article's registry row, its facts and its term counts). Two files, not one per stage: the
number of files Snakemake tracks is what its start-up time grows with (bench/README.md).
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from . import atomic, clean, ingest
from .extract.article import FACT_TYPES, Resources, extract_article
from .grounding import check_grounding_rows
from .nlp import vocabulary_terms
from .registry import Source

log = logging.getLogger(__name__)


def article_row(source: Source, ingested: dict, audit: dict, clean_text: str) -> dict:
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


def prepare_article(source: Source, raw_path, cues: dict, settings: dict, resources: Resources) -> dict:
    """One article's clean text and facts (audit, registry row, facts, term counts), in memory."""
    ingested = ingest.ingest_article(source, raw_path)
    text, audit = clean.clean_article(ingested, source.title, cues, settings)
    if not clean.has_body(audit, settings):  # checked at start-up already (startup.check_bodies)
        raise clean.no_body_error(raw_path, audit)
    facts = extract_article(source.id, text, source.published, resources, source.title)
    for fact_type in FACT_TYPES:
        facts[fact_type].sort(key=lambda row: (row["start"], row["end"]))
        check_grounding_rows(fact_type, facts[fact_type], text)
    facts["article"] = article_row(source, ingested, audit, text)
    facts["audit"] = audit
    facts["terms"] = dict(sorted(Counter(vocabulary_terms(text)).items()))
    return {"text": text, "facts": facts}


def run_shard(sources: list[Source], raw_paths: list, cues_path, gazetteer, metrics, settings: dict, outputs):
    """outputs: per output kind (text, facts) the list of paths, in `sources` order."""
    cues = clean.load_cues(cues_path)
    resources = Resources.load(gazetteer, metrics, settings["extract"])
    for i, (source, raw) in enumerate(zip(sources, raw_paths, strict=True)):
        done = prepare_article(source, Path(raw), cues, settings["clean"], resources)
        atomic.write_json(outputs["facts"][i], done["facts"])
        atomic.write_text(outputs["text"][i], done["text"])
        log.info("prepared %s: %s", source.id, {t: len(done["facts"][t]) for t in FACT_TYPES})
