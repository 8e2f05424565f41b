"""'What changed since the previous version': snapshots of key tables per report version, and their diff.

Each build copies its manifest and KEY_TABLES to report/versions/<version>/; the next
version diffs its tables against the newest snapshot of an earlier version.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from packaging.version import InvalidVersion, Version

from ..atomic import atomic_directory

KEY_TABLES = ("positions", "corroborated_facts", "contradictions")
CHANGE_COLUMNS = ["kind", "item", "change", "before", "after"]


def previous_version(versions_dir, current: str) -> Path | None:
    """The snapshot folder of the newest version strictly older than `current`, if any."""
    root, now = Path(versions_dir), Version(current)
    older = []
    for d in root.iterdir() if root.is_dir() else ():
        try:
            v = Version(d.name)
        except InvalidVersion:
            continue
        if d.is_dir() and v < now:
            older.append((v, d))
    return max(older)[1] if older else None


def snapshot(processed, manifest, dest) -> None:
    """Replace `dest` with this build's manifest and key tables, all at once (atomic.atomic_directory):
    a build killed meanwhile leaves the old snapshot or none, never a half-copied one."""
    with atomic_directory(dest) as fresh:
        shutil.copyfile(manifest, fresh / "manifest.json")
        for name in KEY_TABLES:
            src = Path(processed) / f"{name}.parquet"
            if src.is_file():
                shutil.copyfile(src, fresh / src.name)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _facts(df: pd.DataFrame) -> dict[str, str]:
    """Corroborated facts: '<kind> <key>' -> 'value (n sources)'."""
    if df.empty:
        return {}
    first = df.sort_values(["fact_id", "article_id"]).drop_duplicates("fact_id")
    return {f"{r.kind} {r.key}": f"{_fmt(r.value)} ({int(r.n_sources)} sources)" for r in first.itertuples()}


def _positions(df: pd.DataFrame) -> dict[str, str]:
    """Positions: '<article> / <dimension>' -> score (unscored rows omitted)."""
    if df.empty:
        return {}
    scored = df[df["score"].notna()]
    return {f"{r.article_id} / {r.dimension}": f"{float(r.score):g}" for r in scored.itertuples()}


def _contradictions(df: pd.DataFrame) -> dict[str, str]:
    """Contradictions: '<kind> <key>' -> 'article: value; ...' (sorted, so order does not matter)."""
    if df.empty:
        return {}
    out = {}
    for (kind, key), group in df.groupby(["kind", "key"], sort=True):
        sides = sorted({f"{r.article_id}: {_fmt(r.value)}" for r in group.itertuples()})
        out[f"{kind} {key}"] = "; ".join(sides)
    return out


DIFFERS = {
    "facts": ("corroborated_facts", _facts),
    "positions": ("positions", _positions),
    "contradictions": ("contradictions", _contradictions),
}


def _diff(kind: str, before: dict, after: dict) -> list[dict]:
    rows = []
    for item in sorted(set(before) | set(after)):
        old, new = before.get(item), after.get(item)
        if old == new:
            continue
        change = "added" if old is None else "removed" if new is None else "changed"
        rows.append({"kind": kind, "item": item, "change": change, "before": old, "after": new})
    return rows


def _read(folder: Path, table: str) -> pd.DataFrame:
    path = folder / f"{table}.parquet"
    return pd.read_parquet(path) if path.is_file() else pd.DataFrame()


def what_changed(previous_dir, processed) -> pd.DataFrame:
    """Facts, positions and contradictions added, removed or changed since the snapshot in `previous_dir`."""
    rows = []
    for kind, (table, summarise) in DIFFERS.items():
        rows += _diff(
            kind, summarise(_read(Path(previous_dir), table)), summarise(_read(Path(processed), table))
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
