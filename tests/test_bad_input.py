"""Bad input stops the run with one InputError that names the file, the problem and the fix."""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from policybrief import clean, prepare
from policybrief import registry as registry_module
from policybrief.checkcache import CheckCache
from policybrief.clean import load_cues
from policybrief.config import load_config
from policybrief.duplicates import NEAR_THRESHOLD, Fingerprint, near_duplicate
from policybrief.errors import InputError
from policybrief.registry import MAX_ARTICLE_BYTES, Source, load_registry, published_text
from policybrief.startup import check_inputs

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


LONG = (
    "Japan and Russia have never signed a peace treaty after the Second World War, and the dispute "
    "over the four southern Kuril islands, which Japan calls its Northern Territories, has blocked one "
    "for seven decades. Talks resumed in 2016 with a plan for joint economic activities on the islands, "
    "but Moscow suspended them in 2022 after Tokyo joined the sanctions over the invasion of Ukraine. "
    "Fisheries agreements survived, and Japanese companies kept their stakes in the Sakhalin gas projects "
    "while the government followed its partners in freezing Russian assets and banning exports of "
    "advanced technology. Most analysts expect no progress on the territorial question before the war "
    "ends.\n\n"
    "The energy relationship is the exception. Japan imports about a tenth of its liquefied natural gas "
    "from Sakhalin, and the trading houses Mitsui and Mitsubishi hold stakes in the project that the "
    "government asked them to keep, arguing that Chinese buyers would take their place. Critics in the "
    "Diet answered that the revenue funds the war; the ministry of economy replied that the contracts "
    "run until the 2030s and that breaking them would raise prices for Japanese households.\n"
)


@pytest.mark.parametrize(
    "copy",
    [
        TEXT + "\n",
        "   " + TEXT,
        TEXT.replace(" ", "  ").replace("\n", "\n\n"),
        TEXT.replace(" ", "\t"),
        "\ufeff" + TEXT.replace("peace", "pe\u00adace"),
    ],
    ids=["trailing-newline", "leading-spaces", "double-spaces", "tabs", "bom-and-soft-hyphen"],
)
def test_a_copy_differing_only_in_whitespace_or_invisible_characters_is_a_duplicate(corpus, copy):
    (corpus.raw / "b.txt").write_text(copy, encoding="utf-8")
    expect_error(
        lambda: corpus([record(), record("b", "b.txt")]), "b.txt", "same text as the article 'a'", "remove"
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("seven decades", "eight decades"),
        lambda t: t + "\n\nShare this article",
        lambda t: t.replace("Most analysts", "Many analysts"),
    ],
    ids=["one-word-changed", "footer-added", "typo-fixed"],
)
def test_a_near_duplicate_names_both_articles(corpus, edit):
    (corpus.raw / "a.txt").write_text(LONG, encoding="utf-8")
    (corpus.raw / "b.txt").write_text(edit(LONG), encoding="utf-8")
    err = expect_error(
        lambda: corpus([record(), record("b", "b.txt")]),
        "b.txt",
        "near-duplicate of the article 'a' (a.txt)",
        "three-word sequences are the same",
    )
    assert "register the article once" in err.fix


def test_articles_sharing_a_paragraph_are_not_near_duplicates(corpus):
    """A quoted paragraph or a shared background section is not a copy of the article."""
    (corpus.raw / "a.txt").write_text(LONG, encoding="utf-8")
    other = LONG.split(". ")[0] + ". " + "Tokyo and Moscow keep talking about fish, gas and visits. " * 8
    (corpus.raw / "b.txt").write_text(other, encoding="utf-8")
    assert [s.id for s in corpus([record(), record("b", "b.txt")])] == ["a", "b"]


def test_short_texts_are_compared_exactly_only(corpus):
    """Below duplicates.NEAR_MIN_CHARS one changed word is a large share of the text."""
    (corpus.raw / "b.txt").write_text(TEXT.replace("never", "not yet"), encoding="utf-8")
    assert len(corpus([record(), record("b", "b.txt")])) == 2


def test_near_duplicate_search_finds_the_first_pair_in_registry_order():
    other = "Tokyo and Moscow keep talking about fish, gas and visits. " * 20
    texts = [LONG, other, LONG.upper() + " Fin.", LONG + " End."]
    prints = [Fingerprint.of(t) for t in texts]
    i, j, similarity = near_duplicate(prints, texts, new={0, 1, 2, 3})
    assert (i, j) == (0, 2) and similarity >= NEAR_THRESHOLD  # case does not matter
    assert near_duplicate(prints, texts, new={1}) is None  # only pairs with a new text are compared
    assert near_duplicate(prints[:2], texts[:2], new={0, 1}) is None


def test_fingerprints_are_plain_data_and_stable_across_processes():
    """Cached between Snakemake starts, so they must not depend on Python's salted hash()."""
    script = "from policybrief.duplicates import Fingerprint; import sys; print(Fingerprint.of(sys.argv[1]))"
    runs = {
        subprocess.run([sys.executable, "-c", script, LONG], capture_output=True, text=True).stdout
        for _ in "ab"
    }
    assert len(runs) == 1 and str(Fingerprint.of(LONG)) == runs.pop().strip()
    assert Fingerprint.from_json(json.loads(json.dumps(Fingerprint.of(LONG).as_json()))) == Fingerprint.of(
        LONG
    )


def test_the_start_up_cache_spares_known_articles_and_still_catches_a_new_copy(corpus, monkeypatch):
    (corpus.raw / "a.txt").write_text(LONG, encoding="utf-8")
    (corpus.raw / "b.txt").write_text(TEXT, encoding="utf-8")
    registry = corpus.raw / "sources.yaml"
    registry.write_text(yaml.safe_dump([record(), record("b", "b.txt")]), encoding="utf-8")
    cache_file = corpus.raw.parent / ".snakemake" / "checks.json"
    cache = CheckCache(cache_file)
    load_registry(registry, corpus.raw, cache=cache)
    cache.save()
    assert cache_file.is_file()

    def no_work(*args):
        raise AssertionError("a known article was fingerprinted or compared again")

    with monkeypatch.context() as patch:
        patch.setattr(Fingerprint, "of", no_work)
        patch.setattr(registry_module, "near_duplicate", no_work)
        assert len(load_registry(registry, corpus.raw, cache=CheckCache(cache_file))) == 2

    (corpus.raw / "c.txt").write_text(LONG.replace("seven decades", "eight decades"), encoding="utf-8")
    (corpus.raw / "d.txt").write_text(LONG, encoding="utf-8")  # the same bytes as a.txt
    for extra, fragment in (
        ("c", "near-duplicate of the article 'a'"),
        ("d", "same text as the article 'a'"),
    ):
        registry.write_text(
            yaml.safe_dump([record(), record("b", "b.txt"), record(extra, f"{extra}.txt")]), encoding="utf-8"
        )
        other = {"c": "d", "d": "c"}[extra]
        (corpus.raw / f"{other}.txt").rename(corpus.raw.parent / f"{other}.txt")
        expect_error(lambda: load_registry(registry, corpus.raw, cache=CheckCache(cache_file)), fragment)
        (corpus.raw.parent / f"{other}.txt").rename(corpus.raw / f"{other}.txt")


def test_a_corrupt_start_up_cache_is_ignored(corpus):
    cache_file = corpus.raw.parent / "checks.json"
    cache_file.write_text("{not json", encoding="utf-8")
    (corpus.raw / "b.txt").write_text(TEXT + "\n", encoding="utf-8")
    registry = corpus.raw / "sources.yaml"
    registry.write_text(yaml.safe_dump([record(), record("b", "b.txt")]), encoding="utf-8")
    expect_error(lambda: load_registry(registry, corpus.raw, cache=CheckCache(cache_file)), "same text")


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(corpus):
    (corpus.raw / "a.txt").write_text(TEXT * 40, encoding="utf-8")
    registry = corpus.raw / "sources.yaml"
    registry.write_text(yaml.safe_dump([record()]), encoding="utf-8")
    err = expect_error(
        lambda: load_registry(registry, corpus.raw, max_article_bytes=1000),
        "a.txt",
        "is 2,040 bytes, more than the 1,000 an article may have (ingest.max_article_bytes)",
    )
    assert "raise ingest.max_article_bytes in config.yaml" in err.fix
    assert len(load_registry(registry, corpus.raw, max_article_bytes=2040)) == 1


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
    del cfg["clean"], cfg["ingest"]
    loaded = load_config(write_config(tmp_path, yaml.safe_dump(cfg)))
    assert loaded["clean"]["min_body_words"] >= 1 and 0 < loaded["clean"]["min_topic_similarity"] < 1
    assert loaded["ingest"]["max_article_bytes"] == MAX_ARTICLE_BYTES


@pytest.mark.parametrize(
    "edit, fragment",
    [
        (lambda c: c["clean"].update(min_topic_similarity=2), "key clean.min_topic_similarity"),
        (lambda c: c["clean"].update(min_body_words="eight"), "key clean.min_body_words"),
        (lambda c: c["clean"].update(typo=1), "key clean"),
        (lambda c: c.pop("paths"), "paths"),
        (lambda c: c.update(ingest={"max_article_bytes": 0}), "key ingest.max_article_bytes"),
        (lambda c: c.update(ingest={"max_article_bytes": "2 MB"}), "key ingest.max_article_bytes"),
        (lambda c: c["report"].update(version="0.1.0\n"), "key report.version"),  # file names end in \n
        (lambda c: c["report"].update(slug="brief/../../x"), "key report.slug"),
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


MENU_PAGE = "About Us\nResearch\nEvents\nPodcasts\nEnter your email address\n"


def _add_article(work: Path, name: str, text: str, rid: str) -> None:
    """Add an article file and its registry record to a project copy (records kept alias-free)."""
    (work / "data" / "raw" / name).write_text(text, encoding="utf-8")
    registry = work / "data" / "raw" / "sources.yaml"
    records = yaml.safe_load(registry.read_text(encoding="utf-8"))
    records.append(
        {
            "id": rid,
            "file": name,
            "title": "Japan and Russia",
            "outlet": None,
            "authors": [],
            "published": "2024",
        }
    )
    registry.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")


def test_has_body_needs_prose_not_just_kept_lines():
    config = load_config(ROOT / "config.yaml")
    cues = load_cues(ROOT / "config" / "cleaning.yaml")

    def audit(text):
        paragraphs = [{"index": i, "start": 0, "end": 0, "text": t} for i, t in enumerate(text.splitlines())]
        return clean.clean_article(
            {"article_id": "x", "paragraphs": paragraphs}, "Japan", cues, config["clean"]
        )[1]

    menu = audit(MENU_PAGE)
    assert all(r["decision"] == "body" for r in menu["paragraphs"])  # nothing reads as an article...
    assert not clean.has_body(menu, config["clean"])  # ...so nothing is an article
    assert clean.has_body(audit(LONG), config["clean"])


@pytest.fixture
def project_dir(tmp_path, monkeypatch):
    work = copy_project(tmp_path / "work")
    monkeypatch.chdir(work)
    return work


def test_an_article_with_no_body_stops_the_start_up_checks(project_dir):
    _add_article(project_dir, "menu.txt", MENU_PAGE, "menu-page")
    config = yaml.safe_load((project_dir / "config.yaml").read_text(encoding="utf-8"))
    err = expect_error(
        lambda: check_inputs(config),
        "data/raw/menu.txt: has no article text: none of its 5 paragraph(s) reads as prose",
        "About Us / Research",
    )
    assert "save the article's own text into the file" in err.fix


def test_known_articles_are_not_cleaned_again_at_the_next_start(project_dir, monkeypatch):
    config = yaml.safe_load((project_dir / "config.yaml").read_text(encoding="utf-8"))
    check_inputs(copy.deepcopy(config))
    assert (project_dir / ".snakemake" / "policybrief" / "checks.json").is_file()

    def no_cleaning(*args, **kwargs):
        raise AssertionError("an article known to have a body was cleaned again")

    monkeypatch.setattr(clean, "clean_article", no_cleaning)
    assert set(check_inputs(copy.deepcopy(config))) == {"main", "unseen"}


def test_the_verdict_is_redone_when_the_cleaning_settings_change(project_dir):
    config = yaml.safe_load((project_dir / "config.yaml").read_text(encoding="utf-8"))
    check_inputs(copy.deepcopy(config))
    config["clean"]["min_body_words"] = 500  # no paragraph of any article is that long
    expect_error(lambda: check_inputs(config), "has no article text")


def test_a_prepare_job_refuses_an_article_with_no_body_too(tmp_path):
    """The start-up check makes this unreachable; the job still never writes an empty article."""
    config = load_config(ROOT / "config.yaml")
    (tmp_path / "menu.txt").write_text(MENU_PAGE, encoding="utf-8")
    source = Source(id="menu", file="menu.txt", title="Japan", outlet=None, authors=(), published="2024")
    cues = load_cues(ROOT / "config" / "cleaning.yaml")
    expect_error(
        lambda: prepare.prepare_article(source, tmp_path / "menu.txt", cues, config["clean"], None),
        "menu.txt",
        "has no article text",
    )
