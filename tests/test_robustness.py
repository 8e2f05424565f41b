"""Robustness of the whole build: it needs no network, survives SIGKILL, and its outputs
do not depend on the number of cores.  (Slower, multi-point version: bench/crash_test.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_snakemake

sys.path.insert(0, str(ROOT / "bench"))
from crash_test import kill_when, output_digests, resume, truncated_outputs

pytestmark = pytest.mark.e2e


def _no_network_namespace() -> list[str]:
    """Command prefix for a fresh network namespace (loopback down too), or skip the test."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("needs `unshare` (util-linux) and `ip` (iproute2)")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(
            f"unshare -n is not permitted here (needs root or user namespaces): {probe.stderr.strip()}"
        )
    # Loopback stays down: the report's notebook kernel talks to its client over Unix sockets.
    return ["unshare", "-n"]


@pytest.fixture(scope="module", autouse=True)
def code_snapshot(tmp_path_factory):
    """All builds of this module import one copy of the package, so edits made to the working
    tree while the tests run cannot make two builds differ."""
    src = tmp_path_factory.mktemp("code") / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(src))
        yield src


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory, code_snapshot) -> Path:
    """The whole DAG on the seed articles, built with --cores 2 where no network interface exists."""
    prefix = _no_network_namespace()
    workdir = copy_project(tmp_path_factory.mktemp("offline") / "project")
    interfaces = subprocess.run(
        [*prefix, "ip", "-o", "link"], capture_output=True, text=True, check=True
    ).stdout
    assert [line.split(":")[1].strip() for line in interfaces.splitlines()] == ["lo"]
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(
        [*prefix, str(bindir / "snakemake"), "--cores", "2"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, f"offline build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return workdir


def test_the_whole_build_succeeds_without_network(offline_build):
    assert not truncated_outputs(offline_build)
    assert list((offline_build / "report/build").glob("*.pdf"))


def test_one_core_and_two_cores_build_identical_outputs(offline_build, tmp_path):
    workdir = copy_project(tmp_path / "project")
    run_snakemake(workdir, "--cores", "1")
    assert output_digests(workdir) == output_digests(offline_build)


def test_a_build_killed_mid_extract_leaves_no_truncated_file_and_resumes_to_identical_outputs(
    offline_build, tmp_path
):
    workdir = copy_project(tmp_path / "project")
    assert kill_when(workdir, "logs/extract.log", "--cores", "2", delay=0.5), "the build ended before extract"
    assert truncated_outputs(workdir) == []
    resumed = resume(workdir, "--cores", "2")
    assert resumed.returncode == 0, resumed.stdout[-3000:] + resumed.stderr[-3000:]
    assert output_digests(workdir) == output_digests(offline_build)
