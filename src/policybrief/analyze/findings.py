"""Findings: what comparing the articles shows, as typed statements a policy reader can act on.

The report only renders them; deciding what converges, what diverges and what is sharpest is
analysis, and lives here. Each finding is one row per piece of evidence behind it (an article's
position sentence, a sentence stating a figure or a date), with the finding's own columns repeated.

Kinds
- consensus: on a policy question (codebook dimension), MIN_SIDE or more sources take the same
  side and none takes the other (a salience question: a majority of the sources, MIN_SIDE at
  least, give the topic the same weight);
- split: sources take opposite sides of a question;
- outlier: one source takes the side opposite to MIN_SIDE or more others;
- shift: the mean position of the later half of the sources (by publication date) differs from
  the earlier half's by SHIFT_MIN scale points or more, neither half being split itself;
- corroboration: several sources report the same fact (policybrief.analyze.compare: a figure
  within the precision each source states it with, or one merged timeline event);
- contradiction: sources give incompatible figures or dates for one thing (compare.py).

Strength, 0..1: how much of the corpus a finding rests on, times how sure and how clear it is.

    strength = coverage x confidence x clarity

- coverage = n / N: the sources the finding rests on over the sources in the corpus; two of five
  sources are more than two of a thousand;
- confidence: for positions, the mean of the scorer's confidence in the positions cited
  (analyze/positions.py); for facts 1, since each source states the figure or date in its own
  words and the extract stage checked the span holds them;
- clarity: consensus, the share of the sources addressing the question that are on the side;
  split, outlier and shift, the distance between the positions compared as a share of the
  scale's span (opposite poles = 1); contradiction 1; corroboration 1 for an event or a dated
  figure, UNDATED_CLARITY for a figure with no period (a running total, harder to check).

The executive summary's findings are marked (`key`): the strongest, a few of each kind (see
key_findings). Statements are built from the codebook's and the metric list's own words (labels, pole words,
Dimension.describe) and name sources as a reader knows them (authors' surnames, else the outlet,
else the title), never by id. Rows are ordered by rank (strongest first; ties by kind, then
subject), then article and span, so two runs give the same table.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from ..report.render import count_word, join_words, quantity, reader_date
from .codebook import Codebook, Dimension
from .compare import interval, period
from .timeline import PRECISION_RANK

KINDS = ("consensus", "split", "outlier", "shift", "contradiction", "corroboration")
MIN_SIDE = 2  # sources on one side for a consensus, or against an outlier
SHIFT_MIN = 1.0  # scale points between the earlier and the later half's mean position
MIN_PER_PERIOD = 2  # sources each half needs for a shift
UNDATED_CLARITY = 0.5
NAMES_MAX = 4  # sources named in a statement; more are counted ("and four others")
# The brief's executive summary: the SUMMARY_SIZE strongest findings, at most SUMMARY_PER_KIND of a
# kind and one per subject, so that it tells positions as well as facts; filled up to SUMMARY_MIN
# from the next strongest when the corpus yields fewer distinct ones.
SUMMARY_SIZE, SUMMARY_MIN, SUMMARY_PER_KIND = 7, 5, 2
NOT_ADDRESSED, NO_DIRECTION = "not addressed", "no clear direction"
FINDING_COLUMNS = [
    "finding_id",
    "rank",
    "kind",
    "subject_type",
    "subject",
    "label",
    "strength",
    "statement",
    "n_articles",
    "article_id",
    "side",
    "sentence",
    "start",
    "end",
    "event_id",
    "key",
]


# ---------------------------------------------------------------- naming sources
def source_labels(articles: pd.DataFrame) -> dict[str, str]:
    """How a statement names each article: its authors' surnames ("Brown", "Rifai & Kielm",
    "Smith et al."), else its outlet, else its title in quotation marks. Two articles with the same
    label get their year, then a letter ("Brown (2022a)")."""
    base = {}
    for r in articles.sort_values("article_id").itertuples():
        authors = [a for a in (list(r.authors) if _listed(r.authors) else []) if a]
        surnames = [a.split()[-1] for a in authors]
        if len(surnames) == 1:
            base[r.article_id] = surnames[0]
        elif len(surnames) == 2:
            base[r.article_id] = " & ".join(surnames)
        elif surnames:
            base[r.article_id] = f"{surnames[0]} et al."
        elif isinstance(r.outlet, str) and r.outlet:
            base[r.article_id] = r.outlet
        else:
            base[r.article_id] = f"“{r.title}”"
    published = articles.set_index("article_id")["published"].astype(str)
    labels, seen = dict(base), Counter(base.values())
    for aid, label in base.items():
        if seen[label] > 1:
            labels[aid] = f"{label} ({published[aid][:4]})"
    again = Counter(labels.values())
    letters: Counter = Counter()
    for aid in sorted(labels):
        label = labels[aid]
        if again[label] > 1:
            letters[label] += 1
            labels[aid] = f"{label[:-1]}{chr(96 + letters[label])})"
    return labels


def _listed(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _plural_label(label: str) -> bool:
    return " & " in label or label.endswith("et al.")


class Sources:
    """Names groups of sources in a statement, with the verb agreeing."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels

    def name(self, ids) -> str:
        ids = list(ids)
        if len(ids) <= NAMES_MAX:
            return join_words(self.labels.get(a, a) for a in ids)
        named = join_words([self.labels.get(a, a) for a in ids], limit=NAMES_MAX - 1)
        return f"{count_word(len(ids))} sources ({named})"

    def plural(self, ids) -> bool:
        ids = list(ids)
        return len(ids) > 1 or (len(ids) == 1 and _plural_label(self.labels.get(ids[0], "")))

    def say(self, ids, dim: Dimension, score) -> str:
        """ "Hirose and Rifai & Kielm are for tightening"."""
        ids = list(ids)
        return f"{self.name(ids)} {stance(dim, score, self.plural(ids))}"


def _be(plural: bool) -> str:
    return "are" if plural else "is"


def describe(dim: Dimension, score) -> str:
    """Dimension.describe for a table cell (numpy numbers, NaN for not addressed)."""
    return dim.describe(None if score is None or score != score else float(score))


def stance(dim: Dimension, score, plural: bool) -> str:
    """ "is pessimistic", "are firmly critical", "takes no clear direction"."""
    words = describe(dim, score)
    if words == NO_DIRECTION:
        return "take no clear direction" if plural else "takes no clear direction"
    return f"{_be(plural)} {words}"


def _mean_score(scores) -> float:
    """A group's position in one word: the shared score when all agree ("firmly" only then), else
    the side its mean leans to (1 or -1), or 0."""
    scores = [float(x) for x in scores]
    if len(set(scores)) == 1:
        return scores[0]
    mean = sum(scores) / len(scores)
    return 0.0 if mean == 0 else math.copysign(1.0, mean)


# ---------------------------------------------------------------- positions
def _evidence(rows: pd.DataFrame, dim: Dimension) -> list[dict]:
    return [
        {
            "article_id": r.article_id,
            "side": describe(dim, r.score if r.status != NOT_ADDRESSED else None),
            "sentence": r.evidence if isinstance(r.evidence, str) else None,
            "start": r.start,
            "end": r.end,
            "event_id": None,
        }
        for r in rows.sort_values("article_id").itertuples()
    ]


def _confidence(rows: pd.DataFrame) -> float:
    return float(rows["confidence"].mean()) if len(rows) else 0.0


def _finding(kind, subject_type, subject, label, coverage, confidence, clarity, statement, evidence):
    return {
        "kind": kind,
        "subject_type": subject_type,
        "subject": subject,
        "label": label,
        "strength": round(max(0.0, min(1.0, coverage * confidence * clarity)), 4),
        "statement": statement,
        "evidence": evidence,
    }


def bipolar_findings(dim: Dimension, rows: pd.DataFrame, n_corpus: int, names: Sources) -> list[dict]:
    """Consensus, split or outlier on one bipolar question (at most one of the three), and shift."""
    addressed = rows[rows["status"] != NOT_ADDRESSED]
    neg = addressed[addressed["score"] < 0].sort_values("article_id")
    pos = addressed[addressed["score"] > 0].sort_values("article_id")
    neutral = addressed[addressed["score"] == 0].sort_values("article_id")
    span, label = dim.span, dim.label
    out = []
    if len(neg) and len(pos):
        small, large = sorted((neg, pos), key=lambda side: (len(side), side is pos))
        if len(small) == 1 and len(large) >= MIN_SIDE:
            lone = small.iloc[0]
            others = _mean_score(large["score"].tolist())
            statement = (
                f"{label}: {names.name([lone.article_id])} alone "
                f"{stance(dim, lone.score, names.plural([lone.article_id]))}; "
                f"{names.name(large['article_id'])} {stance(dim, others, True)}."
            )
            clarity = abs(lone.score - large["score"].mean()) / span
            cited = pd.concat([small, large])
            out.append(
                _finding(
                    "outlier",
                    "dimension",
                    dim.name,
                    label,
                    len(cited) / n_corpus,
                    _confidence(cited),
                    clarity,
                    statement,
                    _evidence(cited, dim),
                )
            )
        else:
            sides = [(side, _mean_score(side["score"].tolist())) for side in (neg, pos)]
            told = [names.say(s["article_id"], dim, m) for s, m in sides]
            statement = f"{label}: {told[0]}, while {told[1]}."
            clarity = (pos["score"].mean() - neg["score"].mean()) / span
            cited = pd.concat([neg, pos])
            out.append(
                _finding(
                    "split",
                    "dimension",
                    dim.name,
                    label,
                    len(cited) / n_corpus,
                    _confidence(cited),
                    clarity,
                    statement,
                    _evidence(cited, dim),
                )
            )
    elif max(len(neg), len(pos)) >= MIN_SIDE:
        side = neg if len(neg) else pos
        typical = _mean_score(side["score"].tolist())
        other_pole = dim.pole_words[0 if len(pos) else 1]
        statement = f"{label}: {names.say(side['article_id'], dim, typical)}; none is {other_pole}."
        if len(neutral):
            statement += f" {names.say(neutral['article_id'], dim, 0.0)}."
        out.append(
            _finding(
                "consensus",
                "dimension",
                dim.name,
                label,
                len(side) / n_corpus,
                _confidence(side),
                len(side) / len(addressed),
                statement,
                _evidence(side, dim),
            )
        )
    out += shift_findings(dim, addressed, n_corpus, names)
    return out


def shift_findings(dim: Dimension, addressed: pd.DataFrame, n_corpus: int, names: Sources) -> list[dict]:
    """A change of position over time: the later half of the sources (by publication date) against
    the earlier half, each half on one side or neutral and their means SHIFT_MIN or more apart."""
    dated = addressed.sort_values(["published", "article_id"])
    half = len(dated) // 2
    early, late = dated.iloc[:half], dated.iloc[half:]
    if min(len(early), len(late)) < MIN_PER_PERIOD:
        return []
    if any((h["score"] < 0).any() and (h["score"] > 0).any() for h in (early, late)):
        return []
    delta = late["score"].mean() - early["score"].mean()
    if abs(delta) < SHIFT_MIN:
        return []
    first, last = str(early["published"].iloc[-1])[:4], str(late["published"].iloc[0])[:4]
    parts = []
    for group, when in ((early, f"up to {first}"), (late, f"from {last} on")):
        typical = _mean_score(group["score"].tolist())
        parts.append(
            f"sources published {when} {stance(dim, typical, True)} ({names.name(group['article_id'])})"
        )
    statement = f"{dim.label}: {parts[0]}; {parts[1]}."
    return [
        _finding(
            "shift",
            "dimension",
            dim.name,
            dim.label,
            len(dated) / n_corpus,
            _confidence(dated),
            abs(delta) / dim.span,
            statement,
            _evidence(dated, dim),
        )
    ]


def salience_findings(dim: Dimension, rows: pd.DataFrame, n_corpus: int, names: Sources) -> list[dict]:
    """Consensus on how much weight a topic gets: the most common level, held by a majority."""
    scored = rows[rows["score"].notna()].sort_values("article_id")
    if scored.empty:
        return []
    counts = scored["score"].value_counts()
    top = max(counts.index, key=lambda level: (counts[level], level))
    side = scored[scored["score"] == top]
    if len(side) < MIN_SIDE or len(side) * 2 <= len(scored):
        return []
    levels = sorted(scored["score"].unique(), key=lambda level: (level != top, -level))
    told = [
        f"{describe(dim, level)} for {names.name(scored[scored['score'] == level]['article_id'])}"
        for level in levels
    ]
    return [
        _finding(
            "consensus",
            "dimension",
            dim.name,
            dim.label,
            len(side) / n_corpus,
            _confidence(side),
            len(side) / len(scored),
            f"{dim.label}: {'; '.join(told)}.",
            _evidence(side, dim),
        )
    ]


def position_findings(
    positions: pd.DataFrame, articles: pd.DataFrame, book: Codebook, names: Sources
) -> list[dict]:
    n_corpus = max(len(articles), 1)
    dated = positions.merge(articles[["article_id", "published"]], on="article_id", how="left")
    dated["published"] = dated["published"].fillna("").astype(str)
    out = []
    for dim in book.dimensions:
        rows = dated[dated["dimension"] == dim.name]
        if dim.kind == "salience":
            out += salience_findings(dim, rows, n_corpus, names)
        else:
            out += bipolar_findings(dim, rows, n_corpus, names)
    return out


# ---------------------------------------------------------------- facts
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
                _finding(
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
                _finding("corroboration", "event", fact_id, label, coverage, 1.0, 1.0, statement, evidence)
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
            _finding(
                "contradiction", subject_type, cid, label, len(ids) / n_corpus, 1.0, 1.0, statement, evidence
            )
        )
    return out


def _event_key_label(key: str) -> str:
    """Fallback name of a misdated happening from compare.py's key ("date of: Japan: surrender")."""
    _, _, rest = key.partition("date of: ")
    actors, _, core = rest.partition(": ")
    return f"The date of the {core or 'event'} ({actors})" if actors else "The date of an event"


# ---------------------------------------------------------------- the table
def key_findings(ranked: list[dict]) -> set[int]:
    """Positions in `ranked` (strongest first) of the executive summary's findings."""
    chosen: list[int] = []
    kinds: Counter = Counter()
    subjects: set[tuple] = set()
    for i, f in enumerate(ranked):
        subject = (f["subject_type"], f["subject"])
        if len(chosen) < SUMMARY_SIZE and kinds[f["kind"]] < SUMMARY_PER_KIND and subject not in subjects:
            chosen.append(i)
            kinds[f["kind"]] += 1
            subjects.add(subject)
    for i in range(len(ranked)):
        if len(chosen) >= SUMMARY_MIN:
            break
        if i not in chosen:
            chosen.append(i)
    return set(chosen)


def findings(
    positions: pd.DataFrame,
    articles: pd.DataFrame,
    book: Codebook,
    quantities: pd.DataFrame,
    events: pd.DataFrame,
    timeline: pd.DataFrame,
    members: dict,
    corroborated: pd.DataFrame,
    contradictions: pd.DataFrame,
    metric_labels: dict,
) -> pd.DataFrame:
    """The findings table: one row per finding and piece of evidence, strongest finding first."""
    names = Sources(source_labels(articles))
    index = FactIndex(quantities, events, timeline, members)
    n_corpus = max(len(articles), 1)
    found = position_findings(positions, articles, book, names)
    found += contradiction_findings(contradictions, index, metric_labels, n_corpus, names)
    found += corroboration_findings(corroborated, index, metric_labels, n_corpus, names)
    found.sort(key=lambda f: (-f["strength"], KINDS.index(f["kind"]), f["subject"]))
    key = key_findings(found)
    rows = []
    for rank, f in enumerate(found, 1):
        f["key"] = rank - 1 in key
        evidence = f.pop("evidence")
        head = {
            "finding_id": f"K{rank:03d}",
            "rank": rank,
            **f,
            "n_articles": len({e["article_id"] for e in evidence}),
        }
        rows += [{**head, **e} for e in evidence]
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    for col in ("start", "end", "rank", "n_articles"):
        df[col] = df[col].astype("Int64")
    return df.sort_values(["rank", "article_id", "start"], kind="stable").reset_index(drop=True)
