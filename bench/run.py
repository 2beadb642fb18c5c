"""Benchmark: our builds beside a hand-made site on the same Markdown. Prints, asserts nothing.

Usage (from the repository root, inside .venv):

    python bench/run.py                 # 30, 300 and 1500 stages, plus the default content
    python bench/run.py --sizes 30 300  # a quicker run

Each size is N stages x 20 checklist items x 3 languages, in journeys of 30 stages. For
each size, in one run and on the same generated Markdown, it builds:

* stock: Material + mkdocs-static-i18n set up by hand (its defaults, no playbook plugin);
* stock + prune: the same with ``navigation.prune``, what an experienced user would set;
* floor: plain mkdocs with a minimal Material config, one language tree, no i18n (the
  engine's floor: what any site of these pages costs at least);
* serial: ``playbook build --jobs 1`` on a fresh project (cold generate, then one mkdocs
  process for all languages);
* parallel: ``playbook build`` on a fresh project (cold generate, one process per language).

For each: wall time, peak RSS (the largest single process), HTML pages, site size,
average HTML page size and ms per page. Then: the cold ``generate`` in-process, its share
of the parallel build, and the edit loop of ``playbook serve``: the time from saving a
one-word change of one checklist item to the live-reload event that reloads the browser.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import generate, mkdocs_env  # noqa: E402  (needs the path above)

ITEMS_PER_STAGE = 20
STAGES_PER_JOURNEY = 30
EDITS = 3
"""Edit-loop measurements per size (the median is reported)."""

# Runs a command and prints the peak RSS (KiB) of the largest of its descendants.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)

SYNTHETIC_ITEM = "Punkt 1: kunden jämför alternativ"
"""The first checklist item of the first stage, in Swedish; the edit loop changes one word."""
DEFAULT_ITEM = "Ta reda på vilka kunder som redan rekommenderar er."


def synthetic_content(stages: int) -> dict:
    def text(label: str) -> dict:
        return {
            "sv": f"{label}: kunden jämför alternativ och väljer det som känns tryggast.",
            "nb": f"{label}: kunden sammenligner alternativer og velger det som føles tryggest.",
            "en": f"{label}: the customer compares options and picks the one that feels safest.",
        }

    journeys = []
    for j in range(0, stages, STAGES_PER_JOURNEY):
        count = min(STAGES_PER_JOURNEY, stages - j)
        journeys.append(
            {
                "id": f"journey-{j // STAGES_PER_JOURNEY + 1}",
                "name": text(f"Journey {j // STAGES_PER_JOURNEY + 1}"),
                "summary": text("Summary"),
                "cyclic": True,
                "stages": [
                    {
                        "id": f"stage-{s + 1}",
                        "name": {
                            "sv": f"Steg {s + 1}",
                            "nb": f"Steg {s + 1}",
                            "en": f"Stage {s + 1}",
                        },
                        "summary": text("Sammanfattning"),
                        "description": text("Beskrivning"),
                        "checklist": [
                            {"id": f"item-{i + 1}", "text": text(f"Punkt {i + 1}")}
                            for i in range(ITEMS_PER_STAGE)
                        ],
                        "prompts": [{"id": "question", "text": text("Fråga?")}],
                    }
                    for s in range(count)
                ],
            }
        )
    return {
        "site": {
            "title": {"sv": "Bänk", "nb": "Benk", "en": "Bench"},
            "description": text("Site"),
            "languages": [{"code": "sv", "default": True}, {"code": "nb"}, {"code": "en"}],
        },
        "journeys": journeys,
    }


def measured_run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and the peak RSS in MB of the largest process ``command`` ran."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result.stderr}")
    return elapsed, int(result.stdout.strip().splitlines()[-1]) // 1024


def site_numbers(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    html_bytes = sum(p.stat().st_size for p in html)
    return {
        "html_pages": len(html),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "html_kb_per_page": html_bytes / 1e3 / max(1, len(html)),
    }


def run_build(name: str, command: list[str], cwd: Path, site: Path) -> dict:
    elapsed, peak = measured_run(command, cwd)
    numbers = site_numbers(site)
    numbers.update(
        name=name,
        seconds=elapsed,
        peak_mb=peak,
        ms_per_page=1000 * elapsed / max(1, numbers["html_pages"]),
    )
    return numbers


def stock_config(prune: bool) -> dict:
    """Material + mkdocs-static-i18n as a person sets them up by hand, on our Markdown."""
    features = ["navigation.indexes"] + (["navigation.prune"] if prune else [])
    languages = [
        {"locale": "sv", "default": True, "name": "Svenska", "build": True},
        {"locale": "nb", "name": "Norsk", "build": True},
        {"locale": "en", "name": "English", "build": True},
    ]
    return {
        "site_name": "Stock",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False, "language": "sv", "features": features},
        "markdown_extensions": [
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
            {"toc": {"permalink": True}},
            {"pymdownx.tasklist": {"custom_checkbox": True}},
        ],
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "fallback_to_default": True,
                    "languages": languages,
                }
            },
        ],
    }


def floor_config() -> dict:
    return {
        "site_name": "floor",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False, "features": ["navigation.prune"]},
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables"],
    }


def hand_made(name: str, config: dict, markdown: Path, work: Path) -> dict:
    folder = work / name
    shutil.copytree(markdown, folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-q"]
    result = run_build(name, command, folder, folder / "site")
    shutil.rmtree(folder)
    return result


def fresh_project(content_text: str, folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "content.yaml").write_text(content_text, "utf-8")
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def ours(name: str, content_text: str, work: Path, *jobs: str) -> dict:
    project = fresh_project(content_text, work / name)
    command = [sys.executable, "-m", "generator", "build", *jobs]
    return run_build(name, command, project, project / "site")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def edit_loop(project: Path, item: str, replacement: str) -> list[float]:
    """Seconds from saving a one-word change to ``item`` to the live-reload event, EDITS times
    (changing the word back and forth), in ``playbook serve`` of the default language."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    content = project / "content.yaml"
    times = []
    try:
        deadline = time.monotonic() + 900
        while "livereload(" not in fetch(base) and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # let the file watcher settle after the first build
        words = [(item, replacement), (replacement, item)]
        for i in range(EDITS):
            page = fetch(base)
            found = re.search(r"livereload\((\d+), (\d+)\)", page)
            if found is None:
                raise SystemExit("playbook serve did not start")
            old, new = words[i % 2]
            text = content.read_text(encoding="utf-8")
            started = time.perf_counter()
            content.write_text(text.replace(old, new, 1), "utf-8")
            fetch(f"{base}livereload/{found[1]}/{found[2]}", timeout=300)
            times.append(time.perf_counter() - started)
            time.sleep(2)  # the second build that the rewritten Markdown triggers
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return times


def bench(stages: int, work: Path) -> dict:
    folder = work / f"size-{stages}"
    folder.mkdir()
    content_text = yaml.safe_dump(synthetic_content(stages), allow_unicode=True)
    return bench_content(f"{stages} stages", content_text, folder, SYNTHETIC_ITEM, stages)


def bench_content(label: str, content_text: str, folder: Path, item: str, stages: int) -> dict:
    # The Markdown every build below starts from: one generate, cold, in-process.
    project = fresh_project(content_text, folder / "generated")
    content = project / "content.yaml"
    started = time.perf_counter()
    generate(content)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    noop = generate(content)
    noop_s = time.perf_counter() - started
    markdown = project / "playbook"

    builds = [
        hand_made("stock", stock_config(prune=False), markdown, folder),
        hand_made("stock + prune", stock_config(prune=True), markdown, folder),
        hand_made("floor", floor_config(), markdown, folder),
        ours("serial", content_text, folder, "--jobs", "1"),
        ours("parallel", content_text, folder),
    ]
    word = item.split()[-2] if item == DEFAULT_ITEM else "jämför"
    replacement = item.replace(word, "granskar" if word == "jämför" else "tipsar om")
    loop = edit_loop(folder / "parallel", item, replacement)
    by_name = {build["name"]: build for build in builds}
    return {
        "label": label,
        "stages": stages,
        "content_mb": len(content_text.encode("utf-8")) / 1e6,
        "generate_s": generate_s,
        "noop_s": noop_s,
        "noop_written": noop.files_written,
        "builds": builds,
        "edit_loop_s": loop,
        "generator_share": generate_s / by_name["parallel"]["seconds"],
        "parallel_to_stock_prune": by_name["parallel"]["seconds"]
        / by_name["stock + prune"]["seconds"],
    }


def print_tables(rows: list[dict]) -> None:
    print("| content | build | time | peak RSS | HTML pages | site | KB per HTML page | ms/page |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for b in row["builds"]:
            print(
                f"| {row['label']} | {b['name']} | {b['seconds']:.1f} s | {b['peak_mb']} MB | "
                f"{b['html_pages']} | {b['site_mb']:.0f} MB | {b['html_kb_per_page']:.1f} | "
                f"{b['ms_per_page']:.1f} |"
            )
    print()
    print(
        "| content | size | cold generate | no-op generate (files written) | generator share "
        "of the parallel build | parallel / stock + prune | edit loop (median of "
        f"{EDITS}) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        loop = row["edit_loop_s"]
        print(
            f"| {row['label']} | {row['content_mb']:.1f} MB | {row['generate_s']:.2f} s | "
            f"{row['noop_s']:.2f} s ({row['noop_written']}) | "
            f"{100 * row['generator_share']:.1f} % | {row['parallel_to_stock_prune']:.2f} | "
            f"{statistics.median(loop):.2f} s ({', '.join(f'{t:.2f}' for t in loop)}) |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 1500])
    parser.add_argument("--json", action="store_true", help="Print JSON instead of tables.")
    args = parser.parse_args()
    rows = []
    print(f"# {os.cpu_count()} CPUs, load {os.getloadavg()}", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as folder:
        work = Path(folder)
        default = (REPO / "content.yaml").read_text(encoding="utf-8")
        (work / "default").mkdir()
        rows.append(bench_content("default content", default, work / "default", DEFAULT_ITEM, 21))
        print("# measured the default content", file=sys.stderr, flush=True)
        for stages in args.sizes:
            rows.append(bench(stages, work))
            print(f"# measured {stages} stages", file=sys.stderr, flush=True)
    print(f"# load at the end {os.getloadavg()}", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print_tables(rows)


if __name__ == "__main__":
    main()
