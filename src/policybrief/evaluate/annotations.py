"""Reading the annotation sets (data/annotations/{seeds,unseen}) and the dev/test split."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import read_yaml
from ..errors import InputError

SEEDS, DEV, TEST = "seeds", "dev", "test"
POSITION_COLUMNS = ["article_id", "dimension", "score", "evidence", "rationale"]


def load_items(root, folder: str, article_id: str):
    """The annotation of one article in one folder (events/, quotes/, ...), or None if absent."""
    path = Path(root) / folder / f"{article_id}.yaml"
    if not path.is_file():
        return None
    data = read_yaml(path, "annotation file")
    return [] if data is None else data


def load_split(path) -> dict[str, str]:
    """article id -> dev | test."""
    data = read_yaml(path, "split file")
    if not isinstance(data, dict) or set(data) != {DEV, TEST}:
        raise InputError(path, "must map `dev` and `test` to lists of article ids", "restore it from git")
    return {article_id: part for part in (DEV, TEST) for article_id in data[part]}


def _cell_rows(path, article_id: str, cells, dimensions) -> list[dict]:
    rows = []
    for dimension, cell in sorted((cells or {}).items()):
        if dimension not in dimensions:
            raise InputError(
                path,
                f"{article_id}.{dimension} is not a codebook dimension",
                f"use one of {', '.join(sorted(dimensions))} or add it to the codebook",
            )
        cell = cell or {}
        score = cell.get("score")
        lo, hi = dimensions[dimension]
        if score is not None and (not isinstance(score, int | float) or not lo <= score <= hi):
            raise InputError(
                path,
                f"{article_id}.{dimension}.score is {score!r}",
                f"give a number within [{lo}, {hi}] or null when not addressed",
            )
        rows.append(
            {
                "article_id": article_id,
                "dimension": dimension,
                "score": None if score is None else float(score),
                "evidence": cell.get("evidence"),
                "rationale": cell.get("rationale"),
            }
        )
    return rows


def load_positions(root, codebook) -> pd.DataFrame:
    """The human position coding of a set: positions.yaml (`articles: {id: {dimension: cell}}`)
    and/or one positions/<id>.yaml per article ({dimension: cell})."""
    dimensions = {d.name: d.scale for d in codebook.dimensions}
    rows: list[dict] = []
    single = Path(root) / "positions.yaml"
    if single.is_file():
        data = read_yaml(single, "position coding")
        articles = data.get("articles") if isinstance(data, dict) else None
        if not isinstance(articles, dict):
            raise InputError(
                single, "has no `articles` mapping", "code articles under `articles: {<id>: ...}`"
            )
        for article_id, cells in sorted(articles.items()):
            rows += _cell_rows(single, article_id, cells, dimensions)
    for path in sorted((Path(root) / "positions").glob("*.yaml")):
        rows += _cell_rows(path, path.stem, read_yaml(path, "position coding"), dimensions)
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)
