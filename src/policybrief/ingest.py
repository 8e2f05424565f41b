"""Stage 1 — ingest: decode and normalise one raw article and split it into paragraphs with offsets."""

from __future__ import annotations

import itertools
import re

from .registry import Source
from .textio import read_article

_LINE = re.compile(r"[^\n]+")
_WRAP_HYPHEN = re.compile(r"[^\W\d_]-$")
# A file is hard-wrapped (a paragraph spans several lines, blank lines separate paragraphs)
# when hardly any line is longer than a typical wrap width and line continuations are common.
# A few long lines (a URL, a table row, an unwrapped title) do not make it a saved page.
WRAP_WIDTH = 120
WRAPPED_SHARE = 0.5
LONG_LINE_SHARE = 0.1
# ...and the lines that run on are wrap-width lines, not a column of menu items.
MIN_WRAPPED_LINE = 25


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its surrounding whitespace."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(line.strip())))
    return spans


def _continues(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    return "\n\n" not in re.sub(r"[ \t]", "", text[prev[1] : nxt[0]])


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    steps = [_continues(text, a, b) for a, b in itertools.pairwise(lines)]
    breaks = steps.count(False)
    long_lines = sum(end - start > WRAP_WIDTH for start, end in lines)
    continued = sorted(end - start for (start, end), step in zip(lines, steps) if step)
    return (
        breaks > 0
        and steps.count(True) >= WRAPPED_SHARE * breaks
        and long_lines <= LONG_LINE_SHARE * len(lines)
        and continued[len(continued) // 2] >= MIN_WRAPPED_LINE
    )


def split_paragraphs(text: str) -> list[dict]:
    """Saved pages put one block per line; hard-wrapped files put one per run of lines between blank lines.

    Offsets index the normalised raw text, so any paragraph can be traced back; a
    wrapped paragraph's text joins its lines with single spaces (none after a line-end hyphen).
    """
    lines = _lines(text)
    groups: list[list[tuple[int, int]]] = []
    wrapped = _hard_wrapped(text, lines)
    for span in lines:
        if wrapped and groups and _continues(text, groups[-1][-1], span):
            groups[-1].append(span)
        else:
            groups.append([span])
    return [
        {"index": i, "start": g[0][0], "end": g[-1][1], "text": _join([text[s:e] for s, e in g])}
        for i, g in enumerate(groups)
    ]


def _join(lines: list[str]) -> str:
    """Join wrapped lines with spaces; a word hyphenated at the line end stays one token
    ("inter-national")."""
    joined = lines[0]
    for line in lines[1:]:
        glued = _WRAP_HYPHEN.search(joined) and line[:1].islower()
        joined += ("" if glued else " ") + line
    return joined


def ingest_article(source: Source, raw_path) -> dict:
    text, digest = read_article(raw_path)
    paragraphs = split_paragraphs(text)
    return {
        "article_id": source.id,
        "file": source.file,
        "sha256": digest,
        "words_raw": len(text.split()),
        "paragraphs": paragraphs,
    }
