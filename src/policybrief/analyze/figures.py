"""The analysis figures: SVG, byte-for-byte reproducible, legible when embedded in the PDF brief.

Every figure caps its rows, lanes, labels and panels so a large corpus still yields a readable page.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .codebook import Codebook
from .compare import interval
from .plotting import DENSE, MAX_LABELLED, STYLE, id_label, point_label, save, short, source_names
from .timeline_figure import timeline_figure

MAX_ROWS = 40
MAX_PANELS = 6  # key-figure metrics shown, those most sources report


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
    ax.set_yticks(range(len(order)), [short(names.get(a, a), 40) for a in order])
    shown = (
        f", the {len(order)} most recent of {len(articles)} articles" if len(articles) > len(order) else ""
    )
    ax.set_title(f"Positions of the sources (– = not addressed, 0 = no clear direction{shown})")
    save(fig, path)


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
                    point_label(names.get(article_id, id_label(article_id))),
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
    save(fig, path)


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


def _panels(q: pd.DataFrame) -> pd.DataFrame:
    """(metric, unit) pairs worth a panel, the most sources first."""
    ranked = (
        q.groupby(["metric", "unit"]).agg(n=("article_id", "nunique"), points=("value", "size")).reset_index()
    )
    ranked = ranked[(ranked["n"] >= 2) | (ranked["points"] >= 2)]  # one lone figure compares with nothing
    return ranked.sort_values(["n", "points", "metric", "unit"], ascending=[False, False, True, True]).head(
        MAX_PANELS
    )


def _metric_panel(ax, sub: pd.DataFrame, unit: str, label: str, status: dict, names: dict) -> None:
    """One metric's figures against year: a point per source with the range its wording allows
    (coloured by whether sources agree), sources giving the same year side by side."""
    colours = {"disagree": "tab:red", "agree": "tab:green"}
    sub = sub.sort_values(["year", "article_id", "start"])
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
                point_label(names.get(r.article_id, id_label(r.article_id))),
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
    ax.set_title(f"{label[:1].upper()}{label[1:]} ({_unit_words(unit)}{suffix})", fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(sub["year"].min() - 1, sub["year"].max() + 1.5)
    ax.margins(y=0.3)


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
    ranked = _panels(q)
    if ranked.empty:
        fig, ax = plt.subplots(figsize=(8, 1.5))
        ax.text(0.5, 0.5, "No metric has two or more dated figures to compare", ha="center", va="center")
        ax.set_axis_off()
        save(fig, path)
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
    for ax, (_, panel) in zip(axes.flat, ranked.iterrows()):
        sub = q[(q["metric"] == panel["metric"]) & (q["unit"] == panel["unit"])]
        label = (metric_labels or {}).get(panel["metric"], panel["metric"])
        _metric_panel(ax, sub, panel["unit"], label, status, names or {})
    for ax in axes.flat[len(ranked) :]:
        ax.set_axis_off()
    fig.suptitle(
        "Key figures by year and source (red: sources disagree, green: they agree; "
        "bars: range the wording allows)",
        fontsize=8,
    )
    fig.tight_layout()
    save(fig, path)


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
