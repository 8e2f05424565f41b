"""Stage 2 — clean: keep the author's body text, remove page furniture, and audit every decision.

A saved page is a column of paragraphs: header chrome, the article (with headings,
captions and pull quotes mixed in), then footer chrome, bios, notes and teasers of
other stories. The decision per paragraph combines three kinds of evidence, so that it
carries over to outlets never seen:

1. lexical cues (config/cleaning.yaml), tried on short paragraphs only;
2. layout: prose paragraphs group into blocks; the article is the span of blocks that
   are on-topic, so short lines inside it are headings (body) and lines outside it are chrome;
3. topicality: a block of prose whose TF-IDF vector is unlike the article's main block
   and that sits before or after the article is a teaser of another story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from .errors import InputError

REASONS = ("navigation", "caption", "teaser", "subscription", "bio", "byline", "disclaimer", "references",
           "duplicate_title", "duplicate")
# Order matters: the first list whose cue matches gives the reason.
CUE_REASONS = ("disclaimer", "subscription", "caption", "navigation")
CUES_SOURCE = "config/cleaning.yaml (resources.cleaning_cues)"
PARAGRAPH_SEPARATOR = "\n\n"

_SENTENCE_END = re.compile(r"[.!?…:”\"’)\]]$")
_NOTE_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})\.|\((\d{1,3})\))\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-])*\.?|[A-Z](?:\.[A-Z])*\.?)"   # Jane, O'Brien, D., J.R.
_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|van|von|der|bin|al|da|di|le|la)){{1,4}}")
_BY = re.compile(r"^\s*(?:(?:written|words)\s+)?by\s", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_BYLINE_END = re.compile(r"\s(?:for|from|at|in|of|on)\s|\s[|–—-]\s|\d")


@dataclass(frozen=True)
class Cues:
    by_reason: dict
    byline: tuple
    bio: re.Pattern
    bio_roles: re.Pattern
    bio_neighbours: tuple
    references_heading: tuple
    citation: tuple
    stopwords: frozenset


def load_cues(path) -> dict:
    """Read and check the cue file; the Snakefile calls this before any job runs."""
    try:
        cues = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "the cleaning cue file does not exist", "restore it from git") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(path, f"is not valid YAML ({err})".replace("\n", " "), "fix the YAML syntax") from None
    compile_cues(cues, path)
    return cues


def _patterns(cues: dict, key: str, source) -> tuple:
    entries = cues.get(key)
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise InputError(source, f"`{key}` must be a list of regular expressions",
                         f"write `{key}:` followed by `- 'pattern'` lines (see the comments in that file)")
    compiled = []
    for entry in entries:
        try:
            compiled.append(re.compile(entry, re.IGNORECASE))
        except re.error as err:
            raise InputError(source, f"`{key}` cue {entry!r} is not a valid regular expression ({err})",
                             "fix or remove that pattern (quote it in single quotes in YAML)") from None
    return tuple(compiled)


def compile_cues(cues: dict, source=CUES_SOURCE) -> Cues:
    """Compile the cue lists; a malformed file is an InputError naming the list, not a traceback."""
    if not isinstance(cues, dict):
        raise InputError(source, "is not a mapping of cue lists", "restore it from git")
    verbs = "|".join(re.escape(v) for v in _words_list(cues, "bio_verbs", source))
    roles = "|".join(re.escape(r) for r in _words_list(cues, "bio_roles", source))
    return Cues(
        by_reason={reason: _patterns(cues, reason, source) for reason in CUE_REASONS},
        byline=_patterns(cues, "byline", source),
        bio=re.compile(rf"^({_NAME.pattern}),?\s+(?:{verbs})\s"),
        bio_roles=re.compile(rf"\b(?:{roles})", re.IGNORECASE),
        bio_neighbours=_patterns(cues, "bio_neighbours", source),
        references_heading=_patterns(cues, "references_heading", source),
        citation=_patterns(cues, "citation", source),
        stopwords=frozenset(w.casefold() for w in _words_list(cues, "stopwords", source)),
    )


def _words_list(cues: dict, key: str, source) -> list[str]:
    entries = cues.get(key)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        raise InputError(source, f"`{key}` must be a non-empty list of words",
                         f"write `{key}: [word, ...]` (see the comments in that file)")
    return entries


def _any(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _norm(text: str) -> str:
    """Comparable form: case, quotes, punctuation and spacing do not matter."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


# ---------------------------------------------------------------- topicality
def _tfidf(docs: list[list[str]]) -> np.ndarray:
    """Row-normalised sublinear TF-IDF; numpy only, because the job runs once per article."""
    vocab: dict[str, int] = {}
    for doc in docs:
        for w in doc:
            vocab.setdefault(w, len(vocab))
    counts = np.zeros((len(docs), max(len(vocab), 1)))
    for i, doc in enumerate(docs):
        for w in doc:
            counts[i, vocab[w]] += 1
    idf = np.log((1 + len(docs)) / (1 + (counts > 0).sum(axis=0))) + 1
    weights = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return weights / np.where(norms == 0, 1, norms)


def _terms(text: str, stopwords: frozenset) -> list[str]:
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    # crude plural folding is enough to match "sanctions"/"sanction" across paragraphs
    return [w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if len(w) > 2 and w not in stopwords]


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(a @ b / (na * nb)) if na and nb else 0.0


# ---------------------------------------------------------------- cue detectors
def _references(texts: list[str], cues: Cues) -> set[int]:
    """Notes/reference lists: after a 'References' heading, or a numbered run that cites or is cited."""
    marked: set[int] = set()
    for i, text in enumerate(texts):
        if _any(cues.references_heading, text):
            marked.add(i)
            j = i + 1
            while j < len(texts) and (_NOTE_MARKER.match(texts[j]) or _any(cues.citation, texts[j])):
                marked.add(j)
                j += 1
    i = 0
    while i < len(texts):
        run, expected = [], 1
        while i + len(run) < len(texts):
            m = _NOTE_MARKER.match(texts[i + len(run)])
            if not m or int(next(g for g in m.groups() if g)) != expected:
                break
            run.append(i + len(run))
            expected += 1
        if not run:
            i += 1
            continue
        before = " ".join(texts[:i])
        cited = sum(1 for k in range(1, len(run) + 1) if f"[{k}]" in before)
        citing = sum(1 for j in run if _any(cues.citation, texts[j]))
        if cited * 3 >= len(run) or citing * 2 >= len(run):
            marked.update(run)
        i += len(run)
    return marked


def _byline_names(text: str) -> list[str]:
    rest = _BY.sub("", text)
    rest = _BYLINE_END.split(rest, maxsplit=1)[0]
    return [n for n in _BYLINE_SPLIT.split(rest) if _NAME.fullmatch(n.strip())]


def _name_line(text: str) -> bool:
    return bool(_NAME.fullmatch(text.strip()))


# ---------------------------------------------------------------- classification
def _prose(text: str, words: int, settings: dict) -> bool:
    return words >= settings["min_body_words"] and (
        bool(_SENTENCE_END.search(text)) or words >= settings["long_paragraph_words"])


def _blocks(prose_idx: list[int], removed: list[bool], gap: int) -> list[list[int]]:
    """Group prose paragraphs; `gap` non-prose lines in a row, or any furniture line, start a new block.

    Splitting too often is harmless (on-topic blocks are all kept); merging a teaser into the
    article is not, hence furniture such as "Read more" always separates.
    """
    blocks: list[list[int]] = []
    for i in prose_idx:
        if blocks and i - blocks[-1][-1] - 1 < gap and not any(removed[blocks[-1][-1] + 1:i]):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _title_lines(texts: list[str], words: list[int], title: str, reason: list) -> None:
    norm_title = _norm(title)
    for i, text in enumerate(texts):
        if _norm(text) == norm_title:
            reason[i] = "duplicate_title"
        elif norm_title and norm_title in _norm(text) and not _SENTENCE_END.search(text) \
                and words[i] <= 3 * len(norm_title.split()):
            reason[i] = "navigation"          # masthead line: site name + slogan + headline


def _cue_pass(texts: list[str], words: list[int], cue: Cues, settings: dict, reason: list,
              authors: list[str]) -> dict[int, str]:
    """Set cue reasons on short paragraphs; return bio candidates {index: name} (decided by position later)."""
    bio_name: dict[int, str] = {}
    for i, text in enumerate(texts):
        if reason[i] or words[i] > settings["cue_max_words"]:
            continue
        if not _LETTER.search(text):                  # "* * *", "—", page numbers
            reason[i] = "navigation"
            continue
        reason[i] = next((r for r in CUE_REASONS if _any(cue.by_reason[r], text)), None)
        if reason[i] is None and words[i] <= settings["byline_max_words"] and _any(cue.byline, text):
            names = _byline_names(text) if _BY.match(text) else []
            if names or not _BY.match(text):          # "By 2030, ..." is a sentence, not a byline
                reason[i] = "byline"
                authors.extend(names)
        m = cue.bio.match(text)
        if reason[i] is None and m and cue.bio_roles.search(text):
            bio_name[i] = m.group(1)
    return bio_name


def _layout_pass(texts, words, title, cue: Cues, settings: dict, reason: list, bio_name: dict) -> None:
    """Decide every paragraph the cues left open, from the span of on-topic prose blocks."""
    n = len(texts)
    prose = [i for i in range(n) if reason[i] is None and i not in bio_name and _prose(texts[i], words[i], settings)]
    blocks = _blocks(prose, [r is not None for r in reason], settings["block_gap"])
    if not blocks:                                    # nothing reads like an article: keep what cues left
        for i in range(n):
            reason[i] = reason[i] or "body"
        return
    vectors = _tfidf([_terms(t, cue.stopwords) for t in [*texts, title]])
    main = max(blocks, key=lambda b: (sum(words[i] for i in b), -b[0]))
    centre = vectors[main].sum(axis=0)
    threshold = settings["min_topic_similarity"]
    on_topic = [b for b in blocks if b is main or _cosine(vectors[b].sum(axis=0), centre) >= threshold]
    first, last = on_topic[0][0], on_topic[-1][-1]
    teasers = [b for b in blocks if b[-1] < first or b[0] > last]
    for i in (i for b in teasers for i in b):
        reason[i] = "teaser"
    for i in range(n):
        if reason[i]:
            continue
        if first <= i <= last:
            reason[i] = "body"                        # headings, short sentences, inline bios
        elif i in bio_name:
            reason[i] = "bio"
        elif i < first and words[i] >= settings["min_body_words"] and max(
                _cosine(vectors[i], centre), _cosine(vectors[i], vectors[n])) >= threshold:
            reason[i] = "body"                        # standfirst / subtitle above the text
        elif i > last and any(b[0] > i for b in teasers):
            reason[i] = "teaser"                      # title/label lines of an appended story
        else:
            reason[i] = "navigation"


def classify_paragraphs(paragraphs: list[dict], title: str, cues: dict, settings: dict) -> tuple[list[dict], list[str]]:
    """Return (one {"decision", "reason"} per paragraph, author names found in bylines/bios)."""
    cue = compile_cues(cues)
    texts = [p["text"] for p in paragraphs]
    words = [len(t.split()) for t in texts]
    reason: list[str | None] = [None] * len(texts)
    authors: list[str] = []

    _title_lines(texts, words, title, reason)
    for i in _references(texts, cue):
        reason[i] = reason[i] or "references"
    bio_name = _cue_pass(texts, words, cue, settings, reason, authors)
    _layout_pass(texts, words, title, cue, settings, reason, bio_name)
    for i, text in enumerate(texts):                  # bare author-name lines next to "View profile" etc.
        if reason[i] not in ("body", "bio") and _name_line(text) and any(
                0 <= j < len(texts) and _any(cue.bio_neighbours, texts[j]) for j in (i - 1, i + 1)):
            reason[i] = "bio"
            bio_name[i] = text.strip()
    authors.extend(bio_name[i] for i in sorted(bio_name) if reason[i] == "bio")
    _mark_duplicates(texts, reason, settings["min_body_words"])

    decisions = [{"decision": "body" if r == "body" else "removed", "reason": r} for r in reason]
    return decisions, list(dict.fromkeys(a.strip() for a in authors))


def _mark_duplicates(texts: list[str], reason: list[str], min_words: int) -> None:
    """Pull quotes and repeated blocks: body text printed again in full elsewhere in the body."""
    body = [i for i, r in enumerate(reason) if r == "body"]
    norms = {i: _norm(texts[i]) for i in body}
    for i in body:
        if len(norms[i].split()) < min_words:
            continue
        for j in body:
            if j != i and reason[j] == "body" and norms[i] in norms[j] and (
                    len(norms[i]) < len(norms[j]) or j < i):
                reason[i] = "duplicate"
                break


def assemble(paragraphs: list[dict], decisions: list[dict]) -> tuple[str, list[dict]]:
    """Join body paragraphs into the clean text; record where each lands in it."""
    pieces, audit, cursor = [], [], 0
    for para, decision in zip(paragraphs, decisions, strict=True):
        row = {"paragraph": para["index"], "raw_start": para["start"], "raw_end": para["end"],
               "text": para["text"], **decision, "start": None, "end": None}
        if decision["decision"] == "body":
            if pieces:
                cursor += len(PARAGRAPH_SEPARATOR)
            row["start"], row["end"] = cursor, cursor + len(para["text"])
            cursor = row["end"]
            pieces.append(para["text"])
        audit.append(row)
    return PARAGRAPH_SEPARATOR.join(pieces) + "\n", audit


def clean_article(ingested: dict, title: str, cues: dict, settings: dict) -> tuple[str, dict]:
    """Return (clean text, audit); the audit keeps every paragraph so each removal can be reviewed."""
    paragraphs = ingested["paragraphs"]
    decisions, authors = classify_paragraphs(paragraphs, title, cues, settings)
    text, audit = assemble(paragraphs, decisions)
    return text, {"article_id": ingested["article_id"], "paragraphs": audit, "authors_from_bios": authors}


def score_body_decisions(audit_rows: list[dict], reference: dict, source="reference") -> tuple[int, int, int]:
    """(tp, fp, fn) of the paragraph-level body decision, body being the positive class.

    Each reference paragraph carries a text prefix, so a reference that no longer matches
    the ingested paragraphs fails loudly instead of scoring the wrong paragraph.
    """
    by_index = {int(row["paragraph"]): row for row in audit_rows}
    expected = reference.get("paragraphs") or []
    if sorted(by_index) != sorted(int(p["paragraph"]) for p in expected):
        raise InputError(source, f"annotates paragraphs that differ from the {len(by_index)} ingested ones",
                         "re-annotate the article: one entry per paragraph of data/interim/paragraphs/<id>.json")
    tp = fp = fn = 0
    for item in expected:
        row = by_index[int(item["paragraph"])]
        if not row["text"].startswith(item["prefix"]):
            raise InputError(source, f"paragraph {item['paragraph']} should start {item['prefix']!r} "
                             f"but the ingested text starts {row['text'][:40]!r}",
                             "re-annotate the article (its text or paragraph split changed)")
        predicted, wanted = row["decision"] == "body", item["decision"] == "body"
        tp += predicted and wanted
        fp += predicted and not wanted
        fn += wanted and not predicted
    return tp, fp, fn
