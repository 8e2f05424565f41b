"""Conventions of English news and policy prose that several stages rely on, defined once:
reporting verbs and attribution phrases, month names, what a calendar year looks like, and the
comparable form of a text.

Extraction (quotes, mentions, events) and analysis (positions) read these, so a verb added here
attributes speech everywhere at once.
"""

from __future__ import annotations

import re

# Verbs that attribute words to someone ("X said", "X warned"); forms that are mostly nouns in
# news prose ("a pledge", "his remarks", "a report") are left out.
SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling states stated stating add adds added adding explain
    explains explained explaining notes noted noting argue argues argued arguing declare declares
    declared declaring proclaim proclaims proclaimed proclaiming announce announces announced
    announcing insist insists insisted insisting warn warns warned warning stresses stressed
    stressing emphasise emphasises emphasised emphasising emphasize emphasizes emphasized
    emphasizing remarked replies replied respond responds responded responding commented claims
    claimed claiming describe describes described describing condemn condemns condemned condemning
    denounce denounces denounced denouncing write writes wrote writing ask asks asked urge urges
    urged vowed admit admits admitted acknowledge acknowledges acknowledged affirm affirms affirmed
    reiterate reiterates reiterated quoted quoting cite cites cited citing suggest suggests
    suggested observe observes observed recommend recommends recommended pledged assert asserts
    asserted maintain maintained contend contends contended reports reported slam slams slammed
    propose proposes proposed
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
# ... and views ("X believes"): reported too, but no cue for a quotation.
VIEW_VERBS = frozenset(
    """
    believe believes believed hope hopes hoped expect expects expected think thinks thought fear fears
    feared
    """.split()  # noqa: SIM905
)
REPORTING_VERBS = SPEECH_VERBS | VIEW_VERBS
# Phrases that attribute what follows them ("according to X, ...").
ATTRIBUTION_PHRASES = ("according to", "in the words of", "in his words", "in her words", "in their words")
# "called", "calls": a reporting verb only with a quotation ("calling it “unjust”"), so quotes use it
# but it is not in REPORTING_VERBS, where "called for" and "a so-called" would mislead.
QUOTE_ONLY_CUES = ("called", "calls", "calling", "put it", "in (?:his|her|their) words")


def reporting_alternation(extra=(), verbs=REPORTING_VERBS) -> str:
    """Regex alternation of the verbs and every attribution phrase, longest first, plus `extra`."""
    words = sorted({*verbs, *ATTRIBUTION_PHRASES}, key=lambda w: (-len(w), w))
    return "|".join([re.escape(w).replace(r"\ ", r"\s+") for w in words] + list(extra))


def reporting_pattern(extra=(), verbs=REPORTING_VERBS) -> re.Pattern:
    """Any of the verbs or an attribution phrase as a whole word, case-insensitive."""
    return re.compile(rf"\b(?:{reporting_alternation(extra, verbs)})\b", re.IGNORECASE)


MONTH_NAMES = (
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()  # noqa: SIM905
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({"sept": 9, **{m[:3]: i for m, i in list(MONTHS.items())}})
FULL_MONTH_RE = rf"(?:{'|'.join(MONTH_NAMES)})"
MONTH_RE = (
    rf"(?:{'|'.join(MONTH_NAMES)}"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# A calendar year, 1800-2099, not part of a longer number, a decade ("2010s") or "2020's".
YEAR_RE = r"(?:1[89]|20)\d{2}(?![\d,.]\d|s\b|['’]s\b)"
# ... and not a money amount, a unit or a percentage either.
YEAR = re.compile(rf"(?<![\d.,$¥€£/-]){YEAR_RE}(?!\s*(?:%|percent\b|per cent\b))")


def comparable(text: str) -> str:
    """Case, quotation marks, punctuation and spacing do not matter."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w\s']", " ", text).replace("'", "").split())
