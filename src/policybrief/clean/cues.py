"""Lexical cues (config/cleaning.yaml) and what they find on their own: furniture known by its
wording (disclaimers, subscription blurbs, captions, navigation), bylines, author bios and their
role lines, and notes or reference lists. Cues are tried on short paragraphs only (up to the
`cue_max_words` setting)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import load_checked
from ..errors import InputError

# Order matters: the first list whose cue matches gives the reason.
CUE_REASONS = ("disclaimer", "subscription", "caption", "navigation")
CUES_SOURCE = "config/cleaning.yaml (resources.cleaning_cues)"
SENTENCE_END = re.compile(r"[.!?…:”\"’)\]]$")
_NOTE_MARKER = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})\.?|\((\d{1,3})\))\s")
LETTER = re.compile(r"[^\W\d_]")
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-])*\.?|[A-Z](?:\.[A-Z])*\.?)"  # Jane, O'Brien, D., J.R.
_NAME = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|van|von|der|bin|al|da|di|le|la)){{1,4}}")
_BY = re.compile(r"^\s*(?:(?:written|words)\s+)?by\s", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
# a note number printed as plain text after a word or its punctuation: "court order.1 The"
_SUPERSCRIPT = re.compile(r"[^\W\d_][.,;:”’\")]?([0-9]+)(?=\s|$)")
_BRACKET_CITATION = re.compile(r"\[([0-9]+)\]")
_BYLINE_END = re.compile(r"\s(?:for|from|at|in|of|on)\s|\s[|–—-]\s|\d")


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


def any_cue(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def references(texts: list[str], cues: Cues) -> set[int]:
    """Notes/reference lists: after a 'References' heading, or a numbered run that cites or is cited.

    A single note that is both cited above and reads as a citation counts too: a PDF prints
    each page's footnotes at the foot of that page, inside the text.
    """
    marked: set[int] = set()
    first_cited = _first_citations(texts)
    for i, text in enumerate(texts):
        if any_cue(cues.references_heading, text):
            marked.add(i)
            j = i + 1
            while j < len(texts) and (_NOTE_MARKER.match(texts[j]) or any_cue(cues.citation, texts[j])):
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
        citing = sum(1 for j in run if any_cue(cues.citation, texts[j]))
        if cited * 3 >= len(run) or citing * 2 >= len(run):
            marked.update(run)
        i += len(run)
    for i, text in enumerate(texts):
        m = _NOTE_MARKER.match(text)
        if (
            m
            and i not in marked
            and any_cue(cues.citation, text)
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


def name_line(text: str) -> bool:
    return bool(_NAME.fullmatch(text.strip()))


def role_line(text: str, words: int, cue: Cues, settings: dict) -> bool:
    """An author card's title line: "Senior Fellow - Foreign Policy"."""
    return (
        words < settings["min_body_words"] + 4
        and bool(cue.role_word.search(text))
        and not SENTENCE_END.search(text)
    )


def cue_pass(
    texts: list[str], words: list[int], cue: Cues, settings: dict, reason: list, authors: dict[int, list[str]]
) -> dict[int, str]:
    """Set cue reasons on short paragraphs; return bio candidates {index: name}.

    Bio candidates are decided by position later."""
    bio_name: dict[int, str] = {}
    surnames: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if reason[i] or words[i] > settings["cue_max_words"]:
            continue
        if not LETTER.search(text):  # "* * *", "—", page numbers
            reason[i] = "navigation"
            continue
        reason[i] = next((r for r in CUE_REASONS if any_cue(cue.by_reason[r], text)), None)
        if reason[i] is None and words[i] <= settings["byline_max_words"] and any_cue(cue.byline, text):
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
