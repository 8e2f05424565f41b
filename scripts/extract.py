"""Snakemake job: combine the per-article facts into the corpus tables (see policybrief.extract.combine)."""

from policybrief import smk
from policybrief.extract.combine import build_tables


def main(snakemake):
    build_tables(snakemake.input.facts, dict(snakemake.output.items()))


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
