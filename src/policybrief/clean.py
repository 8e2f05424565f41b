"""Stage 2 — clean: keep the author's body text, remove page furniture, and audit every decision."""
from __future__ import annotations

import re

REASONS = ("navigation", "caption", "teaser", "subscription", "bio", "disclaimer", "references", "duplicate_title")
PARAGRAPH_SEPARATOR = "\n\n"
_SENTENCE_END = re.compile(r"[.!?…:”\"’)]$")
_FOOTNOTE = re.compile(r"^(\[\d+\]|\d{1,3}\.)\s")


def classify_paragraphs(paragraphs: list[dict], title: str, cues: dict, settings: dict) -> list[dict]:
    """Return one decision per paragraph: {"decision": "body"|"removed", "reason": str}."""
    decisions = []
    in_references = False
    norm_title = title.casefold().strip()
    for para in paragraphs:
        text = para["text"]
        words = len(text.split())
        reason = ""
        if text.casefold() == norm_title:
            reason = "duplicate_title"
        elif _FOOTNOTE.match(text) or in_references:
            in_references = in_references or bool(_FOOTNOTE.match(text))
            reason = "references"
        elif words < settings.get("min_body_words", 8) and not _SENTENCE_END.search(text):
            reason = "navigation"
        decisions.append({"decision": "removed" if reason else "body", "reason": reason or "body"})
    return decisions


def assemble(paragraphs: list[dict], decisions: list[dict]) -> tuple[str, list[dict]]:
    """Join body paragraphs into the clean text; record where each lands in it."""
    pieces, audit, cursor = [], [], 0
    for para, decision in zip(paragraphs, decisions, strict=True):
        row = {"paragraph": para["index"], "raw_start": para["start"], "raw_end": para["end"],
               "text": para["text"], **decision, "start": None, "end": None}
        if decision["decision"] == "body":
            if pieces:
                cursor += len(PARAGRAPH_SEPARATOR)
            row["start"], row["end"] = cursor, cursor + len(para["text"])
            cursor = row["end"]
            pieces.append(para["text"])
        audit.append(row)
    return PARAGRAPH_SEPARATOR.join(pieces) + "\n", audit


def clean_article(ingested: dict, title: str, cues: dict, settings: dict) -> tuple[str, dict]:
    paragraphs = ingested["paragraphs"]
    decisions = classify_paragraphs(paragraphs, title, cues, settings)
    text, audit = assemble(paragraphs, decisions)
    return text, {"article_id": ingested["article_id"], "paragraphs": audit, "authors_from_bios": []}
