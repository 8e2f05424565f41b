"""The source registry (data/raw/sources.yaml): which articles exist and what is known about them.

Validated in full before any job runs, so a bad corpus stops the build with one
clear message instead of half-built outputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .textio import check_regular_file, read_article, sha256_bytes

# The C loader when PyYAML has it: parsing a 1000-record registry at every start-up must stay cheap.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
REQUIRED = ("id", "file", "title", "outlet", "authors", "published")
OPTIONAL = ("inferred", "notes", "url", "genre")
INFERABLE = {"title", "outlet", "authors", "published"}
ARTICLE_SUFFIX = ".txt"


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


def _parse_record(registry: Path, index: int, rec) -> Source:
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
    unknown = sorted(set(rec) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _record_error(
            registry,
            index,
            f"has unknown field(s) {', '.join(unknown)}",
            f"remove or rename them; allowed: {', '.join(REQUIRED + OPTIONAL)}",
        )
    rid = rec["id"]
    if not isinstance(rid, str) or not SAFE_ID.match(rid):
        raise _record_error(
            registry,
            index,
            f"id {rid!r} is not a safe slug",
            "use lowercase letters, digits and single hyphens only (no '/', '..', spaces)",
        )
    file = rec["file"]
    if (
        not isinstance(file, str)
        or Path(file).name != file
        or file.startswith(".")
        or not file.endswith(ARTICLE_SUFFIX)
    ):
        raise _record_error(
            registry,
            index,
            f"file {file!r} is not a plain {ARTICLE_SUFFIX} file name",
            f"give the bare name of a {ARTICLE_SUFFIX} file inside the raw data folder",
        )
    if not isinstance(rec["title"], str) or not rec["title"].strip():
        raise _record_error(registry, index, "title is empty", "copy the article's headline into `title`")
    if rec["outlet"] is not None and not isinstance(rec["outlet"], str):
        raise _record_error(
            registry, index, "outlet must be text or null", "write the outlet's name, or null"
        )
    authors = rec["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) and a.strip() for a in authors):
        raise _record_error(
            registry,
            index,
            "authors must be a list of names",
            "write `authors: [First Last, ...]`, or `authors: []` when the text names none",
        )
    published = str(rec["published"])
    if not ISO_PARTIAL_DATE.match(published):
        raise _record_error(
            registry,
            index,
            f"published {published!r} is not an ISO date",
            'write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. "2024-10"',
        )
    inferred = rec.get("inferred") or []
    if not isinstance(inferred, list) or not set(inferred) <= INFERABLE:
        raise _record_error(
            registry,
            index,
            f"inferred {inferred!r} is not a list of {sorted(INFERABLE)}",
            "list the fields whose value you inferred, e.g. `inferred: [published]`",
        )
    if inferred and not str(rec.get("notes") or "").strip():
        raise _record_error(
            registry,
            index,
            "marks values as inferred but gives no notes",
            "say in `notes` why each inferred value was inferred",
        )
    for key in ("url", "genre"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise _record_error(
                registry, index, f"{key} must be text or absent", f"write `{key}` as plain text"
            )
    return Source(
        id=rid,
        file=file,
        title=rec["title"].strip(),
        outlet=rec["outlet"],
        authors=tuple(a.strip() for a in authors),
        published=published,
        inferred=tuple(inferred),
        notes=str(rec.get("notes") or "").strip(),
        url=rec.get("url"),
        genre=rec.get("genre"),
    )


def load_registry(registry_path, raw_dir) -> list[Source]:
    """Parse and cross-check the registry against the raw folder; raise InputError on the first problem."""
    registry, raw = Path(registry_path), Path(raw_dir)
    if not registry.exists() and not registry.is_symlink():
        raise InputError(
            registry,
            "the source registry does not exist",
            f"create it with one record per article file in {raw}/ (see README, 'Adding an article')",
        )
    check_regular_file(registry, registry.parent)
    try:
        records = yaml.load(registry.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(
            registry,
            f"is not valid YAML ({err})".replace("\n", " "),
            "fix the YAML syntax at the position named above",
        ) from None
    if not isinstance(records, list) or not records:
        raise InputError(
            registry, "must be a non-empty YAML list of records", "write one `- id: ...` record per article"
        )
    sources = [_parse_record(registry, i, rec) for i, rec in enumerate(records)]

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
    unregistered = sorted(on_disk - set(seen_files))
    if unregistered:
        raise InputError(
            raw / unregistered[0],
            "has no record in the source registry",
            f"add a record with `file: {unregistered[0]}` to {registry}, or move the file out of {raw}/",
        )

    checked: list[Source] = []
    by_text: dict[str, str] = {}
    for src in sources:
        text, digest = read_article(raw / src.file)
        # compare the normalised text, so a copy saved with CRLF line ends or a BOM is still caught
        same = sha256_bytes(text.encode("utf-8"))
        if same in by_text:
            raise InputError(
                raw / src.file,
                f"has the same text as the article {by_text[same]!r}",
                "remove the duplicate file and its record (or register the article once)",
            )
        by_text[same] = src.id
        checked.append(Source(**{**src.__dict__, "sha256": digest}))
    return checked
