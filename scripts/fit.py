"""Snakemake job: refit the null thresholds and rewrite config/fitted.yaml (see policybrief.evaluate.fit)."""

from policybrief import evaluate, smk


def main(snakemake):
    evaluate.fit(
        inputs={k: snakemake.input[k] for k in ("evidence", "split", "codebook")},
        ids_by_corpus=dict(snakemake.params.sets),
        seeds_root=snakemake.params.seeds,
        unseen_root=snakemake.params.unseen,
        fitted_path=snakemake.params.fitted,
        grid_output=snakemake.output.grid,
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
