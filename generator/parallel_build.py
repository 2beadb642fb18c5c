"""Build each language of the site in its own mkdocs process, then merge them into one site.

mkdocs-static-i18n builds the languages one after another in one process; on two cores
that leaves one idle. Here each language is a separate ``mkdocs build`` (the playbook
plugin reads ``PLAYBOOK_BUILD_LANGUAGE`` and builds that language alone, see
``generator/site/plugin.py``) into its own staging folder beside the site, and the
results are merged so that the site is byte for byte what a serial build writes
(``tests/site/test_parallel_build.py`` compares every file):

* pages, per-language 404 pages and per-language search indexes come from their
  language's build; theme assets and downloads, the same in every build, from the
  default language's;
* the root 404 page is the default language's;
* the sitemap lists every language's pages in build order (the default first), as the
  serial build's last run does, and every language folder gets a copy.
"""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.site.preview import ONLY_LANGUAGE
from generator.terminal import terminal_safe

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


@dataclass
class LanguageBuild:
    language: str
    site: Path
    process: subprocess.Popen
    log: Path


def default_jobs(languages: int) -> int:
    """One process per language, on a machine of two or more CPUs (at most two per CPU).

    Not one per CPU: three languages on two CPUs then build two, then one with a CPU
    idle, and measured slower (21.7 s against 12.2 s at 300 stages) than three at once.
    """
    cpus = os.cpu_count() or 1
    return 1 if cpus == 1 else max(1, min(2 * cpus, languages))


def build_in_parallel(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    site_dir: Path,
    languages: list[str],
    jobs: int,
) -> None:
    """Run ``command -d STAGING`` once per language (the default first), ``jobs`` at a time,
    and merge the results into ``site_dir``. BuildError names the first language that failed.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside the site, so that merging is a rename on the same file system.
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-languages-", dir=site_dir.parent))
    try:
        builds = _run_all(command, cwd, env, staging, languages, jobs)
        _merge(builds, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_all(
    command: list[str],
    cwd: Path,
    env: dict[str, str],
    staging: Path,
    languages: list[str],
    jobs: int,
) -> list[LanguageBuild]:
    waiting = list(languages)
    running: list[LanguageBuild] = []
    done: list[LanguageBuild] = []
    failed: list[tuple[str, str]] = []
    while waiting or running:
        while waiting and len(running) < jobs and not failed:
            language = waiting.pop(0)
            site, log = staging / language, staging / f"{language}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [*command, "-d", str(site)],
                    cwd=cwd,
                    env={**env, ONLY_LANGUAGE: language},
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            running.append(LanguageBuild(language, site, process, log))
        if not running:
            break
        finished = _wait_any(running)
        running.remove(finished)
        # Each language's log in one piece, so that two builds' lines never interleave.
        text = finished.log.read_text(encoding="utf-8", errors="replace")
        sys.stderr.write(terminal_safe(text))
        sys.stderr.flush()
        if finished.process.returncode != 0:
            failed.append((finished.language, _last_error(text)))
        done.append(finished)
    if failed:
        for build in running:
            build.process.kill()
        language, message = failed[0]
        raise BuildError(f"the build of language '{language}' failed: {message}")
    order = {language: i for i, language in enumerate(languages)}
    return sorted(done, key=lambda build: order[build.language])


def _wait_any(running: list[LanguageBuild]) -> LanguageBuild:
    """The first of ``running`` to finish (a process group would need os.wait and its races)."""
    while True:
        for build in running:
            try:
                build.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            return build


def _last_error(log: str) -> str:
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("ERROR", "Error", "Aborted"))]
    errors += [line for line in lines if line.startswith("WARNING")]
    return (errors or lines or ["no output; see the messages above"])[0]


def _merge(builds: list[LanguageBuild], site_dir: Path) -> None:
    default = builds[0]
    if site_dir.is_dir():
        _clean(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    sitemaps = [_read_sitemap(build.site) for build in builds]
    for build in builds:
        for folder, _, names in os.walk(build.site):
            relative = Path(folder).relative_to(build.site)
            (site_dir / relative).mkdir(exist_ok=True)
            for name in names:
                target = site_dir / relative / name
                if relative == Path() and name in SITEMAPS:
                    continue
                # The other builds repeat the theme's assets and the downloads, and put
                # their own 404 page at the root: the default language's copy is kept.
                if build is not default and target.exists():
                    continue
                os.replace(Path(folder, name), target)
    if any(sitemaps):
        _write_sitemaps(site_dir, sitemaps, [build.language for build in builds[1:]])


def _clean(site_dir: Path) -> None:
    """Empty the site folder completely, hidden entries too (issue #23: mkdocs' clean keeps
    them, and they were published); a link is removed, never followed."""
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _read_sitemap(site: Path) -> tuple[str, int] | None:
    xml, gz = site / SITEMAPS[0], site / SITEMAPS[1]
    if not xml.exists():
        return None
    # mkdocs stamps the .gz with the pages' date; keep it, so the bytes match a serial build.
    mtime = struct.unpack("<I", gz.read_bytes()[4:8])[0] if gz.exists() else 0
    return xml.read_text(encoding="utf-8"), mtime


def _write_sitemaps(
    site_dir: Path, sitemaps: list[tuple[str, int] | None], others: list[str]
) -> None:
    present = [sitemap for sitemap in sitemaps if sitemap is not None]
    first, mtime = present[0]
    opening = first.index(">", first.index("<urlset")) + 1
    closing = first.rindex("</urlset>")
    entries = []
    for text, _ in present:
        start = text.index(">", text.index("<urlset")) + 1
        entries.append(text[start : text.rindex("</urlset>")].rstrip("\n"))
    body = first[:opening] + "".join(entries) + "\n" + first[closing:]
    data = body.encode("utf-8")
    xml = site_dir / SITEMAPS[0]
    xml.write_bytes(data)
    gz = site_dir / SITEMAPS[1]
    with (
        gz.open("wb") as stream,
        gzip.GzipFile(fileobj=stream, filename=str(gz), mode="wb", mtime=mtime) as compressed,
    ):
        compressed.write(data)
    # Material's language switcher fetches the sitemap beside each language's home.
    for language in others:
        if (site_dir / language).is_dir():
            for name in SITEMAPS:
                shutil.copyfile(site_dir / name, site_dir / language / name)
