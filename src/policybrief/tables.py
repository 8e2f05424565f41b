"""Read and write the Parquet tables of data/processed/, checking each against its schema."""

from __future__ import annotations

import pandas as pd
import pandera.errors

from .atomic import atomic_path
from .schemas import BY_NAME


class ContractError(RuntimeError):
    """A stage produced a table that breaks its data contract (a bug, not bad input)."""


def conform(df: pd.DataFrame, schema_name: str) -> pd.DataFrame:
    """Validate against the schema; contract columns come first, in contract order."""
    schema = BY_NAME[schema_name]
    ordered = [c for c in schema.columns if c in df.columns] + [
        c for c in df.columns if c not in schema.columns
    ]
    try:
        return schema.validate(df[ordered], lazy=True)
    except pandera.errors.SchemaErrors as err:
        raise ContractError(
            f"table {schema_name!r} breaks its schema:\n{err.failure_cases.head(20)}"
        ) from None


def empty_frame(schema_name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in BY_NAME[schema_name].columns})


def write_table(df: pd.DataFrame, path, schema_name: str | None = None) -> pd.DataFrame:
    """Validate (when a schema is named) and write atomically; callers sort rows deterministically."""
    if schema_name:
        if df.empty and not len(df.columns):
            df = empty_frame(schema_name)
        df = conform(df, schema_name)
    df = df.reset_index(drop=True)
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False, compression="zstd")
    return df


def read_table(path) -> pd.DataFrame:
    return pd.read_parquet(path)
