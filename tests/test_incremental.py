"""Incremental builds: adding or editing an article reruns only that article's shard and the
cheap corpus-wide rules, and the result equals a clean build of the same inputs, byte for byte."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, run_snakemake

from policybrief.corpus import shard_of

pytestmark = pytest.mark.e2e
EPOCH = "1700000000"
JOB = re.compile(r"^(?:local)?rule (\w+):$", re.MULTILINE)
NEW_TEXT = (
    "Japan and Russia remain far apart on the islands.\n\n"
    "Japan should keep its sanctions on Russia in place, the author argues, while talks stay frozen. "
    "In March 2022 Moscow suspended the peace treaty talks, and trade fell by 40% in 2023.\n"
)


def jobs_run(proc) -> set[str]:
    return set(JOB.findall(proc.stdout + proc.stderr))


def outputs(workdir: Path) -> dict[str, str]:
    """SHA-256 of every built file a reader or reviewer uses (logs and Snakemake state aside)."""
    roots = ["data/interim", "data/processed", "report/build"]
    return {
        str(p.relative_to(workdir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for root in roots
        for p in sorted((workdir / root).rglob("*"))
        if p.is_file()
    }


def add_article(workdir: Path, article_id: str) -> None:
    raw = workdir / "data/raw"
    (raw / f"{article_id}.txt").write_text(NEW_TEXT, encoding="utf-8")
    registry = raw / "sources.yaml"
    records = yaml.safe_load(registry.read_text(encoding="utf-8"))
    records.append(
        {
            "id": article_id,
            "file": f"{article_id}.txt",
            "title": "Far apart",
            "outlet": "Test Outlet",
            "authors": ["A. Writer"],
            "published": "2024-05",
        }
    )
    registry.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_article(workdir: Path, file: str) -> None:
    """A one-word edit deep inside the text: paragraphs (and the article's annotations) stay put."""
    path = workdir / "data/raw" / file
    head, _, tail = path.read_text(encoding="utf-8").rpartition(" the ")
    path.write_text(f"{head} the very {tail}", encoding="utf-8")


@pytest.fixture
def env_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_added_and_edited_articles_and_an_edited_codebook_rerun_only_what_depends_on_them(
    tmp_path, env_epoch
):
    """One project goes through every incremental path, then a clean build of its final inputs
    must give the same files: incremental builds never leave a stale or different output."""
    work = copy_project(tmp_path / "incremental")
    shards = yaml.safe_load((work / "config.yaml").read_text())["sharding"]["shards"]
    seeds = {r["id"]: r["file"] for r in yaml.safe_load((work / "data/raw/sources.yaml").read_text())}
    seed_shards = {shard_of(a, shards) for a in seeds}
    new_id = next(f"added-{k}" for k in range(100) if shard_of(f"added-{k}", shards) not in seed_shards)
    edited = sorted(seeds)[0]
    run_snakemake(work, "--cores", "2")

    add_article(work, new_id)
    shard = f"{shard_of(new_id, shards):03d}"
    assert jobs_run(run_snakemake(work, "--cores", "2")) == {
        f"prepare_main_{shard}",
        f"evidence_main_{shard}",
        "extract",
        "analyze",
        "report",
        "all",
    }

    edit_article(work, seeds[edited])
    jobs = jobs_run(run_snakemake(work, "--cores", "2"))
    shard = f"{shard_of(edited, shards):03d}"
    assert {f"prepare_main_{shard}", f"evidence_main_{shard}", "evaluate"} <= jobs
    assert not any(j.startswith(("prepare_unseen", "evidence_unseen")) for j in jobs)

    codebook = work / "config/codebook.yaml"
    codebook.write_text(
        codebook.read_text().replace("- {phrase: futile, value: -2}", "- {phrase: futile, value: -1}")
    )
    jobs = jobs_run(run_snakemake(work, "--cores", "2"))
    assert not any(j.startswith("prepare_") for j in jobs)  # no re-extraction
    assert any(j.startswith("evidence_") for j in jobs) and {"analyze", "evaluate", "report"} <= jobs
    proc = run_snakemake(work, "-n")
    assert "Nothing to be done" in proc.stdout + proc.stderr

    clean = tmp_path / "clean"
    ignore = shutil.ignore_patterns(".snakemake", "interim", "processed", "build", "versions", "logs")
    shutil.copytree(work, clean, ignore=ignore)
    run_snakemake(clean, "--cores", "2")
    assert outputs(work) == outputs(clean)
