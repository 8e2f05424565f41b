"""Time ingest, clean and extraction of one very long article (1, 2, 5 and 20 MB by default).

A long article is one headline, a byline and page furniture around thousands of body
paragraphs: seed paragraphs recombined and perturbed as in make_corpus.py (other years and
months, rescaled figures, swapped leaders' names) with a heading every few paragraphs. Its
size is a multiple of a typical article's, so the times show how each stage grows with the
size of one article (linear: 20 MB takes ~20 times 1 MB).

    .venv/bin/python bench/size.py                    # 1, 2, 5, 20 MB: ingest + clean + extract
    .venv/bin/python bench/size.py --sizes 1,2 --stages clean

Prints wall ("s") and CPU ("cpu") seconds per stage; on a shared machine compare CPU seconds.

Extraction runs on the clean text in pieces (policybrief.extract.article); the start-up check
refuses articles above `ingest.max_article_bytes` (2 MB by default), so sizes above that are
only reachable by raising the limit.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import FURNITURE, _name_swapper, _perturb, seed_lines  # noqa: E402

from policybrief import clean, ingest  # noqa: E402
from policybrief.config import load_config  # noqa: E402
from policybrief.extract.article import Resources, extract_article  # noqa: E402
from policybrief.registry import Source  # noqa: E402

MB = 1_000_000
TITLE = "Japan and Russia: Sanctions, Territory and the Peace Treaty"


def long_article(size: int, seed: int = 7) -> str:
    """A deterministic article of at least `size` bytes (UTF-8)."""
    body, headings = seed_lines(ROOT / "data" / "raw")
    rng = random.Random(seed)
    fill = {"outlet": "The Strategic Monitor", "credit": "Ink Drop", "year": 2024}
    lines = ["The Strategic Monitor", TITLE, "By Anna Tanaka for The Strategic Monitor", "Share this article"]
    total = sum(len(line.encode()) + 2 for line in lines)
    k = 0
    while total < size:
        if k % rng.randint(3, 6) == 0:
            lines.append(rng.choice(headings))
        swap = _name_swapper(rng) if rng.random() < 0.5 else (lambda t: t)
        line = _perturb(rng.choice(body), rng, rng.randint(-8, 2), rng.choice([0, 1, -1, 2]), swap)
        lines.append(line)
        total += len(line.encode()) + 2
        k += 1
    lines += [f.format(**fill) for f in FURNITURE[:6]]
    return "\n\n".join(lines) + "\n"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock() -> tuple[float, float]:
    """(wall, CPU) seconds: CPU time is what to compare on a shared machine."""
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def measure(size_mb: float, stages: set[str], config: dict, cues: dict, resources) -> dict:
    text = long_article(int(size_mb * MB))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        source = Source(id="long", file="long.txt", title=TITLE, outlet=None, authors=(), published="2024")
        out = {"MB": size_mb, "paragraphs": None}
        start = _clock()
        ingested = ingest.ingest_article(source, path)
        out["ingest s"], out["ingest cpu"] = _since(start)
        out["paragraphs"] = len(ingested["paragraphs"])
    if "clean" in stages or "extract" in stages:
        start = _clock()
        clean_text, _audit = clean.clean_article(ingested, TITLE, cues, config["clean"])
        out["clean s"], out["clean cpu"] = _since(start)
        out["clean chars"] = len(clean_text)
    if "extract" in stages:
        start = _clock()
        facts = extract_article("long", clean_text, "2024", resources, TITLE)
        out["extract s"], out["extract cpu"] = _since(start)
        out["facts"] = sum(len(rows) for rows in facts.values())
    out["peak MiB"] = _peak_mib()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,20", help="article sizes in MB, comma-separated")
    parser.add_argument("--stages", default="clean,extract", help="clean and/or extract (ingest always runs)")
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    config = load_config(ROOT / "config.yaml")
    cues = clean.load_cues(ROOT / config["resources"]["cleaning_cues"])
    resources = None
    if "extract" in stages:
        res = config["resources"]
        resources = Resources.load(ROOT / res["gazetteer"], ROOT / res["metrics"], config["extract"])
    columns = [
        "MB",
        "paragraphs",
        "ingest cpu",
        "clean s",
        "clean cpu",
        "clean chars",
        "extract s",
        "extract cpu",
        "facts",
        "peak MiB",
    ]
    print(" | ".join(columns))
    for size in (float(s) for s in args.sizes.split(",")):
        row = measure(size, stages, config, cues, resources)
        print(
            " | ".join(
                f"{row[c]:.2f}" if isinstance(row.get(c), float) else str(row.get(c, "—")) for c in columns
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
