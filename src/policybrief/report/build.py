"""Report stage: execute the jupytext notebook, convert it to self-contained HTML, print that HTML to PDF.

The PDF is PDF/A-3a (archival, tagged, language and metadata set) with the build manifest
attached (manifest.attached: the provenance record without output hashes, whose SHA-256 the
brief prints; report/build/manifest.json adds the output hashes).

Reproducibility: cell ids are derived from the cell order, the build date comes from
SOURCE_DATE_EPOCH or the git commit date (manifest.build_epoch), and the HTML template
emits no clock or random values; the PDF is printed from that HTML alone, its attachment
dated with the build epoch and its file identifier a hash of its content.
"""

from __future__ import annotations

import logging
import os
import pprint
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from importlib import resources as package_files

import jupytext
import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from ..atomic import atomic_path, write_json, write_text
from ..textio import strip_bidi
from . import changes, manifest

log = logging.getLogger(__name__)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page is noise
TEMPLATE = "brief"
CELL_TIMEOUT = 300
PDF_VARIANT = "pdf/a-3a"  # archival (PDF/A-3: attachments allowed) and accessible ("a": tagged)
# What prepare() hands to the HTML template (nb.metadata.policybrief).
TEMPLATE_KEYS = ("title", "version", "build_date", "build_time", "subject", "keywords", "manifest_sha256")


class _ThisPythonKernels(KernelSpecManager):
    """Every kernel name resolves to this interpreter, so the notebook sees the same venv and package."""

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3",
            language="python",
            name=kernel_name,
        )


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:60] or "section"


def prepare(notebook_path, params: dict) -> nbformat.NotebookNode:
    """Read the jupytext source, inject the parameters as the first cell, give every cell a stable id.

    Section headings (markdown cells starting with '## ') get their slug as id: the template
    uses it for the table of contents and as the section anchor.
    """
    nb = jupytext.read(notebook_path)
    injected = nbformat.v4.new_code_cell(
        "# Parameters injected by policybrief.report.build\n"
        f"PARAMS = {pprint.pformat(params, width=110, sort_dicts=True)}"
    )
    nb.cells.insert(0, injected)
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        src = cell.source.lstrip()
        cid = f"cell-{index}"
        if cell.cell_type == "markdown" and src.startswith("## "):
            cid = _slug(src[3:].splitlines()[0])
        while cid in seen:
            cid += "-x"
        seen.add(cid)
        cell.id = cid
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["policybrief"] = {k: params.get(k) for k in TEMPLATE_KEYS}
    return nb


def execute(nb, epoch: int | None) -> nbformat.NotebookNode:
    """Run the notebook in the project folder (its paths are relative to it) with this interpreter."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    # IPC (Unix socket) transport in a private folder: the kernel needs no network interface,
    # not even loopback, so the build also runs in an empty network namespace (`unshare -n`).
    with tempfile.TemporaryDirectory(prefix="pb-kernel-") as sockets:
        km = KernelManager(
            kernel_name="python3",
            kernel_spec_manager=_ThisPythonKernels(),
            transport="ipc",
            ip=os.path.join(sockets, "k"),
            connection_file=os.path.join(sockets, "kernel.json"),
        )
        client = NotebookClient(
            nb, km=km, timeout=CELL_TIMEOUT, allow_errors=False, resources={"metadata": {"path": os.getcwd()}}
        )
        try:
            client.execute(env=env)
        finally:  # nbclient only shuts down kernels it created itself
            if client.kc is not None:
                client.kc.stop_channels()
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    for cell in nb.cells:  # execution counts and timings are noise in a reproducible artefact
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.outputs:
                if out.get("name") == "stderr":
                    log.warning(
                        "notebook cell %s wrote to stderr: %s", cell.id, out.get("text", "").strip()[:500]
                    )
    return nb


_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)


def scroll_tables(html: str) -> str:
    """Put every table in a div.table-scroll (brief.css): on a narrow screen a wide table scrolls
    inside its own box instead of pushing the page sideways; in print the box is a plain block.
    The brief nests no tables; article text is escaped, so it holds no '<table'."""
    return _TABLE.sub(lambda m: f'<div class="table-scroll">{m.group(0)}</div>', html)


def to_html(nb) -> str:
    templates = package_files.files("policybrief.report") / "templates"
    exporter = HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(templates)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
        filters={"scroll_tables": scroll_tables},
    )
    body, _ = exporter.from_notebook_node(nb)
    # Whatever a cell printed without the render helpers: no bidi control reaches the reader.
    return strip_bidi(body)


def to_pdf(html: str, target, manifest_json: bytes | None = None, epoch: int | None = None) -> None:
    """Print the HTML with its print stylesheet as PDF/A-3a, `manifest_json` attached as manifest.json.

    Only data: URIs may be fetched: the report is self-contained, and a stray remote URL must not
    make the build touch the network. WeasyPrint dates the PDF from the HTML's dcterms meta tags
    and takes title, subject, keywords and language from the HTML head; the attachment is dated
    with the build epoch (the Unix epoch when unknown), never the clock."""
    from weasyprint import HTML, Attachment  # heavy import, only needed here
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    attachments = []
    if manifest_json is not None:
        stamp = datetime.fromtimestamp(epoch or 0, UTC)
        attachments.append(
            Attachment(
                string=manifest_json,
                name=manifest.ATTACHED_NAME,
                description="Build manifest: inputs (SHA-256), code version, packages",
                created=stamp,
                modified=stamp,
                relationship="Supplement",
                url_fetcher=fetcher,
            )
        )
    with atomic_path(target) as tmp:
        HTML(string=html, base_url=".", url_fetcher=fetcher).write_pdf(
            tmp, pdf_variant=PDF_VARIANT, attachments=attachments
        )


def _w3c_time(epoch: int | None) -> str | None:
    """The build epoch as a W3C date-time (UTC): the PDF's CreationDate/ModDate and XMP dates."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch is not None else None


def _copy(src, dest) -> None:
    with atomic_path(dest) as tmp:
        shutil.copyfile(src, tmp)


def build_report(
    *,
    notebook,
    report: dict,
    paths: dict,
    config_files: dict,
    sources: list[dict],
    inputs: list,
    outputs: dict,
) -> dict:
    """Build HTML, PDF, executed notebook, latest copies, manifest and the version snapshot.

    outputs: html, pdf, notebook, latest_html, latest_pdf, manifest, snapshot (folder).
    All paths are relative to the project folder, the current directory. Returns the manifest.
    """
    prov = manifest.provenance(report, inputs)
    attached, attached_sha256 = manifest.attached(prov)
    previous = changes.previous_version(paths["versions"], report["version"])
    params = {
        "title": report["title"],
        "subject": report.get("subject") or f"Policy brief, version {report['version']}",
        "keywords": list(report.get("keywords") or []),
        "version": report["version"],
        "build_date": prov["build_date"],
        "build_time": _w3c_time(prov["source_date_epoch"]),
        "processed": paths["processed"],
        "raw": paths["raw"],
        "resources": config_files,
        "sources": sources,
        "previous_version": previous.name if previous else None,
        "previous_dir": previous.as_posix() if previous else None,
        "provenance": prov,
        "manifest_sha256": attached_sha256,  # of the manifest attached to the PDF (not in `prov`: a cycle)
    }
    nb = execute(prepare(notebook, params), prov["source_date_epoch"])
    with atomic_path(outputs["notebook"]) as tmp:
        nbformat.write(nb, str(tmp))
    html = to_html(nb)
    write_text(outputs["html"], html)
    to_pdf(html, outputs["pdf"], attached, prov["source_date_epoch"])
    _copy(outputs["html"], outputs["latest_html"])
    _copy(outputs["pdf"], outputs["latest_pdf"])
    result = manifest.with_outputs(
        prov, [outputs[k] for k in ("html", "pdf", "notebook", "latest_html", "latest_pdf")], attached_sha256
    )
    write_json(outputs["manifest"], result)
    changes.snapshot(paths["processed"], outputs["manifest"], outputs["snapshot"])
    return result
