"""What every figure of the brief shares: style, size limits, how sources are named, atomic SVG
output that is byte-for-byte reproducible."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from ..atomic import atomic_path
from .statements import source_labels

MAX_LABELLED = 12  # label points (or number events) only while the labels stay legible
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


def save(fig, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="svg", metadata={"Date": None}, bbox_inches="tight", dpi=RASTER_DPI)
    plt.close(fig)


def short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def id_label(article_id: str) -> str:
    """Short point label: the id up to its year ("brown-2022"), else its first 22 characters."""
    m = re.match(r"^(.*?\d{4})", article_id)
    return m.group(1) if m else short(article_id, 22)


def source_names(articles: pd.DataFrame) -> dict[str, str]:
    """How figures name sources: as the brief's statements do (authors' surnames, else the outlet),
    with the year; the id's short form when the table lacks the registry's columns."""
    if not {"article_id", "authors", "outlet", "title", "published"} <= set(articles.columns):
        return {a: id_label(a) for a in articles.get("article_id", [])}
    labels = source_labels(articles)
    years = articles.set_index("article_id")["published"].astype(str).str[:4]
    return {a: label if label.endswith(")") else f"{label} ({years[a]})" for a, label in labels.items()}


def point_label(name: str) -> str:
    """A name short enough to sit beside a point: a long outlet name by its initials
    ("Foreign Policy Research Institute (2022)" -> "FPRI (2022)")."""
    base, sep, year = name.partition(" (")
    if len(base) <= 16:
        return name
    initials = "".join(w[0] for w in base.split() if w[:1].isupper())
    return f"{initials}{sep}{year}" if len(initials) >= 2 else short(name, 18)
