"""One merged timeline: events from all articles grouped into one entry per real happening.

Two events are the same happening when their dates agree at their common precision (a "2016"
event can join "2016-05") and they share actors with some common wording, or their wording
overlaps strongly. Events are placed most-precise first, each joining the cluster it matches
best, so a vague "2016" event cannot chain May and December happenings together.
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
MIN_SIMILARITY_WITH_ACTORS = 0.15  # Jaccard of content words, when actors overlap
MIN_SIMILARITY_ALONE = 0.4
TIMELINE_COLUMNS = [
    "event_id",
    "date",
    "precision",
    "description",
    "headline",
    "n_sources",
    "article_ids",
    "sentences",
]
WORD = re.compile(r"[a-z][a-z'-]+")
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


def _words(text: str) -> list[str]:
    """Content words in text order (stop words and month names dropped)."""
    words = (w.strip("'-") for w in WORD.findall((text or "").lower().replace("’", "'")))
    return [w.removesuffix("'s") for w in words if len(w) > 2 and w not in STOP_WORDS and w not in MONTHS]


def content_words(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def _stem(word: str) -> str:
    """Crude suffix stripping, enough to match "surrendered" with "surrender" and "talks" with "talk"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


EVENT_CORE_WORDS = 6  # content words either side of the date expression that name the happening


PROPER = re.compile(r"\b[A-Z][\w'’-]*")  # sentence-initial common words go too: the core is mid-sentence


def event_core(description: str, surface: str | None = None) -> frozenset[str]:
    """Stemmed common words around the date expression: in a long sentence the happening a date
    belongs to is named next to it ("after Japan's surrender in August 1945"). Names and their
    adjectives ("Russian", "Allies") are left out: they say who, not what happened."""
    text = (description or "").replace("’", "'")
    at = text.find(surface.replace("’", "'")) if surface else -1
    common = PROPER.sub(lambda m: " " * len(m.group()), text)  # same offsets, names blanked
    if at < 0:
        return frozenset(_stem(w) for w in content_words(common))
    before = [_stem(w) for w in _words(common[:at])][-EVENT_CORE_WORDS:]
    after = [_stem(w) for w in _words(common[at + len(surface) :])][:EVENT_CORE_WORDS]
    return frozenset(before + after)


def core_similarity(a: frozenset[str], b: frozenset[str]) -> tuple[int, float]:
    """(shared words, share of the smaller core): one source may name the happening more briefly."""
    shared = len(a & b)
    return shared, shared / min(len(a), len(b)) if a and b else 0.0


def common_precision_date(date_a: str, prec_a: str, date_b: str, prec_b: str) -> str | None:
    """The shared date at the coarser precision, or None when the dates disagree there."""
    if "/" in date_a or "/" in date_b:  # a range only matches a range with the same ends
        if date_a.count("/") != date_b.count("/"):
            return None
        ends = [(x, y) for x, y in zip(date_a.split("/"), date_b.split("/"))]
        common = [x[: min(len(x), len(y))] for x, y in ends]
        return (
            "/".join(common)
            if all(x.startswith(c) and y.startswith(c) for c, (x, y) in zip(common, ends))
            else None
        )
    n = PRECISION_LENGTH[min(prec_a, prec_b, key=PRECISION_RANK.get)]
    return date_a[:n] if date_a[:n] == date_b[:n] else None


def _same_happening(event, member) -> float:
    """Similarity score if the two events may be one happening, else 0 (records carry their
    content "words", computed once per event rather than once per comparison)."""
    if common_precision_date(event["date"], event["precision"], member["date"], member["precision"]) is None:
        return 0.0
    wa, wb = event["words"], member["words"]
    sim = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    shared = set(event["actors"]) & set(member["actors"])
    if (
        event["sentence"] == member["sentence"]
        or sim >= MIN_SIMILARITY_ALONE
        or (shared and sim >= MIN_SIMILARITY_WITH_ACTORS)
    ):
        return sim + (1.0 if event["sentence"] == member["sentence"] else 0.0)
    return 0.0


def _headline(members: pd.DataFrame) -> str | None:
    """The headline of the happening: the first member's (most precise, earliest placed) that parsed."""
    found = members["headline"].dropna() if "headline" in members else members.iloc[0:0]
    return str(found.iloc[0]) if len(found) else None


def cluster_events(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(timeline table, event_id -> the member events) ."""
    if events.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS), {}
    ev = events.assign(
        rank=events["precision"].map(PRECISION_RANK), actors=events["actors"].map(lambda a: list(a))
    )
    ev = ev.sort_values(
        ["rank", "date", "article_id", "start"], ascending=[False, True, True, True], kind="stable"
    )
    clusters: list[list] = []
    # A cluster's members that agree in everything compared (the same sentence carried by many
    # outlets) score alike: each cluster is scored over its distinct members only.
    distinct: list[dict] = []
    by_year: dict[str, list[int]] = {}  # a happening's events share its year: only those clusters are tried
    records = ev.to_dict("index")
    for idx, e in records.items():
        e["words"] = content_words(e["description"])
        candidates = by_year.setdefault(e["date"][:4], [])
        scores = [max(_same_happening(e, m) for m in distinct[c].values()) for c in candidates]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=None)
        signature = (e["date"], e["precision"], e["words"], e["sentence"], frozenset(e["actors"]))
        if best is not None and scores[best] > 0:
            clusters[candidates[best]].append(idx)
            distinct[candidates[best]].setdefault(signature, e)
        else:
            candidates.append(len(clusters))
            clusters.append([idx])
            distinct.append({signature: e})
    rows, members_of = [], {}
    for members in clusters:
        group = ev.loc[members].sort_values(["article_id", "start"], kind="stable")
        lead = ev.loc[members[0]]  # the most precise, earliest-placed event names the happening
        rows.append(
            {
                "date": lead["date"],
                "precision": lead["precision"],
                "description": lead["description"],
                "headline": _headline(ev.loc[members]),
                "n_sources": int(group["article_id"].nunique()),
                "article_ids": sorted(group["article_id"].unique().tolist()),
                "sentences": list(dict.fromkeys(group["sentence"])),
                "_members": group,
            }
        )
    rows.sort(key=lambda r: (r["date"], -r["n_sources"], r["description"]))
    for n, row in enumerate(rows, 1):
        row["event_id"] = f"E{n:03d}"
        members_of[row["event_id"]] = row.pop("_members").drop(columns=["rank"])
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS), members_of
