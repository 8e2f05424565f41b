"""Who a quotation belongs to, when it is not a person named next to it: institutions, media and
documents ("the Kremlin said", "Russia's Foreign Ministry announced", "The Japan Times reported",
"the declaration, which noted"), unnamed officials ("a government official told reporters"),
role nouns ("the prime minister said": the person last named with that title), and the kind of
speaker each is.
"""

from __future__ import annotations

import re

# Words that make a name a medium or a text a document; anything else that is not a person is an
# organisation (a government, a ministry, a party, a company, a capital speaking for its state).
_MEDIA = re.compile(
    r"\b(?:times|post|news|herald|journal|tribune|gazette|shimbun|press|agency|reuters|tass|kyodo|xinhua|"
    r"ria novosti|interfax|broadcast\w*|television|tv|radio|magazine|daily|review|telegraph|guardian|"
    r"economist|bloomberg|nhk|cnn|bbc)\b",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(
    r"\b(?:declaration|treaty|statement|communiqu[eé]|report|white paper|paper|strategy|charter|constitution|"
    r"law|act|agreement|accord|resolution|document|text|letter|note|bluebook|doctrine|memorandum)s?$",
    re.IGNORECASE,
)
PERSON_ROLES = (
    r"(?:prime minister|president|premier|chancellor|minister|spokes(?:man|woman|person)|ambassador|"
    r"secretary|leader|official|diplomat|envoy|commissioner|chairman|chairwoman|chief|officer|adviser|advisor|aide|"
    r"lawmaker|analyst|expert|source)s?"
)
_PERSON_ROLE = re.compile(rf"\b{PERSON_ROLES}$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|its|his|her|their|this|that|these|a|an)\s+", re.IGNORECASE)
_LABEL_WORDS = re.compile(r"^(?:q|a|question|answer|reporter|moderator)$", re.IGNORECASE)
PERSON, ORGANISATION, MEDIA, DOCUMENT = "person", "organisation", "media", "document"


def body_in(mentions: list[dict], start: int, end: int) -> dict | None:
    """The longest mention of an organisation or country inside [start, end)."""
    inside = [m for m in mentions if start <= m["start"] and m["end"] <= end and m["type"] != "place"]
    return max(inside, key=lambda m: (m["end"] - m["start"], -m["start"]), default=None)


def noun_phrase(text: str, phrase: str, before: int) -> str:
    """An unnamed source as the text calls it, without its determiner: "the white paper" -> the
    fullest earlier phrase ending with the same words ("the 2022 defense white paper" -> "defense
    white paper"), else "white paper"."""
    bare = _DETERMINER.sub("", phrase.strip(" ,")).strip()
    if not bare:
        return bare
    fuller = re.findall(
        rf"\b((?:[A-Za-z][\w’'-]*\s+){{1,3}}){re.escape(bare)}\b", text[:before], re.IGNORECASE
    )
    if fuller:  # the modifiers after the last function word: "the 2022 edition of the defense"
        words = re.split(
            r"\b(?:the|a|an|of|for|in|on|to|and|its|his|her|their|this|that)\b", fuller[-1], flags=re.I
        )
        modifiers = [w for w in words[-1].split() if not w[:1].isdigit()]
        return " ".join([*modifiers, bare]).strip()
    return bare


def is_media(name: str | None) -> bool:
    """A newspaper, agency or broadcaster: it reports words rather than speaks them."""
    return bool(name and _MEDIA.search(name))


def speaker_type(name: str | None, mention_types: dict[str, str], default: str) -> str | None:
    """person, organisation, media or document: from the mention the name came from, else from
    its words ("official", "Times", "declaration"), else `default`."""
    if not name:
        return None
    known = mention_types.get(name)
    if known == PERSON or (known is None and _PERSON_ROLE.search(name)):
        return PERSON
    if is_media(name):
        return MEDIA
    if known is None and _DOCUMENT.search(name):
        return DOCUMENT
    return known or default


def titled_person(text: str, persons: list[dict], role: str, before: int) -> str | None:
    """ "the prime minister said": the person last named with that title before `before`."""
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.IGNORECASE).lower()
    for person in reversed([p for p in persons if p["end"] <= before]):
        if role and re.search(
            rf"{re.escape(role)}\s*$", text[max(0, person["start"] - 40) : person["start"]], re.I
        ):
            return person["entity"]
    return None


def label_speaker(label: str, mentions: list[dict], offset: int, title: str, previous: str | None):
    """The speaker of a transcript paragraph "Label: ...": a person named in the label, the label's
    last comma-separated part ("Asahi Shimbun, Aibara"), or for an answer "A:" the person the
    document is by ("Press Conference by Minister X") or the last labelled speaker. None for a
    question "Q:" (unnamed reporters are not quoted)."""
    person = next(
        (m for m in mentions if offset <= m["start"] < offset + len(label) and m["type"] == "person"), None
    )
    if person:
        return person["entity"]
    if _LABEL_WORDS.match(label.strip()):
        if label.strip().lower() in ("a", "answer"):
            by = re.search(r"\bby\s+((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+)", title or "")
            return by.group(1).split()[-1] if by else previous
        return None
    return label.split(",")[-1].strip() or None
