"""Crash test: SIGKILL the build at several points, resume it, and compare with a clean build.

At every kill point (a file that appears when a stage starts) the whole process
tree of Snakemake is killed with SIGKILL, as a power cut would.  Then no output
may be half-written (every Parquet/JSON/SVG/HTML/PDF/notebook parses to its
end), and the next plain `snakemake` run — after `--unlock`, as Snakemake says,
with `--rerun-incomplete` from profiles/default — must finish with outputs
byte-identical to a build that was never interrupted.

    python bench/crash_test.py             # the 5 seed articles
    python bench/crash_test.py --n 100     # a synthetic corpus (bench/make_corpus.py)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from make_corpus import write_corpus
from run import copy_project

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
OUTPUT_DIRS = ("data/interim", "data/processed", "report/build", "report/versions")
# Snakemake's own marker for directory outputs: its mtime is the build time.
NOT_COMPARED = {".snakemake_timestamp"}
# Files that appear when a stage starts (its log), in DAG order.
KILL_POINTS = ("logs/prepare", "logs/extract.log", "logs/analyze.log", "logs/evaluate.log", "logs/report.log")


def _complete(path: Path) -> bool:
    """False when the file is visibly cut short (the writer was killed mid-write)."""
    data = path.read_bytes()
    suffix = path.suffix
    try:
        if suffix == ".parquet":
            pq.read_table(path)
        elif suffix in (".json", ".ipynb"):
            json.loads(data)
        elif suffix == ".pdf":
            return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        elif suffix == ".svg":
            return data.rstrip().endswith(b"</svg>")
        elif suffix == ".html":
            return data.rstrip().endswith(b"</html>")
        elif suffix == ".txt":
            data.decode("utf-8")
    except Exception:
        return False
    return True


def output_files(workdir: Path) -> list[Path]:
    """Every built file in place, without the writers' hidden temporary files."""
    return sorted(
        p
        for d in OUTPUT_DIRS
        for p in (workdir / d).rglob("*")
        if p.is_file() and p.name not in NOT_COMPARED and not p.name.startswith(".")
    )


def truncated_outputs(workdir: Path) -> list[str]:
    return [p.relative_to(workdir).as_posix() for p in output_files(workdir) if not _complete(p)]


def leftover_temp_files(workdir: Path) -> list[str]:
    """Hidden `.name.XXXX.tmp` files of atomic writers that were killed (harmless litter)."""
    return sorted(
        p.relative_to(workdir).as_posix() for d in OUTPUT_DIRS for p in (workdir / d).rglob(".*.tmp")
    )


def output_digests(workdir: Path) -> dict[str, str]:
    return {
        p.relative_to(workdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in output_files(workdir)
    }


def snakemake(workdir: Path, *args: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{SNAKEMAKE.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(
        [str(SNAKEMAKE), *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout
    )


def kill_when(workdir: Path, marker: str, *args: str, delay: float = 0.0, timeout: float = 900) -> bool:
    """Start a build; SIGKILL its whole process tree `delay` s after `marker` appears.

    Returns False when the build finished before the marker appeared (nothing killed).
    """
    env = dict(os.environ, PATH=f"{SNAKEMAKE.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.Popen(
        [str(SNAKEMAKE), *args],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while not (workdir / marker).exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.wait()
            return False
        time.sleep(0.05)
    time.sleep(delay)
    tree = [proc, *psutil.Process(proc.pid).children(recursive=True)]
    os.killpg(proc.pid, signal.SIGKILL)
    for p in tree:  # jobs that left the process group die too
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    proc.wait()
    return True


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def resume(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """What Snakemake tells the user after a crash: unlock, then run again.

    (rerun-incomplete is in the profile.)"""
    snakemake(workdir, "--unlock")
    return snakemake(workdir, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5, help="corpus size (5 = the seed articles)")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument(
        "--delay", type=float, default=0.5, help="seconds between a stage starting and the kill"
    )
    args = parser.parse_args()
    sm_args = ("--cores", str(args.cores))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="policybrief-crash-") as tmp:
        clean, crashed = Path(tmp) / "clean", Path(tmp) / "crashed"
        for workdir in (clean, crashed):
            copy_project(workdir)
            write_corpus(args.n, workdir)
        os.environ["PYTHONPATH"] = str(clean / "src")  # the copies' code snapshot, as in bench/run.py
        t0 = time.perf_counter()
        ref = snakemake(clean, *sm_args)
        if ref.returncode != 0:
            sys.exit(f"the clean build failed:\n{ref.stdout[-3000:]}{ref.stderr[-3000:]}")
        print(f"clean build of {args.n} articles: {time.perf_counter() - t0:.0f} s")
        for marker in KILL_POINTS:
            snakemake(crashed, "--unlock")
            _remove(crashed / marker)  # a fresh marker for this run
            killed = kill_when(crashed, marker, *sm_args, delay=args.delay)
            bad = truncated_outputs(crashed)
            failures += bool(bad)
            print(
                f"kill after {marker} appeared: {'killed' if killed else 'build had finished'}; "
                f"truncated outputs: {bad or 'none'}; "
                f"leftover temp files: {len(leftover_temp_files(crashed))}"
            )
        done = resume(crashed, *sm_args)
        if done.returncode != 0:
            sys.exit(f"the resumed build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        want, got = output_digests(clean), output_digests(crashed)
        differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
        failures += bool(differ)
        print(
            f"resumed build vs clean build: {len(want)} files, "
            f"{'identical' if not differ else f'DIFFER: {differ}'}"
        )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
