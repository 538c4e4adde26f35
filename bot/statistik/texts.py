"""Swedish texts for statistics and reports (one place, consistent terms)."""

from __future__ import annotations

ERR_PERIOD = (
    "Ogiltig period: '{raw}'. Skriv ett år (2026), ett tertial (2026T2), ett halvår (2026H1) "
    "eller ett datumintervall (2026-03-01..2026-06-30)."
)
ERR_PERIOD_ORDER = "Ogiltig period: startdatumet {start} ligger efter slutdatumet {end}."
ERR_PERIOD_YEAR = "Ogiltig period: året måste ligga mellan {low} och {high}."
ERR_UNKNOWN_UNIT = "Enheten '{code}' finns inte. Se enheterna i organisationsfilen (lotsen org import)."
ERR_FORMAT = "Okänt format '{fmt}'. Välj xlsx, csv, png eller docx."
ERR_NO_ACCESS = (
    "Statistik visas för enhetschefer (sina enheter), verksamhetschefer (sitt område) och kvalitetsenheten."
)
ERR_UNIT_NOT_YOURS = "Du kan bara se statistik för dina egna enheter. Skriv /statistik utan enhet."
ERR_TARGET = "Målet för {kind} måste vara en procentsats mellan 0 och 100 (nu {value})."

SUPPRESSED = "<3"
TOO_FEW = "för få"  # a share or median over fewer than 3 cases ("<3" would read as "under 3 days")
NOT_AVAILABLE = "–"

KIND_PERIOD = {"year": "år", "tertial": "tertial", "half": "halvår", "range": "period"}

REPORT_TITLE = "Avvikelser, lex Sarah och frister"
ALL_UNITS = "Alla enheter"
UNKNOWN_UNIT = "Okänd enhet"

# Column headers (also the Excel headers).
COL_UNIT = "Enhet"
COL_COUNT = "Antal"
COL_CATEGORY = "Kategori"
COL_TYPE = "Typ"
COL_ORIGIN = "Ursprung"
COL_STATE = "Status"
COL_ASSESSMENT = "Ställningstagande"
COL_KIND = "Fristtyp"
COL_PERIOD = "Period"
COL_MEASURE = "Mått"
COL_VALUE = "Värde"
COL_MET = "Inom fristen"
COL_EXTENDED = "Förlängd med skäl"
COL_LATE = "För sen"
COL_ONGOING = "Pågående"
COL_SHARE_MET = "Andel inom fristen (%)"
COL_SHARE_EXTENDED = "Andel förlängd (%)"
COL_SHARE_LATE = "Andel för sen (%)"
COL_MEDIAN_DAYS = "Median dagar"
COL_TARGET = "Mål (%)"
COL_THIS = "Denna period"
COL_PREV = "Föregående period"
COL_LAST_YEAR = "Samma period i fjol"

SUBJECTS = {"personarende": "Personärende", "personärende": "Personärende", "organisatorisk": "Organisatorisk"}
ORIGINS = {"intern": "Intern", "extern_utgaende": "Extern", "extern_inkommande": "Extern", "extern": "Extern"}
AVV_STATES = {"mottagen": "Mottagen", "under_utredning": "Under utredning", "avslutad": "Avslutad"}
NOT_ASSESSED = "Ej bedömd ännu"
KINDS_FALLBACK = {"forhandsbedomning": "Förhandsbedömning", "utredning": "Utredning"}

# Key-figure labels (tables, text and chat).
M_AVV_TOTAL = "Avvikelser"
M_AVV_WITHIN = "Utredda inom målet, 6 veckor (%)"
M_AVV_FEEDBACK = "Återkoppling given (%)"
M_AVV_MEDIAN = "Median dagar till avslut"
M_LXS_TOTAL = "Lex Sarah-rapporter"
M_LXS_TO_DECISION = "Median dagar till ställningstagande"
M_LXS_TO_IVO = "Median dagar till anmälan till IVO"
M_LXS_IVO = "Anmälda till IVO"
M_FHB_MET = "Förhandsbedömningar inom fristen (%)"
M_UTR_MET = "Utredningar inom fristen (%)"

SEC_SUMMARY = "Sammanfattning"
SEC_AVV = "Avvikelser"
SEC_LXS = "Lex Sarah"
SEC_FRISTER = "Frister i ärenden"
SEC_TREND = "Utveckling över tid"

T_AVV_UNIT = "Avvikelser per enhet"
T_AVV_CATEGORY = "Avvikelser per kategori"
T_AVV_TYPE = "Avvikelser per typ"
T_AVV_ORIGIN = "Avvikelser per ursprung"
T_AVV_STATE = "Avvikelser per status"
T_LXS = "Lex Sarah per ställningstagande"
T_FRIST_KIND = "Frister per fristtyp"
T_FRIST_UNIT = "Frister per fristtyp och enhet"
T_TREND = "Per tertial"
T_COMPARE = "Jämförelse"
T_SUMMARY = "Nyckeltal"

TEXT_SUMMARY = (
    "Rapporten gäller {period} ({start} – {end}), {scope}. Antal under 3 visas som <3 så att ingen "
    "enskild kan pekas ut; andelar och medianer på färre än 3 ärenden visas som \"för få\"."
)
TEXT_AVV = (
    "{total} avvikelser rapporterades under perioden. Andel utredda inom sex veckor, av dem som avslutats eller "
    "passerat målet: {within}. Andel avslutade med återkoppling: {feedback}. Median till avslut: {median}."
)
TEXT_LXS = (
    "{total} lex Sarah-rapporter kom in. Median från rapport till ställningstagande: {to_decision}; "
    "{ivo} anmäldes till IVO, median från rapport till anmälan: {to_ivo}."
)
TEXT_TOO_FEW = "visas inte (färre än 3 ärenden)"
TEXT_LXS_MISSING = "Uppgiften {field} finns inte i den här versionen av lex Sarah-flödet och redovisas inte."
TEXT_FRISTER = (
    "Frister räknas till perioden efter sista dag enligt lag. Inom fristen: beslut senast sista dagen. "
    "Förlängd: beslut inom en förlängning med dokumenterat skäl. För sen: beslut efter fristen, eller "
    "inget beslut trots att fristen passerat. Pågående frister ingår inte i andelarna. {lines}"
)
TEXT_FRIST_LINE = "{kind}: andel inom fristen {met}, mål {target} %."
TEXT_TREND = (
    "Tabellen visar samma nyckeltal per tertial från samma period föregående år, och jämför perioden "
    "med föregående period och samma period i fjol."
)

CHART_UNITS = "Avvikelser per enhet"
CHART_TREND = "Avvikelser och lex Sarah per tertial"
CHART_COMPLIANCE = "Andel inom fristen mot målet"
CHART_TREND_COMPLIANCE = "Andel inom fristen per tertial"
CHART_TARGET = "Mål"

CHAT_HEADER = "Statistik {period}"
CHAT_SCOPE = "Omfattning: {scope}"
CHAT_PNG = (
    "Diagram och hela rapporten: lotsen rapport --period {period}{unit} --format png (eller docx, xlsx). "
    "Alla tal under 3 visas som <3."
)
CHAT_HELP = """Statistik i Lotsen:
  /statistik                  nyckeltal för innevarande tertial (dina enheter)
  /statistik 2026T1           ett tertial; också 2026, 2026H1 eller 2026-03-01..2026-06-30
  /statistik 2026T1 MOTT      en av dina enheter
Bara antal och andelar visas; tal under 3 visas som <3."""
