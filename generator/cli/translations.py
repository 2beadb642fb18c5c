"""`playbook translations`: coverage, confirmation and the translator round trip."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import click

from generator.cli.common import content_option, delimiter_option, say, say_data, user_errors
from generator.content.loader import load_parsed
from generator.translation_work import pages_with_fallbacks
from generator.translations.coverage import check_translations, confirm_translations, read_lock
from generator.translations.roundtrip import export_csv, import_csv
from generator.writer import replace_atomically


@click.group(invoke_without_command=True)
@content_option
@click.option(
    "--strict", is_flag=True, help="Exit 1 if any translation is missing or stale (for CI)."
)
@click.option(
    "--allow-missing",
    is_flag=True,
    help="With --strict: missing translations are a warning with their count, so a site "
    "publishes while the translation is under way; stale ones still fail.",
)
@click.pass_context
@user_errors
def translations(ctx: click.Context, content: Path, strict: bool, allow_missing: bool) -> None:
    """Show translation coverage and the work left per language, and every missing or
    stale text.

    \b
    Example:
        playbook translations            # report
        playbook translations --strict   # in CI: fail on missing or stale
        playbook translations --strict --allow-missing   # in CI: fail on stale only
        playbook translations confirm --lang nb
    """
    if ctx.invoked_subcommand is not None:
        return
    playbook, parsed = load_parsed(content, display_name=str(content))
    report = check_translations(playbook, parsed, read_lock(content))
    for finding in report.findings:
        say(str(finding))
    for lang in report.coverage:
        marker = "  (default)" if lang.language == playbook.default_language else ""
        left = ", ".join(
            part
            for part in (
                f"{lang.missing} missing" if lang.missing else "",
                f"{lang.stale} stale" if lang.stale else "",
            )
            if part
        )
        left = f"  left: {left}, {lang.words:,} words" if left else ""
        say(
            f"{lang.language}  {lang.percent:5.1f} %  ({lang.translated}/{lang.total}){marker}"
            + left
        )
    for language, pages in pages_with_fallbacks(playbook).items():
        say(f"{language}: {len(pages)} page(s) show a text in another language:")
        say(textwrap.fill(", ".join(pages), 100, initial_indent="    ", subsequent_indent="    "))
    if not strict:
        return
    missing = [lang for lang in report.coverage if lang.missing]
    stale = sum(lang.stale for lang in report.coverage)
    if allow_missing:
        for lang in missing:
            _warn(
                f"{lang.missing} texts are not yet translated into {lang.language} "
                f"({lang.words:,} words left); its pages show them in another language "
                "meanwhile"
            )
        if stale:
            say(f"{stale} stale translations (--strict).", err=True)
            sys.exit(1)
    elif not report.complete:
        say(f"{len(report.findings)} translation problems (--strict).", err=True)
        sys.exit(1)


def _warn(message: str) -> None:
    # On GitHub Actions, an annotation: the run's summary shows it beside a green build.
    prefix = "::warning::" if os.environ.get("GITHUB_ACTIONS") == "true" else "warning: "
    click.echo(prefix + message, err=True)


@translations.command("confirm")
@click.option(
    "--lang", "languages", multiple=True, help="Language to confirm (repeatable; default: all)."
)
@content_option
@user_errors
def translations_confirm(languages: tuple[str, ...], content: Path) -> None:
    """Record that the current translations match the current default-language text.

    \b
    Example:
        playbook translations confirm --lang nb
    """
    playbook, parsed = load_parsed(content, display_name=str(content))
    count = confirm_translations(playbook, parsed, content, list(languages) or None)
    say(f"Confirmed {count} translations in {content.resolve().parent / 'translations.lock'}.")


@translations.command("export")
@click.option(
    "--lang",
    "language",
    required=True,
    help="Language to translate into, e.g. nb; the default language lists every text to proofread.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="CSV file to write (default: standard output).",
)
@delimiter_option
@content_option
@user_errors
def translations_export(
    language: str, output: Path | None, delimiter: str | None, content: Path
) -> None:
    """Write a CSV of missing or stale texts for a translator: path, source, translation.

    The file opens in Excel as it is: UTF-8 with a byte-order mark, headers in the
    file's language, ';' between cells where the decimal comma is used (sv, nb, nn, da, fi,
    de) and ',' for en; see --delimiter.

    \b
    Example:
        playbook translations export --lang nb -o nb.csv
    """
    playbook, parsed = load_parsed(content, display_name=str(content))
    table, count = export_csv(playbook, parsed, content, language, delimiter)
    if output is None:
        say_data(table)
    else:
        replace_atomically(output, table.encode("utf-8"))
        say(f"wrote {output} ({count} texts)")


@translations.command("import")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@content_option
@user_errors
def translations_import(table: Path, content: Path) -> None:
    """Write filled-in translations from a CSV back into the content file.

    Accepts what 'translations export' writes, also after Excel saved it (';' or ',',
    UTF-8 or Windows-1252). Every row is checked first: one unusable row and nothing
    is written. Comments, key order and formatting are kept. Each translation is
    confirmed against the source text in its row, the text the translator saw.

    \b
    Example:
        playbook translations import nb.csv
    """
    report = import_csv(content, table, display_name=str(content))
    say(
        f"Imported {report.imported} translations into {content}"
        + (f", confirmed {report.confirmed} unchanged ones" if report.confirmed else "")
        + f" (read {table} as {report.encoding}, "
        f"'{_shown(report.delimiter)}' between cells)."
    )
    for row in report.still_stale:
        say(
            f"warning: {row}: its source text changed after this file was exported; "
            "the translation stays stale until checked and confirmed",
            err=True,
        )
    if report.refused:
        for line in report.refused:
            click.echo(line, err=True)
        count = len(report.refused)
        click.echo(
            f"{count} row{'s' if count != 1 else ''} not imported (listed above); the other "
            "rows were. Fix those rows and import the file again: rows already imported are "
            "skipped.",
            err=True,
        )
        sys.exit(1)


def _shown(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter
