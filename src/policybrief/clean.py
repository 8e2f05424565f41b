"""Stage 2 — clean: keep the author's body text, remove page furniture, and audit every decision.

A saved page is a column of paragraphs: header chrome, the article (with headings,
captions and pull quotes mixed in), then footer chrome, bios, notes and teasers of
other stories. The decision per paragraph combines three kinds of evidence, so that it
carries over to outlets never seen:

1. lexical cues (config/cleaning.yaml), tried on short paragraphs only, and their
   neighbourhood (a caption next to a bare "Credit: X", the gaps inside a donation appeal);
2. layout: prose paragraphs group into blocks; the article is the span of blocks that
   are on-topic, so short lines inside it are headings (body) and lines outside it are chrome;
   a "Related stories" heading followed by a list (each paragraph under its own headline),
   or a headline printed twice (an appended story), ends the article even on its topic;
3. topicality: a block of prose whose TF-IDF vector is unlike the article's main block
   and that sits before or after the article is a teaser of another story, unless only
   in-text furniture (an image, an ad) separates it from the article.
"""

from __future__ import annotations

import collections
import itertools
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .config import load_checked
from .conventions import comparable
from .errors import InputError

REASONS = (
    "navigation",
    "caption",
    "teaser",
    "subscription",
    "bio",
    "byline",
    "disclaimer",
    "references",
    "duplicate_title",
    "duplicate",
)
# Order matters: the first list whose cue matches gives the reason.
CUE_REASONS = ("disclaimer", "subscription", "caption", "navigation")
CUES_SOURCE = "config/cleaning.yaml (resources.cleaning_cues)"
PARAGRAPH_SEPARATOR = "\n\n"

_SENTENCE_END = re.compile(r"[.!?…:”\"’)\]]$")
_NOTE_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})\.?|\((\d{1,3})\))\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-])*\.?|[A-Z](?:\.[A-Z])*\.?)"  # Jane, O'Brien, D., J.R.
_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|van|von|der|bin|al|da|di|le|la)){{1,4}}")
_BY = re.compile(r"^\s*(?:(?:written|words)\s+)?by\s", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
# a note number printed as plain text after a word or its punctuation: "court order.1 The"
_SUPERSCRIPT = re.compile(r"[^\W\d_][.,;:”’\")]?([0-9]+)(?=\s|$)")
_BRACKET_CITATION = re.compile(r"\[([0-9]+)\]")
# a photo caption closes with ", <place>, <date>": "..., Vladivostok, July 2022."
_CAPTION_DATE = re.compile(r"(?<!\d),\s+(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2}\W?$")
_BYLINE_END = re.compile(r"\s(?:for|from|at|in|of|on)\s|\s[|–—-]\s|\d")
_BARE_CREDIT = re.compile(r"^\W*(?:photo|image|picture|photograph|credit|source|courtesy)", re.IGNORECASE)
_FIGURE_NOTE = re.compile(r"^(?:sources?|notes?)\s*:", re.IGNORECASE)
# Furniture that is printed in runs (a donation appeal, an institution's disclaimer): short gaps
# inside such a run are part of it.
RUN_REASONS = ("subscription", "disclaimer")
RUN_MAX_GAP = 2
BARE_CREDIT_MAX_WORDS = 8
# A teaser's standfirst (or a reader's comment) under its headline is at most this long.
LIST_ITEM_MAX_WORDS = 50
RUNNING_LINE_MAX_WORDS = 12
RUNNING_LINE_MIN_REPEATS = 3
# Another story's headline is printed twice within this many lines (above and below its image).
STORY_HEADLINE_REPEAT = 4
# Furniture printed inside an article's text; a block beyond only such lines may continue the article.
CONTINUATION_GAP = ("navigation", "caption", "subscription", "duplicate")


@dataclass(frozen=True)
class Cues:
    by_reason: dict
    byline: tuple
    bio: re.Pattern
    bio_roles: re.Pattern
    role_word: re.Pattern
    bio_career: re.Pattern
    bio_neighbours: tuple
    teaser_heading: tuple
    opening_heading: tuple
    references_heading: tuple
    citation: tuple
    stopwords: frozenset


def load_cues(path) -> dict:
    """Read, schema-check (config/cleaning.schema.yaml) and compile the cue file."""
    cues = load_checked(path, "cleaning", what="cleaning cue file")
    compile_cues(cues, path)
    return cues


def _patterns(cues: dict, key: str, source) -> tuple:
    entries = cues.get(key)
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise InputError(
            source,
            f"`{key}` must be a list of regular expressions",
            f"write `{key}:` followed by `- 'pattern'` lines (see the comments in that file)",
        )
    compiled = []
    for entry in entries:
        try:
            compiled.append(re.compile(entry, re.IGNORECASE))
        except re.error as err:
            raise InputError(
                source,
                f"`{key}` cue {entry!r} is not a valid regular expression ({err})",
                "fix or remove that pattern (quote it in single quotes in YAML)",
            ) from None
    return tuple(compiled)


def compile_cues(cues: dict, source=CUES_SOURCE) -> Cues:
    """Compile the cue lists; a malformed file is an InputError naming the list, not a traceback."""
    if not isinstance(cues, dict):
        raise InputError(source, "is not a mapping of cue lists", "restore it from git")
    verbs = "|".join(re.escape(v) for v in _words_list(cues, "bio_verbs", source))
    roles = "|".join(re.escape(r) for r in _words_list(cues, "bio_roles", source))
    career = "|".join(re.escape(v) for v in _words_list(cues, "bio_career_verbs", source))
    return Cues(
        by_reason={reason: _patterns(cues, reason, source) for reason in CUE_REASONS},
        byline=_patterns(cues, "byline", source),
        bio=re.compile(rf"^({_NAME.pattern}),?\s+(?:{verbs})\s"),
        bio_roles=re.compile(rf"\b(?:{roles})", re.IGNORECASE),
        role_word=re.compile(rf"\b(?:{roles})s?\b", re.IGNORECASE),
        bio_career=re.compile(rf"^({_NAME.pattern})(?:,[^,]{{1,40}},)?\s+(?:{career})\s"),
        bio_neighbours=_patterns(cues, "bio_neighbours", source),
        teaser_heading=_patterns(cues, "teaser_heading", source),
        opening_heading=_patterns(cues, "opening_heading", source),
        references_heading=_patterns(cues, "references_heading", source),
        citation=_patterns(cues, "citation", source),
        stopwords=frozenset(w.casefold() for w in _words_list(cues, "stopwords", source)),
    )


def _words_list(cues: dict, key: str, source) -> list[str]:
    entries = cues.get(key)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        raise InputError(
            source,
            f"`{key}` must be a non-empty list of words",
            f"write `{key}: [word, ...]` (see the comments in that file)",
        )
    return entries


def _any(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


# ---------------------------------------------------------------- topicality
class _Vectors:
    """Row-normalised sublinear TF-IDF vectors of the paragraphs (and the headline), stored sparsely.

    numpy only, because the job runs once per article. A dense paragraphs x vocabulary matrix
    grows with the square of an article's length (1.4 s at 1 MB, 4.5 s at 2 MB); each row here
    holds only its own terms, and block sums add only the terms of their rows.
    """

    def __init__(self, docs: list[list[str]]):
        vocab: dict[str, int] = {}
        counted = [Counter(vocab.setdefault(w, len(vocab)) for w in doc) for doc in docs]
        self.size = max(len(vocab), 1)
        self.terms = [np.fromiter(c.keys(), dtype=np.intp, count=len(c)) for c in counted]
        df = np.bincount(np.concatenate([*self.terms, np.zeros(0, dtype=np.intp)]), minlength=self.size)
        idf = np.log((1 + len(docs)) / (1 + df)) + 1
        self.weights = []
        for c, terms in zip(counted, self.terms, strict=True):
            w = (1 + np.log(np.fromiter(c.values(), dtype=float, count=len(c)))) * idf[terms]
            norm = np.sqrt((w * w).sum())
            self.weights.append(w / norm if norm else w)

    def dense(self, rows: list[int]) -> np.ndarray:
        """The sum of `rows` as a full vector (for the few vectors compared with every block)."""
        out = np.zeros(self.size)
        for r in rows:
            np.add.at(out, self.terms[r], self.weights[r])
        return out

    def shares_terms(self, row: int, dense: np.ndarray) -> bool:
        return bool((dense[self.terms[row]] > 0).any())

    def cosine(self, rows: list[int], dense: np.ndarray) -> float:
        """Cosine between the sum of `rows` and a full vector."""
        terms = np.concatenate([self.terms[r] for r in rows])
        weights = np.concatenate([self.weights[r] for r in rows])
        unique, where = np.unique(terms, return_inverse=True)
        summed = np.bincount(where, weights=weights, minlength=len(unique))
        na, nb = np.sqrt((summed * summed).sum()), np.linalg.norm(dense)
        return float(summed @ dense[unique] / (na * nb)) if na and nb else 0.0


def _terms(text: str, stopwords: frozenset) -> list[str]:
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    # crude plural folding is enough to match "sanctions"/"sanction" across paragraphs
    return [
        w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if len(w) > 2 and w not in stopwords
    ]


# ---------------------------------------------------------------- cue detectors
def _references(texts: list[str], cues: Cues) -> set[int]:
    """Notes/reference lists: after a 'References' heading, or a numbered run that cites or is cited.

    A single note that is both cited above and reads as a citation counts too: a PDF prints
    each page's footnotes at the foot of that page, inside the text.
    """
    marked: set[int] = set()
    first_cited = _first_citations(texts)
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
        cited = sum(1 for k in range(1, len(run) + 1) if first_cited.get(str(k), i) < i)
        citing = sum(1 for j in run if _any(cues.citation, texts[j]))
        if cited * 3 >= len(run) or citing * 2 >= len(run):
            marked.update(run)
        i += len(run)
    for i, text in enumerate(texts):
        m = _NOTE_MARKER.match(text)
        if (
            m
            and i not in marked
            and _any(cues.citation, text)
            and first_cited.get(str(int(next(g for g in m.groups() if g))), i) < i
        ):
            marked.add(i)
    return marked


def _first_citations(texts: list[str]) -> dict[str, int]:
    """Note number -> index of the first paragraph citing it ("[3]", or "court order.3 The").

    One pass over the text instead of a search of everything above each numbered note, which
    grew with the square of a long, numbered text. A citation never spans two paragraphs.
    """
    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        for pattern in (_BRACKET_CITATION, _SUPERSCRIPT):
            for m in pattern.finditer(text):
                first.setdefault(m.group(1), i)
    return first


def _byline_names(text: str) -> list[str]:
    rest = _BY.sub("", text)
    rest = _BYLINE_END.split(rest, maxsplit=1)[0]
    return [n for n in _BYLINE_SPLIT.split(rest) if _NAME.fullmatch(n.strip())]


def _name_line(text: str) -> bool:
    return bool(_NAME.fullmatch(text.strip()))


def _role_line(text: str, words: int, cue: Cues, settings: dict) -> bool:
    """An author card's title line: "Senior Fellow - Foreign Policy"."""
    return (
        words < settings["min_body_words"] + 4
        and bool(cue.role_word.search(text))
        and not _SENTENCE_END.search(text)
    )


# ---------------------------------------------------------------- classification
def _prose(text: str, words: int, settings: dict) -> bool:
    return words >= settings["min_body_words"] and (
        bool(_SENTENCE_END.search(text)) or words >= settings["long_paragraph_words"]
    )


def _blocks(prose_idx: list[int], removed: list[bool], gap: int) -> list[list[int]]:
    """Group prose paragraphs; `gap` non-prose lines in a row, or any furniture line, start a new block.

    Splitting too often is harmless (on-topic blocks are all kept); merging a teaser into the
    article is not, hence furniture such as "Read more" always separates.
    """
    blocks: list[list[int]] = []
    for i in prose_idx:
        if blocks and i - blocks[-1][-1] - 1 < gap and not any(removed[blocks[-1][-1] + 1 : i]):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _next_story(texts: list[str], reason: list, prose: set[int], after: int) -> int:
    """Index where another story starts after the article: its headline printed twice within a few lines.

    Pages that append whole stories ("keep reading") print each headline above and below its
    image (one of the two may pass for that image's caption); the article's own headings are
    printed once, ads and buttons repeat but carry cues. Returns len(texts) when none is found.
    """
    lines = {}
    for i in range(after + 1, len(texts)):
        if reason[i] in (None, "caption") and i not in prose and _LETTER.search(texts[i]):
            key = comparable(texts[i])
            if key in lines and i - lines[key] <= STORY_HEADLINE_REPEAT:
                return lines[key]
            lines[key] = i
    return len(texts)


def _closing_list_end(texts: list[str], reason: list, prose: set[int], last: int) -> int:
    """Extend the article over a list that closes it ("Japan should:" and its short, unpunctuated items)."""
    n = len(texts)
    if texts[last].endswith(":") or (
        last + 1 < n and reason[last + 1] is None and texts[last + 1].endswith(":")
    ):
        while last + 1 < n and reason[last + 1] is None and last + 1 not in prose:
            last += 1
    return last


def _header_lines(prose: list[int], first: int, main_start: int, reason: list) -> set[int]:
    """Lines above the main text, between two prose paragraphs, in a gap holding a byline or date:
    page header.

    A standfirst above the byline makes the article span start early; the label, date and
    caption lines between it and the text are still chrome, which the byline gives away.
    """
    inside = [i for i in prose if first <= i <= main_start]
    header: set[int] = set()
    for a, b in itertools.pairwise(inside):
        if any(r == "byline" for r in reason[a + 1 : b]):
            header.update(range(a + 1, b))
    return header


def _continuations(
    blocks, flags: list[bool], similarity: list[float], threshold: float, reason: list, heading: list[bool]
) -> list[bool]:
    """A block cut off from the article only by in-text furniture continues it on less topical evidence.

    An image (its caption and credit) never ends the text; an ad or an inline "Read more: ..."
    link rarely does, so half the similarity is enough; a headline line, a byline or a "Related
    stories" heading announces another story. Short blocks have noisy TF-IDF vectors, and
    this keeps a short closing section that sits after an image.

    Spread outwards from the flagged blocks, one neighbour at a time: the set reached is the same
    as that of sweeping all blocks until nothing changes, without a sweep per block.
    """
    flags = list(flags)
    queue = collections.deque(k for k, flagged in enumerate(flags) if flagged)
    while queue:
        m = queue.popleft()
        for k in (m - 1, m + 1):
            if (
                0 <= k < len(blocks)
                and not flags[k]
                and _continues_across(blocks[k], blocks[m], similarity[k], threshold, reason, heading)
            ):
                flags[k] = True
                queue.append(k)
    return flags


def _continues_across(block, flagged, similarity: float, threshold: float, reason, heading) -> bool:
    """Whether `block` continues the neighbouring article block `flagged` across the lines between."""
    gap = range(min(block[-1], flagged[-1]) + 1, max(block[0], flagged[0]))
    kinds = {reason[g] for g in gap}
    return not any(heading[g] for g in gap) and (
        kinds <= {"caption"} or (kinds <= set(CONTINUATION_GAP) and similarity >= threshold / 2)
    )


def _list_shaped(block: list[int], words: list[int]) -> bool:
    """Short paragraphs, no two adjacent: each sits under its own headline line, as in a list of stories.

    (A section of one long paragraph under each heading is an article, not a list.)
    """
    return all(b - a > 1 for a, b in itertools.pairwise(block)) and all(
        words[i] <= LIST_ITEM_MAX_WORDS for i in block
    )


def _listed(k: int, blocks: list[list[int]], heading: list[bool], words: list[int]) -> bool:
    """A teaser list: paragraphs each under its own headline line, below a "Most read" heading.

    Such a list can outweigh a short article, so it never serves as the article's main block.
    Blocks are in text order, so the lines above block k start after block k - 1.
    """
    block, previous = blocks[k], blocks[k - 1][-1] if k else -1
    return len(block) > 1 and _list_shaped(block, words) and any(heading[previous + 1 : block[0]])


def _drop_listed_teasers(
    on_topic: list[list[int]], main: list[int], heading: list[bool], headline: int, words: list[int]
) -> list[list[int]]:
    """A "Related stories" heading after the article, or above its headline, opens a teaser list,
    on-topic or not.

    After the article, a block under such a heading is a teaser when it is shaped like a list;
    adjacent paragraphs mean the article resumes after an inline box, and the heading is forgotten.
    Above the article's headline (a sidebar saved first) any block under such a heading is a teaser.
    """
    kept, listed, previous = [], False, main[-1]
    for k, block in enumerate(on_topic):
        if block[-1] < headline < main[0]:
            start = on_topic[k - 1][-1] + 1 if k else 0
            if not any(heading[start : block[0]]):
                kept.append(block)
            continue
        if block[0] <= main[-1]:
            kept.append(block)
            continue
        listed = listed or any(heading[previous + 1 : block[0]])
        if listed and _list_shaped(block, words):
            continue
        kept.append(block)
        listed, previous = False, block[-1]
    return kept


def _title_lines(texts: list[str], words: list[int], title: str, reason: list) -> None:
    norm_title = comparable(title)
    for i, text in enumerate(texts):
        if comparable(text) == norm_title:
            reason[i] = "duplicate_title"
        elif (
            norm_title
            and norm_title in comparable(text)
            and not _SENTENCE_END.search(text)
            and words[i] <= 3 * len(norm_title.split())
        ):
            reason[i] = "navigation"  # masthead line: site name + slogan + headline


def _cue_pass(
    texts: list[str], words: list[int], cue: Cues, settings: dict, reason: list, authors: dict[int, list[str]]
) -> dict[int, str]:
    """Set cue reasons on short paragraphs; return bio candidates {index: name}.

    Bio candidates are decided by position later."""
    bio_name: dict[int, str] = {}
    surnames: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if reason[i] or words[i] > settings["cue_max_words"]:
            continue
        if not _LETTER.search(text):  # "* * *", "—", page numbers
            reason[i] = "navigation"
            continue
        reason[i] = next((r for r in CUE_REASONS if _any(cue.by_reason[r], text)), None)
        if reason[i] is None and words[i] <= settings["byline_max_words"] and _any(cue.byline, text):
            names = _byline_names(text) if _BY.match(text) else []
            if names or not _BY.match(text):  # "By 2030, ..." is a sentence, not a byline
                reason[i] = "byline"
                authors[i] = names
        m = cue.bio.match(text)
        if (reason[i] is None and m and cue.bio_roles.search(text)) or (
            reason[i] is None
            and (m := cue.bio_career.match(text))
            and not _mentioned_elsewhere(m.group(1), i, texts, words, reason, settings, surnames)
        ):
            bio_name[i] = m.group(1)
    return bio_name


def _mentioned_elsewhere(name: str, i: int, texts, words, reason, settings, found: dict) -> bool:
    """An author's bio names someone the article itself does not discuss ("Putin covers ..." would).

    `found` keeps, per surname, the paragraphs naming it: a long text has many bio-like lines
    about the same few people, and each would otherwise search the whole text again.
    """
    surname = name.split()[-1]
    if surname not in found:
        pattern = re.compile(rf"\b{re.escape(surname)}\b")
        found[surname] = [j for j, t in enumerate(texts) if pattern.search(t)]
    return any(
        j != i and reason[j] is None and words[j] >= settings["min_body_words"] for j in found[surname]
    )


def _running_lines(texts: list[str], words: list[int], reason: list) -> None:
    """A short line printed three times or more is a running header or footer (a PDF's page chrome),
    not a heading."""
    keys = [
        comparable(t) if reason[i] is None and 2 <= words[i] <= RUNNING_LINE_MAX_WORDS else None
        for i, t in enumerate(texts)
    ]
    counts = Counter(k for k in keys if k)
    for i, key in enumerate(keys):
        if key and counts[key] >= RUNNING_LINE_MIN_REPEATS:
            reason[i] = "navigation"


def _fill_runs(reason: list) -> None:
    """Close short gaps inside a run of run-printed furniture, e.g. a multi-paragraph donation appeal."""
    marked = [i for i, r in enumerate(reason) if r in RUN_REASONS]
    for a, b in itertools.pairwise(marked):
        if (
            1 < b - a <= RUN_MAX_GAP + 1
            and reason[a] == reason[b]
            and all(r is None for r in reason[a + 1 : b])
        ):
            for j in range(a + 1, b):
                reason[j] = reason[a]


def _captions_by_credit(texts, words, cue: Cues, settings: dict, reason: list) -> None:
    """A caption without a credit cue sits next to a bare credit line ("Credit: X") or above a
    figure's "Source:".

    Only a paragraph wedged between the credit and other furniture (a byline, a date), or one
    closing like a caption (", Vladivostok, July 2022."), counts, so the first or last paragraph
    of the text next to an image credit stays body.
    """
    n = len(texts)
    for j in range(n):
        bare = (
            reason[j] == "caption"
            and words[j] <= BARE_CREDIT_MAX_WORDS
            and (_BARE_CREDIT.match(texts[j]) or words[j] <= BARE_CREDIT_MAX_WORDS // 2)
        )
        note = (
            _FIGURE_NOTE.match(texts[j])
            and j > 0
            and reason[j - 1] is None
            and not _prose(texts[j - 1], words[j - 1], settings)
        )
        if note:
            reason[j - 1] = "caption"
        if not bare:
            continue
        for i, k in ((j - 1, j - 2), (j + 1, j + 2)):
            if (
                0 <= i < n
                and reason[i] is None
                and words[i] <= settings["cue_max_words"]
                and ((0 <= k < n and reason[k] is not None) or _CAPTION_DATE.search(texts[i]))
            ):
                reason[i] = "caption"


def _layout_pass(texts, words, title, cue: Cues, settings: dict, reason: list, bio_name: dict) -> None:
    """Decide every paragraph the cues left open, from the span of on-topic prose blocks."""
    n = len(texts)
    prose = [
        i
        for i in range(n)
        if reason[i] is None and i not in bio_name and _prose(texts[i], words[i], settings)
    ]
    blocks = _blocks(prose, [r is not None for r in reason], settings["block_gap"])
    if not blocks:  # nothing reads like an article: keep what cues left
        for i in range(n):
            reason[i] = reason[i] or "body"
        return
    vectors = _Vectors([_terms(t, cue.stopwords) for t in [*texts, title]])
    heading = [_any(cue.teaser_heading, t) for t in texts]
    headline_vector = vectors.dense([n])
    titled = [vectors.shares_terms(i, headline_vector) for i in range(n)]  # a content word of the headline
    main = blocks[
        max(
            range(len(blocks)),
            key=lambda k: (
                not _listed(k, blocks, heading, words),
                sum(words[i] for i in blocks[k]) * (2 if any(titled[i] for i in blocks[k]) else 1),
                -blocks[k][0],
            ),
        )
    ]
    centre = vectors.dense(main)
    threshold = settings["min_topic_similarity"]
    similarity = [1.0 if b is main else vectors.cosine(b, centre) for b in blocks]
    flags = _continuations(
        blocks, [s >= threshold for s in similarity], similarity, threshold, reason, heading
    )
    headline_above_main = max((i for i in range(main[0]) if reason[i] == "duplicate_title"), default=-1)
    story_break = _next_story(texts, reason, set(prose), main[-1])
    on_topic = _drop_listed_teasers(
        [b for b, f in zip(blocks, flags) if f and b[0] < story_break],
        main,
        heading,
        headline_above_main,
        words,
    )
    first, last = on_topic[0][0], on_topic[-1][-1]
    last = _closing_list_end(texts, reason, set(prose), last)
    teasers = [b for b in blocks if b[-1] < first or b[0] > last]
    for i in (i for b in teasers for i in b):
        reason[i] = "teaser"
    teasers_end = max((b[-1] for b in teasers), default=-1)
    header = _header_lines(prose, first, main[0], reason)
    headline = max((i for i in range(first) if reason[i] == "duplicate_title"), default=-1)
    for i in range(n):
        if reason[i]:
            continue
        if first <= i <= last and i not in header:
            reason[i] = "body"  # headings, short sentences, inline bios
        elif (i == first - 1 or i in header) and _any(cue.opening_heading, texts[i]):
            reason[i] = "body"  # "Abstract" right above the text
        elif i in bio_name:
            reason[i] = "bio"
        elif (
            headline < i < first
            and words[i] >= settings["min_body_words"]
            and max(vectors.cosine([i], centre), vectors.cosine([i], headline_vector)) >= threshold
        ):
            reason[i] = "body"  # standfirst / subtitle above the text
        elif last < i < teasers_end:
            reason[i] = "teaser"  # title/label lines of an appended story
        else:
            reason[i] = "navigation"


def classify_paragraphs(
    paragraphs: list[dict], title: str, cues: dict, settings: dict
) -> tuple[list[dict], list[str]]:
    """Return (one {"decision", "reason"} per paragraph, author names found in bylines/bios)."""
    cue = compile_cues(cues)
    texts = [p["text"] for p in paragraphs]
    words = [len(t.split()) for t in texts]
    reason: list[str | None] = [None] * len(texts)
    bylines: dict[int, list[str]] = {}

    _title_lines(texts, words, title, reason)
    for i in _references(texts, cue):
        reason[i] = reason[i] or "references"
    bio_name = _cue_pass(texts, words, cue, settings, reason, bylines)
    _fill_runs(reason)
    _running_lines(texts, words, reason)
    _captions_by_credit(texts, words, cue, settings, reason)
    _layout_pass(texts, words, title, cue, settings, reason, bio_name)
    for i in bylines:  # "By ..." under a teaser's headline
        if 0 < i < len(texts) - 1 and reason[i - 1] == reason[i + 1] == "teaser":
            reason[i] = "teaser"
    authors = [name for i in sorted(bylines) if reason[i] == "byline" for name in bylines[i]]
    for i, text in enumerate(texts):  # bare author-name lines next to "View profile", a role, a bio
        if (
            reason[i] not in ("body", "bio", "byline")
            and _name_line(text)
            and any(
                0 <= j < len(texts)
                and reason[j] != "body"
                and (
                    _any(cue.bio_neighbours, texts[j])
                    or _role_line(texts[j], words[j], cue, settings)
                    or (reason[j] == "bio" and bio_name.get(j) == text.strip())
                )
                for j in (i - 1, i + 1)
            )
        ):
            reason[i] = "bio"
            bio_name[i] = text.strip()
    authors.extend(bio_name[i] for i in sorted(bio_name) if reason[i] == "bio")
    _mark_duplicates(texts, reason, settings["min_body_words"])

    decisions = [{"decision": "body" if r == "body" else "removed", "reason": r} for r in reason]
    return decisions, _unique_names(authors)


def _unique_names(names: list[str]) -> list[str]:
    """Each author once, in order of appearance; "JANE DOE" from a byline yields to "Jane Doe" from a bio."""
    unique: dict[str, str] = {}
    for name in (n.strip() for n in names):
        key = name.casefold()
        if key not in unique or unique[key].isupper():
            unique[key] = name
    return list(unique.values())


def _mark_duplicates(texts: list[str], reason: list[str], min_words: int) -> None:
    """Pull quotes and repeated blocks: body text printed again in full elsewhere in the body.

    A paragraph is a duplicate when its comparable text lies inside another body paragraph's
    (a longer one, or an earlier copy). Comparing every pair grows with the square of the
    article (3.5 s at 2 MB), so only paragraphs that hold the rarest pair of consecutive inner
    words are compared: inside another text, every word but the first and the last (which may be
    cut mid-word) is a whole word of it, next to the same neighbours.
    """
    body = [i for i, r in enumerate(reason) if r == "body"]
    norms = {i: comparable(texts[i]) for i in body}
    words = {i: norms[i].split() for i in body}
    holding: dict[tuple[str, str], list[int]] = {}
    for i in body:
        for pair in dict.fromkeys(itertools.pairwise(words[i])):
            holding.setdefault(pair, []).append(i)
    for i in body:
        if len(words[i]) < min_words:
            continue
        inner = list(itertools.pairwise(words[i][1:-1]))
        candidates = min((holding[pair] for pair in inner), key=len) if inner else body
        for j in candidates:
            if (
                j != i
                and reason[j] == "body"
                and norms[i] in norms[j]
                and (len(norms[i]) < len(norms[j]) or j < i)
            ):
                reason[i] = "duplicate"
                break


def has_body(audit: dict, settings: dict) -> bool:
    """Whether cleaning kept any prose. A page of menus, buttons and sign-up lines has nothing that
    reads like an article, and the layout pass then keeps whatever the cues left: every line would
    count as body text, so "kept something" is not enough."""
    return any(
        row["decision"] == "body" and _prose(row["text"], len(row["text"].split()), settings)
        for row in audit["paragraphs"]
    )


def no_body_error(path, audit: dict) -> InputError:
    lines = [row["text"] for row in audit["paragraphs"]]
    shown = " / ".join(lines[:5]) + (" / ..." if len(lines) > 5 else "")
    return InputError(
        path,
        f"has no article text: none of its {len(lines)} paragraph(s) reads as prose ({shown[:160]})",
        "save the article's own text into the file (the page may have been saved before it loaded, "
        "or behind a paywall or cookie notice), or remove the file and its registry record",
    )


def assemble(paragraphs: list[dict], decisions: list[dict]) -> tuple[str, list[dict]]:
    """Join body paragraphs into the clean text; record where each lands in it."""
    pieces, audit, cursor = [], [], 0
    for para, decision in zip(paragraphs, decisions, strict=True):
        row = {
            "paragraph": para["index"],
            "raw_start": para["start"],
            "raw_end": para["end"],
            "text": para["text"],
            **decision,
            "start": None,
            "end": None,
        }
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
