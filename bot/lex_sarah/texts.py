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
          "bedömd": "Bedömd", "avslutad": "Avslutad"}

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
DONE_TEXT = "{number} är utredd och avslutad. Bedömning: {assessment}."

BTN_OPEN = "Visa"
BTN_TAKE = "Ta utredningen"
BTN_INVESTIGATE = "Utredning"
BTN_IVO = "Registrera IVO-anmälan"
BTN_CLOSE = "Avsluta"

LIST_HEADER = "Lex Sarah"
LIST_OPEN = "Att utreda"
LIST_MINE = "Rapporterade av dig"
LIST_EMPTY = "Inget här just nu."

HELP = """Lex Sarah i Lotsen:
  /lexsarah                        rapportera ett missförhållande eller en påtaglig risk
  /lexsarah lista                  dina rapporter, och öppna rapporter för lex Sarah-ansvariga
  /lexsarah visa LXS-2026-0001     visa en rapport (bara för dem som måste se den)
Är det en avvikelse snarare än ett missförhållande? Använd /avvikelse."""
