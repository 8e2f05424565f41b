"""Shell job: ingest and clean one article (see policybrief.ingest, policybrief.clean).

One light process per article instead of two Snakemake `script:` jobs: at 1000
articles the interpreter and `snakemake` import per job cost more than the work
itself (figures in bench/README.md).  Called by the `prepare_article` rule:

    python scripts/prepare_article.py RAW CUES PARAGRAPHS TEXT AUDIT LOG --source JSON --settings JSON
"""

import argparse
import json
from types import SimpleNamespace

from policybrief import atomic, clean, ingest, smk
from policybrief.registry import Source


def main(job):
    ingested = ingest.ingest_article(job.params.source, job.input.raw)
    text, audit = clean.clean_article(
        ingested, job.params.source.title, clean.load_cues(job.input.cues), job.params.settings
    )
    atomic.write_json(job.output.paragraphs, ingested)
    atomic.write_json(job.output.audit, audit)
    atomic.write_text(job.output.text, text)


def parse_job(argv=None) -> SimpleNamespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("raw", "cues", "paragraphs", "text", "audit", "log"):
        parser.add_argument(name)
    parser.add_argument("--source", required=True, type=json.loads, help="registry record (JSON)")
    parser.add_argument(
        "--settings", required=True, type=json.loads, help="`clean` section of config.yaml (JSON)"
    )
    args = parser.parse_args(argv)
    record = {
        **args.source,
        "authors": tuple(args.source["authors"]),
        "inferred": tuple(args.source["inferred"]),
    }
    return SimpleNamespace(
        input=SimpleNamespace(raw=args.raw, cues=args.cues),
        output=SimpleNamespace(paragraphs=args.paragraphs, text=args.text, audit=args.audit),
        params=SimpleNamespace(source=Source(**record), settings=args.settings),
        log=[args.log],
    )


if __name__ == "__main__":
    smk.run(parse_job(), main)
