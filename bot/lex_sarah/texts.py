"""Every Swedish text of the lex Sarah feature, in one place."""

from __future__ import annotations

ASSESSMENTS = {
    "allvarligt": "Allvarligt missförhållande",
    "risk_allvarligt": "Påtaglig risk för allvarligt missförhållande",
    "missforhallande": "Missförhållande",
    "risk": "Påtaglig risk för missförhållande",
    "inget": "Inget missförhållande",
}
SERIOUS = frozenset({"allvarligt", "risk_allvarligt"})
STATUS = {"mottagen": "Mottagen, väntar på utredare", "under_utredning": "Under utredning",
          "ställningstagande": "Ställningstagande gjort", "beslutad": "Beslutad",
          "anmäld_ivo": "Anmäld till IVO", "åtgärder": "Åtgärder pågår", "uppföljning": "Uppföljning",
          "avslutad": "Avslutad"}

FORM_NEW_TITLE = "Rapportera lex Sarah"
FORM_NEW_SUBMIT = "Skicka"
FORM_NEW_INTRO = (
    "Rapportera genast ett missförhållande eller en påtaglig risk för ett missförhållande. Skriv aldrig "
    "namn eller personnummer; hänvisa till diarienummer. Rapporten ses bara av lex Sarah-ansvariga, "
    "verksamhetschefen och den som utreder."
)
LABEL_EVENT_DATE = "När hände det?"
LABEL_NOTICED_DATE = "När upptäcktes det?"
LABEL_UNIT = "Verksamhet"
LABEL_WHAT = "Vad har hänt, eller vad är risken?"
LABEL_CONSEQUENCE = "Vilka konsekvenser fick det, eller kunde det få, för den enskilde?"
LABEL_IMMEDIATE = "Vad har gjorts direkt?"
LABEL_CASE_REF = "Ärendereferens"

FORM_INV_TITLE = "Utredning lex Sarah"
LABEL_CAUSES = "Orsaker"
LABEL_BEFORE = "Har liknande hänt tidigare? Varför igen?"
LABEL_RECUR = "Kan det hända igen?"
LABEL_MEASURES = "Åtgärder (vad, vem, när)"
LABEL_ASSESSMENT = "Bedömning (ställningstagande)"
LABEL_MOTIVATION = "Motivering"
FORM_INV_SUBMIT = "Spara"

FORM_IVO_TITLE = "Anmälan till IVO"
LABEL_IVO_DATE = "Datum då anmälan skickades"
FORM_IVO_SUBMIT = "Registrera"

ERR_NOT_FOUND = "Det finns ingen lex Sarah-rapport med nummer {number}."
ERR_BAD_NUMBER = "Ange ett nummer, t.ex. LXS-2026-0007."
ERR_NO_ACCESS = "Du har inte behörighet till {number}. Lex Sarah-rapporter visas bara för dem som måste se dem."
ERR_NOT_RESPONSIBLE = "Bara lex Sarah-ansvariga kan utreda rapporter."
ERR_TAKEN = "{number} utreds redan av {name}."
ERR_NOT_INVESTIGATOR = "Bara den som utreder {number} ({name}) kan göra det."
ERR_CLOSED = "{number} är avslutad."
ERR_NOT_ASSESSED = "Utredningen måste ha en bedömning innan den avslutas."
ERR_IVO_MISSING = "{number} är bedömd som allvarlig och måste anmälas till IVO innan den avslutas."
ERR_IVO_NOT_SERIOUS = "{number} är inte bedömd som allvarlig; ingen anmälan till IVO behövs."
ERR_NOTICED_BEFORE_EVENT = "Upptäckten kan inte ligga före händelsen."
ERR_FUTURE = "Datumet kan inte ligga i framtiden."
ERR_ASSESS_NEEDS = "Fyll i fältet när du gör en bedömning."

RECEIPT_HEADER = "Tack! Lex Sarah-rapporten är mottagen"
RECEIPT_TEXT = "{number} är registrerad och lex Sarah-ansvariga har fått den. Du får besked när den är utredd."
NEW_HEADER = "Ny lex Sarah-rapport"
NEW_TEXT = "{number} ({unit}), händelse {event}. Utred genast; lokalt mål {due}."
TAKEN = "Du utreder nu {number}."
SAVED = "Utredningen av {number} är sparad."
ASSESSED_SERIOUS = "{number} är bedömd som {assessment}. Anmäl snarast till IVO och bifoga utredningen."
IVO_HEADER = "Anmäl till IVO snarast"
IVO_REGISTERED = "Anmälan till IVO för {number} är registrerad, skickad {date}."
CLOSED = "{number} är avslutad. Den som rapporterade får besked."
DONE_HEADER = "Din lex Sarah-rapport är utredd"
DONE_TEXT = "{number} är utredd och avslutad. Tryck Visa för att se utfallet."
IVO_REMINDER_TEXT = "{number} är bedömd och ska anmälas till IVO snarast. Bifoga utredningen."
REPORTER_VIEW_NOTE = (
    "Du rapporterade händelsen och ser därför läget och utfallet. Utredningen och bedömningens "
    "motivering ser bara de som utreder och ansvarar för lex Sarah."
)

BTN_OPEN = "Visa"
BTN_TAKE = "Ta utredningen"
BTN_INVESTIGATE = "Utredning"
BTN_IVO = "Registrera IVO-anmälan"
BTN_CLOSE = "Avsluta"

LIST_HEADER = "Lex Sarah"
LIST_OPEN = "Öppna rapporter"
LIST_MINE = "Rapporterade av dig"
LIST_EMPTY = "Inget här just nu."

HELP = """Lex Sarah i Lotsen:
  /lexsarah                        rapportera ett missförhållande eller en påtaglig risk
  /lexsarah triage                 några frågor som föreslår om en händelse hör till lex Sarah
  /lexsarah lista                  dina rapporter; öppna rapporter för lex Sarah-ansvariga och verksamhetschef
  /lexsarah visa LXS-2026-0001     visa en rapport (bara för dem som måste se den)
Dokument för nämnden och IVO: lotsen lexsarah dokument LXS-2026-0001 --format docx --som DITT-ID
Är det en avvikelse snarare än ett missförhållande? Använd /avvikelse."""

# --- the whole workflow (issue 12) ------------------------------------------------------------------

STEP_NAMES = {
    "mottagen": "Mottagen", "under_utredning": "Utredning startad", "ställningstagande": "Ställningstagande",
    "beslutad": "Beslut", "anmäld_ivo": "Anmäld till IVO", "åtgärder": "Åtgärder",
    "uppföljning": "Uppföljning", "avslutad": "Avslutad",
}
DECISION_BY = {"namnd": "Socialnämnden", "utskott": "Utskott", "delegat": "Delegat"}
LOCAL_TARGET = "lokalt mål"
LABEL_LOCAL_TARGET = "Utredningen"

LABEL_NOTICED_HOW = "När och hur uppmärksammades det?"
LABEL_OTHER = "Övrigt som kom fram i utredningen"
LABEL_SOURCES = "Källor: var uppgifterna kommer ifrån"
HINT_SOURCES = "Till exempel aktgranskning, intervju med handläggare, teamledare. Skilj fakta från bedömning."
ERR_NOT_STARTED = (
    "Utredningen av {number} har inte startats. Ta utredningen först; ett ställningstagande kräver en utredning."
)

FORM_DECISION_TITLE = "Beslut lex Sarah"
FORM_DECISION_SUBMIT = "Registrera"
LABEL_DECISION_BY = "Beslutat av"
LABEL_DECISION_BY_NAME = "Nämndens, utskottets eller delegatens namn och titel"
LABEL_DECISION_DATE = "Beslutsdatum"
ERR_DECIDED = "{number} är redan beslutad; utredningen och ställningstagandet kan inte ändras."
ERR_DECISION_STATE = "{number} kan få ett beslut först när utredningen har ett ställningstagande."
ERR_DECISION_BEFORE_START = "Beslutet kan inte ligga före utredningens start ({start})."
DECISION_REGISTERED = "Beslutet för {number} är registrerat ({by}, {date})."

LABEL_IVO_REFERENCE = "IVO:s diarienummer"
HINT_IVO = "Lotsen skickar ingenting till IVO: anmälan görs i IVO:s e-tjänst. Här registreras datum och IVO:s nummer."
ERR_IVO_BEFORE_DECISION = "IVO-datumet kan inte ligga före beslutet ({decided})."
ERR_IVO_NO_DECISION = "Registrera beslutet om {number} innan anmälan till IVO registreras."

FORM_MEASURE_TITLE = "Åtgärd i handlingsplanen"
FORM_MEASURE_SUBMIT = "Lägg till"
LABEL_MEASURE = "Åtgärd/aktivitet"
LABEL_RESPONSIBLE = "Ansvarig"
LABEL_PLANNED = "Planerat klart"
LABEL_FOLLOW_UP_DATE = "Uppföljning (datum)"
HINT_MEASURE = "Arbetsrättsliga åtgärder hör inte hit. Skriv aldrig namn eller personnummer på en enskild."
ERR_RESPONSIBLE_MISSING = "Ange vem som är ansvarig (namn, e-post eller id för en person i organisationen)."
ERR_RESPONSIBLE_UNKNOWN = "Ingen aktiv person i organisationen matchar. Ange namn, e-post eller id."
ERR_PAST_DATE = "Datumet har redan passerat. Ange ett datum från och med i dag."
ERR_FOLLOW_UP_BEFORE_PLANNED = "Uppföljningen kan inte ligga före planerat klart-datum."
ERR_MEASURE_STATE = "Handlingsplanen för {number} fylls i när ställningstagandet är gjort och innan ärendet avslutas."
MEASURE_ADDED = "Åtgärd {position} i handlingsplanen för {number} är tillagd. Ansvarig: {who}, planerat klart {due}."
ERR_MEASURE_NOT_FOUND = "Åtgärden finns inte."
ERR_MEASURE_NOT_YOURS = "Bara den ansvariga för åtgärden, utredaren eller lex Sarah-ansvariga kan göra det."
ERR_MEASURE_DONE = "Åtgärden är redan avslutad."
ERR_FOLLOW_UP_NOT_DUE = "Åtgärden har ingen uppföljning som väntar."
ERR_SAME_RESPONSIBLE = "Personen är redan ansvarig för åtgärden."

FORM_FOLLOW_UP_TITLE = "Uppföljning av åtgärd"
FORM_FOLLOW_UP_SUBMIT = "Spara"
LABEL_FOLLOW_UP_RESULT = "Resultat av uppföljningen"
FORM_PASS_TITLE = "Lämna över åtgärd"
FORM_PASS_SUBMIT = "Lämna över"
LABEL_PASS_TO = "Ny ansvarig"

MEASURE_DONE = "Åtgärd {position} i {number} är klar ({date})."
FOLLOW_UP_SAVED = "Uppföljningen av åtgärd {position} i {number} är sparad."
MEASURE_SNOOZED = "Påminnelsen om åtgärd {position} i {number} kommer igen {date}."
MEASURE_PASSED = "Åtgärd {position} i {number} är överlämnad till {who}."

REMINDER_HEADER = "Åtgärd i handlingsplan (lex Sarah)"
REMINDER_PLANNED = "Du är ansvarig för åtgärd {position} i handlingsplanen för {number}: planerat klart {due}."
REMINDER_FOLLOW_UP = "Åtgärd {position} i handlingsplanen för {number} ska följas upp {due}."
ESCALATION_HEADER = "Påminnelse utan svar (lex Sarah)"
ESCALATION_TEXT = (
    "Åtgärd {position} i handlingsplanen för {number} ({unit}): {owner} har inte svarat på påminnelsen "
    "(datum {due})."
)
BTN_MEASURE_OPEN = "Visa åtgärden"
BTN_MEASURE_DONE = "Klar"
BTN_FOLLOW_UP_DONE = "Uppföljning gjord"
BTN_SNOOZE = "Påminn om en vecka"
BTN_PASS = "Lämna över"
BTN_DECISION = "Registrera beslut"
BTN_MEASURE_ADD = "Lägg till åtgärd"
BTN_CONFIRM_CLOSE = "Ja, avsluta"
BTN_CONVERT = "Gör till lex Sarah-rapport"
CONFIRM_CLOSE = (
    "Vill du avsluta {number}? Den som rapporterade får besked om utfallet, och rapporten kan sedan inte ändras."
)
ERR_CLOSE_OPEN_MEASURES = "{number} har åtgärder som inte är klara eller uppföljda: {positions}."
ERR_CLOSE_NO_DECISION = "{number} saknar beslut. Registrera beslutet innan ärendet avslutas."
ERR_NOT_MANAGER = "Bara utredaren eller lex Sarah-ansvariga kan göra det med {number}."

STATE_ONLY_NOTE = "Du ser status och utfall för din rapport. Utredningen ses bara av dem som utreder och beslutar."

LIST_WAITS = "Väntar på"
LIST_DAYS = "{days} dagar sedan rapporten"
WAITS_RESPONSIBLE = "lex Sarah-ansvariga (ta utredningen)"
WAITS_INVESTIGATOR = "{who}: utredning och ställningstagande"
WAITS_DECISION = "{who}: beslut (nämnd, utskott eller delegat)"
WAITS_IVO = "{who}: anmälan till IVO snarast"
WAITS_PLAN = "{who}: handlingsplan"
WAITS_MEASURES = "ansvariga för åtgärder: {who}"
WAITS_CLOSE = "{who}: avsluta"
WAITS_NOTHING = "inget"

# --- triage -----------------------------------------------------------------------------------------
SUGGESTIONS = {"ja": "Ja, troligen lex Sarah", "osaker": "Osäker, behöver bedömas", "nej": "Nej, troligen inte"}
FORM_TRIAGE_TITLE = "Lex Sarah-triage"
FORM_TRIAGE_SUBMIT = "Bedöm"
FORM_TRIAGE_INTRO = (
    "Några frågor om händelsen, värderade i riskmatrisen (konsekvens × sannolikhet). Svaret är ett förslag; "
    "lex Sarah-ansvariga bedömer. Skriv ingen fritext om den enskilde."
)
LABEL_TRIAGE_UNIT = "Verksamhet"
TRIAGE_RESULT_HEADER = "Förslag: {suggestion}"
TRIAGE_RESULT = "Konsekvens {consequence} × sannolikhet {probability} = {score}. Förslag: {suggestion}."
TRIAGE_TOLD = "Lex Sarah-ansvariga har fått veta att triagen föreslår {suggestion}."
TRIAGE_ADVICE = "Rapportera genast med /lexsarah om du ser ett missförhållande eller en påtaglig risk."
TRIAGE_NOTICE_HEADER = "Lex Sarah-triage: {suggestion}"
TRIAGE_NOTICE = "En lex Sarah-triage ({unit}) av {who} föreslår: {suggestion}. Ingen rapport är gjord ännu."
TRIAGE_NOTICE_AVV = "Triagen för avvikelse {number} ({unit}) föreslår: {suggestion}. Bedöm om den hör till lex Sarah."
TRIAGE_SECTION = "*Lex Sarah-triage* ({when}): {result}"
ERR_TRIAGE_EMPTY = "Svara på frågorna för att få ett förslag."

CONVERTED = "{avvikelse} är nu lex Sarah-rapport {number}; båda visar kopplingen."
ERR_ALREADY_CONVERTED = "{avvikelse} är redan lex Sarah-rapport {number}."
ERR_NOT_CONVERTER = "Bara utredande chef eller lex Sarah-ansvariga kan göra en avvikelse till en lex Sarah-rapport."
LINKED_AVVIKELSE = "Från avvikelse"

DOC_TITLE = "Utredning enligt lex Sarah"
DOC_SUBTITLE = "Underlag för nämnden och bilaga till anmälan i IVO:s e-tjänst"
DOC_STEPS = "Handläggningens steg"
DOC_POSITION = "Ställningstagande"
DOC_INVESTIGATION = "Utredning (SOSFS 2011:5, 5 kap.)"
DOC_PLAN = "Handlingsplan"
DOC_PLAN_HEADERS = ("Åtgärd", "Ansvarig", "Planerat klart", "Uppföljning", "Avslut")
DOC_NO_PLAN = "Ingen åtgärd är registrerad."
DOC_WRITTEN = "Dokumentet för {number} är skrivet till {path}."
ERR_DOC_FORMAT = "Formatet '{fmt}' stöds inte. Använd --format docx."
