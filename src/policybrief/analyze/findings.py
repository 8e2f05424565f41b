"""Findings: what comparing the articles shows, as typed statements a policy reader can act on.

The report only renders them; deciding what converges, what diverges and what is sharpest is
analysis, and lives here (fact findings in fact_findings.py, their wording in statements.py).
Each finding is one row per piece of evidence behind it (an article's position sentence, a
sentence stating a figure or a date), with the finding's own columns repeated.

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

from .codebook import Codebook, Dimension
from .fact_findings import FactIndex, contradiction_findings, corroboration_findings
from .positions import NOT_ADDRESSED
from .statements import Sources, describe, finding, source_labels, stance

KINDS = ("consensus", "split", "outlier", "shift", "contradiction", "corroboration")
MIN_SIDE = 2  # sources on one side for a consensus, or against an outlier
SHIFT_MIN = 1.0  # scale points between the earlier and the later half's mean position
MIN_PER_PERIOD = 2  # sources each half needs for a shift
# The brief's executive summary: the SUMMARY_SIZE strongest findings, at most SUMMARY_PER_KIND of a
# kind and one per subject, so that it tells positions as well as facts; filled up to SUMMARY_MIN
# from the next strongest when the corpus yields fewer distinct ones.
SUMMARY_SIZE, SUMMARY_MIN, SUMMARY_PER_KIND = 7, 5, 2
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


def _on_question(kind: str, dim: Dimension, cited: pd.DataFrame, n_corpus: int, clarity: float, statement):
    """A finding on one question, resting on the positions of the cited articles."""
    return finding(
        kind,
        "dimension",
        dim.name,
        dim.label,
        len(cited) / n_corpus,
        _confidence(cited),
        clarity,
        statement,
        _evidence(cited, dim),
    )


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
            out.append(_on_question("outlier", dim, cited, n_corpus, clarity, statement))
        else:
            sides = [(side, _mean_score(side["score"].tolist())) for side in (neg, pos)]
            told = [names.say(s["article_id"], dim, m) for s, m in sides]
            statement = f"{label}: {told[0]}, while {told[1]}."
            clarity = (pos["score"].mean() - neg["score"].mean()) / span
            cited = pd.concat([neg, pos])
            out.append(_on_question("split", dim, cited, n_corpus, clarity, statement))
    elif max(len(neg), len(pos)) >= MIN_SIDE:
        side = neg if len(neg) else pos
        typical = _mean_score(side["score"].tolist())
        other_pole = dim.pole_words[0 if len(pos) else 1]
        statement = f"{label}: {names.say(side['article_id'], dim, typical)}; none is {other_pole}."
        if len(neutral):
            statement += f" {names.say(neutral['article_id'], dim, 0.0)}."
        out.append(_on_question("consensus", dim, side, n_corpus, len(side) / len(addressed), statement))
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
        finding(
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
        finding(
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
