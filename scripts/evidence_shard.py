"""Snakemake job: match the codebook against the articles of one shard (see policybrief.analyze.evidence)."""

from policybrief import smk
from policybrief.analyze.evidence import run_shard


def main(snakemake):
    run_shard(
        texts=list(snakemake.input.texts),
        facts=list(snakemake.input.facts),
        codebook_path=snakemake.input.codebook,
        output=snakemake.output.evidence,
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
