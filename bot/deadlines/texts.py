"""Every Swedish string of the deadline rules: date formats, explanation steps and error messages.

Kept apart from the arithmetic so wording can be reviewed (by a jurist or a caseworker) in one place.
"""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# Reasons is_excluded_day gives for ordinary weekend days and the three eves of 1930:173 2 §.
SATURDAY = "lördag"
SUNDAY = "söndag"
MIDSOMMARAFTON = "midsommarafton"
JULAFTON = "julafton"
NYARSAFTON = "nyårsafton"

UNIT_SINGULAR = {"dagar": "dag", "veckor": "vecka", "månader": "månad"}


def short(d: date, *, year: bool = False) -> str:
    """`tors 24 dec`, or `tors 24 dec 2026` with year=True."""
    text = f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def ordinal(n: int) -> str:
    """Swedish ordinal with colon: 1:a, 2:a, 3:e, 11:e, 21:a, 29:e, 31:a."""
    return f"{n}:a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else f"{n}:e"


def length_text(length: int, unit: str) -> str:
    """`14 dagar`, `1 vecka`, `4 månader`, `genast`."""
    if unit == "genast":
        return "genast"
    return f"{length} {UNIT_SINGULAR[unit] if length == 1 else unit}"


# --- summary parts (one line, joined with " → ") ------------------------------------------------

SUMMARY_GENAST = "genast: samma dag, {start}; flyttas aldrig"
SUMMARY_FROM = "{length} från {start}"
SUMMARY_MOVED = "sista dag {due} enligt lag (1930:173)"
SUMMARY_LOCAL = "lokalt mål, flyttas inte"
SUMMARY_IN_FORCE = "obs: fristen gäller från {in_force}"
SUMMARY_NOT_MOVED = "flyttas inte ({reason}; lag 1930:173 tillämpas inte på denna frist)"
NOTE_MONTH_END = "månadens sista dag"

# --- detailed steps ---------------------------------------------------------------------------

STEP_START = "Fristen räknas från {start} ({counts_from})."
STEP_START_PLAIN = "Fristen räknas från {start}."
STEP_GENAST = (
    "Genast: åtgärden ska vidtas samma dag, {start}. En genast-frist flyttas aldrig, inte heller till "
    "nästa vardag; på kvällar och helger gör socialjouren den."
)
STEP_DAYS = "{length} från {start}, där startdagen är dag 0: {end}."
STEP_WEEKS = "{length} från {start}, samma veckodag (räknat som i lag (1930:173) 1 §): {end}."
STEP_MONTHS_SAME = "{length} från {start}, samma datum (räknat som i lag (1930:173) 1 §): {end}."
STEP_MONTHS_CLAMPED = (
    "{length} från {start}: {month_name} {year} har ingen {day}, så fristen slutar på månadens sista "
    "dag (lag (1930:173) 1 §): {end}."
)
STEP_STATUTORY_WORKING = "{end} är en vardag; fristen flyttas inte."
STEP_EXCLUDED = "{end} är {reason}; enligt lag (1930:173) 2 § får åtgärden vidtas nästa vardag."
STEP_SKIPPED = "Dagar som hoppas över: {days}."
STEP_MOVED = "Sista dag: {due} enligt lag (1930:173)."
STEP_LOCAL = "Lokalt mål, inte lag: lag (1930:173) gäller inte och sista dagen flyttas inte{reason}."
STEP_NOT_APPLIED = (
    "{end} är {reason}, men lag (1930:173) tillämpas inte på denna frist, så den flyttas inte."
)
STEP_IN_FORCE = "Obs: fristen gäller från {in_force}; för ett startdatum före dess fanns den inte i lag."

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

# --- errors -----------------------------------------------------------------------------------

ERR_UNKNOWN_KIND = "Okänd typ av frist: '{name}'.{hint} Giltiga typer: {valid}."
ERR_UNKNOWN_KIND_HINT = " Menade du '{suggestion}'?"
ERR_START_TOO_EARLY = "Startdatum {start} är för tidigt; Lotsen räknar bara frister från 2000-01-01."
ERR_START_TOO_LATE = "Startdatum {start} ligger orimligt långt fram; sista tillåtna startdatum är {max}."
ERR_RULES_UNREADABLE = "Kan inte läsa regelfilen {path}: {reason}"
ERR_RULES_NOT_YAML = "Regelfilen {path} är inte giltig YAML: {reason}"
ERR_RULES_INVALID = "Regelfilen {path} har fel: {problems}"

# Pydantic error types → Swedish; anything else falls back to pydantic's own message.
VALIDATION_MESSAGES = {
    "missing": "saknas",
    "extra_forbidden": "okänt fält (stavfel?)",
    "enum": "måste vara en av: dagar, veckor, månader, genast",
    "int_parsing": "måste vara ett heltal",
    "int_type": "måste vara ett heltal",
    "int_from_float": "måste vara ett heltal",
    "bool_parsing": "måste vara true eller false",
    "bool_type": "måste vara true eller false",
    "string_type": "måste vara text",
    "string_pattern_mismatch": "får bara innehålla a–z, 0–9 och _",
    "string_too_short": "får inte vara tomt",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "list_type": "måste vara en lista",
    "too_short": "måste innehålla minst en regel",
    "dict_type": "måste vara en mappning (nyckel: värde)",
    "model_type": "måste vara en mappning med nyckeln 'rules'",
    "date_from_datetime_parsing": "måste vara ett datum ÅÅÅÅ-MM-DD",
    "date_parsing": "måste vara ett datum ÅÅÅÅ-MM-DD",
    "date_type": "måste vara ett datum ÅÅÅÅ-MM-DD",
}
