"""Amounts in a sentence: which numbers are money, percentages, physical measures, ratios,
fractions or counts, and their value and unit. What they measure is quantities.py's business.

Rules (see quantities.py for qualifiers, metrics and years):
- Money: a currency sign or code before the number ("$34.8 billion", "¥20 billion", "US$5m")
  or a currency word after it ("15.8 billion yen"); scale words multiply (billion -> 1e9).
- Percent: "45%", "2.8 percent", "two percent"; a doubled unit ("45% percent") counts once; a
  fraction of something ("a third of", "half of", "two-thirds of"; not "the first half of") too.
- Physical units: tonnes (also "metric tons", "mln"), barrels, cubic metres, km, km2, MW/GW, with
  a rate ("6.6 mln metric tons per year" -> tonnes_per_year).
- Ratios: "double the", "tripled", "N-fold"/"fivefold" ("double standards" is not one).
- Counts: "twenty-seven times", "over 25 times"; a digit number before a plural noun; a number
  word only before a count metric's cue noun (checked by the caller). Not quantities: calendar
  years and dates, list markers, footnotes, page and table numbers, durations ("nine years"),
  and the word "one" (a determiner).
"""

from __future__ import annotations

import re

from ..conventions import MONTH_RE, YEAR
from .numbers import NUMBER_WORD_RE, word_number

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
CURRENCIES = frozenset(_CUR_BEFORE.values()) | frozenset(_CUR_AFTER.values())
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
_DATE_NEAR = re.compile(rf"{MONTH_RE}\s*$|^\s*{MONTH_RE}\b")
# Cheap pre-check: a sentence without any of these holds no quantity.
MAYBE_QUANTITY = re.compile(
    rf"\d|\b(?:{_WORDNUM}|twice|double|doubled|doubles|doubling|tripl\w*|\w+fold|half|"
    rf"thirds?|quarters?|fifths?|tenths?)\b",
    re.I,
)


def _value(num: str, scale: str | None) -> float:
    base = (
        float(num.replace(",", ""))
        if num[0].isdigit()
        else (2.0 if num.lower() == "twice" else word_number(num))
    )
    return base * _SCALE_WORDS.get((scale or "").lower(), 1.0)


def amounts(sentence: str) -> list[dict]:
    """Every amount in the sentence, leftmost-longest by pattern order (money before bare counts).

    A count whose noun must be a metric cue carries `noun: "cue"`; the caller checks the cue."""
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
