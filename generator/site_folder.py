"""The site folder a build writes: checked before, replaced whole after (issue #23).

``site/`` and ``.playbook/`` are written by the build and reviewed by nobody, so a pull
request must not be able to put anything there that the build trusts or publishes: a
tracked file, a hidden file (mkdocs' clean keeps those), or a symlink (the Pages upload
followed one out of the repository; mkdocs emptied the folder a ``site`` link named).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import GeneratorError
from generator.generated import GENERATOR_FOLDER


def check_site_folder(target: Path, *, given: bool) -> None:
    """Refuse a site folder that is, or holds, a symlink (the build would write or delete
    through it), and a folder named with -d that holds hidden entries (the build replaces
    the folder whole, and a .git there is someone's)."""
    if target.is_symlink():
        raise GeneratorError(
            f"{target} is a symlink; the build replaces the site folder, and would replace "
            "what it points to. Delete the link (the build creates the folder), or pass -d DIR"
        )
    if not target.is_dir():
        return
    for folder, subfolders, files in os.walk(target):  # never follows a link
        for name in sorted(subfolders + files):
            path = Path(folder, name)
            if path.is_symlink():
                raise GeneratorError(
                    f"{path} is a symlink in the site folder; the build never publishes what a "
                    f"link points to. Delete {target} (the build creates it again)"
                )
    hidden = sorted(entry.name for entry in target.iterdir() if entry.name.startswith("."))
    if given and hidden:
        raise GeneratorError(
            f"{target} holds {hidden[0]}; the build replaces the whole folder, hidden entries "
            "too. Build into an empty or new folder"
        )


def refuse_tracked_outputs(root: Path) -> None:
    """GeneratorError when git tracks a file under site/ or .playbook/ (issue #23).

    Both are written by the build and never reviewed: a committed file there would be
    published (site/), or trusted as the generator's own record (.playbook/). Nothing is
    checked outside a git work tree or without git.
    """
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", "site", GENERATOR_FOLDER],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except OSError:
        return  # no git here: nothing can be tracked
    tracked = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
    if listed.returncode != 0 or not tracked:
        return
    # Paths are relative to the project (git -C): site/… or .playbook/…
    folder = "site" if tracked[0].startswith("site/") else GENERATOR_FOLDER.rstrip("/")
    raise GeneratorError(
        f"git tracks {tracked[0]}{f' and {len(tracked) - 1} more' if len(tracked) > 1 else ''}, "
        f"but the build writes {folder}/ and nobody reviews it: remove it from git with "
        f"'git rm -r --cached {folder}' and commit (the files stay on disk)"
    )


def replace_folder(target: Path, new: Path) -> None:
    """Put ``new`` where ``target`` is, by renames on one file system."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
