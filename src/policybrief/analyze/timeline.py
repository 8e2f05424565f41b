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


def cluster_events(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[dict]]]:
    """(timeline table, event_id -> its member events as records, by article and position)."""
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
    # A happening's events share its year and a content word or their sentence (else they score
    # 0): only clusters of that year sharing one are tried.
    index: dict[tuple, set[int]] = {}
    records = ev.to_dict("index")
    for idx, e in records.items():
        e["words"] = content_words(e["description"])
        keys = [(e["date"][:4], "sentence", e["sentence"])] + [(e["date"][:4], "word", w) for w in e["words"]]
        candidates = sorted(set().union(*(index.get(k, ()) for k in keys)))
        scores = [max(_same_happening(e, m) for m in distinct[c].values()) for c in candidates]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i), default=None)
        signature = (e["date"], e["precision"], e["words"], e["sentence"], frozenset(e["actors"]))
        if best is not None and scores[best] > 0:
            cluster = candidates[best]
            clusters[cluster].append(idx)
            distinct[cluster].setdefault(signature, e)
        else:
            cluster = len(clusters)
            clusters.append([idx])
            distinct.append({signature: e})
        for k in keys:
            index.setdefault(k, set()).add(cluster)
    rows, members_of = [], {}
    for members in clusters:
        group = sorted((records[i] for i in members), key=lambda r: (r["article_id"], r["start"]))
        lead = records[members[0]]  # the most precise, earliest-placed event names the happening
        headlines = [records[i]["headline"] for i in members if isinstance(records[i].get("headline"), str)]
        rows.append(
            {
                "date": lead["date"],
                "precision": lead["precision"],
                "description": lead["description"],
                "headline": headlines[0] if headlines else None,
                "n_sources": len({r["article_id"] for r in group}),
                "article_ids": sorted({r["article_id"] for r in group}),
                "sentences": list(dict.fromkeys(r["sentence"] for r in group)),
                "_members": [{k: v for k, v in r.items() if k in events.columns} for r in group],
            }
        )
    rows.sort(key=lambda r: (r["date"], -r["n_sources"], r["description"]))
    for n, row in enumerate(rows, 1):
        row["event_id"] = f"E{n:03d}"
        members_of[row["event_id"]] = row.pop("_members")
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS), members_of
