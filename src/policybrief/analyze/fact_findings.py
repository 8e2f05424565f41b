"""Fact findings: figures and dates several sources corroborate or contradict (the rows of
compare.py's tables, found back by their evidence spans), worded for the brief."""

from __future__ import annotations

import pandas as pd

from ..report.render import quantity, reader_date
from .compare import interval, period
from .statements import Sources, finding
from .timeline import PRECISION_RANK

UNDATED_CLARITY = 0.5


def _span_key(article_id, start, end) -> tuple:
    return (article_id, int(start), int(end))


class FactIndex:
    """The extracted rows behind the comparison tables, found by their evidence span."""

    def __init__(self, quantities: pd.DataFrame, events: pd.DataFrame, timeline: pd.DataFrame, members: dict):
        self.quantities = {
            _span_key(r["article_id"], r["start"], r["end"]): r for r in quantities.to_dict("records")
        }
        self.events = {_span_key(r["article_id"], r["start"], r["end"]): r for r in events.to_dict("records")}
        self.event_of: dict[tuple, str] = {}
        for event_id in sorted(members):
            for r in members[event_id]:
                self.event_of.setdefault(_span_key(r["article_id"], r["start"], r["end"]), event_id)
        self.timeline = timeline.set_index("event_id") if len(timeline) else timeline

    def quantity(self, row):
        return self.quantities.get(_span_key(row["article_id"], row["start"], row["end"]))

    def event_id(self, row):
        return self.event_of.get(_span_key(row["article_id"], row["start"], row["end"]))

    def headline(self, event_ids) -> str | None:
        """The first timeline headline of these events, the most precisely dated first."""
        for event_id in event_ids:
            if event_id in self.timeline.index:
                headline = self.timeline.at[event_id, "headline"]
                if isinstance(headline, str) and headline:
                    return headline
        return None


def quantity_label(q: dict, metric_labels: dict) -> str:
    """ "Trade turnover in 2013", "Leaders' meetings", "Change in tariff rate in 2014–2016"."""
    name = metric_labels.get(q["metric"], q["metric"].replace("_", " "))
    when = period(q.get("year"), q.get("sentence"))
    name = f"change in {name}" if q["qualifier"] == "change" and not name.startswith("change") else name
    label = name if when == "unspecified" else f"{name} in {when.replace('-', '–')}"
    return label[:1].upper() + label[1:]


def _value(q: dict) -> str:
    return quantity(q["value"], q["unit"], q["qualifier"] if q["qualifier"] != "change" else None)


def _groups(df: pd.DataFrame, key: str) -> list[tuple[str, list[dict]]]:
    """(key value, its rows as records) in key order: plain Python, as a corpus of a thousand
    articles has thousands of facts and per-group pandas calls cost milliseconds each."""
    groups: dict[str, list[dict]] = {}
    for r in df.to_dict("records"):
        groups.setdefault(r[key], []).append(r)
    return sorted(groups.items())


def _fact_evidence(rows: list[dict], side_of, index: FactIndex) -> list[dict]:
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (r["article_id"], r["start"])):
        if (r["article_id"], r["start"]) not in seen:
            seen.add((r["article_id"], r["start"]))
            out.append(
                {
                    "article_id": r["article_id"],
                    "side": side_of(r),
                    "sentence": r["sentence"],
                    "start": r["start"],
                    "end": r["end"],
                    "event_id": index.event_id(r),
                }
            )
    return out


def _gives(ids, names: Sources) -> str:
    return "give" if names.plural(ids) else "gives"


def corroboration_findings(
    facts: pd.DataFrame, index: FactIndex, metric_labels: dict, n_corpus: int, names: Sources
) -> list[dict]:
    out = []
    for fact_id, rows in _groups(facts, "fact_id"):
        ids = sorted({r["article_id"] for r in rows})
        coverage = len(ids) / n_corpus
        if rows[0]["kind"] == "quantity":
            found = [q for q in (index.quantity(r) for r in rows) if q is not None]
            if not found:
                continue
            best = min(
                found, key=lambda q: (_width(q), q["qualifier"] != "exact", q["article_id"], q["start"])
            )
            label = quantity_label(best, metric_labels)
            both = "both give" if len(ids) == 2 else _gives(ids, names)
            statement = f"{label}: {names.name(ids)} {both} {_value(best)}."
            clarity = (
                UNDATED_CLARITY if period(best.get("year"), best.get("sentence")) == "unspecified" else 1.0
            )
            evidence = _fact_evidence(rows, lambda r, best=best: _value(index.quantity(r) or best), index)
            out.append(
                finding(
                    "corroboration", "quantity", fact_id, label, coverage, 1.0, clarity, statement, evidence
                )
            )
        else:
            event_ids = sorted({e for e in (index.event_id(r) for r in rows) if e})
            headline = index.headline(event_ids)
            date = _event_date(rows, index)
            label = headline or f"An event of {reader_date(date)}"
            reported = f"reported by {names.name(ids)}"
            statement = (
                f"{headline} ({reader_date(date)}): {reported}." if headline else f"{label}, {reported}."
            )
            evidence = _fact_evidence(rows, lambda r: reader_date(r["value"]), index)
            out.append(
                finding("corroboration", "event", fact_id, label, coverage, 1.0, 1.0, statement, evidence)
            )
    return out


def _width(q: dict) -> float:
    lo, hi = interval(q["value"], q["qualifier"])
    return hi - lo


def _event_date(rows: list[dict], index: FactIndex) -> str:
    """The most precise date the sources give for the happening."""
    found = [index.events.get(_span_key(r["article_id"], r["start"], r["end"])) for r in rows]
    found = [e for e in found if e is not None]
    if not found:
        return str(rows[0]["value"])
    return max(found, key=lambda e: (PRECISION_RANK[e["precision"]], e["date"]))["date"]


def contradiction_findings(
    conflicts: pd.DataFrame, index: FactIndex, metric_labels: dict, n_corpus: int, names: Sources
) -> list[dict]:
    """One finding per contradiction: what is disputed, and who gives which value (the value most
    sources give first)."""
    out = []
    for cid, rows in _groups(conflicts, "contradiction_id"):
        ids = sorted({r["article_id"] for r in rows})
        records = sorted(rows, key=lambda r: (r["article_id"], r["start"]))
        if rows[0]["kind"] == "quantity":
            if any(index.quantity(r) is None for r in records):
                continue
            subject_type, label = "quantity", quantity_label(index.quantity(records[0]), metric_labels)

            def side_of(r):
                return _value(index.quantity(r))

            def says(who):
                return _gives(who, names)
        else:
            event_ids = sorted({e for e in (index.event_id(r) for r in records) if e})
            subject_type = "event"
            label = index.headline(event_ids) or _event_key_label(rows[0]["key"])

            def side_of(r):
                return reader_date(r["value"])

            def says(who):
                return "date it to" if names.plural(who) else "dates it to"

        sides: dict[str, set[str]] = {}
        order: dict[str, tuple] = {}  # most sources first, then the smaller figure or earlier date
        for r in records:
            value = side_of(r)
            sides.setdefault(value, set()).add(r["article_id"])
            raw = index.quantity(r)["value"] if subject_type == "quantity" else str(r["value"])
            order[value] = min(order.get(value, (raw,)), (raw,))
        ordered = sorted(sides, key=lambda v: (-len(sides[v]), order[v], v))[:3]
        told = [f"{names.name(sorted(sides[v]))} {says(sorted(sides[v]))} {v}" for v in ordered]
        statement = f"{label}: {told[0]}, while {' and '.join(told[1:])}." if len(told) > 1 else f"{label}."
        evidence = _fact_evidence(rows, side_of, index)
        out.append(
            finding(
                "contradiction", subject_type, cid, label, len(ids) / n_corpus, 1.0, 1.0, statement, evidence
            )
        )
    return out


def _event_key_label(key: str) -> str:
    """Fallback name of a misdated happening from compare.py's key ("date of: Japan: surrender")."""
    _, _, rest = key.partition("date of: ")
    actors, _, core = rest.partition(": ")
    return f"The date of the {core or 'event'} ({actors})" if actors else "The date of an event"
