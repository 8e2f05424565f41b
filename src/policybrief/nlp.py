"""The shared offline spaCy pipeline: a blank English tokenizer plus rule-based sentence splitting.

No trained model is needed (none can be downloaded here); extractors add their
own rule components on top of this.
"""

from __future__ import annotations

from functools import lru_cache

import spacy


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
