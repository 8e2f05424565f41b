"""Shared text helpers for the event and quantity extractors: sentence pieces, clauses,
year tokens and English number words.

Both extractors read a sentence and then need the same notions (where a clause starts,
which four-digit tokens are calendar years, what "twenty-seven" is worth), so they live
here once. Regexes are compiled at import, i.e. once per process.
"""

from __future__ import annotations

import re

from ..conventions import YEAR
from ..nlp import sentences

# Comparison bases ("compared to 2012", "than in 2014", "the same period in 2013") are not
# the time a clause is about.
_COMPARISON_BEFORE = re.compile(
    r"(?:compared (?:to|with)|than(?: in)?|as in|same period(?: in| of| last)?|"
    r"relative to|versus|vs\.?)\s+(?:the\s+)?(?:early\s+|late\s+)?$",
    re.I,
)

# Clause boundaries inside a sentence: semicolons, colons, dashes and commas.
CLAUSE_BREAK = re.compile(r"\s*[;:—–]\s*|\s+-\s+|,\s+|\(|\)")

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "  # noqa: SIM905
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())  # noqa: SIM905
    if i > 1
}
NUMBER_WORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred|one hundred)"
)


def word_number(text: str) -> float:
    """Value of an English number word below one hundred ("twenty-seven" -> 27, "a dozen" -> 12)."""
    t = text.lower().replace("-", " ").strip()
    if t == "a dozen":
        return 12.0
    if t in ("a hundred", "one hundred"):
        return 100.0
    parts = t.split()
    return float(sum(_TENS.get(p, _UNITS.get(p, 0)) for p in parts))


def doc_text(doc) -> str:
    """The doc's text, rebuilt from its tokens once and cached: each extractor needs it and
    rebuilding costs ~15 ms on a long article."""
    if "policybrief_text" not in doc.user_data:
        doc.user_data["policybrief_text"] = doc.text
    return doc.user_data["policybrief_text"]


def pieces(doc) -> list[tuple[int, int, str]]:
    """Sentences further split at line breaks, so a heading never glues onto the paragraph below.

    Cached on the doc: both extractors walk the same sentences.
    """
    if "policybrief_pieces" in doc.user_data:
        return doc.user_data["policybrief_pieces"]
    out = []
    for s_start, _s_end, sent in sentences(doc):
        offset = 0
        for line in re.split(r"(\n+)", sent):
            stripped = line.strip()
            if stripped and not line.startswith("\n"):
                lead = len(line) - len(line.lstrip())
                out.append((s_start + offset + lead, s_start + offset + lead + len(stripped), stripped))
            offset += len(line)
    doc.user_data["policybrief_pieces"] = out
    return out


def paragraph_start(text: str, pos: int) -> int:
    """Start offset of the paragraph (blank-line separated) holding `pos`."""
    i = text.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma/semicolon/dash-delimited stretch of `sentence` around [start, end)."""
    left, right = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def is_comparison_base(sentence: str, start: int) -> bool:
    """True when the token at `start` follows "compared to", "than (in)" and similar."""
    return bool(_COMPARISON_BEFORE.search(sentence[max(0, start - 40) : start]))


def years_in(sentence: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of every calendar-year token in `sentence` that is not a comparison base."""
    return [
        (m.start(), m.end(), int(m.group()))
        for m in YEAR.finditer(sentence)
        if not is_comparison_base(sentence, m.start())
    ]
