"""Facts that several sources corroborate, and facts they contradict.

Quantities are compared only when they measure the same specific metric, in the same unit, for
the same period. The period is the quantity's year, else the span of years its sentence names
("between December 2012 and December 2014" -> 2012-2014), else "unspecified" (a running total
such as "met 27 times"). So "seven meetings, 2012-2014" is never set against "27 meetings".

Each stated value stands for an interval, set by its qualifier and by how round it is written
(its granularity g: 27 -> 1, 25 -> 5, 34.8 billion -> 0.1 billion):
exact [x-g/2, x+g/2], approx [x-g, x+g], over [x, x+g], under [x-g, x].
Two values agree when their intervals overlap: "over 25" ([25, 30]) agrees with 27 ([26.5, 27.5]),
while "approached $34.8 billion" ([34.7, 34.8]) contradicts "$32 billion" ([31.5, 32.5]).
Changes ("rose 5%") are only compared with changes. A contradiction needs two articles whose
values disagree; a key on which one article itself gives incompatible values ("60% of exports ...
80% of imports") lumps different things together and yields no contradiction.

Event dates contradict when two articles describe the same happening (shared actors and similar
wording) with dates that differ at their common precision; see timeline.py for the similarity.
"""
from __future__ import annotations

import re

import pandas as pd

from .timeline import common_precision_date, description_similarity

GENERIC_METRICS = {"other", ""}           # too unspecific to say two figures measure the same thing
SAME_HAPPENING_SIMILARITY = 0.5           # wording overlap for "same happening, different date"
MAX_DATE_GAP_YEARS = 1                    # dates further apart are different happenings, not a conflict
FACT_COLUMNS = ["fact_id", "kind", "key", "value", "n_sources", "article_id", "sentence", "start", "end"]
CONTRADICTION_COLUMNS = ["contradiction_id", "kind", "key", "article_id", "value", "sentence", "start", "end"]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def granularity(value: float) -> float:
    """The rounding step a number is written to: 27 -> 1, 25 -> 5, 3.48e10 -> 1e9... 1e8."""
    if value == 0:
        return 1.0
    digits = f"{abs(value):.6g}"
    mantissa, _, exp = digits.partition("e")
    whole, _, frac = mantissa.partition(".")
    frac = frac.rstrip("0")
    if frac:
        step, last = 10.0 ** -len(frac), int(frac[-1])
    else:
        stripped = whole.rstrip("0")
        step, last = 10.0 ** (len(whole) - len(stripped)), int(stripped[-1])
    step *= 10.0 ** int(exp or 0)
    return step * 5 if last == 5 else step


def interval(value: float, qualifier: str) -> tuple[float, float]:
    g = granularity(value)
    return {"approx": (value - g, value + g), "over": (value, value + g),
            "under": (value - g, value)}.get(qualifier, (value - g / 2, value + g / 2))


def period(year, sentence: str) -> str:
    if pd.notna(year):
        return str(int(year))
    years = sorted({int(y) for y in YEAR.findall(sentence or "")})
    if not years:
        return "unspecified"
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def format_value(value: float, unit: str, qualifier: str) -> str:
    prefix = {"over": "over ", "under": "under ", "approx": "about ", "change": "change of "}.get(qualifier, "")
    for size, word in ((1e9, " billion"), (1e6, " million")):
        if abs(value) >= size:
            return f"{prefix}{value / size:,.6g}{word} {unit}"
    return f"{prefix}{value:,.6g} {unit}"


def _quantity_groups(quantities: pd.DataFrame):
    q = quantities[~quantities["metric"].fillna("").isin(GENERIC_METRICS)].copy()
    if q.empty:
        return
    q["period"] = [period(y, s) for y, s in zip(q["year"], q["sentence"])]
    q["kind_of_value"] = q["qualifier"].where(q["qualifier"] == "change", "level")
    q["key"] = q["metric"] + " " + q["period"] + " (" + q["unit"] + (
        q["kind_of_value"].map({"change": ", change", "level": ""})) + ")"
    q = q.sort_values(["key", "article_id", "start"], kind="stable")
    for key, group in q.groupby("key", sort=True):
        if group["article_id"].nunique() >= 2:
            yield key, group


def _agreeing_sets(group: pd.DataFrame) -> list[pd.DataFrame]:
    """Partition a key's values into sets whose intervals all overlap (greedy, most precise first)."""
    rows = group.assign(width=[b - a for a, b in (interval(v, ql) for v, ql in zip(group["value"], group["qualifier"]))])
    rows = rows.sort_values(["width", "article_id", "start"], kind="stable")
    sets: list[tuple[float, float, list]] = []
    for idx, r in rows.iterrows():
        lo, hi = interval(r["value"], r["qualifier"])
        for i, (slo, shi, members) in enumerate(sets):
            if lo <= shi and slo <= hi:
                sets[i] = (max(lo, slo), min(hi, shi), members + [idx])
                break
        else:
            sets.append((lo, hi, [idx]))
    return [group.loc[members] for _, _, members in sets]


def _self_inconsistent(sets: list[pd.DataFrame]) -> bool:
    seen: set[str] = set()
    for members in sets:
        ids = set(members["article_id"])
        if ids & seen:
            return True
        seen |= ids
    return False


def _fact_rows(fact_id, kind, key, members: pd.DataFrame, value_of) -> list[dict]:
    n = members["article_id"].nunique()
    return [{"fact_id": fact_id, "kind": kind, "key": key, "value": value_of(r),
             "n_sources": n, "article_id": r["article_id"], "sentence": r["sentence"],
             "start": r["start"], "end": r["end"]}
            for _, r in members.drop_duplicates(["article_id", "sentence"]).iterrows()]


def _qvalue(r) -> str:
    return format_value(r["value"], r["unit"], r["qualifier"])


def compare_quantities(quantities: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    corroborated, contradicted = [], []
    for key, group in _quantity_groups(quantities):
        sets = _agreeing_sets(group)
        for members in sets:
            if members["article_id"].nunique() >= 2:
                corroborated.append(("quantity", key, members, _qvalue))
        sources = [set(s["article_id"]) for s in sets]
        if _self_inconsistent(sets):
            continue  # one article gives several values: the key lumps different things together
        if any(a - b and b - a for i, a in enumerate(sources) for b in sources[i + 1:]):
            contradicted.append(("quantity", key, group.drop_duplicates(["article_id", "value", "qualifier"]), _qvalue))
    return corroborated, contradicted


def _date_gap_years(a: str, b: str) -> float:
    return abs(int(a[:4]) - int(b[:4]))


def compare_event_dates(events: pd.DataFrame) -> list:
    """Pairs of events from different articles that describe one happening with different dates.

    Only events sharing an actor are compared, which keeps large corpora tractable."""
    if events.empty:
        return []
    ev = events.sort_values(["article_id", "start", "date"], kind="stable").reset_index(drop=True)
    records = ev.to_dict("records")
    by_actor: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for actor in sorted(set(r["actors"])):
            by_actor.setdefault(actor, []).append(i)
    pairs = sorted({(i, j) for idx in by_actor.values() for n, i in enumerate(idx) for j in idx[n + 1:]})
    found = []
    for i, j in pairs:
        a, b = records[i], records[j]
        if a["article_id"] == b["article_id"] or "/" in a["date"] + b["date"]:
            continue
        if common_precision_date(a["date"], a["precision"], b["date"], b["precision"]) is not None:
            continue  # same date at the common precision: agreement, not conflict
        if _date_gap_years(a["date"], b["date"]) > MAX_DATE_GAP_YEARS:
            continue
        if description_similarity(a["description"], b["description"]) < SAME_HAPPENING_SIMILARITY:
            continue
        key = " / ".join(sorted(set(a["actors"]) & set(b["actors"])))
        found.append(("event_date", f"date of: {key}", ev.loc[[i, j]], lambda r: r["date"]))
    return found


def compare(events: pd.DataFrame, quantities: pd.DataFrame, timeline: pd.DataFrame,
            events_by_cluster: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(corroborated_facts, contradictions) tables."""
    corroborated, contradicted = compare_quantities(quantities)
    for _, t in timeline[timeline["n_sources"] >= 2].iterrows():
        corroborated.append(("event", f"{t['date']}: {t['description'][:80]}", events_by_cluster[t["event_id"]],
                             lambda r: r["date"]))
    contradicted += compare_event_dates(events)
    facts = []
    for n, (kind, key, members, value_of) in enumerate(sorted(corroborated, key=lambda c: (c[0], c[1])), 1):
        facts += _fact_rows(f"F{n:03d}", kind, key, members, value_of)
    conflicts = []
    for n, (kind, key, members, value_of) in enumerate(contradicted, 1):
        for _, r in members.iterrows():
            conflicts.append({"contradiction_id": f"C{n:03d}", "kind": kind, "key": key,
                              "article_id": r["article_id"], "value": value_of(r), "sentence": r["sentence"],
                              "start": r["start"], "end": r["end"]})
    return (pd.DataFrame(facts, columns=FACT_COLUMNS).sort_values(["fact_id", "article_id", "start"]),
            pd.DataFrame(conflicts, columns=CONTRADICTION_COLUMNS).sort_values(["contradiction_id", "article_id", "start"]))
