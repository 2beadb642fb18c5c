"""The wheel stands on its own: built and checked as the release workflow does, installed
into a fresh virtual environment, and used there to make and build a client project."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.pagefind_index import index_languages

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # As .github/workflows/release.yml: sdist first, then the wheel built from the sdist.
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_twine_accepts_the_sdist_and_the_wheel(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert any(f.endswith(".whl") for f in files) and any(f.endswith(".tar.gz") for f in files)
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_default_content_is_a_real_file_in_the_wheel(dist):
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        info = archive.getinfo("generator/default_content.yaml")
        assert not stat.S_ISLNK(info.external_attr >> 16)
        assert archive.read(info) == (REPO / "content.yaml").read_bytes()
        assert archive.read("generator/project_mkdocs.yml") == (REPO / "mkdocs.yml").read_bytes()
        names = set(archive.namelist())
    assert "generator/site/templates/stage.md.j2" in names
    assert "generator/site/theme/main.html" in names
    # The search box, its query stemmers with their licence, and the binary it needs to build.
    assert {
        "generator/site/theme/partials/playbook-search.html",
        "generator/site/theme/assets/playbook/playbook-search.js",
        "generator/site/theme/assets/playbook/stemmers/no.js",
        "generator/site/theme/assets/playbook/stemmers/LICENSE",
    } <= names
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        requires = [
            line
            for line in archive.read(meta).decode().splitlines()
            if line.startswith("Requires-Dist: pagefind")
        ]
    assert requires == ["Requires-Dist: pagefind-bin<2,>=1.5"]


def test_the_installed_wheel_makes_and_builds_a_client_project(dist, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The fresh environment borrows this one's dependencies (no network needed), but not
    # its editable install of the checkout: a path added by a .pth line is not a site
    # folder, so the checkout's own .pth inside it is never read.
    own_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (own_site / "borrowed.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    wheel = next(dist.glob("*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PLAYBOOK_ALREADY_GENERATED")
    }
    env["NO_MKDOCS_2_WARNING"] = "1"
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv)), where
    playbook = venv / "bin" / "playbook"
    init = subprocess.run(
        [
            str(playbook),
            "init",
            "client",
            "--name",
            "Kund AB",
            "--extends",
            "default",
            "--languages",
            "sv,en",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    build = subprocess.run(
        [str(playbook), "build"],
        cwd=tmp_path / "client",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    home = (tmp_path / "client/site/index.html").read_text(encoding="utf-8")
    assert "Kund AB" in home
    assert (tmp_path / "client/site/en/stages/customer-journey/awareness/index.html").exists()
    # The search index of both languages, written by the installed package's own step.
    assert "Search index: sv " in build.stdout and ", en " in build.stdout
    assert index_languages(tmp_path / "client/site").keys() == {"en", "sv"}
