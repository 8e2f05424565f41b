"""The evaluate stage: every comparison with human annotations lives here, never in production.

Three sets are scored apart (the `set` column): `seeds` — the five seed articles, which the rules
were written from (in-sample); `dev` and `test` — the frozen unseen set's halves
(data/annotations/unseen/). Test figures are for reporting only.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import yaml

from .. import atomic
from ..analyze.codebook import load_codebook
from ..analyze.evidence import quote_spans, read_evidence
from ..analyze.positions import Thresholds, score_positions
from ..config import load_checked
from ..extract.gazetteer import load_gazetteer
from ..tables import write_table
from .annotations import DEV, SEEDS, TEST, load_items, load_positions, load_split
from .cleaning import score_body_decisions
from .facts import MATCHERS
from .names import NameMatcher
from .positions import (
    AGREEMENT_COLUMNS,
    LEXICON_LOO,
    MACHINE,
    MAJORITY,
    NEUTRAL,
    agreement_rows,
    constant_positions,
    fit_thresholds,
    lexicon_leave_one_out,
    majority_scores,
)

log = logging.getLogger(__name__)
SETS = (TEST, DEV, SEEDS)  # the order figures are reported in: unseen test first
EVALUATION_COLUMNS = ["set", "article_id", "fact_type", "tp", "fp", "fn", "precision", "recall", "f1"]


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    if precision == 0 or recall == 0:
        f1 = 0.0
    return precision, recall, f1


def _row(set_name, article_id, fact_type, tp, fp, fn) -> dict:
    return {
        "set": set_name,
        "article_id": article_id,
        "fact_type": fact_type,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        **dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn))),
    }


def article_sets(ids_by_corpus: dict[str, list[str]], split: dict[str, str]) -> dict[str, str]:
    """article id -> seeds | dev | test: the main corpus' annotated articles are the seeds."""
    out = {}
    for corpus, ids in ids_by_corpus.items():
        for article_id in ids:
            out[article_id] = SEEDS if corpus == "main" else split.get(article_id, TEST)
    return out


def score_facts(
    articles: dict, roots: dict[str, str], sets: dict[str, str], names: NameMatcher
) -> pd.DataFrame:
    """articles: id -> {"facts": ...}; roots: set -> annotation folder."""
    rows = []
    for article_id in sorted(articles):
        set_name, data = sets[article_id], articles[article_id]
        root = roots[set_name]
        cleaning = load_items(root, "cleaning", article_id)
        if cleaning:
            source = Path(root) / "cleaning" / f"{article_id}.yaml"
            counts = score_body_decisions(data["facts"]["audit"]["paragraphs"], cleaning, source)
            rows.append(_row(set_name, article_id, "body_paragraphs", *counts))
        for fact_type, (table, folder, matcher) in MATCHERS.items():
            reference = load_items(root, folder, article_id)
            if reference is not None:
                counts = matcher(data["facts"][table], reference, names)
                rows.append(_row(set_name, article_id, fact_type, *counts))
    df = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    pooled = [
        _row(set_name, "ALL", fact_type, *(int(group[c].sum()) for c in ("tp", "fp", "fn")))
        for (set_name, fact_type), group in df.groupby(["set", "fact_type"], sort=True)
    ]
    return pd.concat([df, pd.DataFrame(pooled, columns=EVALUATION_COLUMNS)], ignore_index=True)


def score_positions_by_set(
    evidence, human: pd.DataFrame, sets: dict, codebook, thresholds: dict, loo: pd.DataFrame
) -> pd.DataFrame:
    """evidence: (rows, discussed) as read_evidence returns them."""
    machine = score_positions(*evidence[:1], codebook, sorted(sets), thresholds, evidence[1])
    majority = majority_scores(human[human["article_id"].map(sets) == DEV])
    rows = []
    for set_name in SETS:
        coded = human[human["article_id"].map(sets) == set_name]
        if coded.empty:
            continue
        neutral = constant_positions(coded, lambda d: 0.0)
        mode = constant_positions(coded, lambda d: majority.get(d))
        rows += agreement_rows(machine, coded, codebook, set_name, MACHINE)
        rows += agreement_rows(neutral, coded, codebook, set_name, NEUTRAL)
        rows += agreement_rows(mode, coded, codebook, set_name, MAJORITY)
        if set_name == SEEDS and not loo.empty:
            rows += agreement_rows(loo, coded, codebook, set_name, LEXICON_LOO)
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _load(paths_by_kind: dict[str, list]) -> dict[str, dict]:
    """Per article id, its facts, audit, evidence and clean text (from the per-article files)."""
    articles: dict[str, dict] = {}
    for kind, paths in paths_by_kind.items():
        for path in paths:
            value = Path(path).read_text(encoding="utf-8") if kind == "text" else atomic.read_json(path)
            articles.setdefault(Path(path).stem, {})[kind] = value
    return articles


def human_coding(roots: dict[str, str], sets: dict[str, str], codebook) -> pd.DataFrame:
    frames = [load_positions(root, codebook) for root in dict.fromkeys(roots.values())]
    human = pd.concat(frames, ignore_index=True)
    return human[human["article_id"].isin(sets)].reset_index(drop=True)


def run(inputs: dict, ids_by_corpus: dict, seeds_root, unseen_root, outputs: dict) -> None:
    codebook = load_codebook(inputs["codebook"])
    thresholds = Thresholds.read(load_checked(inputs["fitted"], "fitted"))
    sets = article_sets(ids_by_corpus, load_split(inputs["split"]))
    roots = {SEEDS: seeds_root, DEV: unseen_root, TEST: unseen_root}
    articles = _load({k: inputs[k] for k in ("facts", "text")})
    facts = score_facts(articles, roots, sets, NameMatcher(load_gazetteer(inputs["gazetteer"])))

    evidence = read_evidence(inputs["evidence"], set(sets))
    human = human_coding(roots, sets, codebook)
    seeds = [a for a, s in sets.items() if s == SEEDS]
    loo, dropped = lexicon_leave_one_out(
        {a: articles[a]["text"] for a in seeds},
        {a: quote_spans(articles[a]["facts"]) for a in seeds},
        codebook,
        thresholds,
    )
    log.info("lexicon leave-one-out: %d seed-only cues dropped in all", dropped)
    agreement = score_positions_by_set(evidence, human, sets, codebook, thresholds, loo)

    write_table(facts, outputs["evaluation"], "evaluation")
    write_table(agreement, outputs["agreement"], "position_agreement")
    summary = facts[facts["article_id"] == "ALL"][["set", "fact_type", "precision", "recall", "f1"]]
    positions = agreement[agreement["dimension"] == "ALL"].drop(columns="dimension")
    with pd.option_context(
        "display.width", 160, "display.max_columns", 20, "display.float_format", "{:.3f}".format
    ):
        text = (
            "Facts (test = unseen test set, dev = unseen dev set, seeds = in-sample):\n"
            f"{summary.to_string(index=False)}\n\n"
            f"Positions (ALL dimensions):\n{positions.to_string(index=False)}"
        )
    log.info("%s", text)
    print(text)


def fit(inputs: dict, ids_by_corpus: dict, seeds_root, unseen_root, fitted_path, grid_output) -> dict:
    """Refit the null thresholds on the seeds and the unseen dev set (never the test set) and
    rewrite the committed fitted-parameters file."""
    codebook = load_codebook(inputs["codebook"])
    sets = article_sets(ids_by_corpus, load_split(inputs["split"]))
    training = {a: s for a, s in sets.items() if s in (SEEDS, DEV)}
    roots = {SEEDS: seeds_root, DEV: unseen_root}
    human = human_coding(roots, training, codebook)
    rows, discussed = read_evidence(inputs["evidence"], set(training))
    thresholds, grid = fit_thresholds(rows[rows["article_id"].isin(training)], human, codebook, discussed)
    header = (
        "# Fitted parameters: written by `snakemake fit` (policybrief.evaluate.fit), read by analyze and\n"
        "# evaluate. Committed, so a build never refits: edit the codebook or annotations, run\n"
        "# `snakemake fit`, review the change, commit it. Fitted on the seeds and the unseen dev set.\n"
    )
    fitted = {d: {"direction": t.direction, "addressed": t.addressed} for d, t in thresholds.items()}
    body = yaml.safe_dump(
        {"fitted_on": sorted(training), "thresholds": fitted},
        sort_keys=False,
        width=100,
        default_flow_style=None,
    )
    atomic.write_text(fitted_path, header + body)
    write_table(grid, grid_output)
    log.info("thresholds fitted on %d articles: %s", len(training), thresholds)
    return thresholds
