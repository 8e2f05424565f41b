"""Report stage: execute the jupytext notebook, convert it to self-contained HTML, print that HTML to PDF.

Reproducibility: cell ids are derived from the cell order, the build date comes from
SOURCE_DATE_EPOCH or the git commit date (manifest.build_epoch), and the HTML template
emits no clock or random values; the PDF is printed from that HTML alone.
"""

from __future__ import annotations

import logging
import os
import pprint
import re
import shutil
import sys
import tempfile
from importlib import resources

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
    nb.metadata["policybrief"] = {k: params[k] for k in ("title", "version", "build_date")}
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


def to_html(nb) -> str:
    templates = resources.files("policybrief.report") / "templates"
    exporter = HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(templates)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(nb)
    # Whatever a cell printed without the render helpers: no bidi control reaches the reader.
    return strip_bidi(body)


def to_pdf(html: str, target) -> None:
    """Print the HTML with its print stylesheet. Only data: URIs may be fetched: the report is
    self-contained, and a stray remote URL must not make the build touch the network.
    WeasyPrint dates the PDF only from the HTML's dcterms meta tags, which come from the build epoch."""
    from weasyprint import HTML  # heavy import, only needed here
    from weasyprint.urls import URLFetcher

    with atomic_path(target) as tmp:
        HTML(string=html, base_url=".", url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf(tmp)


def _copy(src, dest) -> None:
    with atomic_path(dest) as tmp:
        shutil.copyfile(src, tmp)


def build_report(
    *, notebook, report: dict, paths: dict, resources_: dict, sources: list[dict], inputs: list, outputs: dict
) -> dict:
    """Build HTML, PDF, executed notebook, latest copies, manifest and the version snapshot.

    outputs: html, pdf, notebook, latest_html, latest_pdf, manifest, snapshot (folder).
    All paths are relative to the project folder, the current directory. Returns the manifest.
    """
    prov = manifest.provenance(report, inputs)
    previous = changes.previous_version(paths["versions"], report["version"])
    params = {
        "title": report["title"],
        "version": report["version"],
        "build_date": prov["build_date"],
        "processed": paths["processed"],
        "raw": paths["raw"],
        "resources": resources_,
        "sources": sources,
        "previous_version": previous.name if previous else None,
        "previous_dir": previous.as_posix() if previous else None,
        "provenance": prov,
    }
    nb = execute(prepare(notebook, params), prov["source_date_epoch"])
    with atomic_path(outputs["notebook"]) as tmp:
        nbformat.write(nb, str(tmp))
    html = to_html(nb)
    write_text(outputs["html"], html)
    to_pdf(html, outputs["pdf"])
    _copy(outputs["html"], outputs["latest_html"])
    _copy(outputs["pdf"], outputs["latest_pdf"])
    result = manifest.with_outputs(
        prov, [outputs[k] for k in ("html", "pdf", "notebook", "latest_html", "latest_pdf")]
    )
    write_json(outputs["manifest"], result)
    changes.snapshot(paths["processed"], outputs["manifest"], outputs["snapshot"])
    return result
