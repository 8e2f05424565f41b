"""Provenance of a report build: what went in (hashes, code version, packages) and what came out.

Everything here must be reproducible from the inputs and the code alone: paths are kept
as given (relative to the project), the build date comes from SOURCE_DATE_EPOCH or the
git commit date, never from the clock.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

KEY_PACKAGES = (
    "policybrief",
    "pandas",
    "pyarrow",
    "pandera",
    "numpy",
    "spacy",
    "rapidfuzz",
    "krippendorff",
    "matplotlib",
    "snakemake",
    "jupytext",
    "nbclient",
    "nbconvert",
    "ipykernel",
    "weasyprint",
)
REBUILD = "snakemake --cores 2 report"
# The name of the manifest attached inside the PDF (see `attached`).
ATTACHED_NAME = "manifest.json"


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_hashes(paths) -> dict[str, str]:
    """SHA-256 of every file named, directories expanded (sorted, so the listing is stable; hidden
    files such as Snakemake's .snakemake_timestamp are bookkeeping, not content)."""
    files: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            files.update(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            files.add(p)
    return {f.as_posix(): sha256(f) for f in sorted(files)}


def _git(*args, cwd=".") -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def code_version(cwd=".") -> dict:
    """Commit and dirtiness of the working tree (untracked files do not count); 'unknown' outside git."""
    commit = _git("rev-parse", "HEAD", cwd=cwd)
    if not commit:
        return {"commit": "unknown", "dirty": "unknown", "commit_epoch": None}
    status = _git("status", "--porcelain", "--untracked-files=no", cwd=cwd)
    epoch = _git("log", "-1", "--format=%ct", cwd=cwd)
    return {
        "commit": commit,
        "dirty": bool(status) if status is not None else "unknown",
        "commit_epoch": int(epoch) if epoch else None,
    }


def build_epoch(code: dict) -> int | None:
    """SOURCE_DATE_EPOCH when set, else the commit date; None when neither is known."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    return code.get("commit_epoch")


def iso_date(epoch: int | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d") if epoch is not None else "unknown"


def package_versions() -> dict[str, str]:
    versions = {}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance(report: dict, inputs, cwd=".") -> dict:
    """Everything the provenance appendix shows; also the body of manifest.json."""
    code = code_version(cwd)
    epoch = build_epoch(code)
    return {
        "report": {"title": report["title"], "slug": report["slug"], "version": report["version"]},
        "build_date": iso_date(epoch),
        "source_date_epoch": epoch,
        "code": {"commit": code["commit"], "dirty": code["dirty"]},
        "inputs": file_hashes(inputs),
        "packages": package_versions(),
        "rebuild": (f"SOURCE_DATE_EPOCH={epoch} " if epoch is not None else "") + REBUILD,
    }


def to_bytes(record: dict) -> bytes:
    """A manifest as it is written to disk (atomic.write_json: sorted keys, UTF-8); digests are of these."""
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def attached(prov: dict) -> tuple[bytes, str]:
    """The manifest attached inside the PDF, and its SHA-256 (printed in the brief).

    It is the provenance record alone: a manifest inside the PDF cannot hold the PDF's own hash
    (nor the HTML's, which prints this digest), so output hashes go only into the external
    report/build/manifest.json, which is this record plus `outputs` and `attached_manifest_sha256`.
    """
    data = to_bytes(prov)
    return data, hashlib.sha256(data).hexdigest()


def with_outputs(prov: dict, outputs, attached_sha256: str | None = None) -> dict:
    record = {**prov, "outputs": file_hashes(outputs)}
    if attached_sha256 is not None:
        record["attached_manifest_sha256"] = attached_sha256
    return record
