"""Very long articles: cleaning stays near-linear in the article's length, and extraction works in
pieces whose facts keep valid offsets into the whole clean text (spaCy alone refuses 1,000,000+
characters). bench/size.py prints the times for 1, 2, 5 and 20 MB."""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import pytest
import spacy

from policybrief import clean
from policybrief.clean import decisions
from policybrief.config import load_config
from policybrief.extract import article
from policybrief.extract.article import Resources, extract_article, pieces
from policybrief.grounding import check_grounding_rows
from policybrief.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from size import TITLE, long_article  # noqa: E402

PARAGRAPHS = [
    "Prime Minister Fumio Kishida said on 3 March 2022 that Japan would freeze Russian assets.",
    "“We will not accept any change to the status quo by force,” Kishida told the Diet in Tokyo.",
    "Trade between Japan and Russia fell to $15 billion in 2023, down 28 percent from 2021.",
    "Vladimir Putin met Xi Jinping in Beijing, where the two leaders criticised the sanctions.",
]


@pytest.fixture(scope="module")
def resources():
    config = load_config(ROOT / "config.yaml")
    res = config["resources"]
    return Resources.load(ROOT / res["gazetteer"], ROOT / res["metrics"], config["extract"])


def test_pieces_cover_the_text_in_order_and_cut_at_paragraph_breaks():
    text = "\n\n".join(PARAGRAPHS * 5) + "\n"
    spans = pieces(text, limit=250)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= 250 for start, end in spans)
    assert all(text[start - 2 : start] == "\n\n" for start, _ in spans[1:])


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end_or_a_space():
    text = "One two three. " * 40
    spans = pieces(text, limit=100)
    assert all(text[start - 2 : start] == ". " for start, _ in spans[1:])
    assert pieces("x" * 250, limit=100) == [(0, 100), (100, 200), (200, 250)]
    assert pieces("short", limit=100) == [(0, 5)]


def test_extraction_in_pieces_gives_grounded_facts_at_whole_text_offsets(resources, monkeypatch):
    text = "\n\n".join(PARAGRAPHS * 3) + "\n"
    whole = extract_article("a", text, "2024", resources)
    monkeypatch.setattr(article, "PIECE_CHARS", 200)
    assert len(pieces(text, 200)) > 5
    pieced = extract_article("a", text, "2024", resources)
    for fact_type, rows in pieced.items():
        check_grounding_rows(fact_type, rows, text)
    # Every paragraph here stands alone, so the pieces find the same facts as the whole text.
    for fact_type in ("mentions", "quantities", "quotes"):
        key = sorted((r["start"], r["end"]) for r in whole[fact_type])
        assert sorted((r["start"], r["end"]) for r in pieced[fact_type]) == key, fact_type
    assert {r["surface"] for r in pieced["events"]} == {r["surface"] for r in whole["events"]}


def test_parse_accepts_texts_over_spacys_length_limit():
    nlp = spacy.blank("en")
    nlp.max_length = 50
    doc = parse(nlp, "Japan and Russia. " * 10)
    assert len(doc.text) == 180 and nlp.max_length > 180


def test_duplicate_detection_compares_a_paragraph_with_few_others(monkeypatch):
    """Pull-quote detection used to test every body paragraph against every other (quadratic)."""
    compared = []

    class Counting(str):
        def __contains__(self, other):
            compared.append(1)
            return str.__contains__(self, other)

    monkeypatch.setattr(decisions, "comparable", lambda text: Counting(" ".join(text.casefold().split())))
    texts = [
        f"paragraph {i} says that talks on issue number {i} will resume in spring {i}" for i in range(2000)
    ]
    texts.append(texts[7])  # one repeated block
    reason = ["body"] * len(texts)
    decisions.mark_duplicates(texts, reason, min_words=8)
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
