"""The gazetteer: canonical entities and their aliases, kept as data in config/gazetteer.yaml.

The file format is documented in its header. The phrase matcher built from it is costly
(hundreds of patterns), so it is built once per Gazetteer and reused for every article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..config import load_checked
from ..errors import InputError

TYPES = {"person", "organisation", "place", "country"}
FIX = "fix the entry (the file format is described in the header of the gazetteer file)"
# Labels of the phrase matcher's patterns.
ALIAS, SURNAME, GENERIC, BLOCK, CASELESS = "ALIAS", "SURNAME", "GENERIC", "BLOCK", "CASELESS"
FUZZY_MIN_LENGTH = 5
PLACE_FUZZY_MIN_LENGTH = 6  # "Irkutsuk" -> Irkutsk; shorter place names are too close to other words


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    demonyms: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    of: str | None = None


def variants(text: str) -> set[str]:
    """Straight and curly apostrophes are interchangeable in names."""
    return {text, text.replace("’", "'"), text.replace("'", "’")}


@lru_cache(maxsize=1)
def tokenizer_pipeline():
    """A blank English tokenizer that also splits "U.S.-led", "Japan- US" and "Kurils.[1]",
    so names glued to punctuation are still whole tokens."""
    import spacy  # here, not at module level: the Snakefile loads the gazetteer at every start
    from spacy.util import compile_infix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*nlp.Defaults.infixes, r"(?<=\.)[-–—](?=[A-Za-z])", r"[\[\]]", r"(?<=[a-z])\.(?=\[)"]
    ).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, r"[-–—]$"]).search
    return nlp


@dataclass
class Gazetteer:
    entities: list[Entity]
    titles: tuple[str, ...] = ()
    not_entities: tuple[str, ...] = ()

    @cached_property
    def aliases(self) -> dict[str, Entity]:
        """Full names and aliases (both apostrophe forms) -> entity."""
        index: dict[str, Entity] = {}
        for ent in self.entities:
            for alias in (ent.name, *ent.aliases):
                for form in variants(alias):
                    index.setdefault(form, ent)
        return index

    @cached_property
    def surnames(self) -> dict[str, list[Entity]]:
        """Surname -> persons bearing it, in file order (the first is the default reading)."""
        index: dict[str, list[Entity]] = {}
        for ent in self.entities:
            if ent.type == "person" and ent.surname and ent.surname not in self.aliases:
                index.setdefault(ent.surname, []).append(ent)
        return index

    @cached_property
    def generics(self) -> dict[str, list[Entity]]:
        index: dict[str, list[Entity]] = {}
        for ent in self.entities:
            for name in ent.generic:
                for form in variants(name):
                    index.setdefault(form, []).append(ent)
        return index

    @cached_property
    def qualifiers(self) -> dict[str, str]:
        """Words that name a country right before a generic organisation name -> country name."""
        out: dict[str, str] = {}
        for ent in self.entities:
            if ent.type == "country":
                for word in (ent.name, *ent.aliases, *ent.demonyms):
                    out.setdefault(word, ent.name)
        return out

    @cached_property
    def demonyms(self) -> frozenset[str]:
        return frozenset(d for ent in self.entities for d in ent.demonyms)

    @cached_property
    def matcher(self):
        """One PhraseMatcher over every alias, surname, generic and blocked name (built once)."""
        from spacy.matcher import PhraseMatcher

        make_doc = tokenizer_pipeline().make_doc
        matcher = PhraseMatcher(tokenizer_pipeline().vocab)
        for label, names in (
            (ALIAS, self.aliases),
            (SURNAME, self.surnames),
            (GENERIC, self.generics),
            (BLOCK, {f for n in self.not_entities for f in variants(n)}),
        ):
            matcher.add(label, [make_doc(n) for n in sorted(names)])
        return matcher

    @cached_property
    def caseless(self) -> dict[str, Entity]:
        """Lower-cased names of places, countries and organisations, for sentence-case variants
        ("Northern territories", "Russian central bank") and capitals ("TOKYO, Oct. 4 –");
        person names stay case-sensitive. Which case variants count is decided in mentions."""
        return {alias.lower(): ent for alias, ent in self.aliases.items() if ent.type != "person"}

    @cached_property
    def caseless_matcher(self):
        from spacy.matcher import PhraseMatcher

        make_doc = tokenizer_pipeline().make_doc
        matcher = PhraseMatcher(tokenizer_pipeline().vocab, attr="LOWER")
        matcher.add(CASELESS, [make_doc(n) for n in sorted(self.caseless)])
        return matcher

    @cached_property
    def title_tokens(self) -> frozenset[tuple[str, ...]]:
        """Titles as lower-cased token tuples, compared with the tokens before a name."""
        make_doc = tokenizer_pipeline().make_doc
        return frozenset(tuple(t.lower_ for t in make_doc(title)) for title in self.titles)

    @cached_property
    def person_words(self) -> dict[str, list[Entity]]:
        """Single-word forms of person names (surnames and one-word aliases) long enough for fuzzy
        matching: a 4-letter name is one edit away from too many words ("Bush" ~ "Busch")."""
        out: dict[str, list[Entity]] = {
            k: list(v) for k, v in self.surnames.items() if " " not in k and len(k) >= FUZZY_MIN_LENGTH
        }
        for alias, ent in self.aliases.items():
            if ent.type == "person" and " " not in alias and len(alias) >= FUZZY_MIN_LENGTH:
                out.setdefault(alias, [ent])
        return out

    @cached_property
    def place_words(self) -> dict[str, Entity]:
        """Single-word names of places, countries and organisations for fuzzy matching of misspellings."""
        return {
            alias: ent
            for alias, ent in self.aliases.items()
            if ent.type != "person"
            and " " not in alias
            and len(alias) >= PLACE_FUZZY_MIN_LENGTH
            and alias[:1].isupper()
            and not alias.isupper()
        }

    @cached_property
    def two_word_names(self) -> dict[str, Entity]:
        """Two-word names of places, countries and organisations ("European Union"), for misspelt
        pairs of capitalised words ("Europe Union") that would otherwise yield a wrong shorter match."""
        return {
            alias: ent
            for alias, ent in self.aliases.items()
            if ent.type != "person" and len(alias.split()) == 2 and alias.replace(" ", "").isalpha()
        }


def _strings(value, path, i, key) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"entry #{i + 1}: `{key}` must be a list of non-empty names", FIX)
    return tuple(value)


def load_gazetteer(path) -> Gazetteer:
    """Read, schema-check (config/gazetteer.schema.yaml) and cross-check the gazetteer."""
    return parse_gazetteer(load_checked(path, "gazetteer"), path)


def parse_gazetteer(data: dict, path) -> Gazetteer:
    entities, seen = [], {}
    for i, rec in enumerate(data["entities"]):
        if not isinstance(rec, dict) or rec.get("type") not in TYPES or not rec.get("name"):
            raise InputError(path, f"entry #{i + 1} needs a name and a type in {sorted(TYPES)}", FIX)
        name, kind = str(rec["name"]), rec["type"]
        unknown = set(rec) - {"name", "type", "aliases", "surname", "demonyms", "generic", "of"}
        if unknown:
            raise InputError(path, f"entry {name!r} has unknown keys {sorted(unknown)}", FIX)
        surname = rec.get("surname", name.split()[-1]) if kind == "person" else None
        ent = Entity(
            name,
            kind,
            _strings(rec.get("aliases"), path, i, "aliases"),
            surname,
            _strings(rec.get("demonyms"), path, i, "demonyms"),
            _strings(rec.get("generic"), path, i, "generic"),
            rec.get("of"),
        )
        if ent.generic and not ent.of:
            raise InputError(path, f"entry {name!r} has `generic` names but no `of` country", FIX)
        for alias in (name, *ent.aliases):
            if alias in seen:
                raise InputError(
                    path,
                    f"{alias!r} is listed for both {seen[alias]!r} and {name!r}",
                    "keep each alias on one entity (surnames may be shared: use `surname`)",
                )
            seen[alias] = name
        entities.append(ent)
    countries = {e.name for e in entities if e.type == "country"}
    for ent in entities:
        if ent.of and ent.of not in countries:
            raise InputError(path, f"entry {ent.name!r}: `of: {ent.of}` is not a country entity", FIX)
    return Gazetteer(
        entities,
        _strings(data.get("titles"), path, -1, "titles"),
        _strings(data.get("not_entities"), path, -1, "not_entities"),
    )
