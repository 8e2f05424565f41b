"""The two editions of the brief: HTML that holds on a phone and loads nothing, PDF/A-3a for the archive.

Uses the hostile project built twice by `twin_builds` (tests/conftest.py). The PDF is checked with
poppler's pdfinfo and pdfdetach (Debian's poppler-utils, installed by `make setup`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import subprocess
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from test_report import EPOCH, _Tags

REPO = Path(__file__).resolve().parents[1]


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: run `make setup` (installs Debian's poppler-utils)", pytrace=False)
    proc = subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"{tool} {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated (the catalog sits in a compressed object stream)."""
    raw = pdf.read_bytes()
    inflated = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(match.group(1)))
    return raw + b"".join(inflated)


def info_fields(text: str) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in text.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def test_html_tables_scroll_in_their_own_box_and_the_page_refuses_scripts(twin_builds):
    html = twin_builds[0]["html"].read_text()
    tables = len(re.findall(r"<table\b", html))
    assert tables and tables == html.count('<div class="table-scroll"><table')
    parser = _Tags()
    parser.feed(html)
    meta = {a.get("http-equiv") or a.get("name"): a.get("content") for t, a in parser.tags if t == "meta"}
    policy = meta["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "img-src data:" in policy and "script-src" not in policy
    report = yaml.safe_load((REPO / "config.yaml").read_text())["report"]
    assert meta["keywords"] == ", ".join(report["keywords"])
    assert meta["description"] == " ".join(report["subject"].split())
    assert ("html", {"lang": "en"}) in parser.tags


def test_pdf_is_tagged_pdfa3a_with_language_title_subject_and_keywords(twin_builds):
    pdf = twin_builds[0]["pdf"]
    report = yaml.safe_load((REPO / "config.yaml").read_text())["report"]
    info = info_fields(poppler("pdfinfo", "-isodates", str(pdf)))
    assert info["Tagged"] == "yes"
    assert info["Title"] == f"{report['title']} (version 1.2.0)"
    assert info["Subject"] == " ".join(report["subject"].split())
    assert info["Keywords"] == ", ".join(report["keywords"])
    # dated with SOURCE_DATE_EPOCH (twin_builds sets it), never the clock
    stamp = datetime.fromtimestamp(int(EPOCH), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert info["CreationDate"] == info["ModDate"] == stamp
    meta = poppler("pdfinfo", "-meta", str(pdf))
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta
    assert b"/Lang (en)" in pdf_objects(pdf)
    structure = poppler("pdfinfo", "-struct", str(pdf))
    for tag in ("Document", "H1", "H2", "Table", "TH", "TD", "Figure", "Link"):
        assert re.search(rf"^\s*{tag}\b", structure, re.M), f"no {tag} in the structure tree"


def test_pdf_carries_the_manifest_whose_digest_the_brief_prints(twin_builds, tmp_path):
    out = twin_builds[0]
    listing = poppler("pdfdetach", "-list", str(out["pdf"])).splitlines()
    assert listing == ["1 embedded files", "1: manifest.json"]
    saved = tmp_path / "attached.json"
    poppler("pdfdetach", "-save", "1", "-o", str(saved), str(out["pdf"]))
    attached = saved.read_bytes()
    digest = hashlib.sha256(attached).hexdigest()
    provenance = out["html"].read_text().split('id="provenance"', 1)[1]
    assert f'<code class="hash">{digest}</code>' in provenance
    # The attachment is the external manifest without the output hashes: a file inside the PDF
    # cannot record the PDF's own hash (nor the HTML's, which prints its digest).
    external = json.loads(out["manifest"].read_text())
    assert external["attached_manifest_sha256"] == digest
    record = json.loads(attached)
    assert "outputs" not in record and "inputs" in record and record["build_date"] == "2023-11-14"
    assert record == {k: v for k, v in external.items() if k not in ("outputs", "attached_manifest_sha256")}
