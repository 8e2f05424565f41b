"""Who a quotation belongs to: the speaker rules of quotes.py's docstring, first that applies.

Each rule looks at one _Context: the quotation's sentence before it, the attribution after it, and
the speech cues in play. Speaker kinds, unnamed sources and institutions are in speakers.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .passages import SPEECH_CUE, sentence_end, sentence_start
from .speakers import PERSON_ROLES, body_in, is_media, noun_phrase, titled_person

CUE_WINDOW = 12
SUBJECT_GAP = 60
PREVIOUS_QUOTE_GAP = 400
CONTINUATION_GAP = 200
OPENER_CHARS = 30  # a sentence's subject is named within its first words ("Prime Minister X said")

CUE = re.compile(rf"\b(?:{SPEECH_CUE})\b", re.IGNORECASE)
_AFTER_CUE = re.compile(
    rf"^[,.]?\s*[—–-]?\s*(?:(?P<pron>he|she|they|it)\s+|(?P<np>(?:the|its|his|her|their|a|an)\s+(?:[\w’'-]+\s+){{0,7}}?)"
    rf"|(?P<name>(?:[A-Z][\w.’'-]*\s+){{1,6}})"
    rf"|(?P<appos>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}},[^“”\"\n]{{1,120}}?,\s+)"
    rf"|[^,“”\"\n]{{3,80}}?,\s+(?P<after_role>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{1,3}}),\s+)?(?:{SPEECH_CUE}|reads?)\b"
)  # "read": "…,” the statement read.
# "the Prime Minister said": a role noun refers back to a person, like a pronoun; "its foreign
# ministry said" names a non-person source.
_ROLES = PERSON_ROLES
_ROLE = re.compile(rf"\b{_ROLES}\s*$", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"^\s*the\s+(?:[\w-]+\s+){{0,3}}?{_ROLES}\b", re.IGNORECASE)  # "said the Minister"
# "a senior official", "an official at the Japanese Embassy": a person the text does not name,
# who speaks as the text describes them (not as the country or city named in the description).
_UNNAMED_PERSON = re.compile(rf"(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?{_ROLES}\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# A document the text names, for "the document said": "signed a decree", "the joint statement".
_DOCUMENT_BEFORE = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(decree|declaration|treaty|statement|communiqu[eé]|resolution|law)\b",
    re.IGNORECASE,
)
# Generic nouns by which a text refers back to a body it has named ("the ministry said").
_BODY_NOUN = re.compile(
    r"\b(ministry|agency|department|embassy|fleet|command|committee|council|commission|bank|office)\s*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|it|they)\b", re.IGNORECASE)
# What may follow "Kishida stated" when it attributes the quotation before it (", as per Kyodo",
# "on Monday", "in a statement") rather than opening a new sentence ("said the talks go on").
_TAIL = re.compile(r"\s*(?:[,.;:]|$|(?:in|on|at|during|as|according|to|late|early|last)\b)")
# "Russia's position is that “...”", "The Japanese government's position is “...”"
_POSITION = re.compile(
    r"[’']s\s+(?:official\s+|basic\s+)?(?:position|stance|view|line|proposal|argument)\s+(?:is|was|has been)"
    r"(?:\s+that)?(?:\s+it\s+will)?\s*[“\"‘]?$",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r"\s+((?:The\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,4})")
_THAT_CLAUSE = re.compile(r"(?:\s+[\w’'-]+){0,4}?\s+that\b", re.IGNORECASE)  # "said in a white paper that"
_PERSONAL = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)  # ... refer to a person
# The subject phrase of a speech verb: "The white paper (also) condemned ..." at a clause start.
_SUBJECT = re.compile(
    r"(?:^|[,;:]\s+|\.\s+)((?:the|its|their)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+)\s+(?:also\s+|further\s+)?$",
    re.IGNORECASE,
)
_BEFORE_WHICH = re.compile(r"((?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+),?\s+which\s*$", re.IGNORECASE)
_ROLE_BEFORE = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?{_ROLES}\b", re.IGNORECASE)
# "…, the Japanese Foreign Ministry said." closing the quote's sentence attributes it.
_FINAL_ATTRIBUTION = re.compile(rf",\s+(?P<who>[^,;“”\"]{{2,80}}?)\s+(?:{SPEECH_CUE})\b[^,;“”\"]{{0,80}}$")
# "X, deputy director of the General Customs Administration, said": a comma-closed aside.
_APPOSITIVE = re.compile(r",[^,;.“”\"]{1,120},\s*")


def in_name(text: str, cue) -> bool:
    """ "the United States": a capitalised cue word after a capitalised word is part of a name."""
    words = text[: cue.start()].split()
    return cue.group()[:1].isupper() and bool(words) and words[-1][:1].isupper()


def _possessive(text: str, person: dict) -> bool:
    """ "Kishida's cabinet noted": the person owns the subject but is not it."""
    return text[person["end"] : person["end"] + 2] in ("'s", "’s")


def _last_subject(text: str, persons: list[dict], before: int, quoted: list[tuple[int, int]]) -> str | None:
    """What "he"/"she" refers to: the first person named (not inside a quotation, not a possessive)
    in the last sentence before `before` that names anyone — the subject is usually named first."""
    outside = [
        p
        for p in persons
        if p["end"] <= before and not _possessive(text, p) and not any(s <= p["start"] < e for s, e in quoted)
    ]
    if not outside:
        return None
    sentence = sentence_start(text, outside[-1]["start"])
    return next(p["entity"] for p in outside if p["start"] >= sentence)


def _source(text: str, start: int, end: int, mentions: list[dict], persons: list[dict]) -> str | None:
    """Who a phrase naming a source stands for: a person in it, else the organisation or country in
    it, else the phrase itself ("the white paper" -> "defense white paper"; "its foreign ministry"
    -> "Russia foreign ministry" when Russia is the last country named before it in the sentence)."""
    person = next((p for p in persons if start <= p["start"] < end), None)
    if person:
        return person["entity"]
    body = body_in(mentions, start, end)
    if body:
        return body["entity"]
    phrase = noun_phrase(text, text[start:end], start) or None
    owner = re.match(r"\s*(?:its|their)\s", text[start:end], re.IGNORECASE)
    sentence = sentence_start(text, start)
    countries = [m for m in mentions if m["type"] == "country" and sentence <= m["start"] < start]
    return f"{countries[-1]['entity']} {phrase}" if owner and countries and phrase else phrase


@dataclass
class _Context:
    """What the speaker rules look at for one quotation: its sentence before it, the attribution
    after it, and the speech cues in play."""

    text: str
    start: int
    end: int
    mentions: list[dict]
    persons: list[dict]
    sent_start: int
    close: int  # just after the closing mark
    after: str  # the rest of the sentence after the quotation, when it may attribute it
    m: re.Match | None  # an attribution right after the quotation ("…,” he said)
    ends_sentence: bool

    @property
    def np(self) -> str | None:
        return self.m.group("np") if self.m else None

    @property
    def refers(self) -> bool:
        """ "…,” he said / the minister said": the words of someone named before."""
        m, np = self.m, self.np
        if not m or (np and re.match(r"(?:a|an)\s", np, re.IGNORECASE)):  # "a government official told"
            return False
        return bool(
            m.group("pron")
            or (np and _ROLE.search(np))
            or (not m.group("name") and _ROLE_AFTER.match(self.after[m.end() :]))
        )

    @property
    def np_span(self) -> tuple[int, int]:
        return self.close + self.m.start("np"), self.close + self.m.end("np")

    def source(self, start: int, end: int) -> str | None:
        return _source(self.text, start, end, self.mentions, self.persons)


def _context(text: str, start: int, end: int, kind: str, mentions: list[dict]) -> _Context:
    sent_start = sentence_start(text, start if kind == "inline" else start - 1)
    if kind == "set-off":
        sent_start = sentence_start(text, start - 2)
    close = end + 1 if kind == "inline" else end
    while kind == "inline" and text[close : close + 1] in ("’", "”", '"'):  # a doubled mark: ‘‘…’’
        close += 1
    # A quote that ends its own sentence (“… waver.” Next …) has no attribution after it, unless a
    # name and a speech verb follow with a short tail ("… price.” Kishida stated, as per Kyodo).
    ends_sentence = bool(kind == "set-off" or re.search(r"[.!?…]\W*$", text[start:end]))
    after = "" if kind == "set-off" else text[close : sentence_end(text, close)]
    m = _AFTER_CUE.match(after)
    if m and ends_sentence:
        tail = after[m.end() :]
        named = m.group("name") or m.group("appos") or m.group("after_role")
        if not (named and _TAIL.match(tail) and len(tail.split()) <= 8 and not re.search('[“"]', after)):
            m = None
    persons = [p for p in mentions if p["type"] == "person"]
    return _Context(
        text,
        start,
        end,
        mentions,
        persons,
        sent_start,
        close,
        after if m or not ends_sentence else "",
        m,
        ends_sentence,
    )


def _attribution_after(c: _Context):
    """Rule 1: “…,” its foreign ministry said / said X / X said / Moscow said."""
    m = c.m
    if not m or c.refers:
        return None
    if c.np and _UNNAMED_PERSON.match(c.np):  # "an official at the Japanese Embassy in Moscow said"
        return _ARTICLE.sub("", c.np.strip()), True
    if c.np:
        return _named_before(c) or c.source(*c.np_span), True
    if m.group("after_role"):  # "…," Putin's chief adviser, Yury Ushakov, said
        at, to = c.close + m.start("after_role"), c.close + m.end("after_role")
        person = next((p for p in c.persons if at <= p["start"] < to), None)
        return (person["entity"] if person else m.group("after_role")), True
    reach = c.close + m.end() + (0 if m.group("name") else SUBJECT_GAP)
    named = [p for p in c.persons if c.close <= p["start"] < reach]
    if named:
        return named[0]["entity"], True
    body = body_in(c.mentions, c.close, reach)
    return (body["entity"], True) if body else None


def _named_before(c: _Context) -> str | None:
    """What "the <noun> said" refers back to: the body last named before the quotation whose name
    has that noun ("the ministry"), one the text introduced with it ("Mitsui & Co., a Japanese
    trading company, …" -> "the Japanese company said"), or for "the document" the last document
    it named ("signed a decree" -> "decree")."""
    if not re.match(r"\s*the\s", c.np, re.IGNORECASE) or body_in(c.mentions, *c.np_span):
        return None
    noun = c.np.split()[-1].lower()
    before = [m for m in c.mentions if m["end"] <= c.start and m["type"] == "organisation"]
    named = [m for m in before if _BODY_NOUN.search(noun) and noun in f"{m['entity']} {m['surface']}".lower()]
    introduced = [
        m
        for m in before
        if re.match(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(noun)}\b", c.text[m["end"] :], re.I)
    ]
    if named or introduced:
        return max(named + introduced, key=lambda m: m["start"])["entity"]
    if noun in ("document", "text"):
        documents = list(_DOCUMENT_BEFORE.finditer(c.text, 0, c.start))
        return documents[-1].group(1).lower() if documents else None
    return None


def _cues(c: _Context) -> tuple[list, list]:
    """(cues that attribute this quotation, every speech cue of its sentence before it)."""
    before = c.text[c.sent_start : c.start]
    found = [cue for cue in CUE.finditer(before) if not in_name(before, cue)]
    phrase = len(c.text[c.start : c.end].split()) >= 3  # one or two words in a that-clause are a term
    near = [
        cue
        for cue in found  # near the quote, heading a that-clause the quote is part of, or "according to"
        if len(before[cue.end() :].split()) <= CUE_WINDOW
        or (phrase and _THAT_CLAUSE.match(before, cue.end()))
        or cue.group().lower().startswith("according")
    ]
    return near, found


def _before_the_quote(c: _Context, cues: list, cue_any: list):
    """Rule 2: the speaker stands before the speech cue: a person, a body, a document ("which
    noted"), an owner ("Russia's position is that"), a source after "according to"."""
    before = c.text[c.sent_start : c.start]
    position = _POSITION.search(before)
    if position and not c.m:  # "Russia's position is that “...”": the possessor speaks
        at = c.sent_start + position.start()
        owner = body_in(c.mentions, c.sent_start, at + 1) or next(
            (p for p in reversed(c.persons) if p["end"] == at), None
        )
        if owner:
            return owner["entity"], True
    if not (cue_any or c.refers or (c.m and not c.m.group("name"))):
        return None, False
    cue_at = c.sent_start + (cue_any[-1].start() if cue_any else len(before))
    lead = before[: cue_any[-1].start()] if cue_any else before
    if cue_any and lead.rstrip().lower().endswith("which"):  # "the 1956 declaration, which noted"
        phrase = _BEFORE_WHICH.search(lead)
        found = c.source(c.sent_start + phrase.start(1), c.sent_start + phrase.end(1)) if phrase else None
        return found, bool(cues)
    subjects = [
        p
        for p in c.persons
        if c.sent_start <= p["start"] and p["end"] <= cue_at and not _possessive(c.text, p)
    ]
    if subjects and (
        cue_at - subjects[-1]["end"] <= SUBJECT_GAP
        or _APPOSITIVE.fullmatch(c.text[subjects[-1]["end"] : cue_at])
    ):
        return subjects[-1]["entity"], bool(cues) or bool(c.m)
    opener = subjects[0] if subjects else None
    # ", calling …", ", saying …": a participle clause shares the subject of its sentence
    participle = (
        cue_any and cue_any[-1].group().split()[0].lower().endswith("ing") and lead.rstrip().endswith(",")
    )
    if opener and participle and opener["start"] - c.sent_start <= OPENER_CHARS:
        return opener["entity"], bool(cues)  # "Kishi said …, calling the moves “provocative”"
    for cue in (cue for cue in cues if cue.group().lower().startswith("according")):
        at = c.sent_start + cue.end()
        source = next((p for p in c.mentions if 0 <= p["start"] - at <= 2 and p["type"] != "place"), None)
        if source:  # 'according to Novak, "…"'
            return source["entity"], True
        name = _NAME_AFTER.match(before, cue.end())  # a source the gazetteer does not know
        if name:
            return name.group(1), True
    if cue_any and not _PRONOUN.search(before[: cue_any[-1].end()]):
        body = body_in(c.mentions, max(c.sent_start, cue_at - SUBJECT_GAP), cue_at)
        if body and not _possessive(c.text, body):  # "Russia's Foreign Ministry said"
            return body["entity"], bool(cues)
        subject = _SUBJECT.search(lead)
        if subject:  # "The white paper condemned the invasion as a “...”"
            return c.source(c.sent_start + subject.start(1), c.sent_start + subject.end(1)), bool(cues)
    return None


def _back_reference(c: _Context, cues: list, cue_any: list, previous, quoted):
    """Rule 3: "he said", "the prime minister said": the person last named with that title, the
    previous speaker, or the subject of the last sentence naming someone."""
    before = c.text[c.sent_start : c.start]
    with_cue = before[: cue_any[-1].end()] if cue_any else before  # "In his words:" refers back
    if not (c.refers or _PRONOUN.search(with_cue)):
        return None
    lead = before[: cue_any[-1].start()] if cue_any else before
    role = c.np if c.np and c.refers else (m.group() if (m := _ROLE_BEFORE.search(lead)) else "")
    if not role:  # "... the prime minister emphasised ... . He said, “...”"
        last = max((p["end"] for p in c.persons if p["end"] <= c.sent_start), default=0)
        roles = list(_ROLE_BEFORE.finditer(c.text, last, c.sent_start))
        role = roles[-1].group() if roles else ""
    titled = titled_person(c.text, c.persons, role, c.sent_start) if role else None
    if titled:
        return titled, True
    if c.m and (c.m.group("pron") or "").lower() == "it":  # "…,” it said: the body quoted just before
        close = previous and c.sent_start - previous[0] <= PREVIOUS_QUOTE_GAP and not previous[2]
        return (previous[1], True) if close else None
    personal = _PERSONAL.search(with_cue) or (c.np and c.refers)
    if previous and c.sent_start - previous[0] <= PREVIOUS_QUOTE_GAP and (previous[2] or not personal):
        return previous[1], True
    subject = _last_subject(c.text, c.persons, c.sent_start, quoted)
    return (subject, True) if subject else None


def speaker_of(text: str, start: int, end: int, kind: str, mentions: list[dict], previous, quoted):
    """(speaker, cued): the speaker rules of quotes.py's docstring, first that applies."""
    c = _context(text, start, end, kind, mentions)
    found = _attribution_after(c)
    cues, all_cues = _cues(c)
    if found and is_media(found[0]) and cues:  # 'what Moscow said was a “planned flight,” Reuters reported'
        inner = _before_the_quote(c, cues, cues)
        return inner if inner and inner[0] else found
    if found:
        return found
    cue_any = cues or all_cues
    final = None if c.m or c.ends_sentence else _FINAL_ATTRIBUTION.search(c.after)
    if final and not cues:  # 'it "may negatively affect" peace, the ministry said.'
        return c.source(c.close + final.start("who"), c.close + final.end("who")), True
    found = _before_the_quote(c, cues, cue_any) or _back_reference(c, cues, cue_any, previous, quoted)
    return found or (None, bool(cues) or bool(c.m))


def reported_before(text: str, start: int, mentions: list[dict], persons: list[dict]) -> str | None:
    """An unattributed quote right after a sentence in which someone says something ("Kishida
    stated that ... . “We are facing ...”") continues that person's words."""
    sent_start = sentence_start(text, start)
    previous_start = sentence_start(text, sent_start - 1) if sent_start else 0
    previous = text[previous_start:sent_start]
    cue = next((c for c in CUE.finditer(previous) if not in_name(previous, c)), None)
    if cue is None or sent_start == 0 or "\n\n" in text[previous_start:start]:
        return None
    cue_at = previous_start + cue.start()
    subjects = [p for p in persons if previous_start <= p["start"] and p["end"] <= cue_at]
    if subjects:
        return subjects[-1]["entity"]
    body = body_in(mentions, previous_start, cue_at)
    if body:
        return body["entity"]
    if _PERSONAL.match(text, previous_start):  # "He also warned against …. “We think …”"
        return _last_subject(text, persons, previous_start, [])
    return None


def continues(text: str, previous: tuple[int, str], start: int, persons: list[dict]) -> bool:
    """A quote right after another in the same paragraph, or a quote opening a paragraph soon
    after the last one, continues the same speech — unless someone else is named in between."""
    previous_end, speaker, _person = previous
    if any(previous_end <= p["start"] < start and p["entity"] != speaker for p in persons):
        return False
    gap = text[previous_end:start]
    if "\n" not in gap:
        return len(gap) <= CONTINUATION_GAP
    return text[: start - 1].endswith("\n") and len(gap) <= PREVIOUS_QUOTE_GAP
