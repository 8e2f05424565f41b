"""Turn a corpus of policy articles into a traceable, versioned policy brief.

One module per pipeline stage (ingest, clean, extract, analyze, evaluate,
report); the Snakefile only wires them together.
"""
