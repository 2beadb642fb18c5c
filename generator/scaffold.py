"""`playbook init`: a runnable client project that extends a base playbook."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from generator.errors import GeneratorError
from generator.markup import yaml_string
from generator.model import LANGUAGE_CODES

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates/init"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["yaml"] = yaml_string

_TITLES = {
    "sv": "{client} – kundresan",
    "nb": "{client} – kundereisen",
    "en": "{client} – customer journey playbook",
}
_EXAMPLES = {
    "sv": ("Köp hos {client}", "Skicka vår välkomstguide"),
    "nb": ("Kjøp hos {client}", "Send velkomstguiden vår"),
    "en": ("Buying from {client}", "Send our welcome guide"),
}

# Scaffold file -> template (mkdocs.yml is the tool's own, so clients get fixes too).
FILES = {
    "content.yaml": "content.yaml.j2",
    "mkdocs.yml": "mkdocs.yml",
    "Makefile": "Makefile.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
    ".github/workflows/pages.yml": "pages.yml.j2",
}


def render_project(name: str, extends: str, languages: list[str], package: str) -> dict[str, str]:
    """The files of a new client project. Pure."""
    unknown = [code for code in languages if code not in LANGUAGE_CODES]
    if unknown or not languages:
        raise GeneratorError(
            f"unknown language {', '.join(unknown) or '(none)'}: choose from {', '.join(LANGUAGE_CODES)}"
            " (Norwegian Bokmål is nb)"
        )
    example_name, example_item = _EXAMPLES[languages[0]]
    context = {
        "name": name,
        "extends": extends,
        "languages": languages,
        "titles": _TITLES,
        "package": package,
        "example_name": example_name,
        "example_item": example_item,
    }
    return {path: _ENV.get_template(template).render(context) for path, template in FILES.items()}


def init_project(folder: Path, *, name: str, extends: str, languages: list[str]) -> list[Path]:
    """Create a client project in ``folder``; refuses if a project is already there."""
    existing = [path for path in ("content.yaml", "mkdocs.yml") if (folder / path).exists()]
    if existing:
        raise GeneratorError(
            f"{folder} already holds a project ({', '.join(existing)}); nothing was written. "
            "Choose an empty folder."
        )
    if extends != "default":
        base = Path(extends).resolve()
        if not base.is_file():
            raise GeneratorError(f"the base '{extends}' does not exist; give a content file or 'default'")
        extends = Path(os.path.relpath(base, folder.resolve())).as_posix()
    files = render_project(name, extends, languages, _package_spec())
    written = []
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as stream:  # "x": never overwrite
            stream.write(text)
        written.append(target)
    return written


def _package_spec() -> str:
    """Where the client's Makefile installs Journey Playbook from."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        return str(checkout)  # running from a source checkout: use it
    return "journey-playbook"
