"""The merged timeline figure: events on a time axis, one lane per source (or per outlet when
there are too many), shared events in colour and keyed below."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates
import matplotlib.pyplot as plt
import pandas as pd

from .plotting import DENSE, MAX_LABELLED, id_label, save, short, source_names

MAX_LANES = 30  # timeline rows; more sources are grouped by outlet, the smallest into one lane


def _period(date: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time a date covers: "2016" -> all of 2016, "2016-05" -> May, "2012-12/2020-09" -> the span."""
    first, _, last = date.partition("/")
    last = last or first
    start = pd.Timestamp(first if len(first) > 4 else first + "-01-01")
    step = {4: pd.DateOffset(years=1), 7: pd.DateOffset(months=1)}.get(len(last), pd.DateOffset(days=1))
    return start, pd.Timestamp(last if len(last) > 4 else last + "-01-01") + step


def _lanes(timeline: pd.DataFrame, articles: pd.DataFrame) -> tuple[dict[str, int], list[str]]:
    """Article -> lane. One lane per article while they fit; beyond MAX_LANES one per outlet, and
    the sources with the fewest events share a last lane, so 1000 articles stay legible."""
    events_per = timeline.explode("article_ids")["article_ids"].value_counts()
    meta = articles.set_index("article_id")
    ids = sorted(set(events_per.index) | set(meta.index))
    if len(ids) <= MAX_LANES:
        group = {a: a for a in ids}
    else:
        outlet = meta["outlet"] if "outlet" in meta else pd.Series(dtype=object)
        group = {a: str(outlet.get(a)) if pd.notna(outlet.get(a)) else id_label(a) for a in ids}
    counts = pd.Series(dict.fromkeys(group.values(), 0), dtype=int)
    for a, n in events_per.items():
        counts[group[a]] += n
    published = (
        meta["published"].reindex(ids).fillna("9999") if "published" in meta else pd.Series("", index=ids)
    )
    first_pub = {g: min(published[a] for a in ids if group[a] == g) for g in counts.index}
    kept = sorted(counts.index, key=lambda g: (-counts[g], g))[
        : MAX_LANES - 1 if len(counts) > MAX_LANES else None
    ]
    names = sorted(kept, key=lambda g: (first_pub[g], g))
    if len(counts) > len(kept):
        names.append(f"{len(counts) - len(kept)} other sources")
    lane_of = {g: i for i, g in enumerate(names)}
    return {a: lane_of.get(group[a], len(names) - 1) for a in ids}, names


def _event_words(event) -> str:
    """The event's headline; its description (a clause of the text) when none was parsed."""
    headline = event.get("headline")
    return headline if isinstance(headline, str) and headline else str(event["description"])


def _timeline_marks(ax, tl: pd.DataFrame, lane_of: dict, left) -> None:
    """Grey marks for events one source reports, red ones joined across their lanes for events
    several report; a year or a span is a bar over the time it covers."""
    for highlighted, colour, size, z in ((False, "0.55", 10, 2), (True, "tab:red", 26, 3)):
        # One artist per kind of mark, not per event: a corpus of a thousand articles has thousands.
        points, spans, joins = [], [], []
        rows = tl[((tl["n_sources"] >= 2) == highlighted) & (tl["mid"] >= left)]
        for ids, (a, b), mid in zip(rows["article_ids"], rows["period"], rows["mid"], strict=True):
            lanes = sorted({lane_of[x] for x in ids if x in lane_of})
            if b - a > pd.Timedelta(days=62):  # a year or a span: show the time it covers
                spans += [(lane, a, b) for lane in lanes]
            points += [(mid, lane) for lane in lanes]
            if highlighted and len(lanes) > 1:
                joins.append((mid, lanes[0], lanes[-1]))
        if spans:
            y, x0, x1 = zip(*spans, strict=True)
            dense = len(y) > DENSE
            ax.hlines(y, x0, x1, color=colour, lw=1.2, alpha=0.5, capstyle="butt", zorder=z, rasterized=dense)
        if points:
            x, y = zip(*points, strict=True)
            ax.scatter(x, y, s=size, color=colour, zorder=z + 1, lw=0, rasterized=len(x) > DENSE)
        if joins:
            x, y0, y1 = zip(*joins, strict=True)
            ax.vlines(x, y0, y1, color=colour, lw=0.8, zorder=z, rasterized=len(x) > DENSE)


def _number_labelled(ax, labelled: pd.DataFrame, lane_of: dict) -> None:
    """The number that keys each labelled event to its line below the lanes."""
    for n, (_, e) in enumerate(labelled.iterrows(), 1):
        lanes = [lane_of[a] for a in e["article_ids"] if a in lane_of]
        ax.annotate(
            str(n),
            (e["mid"], min(lanes)),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color="tab:red",
            fontweight="bold",
        )


def timeline_figure(timeline: pd.DataFrame, articles: pd.DataFrame, path: Path) -> None:
    """Events on a time axis, one lane per source. A happening reported by two or more sources is
    drawn in colour and joined across its lanes; the best attested are numbered and keyed below."""
    fig, ax = plt.subplots(figsize=(8, 3))
    if timeline.empty:
        ax.text(0.5, 0.5, "No dated events were extracted", ha="center", va="center")
        ax.set_axis_off()
        save(fig, path)
        return
    lane_of, names = _lanes(timeline, articles)
    tl = timeline.assign(period=timeline["date"].map(_period)).sort_values(["date", "event_id"])
    tl["mid"] = [a + (b - a) / 2 for a, b in tl["period"]]
    shared = tl[tl["n_sources"] >= 2]
    labelled = shared.sort_values(["n_sources", "date", "event_id"], ascending=[False, True, True]).head(
        MAX_LABELLED
    )
    labelled = labelled.sort_values(["mid", "event_id"])
    # Clip the long tail of early history so the decades most events fall in are readable.
    left = min(tl["mid"].quantile(0.05), shared["mid"].min() if len(shared) else tl["mid"].max())
    left -= pd.DateOffset(years=1)
    hidden = int((tl["mid"] < left).sum())
    plt.close(fig)
    lanes_height, key_height = 0.28 * len(names) + 1.2, 0.17 * len(labelled) + 0.1
    fig, (ax, key_ax) = plt.subplots(
        2,
        1,
        figsize=(8, lanes_height + key_height + 0.5),
        gridspec_kw={"height_ratios": [lanes_height, key_height], "hspace": 0.35},
    )
    key_ax.set_axis_off()
    for lane in range(0, len(names), 2):
        ax.axhspan(lane - 0.5, lane + 0.5, color="0.95", lw=0)
    _timeline_marks(ax, tl, lane_of, left)
    _number_labelled(ax, labelled, lane_of)
    shown = source_names(articles)
    ax.set_yticks(range(len(names)), [short(shown.get(n, n), 32) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.9)
    ax.set_xlim(left, tl["period"].map(lambda p: p[1]).max() + pd.DateOffset(months=6))
    ax.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(maxticks=12))
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel(
        "event date" + (f"  ({hidden} earlier event{'s' * (hidden > 1)} not shown)" if hidden else "")
    )
    ax.set_title(f"Merged timeline: {len(tl)} events; red = reported by two or more sources")
    key = [
        f"{n}  {e['date']}  {short(_event_words(e), 80)}  ({e['n_sources']} sources)"
        for n, (_, e) in enumerate(labelled.iterrows(), 1)
    ]
    key_ax.text(
        0, 1, "\n".join(key), ha="left", va="top", fontsize=8, transform=key_ax.transAxes, linespacing=1.4
    )
    save(fig, path)
