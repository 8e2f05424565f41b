"""Results of start-up checks, kept between Snakemake starts in .snakemake/policybrief/checks.json.

The Snakefile checks every article at every start. Checks that cost more than reading the file
(the near-duplicate search, the trial cleaning of an article) depend only on file contents and on a
few settings, so their results are kept here, keyed by content hashes, in sections tagged with a
fingerprint of everything else they depend on: a start whose keys are all known does no work.
Losing or corrupting the file costs one slower start, never a wrong answer. It lives in
Snakemake's own state folder (git-ignored, removed by `make clean-build`), not among the outputs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .atomic import write_json

CACHE_PATH = Path(".snakemake") / "policybrief" / "checks.json"
VERSION = 1


def fingerprint(*parts) -> str:
    """A short hash of whatever a section's results depend on (settings, file contents, code)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def code_fingerprint(*modules) -> str:
    """Results computed by these modules' code hold until the code changes."""
    return fingerprint(*(hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest() for m in modules))


class CheckCache:
    """Sections of results; a section whose fingerprint changed starts empty."""

    def __init__(self, path=CACHE_PATH):
        self.path = Path(path)
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.data = data if isinstance(data, dict) and data.get("version") == VERSION else {}
        except (OSError, ValueError):
            self.data = {}
        self.data.setdefault("version", VERSION)
        self.data.setdefault("sections", {})

    def section(self, name: str, tag: str) -> dict:
        """The results stored under `name` if they were computed under `tag`, else a new empty dict."""
        sections = self.data["sections"]
        if not isinstance(sections.get(name), dict) or sections[name].get("tag") != tag:
            sections[name] = {"tag": tag, "results": {}}
            self.changed = True
        return sections[name]["results"]

    def replace(self, name: str, results: dict) -> None:
        self.data["sections"][name]["results"] = results
        self.changed = True

    def save(self) -> None:
        """Write atomically when anything changed; a read-only project folder only loses the speed-up."""
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_json(self.path, self.data)
        except OSError:
            return
        self.changed = False
