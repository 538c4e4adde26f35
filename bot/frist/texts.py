"""Every Swedish text of the case-deadline feature (frister), in one place."""

from __future__ import annotations

FORM_NEW_TITLE = "Registrera frist"
FORM_NEW_SUBMIT = "Registrera"
FORM_NEW_INTRO = (
    "Ange ärendet med diarienummer eller ärendenummer, aldrig med namn eller personnummer. "
    "Lotsen räknar ut sista dag och påminner dig."
)
LABEL_CASE = "Ärende (diarienummer eller ärendenummer)"
LABEL_KIND = "Typ av frist"
LABEL_TRIGGER = "Startdatum (det datum fristen räknas från)"
HINT_TRIGGER = "Förhandsbedömning: dagen anmälan kom in. Utredning: dagen utredningen inleddes."
LABEL_HANDLAGGARE = "Handläggare (lämna tomt för dig själv)"

FORM_DECIDE_TITLE = "Beslut om utredning"
FORM_DECIDE_SUBMIT = "Spara beslut"
LABEL_DECISION = "Beslut"
DECISIONS = {"inleda": "Inleda utredning", "inte_inleda": "Inte inleda utredning"}
LABEL_DECISION_DATE = "Beslutsdatum"

FORM_EXTEND_TITLE = "Förläng frist"
FORM_EXTEND_SUBMIT = "Förläng"
LABEL_NEW_DUE = "Ny sista dag"
LABEL_REASON = "Skäl"
HINT_REASON_UTREDNING = "Särskilda skäl krävs; nämndens beslut ska fattas innan fristen löper ut."
HINT_REASON_FHB = "Endast synnerliga skäl, dokumenterade. Arbetsbelastning är inte ett sådant skäl."
LABEL_DECIDED_BY = "Beslutat av"

FORM_CLOSE_TITLE = "Avsluta frist"
FORM_CLOSE_SUBMIT = "Avsluta"
LABEL_CLOSE_DATE = "Klar datum"

FORM_REASSIGN_TITLE = "Fördela om frist"
FORM_REASSIGN_SUBMIT = "Fördela om"
LABEL_NEW_HANDLAGGARE = "Ny handläggare"

CALC_USAGE = (
    "Skriv /frist beräkna <typ> <startdatum>, t.ex. /frist beräkna utredning 2026-12-10 eller "
    "/frist beräkna utredning idag. Typerna: /frist typer."
)
ERR_FUTURE = "Startdatum kan inte ligga i framtiden."
ERR_NOT_FOUND = "Det finns ingen frist {label}."
ERR_BAD_LABEL = "Ange en frist, t.ex. F-12."
ERR_NO_ACCESS = "Du har inte behörighet till {label}. Frister visas för handläggaren, teamledare och chefer i teamet."
ERR_ONLY_TEAMLEDARE_NOT_OPEN = "Beslut att inte inleda utredning fattas av en teamledare."
ERR_NOT_FHB = "{label} är ingen förhandsbedömning."
ERR_CLOSED = "{label} är redan avslutad."
ERR_EXTEND_NOT_LATER = "Den nya sista dagen måste ligga efter nuvarande ({due})."
ERR_NOT_HANDLAGGARE = "Personen är inte handläggare eller teamledare."
ERR_SAME_HANDLAGGARE = "Personen har redan fristen."
ERR_DUPLICATE = "Fristen finns redan: {label} ({case}, {kind}, start {start})."
ERR_DECISION_BEFORE = "Beslutsdatum kan inte vara före startdatum ({start})."
ERR_ONLY_OWN_OR_TEAM = "Bara handläggaren, teamledaren eller enhetschefen kan ändra {label}."
ERR_REASSIGN_RIGHTS = "Bara teamledare och chefer kan fördela om frister."
ERR_UNKNOWN_KIND = "Okänd typ av frist. Välj en typ i listan."

REGISTERED = "{label} registrerad: {kind} i {case}, sista dag {due}."
DECIDED_OPEN = (
    "Förhandsbedömningen {label} är avslutad: utredning inleds. Ny frist {new}: utredningen ska vara klar {due}."
)
DECIDED_NOT_OPEN = "Förhandsbedömningen {label} är avslutad: utredning inleds inte."
EXTENDED = "{label} är förlängd till {due}."
CLOSED = "{label} är avslutad."
REASSIGNED = "{label} har fördelats om till {who}."

REMINDER_HEADER = "Frist närmar sig"
REMINDER_TODAY_HEADER = "Sista dag idag"
REMINDER_OVERDUE_HEADER = "Fristen har passerat"
REMINDER_TEXT = "{kind} i {case}: sista dag {due} ({left})."
ASSIGNED_TEXT = "Du har fått {label}: {kind} i {case}, sista dag {due}."

LIST_HEADER = "Frister"
LIST_MINE = "Dina frister"
LIST_TEAM = "Teamets frister"
LIST_EMPTY = "Inga aktiva frister."

BTN_OPEN = "Visa"
BTN_DECIDE = "Beslut"
BTN_EXTEND = "Förläng"
BTN_CLOSE = "Avsluta"
BTN_REASSIGN = "Fördela om"

HELP = """Frister i Lotsen:
  /frist                        registrera en frist (öppnar ett formulär)
  /frist lista                  dina frister, och teamets om du är teamledare
  /frist visa F-12              visa en frist med uträkning och lagrum
  /frist beräkna utredning 2026-12-10   räkna ut en frist utan att spara den
  /frist typer                  vilka typer av frister Lotsen känner till
Ange ärenden med diarienummer eller ärendenummer, aldrig med namn eller personnummer."""
