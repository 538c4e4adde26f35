"""Swedish texts of the Teams front end (the features' own texts live in their packages)."""

from __future__ import annotations

FIELD_REQUIRED = "Fältet måste fyllas i."
FORM_HAS_ERRORS = "Formuläret har fel; rätta fälten nedan. Ingenting har sparats."
OPEN_FORM = "Öppna formuläret"
OPEN_ANSWER = "Visa svaret"
LAUNCH_FORM = "Formuläret öppnas i ett eget fönster som bara du ser."
LAUNCH_ANSWER = "Svaret visas i ett eget fönster som bara du ser (aldrig i chatten)."
OPEN_HOME = "Öppna översikten"
LAUNCH_HOME = "Din översikt (att utreda, uppföljningar, frister) visas i ett eget fönster som bara du ser."
DIALOG_TITLE = "Lotsen"
DIALOG_UNKNOWN = "Knappen hör inte till Lotsen eller är för gammal. Skriv kommandot igen."
OTHER_TENANT = "Lotsen tar bara emot meddelanden från kommunens egen organisation."
BAD_REQUEST = "Begäran kunde inte läsas (ogiltig JSON)."

MISSING_SETTINGS = "Lotsen kan inte starta Teams-läget. Saknas: "
SETTING_APP_ID = "TEAMS_APP_ID (appens id, Application (client) ID i Azure)"
SETTING_PASSWORD = "TEAMS_APP_PASSWORD (klienthemlighet från appregistreringen)"
SETTING_TENANT = "TEAMS_TENANT_ID (kommunens Directory (tenant) ID)"
TOKEN_REFUSED = (
    "Microsoft gav ingen token för TEAMS_APP_ID/TEAMS_APP_PASSWORD ({error}). Kontrollera appregistreringen "
    "och LOTSEN_TEAMS_TOKEN_URL."
)
OPENID_UNREADABLE = (
    "Kunde inte läsa Bot Frameworks OpenID-dokument på LOTSEN_TEAMS_OPENID_URL={url} ({error})."
)
OPENID_KEYS_MISMATCH = (
    "LOTSEN_TEAMS_OPENID_URL ska sluta på /openidconfiguration med nycklarna på /keys bredvid (som hos "
    "Microsoft); dokumentet anger jwks_uri={jwks}."
)
