"""Layout: the paragraphs the cues left open, decided from where they sit.

Prose paragraphs group into blocks; the article is the span of blocks that are on-topic (see
topicality.py), so short lines inside it are headings (body) and lines outside it are chrome.
A "Related stories" heading followed by a list (each paragraph under its own headline), or a
headline printed twice (an appended story), ends the article even on its topic. Cue neighbourhoods
are decided here too: a caption next to a bare "Credit: X", the gaps inside a donation appeal,
running lines printed on every page."""

from __future__ import annotations

import collections
import itertools
import re
from collections import Counter

from ..conventions import comparable
from .cues import LETTER, SENTENCE_END, Cues, any_cue
from .topicality import Vectors, terms

# a photo caption closes with ", <place>, <date>": "..., Vladivostok, July 2022."
_CAPTION_DATE = re.compile(r"(?<!\d),\s+(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2}\W?$")
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


def is_prose(text: str, words: int, settings: dict) -> bool:
    return words >= settings["min_body_words"] and (
        bool(SENTENCE_END.search(text)) or words >= settings["long_paragraph_words"]
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
        if reason[i] in (None, "caption") and i not in prose and LETTER.search(texts[i]):
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


def title_lines(texts: list[str], words: list[int], title: str, reason: list) -> None:
    norm_title = comparable(title)
    for i, text in enumerate(texts):
        if comparable(text) == norm_title:
            reason[i] = "duplicate_title"
        elif (
            norm_title
            and norm_title in comparable(text)
            and not SENTENCE_END.search(text)
            and words[i] <= 3 * len(norm_title.split())
        ):
            reason[i] = "navigation"  # masthead line: site name + slogan + headline


def running_lines(texts: list[str], words: list[int], reason: list) -> None:
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


def fill_runs(reason: list) -> None:
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


def captions_by_credit(texts, words, cue: Cues, settings: dict, reason: list) -> None:
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
            and not is_prose(texts[j - 1], words[j - 1], settings)
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


def _main_block(blocks: list[list[int]], heading: list[bool], words: list[int], titled: list[bool]):
    """The article's main block: not a listed teaser, the most words (doubled when it shares a
    content word with the headline), the earliest on a tie."""
    return blocks[
        max(
            range(len(blocks)),
            key=lambda k: (
                not _listed(k, blocks, heading, words),
                sum(words[i] for i in blocks[k]) * (2 if any(titled[i] for i in blocks[k]) else 1),
                -blocks[k][0],
            ),
        )
    ]


def layout_pass(texts, words, title, cue: Cues, settings: dict, reason: list, bio_name: dict) -> None:
    """Decide every paragraph the cues left open, from the span of on-topic prose blocks."""
    n = len(texts)
    prose = [
        i
        for i in range(n)
        if reason[i] is None and i not in bio_name and is_prose(texts[i], words[i], settings)
    ]
    blocks = _blocks(prose, [r is not None for r in reason], settings["block_gap"])
    if not blocks:  # nothing reads like an article: keep what cues left
        for i in range(n):
            reason[i] = reason[i] or "body"
        return
    vectors = Vectors([terms(t, cue.stopwords) for t in [*texts, title]])
    heading = [any_cue(cue.teaser_heading, t) for t in texts]
    headline_vector = vectors.dense([n])
    titled = [vectors.shares_terms(i, headline_vector) for i in range(n)]  # a content word of the headline
    main = _main_block(blocks, heading, words, titled)
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
        elif (i == first - 1 or i in header) and any_cue(cue.opening_heading, texts[i]):
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
