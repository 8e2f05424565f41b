"""Position scoring: author's stance from cues, weighted by who speaks and how."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from conftest import SMALL_CODEBOOK as CODEBOOK

from policybrief.analyze.codebook import load_codebook
from policybrief.analyze.evidence import EVIDENCE_COLUMNS, article_evidence
from policybrief.analyze.positions import Thresholds, author_distances, score_positions
from policybrief.errors import InputError
from policybrief.evaluate.annotations import load_positions
from policybrief.registry import load_registry
from policybrief.tables import conform
from policybrief.textio import read_article

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK)
    return load_codebook(path)


def evidence(book, text, quotes=()):
    rows, _ = article_evidence("a", text, list(quotes), book)
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def score(book, text, quotes=(), thresholds=None):
    rows, discussed = article_evidence("a", text, list(quotes), book)
    pairs = frozenset(("a", d) for d in discussed)
    pos = score_positions(pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), book, ["a"], thresholds or {}, pairs)
    return pos.set_index("dimension")["score"].to_dict()


def test_normative_sentence_outweighs_description(book):
    ev = evidence(book, "Japan must tighten sanctions. Others tighten sanctions.")
    assert ev["weight"].tolist() == [2.0, 1.0]
    assert ev["normative"].tolist() == [True, False]


def test_negation_flips_and_damps_the_cue(book):
    # "not lift" argues for keeping sanctions (+1), not for tightening them (+2)
    assert evidence(book, "Japan should not lift the sanctions.")["value"].tolist() == [1.0]
    assert evidence(book, "Japan must not only tighten sanctions.")["value"].tolist() == [2.0]


def test_negation_does_not_reach_across_a_clause_break(book):
    ev = evidence(book, "Russia will not yield; Japan must tighten sanctions.")
    assert ev["value"].tolist() == [2.0]


def test_intensifier_pushes_a_cue_towards_its_pole(book):
    assert evidence(book, "Japan must firmly maintain sanctions.")["value"].tolist() == [1.5]
    assert evidence(book, "Japan must maintain sanctions.")["value"].tolist() == [1.0]


def test_reported_speech_is_down_weighted_and_quotes_do_not_count(book):
    text = "Kishida said Japan would tighten sanctions. “We will tighten sanctions,” one minister added."
    quote = (text.index("“") + 1, text.index("”"))  # as the quotes table gives it
    assert evidence(book, text, [quote])["weight"].tolist() == [0.25, 0.0]
    assert pd.isna(score(book, "Kishida said Japan would tighten sanctions.")["sanctions"])


def test_attribution_counts_only_when_it_governs_the_cues_clause(book):
    weights = {
        text: evidence(book, text)["weight"].tolist()
        for text in [
            "Kishida said talks go on, but Japan must tighten sanctions.",  # the author's own point
            "Japan must tighten sanctions, the minister said.",  # trailing attribution
            "According to officials, Japan will tighten sanctions.",
            "We argue that Japan must tighten sanctions.",  # the author speaking
        ]
    }
    assert list(weights.values()) == [[3.0], [0.5], [0.25], [2.0]]


def test_a_few_words_in_quotation_marks_are_a_scare_quote_not_speech(book):
    assert evidence(book, "Japan should “tighten” its sanctions.")["weight"].tolist() == [2.0]


def test_a_sentence_opening_with_an_anaphor_takes_its_topic_from_the_paragraph(book):
    text = (
        "Japan's sanctions lag. Some banks escape. These gaps must be closed.\n\nThese gaps must be closed."
    )
    ev = evidence(book, text)  # the second paragraph has no antecedent
    assert ev["start"].tolist() == [text.index("These")]


def test_an_article_that_does_not_keep_to_the_question_gets_null(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(
        CODEBOOK.replace("min_scope_sentences: 1", "min_scope_sentences: 2").replace(
            "topic: [sanction*]", "topic: [sanction*]\n    scope: [[sanction*], [russia]]"
        )
    )
    strict = load_codebook(path)
    assert pd.isna(
        score(strict, "Housing needs reform. Cities should tighten sanctions on sprawl.")["sanctions"]
    )
    iran = "Sanctions on Iran matter. Europe should tighten sanctions on Iran. Russia abstained."
    assert pd.isna(score(strict, iran)["sanctions"])  # sanctions, but not against Russia
    russia = "Sanctions on Russia matter. Japan should tighten sanctions on Russia."
    assert score(strict, russia)["sanctions"] == 2.0


def test_in_a_short_text_one_sentence_on_each_scope_term_is_enough(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(
        CODEBOOK.replace(
            "min_scope_sentences: 1", "min_scope_sentences: 2\n  short_text_sentences: 4"
        ).replace("topic: [sanction*]", "topic: [sanction*]\n    scope: [[sanction*], [russia]]")
    )
    book = load_codebook(path)
    short = "Sanctions bite. Japan should tighten sanctions on Russia."
    assert score(book, short)["sanctions"] == 2.0
    long = short + " Trade fell. Ports idled. Prices rose."  # five sentences: Russia named once
    assert pd.isna(score(book, long)["sanctions"])


def test_quote_spans_from_the_quotes_table_are_skipped(book):
    text = "The minister wants to tighten sanctions now."
    start = text.index("tighten")
    ev = evidence(book, text, quotes=[(start, start + 7)])
    assert ev["weight"].tolist() == [0.0]


def test_cue_without_the_topic_in_its_sentence_is_ignored(book):
    assert evidence(book, "Japan must tighten its belt.").empty


def test_hedged_statement_weighs_less(book):
    assert evidence(book, "Japan may tighten sanctions.")["weight"].tolist() == [0.5]


def test_what_comes_before_but_is_conceded_and_what_follows_is_the_point(book):
    ev = evidence(book, "Some want to lift the sanctions, but Japan must tighten sanctions.")
    assert ev["cue"].tolist() == ["lift ? sanctions", "tighten*"]
    assert ev["weight"].tolist() == [0.5, 3.0]  # descriptive x conceded; normative x contrasted
    assert evidence(book, "Japan must tighten sanctions; others wait.")["weight"].tolist() == [2.0]


def test_unaddressed_dimension_is_null_and_salience_counts_sentences(book):
    scores = score(book, "China grows. Beijing watches. China again. Nothing else.")
    assert pd.isna(scores["sanctions"])
    assert scores["china_factor"] == 2.0
    assert score(book, "No mention here.")["china_factor"] == 0.0


def test_evidence_span_points_at_the_strongest_sentence(book):
    text = "Intro. Japan should tighten sanctions at once."
    pos = score_positions(evidence(book, text), book, ["a"], {}).set_index("dimension").loc["sanctions"]
    assert text[pos["start"] : pos["end"]] == pos["evidence"] == "Japan should tighten sanctions at once."
    conform(score_positions(evidence(book, text), book, ["a"], {}), "positions")


def test_distance_is_scaled_and_names_the_split_dimension(book):
    pos = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b"],
            "dimension": ["sanctions", "china_factor"] * 2,
            "score": [2.0, 0.0, -2.0, 1.0],
        }
    )
    row = author_distances(pos, book).iloc[0]
    assert row["distance"] == pytest.approx((1.0 + 0.5) / 2)
    assert row["split_dimension"] == "sanctions" and row["n_dimensions"] == 2


def test_codebook_rejects_a_value_outside_the_scale(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.replace("value: 2}", "value: 5}"))
    with pytest.raises(InputError, match="value 5"):
        load_codebook(path)


def test_coding_rejects_unknown_dimension(tmp_path, book):
    (tmp_path / "positions.yaml").write_text("articles:\n  a:\n    mood: {score: 1}\n")
    with pytest.raises(InputError, match="not a codebook dimension"):
        load_positions(tmp_path, book)


def test_a_question_discussed_without_a_direction_is_no_clear_direction(book):
    text = "Sanctions were imposed. Sanctions remain. Some firms tighten controls on sanctions exports."
    assert score(book, text, thresholds={"sanctions": Thresholds(5.0, 1.0)})["sanctions"] == 0.0
    assert pd.isna(score(book, text, thresholds={"sanctions": Thresholds(5.0, 5.0)})["sanctions"])
    assert score(book, text, thresholds={"sanctions": Thresholds(1.0, 1.0)})["sanctions"] == 2.0


def test_scores_are_told_in_the_codebooks_words():
    dim = load_codebook(ROOT / "config/codebook.yaml").dimension("settlement_outlook")
    assert [dim.describe(s) for s in (-2, -1, 0, 1, None)] == [
        "firmly pessimistic",
        "pessimistic",
        "no clear direction",
        "optimistic",
        "not addressed",
    ]


def test_shipped_codebook_has_the_contract_dimensions_and_coding_quotes_the_texts():
    book = load_codebook(ROOT / "config/codebook.yaml")
    assert book.names[:6] == [
        "settlement_outlook",
        "engagement",
        "sanctions",
        "abe_legacy",
        "china_factor",
        "us_alignment",
    ]
    coding = load_positions(ROOT / "data/annotations/seeds", book)
    sources = {s.id: s for s in load_registry(ROOT / "data/raw/sources.yaml", ROOT / "data/raw")}
    assert set(coding["article_id"]) == set(sources) and len(coding) == len(sources) * 6
    assert coding["rationale"].notna().all()
    for row in coding.dropna(subset=["evidence"]).itertuples():
        text, _ = read_article(ROOT / "data/raw" / sources[row.article_id].file)
        assert row.evidence in text, (row.article_id, row.dimension)


def _leaning(book, values_and_weights):
    rows = [
        {
            "article_id": "a",
            "dimension": "sanctions",
            "sentence": f"s{i}",
            "start": 10 * i,
            "end": 10 * i + 2,
            "cue": "c",
            "value": v,
            "weight": w,
            "polarity": 1 if v > 0 else -1,
            "normative": False,
        }
        for i, (v, w) in enumerate(values_and_weights)
    ]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


@pytest.mark.parametrize("margin, expected", [(0.2, 1.0), (0.4, 0.0)])
def test_a_mean_leaning_one_way_by_the_direction_margin_gives_that_direction(book, margin, expected):
    # weighted mean (2*2 - 2*1.5) / 3.5 = 0.29: rounds to 0, but leans towards +
    ev = _leaning(book, [(2.0, 2.0), (-2.0, 1.5)])
    pos = score_positions(ev, dataclasses.replace(book, direction_margin=margin), ["a"], {})
    cell = pos.set_index("dimension").loc["sanctions"]
    assert cell["score"] == expected
    assert cell["status"] == ("position" if expected else "no clear direction")


def test_the_direction_margin_never_moves_a_mean_that_already_rounds_to_a_direction(book):
    ev = _leaning(book, [(-2.0, 3.0), (1.0, 1.0)])  # mean -1.25 -> -1
    pos = score_positions(ev, dataclasses.replace(book, direction_margin=0.2), ["a"], {})
    assert pos.set_index("dimension").loc["sanctions", "score"] == -1.0
