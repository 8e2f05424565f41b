"""Is a name in an annotation the same entity as a name the machine produced?

Annotators write names as the text gives them in full ("Prime Minister Fumio Kishida", "Russian
Foreign Ministry", "The Japan Times"); the machine writes canonical gazetteer names, or the name as
printed for entities the gazetteer lacks. Both sides are mapped through the gazetteer's aliases;
what is left is compared by surname (people) or by fuzzy token-set similarity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..extract.gazetteer import Gazetteer

FUZZY_SAME = 88
# "the Japanese government", "the Russian side", "the government of Japan": the country speaking
_GOVERNMENT = ("government", "side", "authorities", "administration", "leadership")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s\b")


def _plain(name: str) -> str:
    name = _POSSESSIVE.sub("", _ARTICLE.sub("", name.strip()))
    return " ".join(re.sub(r"[^\w\s-]", " ", name).split()).casefold()


class NameMatcher:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._index = {_plain(alias): ent.name for alias, ent in gazetteer.aliases.items()}
        self._not_people = {ent.name for ent in gazetteer.entities if ent.type != "person"}
        self._titles = sorted((_plain(t) for t in gazetteer.titles), key=len, reverse=True)
        countries = {ent.name: ent for ent in gazetteer.entities if ent.type == "country"}
        for ent in gazetteer.entities:
            for generic in ent.generic if ent.of in countries else ():  # "Russia's Foreign Ministry"
                country = countries[ent.of]
                for qualifier in (country.name, *country.demonyms):
                    self._index.setdefault(f"{_plain(qualifier)} {_plain(generic)}", ent.name)
                self._index.setdefault(f"{_plain(generic)} of {_plain(country.name)}", ent.name)
            if ent.type == "country":
                for word in _GOVERNMENT:
                    self._index.setdefault(f"{word} of {_plain(ent.name)}", ent.name)
                    for demonym in ent.demonyms:
                        self._index.setdefault(f"{_plain(demonym)} {word}", ent.name)

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per evaluation run
    def canonical(self, name: str | None) -> str | None:
        """The gazetteer's name for `name` (titles stripped), else its plain form."""
        if not name:
            return None
        plain = _plain(name)
        if plain in self._index:
            return self._index[plain]
        for title in self._titles:
            if plain.startswith(title + " "):
                rest = plain[len(title) + 1 :]
                return self._index.get(rest, rest)
        return plain

    def same(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return not a and not b
        ca, cb = self.canonical(a), self.canonical(b)
        if ca == cb:
            return True
        pa, pb = _plain(ca), _plain(cb)
        people = ca not in self._not_people and cb not in self._not_people
        if people and pa.split()[-1] == pb.split()[-1] and min(len(pa.split()), len(pb.split())) == 1:
            return True  # "Kishida" / "Fumio Kishida"
        return fuzz.token_sort_ratio(pa, pb) >= FUZZY_SAME
