"""Mentions of people, organisations, places and countries under canonical names."""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ..nlp import blank_pipeline


def extract(doc, gazetteer, settings) -> list[dict]:
    index = gazetteer.alias_index()
    make_doc = blank_pipeline().make_doc
    matcher = PhraseMatcher(doc.vocab)
    for alias in index:
        matcher.add(alias, [make_doc(alias)])
    spans = [doc[s:e] for _, s, e in matcher(doc)]
    rows = []
    for span in filter_spans(spans):
        ent = index[span.text] if span.text in index else None
        if ent is None:
            continue
        rows.append({"entity": ent.name, "type": ent.type, "surface": span.text,
                     "canonical": True, "start": span.start_char, "end": span.end_char})
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
