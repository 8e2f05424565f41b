"""Shared fixtures: a private copy of the project to run Snakemake in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# What a working copy needs; code comes from the installed `policybrief` package.
PROJECT_ITEMS = (
    "Snakefile",
    "config.yaml",
    "config",
    "data/raw",
    "data/annotations",
    "scripts",
    "report/brief.py",
    "profiles",
)


def copy_project(dest: Path) -> Path:
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if not src.exists():
            continue
        target = dest / item
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target)
    return dest


def run_snakemake(
    workdir: Path, *args: str, check: bool = True, timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run snakemake in `workdir` with the test interpreter's environment on PATH."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "snakemake"), *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    return proc


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """The whole DAG built once on the seed articles, shared by the end-to-end tests."""
    workdir = copy_project(tmp_path_factory.mktemp("e2e") / "project")
    run_snakemake(workdir, "--cores", "2")
    return workdir


@pytest.fixture(scope="session")
def twin_builds(tmp_path_factory):
    """The same hostile project (test_report.make_project) built twice, in two folders, with a previous
    version to diff against; shared by the report tests and the browser test."""
    from test_report import EPOCH, build, make_project, previous_snapshot

    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    built = []
    try:
        for name in ("first", "second"):
            root = tmp_path_factory.mktemp(name)
            project = make_project(root, hostile=True)
            previous_snapshot(root)
            mp.chdir(root)
            built.append(build(root, project))
    finally:
        mp.undo()
    return built


# ---------------------------------------------------------------- reading a built brief
def section(html: str, anchor: str) -> str:
    """The visible text of one section, up to the next section heading."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<h2 class="section"', start + 1)
    return unescape(re.sub(r"<[^>]+>", " ", html[start : end if end > 0 else None]))


def prose(html: str, anchor: str) -> str:
    """A section's visible text without the quotations from the articles (the article's words, not
    the brief's)."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<h2 class="section"', start + 1)
    part = re.sub(r"<q\b.*?</q>", " ", html[start : end if end > 0 else None], flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", part))


def ids_in(text: str, project_root: Path, article_ids) -> list[str]:
    """Codebook dimension ids, metric ids (those that are identifiers, with an underscore: plain-word
    ids such as "aid" are also English) and article ids that occur in `text`."""
    codebook = yaml.safe_load((project_root / "config/codebook.yaml").read_text())["dimensions"]
    metrics = yaml.safe_load((project_root / "config/metrics.yaml").read_text())
    names = [n for n in [*codebook, *metrics] if "_" in n] + list(article_ids)
    return [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]


# A codebook small enough to reason about in a test: sanctions (bipolar) and China (salience).
SMALL_CODEBOOK = textwrap.dedent("""
    settings:
      negation_window: 4
      negation_factor: 0.5
      intensity_factor: 1.5
      min_scope_sentences: 1
      weights: {normative: 2.0, descriptive: 1.0, hedged: 0.5, reported: 0.25, quoted: 0.0, conceded: 0.5,
                contrasted: 1.5}
      null_threshold_grid: [1.0]
      default_null_threshold: 1.0
      normative: [should, must]
      hedge: [may, might]
      first_person: [we]
      negation: [not, never]
      negation_exceptions: ["not only"]
      intensifier: [firmly]
      clause_break: [but, ";"]
      contrast: [but]
      anaphora: [these]
    dimensions:
      sanctions:
        question: Sanctions?
        kind: bipolar
        scale: [-2, 2]
        topic: [sanction*]
        cues:
          - {phrase: tighten*, value: 2}
          - {phrase: "lift ? sanctions", value: -2}
          - {phrase: maintain*, value: 1}
          - {phrase: "gaps ? ? closed", value: 2}
      china_factor:
        question: China?
        kind: salience
        scale: [0, 2]
        cues: [{phrase: china}, {phrase: beijing}]
        salience: [1, 3]
""")
