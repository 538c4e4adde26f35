"""Every Swedish text of the avvikelse feature, in one place (terms as in the domain glossary)."""

from __future__ import annotations

SUBJECTS = {
    "personarende": "Personärende",
    "organisatorisk": "Organisatorisk",
}
# Option labels stay under 75 characters (Slack's limit for option text).
ORIGINS = {
    "intern": "Inom förvaltningen, utreds här",
    "extern_utgaende": "Upptäckt här men berör annan förvaltning/extern aktör, utreds där",
    "extern_inkommande": "Upptäckt av annan förvaltning/extern aktör men berör oss, utreds här",
}
ORIGINS_SHORT = {
    "intern": "Intern",
    "extern_utgaende": "Extern, utgående",
    "extern_inkommande": "Extern, inkommande",
}
STATUS = {
    "mottagen": "Mottagen, väntar på utredning",
    "under_utredning": "Under utredning",
    "avslutad": "Avslutad",
}
STATUS_SHORT = {
    "mottagen": "Mottagen",
    "under_utredning": "Under utredning",
    "avslutad": "Avslutad",
}
LEX_SARAH = {
    "nej": "Nej, hanteras som avvikelse",
    "osaker": "Osäker, behöver bedömas",
    "ja": "Ja, bör hanteras enligt lex Sarah",
}
INVESTIGATION_DECISION = {
    "utkast": "Spara som utkast",
    "atgard": "Spara utkast och lägg till en åtgärd",
    "avsluta": "Avsluta utredningen och återkoppla",
}
CONFIRM_CLOSE = {
    "avsluta": "Ja, avsluta utan åtgärder",
    "atgard": "Nej, lägg till en åtgärd först",
    "utkast": "Nej, behåll utredningen som utkast",
}

# Form titles and labels (Slack modal titles: at most 24 characters).
FORM_NEW_TITLE = "Rapportera avvikelse"
FORM_NEW_SUBMIT = "Skicka"
FORM_NEW_INTRO = (
    "Beskriv händelsen utan namn eller personnummer. Hänvisa till ärendet med diarienummer "
    "eller ärendenummer; uppgifter om den enskilde hör hemma i akten."
)
LABEL_EVENT_DATE = "Händelsedatum"
LABEL_UNIT = "Enhet"
LABEL_SUBJECT = "Typ"
LABEL_ORIGIN = "Var upptäcktes den och vem utreder?"
LABEL_CATEGORY = "Kategori"
LABEL_WHAT = "Vad hände?"
LABEL_CONSEQUENCE = "Vilken konsekvens blev det, eller kunde det bli?"
LABEL_IMMEDIATE = "Vad gjordes direkt?"
LABEL_CASE_REF = "Ärendereferens"
HINT_CASE_REF = "Endast diarienummer eller ärendenummer, t.ex. SN 2026/0123."

FORM_INV_TITLE = "Utredning av avvikelse"
FORM_INV_SUBMIT = "Spara"
LABEL_INV_COURSE = "Händelseförlopp"
LABEL_INV_WRONG = "Vad gick fel?"
LABEL_INV_CAUSES = "Orsaker"
LABEL_INV_LEX_SARAH = "Borde händelsen hanteras enligt lex Sarah?"
LABEL_INV_FOLLOW_UP = "Datum för uppföljning"
HINT_INV_FOLLOW_UP = "Lämna tomt om ingen samlad uppföljning behövs utöver åtgärdernas datum."
LABEL_INV_DECISION = "Vad vill du göra?"

INV_INTRO = (
    "{number}: utkastet sparas tills du väljer att avsluta. Fält märkta \"krävs för att avsluta\" kan "
    "lämnas tomma i ett utkast men måste fyllas i innan utredningen avslutas. Åtgärder läggs till en i "
    "taget (välj \"lägg till en åtgärd\" nedan); avslutar du utan åtgärder frågar Lotsen först."
)
NOTE_REQUIRED_TO_CLOSE = "krävs för att avsluta"
FORM_CONFIRM_CLOSE_TITLE = "Avsluta utan åtgärder?"
FORM_CONFIRM_CLOSE_SUBMIT = "Fortsätt"
CONFIRM_CLOSE_INTRO = (
    "{number} har inga åtgärder. Efter avslut kan åtgärder inte läggas till utan att utredningen öppnas "
    "igen. Vill du avsluta ändå?"
)
LABEL_CONFIRM_CLOSE = "Avsluta utan åtgärder?"

FORM_MEASURE_TITLE = "Lägg till åtgärd"
FORM_MEASURE_SUBMIT = "Lägg till"
LABEL_MEASURE = "Åtgärd"
LABEL_MEASURE_RESPONSIBLE = "Ansvarig"
LABEL_MEASURE_DATE = "Klart senast"

FORM_HANDOVER_TITLE = "Lämna över utredningen"
FORM_HANDOVER_SUBMIT = "Lämna över"
LABEL_HANDOVER_TO = "Ny utredande chef"
LABEL_REASON = "Skäl"

FORM_REOPEN_TITLE = "Öppna utredningen igen"
FORM_REOPEN_SUBMIT = "Öppna igen"

# Validation.
ERR_DATE_FUTURE = "Händelsedatum kan inte ligga i framtiden."
ERR_DATE_PAST = "Datumet kan inte ligga bakåt i tiden."
ERR_DATE_TOO_FAR = "Datumet ligger orimligt långt fram (mer än fem år)."
ERR_UNKNOWN_UNIT = "Okänd enhet. Välj en enhet i listan."
ERR_NOT_A_CHEF = "Personen är inte enhetschef eller verksamhetschef och kan inte utreda avvikelser."
ERR_SAME_INVESTIGATOR = "Personen utreder redan avvikelsen."
ERR_CLOSE_NEEDS = "Fyll i fältet innan utredningen avslutas."

# Errors from actions.
ERR_NOT_FOUND = "Det finns ingen avvikelse med nummer {number}."
ERR_NO_ACCESS = (
    "Du har inte behörighet att se {number}. Avvikelser visas bara för den som rapporterade, "
    "utredande chef, verksamhetschefen och kvalitetsenheten."
)
ERR_NOT_INVESTIGATOR = "Bara utredande chef ({name}) kan göra det för {number}."
ERR_CLOSED = "{number} är redan avslutad. Öppna utredningen igen om något behöver ändras."
ERR_NOT_CLOSED = "{number} är inte avslutad och kan inte öppnas igen."
ERR_ALREADY_STARTED = "Utredningen av {number} är redan påbörjad."
ERR_NO_CHEF_FOR_UNIT = (
    "Enheten {unit} har ingen enhetschef i Lotsen, så ingen kan utreda avvikelsen. "
    "Kontakta systemförvaltaren."
)
ERR_REOPEN_RIGHTS = "Bara utredande chef eller verksamhetschefen kan öppna en avslutad utredning igen."
ERR_FOLLOW_UP_NOT_YOURS = "Uppföljningen tillhör någon annan."
ERR_FOLLOW_UP_DONE = "Uppföljningen är redan markerad som klar."
ERR_FOLLOW_UP_SAME_OWNER = "Personen har redan uppföljningen."
ERR_BAD_NUMBER = "Ange ett avvikelsenummer, t.ex. AVV-2026-0042."

# Messages.
RECEIPT_HEADER = "Tack! Avvikelsen är mottagen"
RECEIPT_TEXT = "{number} är registrerad. {chef} utreder den, senast {due}."
ASSIGNED_HEADER = "Ny avvikelse att utreda"
OUTGOING_HINT = (
    "Avvikelsen upptäcktes här men berör en annan förvaltning eller extern aktör, som utreder den. "
    "Skicka den vidare till dem och notera i utredningen vad som skickades och när."
)
ASSIGNED_TEXT = "{number} ({unit}, {category}) ska utredas av dig senast {due}."
HANDED_OVER_TEXT = "{number} har lämnats över till dig av {by} och ska utredas senast {due}."
FEEDBACK_HEADER = "Återkoppling på din avvikelse"
FEEDBACK_TEXT = "Utredningen av {number} är klar: {measures}. Tryck Visa för att läsa den."
LEX_SARAH_FLAG_HEADER = "Avvikelse som kan vara lex Sarah"
LEX_SARAH_FLAG = (
    "Utredande chef bedömer att {number} ({unit}) bör hanteras enligt lex Sarah. "
    "Kontakta utredande chef för att ta ställning."
)
LEX_SARAH_FLAG_UNSURE = (
    "Utredande chef är osäker på om {number} ({unit}) ska hanteras enligt lex Sarah och behöver er bedömning. "
    "Kontakta utredande chef för att ta ställning."
)
FOLLOW_UP_HEADER = "Dags för uppföljning"
FOLLOW_UP_TEXT = "Uppföljning av {number}: {what}. Kontrollera att åtgärden är gjord och gav avsedd effekt."
STARTED_TEXT = "Utredningen av {number} är påbörjad. Utkast sparas tills du avslutar."
DRAFT_SAVED = "Utkastet för {number} är sparat."
CLOSED_TEXT = "{number} är avslutad. Återkoppling skickas till den som rapporterade."
MEASURE_ADDED = "Åtgärden är tillagd i {number}. Ansvarig: {who}, klart senast {due}."
HANDED_OVER_DONE = "{number} är överlämnad till {who}."
REOPENED_TEXT = "{number} är öppnad igen."
FOLLOW_UP_DONE = "Uppföljningen av {number} är markerad som klar."
FOLLOW_UP_SNOOZED = "Du påminns igen {date}."
FOLLOW_UP_PASSED = "Uppföljningen är överlämnad till {who}."
ESCALATION_HEADER = "Uppföljning som ingen har tagit hand om"
ESCALATION_TEXT = (
    "Uppföljningen av {number} ({unit}) skulle ha gjorts {due} av {owner} och är inte markerad som klar."
)
FORM_FOLLOW_UP_PASS_TITLE = "Lämna över uppföljning"
LABEL_FOLLOW_UP_TO = "Ny ansvarig chef"

BTN_OPEN = "Visa"
BTN_START = "Starta utredning"
BTN_INVESTIGATE = "Utredning"
BTN_MEASURE = "Lägg till åtgärd"
BTN_HANDOVER = "Lämna över"
BTN_REOPEN = "Öppna igen"
BTN_FOLLOW_UP_DONE = "Markera uppföljd"
BTN_FOLLOW_UP_SNOOZE = "Påminn om en vecka"
BTN_FOLLOW_UP_PASS = "Lämna över"

LIST_HEADER = "Dina avvikelser"
LIST_REPORTED = "Rapporterade av dig"
LIST_INVESTIGATE = "Att utreda"
LIST_FOLLOW_UPS = "Uppföljningar"
LIST_EMPTY = "Inget här just nu."
FOLLOW_UP_KIND_MEASURE = "uppföljning av åtgärd"
FOLLOW_UP_KIND_OVERALL = "samlad uppföljning"
FOLLOW_UP_NOW = "dags nu"
FOLLOW_UP_POSTPONED = "uppskjuten från {date}"

HELP = """Avvikelser i Lotsen:
  /avvikelse                       rapportera en avvikelse (öppnar ett formulär)
  /avvikelse lista                 det du rapporterat, ska utreda och ska följa upp
  /avvikelse visa AVV-2026-0001    visa en avvikelse
  /avvikelse utred AVV-2026-0001   påbörja eller fortsätt utredningen
  /avvikelse åtgärd AVV-2026-0001  lägg till en åtgärd
  /avvikelse lämna AVV-2026-0001   lämna över utredningen till en annan chef
  /avvikelse öppna AVV-2026-0001   öppna en avslutad utredning igen
Skriv aldrig namn eller personnummer; hänvisa till diarienummer eller ärendenummer."""
