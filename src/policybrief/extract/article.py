"""Stage 3 — extract: grounded facts (mentions, events, quantities, quotes) from one clean article.

Each fact carries `start`/`end` offsets into the article's clean text; grounding.py
verifies them before any table is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nlp import blank_pipeline
from . import events, mentions, quantities, quotes
from .gazetteer import Gazetteer, load_gazetteer

FACT_TYPES = ("mentions", "events", "quantities", "quotes")


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


def extract_article(
    article_id: str, text: str, published: str, resources: Resources, title: str = ""
) -> dict[str, list[dict]]:
    doc = blank_pipeline()(text)
    found_mentions = mentions.extract(doc, resources.gazetteer, resources.settings)
    facts = {
        "mentions": found_mentions,
        "events": events.extract(doc, published, found_mentions),
        "quantities": quantities.extract(doc, resources.metrics),
        "quotes": quotes.extract(doc, found_mentions, resources.settings, title),
    }
    for rows in facts.values():
        for row in rows:
            row["article_id"] = article_id
    return facts
