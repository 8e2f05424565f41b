"""The analyze stage end to end on a two-article corpus: every output exists, obeys its schema,
is grounded in the clean text, and is identical on a second run."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd

from policybrief import atomic
from policybrief.analyze import stage
from policybrief.analyze.evidence import run_shard
from policybrief.grounding import ungrounded_rows
from policybrief.nlp import vocabulary_terms as terms
from policybrief.schemas import BY_NAME

TEXTS = {
    "alpha-2020": "Japan should take a tougher stance against Russia. China is a concern for Tokyo. "
    "Trade between Japan and Russia hit $32 billion in 2013.",
    "beta-2021": "Japan must keep dialogue and cooperation with Russia open. "
    "In 2013, trade between Japan and Russia approached $34.8 billion.",
}
OUTPUTS = [
    "findings",
    "positions",
    "position_evidence",
    "author_distances",
    "corroborated_facts",
    "contradictions",
    "timeline",
    "distinctive_terms",
    "lexical_similarity",
]
ROOT = Path(__file__).resolve().parents[1]


def _tables(tmp_path) -> dict:
    def span(article, surface):
        start = TEXTS[article].index(surface)
        return start, start + len(surface)

    articles = pd.DataFrame(
        {
            "article_id": list(TEXTS),
            "title": ["A", "B"],
            "outlet": [None, None],
            "authors": [[], []],
            "published": ["2020", "2021-05"],
            "words_raw": [20, 20],
            "words_clean": [20, 20],
            "sha256": ["0" * 64] * 2,
        }
    )
    quantities = pd.DataFrame(
        [
            {
                "article_id": a,
                "value": v,
                "unit": "USD",
                "metric": "trade_turnover",
                "year": 2013,
                "qualifier": ql,
                "sentence": TEXTS[a].split(". ")[-1],
                "surface": s,
                "start": span(a, s)[0],
                "end": span(a, s)[1],
            }
            for a, v, ql, s in [
                ("alpha-2020", 32e9, "exact", "$32 billion"),
                ("beta-2021", 34.8e9, "under", "$34.8 billion"),
            ]
        ]
    )
    quantities["year"] = quantities["year"].astype("Int64")
    events = pd.DataFrame(
        columns=[
            "article_id",
            "date",
            "precision",
            "description",
            "actors",
            "sentence",
            "surface",
            "start",
            "end",
        ]
    )
    quotes = pd.DataFrame(columns=["article_id", "speaker", "text", "start", "end"])
    paths = {}
    for name, df in {
        "articles": articles,
        "events": events,
        "quantities": quantities,
        "quotes": quotes,
    }.items():
        paths[name] = tmp_path / f"{name}.parquet"
        df.to_parquet(paths[name])
    return paths


def _per_article_files(tmp_path):
    """What the per-article jobs would have written: clean texts, facts and position evidence."""
    texts, facts = [], []
    for article_id, text in TEXTS.items():
        texts.append(tmp_path / f"{article_id}.txt")
        texts[-1].write_text(text, encoding="utf-8")
        facts.append(tmp_path / "facts" / f"{article_id}.json")
        atomic.write_json(facts[-1], {"quotes": [], "terms": dict(Counter(terms(text)))})
    evidence = tmp_path / "evidence" / "shard-000.json"
    run_shard(texts, facts, ROOT / "config/codebook.yaml", evidence)
    return facts, [evidence]


def _run(tmp_path, out_name):
    facts, evidence = _per_article_files(tmp_path)
    out = tmp_path / out_name
    outputs = {k: out / f"{k}.parquet" for k in OUTPUTS} | {"figures": out / "figures"}
    stage.run(
        _tables(tmp_path),
        evidence,
        facts,
        ROOT / "config/codebook.yaml",
        ROOT / "config/fitted.yaml",
        ROOT / "config/metrics.yaml",
        outputs,
    )
    return outputs


def _digest(outputs) -> dict:
    files = [p for k, p in outputs.items() if k != "figures"] + sorted(outputs["figures"].glob("*.svg"))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_analyze_writes_valid_grounded_deterministic_outputs(tmp_path):
    first = _run(tmp_path, "one")
    for key in OUTPUTS:
        schema, table = BY_NAME[key], pd.read_parquet(first[key])
        schema.validate(table)
        assert list(table.columns) == list(schema.columns)
    positions = pd.read_parquet(first["positions"]).set_index(["article_id", "dimension"])["score"]
    assert positions[("alpha-2020", "engagement")] < 0 < positions[("beta-2021", "engagement")]
    assert ungrounded_rows("positions", pd.read_parquet(first["positions"]).reset_index(), TEXTS).empty
    conflicts = pd.read_parquet(first["contradictions"])
    assert conflicts["key"].unique().tolist() == ["trade_turnover 2013 (USD)"]
    found = pd.read_parquet(first["findings"])
    assert "Trade turnover in 2013: " in " ".join(found["statement"].unique())
    assert sorted(p.name for p in first["figures"].glob("*.svg")) == [
        "key_figures.svg",
        "position_heatmap.svg",
        "positions_over_time.svg",
        "timeline.svg",
    ]
    assert _digest(first) == _digest(_run(tmp_path, "two"))
