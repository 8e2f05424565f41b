"""Stage 2 — clean: keep the author's body text, remove page furniture, and audit every decision.

A saved page is a column of paragraphs: header chrome, the article (with headings, captions and
pull quotes mixed in), then footer chrome, bios, notes and teasers of other stories. The decision
per paragraph combines three kinds of evidence, so that it carries over to outlets never seen,
each in its own pass:

1. cues.py — lexical cues (config/cleaning.yaml), tried on short paragraphs only;
2. layout.py — where a paragraph sits: the article is the span of on-topic prose blocks, short
   lines inside it are headings, lines outside it chrome; cue neighbourhoods (a caption next to
   a bare "Credit: X", the gaps inside a donation appeal);
3. topicality.py — a block of prose whose TF-IDF vector is unlike the article's main block and
   that sits before or after the article is a teaser of another story, unless only in-text
   furniture (an image, an ad) separates it from the article;

and decisions.py runs the passes in order and assembles the clean text with its audit.
"""

from .cues import CUE_REASONS, Cues, compile_cues, load_cues
from .decisions import REASONS, assemble, classify_paragraphs, clean_article, has_body, no_body_error

__all__ = [
    "CUE_REASONS",
    "REASONS",
    "Cues",
    "assemble",
    "classify_paragraphs",
    "clean_article",
    "compile_cues",
    "has_body",
    "load_cues",
    "no_body_error",
]
