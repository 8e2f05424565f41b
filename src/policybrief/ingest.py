"""Stage 1 — ingest: decode and normalise one raw article and split it into paragraphs with offsets."""
from __future__ import annotations

import re

from .registry import Source
from .textio import read_article

_LINE = re.compile(r"[^\n]+")


def split_paragraphs(text: str) -> list[dict]:
    """Every non-blank line is a paragraph (saved pages put one block per line).

    Offsets index the normalised raw text, so any paragraph can be traced back.
    """
    paragraphs = []
    for match in _LINE.finditer(text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        paragraphs.append({"index": len(paragraphs), "start": start, "end": start + len(stripped),
                           "text": stripped})
    return paragraphs


def ingest_article(source: Source, raw_path) -> dict:
    text, digest = read_article(raw_path)
    paragraphs = split_paragraphs(text)
    return {"article_id": source.id, "file": source.file, "sha256": digest,
            "words_raw": len(text.split()), "paragraphs": paragraphs}
