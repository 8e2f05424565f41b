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

Event dates contradict when two articles describe the same happening with dates that differ at
their common precision. Same happening = a shared actor and the same specific words next to the
date (its "core", timeline.event_core: "Japan's surrender in August 1945" / "Japan surrendered to
the Allies in September 1945"); generic words ("met", "summit") never make two events one. Not a
contradiction: a span against a point, dates a day apart (time zones), dates more than a year
apart (a second happening), or a happening an article itself dates both ways (it recurs).
Articles that agree with either side join the same contradiction, so each happening is one entry.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd

from ..conventions import YEAR
from .timeline import common_precision_date, content_words, core_similarity, event_core

GENERIC_METRICS = {"other", ""}  # too unspecific to say two figures measure the same thing
SAME_HAPPENING_OVERLAP = 0.5  # share of the shorter event core two reports must share
MAX_DATE_GAP_YEARS = 1  # dates further apart are different happenings, not a conflict
DAY_TOLERANCE = 1  # days apart that are reporting noise, not a conflict
# Words that name no particular happening: two "meetings" in one year are not one misdated meeting.
GENERIC_EVENT_WORDS = frozenset(
    """
    met meet meeting talk visit call said say held took place year time later early late mid end
    began start new first last also agreed agree summit leader government minister prime
    president country countries two both since after before during following
    """.split()  # noqa: SIM905
)
FACT_COLUMNS = ["fact_id", "kind", "key", "value", "n_sources", "article_id", "sentence", "start", "end"]
CONTRADICTION_COLUMNS = ["contradiction_id", "kind", "key", "article_id", "value", "sentence", "start", "end"]


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
    return {"approx": (value - g, value + g), "over": (value, value + g), "under": (value - g, value)}.get(
        qualifier, (value - g / 2, value + g / 2)
    )


def period(year, sentence: str) -> str:
    if pd.notna(year):
        return str(int(year))
    years = sorted({int(y) for y in YEAR.findall(sentence or "")})
    if not years:
        return "unspecified"
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def format_value(value: float, unit: str, qualifier: str) -> str:
    prefix = {"over": "over ", "under": "under ", "approx": "about ", "change": "change of "}.get(
        qualifier, ""
    )
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
    q["key"] = (
        q["metric"]
        + " "
        + q["period"]
        + " ("
        + q["unit"]
        + (q["kind_of_value"].map({"change": ", change", "level": ""}))
        + ")"
    )
    q = q.sort_values(["key", "article_id", "start"], kind="stable")
    groups: dict[str, list[dict]] = {}  # records, not per-key pandas calls: thousands of keys at scale
    for r in q.to_dict("records"):
        groups.setdefault(r["key"], []).append(r)
    for key, rows in sorted(groups.items()):
        if len({r["article_id"] for r in rows}) >= 2:
            yield key, rows


def _agreeing_sets(rows: list[dict]) -> list[list[dict]]:
    """Partition a key's values into sets whose intervals all overlap (greedy, most precise first)."""

    def width(r):
        lo, hi = interval(r["value"], r["qualifier"])
        return hi - lo

    sets: list[tuple[float, float, list]] = []
    for r in sorted(rows, key=lambda r: (width(r), r["article_id"], r["start"])):
        lo, hi = interval(r["value"], r["qualifier"])
        for i, (slo, shi, members) in enumerate(sets):
            if lo <= shi and slo <= hi:
                sets[i] = (max(lo, slo), min(hi, shi), [*members, r])
                break
        else:
            sets.append((lo, hi, [r]))
    return [members for _, _, members in sets]


def _articles(rows: list[dict]) -> set[str]:
    return {r["article_id"] for r in rows}


def _distinct(rows: list[dict], columns: tuple[str, ...]) -> list[dict]:
    """The first row of each combination of `columns`, in order (pandas' drop_duplicates)."""
    first: dict[tuple, dict] = {}
    for r in rows:
        first.setdefault(tuple(r[c] for c in columns), r)
    return list(first.values())


def _self_inconsistent(sets: list[list[dict]]) -> bool:
    seen: set[str] = set()
    for members in sets:
        ids = _articles(members)
        if ids & seen:
            return True
        seen |= ids
    return False


def _fact_rows(fact_id, kind, key, members: list[dict], value_of) -> list[dict]:
    n = len(_articles(members))
    return [
        {
            "fact_id": fact_id,
            "kind": kind,
            "key": key,
            "value": value_of(r),
            "n_sources": n,
            "article_id": r["article_id"],
            "sentence": r["sentence"],
            "start": r["start"],
            "end": r["end"],
        }
        for r in _distinct(members, ("article_id", "sentence"))
    ]


def _qvalue(r) -> str:
    return format_value(r["value"], r["unit"], r["qualifier"])


def compare_quantities(quantities: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    corroborated, contradicted = [], []
    for key, group in _quantity_groups(quantities):
        sets = _agreeing_sets(group)
        for members in sets:
            if len(_articles(members)) >= 2:
                corroborated.append(("quantity", key, members, _qvalue))
        sources = [_articles(s) for s in sets]
        if _self_inconsistent(sets):
            continue  # one article gives several values: the key lumps different things together
        if any(a - b and b - a for i, a in enumerate(sources) for b in sources[i + 1 :]):
            distinct = _distinct(group, ("article_id", "value", "qualifier"))
            contradicted.append(("quantity", key, distinct, _qvalue))
    return corroborated, contradicted


def _as_date(date: str) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(date)
    except ValueError:
        return None


def dates_agree(a: dict, b: dict) -> bool:
    """Equal at their common precision, or days apart by no more than reporting noise (time zones)."""
    if common_precision_date(a["date"], a["precision"], b["date"], b["precision"]) is not None:
        return True
    if a["precision"] == b["precision"] == "day" and "/" not in a["date"] + b["date"]:
        da, db = _as_date(a["date"]), _as_date(b["date"])
        return da is not None and db is not None and abs((da - db).days) <= DAY_TOLERANCE
    return False


def dates_conflict(a: dict, b: dict) -> bool:
    """Do two dates for one thing disagree?"""
    if ("/" in a["date"]) != ("/" in b["date"]):
        return False  # a span ("2012/2020") and a point are not two dates for one thing
    if abs(int(a["date"][:4]) - int(b["date"][:4])) > MAX_DATE_GAP_YEARS:
        return False  # years apart: two happenings (a second summit), not one misdated
    return not dates_agree(a, b)


def _actor_words(actors) -> set[str]:
    return {w for name in actors for w in content_words(name)}


def _core(event: dict) -> frozenset[str]:
    """The words naming the happening, minus actor names and generic event words ("met", "talks")."""
    core = event_core(event["description"], event.get("surface"))
    return frozenset(core - _actor_words(event["actors"]) - GENERIC_EVENT_WORDS)


def same_happening(a: dict, b: dict, core_a: frozenset[str], core_b: frozenset[str]) -> bool:
    """Same actors and the same words next to the date: one happening, whatever the dates say."""
    if not set(a["actors"]) & set(b["actors"]):
        return False
    shared, overlap = core_similarity(core_a, core_b)
    return shared >= 1 and overlap >= SAME_HAPPENING_OVERLAP


class _Reports:
    """Events grouped into classes of identical reports (same date, actors and core), with an index
    of candidate pairs: a shared actor and core word, dates within MAX_DATE_GAP_YEARS."""

    def __init__(self, events: pd.DataFrame):
        self.events = events.sort_values(["article_id", "start", "date"], kind="stable").reset_index(
            drop=True
        )
        records = self.events.to_dict("records")
        classes: dict[tuple, list[int]] = {}
        for i, r in enumerate(records):
            core = _core(r)
            classes.setdefault((r["date"], r["precision"], tuple(sorted(set(r["actors"]))), core), []).append(
                i
            )
        self.members = list(classes.values())  # class order = order of its first event
        self.event = [records[m[0]] for m in self.members]
        self.core = [key[3] for key in classes]
        self.articles = [{records[i]["article_id"] for i in m} for m in self.members]
        self.neighbours = self._neighbours()
        self.agreeing = [  # per class, the classes reporting its happening at an agreeing date
            [d for d in sorted(self.neighbours[c] | {c}) if d == c or self.agree(c, d)] for c in self.classes
        ]

    @property
    def classes(self) -> range:
        return range(len(self.members))

    def _neighbours(self) -> list[set[int]]:
        index: dict[tuple[str, str, int], list[int]] = {}
        for c in self.classes:
            for actor in sorted(set(self.event[c]["actors"])):
                for word in sorted(self.core[c]):
                    index.setdefault((actor, word, self.year(c)), []).append(c)
        gap = range(-MAX_DATE_GAP_YEARS, MAX_DATE_GAP_YEARS + 1)
        return [
            {
                d
                for actor in set(self.event[c]["actors"])
                for word in self.core[c]
                for dy in gap
                for d in index.get((actor, word, self.year(c) + dy), [])
                if d != c
            }
            for c in self.classes
        ]

    def year(self, c: int) -> int:
        return int(self.event[c]["date"][:4])

    def same(self, c: int, d: int) -> bool:
        return same_happening(self.event[c], self.event[d], self.core[c], self.core[d])

    def agree(self, c: int, d: int) -> bool:
        return self.same(c, d) and dates_agree(self.event[c], self.event[d])

    def recurs(self, c: int, d: int) -> bool:
        """Does some article report this happening at both dates (each report clearly on one side)?"""
        sides = [
            set().union(
                *(self.articles[k] for k in self.agreeing[m] if not dates_agree(self.event[k], self.event[o]))
            )
            for m, o in ((c, d), (d, c))
        ]
        return bool(sides[0] & sides[1])

    def conflicts(self) -> list[tuple[int, int]]:
        """Pairs of classes (c < d) that date one happening differently, nobody dating it both ways."""
        return [
            (c, d)
            for c in self.classes
            for d in sorted(n for n in self.neighbours[c] if n > c)
            if dates_conflict(self.event[c], self.event[d]) and self.same(c, d) and not self.recurs(c, d)
        ]

    def name(self, c: int, d: int) -> str:
        actors = " / ".join(sorted(set(self.event[c]["actors"]) & set(self.event[d]["actors"])))
        return f"date of: {actors}: {' '.join(sorted(self.core[c] & self.core[d]))}"


def compare_event_dates(events: pd.DataFrame) -> list:
    """Groups of events from different articles that describe one happening with different dates.

    A pair is dropped when some article gives both dates for that happening: then it recurs (two
    visits), and nobody contradicts anybody. Reports with the same date, actors and core (one
    sentence carried by many outlets) pass every test alike, so they are compared once, as a class:
    pairs grow with distinct reports, not copies. Conflicting pairs that share a class are one
    happening (connected components); each is named after its first conflicting pair."""
    if events.empty:
        return []
    reports = _Reports(events)
    graph = nx.Graph(reports.conflicts())
    groups = []
    for component in nx.connected_components(graph):
        first = min(tuple(sorted(edge)) for edge in graph.subgraph(component).edges())
        found = sorted(i for c in component for i in reports.members[c])
        groups.append((min(component), reports.name(*first), found))
    return [
        (
            "event_date",
            name,
            reports.events.loc[found].drop_duplicates(["article_id", "date"]).to_dict("records"),
            lambda row: row["date"],
        )
        for _, name, found in sorted(groups)
    ]


def compare(
    events: pd.DataFrame, quantities: pd.DataFrame, timeline: pd.DataFrame, events_by_cluster: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(corroborated_facts, contradictions) tables. events_by_cluster: timeline event id -> its
    member events (records); every comparison yields (kind, key, member records, value_of)."""
    corroborated, contradicted = compare_quantities(quantities)
    for _, t in timeline[timeline["n_sources"] >= 2].iterrows():
        corroborated.append(
            (
                "event",
                f"{t['date']}: {textwrap.shorten(t['description'], 90, placeholder=' …')}",
                events_by_cluster[t["event_id"]],
                lambda r: r["date"],
            )
        )
    contradicted += compare_event_dates(events)
    facts = []
    for n, (kind, key, members, value_of) in enumerate(sorted(corroborated, key=lambda c: (c[0], c[1])), 1):
        facts += _fact_rows(f"F{n:03d}", kind, key, members, value_of)
    conflicts = []
    for n, (kind, key, members, value_of) in enumerate(contradicted, 1):
        for r in members:
            conflicts.append(
                {
                    "contradiction_id": f"C{n:03d}",
                    "kind": kind,
                    "key": key,
                    "article_id": r["article_id"],
                    "value": value_of(r),
                    "sentence": r["sentence"],
                    "start": r["start"],
                    "end": r["end"],
                }
            )
    return (
        pd.DataFrame(facts, columns=FACT_COLUMNS).sort_values(["fact_id", "article_id", "start"]),
        pd.DataFrame(conflicts, columns=CONTRADICTION_COLUMNS).sort_values(
            ["contradiction_id", "article_id", "start"]
        ),
    )
