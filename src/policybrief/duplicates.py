"""Duplicate and near-duplicate articles, found at start-up among every article of a registry.

The same article registered twice would count as two sources agreeing with each other. Copies
are rarely byte-identical: a second save adds a trailing newline, indents a line, or differs in
a footer or a fixed typo. Two checks:

1. exact: the SHA-256 of the whitespace-normalised text (every run of whitespace one space);
2. near: the Jaccard similarity of the sets of three-word sequences (shingles; case and quotation
   mark style folded) of texts of at least NEAR_MIN_CHARS characters, NEAR_THRESHOLD or more. One
   changed word changes three shingles, so a text of n words with k words changed scores about
   (n - 3k) / (n + 3k): one changed word is caught from about 120 words on, and up to one in 120
   (eight in a 1000-word article, or a changed footer) in longer texts.

Cost: the registry of 1000 articles is checked at every Snakemake start. Each text's fingerprint
(exact key, shingle count, "prefix") is computed once and kept in the start-up cache
(checkcache.py) under the file's hash. Pairs are found by prefix filtering (Chaudhuri et al.
2006): in any fixed order of all shingles (here: by a 64-bit hash), two sets with Jaccard >= t
share one of the first |x| - ceil(t|x|) + 1 shingles of each (their "prefix"), and their sizes
differ by less than a factor t; how many they share bounds the overlap further (could_be_near).
Only pairs passing these exact bounds have their full shingle sets compared, so no pair is
missed, and a start that adds no article compares nothing.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import zlib
from dataclasses import dataclass

import numpy as np

NEAR_THRESHOLD = 0.95
NEAR_MIN_CHARS = 200
SHINGLE_WORDS = 3


def _word_codes(text: str) -> np.ndarray:
    """A stable 32-bit code per word (CRC-32), case and quotation-mark style folded: a page saved
    twice may come with straight quotes once and curly ones the other time. C-level calls only:
    per-word Python code would cost a second per start at N = 1000."""
    folded = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()
    words = folded.split()
    return np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the combined codes over 64 bits, so their order is random."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's three-word sequences; the same in every process
    (Python's hash() is salted), so prefixes can be cached. Fewer words: the whole text as one."""
    codes = _word_codes(text)
    if len(codes) < SHINGLE_WORDS:
        codes = np.concatenate([codes, np.zeros(SHINGLE_WORDS - len(codes), dtype=np.uint64)])
    with np.errstate(over="ignore"):
        combined = codes[: len(codes) - 2] * np.uint64(0x9E3779B97F4A7C15)
        combined = _mix(combined) ^ codes[1 : len(codes) - 1]
        combined = _mix(combined) ^ (codes[2:] << np.uint64(32))
        return np.unique(_mix(combined))


@dataclass(frozen=True)
class Fingerprint:
    """What the duplicate checks need of one text; plain data, so it can be cached as JSON."""

    key: str  # sha256 of the whitespace-normalised text
    size: int  # number of distinct shingles; 0 below NEAR_MIN_CHARS (exact check only)
    prefix: tuple[int, ...]  # the smallest shingle hashes, ascending

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        normalised = " ".join(text.split())
        key = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
        if len(normalised) < NEAR_MIN_CHARS:
            return cls(key, 0, ())
        hashes = shingle_hashes(text)
        return cls(key, len(hashes), tuple(int(h) for h in hashes[: prefix_length(len(hashes))]))

    def as_json(self) -> list:
        return [self.key, self.size, list(self.prefix)]

    @classmethod
    def from_json(cls, data) -> Fingerprint:
        key, size, prefix = data
        return cls(str(key), int(size), tuple(int(p) for p in prefix))


def prefix_length(size: int, threshold: float = NEAR_THRESHOLD) -> int:
    return size - math.ceil(threshold * size) + 1


def min_overlap(size_a: int, size_b: int, threshold: float = NEAR_THRESHOLD) -> int:
    """Jaccard >= t  <=>  |A & B| >= t / (1 + t) * (|A| + |B|)."""
    return math.ceil(threshold / (1 + threshold) * (size_a + size_b) - 1e-9)


def could_be_near(a: Fingerprint, b: Fingerprint, shared: int, threshold: float = NEAR_THRESHOLD) -> bool:
    """Whether two texts whose prefixes share `shared` hashes can have Jaccard >= threshold
    (prefix and positional filter: never wrong when it says no).

    Below tau, the smaller of the two prefixes' largest hashes, both prefixes hold every shingle of
    their set, so the shared prefix hashes are exactly the shared shingles below tau. A set X lacks
    at most |X| - overlap of the other's shingles, so at most that many of its shingles below tau
    can be unshared.
    """
    if not shared:
        return False
    tau = min(a.prefix[-1], b.prefix[-1])
    need = min_overlap(a.size, b.size, threshold)
    below_a = bisect.bisect_right(a.prefix, tau)
    below_b = bisect.bisect_right(b.prefix, tau)
    return shared >= max(below_a - (a.size - need), below_b - (b.size - need))


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    shared = len(np.intersect1d(x, y, assume_unique=True))
    return shared / (len(x) + len(y) - shared)


def exact_duplicate(prints: list[Fingerprint], new: set[int]) -> tuple[int, int] | None:
    """(earlier, later) indices of the first two texts equal up to whitespace, one of them new."""
    first: dict[str, int] = {}
    for j, fp in enumerate(prints):
        if fp.key in first and (j in new or first[fp.key] in new):
            return first[fp.key], j
        first.setdefault(fp.key, j)
    return None


def _candidates(prints: list[Fingerprint], new: set[int], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i < j), at least one new, of sizes within a factor `threshold` that pass
    could_be_near, in (j, i) order."""
    prefixes = [frozenset(fp.prefix) for fp in prints]
    by_size = sorted((fp.size, k) for k, fp in enumerate(prints) if fp.size)
    pairs = []
    for a, (size_a, i) in enumerate(by_size):
        for size_b, j in by_size[a + 1 :]:
            if size_a < threshold * size_b:
                break
            if (i in new or j in new) and could_be_near(
                prints[i], prints[j], len(prefixes[i] & prefixes[j]), threshold
            ):
                pairs.append((min(i, j), max(i, j)))
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def near_duplicate(
    prints: list[Fingerprint], texts: list[str], new: set[int], threshold: float = NEAR_THRESHOLD
) -> tuple[int, int, float] | None:
    """(earlier, later, similarity) of the first pair of texts with Jaccard >= threshold, at least
    one of them new; "first" in list order (the later text first)."""
    hashes: dict[int, np.ndarray] = {}
    for i, j in _candidates(prints, new, threshold):
        for k in (i, j):
            if k not in hashes:
                hashes[k] = shingle_hashes(texts[k])
        similarity = jaccard(hashes[i], hashes[j])
        if similarity >= threshold:
            return i, j, similarity
    return None
