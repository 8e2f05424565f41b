"""The gazetteer: canonical entities and their aliases, kept as data in config/gazetteer.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import InputError

TYPES = {"person", "organisation", "place", "country"}


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass
class Gazetteer:
    entities: list[Entity]

    def alias_index(self) -> dict[str, Entity]:
        index = {}
        for ent in self.entities:
            for alias in (ent.name, *ent.aliases):
                index.setdefault(alias, ent)
        return index


def load_gazetteer(path) -> Gazetteer:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    entities = []
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or rec.get("type") not in TYPES or not rec.get("name"):
            raise InputError(path, f"entry #{i + 1} needs a name and a type in {sorted(TYPES)}",
                             "fix the entry (see the header of the gazetteer file)")
        entities.append(Entity(rec["name"], rec["type"], tuple(rec.get("aliases") or ())))
    return Gazetteer(entities)
