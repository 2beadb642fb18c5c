"""Commands that check, generate, build and preview a playbook: the pipeline's front door."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from generator.cli.common import content_option, engine_option, say, site_url_option, user_errors
from generator.cli.fork import drift_warnings
from generator.content.loader import load_content, validate_data
from generator.content.overlay import load_with_extends
from generator.errors import GeneratorError
from generator.parallel_build import default_jobs
from generator.project import (
    build_order,
    build_site,
    content_schema,
    engine_command,
    generate,
    load_status,
    mkdocs_env,
    read_brand_files,
)
from generator.site.preview import ONLY_LANGUAGE
from generator.site_folder import check_site_folder, refuse_tracked_outputs
from generator.team.schema import status_schema


@click.command()
@content_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, e.g. orphaned status.")
@user_errors
def validate(content: Path, strict: bool) -> None:
    """Check the content and the team status file (progress.yaml) beside it, and print every
    problem as FILE:LINE:COL: PATH: message.

    \b
    Example:
        playbook validate -c client/content.yaml
        playbook validate --strict   # in CI: orphaned status entries fail too
    """
    overlay = load_with_extends(content, display_name=str(content))
    playbook = validate_data(overlay.merged)
    # Everything generate will need: the branding files must exist and be safe to publish.
    read_brand_files(playbook, overlay.merged, content.resolve().parent)
    status = load_status(content, playbook)
    stages = sum(len(journey.stages) for journey in playbook.journeys)
    warnings = drift_warnings(content, overlay)  # reads upstream.lock, which may be damaged
    warnings += [f"warning: {orphan}" for orphan in status.orphans]
    say(f"{content}: OK ({len(playbook.journeys)} journeys, {stages} stages)")
    if status.file:
        entries = len(status.status.items) + len(status.status.answers)
        say(f"{status.file}: OK ({entries} entries, {len(status.orphans)} orphaned)")
    for warning in warnings:
        say(warning, err=True)
    failing = [warning for warning in warnings if warning.startswith("warning:")]
    if strict and failing:
        say(f"{len(failing)} warning(s), and --strict: failing.", err=True)
        sys.exit(1)


@click.command("generate")
@content_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--force", is_flag=True, help="Replace generated files even if edited by hand.")
@site_url_option
@user_errors
def generate_command(
    content: Path, check: bool, force: bool, site_url: str | None, pages_repository: str | None
) -> None:
    """Write the Markdown pages into playbook/ (only files whose bytes changed).

    \b
    Example:
        playbook generate
        playbook generate --check   # in CI: fails if playbook/ is out of date
    """
    report = generate(
        content, check=check, force=force, site_url=site_url, pages_repository=pages_repository
    )
    if check:
        if report.changed:
            for path in report.created + report.updated + report.removed:
                say(f"would change: {path}", err=True)
            say("Generated files are out of date: run 'playbook generate'.", err=True)
            sys.exit(1)
        say(f"Up to date ({len(report.unchanged)} files).")
        return
    say(f"Generated: {report.summary()}.")
    for warning in report.warnings:
        say(warning, err=True)


@click.command()
@content_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to put the site (default: site/ in the project).",
)
@click.option("--force", is_flag=True, help="Replace generated files even if edited by hand.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Languages built at once, each in its own process (default: all of them, at most "
    "two per CPU; one CPU: 1, all languages in one process).",
)
@site_url_option
@engine_option
@user_errors
def build(
    content: Path,
    site_dir: Path | None,
    force: bool,
    jobs: int | None,
    site_url: str | None,
    pages_repository: str | None,
    engine: str,
) -> None:
    """Generate the pages, then run a strict mkdocs build into site/.

    \b
    Example:
        playbook build
        playbook build -c client/content.yaml -d /tmp/client-site
        playbook build --jobs 1      # every language in one process
        playbook build --engine properdocs
    """
    # Before anything is written: what git tracks under site/ or .playbook/ came from a
    # commit nobody reviews as code, and the site folder must hold no link (issue #23).
    root = content.resolve().parent
    refuse_tracked_outputs(root)
    check_site_folder(site_dir.absolute() if site_dir else root / "site", given=bool(site_dir))
    report = generate(content, force=force, site_url=site_url, pages_repository=pages_repository)
    say(f"Generated: {report.summary()}.")
    for note in report.notes:
        say(note)
    for warning in report.warnings:
        say(warning, err=True)
    started = time.perf_counter()
    languages = report.languages
    jobs = default_jobs(len(languages)) if jobs is None else jobs
    search = build_site(content, site_dir, engine=engine, languages=languages, jobs=jobs)
    for warning in search.warnings:
        click.echo(f"warning: {warning}", err=True)
    target = (site_dir or content.resolve().parent / "site").resolve()
    if not (target / "sitemap.xml").exists():
        # The theme writes a sitemap only with an address to make its addresses absolute.
        say(
            "warning: the site has no address (site.url in the content, or --site-url), so it "
            "has no sitemap and no hreflang alternates; set it to where the site is published",
            err=True,
        )
    # The pages use directory URLs, which work only when served (see README).
    say(
        f"Built in {time.perf_counter() - started:.1f} s: {target}\n"
        f"Search index: {search.summary()} pages\n"
        f"View it at http://127.0.0.1:8000/ with: python3 -m http.server -d {target} 8000"
    )


@click.command()
@content_option
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option(
    "-l",
    "--lang",
    "language",
    default=None,
    help="The language to preview (default: the default language); the others are not built.",
)
@engine_option
@user_errors
def serve(content: Path, dev_addr: str, language: str | None, engine: str) -> None:
    """Live preview of one language: regenerates when the content changes, rebuilds only
    the pages that changed (all of them when the navigation changed), and mkdocs reloads
    the browser.

    \b
    Example:
        playbook serve             # then open http://127.0.0.1:8000/
        playbook serve --lang en   # then open http://127.0.0.1:8000/en/
    """
    # Checked before anything is written: a mistyped --lang is the reader's mistake
    # (exit 1, one line), and generating first would only hide it under the summary.
    languages = build_order(load_content(content))
    language = language or languages[0]
    if language not in languages:
        raise GeneratorError(
            f"--lang {language}: this site's languages are {', '.join(languages)}; "
            f"preview one of them, e.g. --lang {languages[-1]}"
        )
    report = generate(content)
    say(f"Generated: {report.summary()}.")
    root = content.resolve().parent
    host = dev_addr if "://" in dev_addr else f"http://{dev_addr}"
    path = "/" if language == languages[0] else f"/{language}/"
    say(f"Previewing '{language}' at {host}{path}")
    # The playbook plugin watches the content file and regenerates on every rebuild;
    # --dirty rebuilds only the pages whose Markdown the generator rewrote.
    command = engine_command(
        engine, "serve", "--dirty", "-a", dev_addr, "-f", str(root / "mkdocs.yml")
    )
    run_until_stopped(command, cwd=root, env={**mkdocs_env(), ONLY_LANGUAGE: language})


def run_until_stopped(command: list[str], **options) -> int:
    """Run a child process; stopping this process (Ctrl-C, SIGTERM, SIGHUP) stops it too.

    Without this, SIGTERM ended `playbook serve` but left its `mkdocs serve` child
    holding the port (issue #10).
    """
    child = subprocess.Popen(command, **options)

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return child.wait()
    except KeyboardInterrupt:
        # SIGINT, not SIGTERM: mkdocs serve then removes its temporary site folder.
        child.send_signal(signal.SIGINT)
        try:
            return child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            return child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command()
@content_option
@click.option("--overlay", is_flag=True, help="The schema of a file that extends a base.")
@click.option(
    "--progress",
    is_flag=True,
    help="The schema of the team status file (progress.yaml), listing the content's ids.",
)
@user_errors
def schema(content: Path, overlay: bool, progress: bool) -> None:
    """Print the JSON Schema of the content file (committed as content.schema.json).

    With --progress, the schema of the team status file instead: it lists every checklist
    item and prompt of the content, so an editor completes the ids.

    \b
    Example:
        playbook schema > content.schema.json
        playbook schema --overlay > overlay.schema.json
        playbook schema --progress > progress.schema.json
    """
    if progress and overlay:
        raise click.UsageError("choose --overlay or --progress, not both")
    if progress:
        say(status_schema(load_content(content, display_name=str(content))), nl=False)
        return
    say(content_schema(overlay=overlay), nl=False)
