"""Write-then-rename helpers: a killed job never leaves a truncated output in place."""

from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def _temporary_prefix(target: Path) -> str:
    """Hidden (leading dot) and ending in .tmp: globs for outputs and the manifest skip it."""
    return f".{target.name}."


def _remove_stale_temporaries(target: Path, started: float) -> None:
    """Delete temporaries of `target` left by writers killed before this write began.

    Only files last modified before `started` go, so a writer still busy is left alone.
    """
    for stale in target.parent.glob(f"{glob.escape(_temporary_prefix(target))}*.tmp"):
        try:
            if stale.stat().st_mtime < started:
                stale.unlink()
        except FileNotFoundError:  # removed meanwhile by another writer
            pass


@contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path next to `path`; rename it over `path` only on success.

    A successful write also removes the temporaries of earlier, killed writes of `path`.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent)
    started = os.fstat(fd).st_mtime
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_stale_temporaries(target, started)


@contextmanager
def atomic_directory(path: str | os.PathLike):
    """Yield an empty hidden folder next to `path`; on success it replaces `path` by renames.

    A folder cannot be renamed over a non-empty one, so an existing `path` is first moved
    aside: a kill between the two renames leaves `path` missing, never half-filled.
    Hidden folders of earlier killed writes of `path` are removed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{glob.escape(_temporary_prefix(target))}*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent))
    try:
        yield fresh
        fresh.chmod(0o777 & ~_UMASK)  # mkdtemp creates 0700
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent))
            os.replace(target, old / target.name)
            os.replace(fresh, target)
            shutil.rmtree(old)
        else:
            os.replace(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def write_text(path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def write_json(path, data) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))
