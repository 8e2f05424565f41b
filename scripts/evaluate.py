"""Snakemake job: score extraction against the reference set (see policybrief.evaluate)."""

from policybrief import evaluate, smk


def main(snakemake):
    evaluate.run(
        table_paths={t: snakemake.input[t] for t in evaluate.MATCHERS},
        clean_paths=snakemake.input.texts,
        reference_dir=snakemake.params.reference_dir,
        output=snakemake.output.evaluation,
        audit_path=snakemake.input.audit,
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
