"""Direct quotations and their speakers."""
from __future__ import annotations

import re

_QUOTE = re.compile(r"“([^”]{12,})”|\"([^\"]{12,})\"")


def extract(doc, mentions: list[dict]) -> list[dict]:
    rows = []
    for m in _QUOTE.finditer(doc.text):
        inner = m.group(1) or m.group(2)
        start = m.start() + 1
        before = [mm for mm in mentions if mm["type"] == "person" and mm["end"] <= m.start()]
        speaker = before[-1]["entity"] if before else None
        rows.append({"speaker": speaker, "text": inner, "start": start, "end": start + len(inner)})
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
