"""Stage 3 — extract: grounded facts (mentions, events, quantities, quotes) from one clean article.

Each fact carries `start`/`end` offsets into the article's clean text; grounding.py
verifies them before any table is written.

A long text is processed in pieces of at most PIECE_CHARS characters (spaCy's own limit, error
E088 beyond it), cut at paragraph breaks, and every offset is shifted back to the whole text. A
text up to that length is one piece, so its facts are exactly those of the whole text; in a
longer one a fact that needs context across a piece boundary (a surname's earlier full name, a
relative date's anchor, the speaker of a previous quotation) loses it. Pieces also bound the
rules that compare each quotation or date with everything before it: extraction takes ~10 s per
800,000 characters, ~80 s for 2.4 million in one piece and ~30 s in three (bench/size.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nlp import blank_pipeline, parse
from . import events, mentions, quantities, quotes
from .gazetteer import Gazetteer, load_gazetteer

FACT_TYPES = ("mentions", "events", "quantities", "quotes")
PIECE_CHARS = 1_000_000
# Where a paragraph longer than a piece is cut, best first: a line break, a sentence end, a space.
_CUTS = ("\n", ". ", " ")


@dataclass
class Resources:
    """Loaded once per process and reused for every article."""

    gazetteer: Gazetteer
    metrics: dict
    settings: dict

    @classmethod
    def load(cls, gazetteer_path, metrics_path, settings: dict):
        from pathlib import Path

        import yaml

        metrics = yaml.safe_load(Path(metrics_path).read_text(encoding="utf-8"))
        return cls(load_gazetteer(gazetteer_path), metrics, settings)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) spans that cover `text` in order, each at most `limit` characters, cut after a
    paragraph break ("\n\n") where possible."""
    spans, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        for separator in ("\n\n", *_CUTS):
            cut = window.rfind(separator)
            if cut >= 0:
                cut += len(separator)
                break
        else:
            cut = limit  # no space at all: cut anywhere
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def extract_article(
    article_id: str, text: str, published: str, resources: Resources, title: str = ""
) -> dict[str, list[dict]]:
    facts: dict[str, list[dict]] = {fact_type: [] for fact_type in FACT_TYPES}
    for start, end in pieces(text, PIECE_CHARS):
        for fact_type, rows in _extract_piece(text[start:end], published, resources, title).items():
            for row in rows:
                row["start"] += start
                row["end"] += start
                row["article_id"] = article_id
            facts[fact_type].extend(rows)
    return facts


def _extract_piece(text: str, published: str, resources: Resources, title: str) -> dict[str, list[dict]]:
    doc = parse(blank_pipeline(), text)
    found_mentions = mentions.extract(doc, resources.gazetteer, resources.settings)
    return {
        "mentions": found_mentions,
        "events": events.extract(doc, published, found_mentions),
        "quantities": quantities.extract(doc, resources.metrics),
        "quotes": quotes.extract(doc, found_mentions, resources.settings, title),
    }
