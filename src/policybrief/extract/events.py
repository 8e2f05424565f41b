"""Dated events: each date expression that dates a reported happening, with the clause around it.

Date expressions and their resolution (explicit, from context, from the publication date) are
policybrief.extract.dates; this module decides which of them date a happening the article
reports and describes it. Regex and calendar logic, ~15 ms per article, plus the headlines.
- Not events: comparison bases ("compared to 2012", "than in 2014"), dates after "for",
  "before"/"prior to", dates in a clause announcing a plan or expectation ("plans to",
  "expected to", "scheduled", "will"), dates in a year after publication (compared by year, as a
  registry date may be a lower bound), a bare year counting a plural noun ("2000 troops"), years
  that are part of a document's name ("the 1956 Joint Declaration", "the Declaration of 1956",
  "a 1956 joint declaration", "the 2022 edition"), a relative year owning a noun ("this year's
  white paper"), "Today" in a quotation (the speaker's "nowadays"), and the page's own metadata:
  a date after a label ("date 2022-03-25", "Published: ..."). A news dateline ("TOKYO, August
  25. ...") is kept: it dates the statement the report is about. A year naming a happening ("the
  2022 NATO summit in Madrid", "Russia's 2014 invasion", "for the 2014 Winter Olympics") is kept:
  the article reports it. A plan is told by a future marker in the date's clause, up to a
  reporting verb ("confirmed on Thursday that it will keep its stakes" dates the confirmation).
- Description: the comma/semicolon/dash clause holding the date, widened by neighbouring clauses
  until it has at least eight words (an opening "In March 2022," joins the clause after it), cut
  to a window of at most thirty words around the date, and never with an unbalanced bracket.
  Actors: canonical names of the mentions inside the sentence.
- Headline: who did what, one clause from a dependency parse of the sentence
  (policybrief.extract.headlines); None when the sentence yields no such clause. Parsing the
  sentences that hold events costs ~3 ms each, plus the model's loading once per process.
"""

from __future__ import annotations

import re

from ..conventions import SPEECH_VERBS, reporting_pattern
from . import headlines
from .dates import MAYBE_DATE, Atom, find_atoms, publication, resolve
from .numbers import CLAUSE_BREAK, doc_text, is_comparison_base, paragraph_start, pieces
from .passages import quoted_spans

_DOC_NAMES = (
    r"(?:Declaration|Treaty|Pact|Agreement|Accord|Act|Statement|Charter|Constitution|Plan|Strategy|Law|"
    r"Convention|Communiqu[eé]|Protocol|Doctrine|Guidelines|White Paper|Bluebook|Yearbook|Report|Edition)"
)
_NAME_AFTER = re.compile(rf"^\s+(?:[A-Z][\w’'–-]*\s+){{0,4}}{_DOC_NAMES}\b")
_NAME_BEFORE = re.compile(rf"\b{_DOC_NAMES}\s+of\s+$")
_NOT_EVENT_BEFORE = re.compile(
    r"\b(?:for|before|prior to|ahead of)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?$", re.I
)
# The page's own metadata: "date 2022-03-25", "Published: 3 May 2023"
_METADATA_LABEL = re.compile(
    r"(?:^|\b)(?:date|dated|published|updated|posted|modified)[:\s]+(?:on\s+)?$", re.I
)
# "for the 2014 Winter Olympics": a year before a capitalised name names a happening, not a bound.
_EVENT_NAME_AFTER = re.compile(r"^\s+[A-Z][a-z]+")
# ... up to the verb reporting it: a speech verb in the past tense, or "that"
_REPORTED = reporting_pattern(
    extra=(r"that",), verbs={v for v in SPEECH_VERBS if v.endswith("ed") or v in ("said", "told", "wrote")}
)
_RELATIVE = ("rel", "dayword", "weekday", "season", "offset", "following")
_FUTURE = re.compile(
    r"\b(?:plans?|planned|planning) to\b|\bscheduled\b|\bexpected to\b|\bwill\b|\bis to\b|\banticipated\b|"
    r"\b(?:is|are) (?:set|due) to\b|\bupcoming\b|\bforthcoming\b"
    # a plan reported in the past: "had said it would conduct a drill this month"
    r"|\b(?:said|announced|stated|declared|promised|pledged|vowed)\s+(?:that\s+)?[\w’'-]+\s+would\b",
    re.I,
)
# A bare year before a plural noun, with no preposition or determiner before it, counts things.
_COUNT_NOT_YEAR = re.compile(
    r"^\s+(?!(?:exports|imports|sales|figures|elections|earnings|results|prices|levels)\b)"
    r"[a-z]+s\b"
)  # "2023 exports fell" is dated: a statistic's year
_YEAR_LEAD = re.compile(
    r"\b(?:in|since|by|until|till|from|of|after|before|during|the|its|their|his|her|this|that)"
    r"\s+$|['’]s\s+$",
    re.I,
)
_CLAUSE_MIN_WORDS = 8
_CLAUSE_MAX_WORDS = 30
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
# "a 1956 joint declaration", "the 2022 agreement": lower-case document names after an article.
_LOWER_NAME = re.compile(rf"^\s+(?:[a-z-]+\s+){{0,2}}(?i:{_DOC_NAMES})\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.I)


def _is_excluded(sentence: str, a: Atom) -> bool:
    before, after = sentence[: a.start], sentence[a.end :]
    if _METADATA_LABEL.search(before):
        return True
    if is_comparison_base(sentence, a.start):
        return True
    if after.startswith(("'s", "’s")) and a.kind in _RELATIVE:  # "this year's white paper"
        return True
    left, right = _description(sentence, a.start, a.end)  # a plan or expectation: "On May 25, X will"
    reported = _REPORTED.search(sentence, a.end, right)
    if _FUTURE.search(sentence, left, reported.start() if reported else right):
        return True
    if a.kind in _RELATIVE:  # "last year", "two years later": a base or a plan excludes them, no more
        return False
    if _NOT_EVENT_BEFORE.search(before) and not _EVENT_NAME_AFTER.match(after):
        return True
    return a.kind == "y" and bool(
        _NAME_AFTER.match(after)
        or _NAME_BEFORE.search(before)
        or (_ARTICLE_BEFORE.search(before) and _LOWER_NAME.match(after))
        or (_COUNT_NOT_YEAR.match(after) and not _YEAR_LEAD.search(before))
    )


def _description(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the date, widened to neighbouring clauses until it reads as a statement."""
    breaks = [
        (m.start(), m.end()) for m in CLAUSE_BREAK.finditer(sentence) if m.end() <= start or m.start() >= end
    ]
    lefts = [0] + [e for s, e in breaks if e <= start]
    rights = [s for s, e in breaks if s >= end] + [len(sentence)]
    li, ri = len(lefts) - 1, 0
    while len(sentence[lefts[li] : rights[ri]].split()) < _CLAUSE_MIN_WORDS:
        intro = len(sentence[lefts[li] : start].split()) <= 2
        if (intro or li == 0) and ri < len(rights) - 1:
            ri += 1
        elif li > 0:
            li -= 1
        else:
            break
    left, right = _balanced(sentence, lefts[li], rights[ri], start)
    if (
        len(sentence[left:right].split()) > _CLAUSE_MAX_WORDS
    ):  # a long comma-less sentence: words around the date
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence[left:right])]
        at = next(k for k, (ws, we) in enumerate(words) if left + we > start)
        lo = max(0, min(at - _CLAUSE_MAX_WORDS // 3, len(words) - _CLAUSE_MAX_WORDS))
        hi = min(len(words), lo + _CLAUSE_MAX_WORDS)
        hi = max(hi, next(k for k, (ws, we) in enumerate(words) if left + we >= end) + 1)
        left, right = _balanced(sentence, left + words[lo][0], left + words[hi - 1][1], start)
    while left < right and sentence[right - 1] in " ,;:(—–-":
        right -= 1
    while left < right and sentence[left] in " ,;:)—–-":
        left += 1
    return left, right


def _short(text: str) -> bool:
    return len(text.split()) <= _CLAUSE_MAX_WORDS


def _balanced(sentence: str, left: int, right: int, date_start: int) -> tuple[int, int]:
    """Widen [left, right) to the partner of an unmatched bracket or quotation mark, or leave
    out the side without the date when the sentence has no partner: "fiscal year (it began
    in April" -> "fiscal year (it began in April)". Widening stops at _CLAUSE_MAX_WORDS."""
    for opening, closing in _PAIRS:
        depth, first_open = 0, None
        for k in range(left, right):
            if sentence[k] == opening:
                depth, first_open = depth + 1, k if depth == 0 else first_open
            elif sentence[k] == closing:
                if depth:
                    depth -= 1
                else:  # unmatched closer: take in its opener, else start after it
                    opener = sentence.rfind(opening, 0, left)
                    if (
                        opener >= 0
                        and closing not in sentence[opener:left]
                        and _short(sentence[opener:right])
                    ):
                        return _balanced(sentence, opener, right, date_start)
                    if k < date_start:
                        return _balanced(sentence, k + 1, right, date_start)
                    return _balanced(sentence, left, k, date_start)
        if depth:
            closer = sentence.find(closing, right)
            if closer >= 0 and opening not in sentence[right:closer] and _short(sentence[left : closer + 1]):
                return _balanced(sentence, left, closer + 1, date_start)
            if first_open < date_start:
                return _balanced(sentence, first_open + 1, right, date_start)
            return _balanced(sentence, left, first_open, date_start)
    return left, right


def extract(doc, published: str, mentions: list[dict]) -> list[dict]:
    text = doc_text(doc)
    py = publication(published)[0]
    rows = []
    parts = pieces(doc)
    quoted = quoted_spans(text)
    for k, (s_start, s_end, sentence) in enumerate(parts):
        if not MAYBE_DATE.search(sentence):
            continue
        para = paragraph_start(text, s_start)
        earlier = [p[2] for p in parts[:k] if p[0] >= para]
        before = [p[2] for p in parts[max(0, k - 30) : k]]
        atoms = [
            a
            for a in find_atoms(sentence, published)  # "Today we are …" in a quotation means nowadays
            if sentence[a.start : a.end].lower() != "today"
            or not any(qs <= s_start + a.start < qe for qs, qe in quoted)
        ]
        # After the publication year nothing can have happened yet (compared by year, because a
        # registry date may be a lower bound; yearless dates were already kept within it).
        kept = [
            (atom, date, precision)
            for atom, date, precision in resolve(atoms, sentence, earlier, published, before)
            if not _is_excluded(sentence, atom) and int(date[:4]) <= py
        ]
        spans = [(atom.start, atom.end) for atom, _, _ in kept]
        for atom, date, precision in kept:
            left, right = _description(sentence, atom.start, atom.end)
            actors = sorted({mm["entity"] for mm in mentions if s_start <= mm["start"] < s_end})
            rows.append(
                {
                    "date": date,
                    "precision": precision,
                    "basis": atom.basis,
                    "description": sentence[left:right],
                    "headline": headlines.headline(sentence, atom.start, atom.end, spans),
                    "actors": actors,
                    "sentence": sentence,
                    "surface": sentence[atom.start : atom.end],
                    "start": s_start + left,
                    "end": s_start + right,
                }
            )
    return rows
