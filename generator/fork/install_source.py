"""Where a client project's Makefile and CI install Journey Playbook from: this very tool.

Three sources, tried in this order (issue #27: a consultant running a checkout had nothing
to put in ``PLAYBOOK_PACKAGE``, so nothing could be published):

* a package index, pinned to this version, when the tool was installed from one;
* ``git+URL@COMMIT``, when it was installed from a git URL, or runs from a clean checkout
  whose commit a branch of an https remote (without credentials in its URL) contains;
* otherwise, or when asked (``--vendor``): the wheel itself, copied into the project under
  ``vendor/`` with a ``SHA256SUMS`` file that the Makefile and the workflow check with
  ``sha256sum --check`` before ``pip install``.

A wheel built from a checkout carries where it came from in a PEP 440 local version:
``+dirty.<hash of the files>`` for uncommitted changes, ``+g<commit>`` for a commit that is
not this version's release tag. It is built rather than refused: a consultant who patched
the tool can still publish, and the version says, in ``pip list`` and ``playbook
--version``, that it is not the release, while the recorded hash pins its exact bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator import __version__
from generator.errors import GeneratorError

DISTRIBUTION = "journey-playbook"
"""The tool's name on a package index (pyproject's project.name)."""

VENDOR_DIR = "vendor"
CHECKSUMS = "SHA256SUMS"
"""The checksum file beside the vendored wheel, in ``sha256sum``'s format."""

_VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.M)


@dataclass(frozen=True)
class InstallSource:
    """What pip installs in the client's Makefile and CI, and where it came from."""

    requirement: str
    """The pip requirement: 'journey-playbook==1.0.0', 'journey-playbook @ git+…@COMMIT',
    or the path of a vendored wheel ('vendor/journey_playbook-1.0.0-py3-none-any.whl')."""
    origin: str
    """Where it came from, for init's report."""
    wheel: bytes = b""
    """The vendored wheel's bytes, to write under vendor/ ('' when nothing is vendored)."""

    @property
    def vendored(self) -> bool:
        return bool(self.wheel)

    @property
    def wheel_name(self) -> str:
        return Path(self.requirement).name if self.vendored else ""

    def checksums(self) -> str:
        """The SHA256SUMS line for the vendored wheel, as ``sha256sum`` writes it."""
        return f"{hashlib.sha256(self.wheel).hexdigest()}  {self.wheel_name}\n"


def install_source(*, vendor: bool = False) -> InstallSource:
    """This tool as pip can install it in a client's CI (see the module docstring)."""
    checkout = source_checkout()
    if checkout is not None:
        return _from_checkout(checkout, vendor)
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise GeneratorError(
            f"cannot tell where this Journey Playbook comes from (no '{DISTRIBUTION}' is "
            "installed and it does not run from a checkout); give --package REQUIREMENT"
        ) from None
    direct = distribution.read_text("direct_url.json")
    pinned = f"{DISTRIBUTION}=={distribution.version}"
    if direct is None:  # installed from a package index
        if not vendor:
            return InstallSource(pinned, "the package index, this version")
        return _vendored(_pip_wheel(pinned), f"{pinned}, downloaded from the package index")
    info = json.loads(direct)
    url = str(info.get("url", ""))
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and _public_url(url):
        requirement = f"{DISTRIBUTION} @ git+{url}@{vcs['commit_id']}"
        if not vendor:
            return InstallSource(requirement, f"{url}, the commit it was installed from")
        return _vendored(_pip_wheel(requirement), f"built from {url}@{vcs['commit_id']}")
    if "archive_info" in info and url.startswith("file://"):
        return _copied_archive(Path(unquote(urlsplit(url).path)), info["archive_info"])
    raise GeneratorError(
        f"this Journey Playbook was installed from {url or 'an unknown place'}, which a "
        "client's CI cannot reach and which is not a wheel to copy; run init from a "
        "checkout of the tool, or give --package REQUIREMENT"
    )


def source_checkout() -> Path | None:
    """The source tree this code runs from (a checkout of the tool), or None when installed."""
    root = Path(__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and f'name = "{DISTRIBUTION}"' in pyproject.read_text("utf-8"):
        return root
    return None


def _from_checkout(checkout: Path, vendor: bool) -> InstallSource:
    state = _git_state(checkout)
    if not vendor and state is not None and not state.dirty and state.remote_url:
        requirement = f"{DISTRIBUTION} @ git+{state.remote_url}@{state.commit}"
        return InstallSource(requirement, f"{state.remote_url}, the commit this checkout is at")
    if state is None:
        local, why = f"dirty.{_tree_hash(checkout, None)}", "a folder that is not a git checkout"
    elif state.dirty:
        local = f"dirty.{_tree_hash(checkout, state)}"
        why = f"this checkout at {state.commit[:12]} with uncommitted changes"
    elif state.released:
        local, why = "", f"this checkout at its release tag v{__version__}"
    else:
        local = f"g{state.commit[:12]}"
        why = f"this checkout at {state.commit[:12]}, which no https remote branch holds"
    wheel = build_wheel(checkout, state, local)
    return _vendored(wheel, f"built from {why}")


@dataclass(frozen=True)
class _GitState:
    commit: str
    dirty: bool
    released: bool
    """HEAD is this version's release tag (v0.1.0)."""
    remote_url: str
    """An https URL of a remote with a branch that contains HEAD; '' when none."""
    files: tuple[str, ...]
    """Tracked and untracked, not ignored: what a build of this tree may read."""


def _git_state(checkout: Path) -> _GitState | None:
    try:
        commit = _git(checkout, "rev-parse", "HEAD")
        status = _git(checkout, "status", "--porcelain", "--untracked-files=normal")
        tags = _git(checkout, "tag", "--points-at", "HEAD").split()
        branches = _git(checkout, "branch", "-r", "--contains", "HEAD").split()
        listed = _git(checkout, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    remote_url = ""
    for remote in sorted({branch.split("/", 1)[0] for branch in branches if "/" in branch}):
        try:
            url = _git(checkout, "remote", "get-url", remote)
        except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
            continue
        if _public_url(url):
            remote_url = url
            break
    files = tuple(sorted(name for name in listed.split("\0") if name))
    return _GitState(commit, bool(status), f"v{__version__}" in tags, remote_url, files)


def _public_url(url: str) -> bool:
    """An https URL with no user name or token in it: safe to write into a client's files."""
    parts = urlsplit(url)
    return (
        parts.scheme == "https"
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and re.fullmatch(r"[A-Za-z0-9._~:/%+-]+", url[len("https://") :]) is not None
    )


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, timeout=20
    ).stdout.strip()


def _tree_files(checkout: Path, state: _GitState | None) -> list[str]:
    if state is not None:
        return [name for name in state.files if (checkout / name).is_file()]
    skipped = {".git", ".venv", "site", "node_modules", "__pycache__", ".pytest_cache"}
    return sorted(
        path.relative_to(checkout).as_posix()
        for path in checkout.rglob("*")
        if path.is_file() and not skipped & set(path.relative_to(checkout).parts)
    )


def _tree_hash(checkout: Path, state: _GitState | None) -> str:
    """A short hash of every file a build reads: the same tree gives the same version."""
    digest = hashlib.sha256()
    for name in _tree_files(checkout, state):
        digest.update(name.encode("utf-8") + b"\0" + (checkout / name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def build_wheel(checkout: Path, state: _GitState | None, local: str) -> tuple[str, bytes]:
    """Build the checkout's wheel, its version given the local segment ``local`` (if any).

    Built from a copy of the tree, so the checkout is never touched: the copy's
    ``__version__`` carries the local segment. Hatchling's PEP 517 hook runs in this
    Python when hatchling is installed; otherwise pip fetches it from the package index.
    """
    with tempfile.TemporaryDirectory(prefix="playbook-wheel-") as temporary:
        tree, out = Path(temporary) / "tree", Path(temporary) / "dist"
        for name in _tree_files(checkout, state):
            target = tree / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(checkout / name, target)
        out.mkdir()
        if local:
            version_file = tree / "generator" / "__init__.py"
            text = version_file.read_text(encoding="utf-8")
            version_file.write_text(
                _VERSION_LINE.sub(f'__version__ = "{__version__}+{local}"', text, count=1),
                encoding="utf-8",
            )
        _run_build(tree, out)
        wheels = sorted(out.glob("*.whl"))
        if len(wheels) != 1:
            raise GeneratorError(f"building the wheel of {checkout} gave {len(wheels)} wheels")
        return wheels[0].name, wheels[0].read_bytes()


def _run_build(tree: Path, out: Path) -> None:
    # hatchling (the build backend) where it is installed, without fetching anything; else
    # pip, which fetches it. Asked by name, not imported: the tool does not depend on it.
    if importlib.util.find_spec("hatchling") is not None:
        command = [
            sys.executable,
            "-c",
            "import sys, hatchling.build; hatchling.build.build_wheel(sys.argv[1])",
            str(out),
        ]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(tree)]
    result = subprocess.run(
        command, cwd=tree, capture_output=True, text=True, check=False, timeout=600
    )
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise GeneratorError(
            f"could not build the wheel to vendor ({last[0]}); give --package REQUIREMENT"
        )


def _pip_wheel(requirement: str) -> tuple[str, bytes]:
    """Fetch (or build) ``requirement``'s wheel with pip, without its dependencies."""
    with tempfile.TemporaryDirectory(prefix="playbook-wheel-") as temporary:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", temporary, requirement],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        wheels = sorted(Path(temporary).glob("journey_playbook-*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise GeneratorError(
                f"pip could not get the wheel of {requirement} to vendor; "
                "give --package REQUIREMENT instead"
            )
        return wheels[0].name, wheels[0].read_bytes()


def _copied_archive(path: Path, archive: dict) -> InstallSource:
    """The wheel file this tool was installed from, if it is still there unchanged."""
    recorded = str(archive.get("hash") or "")
    recorded = recorded.partition("=")[2] if recorded.startswith("sha256=") else ""
    recorded = str((archive.get("hashes") or {}).get("sha256") or recorded)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if path.suffix != ".whl" or not data:
        raise GeneratorError(
            f"this Journey Playbook was installed from {path}, which is gone or not a wheel; "
            "give --package REQUIREMENT or --package pointing at the wheel"
        )
    if recorded and hashlib.sha256(data).hexdigest() != recorded:
        raise GeneratorError(
            f"{path} changed since this Journey Playbook was installed from it; "
            "install it again, or give --package REQUIREMENT"
        )
    return _vendored((path.name, data), f"the wheel it was installed from, {path}")


def _vendored(wheel: tuple[str, bytes], origin: str) -> InstallSource:
    name, data = wheel
    return InstallSource(f"{VENDOR_DIR}/{name}", origin, data)
