"""Every Swedish text of the console front end, in one place."""

from __future__ import annotations

WELCOME = "Lotsen i konsolen. Skriv hjälp för kommandon, avsluta för att sluta."
YOU_ARE = "Du är {who}."
YOU_ARE_NOW = "Du är nu {who}."
BYE = "Hej då!"
NO_ROLES = "inga roller"
NO_UNIT = "ingen enhet"

HELP = """I konsolen finns också:
  personer        visa personerna i organisationen med enhet och roller
  byt <vem>       byt användare: id eller namn, t.ex. byt ec.maria eller byt Maria
  vem             vem du är just nu
  inkorg          alla meddelanden som Lotsen skickat till dig, numrerade
  1.2 eller 1 2   tryck på knapp 2 i meddelande 1 i inkorgen; 1 klar, 1 skjut upp, 1 visa går också
  <fråga>         allt som inte börjar med / är en fråga om rutiner, t.ex. vem utreder en avvikelse
  1, 2, …         tryck på en knapp i senaste svaret
  avsluta         avsluta konsolen
I ett formulär: lämna tomt för att hoppa över ett valfritt fält, skriv avbryt för att avbryta."""

SWITCH_HOW = (
    "Skriv byt och vem du vill vara, med id eller namn: t.ex. byt ec.maria eller byt Maria. "
    "Skriv personer för att se alla."
)
UNKNOWN_PERSON = "Ingen i organisationen heter eller har id '{text}'. Skriv personer för att se vilka som finns."
SEVERAL_PEOPLE = "Flera passar '{text}': {names}. Skriv id:t, t.ex. byt {key}."
NO_SUCH_BUTTON = "Det finns ingen sådan knapp i senaste svaret."
NO_SUCH_MESSAGE = "Det finns inget meddelande {n} i din inkorg. Skriv inkorg för att se dem."
MESSAGE_BUTTONS = "Meddelande {n} har knapparna: {buttons}."
MESSAGE_NO_BUTTONS = "Meddelande {n} har inga knappar."

INBOX_EMPTY = "Inkorgen är tom."
INBOX_HEADER = "📬 Inkorgen: {count} från Lotsen. Svara med meddelandets nummer och knappen, t.ex. {example}."
INBOX_NEW = "📬 {count} till dig. Svara med meddelandets nummer och knappen, t.ex. {example}."
INBOX_ANSWERED = "(besvarat)"
INBOX_COPY = "(Samma meddelande finns nu i din inkorg som nummer {numbers}.)"
SENT_TO_OTHER = "(Lotsen skickade {count} till {name}; byt {key} för att läsa.)"

FORM_START = "\n-- {title} -- (skriv avbryt för att avbryta)"
FORM_CANCELLED = "Formuläret avbröts; ingenting sparades."
NOTHING_TO_CANCEL = "Inget formulär är öppet, så det finns inget att avbryta."
FORM_NEEDS_FIXING = "Formuläret behöver rättas; ingenting har sparats än:"
OPTIONAL = "valfri"
FIELD_ERROR = "  ✗ {error}"
HOW_TO_CANCEL = " (Skriv avbryt för att lämna formuläret.)"
CHOOSE_NUMBER = "  Välj nummer"
CHOOSE_DEFAULT = " (Enter = *)"
ANSWER_NOT_SHOWN = "det du skrev"  # stands in for an answer that is not quoted back
NOT_AN_OPTION = "{answer} är inget av alternativen. Välj ett nummer mellan 1 och {n}."
DATE_PROMPT = " (ÅÅÅÅ-MM-DD, idag eller igår)"
USER_PROMPT = " (namn eller id, t.ex. {example})"
USER_PICKED = "  → {name} ({key})"
USER_NONE = "Ingen i organisationen passar {text}. Skriv en del av namnet, t.ex. {example}."
USER_NOT_QUALIFIED = "{names} kan inte väljas här: det måste vara {roles}. Till exempel: {examples}."
USER_SEVERAL = "Flera passar {text}:"
USER_CHOOSE = "  Välj nummer (eller skriv ett annat namn): "
ROLE_JOIN = " eller "
EVERYONE = "vem som helst i organisationen"

# Words that press a button by what it does, whatever its label (`1 klar`, `2 skjut upp`).
BUTTON_WORDS = {
    "klar": "done", "uppföljd": "done", "skjut": "snooze", "skjut upp": "snooze", "påminn": "snooze",
    "visa": "open", "öppna": "open", "lämna": "pass", "lämna över": "pass",
}
