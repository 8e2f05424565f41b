"""Snakemake job: positions, coder agreement and cross-article comparisons (see policybrief.analyze)."""

from policybrief import analyze, smk


def main(snakemake):
    analyze.run(
        tables={t: snakemake.input[t] for t in ("articles", "events", "quantities", "quotes")},
        texts=snakemake.input.texts,
        codebook=snakemake.input.codebook,
        coding=snakemake.input.coding,
        outputs=dict(snakemake.output.items()),
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
