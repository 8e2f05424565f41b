"""Position evidence: the codebook's cues in each article, weighted and signed by their clause.

A cue counts only in a sentence that names the dimension's topic (or, when the sentence opens with
an anaphor such as "These gaps ...", in an earlier sentence of its paragraph), and only in articles
that keep returning to the dimension's subject (its scope), so an article on something else gets
null rather than a stray score. Everything is judged within the cue's clause (sentences are cut at
";", ":" and contrastive conjunctions, all listed in the codebook):
- weight: recommendations ("should", "must") weigh most, hedged statements less, reported speech
  little and quotations nothing (they are evidence about the quoted actor, not the author). Speech
  is reported only when a reporting verb governs the cue's clause: "X said (that) ... cue",
  "according to X, ... cue", "cue ..., X said" - not when it merely occurs elsewhere in the sentence;
  in "X, but Y" the clause X is conceded (weighs less) and Y is the author's point (weighs more);
- value: a negator shortly before the cue flips it and damps it ("not hopeless" is not
  "realistic"); an intensifier ("never", "resolutely", "far") pushes it towards its pole.

An `evidence_<corpus>_<shard>` job matches the codebook against each clean text of its shard
and writes data/interim/[unseen/]evidence/shard-<n>.json; editing the codebook reruns these jobs
and the scoring (positions.py), never the extraction.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.util import filter_spans

from .. import atomic
from ..conventions import ATTRIBUTION_PHRASES, REPORTING_VERBS
from ..grounding import check_grounding_rows
from ..nlp import blank_pipeline, parse, sentences
from .codebook import Codebook, Dimension, load_codebook

log = logging.getLogger(__name__)

EVIDENCE_COLUMNS = [
    "article_id",
    "dimension",
    "sentence",
    "start",
    "end",
    "cue",
    "value",
    "weight",
    "polarity",
    "normative",
]

TRAILING_ATTRIBUTION = 4  # "..., the minister said." : a reporting verb this close to the clause end


class CueMatcher:
    """spaCy's Matcher over the codebook's phrases ("?" any one word, "word*" any word starting
    so). A wildcard matches by equality on the token's NORM, which is set to the longest wildcard
    prefix the word starts with: a REGEX predicate per wildcard would be evaluated at every token
    of every article (most of the evidence jobs' time, 0.3 s per article), equality is a lookup."""

    def __init__(self, vocab, rules: list[tuple[str, list[str]]]):
        pieces = (piece for _, phrases in rules for phrase in phrases for piece in phrase.split())
        self.prefixes = frozenset(piece[:-1] for piece in pieces if piece.endswith("*"))
        self.matcher = Matcher(vocab)
        for key, phrases in rules:
            self.matcher.add(key, [self.pattern(phrase) for phrase in phrases])
        self._norms: dict[str, str] = {}

    def pattern(self, phrase: str) -> list[dict]:
        """Codebook phrase syntax -> Matcher pattern (tokenised like the text)."""
        tokenizer = blank_pipeline().tokenizer
        pattern = []
        for piece in phrase.split():
            if piece == "?":
                pattern.append({"OP": "?"})
            elif piece.endswith("*"):
                covering = sorted(q for q in self.prefixes if q.startswith(piece[:-1]))
                pattern.append({"NORM": covering[0] if len(covering) == 1 else {"IN": covering}})
            else:
                pattern.extend({"LOWER": tok.text.replace("’", "'")} for tok in tokenizer(piece))
        return pattern

    def norm(self, word: str) -> str:
        if word not in self._norms:
            starts = [word[:k] for k in range(len(word), 0, -1) if word[:k] in self.prefixes]
            self._norms[word] = starts[0] if starts else word
        return self._norms[word]

    def __call__(self, doc):
        for token in doc:
            token.norm_ = self.norm(token.lower_)
        return self.matcher(doc)


def build_matcher(codebook: Codebook) -> CueMatcher:
    rules = []
    for dim in codebook.dimensions:
        rules += [(f"cue|{dim.name}|{i}", [cue.phrase]) for i, cue in enumerate(dim.cues)]
        if dim.topic:
            rules.append((f"topic|{dim.name}", list(dim.topic)))
        rules += [(f"scope|{dim.name}|{k}", list(group)) for k, group in enumerate(dim.scope)]
    shared = {"reporting": sorted(REPORTING_VERBS), "attribution": ATTRIBUTION_PHRASES}
    rules += [(f"marker|{kind}", list(p)) for kind, p in {**codebook.markers, **shared}.items() if p]
    return CueMatcher(blank_pipeline().vocab, rules)


def _split_paragraphs(text: str, sents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Also break at blank lines: headings and pull quotes often lack a final full stop."""
    out = []
    for start, end, _ in sents:
        for m in re.finditer(r"(?:(?!\n\s*\n).)+", text[start:end], flags=re.S):
            piece = m.group()
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                a = start + m.start() + lead
                out.append((a, a + len(piece.strip()), piece.strip()))
    return out


def _names_something(span) -> bool:
    """A capitalised cue inside a run of Title Case words is part of a name ("Minister for Economic
    Cooperation with Russia", "the United States"), not the author's wording."""
    first, last = span[0], span[-1]
    if first.i == first.sent.start or not first.is_title:
        return False
    before = first.i > first.sent.start + 1 and first.nbor(-1).is_title
    after = last.i + 1 < len(last.doc) and last.nbor(1).is_title
    return before or after


def _is_month(token) -> bool:
    return token.text == "May" and token.i > token.sent.start


@dataclass
class _Sentence:
    start: int  # character offsets in the text
    end: int
    text: str
    first: int  # token range
    last: int
    paragraph: int
    hits: dict  # marker kind / "topic|dim" -> [(token start, token end)]

    def tokens(self, kind: str, lo: int, hi: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.hits.get(kind, []) if lo <= s and e <= hi]


def _clause(doc, sent: _Sentence, span) -> tuple[int, int]:
    """Token range of the clause holding the cue: between the nearest clause breaks around it. A
    sentence-initial subordinate clause ("While X claims ..., Y") ends at its first comma."""
    breaks = list(sent.hits.get("clause_break", []))
    for s, e in breaks[:1]:
        if s == sent.first:
            comma = next((t.i for t in doc[e : sent.last] if t.text == ","), None)
            if comma is not None:
                breaks.append((comma, comma + 1))
    lo, hi = sent.first, sent.last
    for s, e in breaks:
        if e <= span.start:
            lo = max(lo, e)
        elif s >= span.end:
            hi = min(hi, s)
    return lo, hi


def _reported(doc, sent: _Sentence, span, lo: int, hi: int) -> bool:
    """Does a reporting verb govern the cue's clause (rather than occur somewhere in the sentence)?"""
    if sent.tokens("attribution", lo, hi):  # "according to X, ..."
        return True
    first_person = {s for s, _ in sent.hits.get("first_person", [])}
    for s, e in sent.tokens("reporting", lo, hi):
        if s - 1 in first_person:  # "I argue", "we said": the author
            continue
        if e <= span.start:  # "X said (that) ... cue"
            return True
        if s >= span.end and hi - e <= TRAILING_ATTRIBUTION and "," in doc[span.end : s].text:
            return True  # "cue ..., X said."
    return False


def _negated(doc, sent: _Sentence, span, lo: int, window: int) -> bool:
    """A negator shortly before the cue, in its clause, with no comma between them (a comma usually
    opens another phrase), and not part of a phrase that negates nothing ("not only")."""
    exceptions = sent.hits.get("negation_exceptions", [])
    for s, e in sent.tokens("negation", max(lo, span.start - window), span.start):
        if not any(xs <= s and e <= xe for xs, xe in exceptions) and "," not in doc[e : span.start].text:
            return True
    return False


def _sentences(doc, text: str, matcher: CueMatcher, codebook: Codebook) -> tuple[list[_Sentence], dict]:
    """Sentences with their marker and topic hits, and cue matches by dimension."""
    nlp = blank_pipeline()
    spans = _split_paragraphs(text, sentences(doc))
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    sents = []
    for start, end, stext in spans:
        first = doc.char_span(start, end, alignment_mode="expand")
        sents.append(
            _Sentence(start, end, stext, first.start, first.end, bisect.bisect_right(breaks, start), {})
        )
    starts = [s.start for s in sents]
    cues: dict[str, list] = {}
    for match_id, s, e in matcher(doc):
        key = nlp.vocab.strings[match_id]
        span = doc[s:e]
        idx = bisect.bisect_right(starts, span.start_char) - 1
        if idx < 0 or span.start_char >= sents[idx].end:
            continue
        kind, _, rest = key.partition("|")
        if kind == "cue":
            dim = rest.split("|")[0]
            if codebook.dimension(dim).kind == "bipolar" and _names_something(span):
                continue
            cues.setdefault(dim, []).append((span, int(rest.split("|")[1]), idx))
        elif kind == "marker" and not (rest == "hedge" and e - s == 1 and _is_month(doc[s])):
            sents[idx].hits.setdefault(rest, []).append((s, e))
        elif kind in ("topic", "scope"):
            sents[idx].hits.setdefault(f"{kind}|{rest}", []).append((s, e))
    return sents, cues


def _on_topic(sents: list[_Sentence], idx: int, dim: str) -> bool:
    """The sentence names the topic, or opens with an anaphor whose antecedent in its paragraph does."""
    if f"topic|{dim}" in sents[idx].hits:
        return True
    opener = sents[idx].hits.get("anaphora", [])
    if not any(s == sents[idx].first for s, _ in opener):
        return False
    j = idx - 1
    while j >= 0 and sents[j].paragraph == sents[idx].paragraph:
        if f"topic|{dim}" in sents[j].hits:
            return True
        j -= 1
    return False


def _discusses(sents: list[_Sentence], dim: Dimension, codebook: Codebook) -> bool:
    """Does the article keep returning to every scope term of the question? In a short text (an
    abstract, a news brief) one sentence on a term is as much focus as two in a long article."""
    need = 1 if len(sents) < codebook.short_text_sentences else codebook.min_scope_sentences
    return all(sum(f"scope|{dim.name}|{k}" in s.hits for s in sents) >= need for k in range(len(dim.scope)))


def _weighed(doc, sent: _Sentence, span, cue, dim: Dimension, codebook: Codebook, quote_spans):
    """(weight, value, normative) of a cue in its clause (see the module docstring)."""
    lo, hi = _clause(doc, sent, span)
    normative = bool(sent.tokens("normative", lo, hi))
    weight, value = cue.weight, cue.value
    if dim.kind != "bipolar":
        return weight, value, normative
    w = codebook.weights
    weight *= w["normative"] if normative else w["descriptive"]
    if sent.tokens("hedge", lo, hi):
        weight *= w["hedged"]
    if sent.tokens("contrast", hi, sent.last):  # "X, but Y": X is conceded
        weight *= w["conceded"]
    elif sent.tokens("contrast", sent.first, lo):  # ... and Y is the point
        weight *= w["contrasted"]
    if _reported(doc, sent, span, lo, hi):
        weight *= w["reported"]
    if any(qs < span.end_char and span.start_char < qe for qs, qe in quote_spans):
        weight *= w["quoted"]
    if _negated(doc, sent, span, lo, codebook.negation_window):
        value *= -codebook.negation_factor  # "not entirely cut off": no intensifying
    elif sent.tokens("intensifier", max(lo, span.start - codebook.negation_window), span.end):
        value *= codebook.intensity_factor
    return weight, min(max(value, dim.scale[0]), dim.scale[1]), normative


def article_evidence(
    article_id: str,
    text: str,
    quote_spans: list[tuple[int, int]],
    codebook: Codebook,
    matcher: CueMatcher | None = None,
) -> tuple[list[dict], list[str]]:
    """Every cue match in one article, with the weight its clause gives it, and the bipolar
    questions the article discusses (keeps returning to their scope terms) at all."""
    matcher = matcher or build_matcher(codebook)
    # Curly apostrophes ("n’t", "’s") must match the codebook's straight ones; one character for
    # one keeps every offset valid in the original text, from which sentences are taken.
    doc = parse(blank_pipeline(), text.replace("’", "'"))
    sents, cues = _sentences(doc, text, matcher, codebook)
    rows, discussed = [], []
    for dim in codebook.dimensions:
        matches = cues.get(dim.name, [])
        if dim.kind == "bipolar":
            if not _discusses(sents, dim, codebook):
                continue  # the article does not discuss this question: its cues are about something else
            discussed.append(dim.name)
        by_span = {(sp.start, sp.end): (i, idx) for sp, i, idx in matches}
        for span in sorted(filter_spans([sp for sp, _, _ in matches]), key=lambda sp: sp.start):
            cue_idx, idx = by_span[(span.start, span.end)]
            if dim.kind == "bipolar" and not _on_topic(sents, idx, dim.name):
                continue
            cue, sent = dim.cues[cue_idx], sents[idx]
            weight, value, normative = _weighed(doc, sent, span, cue, dim, codebook, quote_spans)
            rows.append(
                {
                    "article_id": article_id,
                    "dimension": dim.name,
                    "sentence": sent.text,
                    "start": sent.start,
                    "end": sent.end,
                    "cue": cue.phrase,
                    "value": float(value),
                    "weight": round(float(weight), 6),
                    "polarity": int(math.copysign(1, value)) if value else 0,
                    "normative": normative,
                }
            )
    return rows, discussed


def cue_occurrences(text: str, matcher: CueMatcher) -> set[tuple[str, int]]:
    """(dimension, cue index) of every codebook cue that occurs anywhere in `text`."""
    nlp = blank_pipeline()
    found = set()
    for match_id, _s, _e in matcher(parse(nlp, text.replace("’", "'"))):
        kind, _, rest = nlp.vocab.strings[match_id].partition("|")
        if kind == "cue":
            dim, index = rest.split("|")
            found.add((dim, int(index)))
    return found


def unique_evidence(rows: list[dict]) -> list[dict]:
    """Evidence rows in contract order, sorted; a pull quote repeating a body sentence is one piece
    of evidence, not two. Plain Python: the evidence jobs need no pandas."""
    seen, out = set(), []
    for row in rows:
        key = (row["article_id"], row["dimension"], row["sentence"], row["cue"])
        if key not in seen:
            seen.add(key)
            out.append({c: row[c] for c in EVIDENCE_COLUMNS})
    return sorted(out, key=lambda r: (r["article_id"], r["dimension"], r["start"], r["cue"]))


def evidence_frame(rows: list[dict]):
    """unique_evidence as a DataFrame (pandas imported here, for the corpus-wide stages only)."""
    import pandas as pd

    return pd.DataFrame(unique_evidence(rows), columns=EVIDENCE_COLUMNS)


def quote_spans(facts: dict) -> list[tuple[int, int]]:
    return [(int(q["start"]), int(q["end"])) for q in facts.get("quotes", []) if q.get("start") is not None]


def run_shard(texts: list, facts: list, codebook_path, output) -> None:
    """Evidence of every article of a shard, written to one file: [{article_id, rows, discussed}]."""
    codebook = load_codebook(codebook_path)
    matcher = build_matcher(codebook)
    articles = []
    for text_path, facts_path in zip(texts, facts, strict=True):
        article_id = Path(text_path).stem
        text = Path(text_path).read_text(encoding="utf-8")
        rows, discussed = article_evidence(
            article_id, text, quote_spans(atomic.read_json(facts_path)), codebook, matcher
        )
        rows = unique_evidence(rows)
        check_grounding_rows("position_evidence", rows, text)
        articles.append({"article_id": article_id, "rows": rows, "discussed": discussed})
        log.info("evidence %s: %d cue matches", article_id, len(rows))
    atomic.write_json(output, articles)


def read_evidence(paths, article_ids=None) -> tuple[object, frozenset[tuple[str, str]]]:
    """All evidence rows (of `article_ids`, when given) and the (article, dimension) pairs whose
    question the article discusses."""
    rows, discussed = [], set()
    for path in sorted(paths):
        for article in atomic.read_json(path):
            if article_ids is None or article["article_id"] in article_ids:
                rows += article["rows"]
                discussed |= {(article["article_id"], d) for d in article["discussed"]}
    return evidence_frame(rows), frozenset(discussed)
