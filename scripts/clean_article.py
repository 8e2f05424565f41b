"""Snakemake job: clean one article (see policybrief.clean)."""
from policybrief import atomic, clean, smk


def main(snakemake):
    ingested = atomic.read_json(snakemake.input.paragraphs)
    cues = clean.load_cues(snakemake.input.cues)
    text, audit = clean.clean_article(ingested, snakemake.params.title, cues, dict(snakemake.params.settings))
    atomic.write_json(snakemake.output.audit, audit)
    atomic.write_text(snakemake.output.text, text)


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
