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

from ..conventions import REPORTING_VERBS
from ..nlp import parse
from .gazetteer import ALIAS, BLOCK, CASELESS, FUZZY_MIN_LENGTH, GENERIC, Entity, tokenizer_pipeline
from .numbers import doc_text

FUZZY = "FUZZY"
WORD = re.compile(r"[\w’'.!?”\"-]+")
TWO_WORDS = re.compile(r"(?=\b([A-Z][a-z]+ [A-Z][a-z]+)\b)")  # overlapping pairs of capitalised words

NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|[A-Z]\.(?:[A-Z]\.)*)$")
HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr"}
# Capitalised words that head organisation or place names, never a person's name.
NOT_NAME = {
    "ministry",
    "council",
    "committee",
    "party",
    "forces",
    "force",
    "university",
    "institute",
    "center",
    "centre",
    "union",
    "agency",
    "office",
    "department",
    "treaty",
    "summit",
    "forum",
    "affairs",
    "assembly",
    "bank",
    "group",
    "government",
    "administration",
    "federation",
    "republic",
    "state",
    "states",
    "house",
    "senate",
    "navy",
    "army",
    "command",
    "headquarters",
    "program",
    "programme",
    "studies",
    "school",
    "declaration",
    "statement",
    "war",
    "crisis",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "island",
    "islands",
    "sea",
    "ocean",
    "strait",
    "economic",
    "cooperation",
    "security",
    "defense",
    "defence",
    "foreign",
    "national",
    "international",
    "image",
    "photo",
    "courtesy",
    "services",
    "market",
    "markets",
    "commission",
    "chamber",
    "customs",
    "trade",
    "energy",
}
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


def _resolve(cands: list[Entity], start: int, full: list[tuple[int, Entity]]) -> Entity:
    """The bearer of a surname: nearest full-name mention before, else first after, else first listed."""
    names = {c.name for c in cands}
    before = [e for s, e in full if s < start and e.name in names]
    if before:
        return before[-1]
    after = [e for s, e in full if s > start and e.name in names]
    return after[0] if after else cands[0]


def extract(doc, gazetteer, settings) -> list[dict]:
    doc = parse(tokenizer_pipeline(), doc_text(doc))  # the gazetteer's tokenizer ("U.S.-led", "Kurils.[1]")
    spans = []
    for label_id, s, e in [*gazetteer.matcher(doc), *gazetteer.caseless_matcher(doc)]:
        span = doc[s:e]
        span.label_ = doc.vocab.strings[label_id]
        if span.label_ != CASELESS or _caseless_ok(span):
            spans.append(span)
    cutoff = settings.get("fuzzy_min_score", 88)
    fuzzy: dict[tuple[int, int], Entity] = {}
    for m in TWO_WORDS.finditer(doc.text):  # "Europe Union": a misspelt two-word name, not "Europe"
        pair = m.group(1)
        if pair in gazetteer.aliases:
            continue
        best = process.extractOne(
            pair, gazetteer.two_word_names.keys(), scorer=fuzz.ratio, score_cutoff=max(cutoff, 90)
        )
        span = doc.char_span(m.start(1), m.end(1)) if best else None
        if span is not None:
            span.label_ = FUZZY
            spans.append(span)
            fuzzy[(span.start, span.end)] = gazetteer.two_word_names[best[0]]
    spans = filter_spans(spans)  # longest first; on a tie the exact-case match (listed first) wins
    taken = [False] * len(doc)
    for span in spans:
        for k in range(span.start, span.end):
            taken[k] = True
    lower_words = {t.text for t in doc if t.is_lower}

    full: list[tuple[int, Entity]] = []  # full-name person mentions, for surname resolution
    pending: list[tuple] = []  # (start_char, "ent" | "surname", entity | bearers, span)
    unknown_by_surname: dict[str, list[Entity]] = defaultdict(list)
    named_bodies: dict[str, dict[str, Entity]] = defaultdict(dict)  # generic name -> bodies named so far

    def add_unknown(span):
        ent = Entity(span.text, "person", surname=span[-1].text)
        pending.append((span.start_char, "ent", ent, span))
        full.append((span.start_char, ent))
        unknown_by_surname[ent.surname].append(ent)
        for k in range(span.start, span.end):
            taken[k] = True

    for span in spans:
        label = span.label_
        if label == BLOCK:
            continue
        if label == FUZZY:
            ent = fuzzy[(span.start, span.end)]
            pending.append((span.start_char, "ent", ent, span))
        elif label in (ALIAS, CASELESS):
            ent = gazetteer.aliases[span.text] if label == ALIAS else gazetteer.caseless[span.text.lower()]
            pending.append((span.start_char, "ent", ent, span))
            for name in ent.generic:
                named_bodies[name][ent.name] = ent
            if ent.type == "person" and len(span) > 1:
                full.append((span.start_char, ent))
        elif label == GENERIC:
            prev = span.start - 1
            if prev >= 0 and doc[prev].lower_ in {"’s", "'s"}:
                prev -= 1
            country = gazetteer.qualifiers.get(doc[prev].text) if prev >= 0 else None
            ent = next((e for e in gazetteer.generics[span.text] if e.of == country), None)
            if ent is not None:
                if doc[prev].text in gazetteer.demonyms:
                    span = doc[prev : span.end]
                pending.append((span.start_char, "ent", ent, span))
                for name in ent.generic:
                    named_bodies[name][ent.name] = ent
            elif country is None and len(named_bodies.get(span.text, ())) == 1:
                # "the Foreign Ministry" after "Japan's Foreign Ministry": the one body named before
                pending.append((span.start_char, "ent", next(iter(named_bodies[span.text].values())), span))
        elif (
            span.start
            and not taken[span.start - 1]
            and not _sentence_initial(doc, span.start - 1)
            and _name_like(doc[span.start - 1], lower_words, gazetteer)
        ):
            add_unknown(
                doc[span.start - 1 : span.end]
            )  # "said Hiroshi Tanaka": another bearer of a known surname
        elif (
            span.end < len(doc)
            and not taken[span.end]
            and doc[span.start - 1 : span.start].text not in HONORIFICS
            and _name_like(doc[span.end], lower_words, gazetteer)
        ):
            # surname first: "Abe Shinzo" is the bearer in East Asian order, "Wang Lingjun" someone else
            whole = doc[span.start : span.end + 1]
            bearer = next(
                (e for e in gazetteer.surnames[span.text] if e.name.split()[0] == doc[span.end].text), None
            )
            if bearer is not None:
                pending.append((span.start_char, "ent", bearer, whole))
                taken[span.end] = True
            else:
                add_unknown(whole)
        else:
            pending.append((span.start_char, "surname", gazetteer.surnames[span.text], span))

    for s, e in _unknown_people(doc, taken, gazetteer, lower_words):
        add_unknown(doc[s:e])

    words, places = gazetteer.person_words, gazetteer.place_words
    for token in doc:
        if taken[token.i] or not _name_like(token, lower_words, gazetteer):
            continue
        span = doc[token.i : token.i + 1]
        own = [
            e for e in unknown_by_surname.get(token.text, ()) if any(s < token.idx for s, f in full if f is e)
        ]
        if own:
            pending.append((token.idx, "surname", own, span))
        elif len(token.text) >= FUZZY_MIN_LENGTH:
            best = process.extractOne(token.text, words.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
            place = (
                None
                if best
                else process.extractOne(token.text, places.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
            )
            if best:
                pending.append((token.idx, "surname", words[best[0]], span))
            elif place and not _inflection(token.text, place[0]):
                pending.append((token.idx, "ent", places[place[0]], span))

    rows = []
    for start, kind, payload, span in sorted(pending, key=lambda p: (p[0], p[3].end_char)):
        if kind == "surname":
            bearers = list(dict.fromkeys([*payload, *unknown_by_surname.get(span.text, ())]))
            payload = _resolve(bearers, start, full)
        rows.append(_row(payload.name, payload.type, span, payload.name in gazetteer.aliases))
    return rows
