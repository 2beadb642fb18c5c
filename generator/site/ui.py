"""Every piece of interface text the generator adds to pages, in sv, nb and en.

Kept as data so that a missing translation is caught by a test
(tests/test_ui.py) rather than by a reader.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"sv": "Svenska", "nb": "Norsk (bokmål)", "en": "English"}
"""Each language's name for itself, as the language switcher shows it."""

LANGUAGE_NAME_IN: dict[str, dict[str, str]] = {
    "sv": {"sv": "svenska", "nb": "norska", "en": "engelska"},
    "nb": {"sv": "svensk", "nb": "norsk", "en": "engelsk"},
    "en": {"sv": "Swedish", "nb": "Norwegian", "en": "English"},
}
"""LANGUAGE_NAME_IN[reader][language]: a language's name in the reader's language."""

UI_TEXT: dict[str, dict[str, str]] = {
    "home": {"sv": "Hem", "nb": "Hjem", "en": "Home"},
    "journeys": {"sv": "Resor", "nb": "Reiser", "en": "Journeys"},
    "about_heading": {
        "sv": "Om den här playbooken",
        "nb": "Om denne playbooken",
        "en": "About this playbook",
    },
    "about": {
        "sv": (
            "Playbooken delar upp kundens resa i steg. Varje steg har en checklista som "
            "teamet bockar av och frågor att diskutera på en workshop."
        ),
        "nb": (
            "Playbooken deler kundens reise inn i steg. Hvert steg har en sjekkliste som "
            "teamet krysser av, og spørsmål å diskutere på en workshop."
        ),
        "en": (
            "This playbook breaks the customer's journey into stages. Each stage has a "
            "checklist for the team to tick off and questions to discuss in a workshop."
        ),
    },
    "stages": {"sv": "Steg", "nb": "Steg", "en": "Stages"},
    "stage_count": {"sv": "steg", "nb": "steg", "en": "stages"},
    "checklist": {"sv": "Checklista", "nb": "Sjekkliste", "en": "Checklist"},
    "prompts": {
        "sv": "Frågor att diskutera",
        "nb": "Spørsmål å diskutere",
        "en": "Questions to discuss",
    },
    "stage_links": {"sv": "Resans steg", "nb": "Reisens steg", "en": "Along the journey"},
    "previous": {"sv": "Föregående steg", "nb": "Forrige steg", "en": "Previous stage"},
    "next": {"sv": "Nästa steg", "nb": "Neste steg", "en": "Next stage"},
    "loop_back": {
        "sv": "Resan börjar om",
        "nb": "Reisen begynner på nytt",
        "en": "The journey starts again",
    },
    "first_stage": {
        "sv": "Det här är resans första steg.",
        "nb": "Dette er det første steget på reisen.",
        "en": "This is the first stage of the journey.",
    },
    "last_stage": {
        "sv": "Det här är resans sista steg.",
        "nb": "Dette er det siste steget på reisen.",
        "en": "This is the last stage of the journey.",
    },
    "part_of": {"sv": "Del av", "nb": "Del av", "en": "Part of"},
    "cyclic_note": {
        "sv": "Resan tar aldrig slut: efter sista steget börjar den om från början.",
        "nb": "Reisen tar aldri slutt: etter siste steg begynner den på nytt.",
        "en": "This journey never ends: after the last stage it starts again from the first.",
    },
    "progress": {
        "sv": "{done} av {total} klara",
        "nb": "{done} av {total} fullført",
        "en": "{done} of {total} done",
    },
    "progress_label": {"sv": "Framsteg", "nb": "Fremdrift", "en": "Progress"},
    "reset_stage": {"sv": "Nollställ steget", "nb": "Nullstill steget", "en": "Reset this stage"},
    "export_stage": {
        "sv": "Exportera som Markdown",
        "nb": "Eksporter som Markdown",
        "en": "Export as Markdown",
    },
    "export_progress": {
        "sv": "Exportera framsteg (JSON)",
        "nb": "Eksporter fremdrift (JSON)",
        "en": "Export progress (JSON)",
    },
    "import_progress": {
        "sv": "Importera framsteg",
        "nb": "Importer fremdrift",
        "en": "Import progress",
    },
    "import_done": {
        "sv": "Framstegen är importerade.",
        "nb": "Fremdriften er importert.",
        "en": "Progress imported.",
    },
    "import_failed": {
        "sv": "Filen kunde inte läsas som exporterade framsteg.",
        "nb": "Filen kunne ikke leses som eksportert fremdrift.",
        "en": "The file could not be read as exported progress.",
    },
    "progress_tools": {
        "sv": "Teamets framsteg",
        "nb": "Teamets fremdrift",
        "en": "Your team's progress",
    },
    "progress_note": {
        "sv": "Bockar och svar sparas bara i den här webbläsaren. Exportera dem för att dela med en kollega.",
        "nb": "Avkrysninger og svar lagres bare i denne nettleseren. Eksporter dem for å dele med en kollega.",
        "en": "Ticks and answers are saved in this browser only. Export them to share with a colleague.",
    },
    "storage_unavailable": {
        "sv": "Webbläsaren tillåter inte lagring, så framstegen sparas inte när du lämnar sidan.",
        "nb": "Nettleseren tillater ikke lagring, så fremdriften lagres ikke når du forlater siden.",
        "en": "This browser does not allow storage, so progress is not kept when you leave the page.",
    },
    "answer_placeholder": {
        "sv": "Skriv teamets svar här …",
        "nb": "Skriv teamets svar her …",
        "en": "Write your team's answer here …",
    },
    "answer_label": {"sv": "Svar", "nb": "Svar", "en": "Answer"},
    "print_version": {
        "sv": "Utskriftsversion av hela resan",
        "nb": "Utskriftsversjon av hele reisen",
        "en": "Printable version of the whole journey",
    },
    "print_title": {"sv": "Utskrift", "nb": "Utskrift", "en": "Print"},
    "journey_map": {"sv": "Karta över resan", "nb": "Kart over reisen", "en": "Journey map"},
    "journey_map_linear": {
        "sv": "{count} steg i ordning, från {first} till {last}.",
        "nb": "{count} steg i rekkefølge, fra {first} til {last}.",
        "en": "{count} stages in order, from {first} to {last}.",
    },
    "journey_map_cyclic": {
        "sv": "{count} steg i en slinga: efter {last} börjar resan om vid {target}.",
        "nb": "{count} steg i en sløyfe: etter {last} begynner reisen på nytt ved {target}.",
        "en": "{count} stages in a loop: after {last} the journey starts again at {target}.",
    },
    "downloads": {
        "sv": "Ladda ner checklistor och frågor",
        "nb": "Last ned sjekklister og spørsmål",
        "en": "Download checklists and questions",
    },
    "downloads_text": {
        "sv": "För kalkylark och ärendesystem, en rad per punkt:",
        "nb": "For regneark og saksbehandlingssystemer, én rad per punkt:",
        "en": "For spreadsheets and trackers, one row per item:",
    },
    "before_you_start": {
        "sv": "Innan ni börjar",
        "nb": "Før dere begynner",
        "en": "Before you start",
    },
    "metrics": {"sv": "Förslag på mått", "nb": "Forslag til måltall", "en": "Suggested metrics"},
    "suggestion": {"sv": "förslag", "nb": "forslag", "en": "suggestion"},
    "applies_to": {"sv": "Visas i stegen", "nb": "Vises i stegene", "en": "Shown on the stages"},
    "shared_checklist_note": {
        "sv": "Samma punkter visas i flera steg; en bock här syns överallt.",
        "nb": "De samme punktene vises i flere steg; en avkrysning her vises overalt.",
        "en": "The same points appear on several stages; a tick here shows everywhere.",
    },
    "comparison": {
        "sv": "Modellerna jämförda",
        "nb": "Modellene sammenlignet",
        "en": "How the models compare",
    },
    "comparison_intro": {
        "sv": "Varje rad är ett steg i den första resan; kolumnerna visar vilka steg i de andra modellerna som motsvarar det.",
        "nb": "Hver rad er et steg i den første reisen; kolonnene viser hvilke steg i de andre modellene som svarer til det.",
        "en": "Each row is a stage of the first journey; the columns show which stages of the other models match it.",
    },
    "terms_here": {"sv": "Begrepp på sidan", "nb": "Begreper på siden", "en": "Terms on this page"},
    "model_source": {
        "sv": "Modellen kommer från",
        "nb": "Modellen kommer fra",
        "en": "The model comes from",
    },
    "facts": {"sv": "Fakta", "nb": "Fakta", "en": "Facts"},
    "fact": {"sv": "Fakta", "nb": "Fakta", "en": "Fact"},
    "source": {"sv": "Källa", "nb": "Kilde", "en": "Source"},
    "caveat": {"sv": "Förbehåll", "nb": "Forbehold", "en": "Caveat"},
    "glossary": {"sv": "Ordlista", "nb": "Ordliste", "en": "Glossary"},
    "glossary_intro": {
        "sv": "Begreppen som playbooken använder, och skillnaderna mellan dem.",
        "nb": "Begrepene playbooken bruker, og forskjellene mellom dem.",
        "en": "The terms this playbook uses, and how they differ.",
    },
    "sources": {"sv": "Källor", "nb": "Kilder", "en": "Sources"},
    "sources_intro": {
        "sv": "Texterna som playbookens fakta och begrepp bygger på. Ingen mening är kopierad från dem.",
        "nb": "Tekstene som playbookens fakta og begreper bygger på. Ingen setning er kopiert fra dem.",
        "en": "The texts this playbook's facts and terms rest on. No sentence is copied from them.",
    },
    "source_language": {"sv": "Språk", "nb": "Språk", "en": "Language"},
    "source_url": {"sv": "Webbadress", "nb": "Nettadresse", "en": "Web address"},
    "used_for": {"sv": "Används för", "nb": "Brukes for", "en": "Used for"},
    "not_found_title": {
        "sv": "Sidan finns inte",
        "nb": "Siden finnes ikke",
        "en": "Page not found",
    },
    "not_found_text": {
        "sv": "Adressen kan vara felstavad, eller så har sidan flyttats.",
        "nb": "Adressen kan være feilstavet, eller siden kan ha blitt flyttet.",
        "en": "The address may be misspelt, or the page may have moved.",
    },
    "not_found_home": {
        "sv": "Till startsidan",
        "nb": "Til forsiden",
        "en": "Go to the home page",
    },
    # Spreadsheet files: column headings and values, in the file's language
    # (generator/spreadsheet.py reads headings back in any of them).
    "csv_path": {"sv": "sökväg", "nb": "sti", "en": "path"},
    "csv_language": {"sv": "språk", "nb": "språk", "en": "language"},
    "csv_source": {"sv": "källtext", "nb": "kildetekst", "en": "source"},
    "csv_translation": {"sv": "översättning", "nb": "oversettelse", "en": "translation"},
    "csv_journey_id": {"sv": "resa-id", "nb": "reise-id", "en": "journey_id"},
    "csv_journey": {"sv": "resa", "nb": "reise", "en": "journey"},
    "csv_stage_id": {"sv": "steg-id", "nb": "steg-id", "en": "stage_id"},
    "csv_stage": {"sv": "steg", "nb": "steg", "en": "stage"},
    "csv_kind": {"sv": "typ", "nb": "type", "en": "kind"},
    "csv_item_id": {"sv": "punkt-id", "nb": "punkt-id", "en": "item_id"},
    "csv_text": {"sv": "text", "nb": "tekst", "en": "text"},
    "csv_checklist": {"sv": "checklista", "nb": "sjekkliste", "en": "checklist"},
    "csv_prompt": {"sv": "fråga", "nb": "spørsmål", "en": "prompt"},
    "csv_shared": {
        "sv": "Gemensamma checklistor",
        "nb": "Felles sjekklister",
        "en": "Shared checklists",
    },
    "not_translated": {
        "sv": "Den här texten är inte översatt till svenska än. Den visas på {language}.",
        "nb": "Denne teksten er ikke oversatt til norsk ennå. Den vises på {language}.",
        "en": "This text has not been translated into English yet. It is shown in {language}.",
    },
}


def ui(key: str, language: str) -> str:
    """Interface text ``key`` in ``language``."""
    return UI_TEXT[key][language]


def language_in(language: str, reader_language: str) -> str:
    """The name of ``language`` as written in ``reader_language`` (e.g. 'norska')."""
    return LANGUAGE_NAME_IN[reader_language][language]
