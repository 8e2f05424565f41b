"""Snakemake job: execute the report notebook, render HTML, PDF and manifest (policybrief.report.build)."""

from policybrief import smk
from policybrief.report.build import build_report


def main(snakemake):
    config = snakemake.params.config
    build_report(
        notebook=snakemake.input.notebook,
        report=dict(config["report"]),
        paths=dict(config["paths"]),
        config_files=dict(config["resources"]),
        sources=[s.as_record() for s in snakemake.params.sources],
        inputs=[str(p) for p in snakemake.input],
        outputs=dict(snakemake.output.items()),
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
