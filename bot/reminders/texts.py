"""Swedish text of the outbox's own messages: late deliveries and deliveries that failed."""

from __future__ import annotations

LATE_HEADER = "Försenad: {header}"
LATE_NOTE = "Försenad: skulle ha skickats {due}. Lotsen var inte igång då."

UNDELIVERED_HEADER = "Ett meddelande kunde inte levereras"
UNDELIVERED_TEXT = (
    "Lotsen kunde inte leverera {kind} till {recipient} ({reference}, {due}). "
    "Se till att {recipient} får veta det på annat sätt."
)
UNDELIVERED_FACTS = ("Mottagare", "Gäller", "Typ", "Skulle ha skickats")
NO_RECIPIENT = "mottagaren kan inte nås på någon kanal"
CRASHED = "avbröts utan svar {n} gånger (processen dog under leveransen); lagt åt sidan"

KIND_NAMES = {
    "frist_fore": "en påminnelse om en frist",
    "frist_dag": "en påminnelse om en frist som går ut",
    "frist_forsenad": "en påminnelse om en passerad frist",
    "frist_digest": "en ärendegenomgång",
    "frist_tilldelad": "ett besked om en tilldelad frist",
    "avvikelse_uppfoljning": "en påminnelse om en uppföljning",
}

DIGEST_HEADER = "Teamets frister idag"
DIGEST_TEXT = "Ärendegenomgång {day}: {overdue} passerade, {near} inom {days} dagar"
DIGEST_COUNTS = "*Passerade* ({overdue}) · *Inom {days} dagar* ({near})"
DIGEST_PERSON = "*{who}*: {overdue} passerade, {near} inom en vecka"
DIGEST_MORE_ROWS = "…och {n} till"
DIGEST_MORE_PEOPLE = "…och {n} handläggare till."
DIGEST_POINTER = "Hela listan: Lotsens flik Hem, eller /frist lista."
DIGEST_REFERENCE = "ärendegenomgång {day}"

HOME_UNDELIVERED = "*Påminnelser som inte kom fram* ({n}): Lotsen kunde inte nå dig i chatten."
HOME_UNDELIVERED_LINE = "• {reference} · {what} · {due}"
