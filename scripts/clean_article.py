"""Snakemake job: clean one article (see policybrief.clean)."""
import yaml

from policybrief import atomic, clean, smk


def main(snakemake):
    ingested = atomic.read_json(snakemake.input.paragraphs)
    with open(snakemake.input.cues, encoding="utf-8") as fh:
        cues = yaml.safe_load(fh)
    text, audit = clean.clean_article(ingested, snakemake.params.title, cues, dict(snakemake.params.settings))
    atomic.write_json(snakemake.output.audit, audit)
    atomic.write_text(snakemake.output.text, text)


smk.run(snakemake, main)  # noqa: F821 - injected by Snakemake
