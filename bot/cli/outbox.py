"""`lotsen utkorg status`, `lotsen påminnelser plan --till DATUM`, `lotsen digest --för PERSON --datum DATUM`.

For those who run Lotsen: what the outbox holds and what failed (never message content), what the
coming days will bring, and the digest a teamledare would get on a day. ASCII aliases (`paminnelser`,
`--for`) for terminals where å/ä/ö are awkward.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from bot.config import Settings

utkorg_app = typer.Typer(help="Utkorgen: meddelanden som väntar, har skickats eller inte kunde levereras.",
                         no_args_is_help=True)
paminnelser_app = typer.Typer(help="Påminnelser: vad som planeras de kommande dagarna.", no_args_is_help=True)
MAX_PREVIEW_DAYS = 92
WEEKDAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")


def get_settings() -> Settings:
    """The checked settings, imported when a command needs them (pydantic-settings costs ~0.1 s)."""
    from bot.config import get_settings as checked

    return checked()


def register(app: typer.Typer) -> None:
    app.add_typer(utkorg_app, name="utkorg")
    app.add_typer(paminnelser_app, name="påminnelser")
    app.add_typer(paminnelser_app, name="paminnelser", hidden=True)
    app.command("digest")(digest)


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _date(raw: str, option: str) -> date:
    from bot.cli.frist import parse_iso_date

    try:
        return parse_iso_date(raw)
    except typer.Exit:
        _fail(f"Ogiltigt datum för {option}: '{raw}'. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-10.")


@utkorg_app.command("status")
def status(as_json: Annotated[bool, typer.Option("--json", help="Skriv ut ett JSON-objekt")] = False) -> None:
    """Antal per läge, det äldsta väntande meddelandet, och de som misslyckats eller lagts åt sidan."""
    from bot.app import build
    from bot.reminders.status import age_phrase, outbox_status

    report = outbox_status(build(get_settings()).db)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    names = {"pending": "väntar", "sending": "skickas", "sent": "skickade", "failed": "misslyckade",
             "cancelled": "avbokade", "set_aside": "lagda åt sidan"}
    typer.echo("Utkorgen: " + ", ".join(f"{report.counts.get(k, 0)} {v}" for k, v in names.items()))
    if report.oldest_due_at and report.oldest_age_seconds is not None:
        typer.echo(f"Förfallna som väntar: {report.due_now}; äldsta skulle ha skickats {report.oldest_due_at} "
                   f"(för {age_phrase(report.oldest_age_seconds)} sedan).")
    else:
        typer.echo("Inget förfallet väntar.")
    if report.expired_claims:
        typer.echo(f"{report.expired_claims} påbörjade leveranser vars utskickare slutade svara; "
                   "de tas om vid nästa körning.")
    if report.problems:
        typer.echo(f"\nInte levererade ({report.problems_total}):")
        for p in report.problems:
            state = "misslyckad" if p.status == "failed" else "åt sidan"
            ref = f" · {p.reference}" if p.reference else ""
            typer.echo(f"  #{p.id} {state} · {p.kind}{ref} · till {p.recipient} · {p.due_at} · "
                       f"{p.attempts} försök, {p.crashes} avbrott · {p.error}")


@paminnelser_app.command("plan")
def plan(
    till: Annotated[str, typer.Option("--till", help="Till och med datum, ÅÅÅÅ-MM-DD")],
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut ett JSON-objekt")] = False,
) -> None:
    """Vad som skickas från i dag till och med --till: planerade påminnelser per dag och typ, och vilka
    teamledare som får ärendegenomgång varje arbetsdag. Ändrar ingenting."""
    from bot.app import build
    from bot.clock import today_local
    from bot.deadlines.calendar import is_excluded_day
    from bot.org.directory import people_with_role
    from bot.reminders.digest import digest_for
    from bot.reminders.status import planned_between
    from storage.models import Role

    last = _date(till, "--till")
    today = today_local()
    if last < today:
        _fail(f"--till ligger före i dag ({today.isoformat()}).")
    if (last - today).days > MAX_PREVIEW_DAYS:
        _fail(f"Högst {MAX_PREVIEW_DAYS} dagar framåt.")
    lotsen = build(get_settings())
    planned = planned_between(lotsen.db, today, last)
    with lotsen.db.read() as session:
        leads = [p for p in people_with_role(session, Role.TEAMLEDARE) if p.unit_id is not None]
    days: dict[str, dict[str, object]] = {}
    day = today
    while day <= last:
        digests = [] if is_excluded_day(day) else [lead.key for lead in leads
                                                     if digest_for(lotsen.db, lead, day) is not None]
        kinds = planned.get(day.isoformat(), {})
        if kinds or digests:
            days[day.isoformat()] = {"planerade": kinds, "ärendegenomgång": digests}
        day += timedelta(days=1)
    if as_json:
        typer.echo(json.dumps({"från": today.isoformat(), "till": last.isoformat(), "dagar": days},
                              ensure_ascii=False))
        return
    if not days:
        typer.echo(f"Inget planerat från {today.isoformat()} till {last.isoformat()}.")
    for iso, content in days.items():
        planned_kinds, digest_leads = content["planerade"], content["ärendegenomgång"]
        parts = [f"{kind} {n}" for kind, n in planned_kinds.items()] if isinstance(planned_kinds, dict) else []
        if isinstance(digest_leads, list) and digest_leads:
            digests = [str(d) for d in digest_leads]
            parts.append(f"ärendegenomgång till {len(digests)} teamledare ({', '.join(digests)})")
        typer.echo(f"{iso} {WEEKDAYS[date.fromisoformat(iso).weekday()]}: " + "; ".join(parts))


def digest(
    person: Annotated[str, typer.Option("--för", "--for", help="Teamledarens id, e-post eller Slack-id")],
    datum: Annotated[str, typer.Option("--datum", help="Dagen, ÅÅÅÅ-MM-DD")],
) -> None:
    """Visa ärendegenomgången en teamledare skulle få en viss dag. Ändrar ingenting."""
    from bot.adapters.console.render import render_message
    from bot.app import build
    from bot.deadlines.calendar import is_excluded_day
    from bot.org.directory import find_person
    from bot.reminders.digest import digest_for
    from storage.models import Role

    day = _date(datum, "--datum")
    lotsen = build(get_settings())
    with lotsen.db.read() as session:
        lead = find_person(session, person)
    if lead is None:
        _fail(f"Ingen aktiv person heter '{person}' (ange id, e-post eller Slack-id).")
    if not lead.has_role(Role.TEAMLEDARE) or lead.unit_id is None:
        _fail(f"{lead.name} är inte teamledare för en enhet; ärendegenomgången går till teamledare.")
    if is_excluded_day(day) is not None:
        typer.echo(f"Ingen ärendegenomgång {day.isoformat()}: det är inte en arbetsdag.")
        return
    message = digest_for(lotsen.db, lead, day)
    if message is None:
        typer.echo(f"{lead.name} får ingen ärendegenomgång {day.isoformat()}: teamet har inget att ta upp.")
        return
    typer.echo(render_message(message, number_buttons=False))
