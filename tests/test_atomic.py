"""Outputs are replaced atomically: a failing writer never leaves a partial file behind."""

import os

import pytest

from policybrief import atomic


def test_a_successful_write_replaces_the_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    atomic.write_text(target, "new")
    assert target.read_text() == "new"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failing_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_json_is_written_deterministically(tmp_path):
    atomic.write_json(tmp_path / "a.json", {"b": 1, "a": [2, 1]})
    atomic.write_json(tmp_path / "b.json", {"a": [2, 1], "b": 1})
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_temporaries_of_a_killed_write_are_removed_by_the_next_successful_write(tmp_path):
    target = tmp_path / "out.parquet"
    stale = tmp_path / ".out.parquet.k1ll3d.tmp"  # what a SIGKILLed writer leaves behind
    stale.write_text("half")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    other = tmp_path / ".other.parquet.k1ll3d.tmp"  # another output's temporary is not ours to remove
    other.write_text("half")
    os.utime(other, (1_000_000_000, 1_000_000_000))
    atomic.write_text(target, "complete")
    assert target.read_text() == "complete"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.parquet.k1ll3d.tmp", "out.parquet"]


def test_a_temporary_newer_than_the_write_belongs_to_a_live_writer_and_is_kept(tmp_path):
    target = tmp_path / "out.txt"
    with atomic.atomic_path(target) as tmp:
        live = tmp_path / ".out.txt.busy.tmp"  # another writer, started after this one
        live.write_text("in progress")
        os.utime(live, (4_000_000_000, 4_000_000_000))
        tmp.write_text("mine")
    assert live.exists() and target.read_text() == "mine"


def test_a_directory_is_replaced_whole_and_debris_of_a_killed_write_is_removed(tmp_path):
    target = tmp_path / "0.1.0"
    target.mkdir()
    (target / "old.parquet").write_text("old")
    debris = tmp_path / ".0.1.0.k1ll3d.tmp"  # a snapshot killed while copying
    debris.mkdir()
    (debris / "half.parquet").write_text("ha")
    with atomic.atomic_directory(target) as fresh:
        assert not (target / "new.parquet").exists()  # nothing appears in place while writing
        (fresh / "new.parquet").write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["0.1.0"]
    assert [p.name for p in target.iterdir()] == ["new.parquet"]


def test_a_failing_directory_write_keeps_the_previous_directory(tmp_path):
    target = tmp_path / "snap"
    target.mkdir()
    (target / "a.txt").write_text("old")
    with pytest.raises(RuntimeError), atomic.atomic_directory(target) as fresh:
        (fresh / "a.txt").write_text("ne")
        raise RuntimeError("killed mid-copy")
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]
    assert (target / "a.txt").read_text() == "old"
