"""Snakemake job: score facts and positions against the annotations (see policybrief.evaluate)."""

from policybrief import evaluate, smk


def main(snakemake):
    evaluate.run(
        inputs={k: snakemake.input[k] for k in ("facts", "evidence", "text")}
        | {k: snakemake.input[k] for k in ("split", "codebook", "gazetteer", "fitted")},
        ids_by_corpus=dict(snakemake.params.sets),
        seeds_root=snakemake.params.seeds,
        unseen_root=snakemake.params.unseen,
        outputs=dict(snakemake.output.items()),
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
