"""`playbook init`: a runnable client project that extends a base playbook."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.content.model import LANGUAGE_CODES
from generator.errors import GeneratorError
from generator.fork.install_source import (
    CHECKSUMS,
    DISTRIBUTION,
    VENDOR_DIR,
    InstallSource,
    install_source,
)
from generator.generated import gitignore_lines
from generator.languages import language_problem
from generator.site.markup import md_inline, yaml_string
from generator.site.ui import INIT_TEXT
from generator.team.intake import LABEL

PINNED_ACTIONS = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}
"""GitHub Actions by commit SHA, with the tag they were taken from. The repository's own
pages.yml uses the same pins (tests/fork/test_workflow.py checks that). No action that pulls
another action by tag: actions/upload-pages-artifact's steps are written out instead."""

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.fork", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["yaml"] = yaml_string
_ENV.filters["md"] = md_inline
_ENV.globals["action"] = lambda name: (
    f"{name}@{PINNED_ACTIONS[name][0]} # {PINNED_ACTIONS[name][1]}"
)

# Scaffold file -> template (mkdocs.yml is the tool's own, so clients get fixes too).
FILES = {
    "content.yaml": "content.yaml.j2",
    "mkdocs.yml": None,  # the tool's own mkdocs.yml, as it is: see tool_mkdocs_yml()
    "Makefile": "Makefile.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
    ".github/workflows/pages.yml": "pages.yml.j2",
    ".github/workflows/team-intake.yml": "team-intake.yml.j2",
    ".github/workflows/nightly.yml": "nightly.yml.j2",
}

# What a pip requirement may hold here; it is written into a Makefile and a workflow, where
# quotes, `$`, `#` or a newline would change what runs.
_SAFE_SPEC = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._\-@+:/=<>!~,\[\]]*$")
# C0, DEL, C1 (U+0085 is a line break to YAML) and the Unicode line separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class InitResult:
    """What ``init_project`` wrote, and where the client's CI gets the tool from."""

    written: list[Path]
    source: InstallSource
    """Where the Makefile and workflow install Journey Playbook from."""
    extends: str = "default"
    """The base as written into content.yaml (relative to the project)."""
    strict: bool = False
    """The workflow fails while any translation is missing (--strict)."""
    languages: tuple[str, ...] = ()

    @property
    def package(self) -> str:
        """The pip requirement written into the Makefile and workflow; '' when still to be set."""
        return self.source.requirement


@dataclass(frozen=True)
class Choices:
    """What a person chose for a project at ``init``; ``playbook upgrade`` reads them back
    from the project to write the same files again with a newer tool."""

    name: str
    extends: str
    languages: list[str]
    strict: bool = False


def render_project(
    name: str,
    extends: str,
    languages: list[str],
    package: str | InstallSource,
    *,
    strict: bool = False,
) -> dict[str, str]:
    """The files of a new client project. Pure."""
    source = package if isinstance(package, InstallSource) else InstallSource(package, "")
    check_choices(Choices(name, extends, languages, strict), source.requirement)
    first = INIT_TEXT[languages[0]]
    context = {
        "name": name,
        "extends": extends,
        "languages": languages,
        "titles": {code: INIT_TEXT[code]["title"] for code in languages},
        "package": source.requirement,
        "vendored": source.vendored,
        "checksums": f"{VENDOR_DIR}/{CHECKSUMS}",
        "strict": strict,
        "example_name": first["example_stage_name"],
        "example_item": first["example_item"],
        "time_zone": first["time_zone"],
        "generated_paths": gitignore_lines(),
        "label": LABEL,
    }
    files = {
        path: _ENV.get_template(template).render(context) if template else tool_mkdocs_yml()
        for path, template in FILES.items()
    }
    if source.vendored:
        files[f"{VENDOR_DIR}/{CHECKSUMS}"] = source.checksums()
    return files


def check_choices(choices: Choices, package: str) -> None:
    """GeneratorError for a choice that cannot make a working project."""
    languages, name, extends = choices.languages, choices.name, choices.extends
    if not languages:
        raise GeneratorError(f"no language given: choose from {', '.join(LANGUAGE_CODES)}")
    for code in languages:
        problem = language_problem(code)
        if problem:
            raise GeneratorError(f"--languages: {problem[0]}; {problem[1]}")
    twice = sorted({code for code in languages if languages.count(code) > 1})
    if twice:
        # Caught here: the content.yaml written would repeat the key in every text.
        raise GeneratorError(f"--languages: {twice[0]!r} is given twice; name each language once")
    if not name.strip() or _CONTROL.search(name):
        raise GeneratorError(
            "--name must be one line of text (no line breaks or control characters)"
        )
    if _CONTROL.search(extends):
        raise GeneratorError("--extends must be one line: 'default' or a path")
    if package and not _SAFE_SPEC.match(package):
        raise GeneratorError(
            f"--package {package!r} is not a plain pip requirement; write e.g. "
            f"'{DISTRIBUTION}==1.0.0' or '{DISTRIBUTION} @ git+https://github.com/ORG/REPO@COMMIT'"
        )


def own_workflow(path: str) -> str:
    """The repository's own copy of a team workflow (team-intake.yml, nightly.yml): what a
    client gets, installing the tool from the checkout itself ('.'). One template, so the
    shipped workflow and the client's cannot drift (tests/fork/test_team_workflows.py)."""
    template = FILES[path]
    assert template is not None
    return _ENV.get_template(template).render(package=".", label=LABEL)


def tool_mkdocs_yml() -> str:
    """The repository's own mkdocs.yml, which every client project gets (so fixes reach them).

    A wheel carries it as ``generator/project_mkdocs.yml`` (pyproject's force-include); a
    source checkout reads the repository's file. One file, never a copy to keep equal.
    """
    package = Path(__file__).resolve().parents[1]
    shipped = package / "project_mkdocs.yml"
    source = shipped if shipped.is_file() else package.parent / "mkdocs.yml"
    return source.read_text(encoding="utf-8")


def init_project(
    folder: Path,
    *,
    name: str,
    extends: str,
    languages: list[str],
    package: str | None = None,
    vendor: bool = False,
    strict: bool = False,
) -> InitResult:
    """Create a client project in ``folder``; refuses, writing nothing, if any file exists.

    ``package``: the pip requirement to install the tool from ('' leaves it to be set);
    None finds this very tool's source (generator/fork/install_source.py), and ``vendor``
    copies its wheel into the project even when an index or a git URL could serve it.
    """
    if extends != "default":
        base = Path(extends).resolve()
        if not base.is_file():
            raise GeneratorError(
                f"the base '{extends}' does not exist; give a content file or 'default'"
            )
        extends = Path(os.path.relpath(base, folder.resolve())).as_posix()
    if package is not None and vendor:
        raise GeneratorError("--vendor copies this tool's wheel; leave out --package with it")
    # Checked before a wheel is built: a mistyped language must not cost a build.
    check_choices(Choices(name, extends, languages, strict), (package or "").strip())
    _refuse_existing(folder, [*FILES, f"{VENDOR_DIR}/{CHECKSUMS}"])
    source = (
        install_source(vendor=vendor)
        if package is None
        else InstallSource(package.strip(), "--package")
    )
    files = render_project(name, extends, languages, source, strict=strict)
    if source.vendored:
        files[source.requirement] = ""  # the wheel's bytes, written below
    _refuse_existing(folder, list(files))
    written = []
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.wheel if relative == source.requirement else text.encode("utf-8")
        with target.open("xb") as stream:  # "x": never overwrite
            stream.write(data)
        written.append(target)
    return InitResult(written, source, extends, strict, tuple(languages))


def _refuse_existing(folder: Path, paths: list[str]) -> None:
    existing = [relative for relative in paths if (folder / relative).exists()]
    if existing:
        raise GeneratorError(
            f"{folder} already holds a project ({', '.join(existing)}); nothing was written. "
            "Choose an empty folder."
        )


def next_steps(folder: Path, result: InitResult) -> list[str]:
    """What is left before the client's site is published, in an order that works.

    Pages first, then the push: the push runs the workflow, whose deploy needs Pages
    enabled with GitHub Actions as its source (issue #27: init said push first)."""
    source = result.source
    if not source.requirement:
        steps = [
            "Set PLAYBOOK_PACKAGE in Makefile and .github/workflows/pages.yml to where pip gets "
            f"Journey Playbook, e.g. {DISTRIBUTION}==1.0.0, or run 'playbook upgrade' in the "
            "project to fill it in with this tool"
        ]
    elif source.vendored:
        steps = [
            f"Journey Playbook is installed from {source.requirement} ({source.origin}); "
            f"the Makefile and the workflow check it against {VENDOR_DIR}/{CHECKSUMS} first. "
            f"Commit both files"
        ]
    else:
        steps = [f"Journey Playbook is installed from: {source.requirement} ({source.origin})"]
    if result.extends.startswith("../"):
        steps.append(
            f"The base {result.extends} lies outside the project: keep both in one git "
            "repository, or list the base's folder in PLAYBOOK_BASES (also in CI)"
        )
    if result.strict:
        translations = (
            "The workflow fails while any text is missing or stale in any language "
            "(--strict): translate everything before the first push"
        )
    else:
        translations = (
            "The workflow publishes while translations are under way: missing ones are a "
            "warning with their count (pages show another language meanwhile), stale ones "
            "fail it; 'playbook translations' shows what is left"
        )
    return [
        *steps,
        f"Build and look: cd {folder} && make site",
        translations,
        "Create an empty repository on GitHub, and in it: Settings -> Pages -> Build and "
        "deployment -> Source: GitHub Actions (before the first push, so it can publish)",
        (
            "Commit and push (this publishes): git init -b main && git add -A && git commit "
            "-m 'Playbook' && git remote add origin URL && git push -u origin main"
        ),
        (
            "The site shows the team's progress as counts only (no owners, notes or answers); "
            "to show everything, set team.publish: full in content.yaml (or none for nothing)"
        ),
    ]
