"""Hostile and malformed input against a built project: Snakemake stops at start-up with one message
naming the file and the fix, exits non-zero, and every earlier output stays byte-identical (a job
that ran would have deleted its outputs first). Deleted outputs are rebuilt by plain `snakemake`.

One build of the seed project plus an article full of invisible characters and bidi controls;
every case runs in its own copy of that build (mtimes and Snakemake's metadata copied too).
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import copy_project, run_snakemake
from test_hostile_text import ARTICLE, TITLE

from policybrief.textio import BIDI_CONTROLS

pytestmark = pytest.mark.e2e

HOSTILE_ID = "hostile-2024-islands"
MENU_PAGE = "About Us\nResearch\nEvents\nPodcasts\nEnter your email address\n"


def registry_path(work: Path) -> Path:
    return work / "data" / "raw" / "sources.yaml"


def read_records(work: Path) -> list[dict]:
    return yaml.safe_load(registry_path(work).read_text(encoding="utf-8"))


def write_records(work: Path, records: list[dict]) -> None:
    registry_path(work).write_text(
        yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def add_article(work: Path, rid: str, text: str, **fields) -> dict:
    """Write data/raw/<rid>.txt and append its record; returns the record."""
    (work / "data" / "raw" / f"{rid}.txt").write_text(text, encoding="utf-8")
    record = {
        "id": rid,
        "file": f"{rid}.txt",
        "title": TITLE,
        "outlet": None,
        "authors": [],
        "published": "2024",
    }
    record.update(fields)
    write_records(work, [*read_records(work), record])
    return record


def append_yaml(work: Path, text: str) -> None:
    """Append records written as raw YAML (block scalars, unquoted dates) to the registry."""
    with registry_path(work).open("a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = copy_project(tmp_path_factory.mktemp("bad-input") / "project")
    add_article(work, HOSTILE_ID, ARTICLE)
    run_snakemake(work, "--cores", "2")
    return work


@pytest.fixture
def work(built, tmp_path) -> Path:
    """A private copy of the built project."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def snapshot(work: Path) -> dict[str, str]:
    """SHA-256 of every earlier output: data/processed/**, data/interim/**, report/build/*."""
    files = [
        *(work / "data" / "processed").rglob("*"),
        *(work / "data" / "interim").rglob("*"),
        *(work / "report" / "build").glob("*"),
    ]
    return {
        p.relative_to(work).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file()
    }


def expect_stop(work: Path, *fragments: str) -> str:
    """Run plain `snakemake`; it must fail at start-up with the message and touch no output."""
    before = snapshot(work)
    assert len(before) > 50
    result = run_snakemake(work, "--cores", "1", check=False, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    for fragment in fragments:
        assert fragment in output, output[-3000:]
    assert "How to fix:" in output
    assert "Traceback" not in output
    assert "Select jobs to execute" not in output  # no job started
    assert snapshot(work) == before
    return output


def _alias_bomb(work):
    lines = ['a0: &a0 "lol"'] + [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, 10)]
    registry_path(work).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["data/raw/sources.yaml: uses YAML aliases"]


def _id_block_with_newline(work):
    (work / "data" / "raw" / "extra.txt").write_text(ARTICLE.replace("Japan", "Tokyo"), encoding="utf-8")
    append_yaml(
        work,
        "- id: |\n    extra\n  file: extra.txt\n  title: T\n  outlet: null\n  authors: []\n"
        "  published: '2024'\n",
    )
    return ["sources.yaml: record #", "id 'extra\\n' is not a safe slug"]


def _impossible_unquoted_date(work):
    (work / "data" / "raw" / "extra.txt").write_text(ARTICLE.replace("Japan", "Tokyo"), encoding="utf-8")
    append_yaml(
        work,
        "- id: extra\n  file: extra.txt\n  title: T\n  outlet: null\n  authors: []\n"
        "  published: 2024-02-30\n",
    )
    return ["published '2024-02-30' is not a real ISO date"]


def _edit_first_record(**change):
    def spoil(work):
        records = read_records(work)
        records[0].update(copy.deepcopy(change))
        write_records(work, records)
        return ["sources.yaml: record #1:", next(iter(change))]

    return spoil


def _whitespace_copy(work):
    first = read_records(work)[0]
    text = (work / "data" / "raw" / first["file"]).read_text(encoding="utf-8")
    add_article(work, "copy-of-first", "  " + text.replace("\n", "\n\n") + "\n")
    return ["copy-of-first.txt: has the same text as the article", first["id"]]


def _near_duplicate(work):
    first = read_records(work)[0]
    text = (work / "data" / "raw" / first["file"]).read_text(encoding="utf-8")
    words = text.split(" ")
    words[len(words) // 2] = "EDITED"
    add_article(work, "near-copy", " ".join(words) + "\nShare this article\n")
    return ["near-copy.txt: is a near-duplicate of the article", first["id"], "three-word sequences"]


def _oversized(work):
    add_article(work, "huge-page", ARTICLE * 8000)  # ~3 MB, above the default 2,000,000 bytes
    return ["huge-page.txt: is ", "ingest.max_article_bytes"]


def _no_body(work):
    add_article(work, "menu-page", MENU_PAGE)
    return ["menu-page.txt: has no article text", "About Us / Research"]


@pytest.mark.parametrize(
    "spoil",
    [
        _alias_bomb,
        _id_block_with_newline,
        _impossible_unquoted_date,
        _edit_first_record(title=12345),
        _edit_first_record(inferred=[["published"]]),
        _edit_first_record(notes=["a", "b"]),
        _whitespace_copy,
        _near_duplicate,
        _oversized,
        _no_body,
    ],
    ids=[
        "alias-bomb",
        "id-with-newline",
        "impossible-date",
        "title-not-text",
        "inferred-nested-list",
        "notes-list",
        "whitespace-copy",
        "near-duplicate",
        "oversized",
        "no-body",
    ],
)
def test_bad_input_stops_snakemake_and_keeps_every_output(work, spoil):
    expect_stop(work, *spoil(work))


def test_invisible_characters_and_bidi_controls_in_the_build(built):
    """The hostile article's names are found, and no bidi control reaches any output."""
    quotes = pd.read_parquet(built / "data" / "processed" / "quotes.parquet")
    mine = quotes[quotes["article_id"] == HOSTILE_ID]
    assert list(mine["speaker"]) == ["Fumio Kishida"]
    assert mine["text"].iloc[0].startswith("We will never give up our claim")
    mentions = pd.read_parquet(built / "data" / "processed" / "mentions.parquet")
    assert (mentions[mentions["article_id"] == HOSTILE_ID]["entity"] == "Fumio Kishida").sum() >= 3
    html = (built / "report" / "build" / "japan-russia-brief-latest.html").read_text(encoding="utf-8")
    assert "Kishida" in html and not set(html) & set(BIDI_CONTROLS)
    for path in [*(built / "data").rglob("*.json"), *(built / "data").rglob("*.txt")]:
        if "raw" not in path.parts:
            assert not set(path.read_text(encoding="utf-8")) & set(BIDI_CONTROLS), path


@pytest.mark.parametrize(
    "victim, job",
    [
        (f"data/interim/clean/{HOSTILE_ID}.txt", "prepare_main_"),
        (f"data/interim/facts/{HOSTILE_ID}.json", "prepare_main_"),
        ("data/processed/quotes.parquet", "extract"),
        ("data/processed/figures", "analyze"),
        ("data/processed/position_agreement.parquet", "evaluate"),
        ("report/build/japan-russia-brief-latest.pdf", "report"),
        ("report/build/japan-russia-brief-v0.1.0.ipynb", "report"),
    ],
)
def test_a_deleted_output_is_rebuilt_by_plain_snakemake(work, victim, job):
    assert "Nothing to be done" in run_snakemake(work, "-n").stdout
    target = work / victim
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    plan = run_snakemake(work, "-n").stdout
    assert f"rule {job}" in plan, plan[-3000:]
    assert victim in plan
