"""The Teams app package for the municipality's Teams administrator: manifest.json (manifestVersion 1.25),
color.png 192×192 and outline.png 32×32, zipped at the root.

The command lists offer in Teams what Slack has as slash commands; a command chosen from the list
arrives as a message with its title as text (`avvikelse lista`), which the adapter reads like a typed one.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from bot.adapters.teams.png import color_icon, outline_icon

MANIFEST_VERSION = "1.25"
SCHEMA_URL = "https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json"
ACCENT = "#1F4E79"
# (title, description): what Slack has as /avvikelse, /lexsarah, /frist, /rutin and /statistik (Teams allows 10).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("avvikelse", "Rapportera en avvikelse"),
    ("avvikelse lista", "Dina avvikelser, utredningar och uppföljningar"),
    ("lexsarah", "Rapportera ett missförhållande eller en påtaglig risk (lex Sarah)"),
    ("lexsarah lista", "Dina lex Sarah-rapporter"),
    ("frist", "Registrera en frist i ett ärende"),
    ("frist lista", "Dina frister (och teamets för teamledare)"),
    ("rutin", "Vilken rutin gäller? Skriv frågan efter ordet rutin"),
    ("statistik", "Nyckeltal för dina enheter (bara antal), t.ex. statistik 2026T2"),
    ("hem", "Din översikt: att utreda, uppföljningar och frister"),
    ("hjälp", "Vad Lotsen kan"),
)
# In a channel, only what can be answered there; everything else opens a dialog for the one who asks.
TEAM_COMMANDS = ("rutin", "avvikelse", "frist", "hjälp")


def build_manifest(app_id: str, *, website: str, version: str = "1.0.0", developer: str = "Lotsen") -> dict[str, Any]:
    def commands(titles: tuple[str, ...] | None = None) -> list[dict[str, str]]:
        return [{"title": title, "description": description} for title, description in COMMANDS
                if titles is None or title in titles]

    website = website.rstrip("/")
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": {"name": developer[:32], "websiteUrl": website, "privacyUrl": f"{website}/integritet",
                      "termsOfUseUrl": f"{website}/villkor"},
        "name": {"short": "Lotsen", "full": "Lotsen: avvikelser, frister och rutiner"},
        "description": {
            "short": "Avvikelser, lex Sarah, frister och rutiner för socialtjänsten",
            "full": ("Lotsen hjälper socialtjänsten (IFO, barn och familj) att rapportera och följa upp avvikelser "
                     "och lex Sarah, hålla lagstadgade frister med påminnelser och svara på vilken rutin som "
                     "gäller, med källa. Skriv aldrig namn eller personnummer på en enskild i chatten."),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [{
            "botId": app_id,
            "scopes": ["personal", "team"],
            "supportsFiles": False,
            "isNotificationOnly": False,
            "commandLists": [
                {"scopes": ["personal"], "commands": commands()},
                {"scopes": ["team"], "commands": commands(TEAM_COMMANDS)},
            ],
        }],
        "validDomains": [],
    }


def build_package(app_id: str, *, website: str, version: str = "1.0.0", developer: str = "Lotsen") -> bytes:
    buffer = io.BytesIO()
    manifest = build_manifest(app_id, website=website, version=version, developer=developer)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return buffer.getvalue()
