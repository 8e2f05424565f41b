"""Snakemake job: ingest, clean and extract the articles of one shard (see policybrief.prepare)."""

from policybrief import prepare, smk
from policybrief.registry import Source


def main(snakemake):
    prepare.run_shard(
        sources=[Source.from_record(r) for r in snakemake.params.sources],
        raw_paths=list(snakemake.input.raw),
        cues_path=snakemake.input.cues,
        gazetteer=snakemake.input.gazetteer,
        metrics=snakemake.input.metrics,
        settings=dict(snakemake.params.settings),
        outputs={kind: list(snakemake.output[kind]) for kind in ("text", "facts")},
    )


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
