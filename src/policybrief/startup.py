"""Everything the Snakefile checks before any job runs.

Snakemake deletes a job's outputs before running it, so bad input found inside a job would cost
the last good tables: every user-edited input is checked here instead, and the first problem
stops the run with one InputError naming the file and the fix. That includes an article that
cleaning would leave without any text (check_bodies): each article is cleaned once, in trial, and
the verdict is kept in the start-up cache until the file, its title, the cue file, the cleaning
settings or the cleaning code change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import clean, conventions, ingest, textio
from .analyze.codebook import load_codebook
from .checkcache import CACHE_PATH, CheckCache, code_fingerprint, fingerprint
from .clean import load_cues
from .config import check_config, load_checked
from .corpus import Corpus, load_corpora
from .errors import InputError
from .extract.gazetteer import load_gazetteer


def check_inputs(config: dict, cache_path=CACHE_PATH) -> dict[str, Corpus]:
    """Validate config.yaml (filling its defaults in place), both registries and every config file.

    Results that depend only on file contents are kept in `cache_path` between starts (checkcache.py).
    """
    check_config(config)
    cache = CheckCache(cache_path)
    corpora = load_corpora(config, cache)
    resources = config["resources"]
    cues = load_cues(resources["cleaning_cues"])
    load_gazetteer(resources["gazetteer"])
    load_checked(resources["metrics"], "metrics")
    codebook = load_codebook(resources["codebook"])
    fitted = load_checked(resources["fitted"], "fitted")
    bipolar = {d.name for d in codebook.dimensions if d.kind == "bipolar"}
    unknown = sorted(set(fitted["thresholds"]) - bipolar)
    if unknown:
        raise InputError(
            resources["fitted"],
            f"has thresholds for {', '.join(unknown)}, which are not bipolar dimensions of the codebook",
            "run `snakemake fit` to refit the thresholds for the current codebook",
        )
    check_bodies(corpora, cues, config, cache)
    cache.save()
    return corpora


def check_bodies(corpora: dict[str, Corpus], cues: dict, config: dict, cache: CheckCache) -> None:
    """Refuse an article whose cleaning keeps no prose (a saved menu, a cookie wall, a sign-up form):
    it would join every comparison as a source that says nothing. Cleaning runs inside a job, too
    late to stop the build without losing outputs, so each new article is cleaned here in trial
    (~10 ms); known verdicts come from the cache."""
    cue_file = Path(config["resources"]["cleaning_cues"]).read_bytes()
    tag = fingerprint(
        code_fingerprint(textio, ingest, clean, conventions),
        hashlib.sha256(cue_file).hexdigest(),
        config["clean"],
    )
    known = cache.section("bodies", tag)
    verdicts = {}
    for corpus in corpora.values():
        for source in corpus.sources:
            key = fingerprint(source.sha256, source.title)
            if key not in known:
                path = corpus.raw / source.file
                _text, audit = clean.clean_article(
                    ingest.ingest_article(source, path), source.title, cues, config["clean"]
                )
                if not clean.has_body(audit, config["clean"]):
                    raise clean.no_body_error(path, audit)
            verdicts[key] = True
    if verdicts != known:
        cache.replace("bodies", verdicts)
