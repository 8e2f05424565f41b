"""Snakemake job: extract grounded facts from every clean article (see policybrief.extract)."""

from policybrief import smk
from policybrief.extract.tables import build_tables


def main(snakemake):
    build_tables(
        sources=snakemake.params.sources,
        texts=snakemake.input.texts,
        audits=snakemake.input.audits,
        paragraphs=snakemake.input.paragraphs,
        gazetteer=snakemake.input.gazetteer,
        metrics=snakemake.input.metrics,
        settings=dict(snakemake.params.settings),
        outputs=dict(snakemake.output.items()),
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
