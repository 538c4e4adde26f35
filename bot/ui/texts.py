"""Swedish texts shared by all forms (validation) and the chat shell."""

from __future__ import annotations

ERR_REQUIRED = "Fältet måste fyllas i."
ERR_TOO_LONG = "Texten är för lång: högst {max} tecken (nu {n})."
ERR_DATE_FORMAT = "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20."
ERR_DATE_NOT_IN_CALENDAR = "{date} finns inte i kalendern. Skriv ett datum som finns, t.ex. 2026-11-20."
ERR_DATE_TOO_OLD = "Datumet kan inte vara före 2000-01-01."
ERR_CHOICE = "Välj ett av alternativen."
ERR_UNKNOWN_PERSON = "Personen finns inte i Lotsens organisation."

UNKNOWN_USER = (
    "Du finns inte i Lotsens organisation ännu. Be din enhetschef eller systemförvaltaren att lägga "
    "till dig (lotsen org import)."
)
UNKNOWN_COMMAND = "Okänt kommando. Skriv hjälp för att se vad Lotsen kan."
DUPLICATE_SUBMISSION = "Formuläret är redan skickat; inget nytt har sparats."
SHOWN_PRIVATELY = "Svaret innehåller uppgifter som inte sparas i chatten. Tryck Visa för att se det i ett eget fönster."
SHOWN_PRIVATELY_NO_BUTTON = (
    "Svaret innehåller uppgifter som inte sparas i chatten. Använd snedstreckskommandot (t.ex. /avvikelse lista) "
    "eller Lotsens startsida (fliken Hem), där bara du ser svaret."
)
