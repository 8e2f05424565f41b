"""Matching extracted facts with annotated ones, per fact type: (tp, fp, fn) for one article.

Annotations are keyed by content (evidence substrings, quote prefixes, names), never by character
offsets, so they survive changes to the cleaning stage. Each matcher's docstring is its rule; the
guidelines are in data/annotations/guidelines/.
"""

from __future__ import annotations

from ..conventions import comparable
from .names import NameMatcher

ORDER = ["year", "month", "day"]
WIDTH = {"year": 4, "month": 7, "day": 10}


def _one_to_one(predicted: list[dict], reference: list[dict], same) -> list[tuple[dict, dict]]:
    """Pairs (prediction, reference item): each reference item takes the first unused prediction
    that `same` accepts."""
    used: set[int] = set()
    pairs = []
    for ref in reference:
        for i, row in enumerate(predicted):
            if i not in used and same(row, ref):
                used.add(i)
                pairs.append((row, ref))
                break
    return pairs


def _counts(pairs, predicted, reference) -> tuple[int, int, int]:
    return len(pairs), len(predicted) - len(pairs), len(reference) - len(pairs)


def _date_agrees(row: dict, ref: dict) -> bool:
    """Each end of the predicted date (a range has two), cut to the reference precision, equals the
    reference date, and the predicted precision is at least as fine."""
    if ORDER.index(row["precision"]) < ORDER.index(ref["precision"]):
        return False
    ends, ref_ends = str(row["date"]).split("/"), str(ref["date"]).split("/")
    width = WIDTH[ref["precision"]]
    return len(ends) == len(ref_ends) and all(e[:width] == r for e, r in zip(ends, ref_ends))


def match_events(predicted: list[dict], reference: list[dict], names=None) -> tuple[int, int, int]:
    """A reference event {date, precision, evidence} is found by a prediction whose sentence holds
    the evidence and whose date agrees at the reference precision."""
    pairs = _one_to_one(
        predicted, reference, lambda r, e: e["evidence"] in r["sentence"] and _date_agrees(r, e)
    )
    return _counts(pairs, predicted, reference)


def _same_figure(row: dict, ref: dict) -> bool:
    value = float(ref["value"])
    return (
        ref["evidence"] in row["sentence"]
        and row["unit"] == ref["unit"]
        and abs(float(row["value"]) - value) <= 1e-6 * max(abs(value), 1e-12)
    )


def match_quantities(predicted: list[dict], reference: list[dict], names=None) -> tuple[int, int, int]:
    """A reference figure is found by a prediction in its evidence sentence with the same unit and
    value (relative tolerance 1e-6); what it measures is scored by `match_quantity_metrics`."""
    return _counts(_one_to_one(predicted, reference, _same_figure), predicted, reference)


def match_quantity_metrics(predicted: list[dict], reference: list[dict], names=None) -> tuple[int, int, int]:
    """Among found figures: tp = metric right, fp = metric wrong; fn = figures not found.
    Precision is the share of found figures whose metric is right."""
    pairs = _one_to_one(predicted, reference, _same_figure)
    right = sum(row["metric"] == ref["metric"] for row, ref in pairs)
    return right, len(pairs) - right, len(reference) - len(pairs)


def _quote_pairs(predicted, reference):
    def same(row, ref):
        return comparable(row["text"]).startswith(comparable(ref["prefix"]))

    return _one_to_one(predicted, reference, same)


def match_quotes(predicted: list[dict], reference: list[dict], names=None) -> tuple[int, int, int]:
    """A reference quote is found by a predicted quote whose text (quote marks, case and spacing
    aside) starts with its prefix. Speakers are scored by `match_quote_speakers`."""
    return _counts(_quote_pairs(predicted, reference), predicted, reference)


def match_quote_speakers(
    predicted: list[dict], reference: list[dict], names: NameMatcher
) -> tuple[int, int, int]:
    """Among found quotes: tp = same speaker (people, institutions, media and documents alike,
    compared through the gazetteer; both null counts as right), fp = wrong speaker; fn = quotes
    not found. Precision is the speaker accuracy."""
    pairs = _quote_pairs(predicted, reference)
    right = sum(names.same(row.get("speaker"), ref.get("speaker")) for row, ref in pairs)
    return right, len(pairs) - right, len(reference) - len(pairs)


def _mention_counts(predicted: list[dict], reference: list[dict], names: NameMatcher, people_only=False):
    """Reference entities with their expected count, and the predicted count of each (predictions
    grouped by entity and mapped onto the reference names)."""
    got: dict[str, int] = {}
    for row in predicted:
        if not people_only or row["type"] == "person":
            got[row["entity"]] = got.get(row["entity"], 0) + 1
    ref = {r["name"]: int(r["count"]) for r in reference if not people_only or r["type"] == "person"}
    mapped: dict[str, int] = dict.fromkeys(ref, 0)
    unmatched = 0
    for entity, n in got.items():
        target = next((name for name in ref if names.same(entity, name)), None)
        if target is None:
            unmatched += n
        else:
            mapped[target] += n
    return ref, mapped, unmatched, got


def match_mentions(predicted: list[dict], reference: list[dict], names: NameMatcher) -> tuple[int, int, int]:
    """Per reference entity tp = min(predicted, expected); fp = predicted excess plus mentions of
    entities the reference lacks; fn = expected excess."""
    ref, mapped, unmatched, _ = _mention_counts(predicted, reference, names)
    tp = sum(min(mapped[name], n) for name, n in ref.items())
    return tp, sum(mapped.values()) + unmatched - tp, sum(ref.values()) - tp


def match_person_counts(
    predicted: list[dict], reference: list[dict], names: NameMatcher
) -> tuple[int, int, int]:
    """People only: tp = people whose predicted count is within 10% of the reference, fn = the
    other reference people, fp = predicted people the reference lacks."""
    ref, mapped, _, got = _mention_counts(predicted, reference, names, people_only=True)
    tp = sum(abs(mapped[name] - n) <= 0.1 * n for name, n in ref.items())
    extra = sum(1 for entity in got if not any(names.same(entity, name) for name in ref))
    return tp, extra, len(ref) - tp


# fact type -> (table the predictions come from, annotation folder, matcher)
MATCHERS = {
    "mentions": ("mentions", "mentions", match_mentions),
    "person_counts": ("mentions", "mentions", match_person_counts),
    "events": ("events", "events", match_events),
    "quantities": ("quantities", "quantities", match_quantities),
    "quantity_metrics": ("quantities", "quantities", match_quantity_metrics),
    "quotes": ("quotes", "quotes", match_quotes),
    "quote_speakers": ("quotes", "quotes", match_quote_speakers),
}
