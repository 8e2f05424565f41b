"""Quoted passages and transcript turns: where a text quotes someone, before deciding who.

- Quoted passages are text between “…”, "…" or ‘…’ (a ’ followed by a letter is an apostrophe,
  not a closing mark), within one paragraph, not nested in another quote; a paragraph's text
  after an opening mark that is never closed (a quotation running over paragraphs); and set-off
  passages: a paragraph ending in a colon after a speech cue ("In his words:", "She said:")
  makes the next paragraph a quote.
- Transcript turns are paragraphs opened by a speaker label ("Press Secretary Ono: ...", "A:")
  with their unlabelled continuation paragraphs, in a text with two labelled turns or more.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from functools import lru_cache

from ..conventions import QUOTE_ONLY_CUES, SPEECH_VERBS, reporting_alternation

SPEECH_CUE = reporting_alternation(QUOTE_ONLY_CUES, verbs=SPEECH_VERBS)  # a regex alternation
_CANDIDATE = re.compile(
    r"“(?P<a>[^“”\n]+)”|\"(?P<b>[^\"\n]+)\"|(?<![A-Za-z])‘(?P<c>(?:[^‘’\n]|’(?=[A-Za-z]))+)’(?![A-Za-z])"
)
_BOUNDARY = re.compile(r"(?<!\.[A-Z])[.!?][”\"’)\]]*\s+(?=[A-Z“\"‘(\[])|\n")  # "U.S. Chamber" goes on
# A quotation running to the end of its paragraph without a closing mark (a speech quoted over
# several paragraphs closes only in the last one).
_OPEN = re.compile(r"(?:^|(?<=[\s:]))[“\"](?P<o>[^“”\"\n]{20,})$", re.MULTILINE)
# A transcript turn: "Press Secretary Ono: ...", "Asahi Shimbun, Aibara: ...", "A: ..." (no
# digits: "3:45 p.m." is a time; not a caption, note or source line).
_LABEL = re.compile(
    r"(?P<label>(?!(?:note|source|photo|credit|image|caption|read more|related|tags?|keywords?|update|"
    r"correction|editor'?s note|summary|date|time)\b)[A-Z][^:\n\d]{0,58}):\s+(?P<body>\S[^\n]*)",
    re.IGNORECASE,
)
_SET_OFF = re.compile(rf"(?:{SPEECH_CUE}|\bas follows)[^.!?\n]*:\s*$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _boundary_ends(text: str) -> list[int]:
    """End offsets of the sentence boundaries of `text`, computed once per article."""
    return [m.end() for m in _BOUNDARY.finditer(text)]


def sentence_start(text: str, pos: int) -> int:
    """End of the last boundary seen in text[:pos] (0 if none). A boundary ending exactly at `pos`
    counts only if it is a line break: the others need to see the capital at `pos`."""
    ends = _boundary_ends(text)
    k = bisect_right(ends, pos)
    if k and ends[k - 1] == pos and text[pos - 1] != "\n":
        k -= 1
    return ends[k - 1] if k else 0


def sentence_end(text: str, pos: int) -> int:
    m = _BOUNDARY.search(text, pos)
    return m.start() + 1 if m else len(text)


def quoted_passages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of quoted spans (inner text) and set-off paragraphs."""
    out, outer_end = [], -1
    for m in _CANDIDATE.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        if m.start() < outer_end:
            continue
        outer_end = m.end()
        out.append((m.start(group), m.end(group), "inline"))
    for m in _OPEN.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, _k in out):
            out.append((m.start("o"), m.end("o"), "inline"))
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for (s, e), (ns, ne) in itertools.pairwise(paragraphs):
        tail = text[sentence_start(text, e - 1) if e - s > 1 else s : e]
        if tail.rstrip().endswith(":") and _SET_OFF.search(tail):
            out.append((ns, ne, "set-off"))
    return sorted(out)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage, speech or not: dates inside them are the speaker's."""
    return [(s, e) for s, e, _k in quoted_passages(text)]


def transcript_turns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the turns of a transcript: paragraphs opened by a speaker label
    ("Press Secretary Ono: ...", "A: ..."), each followed by its unlabelled continuation
    paragraphs. Only a text with two labelled turns or more is a transcript."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    labelled = {s: _LABEL.match(text, s, e) for s, e in paragraphs}
    labels = [m.group("label").strip().lower() for m in labelled.values() if m]
    if len(labels) < 2 and not any(label in ("a", "answer") for label in labels):
        return []
    turns, label = [], None
    for s, e in paragraphs:
        m = labelled[s]
        if m:
            label = m.group("label")
            turns.append((m.start("body"), e, label))
        elif label is not None and len(text[s:e].split()) >= 6:
            turns.append((s, e, label))  # the same speaker goes on
    return turns
