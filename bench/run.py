"""Scale benchmark: build synthetic corpora of growing size from scratch and print the figures.

For every size N it copies the project into a fresh temporary directory, writes
N articles with bench/make_corpus.py, runs Snakemake under /usr/bin/time -v and
reports wall time per stage (from the log's job start/finish stamps) and job
time per stage (from the `benchmark:` files in logs/benchmarks/), end-to-end
wall time, words per second, peak memory, then times the incremental paths and lists the jobs
each one reran: a no-op run, adding one article, editing one article's text, and editing the
codebook (which must rescore without re-extracting).

    python bench/run.py                        # N = 5, 100, 1000, full DAG
    python bench/run.py --sizes 5,100 --until extract
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import ROOT, write_corpus

SNAKEMAKE = Path(sys.executable).parent / "snakemake"
GNU_TIME = Path("/usr/bin/time")
# Built or machine-local state that must not leak into the benchmark copy.
NOT_COPIED = {".venv", ".git", ".snakemake", "logs", "bench", ".pytest_cache", "__pycache__"}
NOT_COPIED_PATHS = {"data/interim", "data/processed", "report/build"}
STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$")
START = re.compile(r"^(?:local)?rule (\w+):$")
FINISH = re.compile(r"^Finished jobid: \d+ \(Rule: (\w+)\)$")
WILDCARDS = re.compile(r"^\s+wildcards: (.*)$")
TARGETS = {  # at N = 1000 on the 2-core machine (bench/README.md)
    "end_to_end_s": "<= 200 s",
    "add_one_s": "<= 20 s",
    "edit_one_s": "<= 20 s",
    "codebook_s": "<= 60 s, no re-extraction",
    "noop_s": "<= 2 s",
    "peak_rss_mib": "<= 1024 MiB",
}


def copy_project(dest: Path) -> None:
    def ignore(folder, names):
        rel = Path(folder).resolve().relative_to(ROOT)
        return {n for n in names if n in NOT_COPIED or (rel / n).as_posix() in NOT_COPIED_PATHS}

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)


def snakemake(workdir: Path, args: list[str], log: Path, timeout: float) -> dict:
    """Run Snakemake once; return wall time, exit status (None on timeout), CPU time and peak RSS."""
    cmd = [str(SNAKEMAKE), *args]
    timing = log.with_suffix(".time")
    if GNU_TIME.exists():
        cmd = [str(GNU_TIME), "-v", "-o", str(timing), *cmd]
    # The copy's own src/ (a snapshot) wins over the editable install, so concurrent edits
    # of the working tree cannot change the code under test halfway through a run.
    env = dict(os.environ, PYTHONPATH=str(workdir / "src"))
    t0 = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status = None
    result = {"wall_s": round(time.perf_counter() - t0, 2), "status": status, "load": os.getloadavg()}
    if status is not None and timing.exists():
        text = timing.read_text()
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        result["time_max_rss_mib"] = round(int(rss.group(1)) / 1024, 1) if rss else None
        result["cpu_s"] = round(
            sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)), 2
        )
    return result


def stage_of(rule: str) -> str:
    """prepare_main_007 -> prepare: shard rules are one stage."""
    return re.sub(r"_(?:main|unseen)_\d{3}$", "", rule)


def parse_log(log: Path) -> tuple[dict, list[str]]:
    """Per-stage wall span (first start to last finish) and the list of jobs started."""
    spans: dict[str, list[float]] = {}
    jobs: list[str] = []
    stamp = None
    lines = log.read_text(errors="replace").splitlines()
    for k, line in enumerate(lines):
        if m := STAMP.match(line):
            stamp = datetime.strptime(m.group(1), "%a %b %d %H:%M:%S %Y").timestamp()
        elif (m := START.match(line)) and stamp is not None:
            rule = m.group(1)
            span = spans.setdefault(stage_of(rule), [stamp, stamp])
            span[0] = min(span[0], stamp)
            wildcards = next((w.group(1) for w in map(WILDCARDS.match, lines[k + 1 : k + 12]) if w), "")
            jobs.append(f"{rule}[{wildcards}]" if wildcards else rule)
        elif (m := FINISH.match(line)) and stamp is not None and stage_of(m.group(1)) in spans:
            spans[stage_of(m.group(1))][1] = max(spans[stage_of(m.group(1))][1], stamp)
    return {rule: round(b - a, 1) for rule, (a, b) in spans.items()}, jobs


def parse_benchmarks(workdir: Path) -> dict:
    """Sum/max job seconds and max RSS per stage from logs/benchmarks/ (one TSV per job)."""
    stages: dict[str, dict] = defaultdict(
        lambda: {"jobs": 0, "job_s": 0.0, "max_job_s": 0.0, "max_rss_mib": 0.0}
    )
    root = workdir / "logs" / "benchmarks"
    for tsv in sorted(root.rglob("*.tsv")):
        stage = tsv.relative_to(root).parts[0].removesuffix(".tsv")
        with tsv.open() as fh:
            row = list(csv.DictReader(fh, delimiter="\t"))[-1]
        s = stages[stage]
        s["jobs"] += 1
        s["job_s"] = round(s["job_s"] + float(row["s"]), 2)
        s["max_job_s"] = max(s["max_job_s"], float(row["s"]))
        rss = float(row["max_rss"]) if row["max_rss"] not in ("", "NA", "-") else 0.0
        s["max_rss_mib"] = max(s["max_rss_mib"], rss)
    return dict(stages)


def bench_size(n: int, args, base: Path) -> dict:
    workdir = base / f"n{n}"
    shutil.rmtree(workdir, ignore_errors=True)
    copy_project(workdir)
    words = write_corpus(n, workdir, seed=args.seed)
    sm_args = ["--cores", str(args.cores), *([args.until] if args.until else [])]
    print(f"\n== N = {n}: {words} words in {workdir}  (load before: {os.getloadavg()[0]:.2f})", flush=True)

    build = snakemake(workdir, sm_args, workdir / "build.log", args.timeout)
    spans, jobs = parse_log(workdir / "build.log")
    stages = parse_benchmarks(workdir)
    result = {
        "n": n,
        "words": words,
        "cores": args.cores,
        "until": args.until or "all",
        "end_to_end_s": build["wall_s"],
        "status": build["status"],
        "load_after": build["load"],
        "cpu_s": build.get("cpu_s"),
        "time_max_rss_mib": build.get("time_max_rss_mib"),
        "stages": stages,
        "stage_wall_s": spans,
        "jobs_run": len(jobs),
    }
    if build["status"] != 0:
        why = f"timed out after {args.timeout} s" if build["status"] is None else f"exit {build['status']}"
        print(f"   build FAILED ({why}); see {workdir / 'build.log'}")
        return result
    prepare = stages.get("prepare", {}).get("job_s")  # ingest, clean and extraction, all shards
    if prepare:
        result["prepare_words_per_s"] = round(words / prepare)
    result["words_per_s_through_extract"] = (
        round(words / build["wall_s"]) if args.until == "extract" else None
    )
    result["peak_rss_mib"] = max(
        [result["time_max_rss_mib"] or 0] + [s["max_rss_mib"] for s in stages.values()]
    )

    noop = snakemake(workdir, sm_args, workdir / "noop.log", args.timeout)
    result.update(
        noop_s=noop["wall_s"], noop_cpu_s=noop.get("cpu_s"), noop_jobs=len(parse_log(workdir / "noop.log")[1])
    )

    for step, change in (
        ("add_one", lambda: write_corpus(n + 1, workdir, seed=args.seed)),
        ("edit_one", lambda: edit_one_article(workdir)),
        ("codebook", lambda: edit_codebook(workdir)),
    ):
        change()
        run = snakemake(workdir, sm_args, workdir / f"{step}.log", args.timeout)
        result.update(
            {
                f"{step}_s": run["wall_s"],
                f"{step}_status": run["status"],
                f"{step}_jobs": parse_log(workdir / f"{step}.log")[1],
            }
        )
    return result


def edit_one_article(workdir: Path) -> None:
    """A one-word edit deep inside the middle article of the corpus (its paragraphs stay put)."""
    files = sorted((workdir / "data" / "raw").glob("*.txt"))
    path = files[len(files) // 2]
    head, _, tail = path.read_text(encoding="utf-8").rpartition(" the ")
    path.write_text(f"{head} the very {tail}", encoding="utf-8")


def edit_codebook(workdir: Path) -> None:
    """Change one cue's value: positions must be rescored, nothing re-extracted."""
    path = workdir / "config" / "codebook.yaml"
    path.write_text(
        path.read_text().replace("- {phrase: futile, value: -2}", "- {phrase: futile, value: -1}", 1)
    )


def show(result: dict) -> None:
    print(
        f"   end to end {result['end_to_end_s']} s, {result['cpu_s']} s CPU ({result['jobs_run']} jobs, "
        f"exit {result['status']}), "
        f"load after {result['load_after'][0]:.2f}; peak RSS {result.get('peak_rss_mib')} MiB "
        f"(/usr/bin/time: {result.get('time_max_rss_mib')} MiB)"
    )
    print(f"   {'stage':<10}{'jobs':>6}{'wall s':>9}{'job s':>9}{'max job s':>11}{'max RSS MiB':>13}")
    walls = result["stage_wall_s"]
    for stage, s in result["stages"].items():
        wall = walls.get(stage, "")
        print(
            f"   {stage:<10}{s['jobs']:>6}{wall!s:>9}{s['job_s']:>9}"
            f"{s['max_job_s']:>11}{s['max_rss_mib']:>13}"
        )
    if "prepare_words_per_s" in result:
        print(f"   ingest + clean + extraction: {result['prepare_words_per_s']} words/s of prepare job time")
    if result.get("words_per_s_through_extract"):
        print(f"   ingest->extract: {result['words_per_s_through_extract']} words/s end to end")
    if "noop_s" in result:
        print(
            f"   no-op run: {result['noop_s']} s wall, {result['noop_cpu_s']} s CPU "
            f"({result['noop_jobs']} jobs)"
        )
        for step, label in (
            ("add_one", "add one article"),
            ("edit_one", "edit one article"),
            ("codebook", "edit the codebook"),
        ):
            if f"{step}_jobs" in result:
                reran = result[f"{step}_jobs"]
                print(
                    f"   {label}: {result[f'{step}_s']} s (exit {result[f'{step}_status']}); reran "
                    f"{len(reran)} jobs: {', '.join(sorted(set(reran)))}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,100,1000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--until",
        default="",
        help="target stage (ingest, clean, extract, analyze, evaluate, report); default: the whole DAG",
    )
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a Snakemake run is killed"
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the built copies here (default: a deleted temp dir)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    base = args.workdir or Path(tempfile.mkdtemp(prefix="policybrief-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()}, snakemake --cores {args.cores}")
    results = []
    try:
        for n in sizes:
            results.append(bench_size(n, args, base))
            show(results[-1])
    finally:
        if not args.workdir:
            shutil.rmtree(base, ignore_errors=True)

    by_n = {r["n"]: r for r in results}
    print("\n== summary")
    if all(by_n.get(n, {}).get("status") == 0 for n in (100, 1000)):
        growth = round(by_n[1000]["end_to_end_s"] / by_n[100]["end_to_end_s"], 2)
        print(f"   growth t(1000)/t(100) = {growth} (target <= 11)")
        by_n[1000]["growth"] = growth
    big = by_n[max(by_n)]
    for key, target in TARGETS.items():
        if key in big:
            print(f"   {key:<16} {big[key]!s:>10}   target {target}   (N = {big['n']})")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    path = out / f"results-{datetime.now():%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(results, indent=1) + "\n")
    print(f"   raw figures: {path}")


if __name__ == "__main__":
    main()
