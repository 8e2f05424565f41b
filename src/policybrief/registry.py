"""The source registry (data/raw/sources.yaml): which articles exist and what is known about them.

Validated in full before any job runs, so a bad corpus stops the build with one
clear message instead of half-built outputs.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import duplicates, textio
from .checkcache import CheckCache, code_fingerprint, fingerprint
from .config import read_yaml
from .duplicates import Fingerprint, exact_duplicate, near_duplicate
from .errors import InputError
from .textio import check_regular_file, read_article, strip_invisible

# Matched with fullmatch: `$` would also match before a final newline.
SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A bare file name: no folder, no leading dot, no control characters, and no braces (Snakemake
# would read them as wildcards in the rule that names the file).
SAFE_FILE = re.compile(r"[^./\\{}\x00-\x1f\x7f][^/\\{}\x00-\x1f\x7f]*\.txt")
ISO_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
REQUIRED = ("id", "file", "title", "outlet", "authors", "published")
OPTIONAL = ("inferred", "notes", "url", "genre")
INFERABLE = {"title", "outlet", "authors", "published"}
ARTICLE_SUFFIX = ".txt"
# The default of ingest.max_article_bytes in config.yaml: ~300,000 words, ten times a long report.
MAX_ARTICLE_BYTES = 2_000_000
# Cached fingerprints hold while the normalisation and the duplicate rules are unchanged.
_DUPLICATES_TAG = fingerprint(code_fingerprint(textio, duplicates))


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    title: str
    outlet: str | None
    authors: tuple[str, ...]
    published: str
    inferred: tuple[str, ...] = ()
    notes: str = ""
    url: str | None = None
    genre: str | None = None
    sha256: str = field(default="", compare=False)

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.published)]

    @classmethod
    def from_record(cls, record: dict) -> Source:
        """The inverse of as_record (records travel to jobs as plain data)."""
        return cls(**{**record, "authors": tuple(record["authors"]), "inferred": tuple(record["inferred"])})

    def as_record(self) -> dict:
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "published": self.published,
            "inferred": list(self.inferred),
            "notes": self.notes,
            "url": self.url,
            "genre": self.genre,
            "sha256": self.sha256,
        }


def _record_error(registry, index, problem, fix):
    return InputError(registry, f"record #{index + 1}: {problem}", fix)


def _check_shape(registry: Path, index: int, rec) -> None:
    if not isinstance(rec, dict):
        raise _record_error(
            registry,
            index,
            "is not a mapping of field: value",
            "write each record as `- id: ...` followed by its fields",
        )
    missing = [k for k in REQUIRED if k not in rec]
    if missing:
        raise _record_error(
            registry,
            index,
            f"misses field(s) {', '.join(missing)}",
            f"add them; every record needs {', '.join(REQUIRED)} (use null/[] when unknown)",
        )
    unknown = sorted(set(rec) - set(REQUIRED) - set(OPTIONAL), key=str)
    if unknown:
        raise _record_error(
            registry,
            index,
            f"has unknown field(s) {', '.join(map(str, unknown))}",
            f"remove or rename them; allowed: {', '.join(REQUIRED + OPTIONAL)}",
        )


def _check_names(registry: Path, index: int, rec: dict) -> None:
    """id and file name end up in output paths and Snakemake rules: whole-string patterns only
    (`re.match(...$)` would accept a trailing newline, which a YAML `|` block adds)."""
    rid = rec["id"]
    if not isinstance(rid, str) or not SAFE_ID.fullmatch(rid):
        raise _record_error(
            registry,
            index,
            f"id {rid!r} is not a safe slug",
            "use lowercase letters, digits and single hyphens only (no '/', '..', spaces or line breaks)",
        )
    file = rec["file"]
    if not isinstance(file, str) or not SAFE_FILE.fullmatch(file):
        raise _record_error(
            registry,
            index,
            f"file {file!r} is not a plain {ARTICLE_SUFFIX} file name",
            f"give the bare name of a {ARTICLE_SUFFIX} file inside the raw data folder "
            "(no folders, leading dot, braces or control characters)",
        )


def _check_text(registry: Path, index: int, rec: dict, key: str, fix: str, nullable: bool = True) -> None:
    value = rec.get(key)
    if (value is not None or not nullable) and not isinstance(value, str):
        raise _record_error(
            registry, index, f"{key} must be text{' or null' if nullable else ''}, not {value!r}", fix
        )


def published_text(value) -> str | None:
    """The registry's date as ISO text if it names a real calendar date (YYYY, YYYY-MM or
    YYYY-MM-DD), else None. An unquoted YAML date may arrive as a datetime.date."""
    if isinstance(value, datetime.datetime):
        return None  # a time of day is not a publication date at any precision the brief uses
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not ISO_PARTIAL_DATE.fullmatch(value):
        return None
    if len(value) == len("YYYY-MM-DD"):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:  # 2023-02-30
            return None
    return value


def _check_published(registry: Path, index: int, rec: dict) -> str:
    published = published_text(rec["published"])
    if published is None:
        raise _record_error(
            registry,
            index,
            f"published {rec['published']!r} is not a real ISO date",
            'write YYYY, YYYY-MM or YYYY-MM-DD of a day that exists, in quotes: "2024-10", "2024-02-29"',
        )
    return published


def _check_inferred(registry: Path, index: int, rec: dict) -> tuple[str, ...]:
    inferred = rec.get("inferred") or []
    if (
        not isinstance(inferred, list)
        or not all(isinstance(v, str) for v in inferred)
        or not set(inferred) <= INFERABLE
    ):
        raise _record_error(
            registry,
            index,
            f"inferred {inferred!r} is not a list of {sorted(INFERABLE)}",
            "list the fields whose value you inferred, e.g. `inferred: [published]`",
        )
    _check_text(registry, index, rec, "notes", "write `notes` as one text (`notes: >-` for several lines)")
    if inferred and not (rec.get("notes") or "").strip():
        raise _record_error(
            registry,
            index,
            "marks values as inferred but gives no notes",
            "say in `notes` why each inferred value was inferred",
        )
    return tuple(inferred)


def _parse_record(registry: Path, index: int, rec) -> Source:
    """One record, checked field by field; every error names the record and the field."""
    _check_shape(registry, index, rec)
    _check_names(registry, index, rec)
    _check_text(registry, index, rec, "title", "copy the article's headline into `title`", nullable=False)
    if not _plain(rec["title"]):
        raise _record_error(registry, index, "title is empty", "copy the article's headline into `title`")
    _check_text(registry, index, rec, "outlet", "write the outlet's name, or null")
    authors = rec["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        raise _record_error(
            registry,
            index,
            "authors must be a list of names",
            "write `authors: [First Last, ...]`, or `authors: []` when the text names none",
        )
    published = _check_published(registry, index, rec)
    inferred = _check_inferred(registry, index, rec)
    for key in ("url", "genre"):
        _check_text(registry, index, rec, key, f"write `{key}` as plain text, or leave it out")
    return Source(
        id=rec["id"],
        file=rec["file"],
        title=_plain(rec["title"]),
        outlet=_plain(rec["outlet"]),
        authors=tuple(_plain(a) for a in authors),
        published=published,
        inferred=inferred,
        notes=_plain(rec.get("notes") or ""),
        url=_plain(rec.get("url")),
        genre=_plain(rec.get("genre")),
    )


def _plain(value: str | None) -> str | None:
    """Registry text normalised like article text: the title is matched against the article's
    lines, and every field is printed in the report, where a bidi control must not arrive."""
    return None if value is None else unicodedata.normalize("NFC", strip_invisible(value)).strip()


def _check_unique(registry: Path, sources: list[Source]) -> None:
    """No two records share an id or a file."""
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, str] = {}
    for i, src in enumerate(sources):
        if src.id in seen_ids:
            raise _record_error(
                registry,
                i,
                f"id {src.id!r} is already used by record #{seen_ids[src.id] + 1}",
                "give every article a unique id",
            )
        seen_ids[src.id] = i
        if src.file in seen_files:
            raise _record_error(
                registry,
                i,
                f"file {src.file!r} is already registered as {seen_files[src.file]!r}",
                "register each article file once",
            )
        seen_files[src.file] = src.id


def _check_files(registry: Path, raw: Path, sources: list[Source]) -> None:
    """Every record has its file, every file its record, and each is a regular file inside raw/."""
    on_disk = {p.name for p in raw.glob(f"*{ARTICLE_SUFFIX}")}
    for i, src in enumerate(sources):
        if src.file not in on_disk:
            raise _record_error(
                registry,
                i,
                f"points at {raw / src.file}, which does not exist",
                f"add the article file to {raw}/ or remove the record",
            )
    for name in sorted(on_disk):  # before anything is opened: a FIFO would block, a symlink leak
        check_regular_file(raw / name, raw)
    unregistered = sorted(on_disk - {src.file for src in sources})
    if unregistered:
        raise InputError(
            raw / unregistered[0],
            "has no record in the source registry",
            f"add a record with `file: {unregistered[0]}` to {registry}, or move the file out of {raw}/",
        )


def load_registry(
    registry_path, raw_dir, max_article_bytes: int = MAX_ARTICLE_BYTES, cache: CheckCache | None = None
) -> list[Source]:
    """Parse and cross-check the registry against the raw folder; raise InputError on the first problem.

    `cache` (the Snakefile's start-up cache) spares the duplicate search the articles it has seen.
    """
    registry, raw = Path(registry_path), Path(raw_dir)
    if not registry.exists() and not registry.is_symlink():
        raise InputError(
            registry,
            "the source registry does not exist",
            f"create it with one record per article file in {raw}/ (see README, 'Adding an article')",
        )
    # bounded, regular file, no aliases (a 4 kB alias bomb expands to gigabytes); dates stay text
    records = read_yaml(registry, "source registry", dates_as_text=True)
    if not isinstance(records, list) or not records:
        raise InputError(
            registry, "must be a non-empty YAML list of records", "write one `- id: ...` record per article"
        )
    sources = [_parse_record(registry, i, rec) for i, rec in enumerate(records)]

    _check_unique(registry, sources)
    _check_files(registry, raw, sources)

    checked: list[Source] = []
    texts: list[str] = []
    for src in sources:
        check_size(raw / src.file, max_article_bytes)
        text, digest = read_article(raw / src.file)
        texts.append(text)
        checked.append(Source(**{**src.__dict__, "sha256": digest}))
    check_duplicates(raw, checked, texts, cache)
    return checked


def check_size(path: Path, limit: int) -> None:
    """Refuse an article file larger than `limit` bytes before it is read: a whole site or a PDF
    saved as text would slow every stage and swamp the brief."""
    size = os.lstat(path).st_size
    if size > limit:
        raise InputError(
            path,
            f"is {size:,} bytes, more than the {limit:,} an article may have (ingest.max_article_bytes)",
            "check that the file holds one article's text; if it really is one article, raise "
            "ingest.max_article_bytes in config.yaml",
        )


def check_duplicates(raw: Path, sources: list[Source], texts: list[str], cache: CheckCache | None) -> None:
    """Refuse two articles with the same text up to whitespace, or near-duplicates (duplicates.py).

    Normalised text is compared, so a copy saved with CRLF line ends, a BOM, a trailing newline,
    other indentation or invisible characters is caught too. With a cache, fingerprints are
    computed once per file content, and only pairs holding an article not yet checked are compared.
    """
    name = f"duplicates:{raw}"
    section = cache.section(name, _DUPLICATES_TAG) if cache else {}
    digests = [s.sha256 for s in sources]
    copies = Counter(digests)  # two files with the same bytes share a digest: never "checked"
    verified = set(section.get("verified", []))
    new = {k for k, d in enumerate(digests) if d not in verified or copies[d] > 1}
    if not new:
        return
    known = section.get("prints", {})
    prints = [
        Fingerprint.from_json(known[s.sha256]) if s.sha256 in known else Fingerprint.of(text)
        for s, text in zip(sources, texts, strict=True)
    ]
    pair = exact_duplicate(prints, new)
    if pair:
        earlier, later = sources[pair[0]], sources[pair[1]]
        raise InputError(
            raw / later.file,
            f"has the same text as the article {earlier.id!r} ({earlier.file}), whitespace aside",
            "remove the duplicate file and its record (or register the article once)",
        )
    found = near_duplicate(prints, texts, new)
    if found:
        earlier, later = sources[found[0]], sources[found[1]]
        raise InputError(
            raw / later.file,
            f"is a near-duplicate of the article {earlier.id!r} ({earlier.file}): "
            f"{math.floor(found[2] * 100)}% of their three-word sequences are the same",
            "register the article once: remove one of the two files and its record (a copy "
            "republished elsewhere is one source; say so in `notes`)",
        )
    if cache:
        prints_json = {d: fp.as_json() for d, fp in zip(digests, prints, strict=True)}
        cache.replace(name, {"verified": sorted(set(digests)), "prints": prints_json})
