"""Snakemake job: positions and cross-article comparisons (see policybrief.analyze)."""

from policybrief import smk
from policybrief.analyze import stage


def main(snakemake):
    stage.run(
        tables={t: snakemake.input[t] for t in ("articles", "events", "quantities")},
        evidence_paths=snakemake.input.evidence,
        facts_paths=snakemake.input.facts,
        codebook=snakemake.input.codebook,
        fitted=snakemake.input.fitted,
        metrics=snakemake.input.metrics,
        outputs=dict(snakemake.output.items()),
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
