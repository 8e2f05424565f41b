"""The analysis figures: SVG, byte-for-byte reproducible, legible when embedded in the PDF brief.

Every figure caps its rows (MAX_ROWS) so a large corpus still yields a readable page.
"""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..atomic import atomic_path  # noqa: E402
from .codebook import Codebook  # noqa: E402

MAX_ROWS = 40
MAX_LABELLED = 12   # label points with their article only while the labels stay legible
STYLE = {"svg.hashsalt": "policybrief", "svg.fonttype": "none", "font.size": 8, "axes.titlesize": 9,
         "font.family": "DejaVu Sans"}


def _save(fig, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _label(article_id: str) -> str:
    """Short point label: the id up to its year ("brown-2022"), else its first 22 characters."""
    m = re.match(r"^(.*?\d{4})", article_id)
    return m.group(1) if m else _short(article_id, 22)


def position_heatmap(positions: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    """Articles x dimensions; with more than MAX_ROWS articles, the most recent ones are shown."""
    order = articles.sort_values(["published", "article_id"])["article_id"].tolist()[-MAX_ROWS:]
    matrix = positions.pivot(index="article_id", columns="dimension", values="score").reindex(
        index=order, columns=codebook.names)
    scaled = matrix.copy()
    for d in codebook.dimensions:  # poles on -1..1 (red..blue); salience on 0..1 (white..blue)
        col = matrix[d.name]
        scaled[d.name] = col / d.scale[1] if d.kind == "salience" else (col - d.scale[0]) / d.span * 2 - 1
    fig, ax = plt.subplots(figsize=(1.1 * len(codebook.names) + 3, 0.35 * len(order) + 1.5))
    ax.imshow(np.ma.masked_invalid(scaled.to_numpy(float)), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    shade = scaled.to_numpy(float)
    for (i, j), v in np.ndenumerate(matrix.to_numpy(float)):
        dark = not np.isnan(v) and abs(shade[i, j]) > 0.6
        ax.text(j, i, "–" if np.isnan(v) else f"{v:+.0f}".replace("+0", "0"), ha="center", va="center",
                fontsize=8, color="white" if dark else "black")
    ax.set_xticks(range(len(codebook.names)), codebook.names, rotation=30, ha="right")
    ax.set_yticks(range(len(order)), [_short(a, 40) for a in order])
    ax.set_title("Authors' positions (– = not addressed)")
    _save(fig, path)


def positions_over_time(positions: pd.DataFrame, articles: pd.DataFrame, codebook: Codebook, path: Path) -> None:
    published = articles.set_index("article_id")["published"].map(lambda d: pd.Timestamp(d if len(d) > 4 else d + "-07"))
    n = len(codebook.names)
    fig, axes = plt.subplots(n, 1, figsize=(7, 1.3 * n + 0.5), sharex=True, squeeze=False)
    for ax, dim in zip(axes[:, 0], codebook.dimensions):
        rows = positions[(positions["dimension"] == dim.name) & positions["score"].notna()]
        x = rows["article_id"].map(published)
        ax.plot(x, rows["score"], "o", color="tab:blue")
        if len(published) <= MAX_LABELLED:
            crowd: dict = {}  # points within a few months at the same score get stacked labels
            for article_id, when, value in zip(rows["article_id"], x, rows["score"]):
                spot = (round(when.year + when.month / 12, 0), value)
                crowd[spot] = crowd.get(spot, -1) + 1
                ax.annotate(_label(article_id), (when, value), xytext=(3, 2 + 7 * crowd[spot]),
                            textcoords="offset points", fontsize=6)
        ax.set_ylim(dim.scale[0] - 0.5, dim.scale[1] + 0.5)
        ax.set_yticks(range(dim.scale[0], dim.scale[1] + 1))
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_ylabel(dim.name, rotation=0, ha="right", va="center")
    axes[-1, 0].set_xlabel("publication date")
    fig.suptitle("Positions against publication date")
    _save(fig, path)


def timeline_figure(timeline: pd.DataFrame, path: Path) -> None:
    """The MAX_ROWS best-attested happenings, in date order."""
    top = timeline.sort_values(["n_sources", "date"], ascending=[False, True]).head(MAX_ROWS).sort_values("date")
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(top), 1) + 1))
    y = np.arange(len(top))
    ax.barh(y, top["n_sources"], color="tab:blue")
    ax.set_yticks(y, [f"{d}  {_short(t, 70)}" for d, t in zip(top["date"], top["description"])])
    ax.invert_yaxis()
    ax.set_xlabel("number of articles reporting it")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Merged timeline: best-attested happenings")
    _save(fig, path)


def key_figures(corroborated: pd.DataFrame, contradictions: pd.DataFrame, path: Path) -> None:
    """Each compared figure as one row: the value every article gives (contradictions in red)."""
    parts = []
    for table, colour in ((contradictions, "tab:red"), (corroborated[corroborated["kind"] == "quantity"], "tab:green")):
        if not table.empty:
            parts.append(table.assign(colour=colour))
    fig, ax = plt.subplots(figsize=(8, 2.5))
    if not parts:
        ax.text(0.5, 0.5, "No figure is reported by two or more articles", ha="center", va="center")
        ax.set_axis_off()
    else:
        rows = pd.concat(parts, ignore_index=True)
        rows = rows[rows["kind"] == "quantity"]
        keys = list(dict.fromkeys(rows["key"]))[:MAX_ROWS]
        fig.set_size_inches(8, 0.4 * len(keys) + 1.2)
        for i, key in enumerate(keys):
            sub = rows[rows["key"] == key]
            ax.scatter(range(len(sub)), [i] * len(sub), color=sub["colour"].iloc[0], s=12)
            for k, (_, r) in enumerate(sub.iterrows()):
                ax.annotate(f"{r['value']} ({_short(r['article_id'], 18)})", (k, i), xytext=(4, 3),
                            textcoords="offset points", fontsize=7)
        ax.set_yticks(range(len(keys)), [_short(k, 45) for k in keys])
        ax.set_xticks([])
        ax.set_xlim(-0.5, max(rows.groupby("key").size().max(), 2) + 0.5)
        ax.invert_yaxis()
        ax.set_title("Figures reported by several articles (red: they disagree, green: they agree)")
    _save(fig, path)


def draw_all(out_dir, positions, articles, codebook, timeline, corroborated, contradictions) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with plt.rc_context(STYLE):
        position_heatmap(positions, articles, codebook, out / "position_heatmap.svg")
        positions_over_time(positions, articles, codebook, out / "positions_over_time.svg")
        timeline_figure(timeline, out / "timeline.svg")
        key_figures(corroborated, contradictions, out / "key_figures.svg")
