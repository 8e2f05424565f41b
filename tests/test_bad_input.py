"""Bad input stops the run with one InputError that names the file, the problem and the fix."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from policybrief.clean import load_cues
from policybrief.config import load_config
from policybrief.errors import InputError
from policybrief.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Japan and Russia have never signed a peace treaty.\n"


def record(rid="a", file="a.txt", **extra):
    return {"id": rid, "file": file, "title": "A title", "outlet": None, "authors": [],
            "published": "2024", **extra}


@pytest.fixture
def corpus(tmp_path):
    """A raw folder with one valid article; returns a function that writes the registry and loads it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT, encoding="utf-8")

    def load(records):
        registry = raw / "sources.yaml"
        registry.write_text(records if isinstance(records, str) else yaml.safe_dump(records), encoding="utf-8")
        return load_registry(registry, raw)

    load.raw = raw
    return load


def expect_error(fn, *fragments):
    with pytest.raises(InputError) as info:
        fn()
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "How to fix:" in message
    return info.value


def test_a_valid_registry_loads(corpus):
    [source] = corpus([record()])
    assert source.id == "a" and len(source.sha256) == 64


def test_empty_article_file(corpus):
    (corpus.raw / "a.txt").write_text("  \n\n", encoding="utf-8")
    expect_error(lambda: corpus([record()]), "a.txt", "empty")


def test_binary_article_file(corpus):
    (corpus.raw / "a.txt").write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    expect_error(lambda: corpus([record()]), "a.txt", "binary", "byte offset 8", "plain UTF-8")


def test_not_utf8_names_the_byte_offset_and_the_fix(corpus):
    (corpus.raw / "a.txt").write_bytes("Caf".encode() + b"\xe9 au lait\n")
    err = expect_error(lambda: corpus([record()]), "a.txt", "not valid UTF-8", "0xe9", "byte offset 3")
    assert "iconv" in err.fix


def test_article_file_without_registry_record(corpus):
    (corpus.raw / "b.txt").write_text("Another article about sanctions.\n", encoding="utf-8")
    expect_error(lambda: corpus([record()]), "b.txt", "has no record")


def test_registry_record_without_file(corpus):
    expect_error(lambda: corpus([record(), record("b", "b.txt")]), "record #2", "does not exist")


def test_duplicate_ids(corpus):
    (corpus.raw / "b.txt").write_text("Another article.\n", encoding="utf-8")
    expect_error(lambda: corpus([record(), record("a", "b.txt")]), "record #2", "'a' is already used")


def test_two_records_pointing_at_the_same_file(corpus):
    expect_error(lambda: corpus([record(), record("b", "a.txt")]), "record #2", "already registered")


def test_two_records_with_identical_text_even_with_other_line_ends(corpus):
    (corpus.raw / "b.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    expect_error(lambda: corpus([record(), record("b", "b.txt")]), "b.txt", "same text as the article 'a'")


@pytest.mark.parametrize("rid", ["../a", "a/b", "A", "a b", "a--b", ""])
def test_unsafe_ids(corpus, rid):
    expect_error(lambda: corpus([record(rid)]), "record #1", "not a safe slug")


@pytest.mark.parametrize("file", ["../a.txt", "sub/a.txt", ".a.txt", "a.pdf"])
def test_unsafe_file_names(corpus, file):
    expect_error(lambda: corpus([record(file=file)]), "record #1", "not a plain .txt file name")


@pytest.mark.parametrize("text, problem", [
    ("- id: a\n  file: [unclosed\n", "not valid YAML"),
    ("id: a\n", "non-empty YAML list"),
    ("", "non-empty YAML list"),
    ("- just a string\n", "not a mapping"),
])
def test_malformed_registry(corpus, text, problem):
    expect_error(lambda: corpus(text), "sources.yaml", problem)


@pytest.mark.parametrize("change, problem", [
    ({"title": " "}, "title is empty"),
    ({"authors": "Jane Doe"}, "authors must be a list"),
    ({"published": "March 2024"}, "not an ISO date"),
    ({"colour": "red"}, "unknown field"),
    ({"inferred": ["published"]}, "gives no notes"),
])
def test_malformed_registry_records(corpus, change, problem):
    expect_error(lambda: corpus([record(**change)]), "record #1", problem)


def test_missing_registry_field(corpus):
    rec = record()
    del rec["published"]
    expect_error(lambda: corpus([rec]), "record #1", "misses field(s) published")


def test_missing_registry(tmp_path):
    expect_error(lambda: load_registry(tmp_path / "sources.yaml", tmp_path), "does not exist")


def write_config(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_config_gets_cleaning_defaults(tmp_path):
    cfg = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    del cfg["clean"]
    loaded = load_config(write_config(tmp_path, yaml.safe_dump(cfg)))
    assert loaded["clean"]["min_body_words"] >= 1 and 0 < loaded["clean"]["min_topic_similarity"] < 1


@pytest.mark.parametrize("edit, fragment", [
    (lambda c: c["clean"].update(min_topic_similarity=2), "key clean.min_topic_similarity"),
    (lambda c: c["clean"].update(min_body_words="eight"), "key clean.min_body_words"),
    (lambda c: c["clean"].update(typo=1), "key clean"),
    (lambda c: c.pop("paths"), "paths"),
])
def test_malformed_config_names_the_key(tmp_path, edit, fragment):
    cfg = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    edit(cfg)
    expect_error(lambda: load_config(write_config(tmp_path, yaml.safe_dump(cfg))), "config.yaml", fragment)


def test_config_with_broken_yaml(tmp_path):
    expect_error(lambda: load_config(write_config(tmp_path, "clean: [unclosed\n")), "config.yaml", "not valid YAML")


def test_missing_config(tmp_path):
    expect_error(lambda: load_config(tmp_path / "config.yaml"), "does not exist")


@pytest.mark.parametrize("edit, fragment", [
    (lambda c: c.update(caption=["(unclosed"]), "not a valid regular expression"),
    (lambda c: c.update(navigation="Follow us"), "`navigation` must be a list"),
    (lambda c: c.pop("stopwords"), "`stopwords` must be a non-empty list"),
])
def test_malformed_cue_file(tmp_path, edit, fragment):
    cues = yaml.safe_load((ROOT / "config" / "cleaning.yaml").read_text(encoding="utf-8"))
    edit(cues)
    path = tmp_path / "cleaning.yaml"
    path.write_text(yaml.safe_dump(cues), encoding="utf-8")
    expect_error(lambda: load_cues(path), "cleaning.yaml", fragment)


def test_cue_file_with_broken_yaml(tmp_path):
    path = tmp_path / "cleaning.yaml"
    path.write_text("navigation: ['unclosed\n", encoding="utf-8")
    expect_error(lambda: load_cues(path), "cleaning.yaml", "not valid YAML")


def test_the_shipped_cue_file_is_valid():
    assert load_cues(ROOT / "config" / "cleaning.yaml")["navigation"]


def test_snakemake_stops_before_any_job_on_a_bad_registry(tmp_path):
    """The whole workflow refuses to start: one message, nothing written."""
    work = tmp_path / "work"
    for part in ("Snakefile", "config.yaml", "config", "data/raw", "src/policybrief/config.schema.yaml"):
        target = work / part
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, target)
    registry = work / "data" / "raw" / "sources.yaml"
    records = yaml.safe_load(registry.read_text(encoding="utf-8"))
    records[1]["id"] = "../escape"
    registry.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    before = sorted(p.relative_to(work) for p in work.rglob("*") if ".snakemake" not in p.parts)

    snakemake = Path(sys.executable).with_name("snakemake")
    result = subprocess.run([str(snakemake), "-n", "--cores", "1"], cwd=work, capture_output=True, text=True,
                            timeout=300)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "sources.yaml: record #2: id '../escape' is not a safe slug" in output
    assert "How to fix:" in output
    assert "Traceback" not in output
    after = sorted(p.relative_to(work) for p in work.rglob("*") if ".snakemake" not in p.parts)
    assert after == before
    assert not (work / "data" / "interim").exists() and not (work / "data" / "processed").exists()
