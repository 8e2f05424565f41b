"""The analysis figures: SVG, byte-for-byte reproducible, legible when embedded in the PDF brief.

Every figure caps its rows, lanes, labels and panels so a large corpus still yields a readable page.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..atomic import atomic_path
from .codebook import Codebook
from .compare import interval
from .statements import source_labels

MAX_ROWS = 40
MAX_LANES = 30  # timeline rows; more sources are grouped by outlet, the smallest into one lane
MAX_LABELLED = 12  # label points (or number events) only while the labels stay legible
MAX_PANELS = 6  # key-figure metrics shown, those most sources report
# Marks drawn by one artist beyond which it is stored as an image inside the SVG (axes, labels and
# text stay vector): thousands of vector markers make the SVG megabytes and the PDF slow to print.
DENSE = 100
RASTER_DPI = 200
STYLE = {
    "svg.hashsalt": "policybrief",
    "svg.fonttype": "none",
    "font.size": 8,
    "axes.titlesize": 9,
    "font.family": "DejaVu Sans",
}


def _save(fig, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="svg", metadata={"Date": None}, bbox_inches="tight", dpi=RASTER_DPI)
    plt.close(fig)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _label(article_id: str) -> str:
    """Short point label: the id up to its year ("brown-2022"), else its first 22 characters."""
    m = re.match(r"^(.*?\d{4})", article_id)
    return m.group(1) if m else _short(article_id, 22)


def source_names(articles: pd.DataFrame) -> dict[str, str]:
    """How figures name sources: as the brief's statements do (authors' surnames, else the outlet),
    with the year; the id's short form when the table lacks the registry's columns."""
    if not {"article_id", "authors", "outlet", "title", "published"} <= set(articles.columns):
        return {a: _label(a) for a in articles.get("article_id", [])}
    labels = source_labels(articles)
    years = articles.set_index("article_id")["published"].astype(str).str[:4]
    return {a: label if label.endswith(")") else f"{label} ({years[a]})" for a, label in labels.items()}


def _point_label(name: str) -> str:
    """A name short enough to sit beside a point: a long outlet name by its initials
    ("Foreign Policy Research Institute (2022)" -> "FPRI (2022)")."""
    base, sep, year = name.partition(" (")
    if len(base) <= 16:
        return name
    initials = "".join(w[0] for w in base.split() if w[:1].isupper())
    return f"{initials}{sep}{year}" if len(initials) >= 2 else _short(name, 18)


def _axis_label(dim) -> str:
    """A question's label with its poles, for an axis: "Settlement prospects\n(pessimistic – optimistic)"."""
    return f"{dim.label}\n({dim.pole_words[0]} – {dim.pole_words[-1]})"


def position_heatmap(positions: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    """Articles x dimensions; with more than MAX_ROWS articles, the most recent ones are shown."""
    order = articles.sort_values(["published", "article_id"])["article_id"].tolist()[-MAX_ROWS:]
    matrix = positions.pivot(index="article_id", columns="dimension", values="score").reindex(
        index=order, columns=codebook.names
    )
    scaled = matrix.copy()
    for d in codebook.dimensions:  # poles on -1..1 (red..blue); salience on 0..1 (white..blue)
        col = matrix[d.name]
        scaled[d.name] = col / d.scale[1] if d.kind == "salience" else (col - d.scale[0]) / d.span * 2 - 1
    fig, ax = plt.subplots(figsize=(1.1 * len(codebook.names) + 3, 0.35 * len(order) + 1.5))
    ax.imshow(np.ma.masked_invalid(scaled.to_numpy(float)), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    shade = scaled.to_numpy(float)
    for (i, j), v in np.ndenumerate(matrix.to_numpy(float)):
        dark = not np.isnan(v) and abs(shade[i, j]) > 0.6
        ax.text(
            j,
            i,
            "–" if np.isnan(v) else f"{v:+.0f}".replace("+0", "0"),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if dark else "black",
        )
    names = source_names(articles)
    ax.set_xticks(
        range(len(codebook.names)), [_axis_label(d) for d in codebook.dimensions], rotation=30, ha="right"
    )
    ax.set_yticks(range(len(order)), [_short(names.get(a, a), 40) for a in order])
    shown = (
        f", the {len(order)} most recent of {len(articles)} articles" if len(articles) > len(order) else ""
    )
    ax.set_title(f"Positions of the sources (– = not addressed, 0 = no clear direction{shown})")
    _save(fig, path)


def positions_over_time(
    positions: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook, path: Path
) -> None:
    published = articles.set_index("article_id")["published"].map(
        lambda d: pd.Timestamp(d if len(d) > 4 else d + "-07")
    )
    n = len(codebook.names)
    names = source_names(articles)
    fig, axes = plt.subplots(n, 1, figsize=(7, 0.95 * n + 0.6), sharex=True, squeeze=False)
    for ax, dim in zip(axes[:, 0], codebook.dimensions):
        rows = positions[(positions["dimension"] == dim.name) & positions["score"].notna()]
        x = rows["article_id"].map(published)
        many = len(published) > MAX_LABELLED
        ax.plot(
            x,
            rows["score"],
            "o",
            color="tab:blue",
            alpha=0.25 if many else 1.0,
            ms=4 if many else 6,
            rasterized=len(rows) > DENSE,
        )
        if many and len(rows):  # overplotted points: the yearly mean carries the trend
            mean = rows["score"].groupby(x.dt.year.to_numpy()).mean()
            ax.plot(
                [pd.Timestamp(f"{y}-07-01") for y in mean.index],
                mean.to_numpy(),
                "-",
                color="tab:orange",
                lw=1.2,
                label="yearly mean",
            )
        if len(published) <= MAX_LABELLED:
            placed: list = []  # a label within a year of another at the same score is stacked above it
            for article_id, when, value in sorted(
                zip(rows["article_id"], x, rows["score"]), key=lambda r: r[1]
            ):
                level = sum(v == value and abs((when - w).days) < 365 for w, v in placed)
                placed.append((when, value))
                ax.annotate(
                    _point_label(names.get(article_id, _label(article_id))),
                    (when, value),
                    xytext=(3, 2 + 7 * level),
                    textcoords="offset points",
                    fontsize=7,
                )
        ax.set_ylim(dim.scale[0] - 0.5, dim.scale[1] + 0.5)
        ax.set_yticks(range(dim.scale[0], dim.scale[1] + 1))
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_ylabel(_axis_label(dim), rotation=0, ha="right", va="center")
    axes[-1, 0].set_xlabel("publication date")
    fig.suptitle("Positions against publication date")
    _save(fig, path)


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
        group = {a: str(outlet.get(a)) if pd.notna(outlet.get(a)) else _label(a) for a in ids}
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


def timeline_figure(timeline: pd.DataFrame, articles: pd.DataFrame, path: Path) -> None:
    """Events on a time axis, one lane per source. A happening reported by two or more sources is
    drawn in colour and joined across its lanes; the best attested are numbered and keyed below."""
    fig, ax = plt.subplots(figsize=(8, 3))
    if timeline.empty:
        ax.text(0.5, 0.5, "No dated events were extracted", ha="center", va="center")
        ax.set_axis_off()
        _save(fig, path)
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
    shown = source_names(articles)
    ax.set_yticks(range(len(names)), [_short(shown.get(n, n), 32) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.9)
    ax.set_xlim(left, tl["period"].map(lambda p: p[1]).max() + pd.DateOffset(months=6))
    ax.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(maxticks=12))
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel(
        "event date" + (f"  ({hidden} earlier event{'s' * (hidden > 1)} not shown)" if hidden else "")
    )
    ax.set_title(f"Merged timeline: {len(tl)} events; red = reported by two or more sources")
    key = [
        f"{n}  {e['date']}  {_short(_event_words(e), 80)}  ({e['n_sources']} sources)"
        for n, (_, e) in enumerate(labelled.iterrows(), 1)
    ]
    key_ax.text(
        0, 1, "\n".join(key), ha="left", va="top", fontsize=8, transform=key_ax.transAxes, linespacing=1.4
    )
    _save(fig, path)


def _unit_words(unit: str) -> str:
    return {"percent": "%", "count": "number", "percentage_points": "percentage points"}.get(
        unit, unit.replace("_", " ")
    )


def _numeric_facts(quantities: pd.DataFrame, facts: pd.DataFrame, status: str) -> pd.DataFrame:
    """The quantities behind corroborated / contradicted rows, matched on their evidence span."""
    if facts.empty or quantities.empty:
        return quantities.iloc[0:0].assign(status=status)
    spans = facts[["article_id", "start", "end"]].astype({"start": int, "end": int}).drop_duplicates()
    return (
        quantities.astype({"start": int, "end": int})
        .merge(spans, on=["article_id", "start", "end"])
        .assign(status=status)
    )


def key_figures(
    quantities: pd.DataFrame,
    corroborated: pd.DataFrame,
    contradictions: pd.DataFrame,
    path: Path,
    metric_labels: dict | None = None,
    names: dict | None = None,
) -> None:
    """Dated figures by metric: value against year, one point per source with the range its wording
    allows (over / about / exact, and how round it is). Red: sources disagree; green: they agree."""
    q = quantities.dropna(subset=["year"])
    q = q[~q["metric"].fillna("other").isin(["other", ""]) & (q["qualifier"] != "change")]
    ranked = (
        q.groupby(["metric", "unit"]).agg(n=("article_id", "nunique"), points=("value", "size")).reset_index()
    )
    ranked = ranked[(ranked["n"] >= 2) | (ranked["points"] >= 2)]  # one lone figure compares with nothing
    ranked = ranked.sort_values(["n", "points", "metric", "unit"], ascending=[False, False, True, True]).head(
        MAX_PANELS
    )
    if ranked.empty:
        fig, ax = plt.subplots(figsize=(8, 1.5))
        ax.text(0.5, 0.5, "No metric has two or more dated figures to compare", ha="center", va="center")
        ax.set_axis_off()
        _save(fig, path)
        return
    marked = pd.concat(
        [
            _numeric_facts(q, contradictions[contradictions["kind"] == "quantity"], "disagree"),
            _numeric_facts(q, corroborated[corroborated["kind"] == "quantity"], "agree"),
        ]
    )
    status = {(r.article_id, r.start): r.status for r in marked.itertuples()}  # "disagree" wins: listed first
    cols = min(2, len(ranked))
    rows_n = -(-len(ranked) // cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(8, 2.3 * rows_n + 0.4), squeeze=False)
    colours = {"disagree": "tab:red", "agree": "tab:green"}
    for ax, (_, panel) in zip(axes.flat, ranked.iterrows()):
        sub = q[(q["metric"] == panel["metric"]) & (q["unit"] == panel["unit"])].sort_values(
            ["year", "article_id", "start"]
        )
        scale, suffix = next(
            ((f, w) for f, w in ((1e9, " bn"), (1e6, " m")) if sub["value"].abs().max() >= f), (1, "")
        )
        crowd: dict = {}
        marks: dict[str, list] = {}  # colour -> (x, value, below, above): one errorbar call per colour
        for r in sub.itertuples():
            lo, hi = interval(r.value, r.qualifier)
            colour = colours.get(status.get((r.article_id, r.start)), "0.5")
            k = crowd[r.year] = crowd.get(r.year, -1) + 1  # sources giving the same year sit side by side
            x = r.year + 0.12 * k
            bar = ((r.value - lo) / scale, (hi - r.value) / scale)
            marks.setdefault(colour, []).append((x, r.value / scale, *bar))
            if len(sub) <= MAX_LABELLED:
                ax.annotate(
                    _point_label((names or {}).get(r.article_id, _label(r.article_id))),
                    (x, r.value / scale),
                    xytext=(4, 0),
                    textcoords="offset points",
                    fontsize=6,
                    va="center",
                )
        for colour, rows in marks.items():
            x, y, below, above = zip(*rows, strict=True)
            style = {"fmt": "o", "ms": 4, "capsize": 2, "lw": 1, "rasterized": len(x) > DENSE}
            ax.errorbar(x, y, yerr=[below, above], color=colour, **style)
        label = (metric_labels or {}).get(panel["metric"], panel["metric"])
        ax.set_title(f"{label[:1].upper()}{label[1:]} ({_unit_words(panel['unit'])}{suffix})", fontsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(sub["year"].min() - 1, sub["year"].max() + 1.5)
        ax.margins(y=0.3)
    for ax in axes.flat[len(ranked) :]:
        ax.set_axis_off()
    fig.suptitle(
        "Key figures by year and source (red: sources disagree, green: they agree; "
        "bars: range the wording allows)",
        fontsize=8,
    )
    fig.tight_layout()
    _save(fig, path)


def draw_all(
    out_dir,
    positions,
    articles,
    codebook,
    timeline,
    quantities,
    corroborated,
    contradictions,
    metric_labels=None,
) -> None:
    """Every figure of the brief, named in the codebook's and the metric list's words."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with plt.rc_context(STYLE):
        position_heatmap(positions, articles, codebook, out / "position_heatmap.svg")
        positions_over_time(positions, articles, codebook, out / "positions_over_time.svg")
        timeline_figure(timeline, articles, out / "timeline.svg")
        key_figures(
            quantities,
            corroborated,
            contradictions,
            out / "key_figures.svg",
            metric_labels,
            source_names(articles),
        )
