"""Mentions of people, organisations, places and countries under canonical names.

Rules, in order (all offline; the gazetteer's matchers are built once per process):
1. Gazetteer names and aliases (config/gazetteer.yaml) via one PhraseMatcher; the longest
   match wins, and `not_entities` swallow the names inside them. Non-person names also match
   in sentence case ("Northern territories") and in capitals ("TOKYO, Oct. 4").
2. Generic organisation names ("Ministry of Foreign Affairs") count only when a country,
   its possessive or its demonym stands right before them, which picks the country's body,
   or when the article named exactly one such body before (the bare name then refers back to it).
3. A person's surname alone ("Abe") resolves to the bearer whose full name the article
   uses (the nearest before, else the first after), else to the gazetteer's first bearer.
   A surname followed by a capitalised name is a full name in surname-first order: the bearer
   with that given name ("Abe Shinzo"), else another person ("Wang Lingjun").
4. People missing from the gazetteer are still found when they look like people: a title
   before a capitalised name ("Foreign Minister X Y"), an honorific ("Mr. X"), or a
   reporting verb next to a two- or three-word name ("X Y said", "according to X Y", "X Y,
   the deputy prime minister, said"), or a two-word name whose last word recurs alone later
   ("Josep Borrell arrived ... Borrell said"). A run's first word that ends a body's name ("Internal
   Market and Services Thierry Breton") is dropped.
   They get canonical=False and entity = the name as written; their surname alone then
   resolves to them for the rest of the article.
5. A capitalised word within `fuzzy_min_score` (rapidfuzz ratio) of a known person's
   surname is that person misspelt ("Mevedev" -> Dmitry Medvedev); likewise for one-word place,
   country and organisation names ("Irkutsuk"), and for two capitalised words close to a two-word
   name ("Europe Union" -> European Union, not Europe). An inflection ("Russians") is no misspelling.
Titles are never part of a span; demonyms ("Japanese") are never mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.util import filter_spans

from ..conventions import MONTH_NAMES, REPORTING_VERBS, WEEKDAY_NAMES
from ..nlp import parse
from .gazetteer import ALIAS, BLOCK, CASELESS, FUZZY_MIN_LENGTH, GENERIC, Entity, tokenizer_pipeline
from .numbers import doc_text

FUZZY = "FUZZY"
WORD = re.compile(r"[\w’'.!?”\"-]+")
TWO_WORDS = re.compile(r"(?=\b([A-Z][a-z]+ [A-Z][a-z]+)\b)")  # overlapping pairs of capitalised words

NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|[A-Z]\.(?:[A-Z]\.)*)$")
HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr"}
# Capitalised words that head organisation or place names, never a person's name.
NOT_NAME = frozenset(
    """
    ministry council committee party forces force university institute center centre union
    agency office department treaty summit forum affairs assembly bank group government
    administration federation republic state states house senate navy army command headquarters
    program programme studies school declaration statement war crisis island islands sea ocean
    strait economic cooperation security defense defence foreign national international image
    photo courtesy services market markets commission chamber customs trade energy
    """.split()  # noqa: SIM905
) | {w.lower() for w in (*MONTH_NAMES, *WEEKDAY_NAMES) if w != "May"}  # Theresa May is a name
APPOSITIVE_REACH = 20  # tokens of ", the Russian deputy prime minister in charge of energy," before "said"


def _row(ent_name: str, kind: str, span, canonical: bool) -> dict:
    return {
        "entity": ent_name,
        "type": kind,
        "surface": span.text,
        "canonical": canonical,
        "start": span.start_char,
        "end": span.end_char,
    }


def _caseless_ok(span) -> bool:
    """Accept a case variant only when it still reads as a name: all capitals (a dateline), or a
    capitalised multi-word name ("Northern territories"); "far east" and "us" are not names."""
    text = span.text
    return (text.isupper() and len(text) > 3) or (len(span) > 1 and text[:1].isupper())


def _sentence_initial(doc, i: int) -> bool:
    """Sentence-initial capitals ("Later Koizumi left") are not evidence of a first name."""
    return i == 0 or doc[i - 1].is_space or doc[i - 1].text in {".", "!", "?", ":", ";", "“", '"', "‘", "("}


def _title_before(doc, start: int, titles: set[tuple[str, ...]]) -> bool:
    for title in titles:
        n = len(title)
        if start >= n and tuple(t.lower_ for t in doc[start - n : start]) == title:
            return True
    return False


def _name_like(token, lower_words: set[str], gazetteer) -> bool:
    text, lower = token.text, token.lower_
    return (
        bool(NAME_TOKEN.match(text))
        and lower not in STOP_WORDS
        and lower not in NOT_NAME
        and lower not in HONORIFICS
        and (lower,) not in gazetteer.title_tokens
        and lower not in lower_words
        and text not in gazetteer.demonyms
        and text not in gazetteer.aliases
        and text not in gazetteer.qualifiers
    )


def _unknown_people(doc, taken: list[bool], gazetteer, lower_words: set[str]) -> list[tuple[int, int]]:
    """Token ranges of names that look like people but are not in the gazetteer."""
    titles = gazetteer.title_tokens
    alone = _standalone_capitalised(doc.text)
    found, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and not taken[j] and _name_like(doc[j], lower_words, gazetteer):
            j += 1
        if j == i:
            i += 1
            continue
        while j - i > 1 and _title_before(
            doc, i + 1, titles
        ):  # "Attorney Damian Williams": title inside the run
            i += 1
        if (
            j - i == 3
            and i >= 2
            and doc[i - 1].lower_ in {"and", "of", "for", "&"}
            and doc[i - 2].text[:1].isupper()
        ):
            i += 1  # "Internal Market and Services Thierry Breton": the run's first word ends a body's name
        before = doc[i - 1].lower_ if i else ""
        after = doc[j].lower_ if j < len(doc) else ""
        honorific = before in HONORIFICS
        titled = _title_before(doc, i, titles)
        reported = (
            after in REPORTING_VERBS
            or before in REPORTING_VERBS
            or (i >= 2 and doc[i - 2].lower_ == "according" and before == "to")
            or (after == "," and _appositive_then_reporting(doc, j))
        )
        echoed = j - i == 2 and doc[j - 1].text in alone  # "Josep Borrell arrived ... Borrell said"
        if honorific or (j - i >= 2 and (titled or reported or echoed)):
            found.append((i, j))
        i = j
    return found


def _standalone_capitalised(text: str) -> set[str]:
    """Capitalised words written without a capitalised neighbour and not opening a sentence: how
    a person's surname recurs after the full name."""
    words = WORD.findall(text)
    return {
        w
        for k, w in enumerate(words)
        if w[:1].isupper()
        and 0 < k < len(words) - 1
        and not words[k - 1][:1].isupper()
        and not words[k + 1][:1].isupper()
        and not words[k - 1].endswith((".", "!", "?", "”", '"'))
    }


def _appositive_then_reporting(doc, comma: int) -> bool:
    """ "X Y, executive vice president of the Chamber, said": a comma-closed aside, then a reporting verb."""
    for k in range(comma + 2, min(len(doc) - 1, comma + APPOSITIVE_REACH)):
        if doc[k].text in {".", "!", "?", "“", "”", '"'} or "\n" in doc[k].text:
            return False
        if doc[k].text == ",":
            return doc[k + 1].lower_ in REPORTING_VERBS
    return False


def _inflection(word: str, name: str) -> bool:
    """ "Russians", "Ukrainians": a name plus an ending, not a misspelling of it."""
    stem = name[:-1] if name.endswith(("a", "e")) else name
    return word.startswith(stem)


def _bearer(cands: list[Entity], start: int, full: list[tuple[int, Entity]]) -> Entity:
    """The bearer of a surname: nearest full-name mention before, else first after, else first listed."""
    names = {c.name for c in cands}
    before = [e for s, e in full if s < start and e.name in names]
    if before:
        return before[-1]
    after = [e for s, e in full if s > start and e.name in names]
    return after[0] if after else cands[0]


class _Finder:
    """The mentions of one article: gazetteer matches first (aliases, generic names, fuzzy pairs),
    then people the gazetteer lacks, then single words (own surnames, misspellings); surnames are
    resolved to their bearer last, when every full name is known."""

    def __init__(self, doc, gazetteer, settings: dict):
        self.doc, self.gazetteer = doc, gazetteer
        self.cutoff = settings.get("fuzzy_min_score", 88)
        self.taken = [False] * len(doc)
        self.lower_words = {t.text for t in doc if t.is_lower}
        self.full: list[tuple[int, Entity]] = []  # full-name person mentions, for surname resolution
        self.pending: list[tuple] = []  # (start_char, "ent" | "surname", entity | bearers, span)
        self.unknown_by_surname: dict[str, list[Entity]] = defaultdict(list)
        self.named_bodies: dict[str, dict[str, Entity]] = defaultdict(dict)  # generic name -> bodies so far
        self.fuzzy: dict[tuple[int, int], Entity] = {}

    def matches(self) -> list:
        """Gazetteer and fuzzy two-word matches, longest first (on a tie the exact-case match wins)."""
        doc, gazetteer, spans = self.doc, self.gazetteer, []
        for label_id, s, e in [*gazetteer.matcher(doc), *gazetteer.caseless_matcher(doc)]:
            span = doc[s:e]
            span.label_ = doc.vocab.strings[label_id]
            if span.label_ != CASELESS or _caseless_ok(span):
                spans.append(span)
        for m in TWO_WORDS.finditer(doc.text):  # "Europe Union": a misspelt two-word name, not "Europe"
            pair = m.group(1)
            if pair in gazetteer.aliases:
                continue
            best = process.extractOne(
                pair, gazetteer.two_word_names.keys(), scorer=fuzz.ratio, score_cutoff=max(self.cutoff, 90)
            )
            span = doc.char_span(m.start(1), m.end(1)) if best else None
            if span is not None:
                span.label_ = FUZZY
                spans.append(span)
                self.fuzzy[(span.start, span.end)] = gazetteer.two_word_names[best[0]]
        spans = filter_spans(spans)
        for span in spans:
            self.taken[span.start : span.end] = [True] * len(span)
        return spans

    def add(self, ent: Entity, span) -> None:
        self.pending.append((span.start_char, "ent", ent, span))

    def add_unknown(self, span) -> None:
        ent = Entity(span.text, "person", surname=span[-1].text)
        self.add(ent, span)
        self.full.append((span.start_char, ent))
        self.unknown_by_surname[ent.surname].append(ent)
        self.taken[span.start : span.end] = [True] * len(span)

    def named(self, ent: Entity, span) -> None:
        self.add(ent, span)
        for name in ent.generic:
            self.named_bodies[name][ent.name] = ent
        if ent.type == "person" and len(span) > 1:
            self.full.append((span.start_char, ent))

    def generic(self, span) -> None:
        """ "Russia's Foreign Ministry", "the Japanese Defense Ministry", or "the Foreign Ministry"
        after one body with that generic name was named."""
        doc, gazetteer = self.doc, self.gazetteer
        prev = span.start - 1
        if prev >= 0 and doc[prev].lower_ in {"’s", "'s"}:
            prev -= 1
        country = gazetteer.qualifiers.get(doc[prev].text) if prev >= 0 else None
        ent = next((e for e in gazetteer.generics[span.text] if e.of == country), None)
        if ent is not None:
            self.named(ent, doc[prev : span.end] if doc[prev].text in gazetteer.demonyms else span)
        elif country is None and len(self.named_bodies.get(span.text, ())) == 1:
            self.add(next(iter(self.named_bodies[span.text].values())), span)

    def surname(self, span) -> None:
        """A known surname alone, after another first name ("said Hiroshi Tanaka": another bearer),
        or before one (East Asian order: "Abe Shinzo" is the bearer, "Wang Lingjun" someone else)."""
        doc, gazetteer, taken = self.doc, self.gazetteer, self.taken
        if (
            span.start
            and not taken[span.start - 1]
            and not _sentence_initial(doc, span.start - 1)
            and _name_like(doc[span.start - 1], self.lower_words, gazetteer)
        ):
            self.add_unknown(doc[span.start - 1 : span.end])
        elif (
            span.end < len(doc)
            and not taken[span.end]
            and doc[span.start - 1 : span.start].text not in HONORIFICS
            and _name_like(doc[span.end], self.lower_words, gazetteer)
        ):
            whole = doc[span.start : span.end + 1]
            bearer = next(
                (e for e in gazetteer.surnames[span.text] if e.name.split()[0] == doc[span.end].text), None
            )
            if bearer is None:
                self.add_unknown(whole)
            else:
                self.add(bearer, whole)
                taken[span.end] = True
        else:
            self.pending.append((span.start_char, "surname", gazetteer.surnames[span.text], span))

    def single_words(self) -> None:
        """Name-like words left over: the surname of an unknown person named before, or a misspelt
        person or place name."""
        words, places = self.gazetteer.person_words, self.gazetteer.place_words
        for token in self.doc:
            if self.taken[token.i] or not _name_like(token, self.lower_words, self.gazetteer):
                continue
            span = self.doc[token.i : token.i + 1]
            own = [
                e
                for e in self.unknown_by_surname.get(token.text, ())
                if any(s < token.idx for s, f in self.full if f is e)
            ]
            if own:
                self.pending.append((token.idx, "surname", own, span))
            elif len(token.text) >= FUZZY_MIN_LENGTH:
                best = process.extractOne(
                    token.text, words.keys(), scorer=fuzz.ratio, score_cutoff=self.cutoff
                )
                place = (
                    None
                    if best
                    else process.extractOne(
                        token.text, places.keys(), scorer=fuzz.ratio, score_cutoff=self.cutoff
                    )
                )
                if best:
                    self.pending.append((token.idx, "surname", words[best[0]], span))
                elif place and not _inflection(token.text, place[0]):
                    self.add(places[place[0]], span)

    def rows(self) -> list[dict]:
        rows = []
        for start, kind, payload, span in sorted(self.pending, key=lambda p: (p[0], p[3].end_char)):
            if kind == "surname":
                bearers = list(dict.fromkeys([*payload, *self.unknown_by_surname.get(span.text, ())]))
                payload = _bearer(bearers, start, self.full)
            rows.append(_row(payload.name, payload.type, span, payload.name in self.gazetteer.aliases))
        return rows


def extract(doc, gazetteer, settings) -> list[dict]:
    doc = parse(tokenizer_pipeline(), doc_text(doc))  # the gazetteer's tokenizer ("U.S.-led", "Kurils.[1]")
    finder = _Finder(doc, gazetteer, settings)
    for span in finder.matches():
        if span.label_ == FUZZY:
            finder.add(finder.fuzzy[(span.start, span.end)], span)
        elif span.label_ in (ALIAS, CASELESS):
            ent = (
                gazetteer.aliases[span.text]
                if span.label_ == ALIAS
                else gazetteer.caseless[span.text.lower()]
            )
            finder.named(ent, span)
        elif span.label_ == GENERIC:
            finder.generic(span)
        elif span.label_ != BLOCK:
            finder.surname(span)
    for s, e in _unknown_people(doc, finder.taken, gazetteer, finder.lower_words):
        finder.add_unknown(doc[s:e])
    finder.single_words()
    return finder.rows()
