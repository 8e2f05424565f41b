"""Everything the Snakefile checks before any job runs.

Snakemake deletes a job's outputs before running it, so bad input found inside a job would cost
the last good tables: every user-edited input is checked here instead, and the first problem
stops the run with one InputError naming the file and the fix.
"""

from __future__ import annotations

from .analyze.codebook import load_codebook
from .checkcache import CACHE_PATH, CheckCache
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
    load_cues(resources["cleaning_cues"])
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
    cache.save()
    return corpora
