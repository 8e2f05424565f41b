"""Quantities: the amounts of a sentence (amounts.py) with what they measure, their year and
qualifier, and links between the figures of one change or one sum in two currencies.

Rules:
- Counts of a number word need a count metric's cue noun within two words (or after "of the":
  "two of the four islands"): "ten phone calls", "four islands", "six bombers"; "the two
  countries" and "two reasons" are not quantities. A digit number before another plural noun is
  kept as metric `other`.
- Qualifier from the words just before the number: approx (about, around, nearly, approached a
  record, an average of, closer to, ...), over (over, more than, above, ...), under (under, less
  than, below, barely, ...), else exact. A figure's earlier value in "raised to 5% from 3.5%" or
  "from 1% to 2%" or "X, down from Y" gets qualifier `change` (and, for "down from", X's metric);
  both rows share a `group` id, as do one amount's equivalents in two currencies ("15.8 billion
  yen ($105 million)"). `group` is null otherwise.
- Metric: nearest cue from config/metrics.yaml (see its header; `requires` and `~` explained there).
- Year: nearest calendar year in the same clause within YEAR_REACH characters, else the nearest
  year before the figure in the sentence, else null. Comparison bases ("compared to 2012", "from
  2017 levels"), bounds ("before 2022") and span ends ("between 2012 and 2014") date no figure."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from ..conventions import MONTH_RE
from .amounts import CURRENCIES, MAYBE_QUANTITY, amounts
from .numbers import (
    CLAUSE_BREAK,
    NUMBER_WORD_RE,
    clause_bounds,
    pieces,
    years_in,
)

_QUALIFIERS = [  # checked in order; each followed by up to two filler words ("a record", "an average of")
    ("under", r"no more than|not more than|less than|fewer than|just under|under|below|barely|at most|up to"),
    ("over", r"more than|over|above|exceeding|exceeded|at least|upwards of|in excess of"),
    (
        "approx",
        r"about|around|approximately|roughly|nearly|almost|some|approached|approaching|close to|closer to|"
        r"an average of|on average|an estimated|estimated|circa|approx\.?",
    ),
]
_QUALIFIER_RE = [
    (q, re.compile(rf"\b(?:{p})\s+(?:(?:a|an|the|record|total of|of)\s+){{0,2}}$", re.I))
    for q, p in _QUALIFIERS
]
MAX_MODIFIERS = 3
_MODIFIER = re.compile(
    r"(?!(?:the|a|an|of|and|or|to|in|on|at|for|with|by|from|that|which|who|were|was|is|are|be|been|"
    r"have|has|had|will|would|its|their|his|her|our|more|than|times|per)\b)"
    r"(?:[A-Z][\w’'-]*|[a-z][\w-]*[^\Ws])",  # a lower-case word ending in s is the counted noun itself
)
_OF_THE = re.compile(rf"^\s+of\s+(?:the|its|their|these|those)\s+(?:{NUMBER_WORD_RE}\s+)?", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_TO_BETWEEN = re.compile(r"^[^;]{0,60}?\bto\s+(?:\w+\s+){0,2}$", re.I)
_FROM_BETWEEN = re.compile(r"^\s*from\s+$", re.I)
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)
_DOWN_FROM_BETWEEN = re.compile(
    r"^[^;.]{0,80}?,?\s+(?:down|up)\s+(?:\w+\s+)?from\s+(?:a\s+|the\s+)?(?:record\s+)?$", re.I
)
_EQUIV_BETWEEN = re.compile(
    r"^\s*\(\s*(?:about\s+|around\s+|roughly\s+|or\s+)?$|^\s*,?\s*or\s+(?:about\s+)?$"
)
_GAP_PER_BREAK = 40
YEAR_REACH = 50
_YEAR_NOT_ANCHOR = re.compile(r"\b(?:before|prior to|ahead of)\s+(?:the\s+)?(?:end of\s+)?$", re.I)
_IN_SPAN = re.compile(
    rf"\b(?:between|from)\s+(?:{MONTH_RE}\s+)?$|\d{{4}}\s*(?:to|through|until|and|[-–])\s*"
    rf"(?:{MONTH_RE}\s+)?$",
    re.I,
)
_SPAN_NEXT = re.compile(rf"^\s*(?:to|through|until|[-–])\s*(?:{MONTH_RE}\s+)?\d{{4}}|^\s+levels?\b", re.I)


def _cue_regex(cue: str) -> re.Pattern:
    """A cue as a whole-word, case-insensitive regex; `~` stands for up to three words without digits
    (so "of ~ gdp" cannot reach across the figure in "a level of 2% of GDP")."""
    body = ""
    for word in cue.rstrip("*").split():
        body += r"(?:[^\s\d]+\s+){0,3}?" if word == "~" else re.escape(word) + r"\s+"
    body = body[:-3] if body.endswith(r"\s+") else body
    return re.compile(rf"\b{body}{'[a-z]*' if cue.endswith('*') else ''}\b", re.I)


@lru_cache(maxsize=8)
def _compile_metrics(spec: tuple) -> list[tuple[str, frozenset, re.Pattern, re.Pattern | None]]:
    out = []
    for name, units, cues, requires in spec:
        needed = re.compile("|".join(_cue_regex(c).pattern for c in requires), re.I) if requires else None
        out.extend((name, units, _cue_regex(cue), needed) for cue in cues)
    return out


def _metric_spec(metrics: dict) -> tuple:
    """Hashable (name, units, cues, requires) per metric; the file's shape was checked against
    config/metrics.schema.yaml at start-up."""
    return tuple(
        (
            name,
            frozenset(entry.get("units") or []),
            tuple(entry.get("cues") or []),
            tuple(entry.get("requires") or []),
        )
        for name, entry in metrics.items()
    )


def _cue_follows(after: str, cues) -> bool:
    """A count-metric cue noun after at most MAX_MODIFIERS modifiers ("ten phone calls", "five
    Russian navy ships", "four southern Kuril islands"), or after "of the" ("two of the four
    islands"). A modifier is a bare word, not a function word nor a plural ("the two leaders exchanged
    phone calls" counts leaders, not calls)."""
    after = _OF_THE.sub(" ", after, count=1)
    words = after.split()[: MAX_MODIFIERS + 2]
    for k in range(min(MAX_MODIFIERS + 1, len(words))):
        if k and not _MODIFIER.fullmatch(words[k - 1]):
            return False
        if any("count" in units and rx.match(" ".join(words[k:])) for _n, units, rx, _req in cues):
            return True
    return False


def _qualifier(sentence: str, start: int) -> tuple[str, int]:
    before = sentence[max(0, start - 40) : start]
    for qualifier, rx in _QUALIFIER_RE:
        hit = rx.search(before)
        if hit:
            return qualifier, start - (len(before) - hit.start())
    return "exact", start


def _metric(sentence: str, q: dict, cues, previous: str) -> str:
    """The metric of the nearest cue that allows the quantity's unit, else `other`. A metric's
    `requires` cues are looked up in this and the `previous` sentence ("Figures for January show
    a 6 percent increase" is about the trade the sentence before named); an amount or rate in a
    sentence without any cue ("It bought $19.5 billion in 2017.") takes the cue nearest the end of
    the previous one. Counts do not: their own noun says what they count ("63 officials")."""
    unit = q["unit"]
    unit_class = "currency" if unit in CURRENCIES else unit
    context = previous + " " + sentence
    best = ("other", 10**9)
    for name, units, rx, needed in cues:
        if units and unit_class not in units:  # no units listed: any unit
            continue
        if needed is not None and not needed.search(context):
            continue
        for m in rx.finditer(sentence):
            if m.start() < q["end"] and q["start"] < m.end():
                continue
            gap_text = (
                sentence[m.end() : q["start"]] if m.end() <= q["start"] else sentence[q["end"] : m.start()]
            )
            gap = len(gap_text) + _GAP_PER_BREAK * len(CLAUSE_BREAK.findall(gap_text))
            if gap < best[1]:
                best = (name, gap)
        for m in rx.finditer(previous if unit != "count" else ""):
            gap = 10**6 + len(previous) - m.end()  # any cue of the sentence itself is nearer
            if gap < best[1]:
                best = (name, gap)
    return best[0]


def _year(sentence: str, start: int, end: int) -> int | None:
    """The nearest year of the figure's clause (within YEAR_REACH characters), else the nearest
    year before it in the sentence ("In 2013, trade hit ..."). Years that bound ("before 2022")
    or open/close a span ("between 2012 and 2014") date no single figure."""
    years = [
        y
        for y in years_in(sentence)
        if not _YEAR_NOT_ANCHOR.search(sentence[max(0, y[0] - 30) : y[0]])
        and not _IN_SPAN.search(sentence[max(0, y[0] - 40) : y[0]])
        and not _SPAN_NEXT.match(sentence[y[1] :])
    ]
    left, right = clause_bounds(sentence, start, end)
    near = [
        y for y in years if left <= y[0] < right and min(abs(y[0] - end), abs(start - y[1])) <= YEAR_REACH
    ]
    near = near or [y for y in years if y[1] <= start]
    return min(near, key=lambda y: min(abs(y[0] - end), abs(start - y[1])))[2] if near else None


def _link(sentence: str, found: list[dict], next_group) -> None:
    """Mark earlier values of a change and currency equivalents; linked rows share a group id."""
    for a, b in itertools.pairwise(found):
        between = sentence[a["end"] : b["q_start"]]
        same_unit = a["unit"] == b["unit"]
        if (
            a["group"] is None
            and same_unit
            and _FROM_BEFORE.search(sentence[: a["q_start"]])
            and _TO_BETWEEN.match(between)
        ):
            a["qualifier"] = "change"
        elif (
            a["group"] is None
            and same_unit
            and _TO_BEFORE.search(sentence[: a["q_start"]])
            and _FROM_BETWEEN.match(between)
        ):
            b["qualifier"] = "change"
        elif a["group"] is None and same_unit and _DOWN_FROM_BETWEEN.match(between):
            b["qualifier"], b["metric"] = "change", a["metric"]  # "X, down from Y": Y is X's earlier value
        elif not (
            a["unit"] in CURRENCIES
            and b["unit"] in CURRENCIES
            and a["unit"] != b["unit"]
            and _EQUIV_BETWEEN.match(between)
        ):
            continue
        group = a["group"] if a["group"] is not None else next_group()
        a["group"] = b["group"] = group


def extract(doc, metrics: dict) -> list[dict]:
    cues = _compile_metrics(_metric_spec(metrics))
    rows = []
    counter = itertools.count(1)
    previous = ""
    for s_start, _s_end, sentence in pieces(doc):
        before, previous = previous, sentence
        if not MAYBE_QUANTITY.search(sentence):
            continue
        found = []
        for q in amounts(sentence):
            qualifier, q_start = _qualifier(sentence, q["start"])
            q.update(qualifier=qualifier, q_start=q_start, group=None)
            metric = _metric(sentence, q, cues, before)
            if q.pop("noun", None) == "cue" and not _cue_follows(sentence[q["end"] :], cues):
                continue
            q["metric"] = metric
            found.append(q)
        _link(sentence, found, lambda: next(counter))
        for q in found:
            rows.append(
                {
                    "value": q["value"],
                    "unit": q["unit"],
                    "metric": q["metric"],
                    "year": _year(sentence, q["start"], q["end"]),
                    "qualifier": q["qualifier"],
                    "group": q["group"],
                    "sentence": sentence,
                    "surface": sentence[q["q_start"] : q["end"]],
                    "start": s_start + q["q_start"],
                    "end": s_start + q["end"],
                }
            )
    return rows
