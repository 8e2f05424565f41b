# Japan–Russia policy brief pipeline.  Stage map (target rules a reviewer can run alone):
#
#   ingest -> clean -> extract -> analyze -> report
#      (per article, in shards)  \-> evaluate -/      fit (on demand: writes config/fitted.yaml)
#
# Per-article work (ingest, clean, fact extraction, position evidence) runs in `prepare_*` and
# `evidence_*` jobs, one per shard of articles (bench/README.md says why); corpus-wide rules only
# combine their outputs. Rules are thin: each calls one function of the `policybrief` package.
# Every user-edited input is checked here, before any job runs, so bad input stops the build
# with one message and nothing already built is touched.


import glob

from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version

min_version("9.0")

from policybrief.corpus import MAIN, UNSEEN, shard_of
from policybrief.errors import InputError
from policybrief.startup import check_inputs


configfile: "config.yaml"


try:
    CORPORA = check_inputs(config)
except InputError as err:
    raise WorkflowError(str(err)) from None

PROCESSED, BUILD = config["paths"]["processed"], config["paths"]["report"]
RES, EVALUATION = config["resources"], config["evaluation"]
SETTINGS = {"clean": config["clean"], "extract": config["extract"]}
SHARDS = {MAIN: config["sharding"]["shards"], UNSEEN: config["sharding"]["unseen_shards"]}
STEM = f"{config['report']['slug']}-v{config['report']['version']}"
LATEST = f"{config['report']['slug']}-latest"
FIGURES = f"{PROCESSED}/figures"
ARTICLES = CORPORA[MAIN]


def per_article(kind, corpus=ARTICLES, ids=None):
    return [corpus.path(kind, i) for i in (corpus.ids if ids is None else ids)]


def annotated(corpus, root):
    """Articles of `corpus` with at least one annotation file under `root`."""
    return [i for i in corpus.ids if glob.glob(f"{root}/*/{i}.yaml") or glob.glob(f"{root}/positions/{i}.*")]


SEEDS = annotated(ARTICLES, EVALUATION["seeds"])
ANNOTATIONS = sorted(glob.glob(f"{EVALUATION['seeds']}/**/*.yaml", recursive=True)) + sorted(
    glob.glob(f"{EVALUATION['unseen']}/*/*.yaml")
)
EXTRACT_TABLES = ["articles", "cleaning_audit", "mentions", "events", "quantities", "quotes"]
ANALYSIS_TABLES = [
    "findings",
    "positions",
    "position_evidence",
    "author_distances",
    "corroborated_facts",
    "contradictions",
    "timeline",
    "distinctive_terms",
    "lexical_similarity",
]


# ---------------------------------------------------------------- per article, in shards
# One rule per (corpus, shard): an article's shard depends on its id alone, so adding or editing
# an article reruns its shard only. `snakemake <per-article file>` rebuilds one article's shard.
for corpus in CORPORA.values():
    for shard, ids in corpus.shards(SHARDS[corpus.name]).items():

        rule:
            name:
                f"prepare_{corpus.name}_{shard:03d}"
            input:
                raw=[f"{corpus.raw}/{corpus.source(i).file}" for i in ids],
                cues=RES["cleaning_cues"],
                gazetteer=RES["gazetteer"],
                metrics=RES["metrics"],
            output:
                text=per_article("clean", corpus, ids),
                facts=per_article("facts", corpus, ids),
            log:
                f"logs/prepare/{corpus.name}-{shard:03d}.log",
            benchmark:
                f"logs/benchmarks/prepare/{corpus.name}-{shard:03d}.tsv"
            params:
                sources=[corpus.source(i).as_record() for i in ids],
                settings=SETTINGS,
            script:
                "scripts/prepare_shard.py"

        rule:
            name:
                f"evidence_{corpus.name}_{shard:03d}"
            input:
                texts=per_article("clean", corpus, ids),
                facts=per_article("facts", corpus, ids),
                codebook=RES["codebook"],
            output:
                evidence=corpus.evidence(shard),
            log:
                f"logs/evidence/{corpus.name}-{shard:03d}.log",
            benchmark:
                f"logs/benchmarks/evidence/{corpus.name}-{shard:03d}.tsv"
            script:
                "scripts/evidence_shard.py"


# Ingest and clean run in the same per-article jobs: both targets build the clean texts (and the
# facts files, whose `audit` lists every ingested paragraph with its offsets and decision).
rule ingest:
    input:
        per_article("clean"),


rule clean:
    input:
        per_article("clean"),


# ---------------------------------------------------------------- combine per-article facts
rule extract:
    input:
        facts=per_article("facts"),
    output:
        **{table: f"{PROCESSED}/{table}.parquet" for table in EXTRACT_TABLES},
    log:
        "logs/extract.log",
    benchmark:
        "logs/benchmarks/extract.tsv"
    script:
        "scripts/extract.py"


# ---------------------------------------------------------------- analyze
rule analyze:
    input:
        **{table: f"{PROCESSED}/{table}.parquet" for table in ("articles", "events", "quantities")},
        evidence=[ARTICLES.evidence(s) for s in ARTICLES.shards(SHARDS[MAIN])],
        facts=per_article("facts"),
        codebook=RES["codebook"],
        fitted=RES["fitted"],
        metrics=RES["metrics"],
    output:
        **{table: f"{PROCESSED}/{table}.parquet" for table in ANALYSIS_TABLES},
        figures=directory(FIGURES),
    log:
        "logs/analyze.log",
    benchmark:
        "logs/benchmarks/analyze.tsv"
    script:
        "scripts/analyze.py"


# ---------------------------------------------------------------- evaluate (and fit)
EVALUATED = {MAIN: SEEDS, UNSEEN: CORPORA[UNSEEN].ids}


def evaluated_files(kind):
    if kind == "evidence":  # the shards holding an evaluated article
        return sorted(
            {
                CORPORA[name].evidence(shard_of(i, SHARDS[name]))
                for name, ids in EVALUATED.items()
                for i in ids
            }
        )
    return [f for name, ids in EVALUATED.items() for f in per_article(kind, CORPORA[name], ids)]


rule evaluate:
    input:
        facts=evaluated_files("facts"),
        evidence=evaluated_files("evidence"),
        text=evaluated_files("clean"),
        annotations=ANNOTATIONS,
        split=EVALUATION["split"],
        codebook=RES["codebook"],
        gazetteer=RES["gazetteer"],
        fitted=RES["fitted"],
    output:
        evaluation=f"{PROCESSED}/evaluation.parquet",
        agreement=f"{PROCESSED}/position_agreement.parquet",
    log:
        "logs/evaluate.log",
    benchmark:
        "logs/benchmarks/evaluate.tsv"
    params:
        sets=EVALUATED,
        seeds=EVALUATION["seeds"],
        unseen=EVALUATION["unseen"],
    script:
        "scripts/evaluate.py"


# Not part of the default build: refits the null thresholds on the seeds and the unseen dev
# set and rewrites config/fitted.yaml (committed), which analyze and evaluate then read.
rule fit:
    input:
        evidence=evaluated_files("evidence"),
        annotations=ANNOTATIONS,
        split=EVALUATION["split"],
        codebook=RES["codebook"],
    output:
        grid=f"{PROCESSED}/fit_grid.parquet",
    log:
        "logs/fit.log",
    params:
        sets=EVALUATED,
        seeds=EVALUATION["seeds"],
        unseen=EVALUATION["unseen"],
        fitted=RES["fitted"],
    script:
        "scripts/fit.py"


# ---------------------------------------------------------------- report
rule report:
    input:
        rules.analyze.output,
        rules.evaluate.output,
        rules.extract.output,
        texts=per_article("clean"),
        notebook="report/brief.py",
        config="config.yaml",
        registry=config["paths"]["registry"],
        raw=[f"{ARTICLES.raw}/{s.file}" for s in ARTICLES.sources],
        codebook=RES["codebook"],
        gazetteer=RES["gazetteer"],
        metrics=RES["metrics"],
        fitted=RES["fitted"],
    output:
        html=f"{BUILD}/{STEM}.html",
        pdf=f"{BUILD}/{STEM}.pdf",
        manifest=f"{BUILD}/manifest.json",
        notebook=f"{BUILD}/{STEM}.ipynb",
        latest_html=f"{BUILD}/{LATEST}.html",
        latest_pdf=f"{BUILD}/{LATEST}.pdf",
        snapshot=directory(f"{config['paths']['versions']}/{config['report']['version']}"),
    log:
        "logs/report.log",
    benchmark:
        "logs/benchmarks/report.tsv"
    params:
        config=config,
        sources=list(ARTICLES.sources),
    script:
        "scripts/report.py"


# ---------------------------------------------------------------- default target
# Every declared output a reader or reviewer relies on, so that plain `snakemake` rebuilds any of
# them that was deleted (a job's missing input does not rerun it while its outputs exist). Only
# `fit` is left out: it rewrites a committed file and runs on demand.
rule all:
    default_target: True
    input:
        [per_article(kind, corpus) for corpus in CORPORA.values() for kind in ("clean", "facts")],
        [c.evidence(shard) for c in CORPORA.values() for shard in c.shards(SHARDS[c.name])],
        rules.extract.output,
        rules.analyze.output,
        rules.evaluate.output,
        rules.report.output,
