"""`lotsen teams …`: the Teams app package for the municipality's Teams administrator."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Microsoft Teams: appaketet.", no_args_is_help=True)

GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


@app.command("paket")
def paket(
    output: Annotated[Path, typer.Option("--output", "-o", help="Zip-fil att skriva")] = Path("lotsen-teams.zip"),
    app_id: Annotated[str | None, typer.Option(
        "--app-id", help="Appens id (Application (client) ID); standard TEAMS_APP_ID")] = None,
    webbplats: Annotated[str, typer.Option(
        "--webbplats", help="Kommunens https-adress för support, integritet (/integritet) och villkor (/villkor)",
    )] = "https://www.example.se/lotsen",
    version: Annotated[str, typer.Option("--version", help="Paketets version (x.y.z); höj vid ändring")] = "1.0.0",
    utvecklare: Annotated[str, typer.Option("--utvecklare", help="Namnet som visas som utvecklare")] = "Lotsen",
) -> None:
    """Bygg Teams-appens paket (manifest.json, color.png, outline.png) att ladda upp i Teams admin center."""
    from bot.adapters.teams.manifest import build_package
    from bot.config import TeamsSettings

    app_id = (app_id or TeamsSettings().teams_app_id).strip()
    if not app_id:
        _fail("Ange appens id med --app-id eller TEAMS_APP_ID (Application (client) ID från Azure).")
    if not GUID.match(app_id):
        _fail(f"Appens id ska vara ett GUID som 8f0e…-…; '{app_id}' är det inte.")
    if not webbplats.lower().startswith("https://"):
        _fail("--webbplats ska vara en https-adress.")
    if not SEMVER.match(version):
        _fail("--version ska se ut som 1.0.0.")
    try:
        output.write_bytes(build_package(app_id, website=webbplats, version=version, developer=utvecklare))
    except OSError as exc:
        _fail(f"Kunde inte skriva {output} ({exc.strerror or exc.__class__.__name__}).")
    typer.echo(f"Teams-paketet är skrivet till {output}. Ladda upp det i Teams admin center (Hantera appar).")
