"""Dated events: the clause around a date expression, normalised to ISO at its precision."""
from __future__ import annotations

import re

from ..nlp import sentences

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], start=1)}
_DATE = re.compile(r"\b(?:(?P<month>" + "|".join(m.title() for m in MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})\b")


def extract(doc, published: str, mentions: list[dict]) -> list[dict]:
    rows = []
    for s_start, s_end, sentence in sentences(doc):
        for m in _DATE.finditer(sentence):
            month = m.group("month")
            date = m.group("year") + (f"-{MONTHS[month.lower()]:02d}" if month else "")
            actors = sorted({mm["entity"] for mm in mentions if s_start <= mm["start"] < s_end})
            rows.append({"date": date, "precision": "month" if month else "year", "description": sentence,
                         "actors": actors, "sentence": sentence, "surface": m.group(),
                         "start": s_start, "end": s_end})
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
