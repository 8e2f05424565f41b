"""The shared offline spaCy pipeline: a blank English tokenizer plus rule-based sentence splitting.

No trained model is needed (none can be downloaded here); extractors add their
own rule components on top of this.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS


def parse(nlp, text: str):
    """nlp(text) for a text of any length.

    spaCy refuses texts over nlp.max_length (1,000,000 characters, error E088) because a parser or
    an entity recogniser needs about 1 GB per 100,000 characters; the pipelines here only tokenize
    and split sentences, whose memory grows linearly, and the size of an article is bounded at
    start-up (ingest.max_article_bytes). So the limit is raised to fit the text.
    """
    if len(text) >= nlp.max_length:
        nlp.max_length = len(text) + 1
    return nlp(text)


@lru_cache(maxsize=1)
def blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(doc) -> list[tuple[int, int, str]]:
    """(start_char, end_char, text) of each sentence, stripped of surrounding whitespace."""
    out = []
    for sent in doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        if stripped:
            out.append((sent.start_char + lead, sent.start_char + lead + len(stripped), stripped))
    return out


def vocabulary_terms(text: str) -> list[str]:
    """Lower-cased word tokens, without stop words, numbers and punctuation: what the analysis
    counts to find an article's distinctive vocabulary (analyze/vocabulary.py)."""
    tokenizer = blank_pipeline().tokenizer
    out = []
    for tok in tokenizer(text.replace("’", "'")):
        word = tok.lower_.strip("'-")
        if (
            len(word) > 2
            and any(c.isalpha() for c in word)
            and not tok.like_num
            and word not in STOP_WORDS
            and not tok.is_punct
            and not word.startswith("'")
        ):
            out.append(word)
    return out
