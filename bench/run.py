"""Benchmark: generator and mkdocs cost as the playbook grows. Prints numbers; asserts nothing.

Usage (from the repository root, inside .venv):

    python bench/run.py                 # 30, 300 and 1500 stages
    python bench/run.py --sizes 30 300  # a quicker run

Each size is N stages x 20 checklist items x 3 languages, in journeys of 30 stages.
For each size it reports: generate time (cold, in-process), a no-op generate,
the full strict `mkdocs build` time and peak memory, pages and site size, and the
ratio of the full build to a plain mkdocs build of the same generated Markdown
with a minimal Material config (the engine's floor).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import generate, mkdocs_env  # noqa: E402  (needs the path above)

ITEMS_PER_STAGE = 20
STAGES_PER_JOURNEY = 30

# Runs a command and prints the peak RSS (KiB) of it and its children.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


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
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed, int(result.stdout.strip().splitlines()[-1]) // 1024


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def floor_build(project: Path) -> float:
    """Plain mkdocs + minimal Material on the same Markdown: no i18n, no playbook plugin."""
    floor = project / "floor"
    shutil.copytree(project / "playbook", floor / "docs")
    (floor / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "floor",
                "theme": {"name": "material", "font": False, "features": ["navigation.prune"]},
                "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables"],
            }
        ),
        encoding="utf-8",
    )
    elapsed, _ = measured_run([sys.executable, "-m", "mkdocs", "build", "-q"], floor)
    return elapsed


def bench(stages: int, work: Path) -> dict:
    project = work / f"size-{stages}"
    project.mkdir()
    content = project / "content.yaml"
    content.write_text(yaml.safe_dump(synthetic_content(stages), allow_unicode=True), "utf-8")
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")

    started = time.perf_counter()
    report = generate(content)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    noop = generate(content)
    noop_s = time.perf_counter() - started

    mkdocs_s, peak_mb = measured_run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], project
    )
    pages, size = folder_size(project / "site")
    floor_s = floor_build(project)
    full_s = generate_s + mkdocs_s
    return {
        "stages": stages,
        "content_mb": content.stat().st_size / 1e6,
        "generated_files": report.files_written,
        "generate_s": generate_s,
        "noop_s": noop_s,
        "noop_written": noop.files_written,
        "mkdocs_s": mkdocs_s,
        "peak_mb": peak_mb,
        "html_pages": pages,
        "site_mb": size / 1e6,
        "generator_share": generate_s / full_s,
        "per_page_ms": 1000 * full_s / pages,
        "floor_s": floor_s,
        "ratio_to_floor": full_s / floor_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 1500])
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as folder:
        for stages in args.sizes:
            rows.append(bench(stages, Path(folder)))
            print(f"# measured {stages} stages", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        "| stages | content | generate | no-op generate (files written) | mkdocs build | "
        "peak RSS | HTML pages | site | generator share | ms/page | floor | full/floor |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['stages']} | {r['content_mb']:.1f} MB | {r['generate_s']:.2f} s | "
            f"{r['noop_s']:.2f} s ({r['noop_written']}) | {r['mkdocs_s']:.1f} s | "
            f"{r['peak_mb']} MB | {r['html_pages']} | {r['site_mb']:.0f} MB | "
            f"{100 * r['generator_share']:.1f} % | {r['per_page_ms']:.1f} | "
            f"{r['floor_s']:.1f} s | {r['ratio_to_floor']:.2f} |"
        )


if __name__ == "__main__":
    main()
