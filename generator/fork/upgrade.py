"""`playbook upgrade`: what `init` wrote, brought up to this version of the tool.

A client project keeps the files `init` wrote for as long as it lives, while the tool
moves on (issue #27: a workflow that failed on missing translations, a build job that could
not read Pages). ``plan_upgrade`` writes them again as this version's `init` would, for the
choices the project made (strict translations, a vendored wheel), and lists what would
change; ``apply_upgrade`` writes only that. It never touches the content: of content.yaml
and progress.yaml only the first line naming the schema may change, and what they hold is
compared before anything is written.

Upgraded: the Makefile, the GitHub workflow, .gitignore (lines a person added are kept),
mkdocs.yml (the tool's own), the schema lines, and the install source: this very tool,
pinned as `init` pins it (a vendored wheel is replaced by this tool's, with its checksum).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import GeneratorError
from generator.fork.init import render_project
from generator.fork.install_source import (
    CHECKSUMS,
    DISTRIBUTION,
    VENDOR_DIR,
    InstallSource,
    install_source,
)
from generator.writer import replace_atomically

UPGRADED = ("Makefile", ".github/workflows/pages.yml", ".gitignore", "mkdocs.yml")
"""What init wrote that belongs to the tool; README.md and content.yaml are the person's."""

SCHEMA_LINES = {
    "content.yaml": "# yaml-language-server: $schema=.playbook/overlay.schema.json",
    "progress.yaml": "# yaml-language-server: $schema=.playbook/progress.schema.json",
}
"""The first line of each file, as this version writes it (the editor's schema)."""

_SCHEMA_PREFIX = "# yaml-language-server: $schema="
_KEPT = "# Kept by 'playbook upgrade' from the file before it:"


@dataclass
class UpgradePlan:
    """Each file's new text (None: remove it) and its diff against the project's."""

    root: Path
    source: InstallSource
    changes: dict[str, str | bytes | None] = field(default_factory=dict)
    diffs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def plan_upgrade(
    content: Path, *, package: str | None = None, vendor: bool | None = None
) -> UpgradePlan:
    """What this version's init would write into the project of ``content``, where it differs."""
    root = content.resolve().parent
    workflow = _read(root / ".github/workflows/pages.yml")
    if not content.is_file():
        raise GeneratorError(f"{content} not found: run upgrade in a project that init made")
    if workflow is None and _read(root / "Makefile") is None:
        raise GeneratorError(
            f"{root} has neither a Makefile nor .github/workflows/pages.yml: it was not made "
            "by 'playbook init', so there is nothing to upgrade"
        )
    strict = workflow is not None and _strict(workflow)
    vendored = (root / VENDOR_DIR / CHECKSUMS).is_file()
    if package is not None and vendor:
        raise GeneratorError("--vendor copies this tool's wheel; leave out --package with it")
    source = (
        InstallSource(package.strip(), "--package")
        if package is not None
        else install_source(vendor=vendored if vendor is None else vendor)
    )
    name, extends, languages = _choices(content)
    files = render_project(name, extends, languages, source, strict=strict)
    plan = UpgradePlan(root, source)
    for name in UPGRADED:
        new = files[name] if name != ".gitignore" else _gitignore(files[name], root)
        _plan_text(plan, name, new)
    for name, line in SCHEMA_LINES.items():
        current = _read(root / name)
        if current is not None:
            _plan_text(plan, name, _with_schema_line(current, line))
    _plan_vendor(plan, files)
    return plan


def apply_upgrade(plan: UpgradePlan) -> list[str]:
    """Write the planned changes; returns the paths written or removed."""
    before = {name: _content_data(plan.root / name) for name in SCHEMA_LINES}
    for name, new in plan.changes.items():
        if name in SCHEMA_LINES and isinstance(new, str) and _data(new) != before[name]:
            raise GeneratorError(
                f"{name}: the upgrade would change its content; nothing was written"
            )
    done = []
    for name, new in plan.changes.items():
        target = plan.root / name
        if new is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(target, new.encode("utf-8") if isinstance(new, str) else new)
        done.append(name)
    return done


def _plan_text(plan: UpgradePlan, name: str, new: str) -> None:
    current = _read(plan.root / name)
    if current == new:
        return
    plan.changes[name] = new
    plan.diffs.append(
        "".join(
            difflib.unified_diff(
                (current or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{name}" if current is not None else "/dev/null",
                tofile=f"b/{name}",
            )
        )
    )


def _plan_vendor(plan: UpgradePlan, files: dict[str, str]) -> None:
    """The vendored wheel and its checksum file; an old wheel goes when a new one comes."""
    folder = plan.root / VENDOR_DIR
    old_wheels = sorted(p.name for p in folder.glob(f"{DISTRIBUTION.replace('-', '_')}-*.whl"))
    if plan.source.vendored:
        _plan_text(plan, f"{VENDOR_DIR}/{CHECKSUMS}", files[f"{VENDOR_DIR}/{CHECKSUMS}"])
        name = plan.source.wheel_name
        current = folder / name
        if not current.is_file() or current.read_bytes() != plan.source.wheel:
            plan.changes[plan.source.requirement] = plan.source.wheel
            plan.diffs.append(
                f"+ {plan.source.requirement} (this tool's wheel, {plan.source.origin})\n"
            )
        keep = {name}
    else:
        keep = set()
        if (folder / CHECKSUMS).is_file():
            plan.changes[f"{VENDOR_DIR}/{CHECKSUMS}"] = None
            plan.diffs.append(f"- {VENDOR_DIR}/{CHECKSUMS} (no wheel is vendored any more)\n")
    for old in old_wheels:
        if old not in keep:
            plan.changes[f"{VENDOR_DIR}/{old}"] = None
            plan.diffs.append(f"- {VENDOR_DIR}/{old} (replaced)\n")


def _choices(content: Path) -> tuple[str, str, list[str]]:
    """The client's name, base and languages (default first), as init was given them."""
    data = _content_data(content)
    site = data.get("site") if isinstance(data, dict) else None
    site = site if isinstance(site, dict) else {}
    codes = [
        entry["code"]
        for entry in site.get("languages") or []
        if isinstance(entry, dict) and isinstance(entry.get("code"), str)
    ]
    default = next(
        (
            e["code"]
            for e in site.get("languages") or []
            if isinstance(e, dict) and e.get("default")
        ),
        codes[0] if codes else "en",
    )
    languages = [default, *(code for code in codes if code != default)]
    extends = data.get("extends") if isinstance(data, dict) else None
    name = site.get("client")
    return (
        name if isinstance(name, str) and name.strip() else "Client",
        extends if isinstance(extends, str) else "default",
        languages,
    )


def _strict(workflow: str) -> bool:
    """The project chose `init --strict`: its workflow fails on missing translations.

    Said by the comment that init writes with it: a workflow from before the choice
    existed was strict without choosing, and gets this version's default (which the
    diff shows before anything is written)."""
    return "Chosen with `playbook init --strict`" in workflow


def _gitignore(rendered: str, root: Path) -> str:
    """This version's lines, then every line of the project's file that they lack."""
    current = _read(root / ".gitignore") or ""
    ours = set(rendered.splitlines())
    kept = [
        line for line in current.splitlines() if line.strip() and line not in ours and line != _KEPT
    ]
    return rendered + (f"\n{_KEPT}\n" + "\n".join(kept) + "\n" if kept else "")


def _with_schema_line(text: str, line: str) -> str:
    first, newline, rest = text.partition("\n")
    if first.startswith(_SCHEMA_PREFIX):
        return line + newline + rest
    return line + "\n" + text


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise GeneratorError(f"{path}: cannot read it ({error})") from None


def _data(text: str | None) -> object:
    try:
        return yaml.safe_load(text) if text is not None else None
    except yaml.YAMLError:
        return ("unreadable", text)


def _content_data(path: Path) -> object:
    return _data(_read(path))
