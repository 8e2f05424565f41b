"""Very long articles: cleaning stays near-linear in the article's length. bench/size.py prints the
times for 1, 2, 5 and 20 MB."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from policybrief import clean
from policybrief.config import load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from size import TITLE, long_article  # noqa: E402


def test_duplicate_detection_compares_a_paragraph_with_few_others(monkeypatch):
    """Pull-quote detection used to test every body paragraph against every other (quadratic)."""
    compared = []

    class Counting(str):
        def __contains__(self, other):
            compared.append(1)
            return str.__contains__(self, other)

    monkeypatch.setattr(clean, "comparable", lambda text: Counting(" ".join(text.casefold().split())))
    texts = [
        f"paragraph {i} says that talks on issue number {i} will resume in spring {i}" for i in range(2000)
    ]
    texts.append(texts[7])  # one repeated block
    reason = ["body"] * len(texts)
    clean._mark_duplicates(texts, reason, min_words=8)
    assert reason.count("duplicate") == 1 and reason[-1] == "duplicate"
    assert len(compared) < 5 * len(texts)


@pytest.mark.e2e
def test_cleaning_time_grows_near_linearly_with_article_size(tmp_path):
    """4 times the text may take at most ~8 times the CPU time (quadratic steps made it ~16)."""
    config = load_config(ROOT / "config.yaml")
    cues = clean.load_cues(ROOT / config["resources"]["cleaning_cues"])
    from policybrief.ingest import ingest_article
    from policybrief.registry import Source

    cpu = []
    for size in (500_000, 2_000_000):
        path = tmp_path / f"{size}.txt"
        path.write_text(long_article(size), encoding="utf-8")
        source = Source(id="long", file=path.name, title=TITLE, outlet=None, authors=(), published="2024")
        ingested = ingest_article(source, path)
        start = time.process_time()
        _text, audit = clean.clean_article(ingested, TITLE, cues, config["clean"])
        cpu.append(time.process_time() - start)
        assert sum(r["decision"] == "body" for r in audit["paragraphs"]) > 100
    assert cpu[1] < 8 * cpu[0], cpu
