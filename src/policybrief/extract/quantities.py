"""Quantities: money, percentages, multipliers and counts, with unit, metric, year and qualifier.

Rules:
- Money: a currency sign or code before the number ("$34.8 billion", "¥20 billion", "US$5m")
  or a currency word after it ("15.8 billion yen"); scale words multiply (billion -> 1e9).
- Percent: "45%", "2.8 percent", "two percent"; a doubled unit ("45% percent") counts once; a
  fraction of something ("a third of", "half of", "two-thirds of"; not "the first half of") too.
- Counts: a number followed by "times" ("twenty-seven times", "over 25 times") or, within two
  words (or after "of the": "two of the four islands"), by a cue noun of a count metric ("156
  companies", "ten phone calls", "four islands", "six bombers"); a digit number followed by another
  plural noun is kept as metric `other`. Number words before other nouns ("the two countries",
  "two reasons") and the word "one" are not quantities. "double the", "tripled",
  "N-fold"/"fivefold" give a ratio ("double standards" does not).
- Physical units: tonnes (also "metric tons", "mln"), barrels, cubic metres, km, km2, MW/GW, with
  a rate ("6.6 mln metric tons per year" -> tonnes_per_year).
- Not quantities: calendar years and dates, list markers "(1)" and "1)", footnotes "[2]", numbers
  glued to a hyphenated noun ("8-point plan", "seven-year tenure": names and durations, not
  measurements), ordinals, and durations ("nine years", "about 10 minutes").
- Qualifier from the words just before the number: approx (about, around, nearly, approached a
  record, an average of, closer to, ...), over (over, more than, above, ...), under (under, less
  than, below, barely, ...), else exact. A figure's earlier value in "raised to 5% from 3.5%" or
  "from 1% to 2%" or "X, down from Y" gets qualifier `change` (and, for "down from", X's metric);
  both rows share a `group` id, as do one amount's equivalents in two currencies ("15.8 billion
  yen ($105 million)"). `group` is null otherwise.
- Metric: nearest cue from config/metrics.yaml (see its header; `requires` and `~` explained there).
- Year: nearest calendar year in the same clause within YEAR_REACH characters, else the nearest
  year before the figure in the sentence, else null. Comparison bases ("compared to 2012", "from
  2017 levels"), bounds ("before 2022") and span ends ("between 2012 and 2014") date no figure.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from ..conventions import MONTH_RE, YEAR
from ..errors import InputError
from .numbers import (
    CLAUSE_BREAK,
    NUMBER_WORD_RE,
    clause_bounds,
    pieces,
    word_number,
    years_in,
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "trln": 1e12,
    "bln": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "thousand": 1e3,
}
_SCALE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|trln|bln|mln|tn|bn|mn|m)\b)?"
_CUR_BEFORE = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "¥": "JPY",
    "jpy": "JPY",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "rub": "RUB",
    "₽": "RUB",
}
_CUR_AFTER = {
    "yen": "JPY",
    "yens": "JPY",
    "dollars": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "rubles": "RUB",
    "roubles": "RUB",
    "pounds": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
}
_CURRENCIES = frozenset(_CUR_BEFORE.values()) | frozenset(_CUR_AFTER.values())
_WORDNUM = NUMBER_WORD_RE
_PATTERNS = [
    (
        "money",
        re.compile(rf"(?P<cur>US\$|\$|¥|€|£|₽|\b(?:USD|JPY|EUR|GBP|RUB))\s?(?P<num>{_NUM}){_SCALE}", re.I),
    ),
    (
        "money",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM}){_SCALE}\s+(?P<cur>US dollars|dollars|yens?|euros?|rubles|"
            rf"roubles|pounds|yuan|renminbi|won)\b",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM}|{_WORDNUM})\s*(?:%|percent\b|per cent\b)"
            rf"(?:\s*(?:percent|per cent)\b)?",
            re.I,
        ),
    ),
    ("points", re.compile(rf"(?<![\w.,])(?P<num>{_NUM}|{_WORDNUM})\s+percentage points?\b", re.I)),
    (
        "measure",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM}){_SCALE}\s+(?:metric\s+)?"
            rf"(?P<mu>tonnes|tons|barrels|bcm|cubic met(?:re|er)s|"
            rf"kilomet(?:re|er)s|km|miles|megawatts|MW|gigawatts|GW|square kilomet(?:re|er)s|km2)\b"
            rf"(?:\s+(?P<rate>per year|a year|per annum|annually|per day|a day))?",
            re.I,
        ),
    ),
    (
        "ratio",
        re.compile(
            rf"\b(?:(?P<word>(?:double|triple)(?=\s+(?:the|its|their|that)\b)|doubled|doubles|doubling|"
            rf"tripled|triples|tripling)|(?P<num>{_NUM}|{_WORDNUM})-?fold)\b",
            re.I,
        ),
    ),
    (
        "fraction",
        re.compile(
            r"(?<![\w-])(?<!first )(?<!second )(?<!the )(?P<frac>half|a (?:third|quarter|fifth|tenth)|"
            r"(?:one|two|three)[- ](?:thirds?|quarters?|fifths?|tenths?))(?= of\b)",
            re.I,
        ),
    ),
    (
        "count",
        re.compile(
            rf"(?<![\w.,$¥€£/(\[+-])(?P<num>{_NUM}|{_WORDNUM}|twice)"
            rf"(?:\s+(?P<scale>trillion|billion|million|thousand)\b)?(?![\w%+]|[.,]\d|-|\))",
            re.I,
        ),
    ),
]
_MEASURE_UNITS = {
    "tons": "tonnes",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "kilometres": "km",
    "kilometers": "km",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
    "square kilometres": "km2",
    "square kilometers": "km2",
}
_FRACTIONS = {
    "half": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
_RATIO_WORDS = {
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
}
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
_DURATION = re.compile(
    r"^\s+(?:more\s+|full\s+|long\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|"
    r"decades?|centuries|century)\b",
    re.I,
)
_TIMES = re.compile(
    r"^\s+times\b(?P<ratio>\s+(?:more|larger|higher|greater|bigger|smaller|lower|as)\b)?", re.I
)
_PLURAL_NOUN = re.compile(
    r"^\s+(?:[A-Za-z-]+\s+)?(?:[A-Za-z]{2,}[a-z]s|people|personnel|staff|children|men|women)\b"
)
_OF_THE = re.compile(rf"^\s+of\s+(?:the|its|their|these|those)\s+(?:{NUMBER_WORD_RE}\s+)?", re.I)
_DATE_NEAR = re.compile(rf"{MONTH_RE}\s*$|^\s*{MONTH_RE}\b")
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
# Cheap pre-check: a sentence without any of these holds no quantity.
_MAYBE_QUANTITY = re.compile(
    rf"\d|\b(?:{_WORDNUM}|twice|double|doubled|doubles|doubling|tripl\w*|\w+fold|half|"
    rf"thirds?|quarters?|fifths?|tenths?)\b",
    re.I,
)


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
    """Hashable (name, units, cues) per metric, checked so a bad metrics file fails with one message."""
    if not isinstance(metrics, dict) or "other" not in metrics:
        raise InputError(
            "config/metrics.yaml",
            "it must be a mapping of metric names and include `other`",
            "restore the `other` metric (description, units: [], cues: [])",
        )
    spec = []
    for name, entry in metrics.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("cues", []), list):
            raise InputError(
                "config/metrics.yaml",
                f"metric {name!r} needs a mapping with a `cues` list",
                "give it `description`, `units` and `cues` like the other metrics",
            )
        if not isinstance(entry.get("requires", []), list):
            raise InputError(
                "config/metrics.yaml",
                f"metric {name!r}: `requires` must be a list of cues",
                "write `requires: [cue, ...]` or drop the key",
            )
        spec.append(
            (
                name,
                frozenset(entry.get("units") or []),
                tuple(entry.get("cues") or []),
                tuple(entry.get("requires") or []),
            )
        )
    return tuple(spec)


def _value(num: str, scale: str | None) -> float:
    base = (
        float(num.replace(",", ""))
        if num[0].isdigit()
        else (2.0 if num.lower() == "twice" else word_number(num))
    )
    return base * _SCALE_WORDS.get((scale or "").lower(), 1.0)


def _candidates(sentence: str) -> list[dict]:
    taken: list[tuple[int, int]] = []
    found = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            after, before = sentence[e:], sentence[:s]
            if kind == "money":
                cur = g["cur"].strip().lower()
                unit = _CUR_BEFORE.get(cur) or _CUR_AFTER[cur]
                q = {"value": _value(g["num"], g.get("scale")), "unit": unit}
            elif kind in ("percent", "points"):
                q = {
                    "value": _value(g["num"], None),
                    "unit": "percent" if kind == "percent" else "percentage_points",
                }
            elif kind == "measure":
                mu = _MEASURE_UNITS.get(g["mu"].lower(), g["mu"].lower())
                rate = g.get("rate") and ("_per_day" if "day" in g["rate"].lower() else "_per_year")
                q = {"value": _value(g["num"], g.get("scale")), "unit": mu + (rate or "")}
            elif kind == "fraction":
                words = re.split(r"[- ]", g["frac"].lower())
                parts = 1.0 if words[0] in ("a", "half") else word_number(words[0])
                q = {"value": round(100 * parts / _FRACTIONS[words[-1]], 2), "unit": "percent"}
            elif kind == "ratio":
                q = {
                    "value": float(_RATIO_WORDS[g["word"].lower()])
                    if g.get("word")
                    else _value(g["num"], None),
                    "unit": "ratio",
                }
            else:
                q = _count(m, g, before, after)
                if q is None:
                    continue
                e = q.pop("end", e)
            taken.append((s, e))
            found.append({**q, "start": s, "end": e})
    return sorted(found, key=lambda q: q["start"])


def _count(m, g: dict, before: str, after: str) -> dict | None:
    """A bare number is a count only when it counts something a brief would report."""
    num = g["num"]
    is_word = not num[0].isdigit()
    if not is_word and YEAR.fullmatch(num):
        return None
    if _DURATION.match(after) or _DATE_NEAR.search(before[-12:]) or _DATE_NEAR.match(after):
        return None
    if before.rstrip().endswith(("(", "[", "No.", "p.", "pp.", "page", "Figure", "Table", "Article")):
        return None
    times = _TIMES.match(after)
    value = _value(num, g.get("scale"))
    if times:
        return {
            "value": value,
            "unit": "ratio" if times.group("ratio") else "count",
            "end": m.end() + times.end(),
        }
    if num.lower() == "one":  # "one meeting", "one of them": a determiner, not a measurement
        return None
    if num.lower() == "twice":
        return {"value": 2.0, "unit": "count"}
    if (not is_word or g.get("scale")) and _PLURAL_NOUN.match(after):
        return {"value": value, "unit": "count"}
    return {"value": value, "unit": "count", "noun": "cue"} if is_word else None


def _cue_follows(after: str, cues) -> bool:
    """A count-metric cue noun within the next two words ("ten phone calls", "seven new deals"), or
    after "of the" ("two of the four islands")."""
    after = _OF_THE.sub(" ", after, count=1)
    words = after.split()[:3]
    return any(
        "count" in units and rx.match(" ".join(words[k:]))
        for k in range(min(2, len(words)))
        for _n, units, rx, _req in cues
    )


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
    unit_class = "currency" if unit in _CURRENCIES else unit
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
            a["unit"] in _CURRENCIES
            and b["unit"] in _CURRENCIES
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
        if not _MAYBE_QUANTITY.search(sentence):
            continue
        found = []
        for q in _candidates(sentence):
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
