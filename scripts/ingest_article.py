"""Snakemake job: ingest one article (see policybrief.ingest)."""
from policybrief import atomic, ingest, smk


def main(snakemake):
    atomic.write_json(snakemake.output[0], ingest.ingest_article(snakemake.params.source, snakemake.input.raw))


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
