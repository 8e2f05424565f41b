"""The analyze stage: positions and comparisons across articles (see `stage.run`).

Kept empty of imports so that light modules (the codebook loader the Snakefile uses at start-up)
do not pull in pandas, matplotlib and spaCy.
"""
