# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Inspect one article, stage by stage
#
# For reviewers: what cleaning removed and why, and every extracted fact shown
# against the clean text it points at. Run after `snakemake extract` from the
# project root (`jupyter lab`, or `jupytext --to ipynb` then execute). Set
# `ARTICLE_ID` (environment variable or the cell below) to pick an article.

# %%
import os
from pathlib import Path

import pandas as pd

ROOT = Path(os.environ.get("PROJECT_ROOT", Path.cwd()))
if not (ROOT / "Snakefile").exists() and (ROOT.parent / "Snakefile").exists():
    ROOT = ROOT.parent
PROCESSED = ROOT / "data/processed"
articles = pd.read_parquet(PROCESSED / "articles.parquet")
ARTICLE_ID = os.environ.get("ARTICLE_ID", articles["article_id"].iloc[0])
clean_text = (ROOT / "data/interim/clean" / f"{ARTICLE_ID}.txt").read_text(encoding="utf-8")
articles[articles["article_id"] == ARTICLE_ID].T

# %% [markdown]
# ## Cleaning decisions

# %%
audit = pd.read_parquet(PROCESSED / "cleaning_audit.parquet")
audit = audit[audit["article_id"] == ARTICLE_ID]
print(audit.groupby(["decision", "reason"]).size().to_string())
audit[audit["decision"] == "removed"][["paragraph", "reason", "text"]]

# %% [markdown]
# ## Facts and their grounding spans
# Each row shows `clean_text[start:end]`, the evidence the fact points at.

# %%
for table in ("events", "quantities", "quotes", "mentions"):
    df = pd.read_parquet(PROCESSED / f"{table}.parquet")
    df = df[df["article_id"] == ARTICLE_ID].copy()
    df["span"] = [clean_text[s:e] for s, e in zip(df["start"], df["end"])]
    print(f"\n### {table}: {len(df)} rows")
    print(df.drop(columns=["article_id"]).head(40).to_string(max_colwidth=70))
