"""Bad input stops the run with one InputError that names the file, the problem and the fix."""

from __future__ import annotations

import copy
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from policybrief.clean import load_cues
from policybrief.config import load_config
from policybrief.errors import InputError
from policybrief.registry import load_registry, published_text

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Japan and Russia have never signed a peace treaty.\n"


def record(rid="a", file="a.txt", **extra):
    return {
        "id": rid,
        "file": file,
        "title": "A title",
        "outlet": None,
        "authors": [],
        "published": "2024",
        **extra,
    }


def yaml_record(rid="a", file="a.txt", published="'2024'"):
    """One registry record as YAML text, values written as given (block scalars, unquoted dates)."""
    return (
        f"- id: {rid}\n  file: {file}\n  title: A title\n  outlet: null\n  authors: []\n"
        f"  published: {published}\n"
    )


@pytest.fixture
def corpus(tmp_path):
    """A raw folder with one valid article; returns a function that writes the registry and loads it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT, encoding="utf-8")

    def load(records):
        registry = raw / "sources.yaml"
        registry.write_text(
            records if isinstance(records, str) else yaml.safe_dump(records), encoding="utf-8"
        )
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
    (corpus.raw / "a.txt").write_bytes(b"Caf" + b"\xe9 au lait\n")
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


@pytest.mark.parametrize("rid", ["../a", "a/b", "A", "a b", "a--b", "", "a\n", "a\nb", 7])
def test_unsafe_ids(corpus, rid):
    expect_error(lambda: corpus([record(rid)]), "record #1", "not a safe slug")


def test_an_id_block_with_a_trailing_newline_is_refused(corpus):
    """`id: |` keeps the line break: `$` would match before it, fullmatch does not."""
    registry = yaml_record(rid="|\n    a")
    expect_error(lambda: corpus(registry), "record #1", "id 'a\\n' is not a safe slug")


@pytest.mark.parametrize(
    "file", ["../a.txt", "sub/a.txt", ".a.txt", "a.pdf", "a.txt\n", "a\n.txt", "a{b}.txt", "a\\b.txt", 3]
)
def test_unsafe_file_names(corpus, file):
    expect_error(lambda: corpus([record(file=file)]), "record #1", "not a plain .txt file name")


def test_a_file_block_with_a_trailing_newline_is_refused(corpus):
    registry = yaml_record(file="|\n    a.txt")
    expect_error(lambda: corpus(registry), "record #1", "file 'a.txt\\n' is not a plain .txt file name")


def test_a_yaml_alias_bomb_in_the_registry_fails_fast(corpus):
    """Nine levels of nine aliases: ~4 kB of YAML that a loader would expand to 9**9 strings."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 5000
    started = time.perf_counter()
    expect_error(lambda: corpus(bomb), "sources.yaml", "uses YAML aliases", "write the repeated values out")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("published", ["2023-02-30", "2023-13", "2024-02-30 ", "2024\n", "24", 2024.5, True])
def test_published_must_be_a_real_calendar_date(corpus, published):
    expect_error(
        lambda: corpus([record(published=published)]), "record #1", "published", "not a real ISO date"
    )


def test_an_unquoted_impossible_date_names_the_record_and_field(corpus):
    """PyYAML would turn an unquoted 2024-02-30 into a datetime.date and fail with a bare ValueError."""
    registry = yaml_record(published="2024-02-30")
    expect_error(lambda: corpus(registry), "record #1", "published '2024-02-30' is not a real ISO date")


@pytest.mark.parametrize("published", ["2024-02-29", "2024-02", "2024"])
def test_unquoted_real_dates_are_read_as_iso_text(corpus, published):
    registry = yaml_record(published=published)
    [source] = corpus(registry)
    assert source.published == published and source.precision


def test_a_date_object_is_accepted_as_iso_text():
    assert published_text(datetime.date(2024, 2, 29)) == "2024-02-29"
    assert published_text(datetime.datetime(2024, 2, 29, 10, 0)) is None


@pytest.mark.parametrize(
    "text, problem",
    [
        ("- id: a\n  file: [unclosed\n", "not valid YAML"),
        ("id: a\n", "non-empty YAML list"),
        ("", "non-empty YAML list"),
        ("- just a string\n", "not a mapping"),
    ],
)
def test_malformed_registry(corpus, text, problem):
    expect_error(lambda: corpus(text), "sources.yaml", problem)


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"title": " "}, "title is empty"),
        ({"title": "\u200b\u00ad\u202e"}, "title is empty"),
        ({"title": 12345}, "title must be text"),
        ({"title": None}, "title must be text"),
        ({"outlet": ["A", "B"]}, "outlet must be text or null"),
        ({"authors": "Jane Doe"}, "authors must be a list"),
        ({"authors": [["Jane Doe"]]}, "authors must be a list"),
        ({"published": "March 2024"}, "not a real ISO date"),
        ({"colour": "red"}, "unknown field"),
        ({"inferred": ["published"]}, "gives no notes"),
        ({"inferred": [["published"]], "notes": "n"}, "inferred [['published']] is not a list"),
        ({"inferred": "published", "notes": "n"}, "inferred 'published' is not a list"),
        ({"notes": ["a", "b"]}, "notes must be text"),
        ({"notes": {"why": "x"}}, "notes must be text"),
        ({"url": 42}, "url must be text"),
    ],
)
def test_malformed_registry_records(corpus, change, problem):
    """Every wrongly typed field is an InputError naming the record and the field, never a TypeError."""
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


@pytest.mark.parametrize(
    "edit, fragment",
    [
        (lambda c: c["clean"].update(min_topic_similarity=2), "key clean.min_topic_similarity"),
        (lambda c: c["clean"].update(min_body_words="eight"), "key clean.min_body_words"),
        (lambda c: c["clean"].update(typo=1), "key clean"),
        (lambda c: c.pop("paths"), "paths"),
    ],
)
def test_malformed_config_names_the_key(tmp_path, edit, fragment):
    cfg = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    edit(cfg)
    expect_error(lambda: load_config(write_config(tmp_path, yaml.safe_dump(cfg))), "config.yaml", fragment)


def test_config_with_broken_yaml(tmp_path):
    expect_error(
        lambda: load_config(write_config(tmp_path, "clean: [unclosed\n")), "config.yaml", "not valid YAML"
    )


def test_missing_config(tmp_path):
    expect_error(lambda: load_config(tmp_path / "config.yaml"), "does not exist")


@pytest.mark.parametrize(
    "edit, fragment",
    [
        (lambda c: c.update(caption=["(unclosed"]), "not a valid regular expression"),
        (lambda c: c.update(navigation="Follow us"), "key navigation: 'Follow us' is not of type 'array'"),
        (lambda c: c.pop("stopwords"), "'stopwords' is a required property"),
    ],
)
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


def _escape_id(work, records):
    records[1]["id"] = "../escape"
    return "sources.yaml: record #2: id '../escape' is not a safe slug"


def _symlink_out(work, records):
    (work / "data" / "raw" / "pw.txt").symlink_to("/etc/passwd")
    # a deep copy: shared lists would be dumped as YAML aliases, which the registry refuses
    records.append({**copy.deepcopy(records[0]), "id": "pw", "file": "pw.txt"})
    return "pw.txt: is a symbolic link (to /etc/passwd)"


@pytest.mark.parametrize("spoil", [_escape_id, _symlink_out])
def test_snakemake_stops_before_any_job_on_a_bad_registry(tmp_path, spoil):
    """The whole workflow refuses to start: one message, nothing written."""
    work = copy_project(tmp_path / "work")
    registry = work / "data" / "raw" / "sources.yaml"
    records = yaml.safe_load(registry.read_text(encoding="utf-8"))
    message = spoil(work, records)
    registry.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    before = sorted(p.relative_to(work) for p in work.rglob("*") if ".snakemake" not in p.parts)

    snakemake = Path(sys.executable).with_name("snakemake")
    result = subprocess.run(
        [str(snakemake), "-n", "--cores", "1"], cwd=work, capture_output=True, text=True, timeout=300
    )

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    assert "How to fix:" in output
    assert "Traceback" not in output
    assert "root:" not in output  # nothing of the link's target is printed
    after = sorted(p.relative_to(work) for p in work.rglob("*") if ".snakemake" not in p.parts)
    assert after == before
    assert not (work / "data" / "interim").exists() and not (work / "data" / "processed").exists()


def test_a_symlink_to_a_file_outside_the_project_is_refused(corpus, tmp_path):
    secret = tmp_path / "private-notes.txt"
    secret.write_text("token=do-not-publish\n", encoding="utf-8")
    (corpus.raw / "b.txt").symlink_to(secret)
    err = expect_error(
        lambda: corpus([record(), record("b", "b.txt")]), "b.txt", "symbolic link", "regular file"
    )
    assert "do-not-publish" not in str(err)


def test_a_symlink_even_to_another_raw_file_is_refused(corpus):
    (corpus.raw / "b.txt").symlink_to(corpus.raw / "a.txt")
    expect_error(lambda: corpus([record(), record("b", "b.txt")]), "b.txt", "symbolic link")


def test_a_broken_symlink_is_refused(corpus, tmp_path):
    (corpus.raw / "b.txt").symlink_to(tmp_path / "gone.txt")
    expect_error(lambda: corpus([record(), record("b", "b.txt")]), "b.txt", "symbolic link")


def test_an_unregistered_symlink_is_refused_too(corpus):
    (corpus.raw / "b.txt").symlink_to("/etc/passwd")
    expect_error(lambda: corpus([record()]), "b.txt", "symbolic link")


def test_a_directory_named_like_an_article_is_refused(corpus):
    (corpus.raw / "x.txt").mkdir()
    expect_error(lambda: corpus([record(), record("x", "x.txt")]), "x.txt", "is a directory")


def test_a_fifo_named_like_an_article_is_refused_without_blocking(corpus):
    os.mkfifo(corpus.raw / "y.txt")
    expect_error(lambda: corpus([record(), record("y", "y.txt")]), "y.txt", "FIFO")


def test_a_registry_that_is_a_symlink_is_refused(corpus, tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(yaml.safe_dump([record()]), encoding="utf-8")
    (corpus.raw / "sources.yaml").symlink_to(elsewhere)
    expect_error(
        lambda: load_registry(corpus.raw / "sources.yaml", corpus.raw), "sources.yaml", "symbolic link"
    )


def test_an_article_swapped_for_a_symlink_after_the_checks_is_not_followed(tmp_path):
    from policybrief.textio import read_article

    (tmp_path / "a.txt").symlink_to("/etc/passwd")
    expect_error(lambda: read_article(tmp_path / "a.txt"), "a.txt", "regular file")
