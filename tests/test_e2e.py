"""End to end: the whole DAG on the five seed articles honours every data contract."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import run_snakemake

from policybrief.grounding import ungrounded_rows
from policybrief.schemas import BY_NAME

pytestmark = pytest.mark.e2e

CONTRACT_TABLES = ["articles", "mentions", "events", "quantities", "quotes", "positions"]


def _config(workdir: Path) -> dict:
    return yaml.safe_load((workdir / "config.yaml").read_text())


def _clean_texts(workdir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (workdir / "data/interim/clean").glob("*.txt")}


def test_every_registered_article_gets_a_clean_text(built_project):
    registry = yaml.safe_load((built_project / "data/raw/sources.yaml").read_text())
    assert set(_clean_texts(built_project)) == {rec["id"] for rec in registry}
    assert all(text.strip() for text in _clean_texts(built_project).values())


@pytest.mark.parametrize("table", CONTRACT_TABLES)
def test_contract_tables_exist_with_their_schema(built_project, table):
    df = pd.read_parquet(built_project / f"data/processed/{table}.parquet")
    assert list(BY_NAME[table].columns) == [c for c in df.columns if c in BY_NAME[table].columns]
    BY_NAME[table].validate(df)
    assert len(df) > 0, f"{table} is empty on the seed corpus"


@pytest.mark.parametrize("table", ["mentions", "events", "quantities", "quotes", "positions"])
def test_every_fact_is_grounded_in_its_clean_text(built_project, table):
    df = pd.read_parquet(built_project / f"data/processed/{table}.parquet")
    assert ungrounded_rows(table, df, _clean_texts(built_project)).empty


def test_report_is_written_in_both_formats_with_the_version_in_the_name(built_project):
    cfg = _config(built_project)["report"]
    build = built_project / "report/build"
    stem = f"{cfg['slug']}-v{cfg['version']}"
    assert (build / f"{stem}.html").stat().st_size > 10_000
    assert (build / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (built_project / "report/build/manifest.json").is_file()


def test_a_second_run_has_nothing_to_do(built_project):
    proc = run_snakemake(built_project, "-n")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_a_single_stage_can_be_forced_to_rerun(built_project):
    proc = run_snakemake(built_project, "-n", "--forcerun", "analyze", "--until", "analyze")
    out = proc.stdout + proc.stderr
    assert "analyze" in out and "report" not in out.split("Job stats")[-1].split("Reasons")[0]


def test_the_reviewer_notebook_runs_on_a_built_project(built_project, monkeypatch):
    import jupytext
    from conftest import ROOT
    from nbclient import NotebookClient

    notebook = jupytext.read(ROOT / "notebooks/inspect_article.py")
    monkeypatch.setenv("PROJECT_ROOT", str(built_project))
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(built_project)}}
    ).execute()
    printed = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))
    assert "events:" in printed and "quantities:" in printed


def test_the_seed_brief_speaks_in_words_and_tells_events_as_headlines(built_project):
    """The executive summary and "Where the authors stand" name no codebook, metric or article id
    and no "(s)"; every event headline in the brief is a full clause of its sentence."""
    from conftest import ids_in, section

    from policybrief.extract import headlines
    from policybrief.extract.headlines import OPENERS, is_headline, words

    cfg = _config(built_project)["report"]
    html = (built_project / f"report/build/{cfg['slug']}-v{cfg['version']}.html").read_text()
    registry = yaml.safe_load((built_project / "data/raw/sources.yaml").read_text())
    for anchor in ("executive-summary", "where-the-authors-stand"):
        text = section(html, anchor)
        assert not ids_in(text, built_project, [r["id"] for r in registry]), anchor
        assert "(s)" not in text, anchor
    assert 5 <= len(re.findall(r"<li>", html.split('class="key-findings"')[1].split("</ol>")[0])) <= 8

    events = pd.read_parquet(built_project / "data/processed/events.parquet").dropna(subset=["headline"])
    sentences = events.groupby("headline")["sentence"].apply(list).to_dict()
    shown = [unescape(h) for h in re.findall(r'<span class="headline">([^<]+)</span>', html)]
    assert len(shown) >= 10  # the timeline and the appendix of all dated events
    for headline in shown:
        assert words(headline)[0].lower() not in OPENERS, headline
        assert any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in headlines.parser()(headline)), headline
        assert any(is_headline(headline, s) for s in sentences.get(headline, [])), headline


def test_accuracy_is_reported_per_set_with_the_lexicon_check_in_the_brief(built_project):
    """Test, dev and seed figures stay apart, the seeds' lexicon leave-one-article-out check is
    scored, and the brief's methodology shows it beside the machine's figures."""
    from conftest import section

    evaluation = pd.read_parquet(built_project / "data/processed/evaluation.parquet")
    agreement = pd.read_parquet(built_project / "data/processed/position_agreement.parquet")
    assert set(evaluation["set"]) == set(agreement["set"]) == {"test", "dev", "seeds"}
    pooled = agreement[agreement["dimension"] == "ALL"]
    assert set(pooled.loc[pooled["set"] == "seeds", "scheme"]) >= {"machine", "lexicon_loo"}
    assert pooled["coverage"].between(0, 1).all()
    cfg = _config(built_project)["report"]
    html = (built_project / f"report/build/{cfg['slug']}-v{cfg['version']}.html").read_text()
    methods = section(html, "methodology-and-validation")
    assert methods.index("Unseen test set") < methods.index("Seed articles")
    assert "lexicon_loo" in methods
