"""Quantities (money, percentages, counts) with unit, metric and year."""
from __future__ import annotations

import re

from ..nlp import sentences

_SCALE = {"billion": 1e9, "million": 1e6, "trillion": 1e12, "thousand": 1e3}
_MONEY = re.compile(r"(?P<cur>[$¥])(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>billion|million|trillion))?")
_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|percent\b)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def extract(doc, metrics: dict) -> list[dict]:
    rows = []
    for s_start, _s_end, sentence in sentences(doc):
        years = _YEAR.findall(sentence)
        year = int(years[0]) if years else None
        for m in _MONEY.finditer(sentence):
            value = float(m.group("num").replace(",", "")) * _SCALE.get(m.group("scale") or "", 1)
            rows.append({"value": value, "unit": "USD" if m.group("cur") == "$" else "JPY", "metric": "other",
                         "year": year, "qualifier": "exact", "sentence": sentence, "surface": m.group(),
                         "start": s_start + m.start(), "end": s_start + m.end()})
        for m in _PERCENT.finditer(sentence):
            rows.append({"value": float(m.group("num")), "unit": "percent", "metric": "other", "year": year,
                         "qualifier": "exact", "sentence": sentence, "surface": m.group(),
                         "start": s_start + m.start(), "end": s_start + m.end()})
    return rows


def match(predicted, reference: list[dict], clean_text: str) -> tuple[int, int, int]:
    """Placeholder rule until the reference set exists: a reference item matches a predicted
    row whose span overlaps the reference span."""
    spans = [(int(r.start), int(r.end)) for r in predicted.itertuples()]
    used: set[int] = set()
    tp = 0
    for ref in reference:
        for i, (s, e) in enumerate(spans):
            if i not in used and s < ref["end"] and ref["start"] < e:
                used.add(i)
                tp += 1
                break
    return tp, len(spans) - tp, len(reference) - tp
