"""`playbook build --jobs N`: one process per language, merged into the site a serial build writes."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.parallel_build import default_jobs
from tests.conftest import BuiltSite, build_command, build_env, make_project

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_parallel_site_is_byte_identical_to_a_serial_build(default_site: BuiltSite, tmp_path):
    # default_site is built as CI builds it: `playbook build` with the default --jobs,
    # which on a machine of two or more CPUs builds the three languages in parallel.
    project = tmp_path / "serial"
    shutil.copytree(default_site.project, project, ignore=shutil.ignore_patterns("site"))
    result = subprocess.run(
        build_command(project / "content.yaml", "--jobs", "1"),
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    parallel = default_site.site
    if default_jobs(3) == 1:
        # One CPU: compare against an explicit parallel build instead.
        parallel = tmp_path / "parallel"
        parallel_run = subprocess.run(
            build_command(project / "content.yaml", "--jobs", "3", "-d", str(parallel)),
            env=build_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert parallel_run.returncode == 0, parallel_run.stderr
    serial_files, parallel_files = tree(project / "site"), tree(parallel)
    assert sorted(serial_files) == sorted(parallel_files)
    different = [name for name in serial_files if serial_files[name] != parallel_files[name]]
    assert different == []
    # What must be site-wide is there: root 404 in the default language, per-language
    # 404s, one search bundle with an index per language (written after the merge, so the
    # same bytes as the serial build's), the sitemap with every language's pages.
    assert 'lang="sv"' in parallel_files["404.html"].decode()
    assert {"nb/404.html", "en/404.html", "pagefind/wasm.nb.pagefind"} <= set(parallel_files)
    assert not [name for name in parallel_files if name.startswith("search/")]
    sitemap = parallel_files["sitemap.xml"].decode()
    assert "/en/stages/" in sitemap and "/nb/stages/" in sitemap
    assert 'hreflang="nb"' in sitemap
    assert gzip.decompress(parallel_files["sitemap.xml.gz"]) == parallel_files["sitemap.xml"]
    assert parallel_files["nb/sitemap.xml"] == parallel_files["sitemap.xml"]


def test_a_failing_language_fails_the_build_and_is_named(tmp_path):
    content = make_project(tmp_path, Path(__file__).parents[1] / "fixtures/small.yaml")
    docs = tmp_path / "playbook"
    docs.mkdir()
    (docs / "notes.md").write_text("# Anteckningar\n\nÅ ä ö.\n", "utf-8")
    # Only the English translation links to a page that does not exist: a strict warning.
    (docs / "notes.en.md").write_text("# Notes\n\nSee [the plan](no-such-plan.md).\n", "utf-8")
    result = subprocess.run(
        build_command(content, "--jobs", "3"),
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "the build of language 'en' failed" in result.stderr
    assert "no-such-plan.md" in result.stderr
    assert "Traceback" not in result.stderr
    # No half-merged site is left behind, and no staging folder.
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob(".site-languages-*"))
