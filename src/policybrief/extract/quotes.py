"""Direct quotations and their speakers.

What counts as a quote (speech), not a scare quote or a title:
- Candidates are the quoted passages and transcript turns of passages.py.
- A candidate is speech when a speech cue (said, stated, proclaimed, described … as,
  according to, …) stands within CUE_WINDOW words before it in its sentence or right after
  it (“…,” he said) or closes its sentence ('it "may negatively affect" peace, the ministry
  said.'), or when it has at least `quote_min_words` words (a quoted clause). A capitalised cue
  word after a capitalised word ("the United States") is part of a name, not a cue.
- It is NOT speech when a naming word introduces it (called/dubbed/addressed as/the term “…”),
  when it is a short term after an article running on into its noun phrase ('a “KleptoCapture”
  task force'), or when it has no cue and looks like a title (most words capitalised).
Speaker: a person, an organisation, a medium or a document (`speaker_type`), first rule that applies
(attribution.py):
1. a transcript turn: the person its label names (an answer "A:" by whom the title names);
2. a speaker named right after the quote with a cue ("said X", "X said", "X, the minister,
   said", "Putin's adviser, Yury Ushakov, said", "said the Minister", "the statement read"),
   an unnamed person as the text describes them ("an official at the embassy said"), the body
   a generic noun refers back to ("the ministry said", "the Japanese company said" after "Mitsui,
   a Japanese trading company", "the document said" after "a decree"), or an attribution closing the sentence
   ("..., the ministry said."); a news agency reporting ("…,” Reuters reported) only when the
   sentence gives nobody else the words ('what Moscow said was a “planned flight”');
3. the mention nearest before the quote in its sentence, within SUBJECT_GAP characters of the
   cue and not a possessive ("Kishida's cabinet noted"); a subject noun phrase ("The white paper
   condemned", "a report which said"); a position statement ("Russia's position is that");
   the source after "according to", named in the gazetteer or not; the sentence's subject for a
   participle clause ("Kishi said …, calling the moves “provocative”");
4. a pronoun or role subject (he/she/his/her, "the Prime Minister said"): the previous quote's
   speaker when that quote is close, else the first person named (outside quotations, not a
   possessive) in the last sentence that names anyone; "it said": the previous quote's speaker
   if that is not a person and the quote is close, else nobody;
5. an uncued quote right after another in its paragraph, or opening a paragraph soon after
   it with nobody else named in between, continues that speech; an uncued quote right after a
   sentence in which someone (or "he"/"she") says something continues that speaker's words.
Otherwise null.
"""

from __future__ import annotations

import re

from .attribution import continues, reported_before, speaker_of
from .numbers import doc_text
from .passages import quoted_passages, sentence_start, transcript_turns
from .speakers import label_speaker, speaker_type

MIN_WORDS = 6  # default of config `extract.quote_min_words`
_NAMING = re.compile(
    r"(?:\b(?:called|dubbed|named|termed|titled|entitled|known as|addressed as|referred to as|so-called|term|"
    r"phrase|word|slogan|book|article|report|paper|chapter|headline)\s+(?:the\s+|a\s+|an\s+)?)$",
    re.IGNORECASE,
)
# An article before a short quotation that runs on into its noun phrase makes it a term ("a
# “KleptoCapture” task force"), unless a speech verb gives it as someone's words ("calling it a
# “serious violation” of", "described as a").
_TERM_ARTICLE = re.compile(r"(?<!\bit )(?<!\bthem )(?<!\bas )\b(?:a|an|the)\s*$", re.IGNORECASE)


def _is_speech(text: str, start: int, end: int, kind: str, cue: bool, min_words: int) -> bool:
    if kind == "set-off":
        return True
    inner = text[start:end]
    before = text[sentence_start(text, start) : start - 1]
    if _NAMING.search(before):
        return False
    words = re.findall(r"[\w’'-]+", inner)
    attributive = re.match(r"\W?\s+[a-z]", text[end : end + 3]) and not re.search(r"[,.!?;:]$", inner)
    if len(words) <= 3 and attributive and _TERM_ARTICLE.search(before):
        return False  # 'announced a “KleptoCapture” task force': a term named, not words spoken
    if cue:
        return True
    titled = sum(w[0].isupper() for w in words) >= max(3, 0.6 * len(words))
    return len(words) >= min_words and not titled


def extract(doc, mentions: list[dict], settings: dict | None = None, title: str = "") -> list[dict]:
    """Quotations with their speaker and the kind of speaker (person, organisation, media,
    document). `title`: the article's title, which names the speaker of a transcript's answers."""
    text = doc_text(doc)
    min_words = (settings or {}).get("quote_min_words", MIN_WORDS)
    mentions = sorted(mentions, key=lambda m: (m["start"], m["end"]))
    persons = [m for m in mentions if m["type"] == "person"]
    types = {m["entity"]: ("person" if m["type"] == "person" else "organisation") for m in mentions}
    rows, previous, last_label = [], None, None
    turns = transcript_turns(text)
    candidates = [c for c in quoted_passages(text) if not any(s <= c[0] < e for s, e, _ in turns)]
    quoted = [(s, e) for s, e, _k in candidates]
    for start, end, kind in sorted([*candidates, *((s, e, "turn") for s, e, _ in turns)]):
        if kind == "turn":
            label = next(lb for s, _e, lb in turns if s == start)
            speaker = label_speaker(label, mentions, start - len(label) - 2, title, last_label)
            if speaker is None:  # a question from an unnamed reporter
                continue
            last_label, cued = speaker, True
            default = "person"
        else:
            speaker, cued = speaker_of(text, start, end, kind, mentions, previous, quoted)
            if not _is_speech(text, start, end, kind, cued, min_words):
                continue
            if speaker is None and not cued and previous and continues(text, previous, start, persons):
                speaker = previous[1]
            if speaker is None and not cued:
                speaker = reported_before(text, start, mentions, persons)
            default = "organisation"
        rows.append(
            {
                "speaker": speaker,
                "speaker_type": speaker_type(speaker, types, default),
                "text": text[start:end],
                "start": start,
                "end": end,
            }
        )
        if speaker:
            previous = (end, speaker, rows[-1]["speaker_type"] == "person")
    return rows
