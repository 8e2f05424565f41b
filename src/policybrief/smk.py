"""Glue for Snakemake `script:` jobs: logging to the rule's log file and clean failures."""

from __future__ import annotations

import logging
import sys

from .errors import InputError


def run(snakemake, stage) -> None:
    """Run `stage(snakemake)`; bad input ends the job with its one-line explanation, not a traceback."""
    handlers = [logging.StreamHandler(sys.stderr)]
    if snakemake.log:
        handlers.append(logging.FileHandler(snakemake.log[0], mode="w", encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO,
        handlers=handlers,
        force=True,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    try:
        stage(snakemake)
    except InputError as err:
        logging.getLogger("policybrief").error("%s", err)
        sys.exit(1)
