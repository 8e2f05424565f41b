"""The corpora the pipeline runs on, and how their per-article work is split into jobs.

Two corpora share every per-article rule: `main` (data/raw/, the articles the brief is about) and
`unseen` (the frozen evaluation set, scored by `snakemake evaluate` only). Per-article work runs
in shards: a job per shard amortises the interpreter and spaCy start-up over many articles, and
an article's shard depends on its id alone, so adding an article reruns one shard only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .checkcache import CheckCache
from .registry import Source, load_registry

MAIN, UNSEEN = "main", "unseen"


def shard_of(article_id: str, shards: int) -> int:
    """Stable across runs, machines and corpus sizes (Python's hash() is salted per process)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % shards


@dataclass(frozen=True)
class Corpus:
    name: str
    raw: Path
    registry: Path
    interim: Path
    sources: tuple[Source, ...]

    @property
    def ids(self) -> list[str]:
        return sorted(s.id for s in self.sources)

    def source(self, article_id: str) -> Source:
        return next(s for s in self.sources if s.id == article_id)

    def shards(self, n: int) -> dict[int, list[str]]:
        """Non-empty shards: shard number -> article ids, sorted."""
        out: dict[int, list[str]] = {}
        for article_id in self.ids:
            out.setdefault(shard_of(article_id, n), []).append(article_id)
        return dict(sorted(out.items()))

    def path(self, kind: str, article_id: str) -> str:
        """Where a per-article output lives: clean (the text) or facts."""
        suffix = {"clean": "txt"}.get(kind, "json")
        return f"{self.interim}/{kind}/{article_id}.{suffix}"

    def evidence(self, shard: int) -> str:
        """Position evidence is kept per shard: it is redone for every article when the codebook
        changes, and one file per shard keeps Snakemake's file count down."""
        return f"{self.interim}/evidence/shard-{shard:03d}.json"


def load_corpora(config: dict, cache: CheckCache | None = None) -> dict[str, Corpus]:
    """Both registries, each validated against its raw folder (InputError on the first problem)."""
    paths, evaluation = config["paths"], config["evaluation"]
    limit = config["ingest"]["max_article_bytes"]
    unseen_raw = Path(evaluation["unseen_raw"])
    specs = {
        MAIN: (Path(paths["raw"]), Path(paths["registry"]), Path(paths["interim"])),
        UNSEEN: (unseen_raw, unseen_raw / "sources.yaml", Path(paths["interim"]) / UNSEEN),
    }
    return {
        name: Corpus(name, raw, registry, interim, tuple(load_registry(registry, raw, limit, cache)))
        for name, (raw, registry, interim) in specs.items()
    }
