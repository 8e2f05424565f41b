"""Decisions: the passes in order, one reason per removed paragraph, and the clean text.

classify_paragraphs runs title lines, reference lists, cues, runs, running lines, captions and
the layout pass, then the bylines and bios that only their neighbours reveal, then marks pull
quotes and repeated blocks; assemble joins the body into the clean text and records where each
paragraph lands in it."""

from __future__ import annotations

import itertools

from ..conventions import comparable
from ..errors import InputError
from .cues import any_cue, compile_cues, cue_pass, name_line, references, role_line
from .layout import (
    captions_by_credit,
    fill_runs,
    is_prose,
    layout_pass,
    running_lines,
    title_lines,
)

REASONS = (
    "navigation",
    "caption",
    "teaser",
    "subscription",
    "bio",
    "byline",
    "disclaimer",
    "references",
    "duplicate_title",
    "duplicate",
)
PARAGRAPH_SEPARATOR = "\n\n"


def classify_paragraphs(
    paragraphs: list[dict], title: str, cues: dict, settings: dict
) -> tuple[list[dict], list[str]]:
    """Return (one {"decision", "reason"} per paragraph, author names found in bylines/bios)."""
    cue = compile_cues(cues)
    texts = [p["text"] for p in paragraphs]
    words = [len(t.split()) for t in texts]
    reason: list[str | None] = [None] * len(texts)
    bylines: dict[int, list[str]] = {}

    title_lines(texts, words, title, reason)
    for i in references(texts, cue):
        reason[i] = reason[i] or "references"
    bio_name = cue_pass(texts, words, cue, settings, reason, bylines)
    fill_runs(reason)
    running_lines(texts, words, reason)
    captions_by_credit(texts, words, cue, settings, reason)
    layout_pass(texts, words, title, cue, settings, reason, bio_name)
    for i in bylines:  # "By ..." under a teaser's headline
        if 0 < i < len(texts) - 1 and reason[i - 1] == reason[i + 1] == "teaser":
            reason[i] = "teaser"
    authors = [name for i in sorted(bylines) if reason[i] == "byline" for name in bylines[i]]
    for i, text in enumerate(texts):  # bare author-name lines next to "View profile", a role, a bio
        if (
            reason[i] not in ("body", "bio", "byline")
            and name_line(text)
            and any(
                0 <= j < len(texts)
                and reason[j] != "body"
                and (
                    any_cue(cue.bio_neighbours, texts[j])
                    or role_line(texts[j], words[j], cue, settings)
                    or (reason[j] == "bio" and bio_name.get(j) == text.strip())
                )
                for j in (i - 1, i + 1)
            )
        ):
            reason[i] = "bio"
            bio_name[i] = text.strip()
    authors.extend(bio_name[i] for i in sorted(bio_name) if reason[i] == "bio")
    mark_duplicates(texts, reason, settings["min_body_words"])

    decisions = [{"decision": "body" if r == "body" else "removed", "reason": r} for r in reason]
    return decisions, _unique_names(authors)


def _unique_names(names: list[str]) -> list[str]:
    """Each author once, in order of appearance; "JANE DOE" from a byline yields to "Jane Doe" from a bio."""
    unique: dict[str, str] = {}
    for name in (n.strip() for n in names):
        key = name.casefold()
        if key not in unique or unique[key].isupper():
            unique[key] = name
    return list(unique.values())


def mark_duplicates(texts: list[str], reason: list[str], min_words: int) -> None:
    """Pull quotes and repeated blocks: body text printed again in full elsewhere in the body.

    A paragraph is a duplicate when its comparable text lies inside another body paragraph's
    (a longer one, or an earlier copy). Comparing every pair grows with the square of the
    article (3.5 s at 2 MB), so only paragraphs that hold the rarest pair of consecutive inner
    words are compared: inside another text, every word but the first and the last (which may be
    cut mid-word) is a whole word of it, next to the same neighbours.
    """
    body = [i for i, r in enumerate(reason) if r == "body"]
    norms = {i: comparable(texts[i]) for i in body}
    words = {i: norms[i].split() for i in body}
    holding: dict[tuple[str, str], list[int]] = {}
    for i in body:
        for pair in dict.fromkeys(itertools.pairwise(words[i])):
            holding.setdefault(pair, []).append(i)
    for i in body:
        if len(words[i]) < min_words:
            continue
        inner = list(itertools.pairwise(words[i][1:-1]))
        candidates = min((holding[pair] for pair in inner), key=len) if inner else body
        for j in candidates:
            if (
                j != i
                and reason[j] == "body"
                and norms[i] in norms[j]
                and (len(norms[i]) < len(norms[j]) or j < i)
            ):
                reason[i] = "duplicate"
                break


def has_body(audit: dict, settings: dict) -> bool:
    """Whether cleaning kept any prose. A page of menus, buttons and sign-up lines has nothing that
    reads like an article, and the layout pass then keeps whatever the cues left: every line would
    count as body text, so "kept something" is not enough."""
    return any(
        row["decision"] == "body" and is_prose(row["text"], len(row["text"].split()), settings)
        for row in audit["paragraphs"]
    )


def no_body_error(path, audit: dict) -> InputError:
    lines = [row["text"] for row in audit["paragraphs"]]
    shown = " / ".join(lines[:5]) + (" / ..." if len(lines) > 5 else "")
    return InputError(
        path,
        f"has no article text: none of its {len(lines)} paragraph(s) reads as prose ({shown[:160]})",
        "save the article's own text into the file (the page may have been saved before it loaded, "
        "or behind a paywall or cookie notice), or remove the file and its registry record",
    )


def assemble(paragraphs: list[dict], decisions: list[dict]) -> tuple[str, list[dict]]:
    """Join body paragraphs into the clean text; record where each lands in it."""
    pieces, audit, cursor = [], [], 0
    for para, decision in zip(paragraphs, decisions, strict=True):
        row = {
            "paragraph": para["index"],
            "raw_start": para["start"],
            "raw_end": para["end"],
            "text": para["text"],
            **decision,
            "start": None,
            "end": None,
        }
        if decision["decision"] == "body":
            if pieces:
                cursor += len(PARAGRAPH_SEPARATOR)
            row["start"], row["end"] = cursor, cursor + len(para["text"])
            cursor = row["end"]
            pieces.append(para["text"])
        audit.append(row)
    return PARAGRAPH_SEPARATOR.join(pieces) + "\n", audit


def clean_article(ingested: dict, title: str, cues: dict, settings: dict) -> tuple[str, dict]:
    """Return (clean text, audit); the audit keeps every paragraph so each removal can be reviewed."""
    paragraphs = ingested["paragraphs"]
    decisions, authors = classify_paragraphs(paragraphs, title, cues, settings)
    text, audit = assemble(paragraphs, decisions)
    return text, {"article_id": ingested["article_id"], "paragraphs": audit, "authors_from_bios": authors}
