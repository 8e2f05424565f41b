# Japan–Russia policy brief pipeline.  Stage map (target rules a reviewer can run alone):
#
#   ingest  ->  clean  ->  extract  ->  analyze  ->  report
#                               \-> evaluate -/
#
# Rules are thin: each calls one function of the `policybrief` package via scripts/.
# The source registry is validated here, before any job runs, so bad input stops
# the build with one message and nothing already built is touched.

from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

min_version("9.0")

import glob
import json
import sys

import jsonschema

from policybrief.clean import load_cues
from policybrief.config import describe_violation
from policybrief.errors import InputError
from policybrief.registry import load_registry


configfile: "config.yaml"


try:
    validate(config, "src/policybrief/config.schema.yaml")
except WorkflowError as err:
    violation = err.__context__ if isinstance(err.__context__, jsonschema.ValidationError) else None
    raise WorkflowError(
        f"config.yaml: {describe_violation(violation) if violation else err}\n"
        "  How to fix: correct that key; every key is documented in src/policybrief/config.schema.yaml"
    ) from None

try:
    SOURCES = {s.id: s for s in load_registry(config["paths"]["registry"], config["paths"]["raw"])}
    load_cues(config["resources"]["cleaning_cues"])
except InputError as err:
    raise WorkflowError(str(err)) from None

RAW, INTERIM, PROCESSED = config["paths"]["raw"], config["paths"]["interim"], config["paths"]["processed"]
BUILD, RES = config["paths"]["report"], config["resources"]
IDS = sorted(SOURCES)
STEM = f"{config['report']['slug']}-v{config['report']['version']}"
FIGURES = f"{PROCESSED}/figures"


wildcard_constraints:
    article="[a-z0-9]+(?:-[a-z0-9]+)*",


def per_article(pattern):
    return expand(pattern, article=IDS)


rule all:
    default_target: True
    input:
        f"{BUILD}/{STEM}.html",
        f"{BUILD}/{STEM}.pdf",
        f"{BUILD}/manifest.json",


# ---------------------------------------------------------------- ingest + clean
# Targets `ingest` and `clean` stay separate; one job per article does both stages
# (prepare_article): a Python process per article per stage cost more start-up than
# work at 1000 articles (bench/README.md), and per-article jobs keep rebuilds incremental.
rule ingest:
    input:
        per_article(f"{INTERIM}/paragraphs/{{article}}.json"),


rule clean:
    input:
        per_article(f"{INTERIM}/clean/{{article}}.txt"),


rule prepare_article:
    input:
        raw=lambda wc: f"{RAW}/{SOURCES[wc.article].file}",
        cues=RES["cleaning_cues"],
        script="scripts/prepare_article.py",
    output:
        paragraphs=f"{INTERIM}/paragraphs/{{article}}.json",
        text=f"{INTERIM}/clean/{{article}}.txt",
        audit=f"{INTERIM}/audit/{{article}}.json",
    log:
        "logs/prepare/{article}.log",
    benchmark:
        "logs/benchmarks/prepare/{article}.tsv"
    params:
        source=lambda wc: json.dumps(SOURCES[wc.article].as_record(), sort_keys=True),
        settings=json.dumps(config["clean"], sort_keys=True),
    shell:
        "{sys.executable:q} {input.script:q} {input.raw:q} {input.cues:q} {output.paragraphs:q} {output.text:q} "
        "{output.audit:q} {log:q} --source {params.source:q} --settings {params.settings:q}"


# ---------------------------------------------------------------- extract
rule extract:
    input:
        texts=per_article(f"{INTERIM}/clean/{{article}}.txt"),
        audits=per_article(f"{INTERIM}/audit/{{article}}.json"),
        paragraphs=per_article(f"{INTERIM}/paragraphs/{{article}}.json"),
        registry=config["paths"]["registry"],
        gazetteer=RES["gazetteer"],
        metrics=RES["metrics"],
    output:
        articles=f"{PROCESSED}/articles.parquet",
        audit=f"{PROCESSED}/cleaning_audit.parquet",
        mentions=f"{PROCESSED}/mentions.parquet",
        events=f"{PROCESSED}/events.parquet",
        quantities=f"{PROCESSED}/quantities.parquet",
        quotes=f"{PROCESSED}/quotes.parquet",
    log:
        "logs/extract.log",
    benchmark:
        "logs/benchmarks/extract.tsv"
    params:
        sources=[SOURCES[i] for i in IDS],
        settings=config["extract"],
    script:
        "scripts/extract.py"


# ---------------------------------------------------------------- analyze
rule analyze:
    input:
        articles=rules.extract.output.articles,
        events=rules.extract.output.events,
        quantities=rules.extract.output.quantities,
        quotes=rules.extract.output.quotes,
        texts=per_article(f"{INTERIM}/clean/{{article}}.txt"),
        codebook=RES["codebook"],
        coding=RES["positions_coding"],
    output:
        positions=f"{PROCESSED}/positions.parquet",
        evidence=f"{PROCESSED}/position_evidence.parquet",
        agreement=f"{PROCESSED}/coder_agreement.parquet",
        distances=f"{PROCESSED}/author_distances.parquet",
        corroborated=f"{PROCESSED}/corroborated_facts.parquet",
        contradictions=f"{PROCESSED}/contradictions.parquet",
        timeline=f"{PROCESSED}/timeline.parquet",
        vocabulary=f"{PROCESSED}/distinctive_terms.parquet",
        similarity=f"{PROCESSED}/lexical_similarity.parquet",
        figures=directory(FIGURES),
    log:
        "logs/analyze.log",
    benchmark:
        "logs/benchmarks/analyze.tsv"
    script:
        "scripts/analyze.py"


# ---------------------------------------------------------------- evaluate
rule evaluate:
    input:
        mentions=rules.extract.output.mentions,
        events=rules.extract.output.events,
        quantities=rules.extract.output.quantities,
        quotes=rules.extract.output.quotes,
        texts=per_article(f"{INTERIM}/clean/{{article}}.txt"),
        audit=rules.extract.output.audit,
        # the annotation files themselves, so editing one re-runs the evaluation
        reference=sorted(glob.glob(f"{RES['reference']}/*/*.yaml")),
    output:
        evaluation=f"{PROCESSED}/evaluation.parquet",
    log:
        "logs/evaluate.log",
    benchmark:
        "logs/benchmarks/evaluate.tsv"
    params:
        reference_dir=RES["reference"],
    script:
        "scripts/evaluate.py"


# ---------------------------------------------------------------- report
rule report:
    input:
        rules.analyze.output,
        rules.evaluate.output,
        rules.extract.output,
        notebook="report/brief.py",
        config="config.yaml",
        registry=config["paths"]["registry"],
        raw=[f"{RAW}/{SOURCES[i].file}" for i in IDS],
        codebook=RES["codebook"],
        gazetteer=RES["gazetteer"],
        metrics=RES["metrics"],
    output:
        html=f"{BUILD}/{STEM}.html",
        pdf=f"{BUILD}/{STEM}.pdf",
        manifest=f"{BUILD}/manifest.json",
        notebook=f"{BUILD}/{STEM}.ipynb",
        latest_html=f"{BUILD}/{config['report']['slug']}-latest.html",
        latest_pdf=f"{BUILD}/{config['report']['slug']}-latest.pdf",
        snapshot=directory(f"{config['paths']['versions']}/{config['report']['version']}"),
    log:
        "logs/report.log",
    benchmark:
        "logs/benchmarks/report.tsv"
    params:
        config=config,
        sources=[SOURCES[i] for i in IDS],
    script:
        "scripts/report.py"
