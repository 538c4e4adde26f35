"""Fill an empty database with the demo organisation and a few avvikelser in different states.

Idempotent: the organisation is imported only into an empty database, and demo reports carry
fixed submission keys, so running it twice changes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from bot.app import Lotsen
from bot.avvikelse.forms import InvestigationInput, MeasureInput, NewReport
from bot.clock import today_local
from bot.org.directory import person_by_key
from bot.org.importer import import_org
from storage.models import Avvikelse, Person

DEMO_ORG = Path(__file__).with_name("organisation.yml")
DEMO_CATALOGUE = Path(__file__).resolve().parents[1] / "rutiner" / "demo_catalogue"


def ensure_demo_catalogue(lotsen: Lotsen) -> None:
    """Index the shipped demo routines into an empty catalogue (an existing catalogue is left alone)."""
    from storage.models.rutiner import RoutineDocument

    with lotsen.db.read() as session:
        if session.exec(select(RoutineDocument).limit(1)).first() is not None:
            return
    lotsen.rutiner.index_directory(DEMO_CATALOGUE)


def ensure_demo(lotsen: Lotsen) -> bool:
    """Returns True when something was added."""
    ensure_demo_catalogue(lotsen)
    with lotsen.db.session() as session:
        has_people = session.exec(select(Person).limit(1)).first() is not None
        if not has_people:
            report = import_org(session, DEMO_ORG)
            if not report.ok:  # the shipped file is tested; this would be a packaging error
                raise RuntimeError(report.summary())
        has_reports = session.exec(select(Avvikelse).limit(1)).first() is not None
    if has_reports:
        return not has_people
    _demo_reports(lotsen)
    _mark_demo_history_delivered(lotsen)
    return True


def _mark_demo_history_delivered(lotsen: Lotsen) -> None:
    """The demo's own receipts and notices are history, not news: start with empty inboxes.
    Follow-up reminders planned for later dates stay pending and arrive on their day."""
    from sqlalchemy import update

    from bot.clock import utcnow
    from bot.reminders.outbox import OUTBOX

    now = utcnow()
    with lotsen.db.session() as session:
        session.execute(update(OUTBOX).where(OUTBOX.c.status == "pending", OUTBOX.c.due_at <= now)
                        .values(status="sent", sent_at=now))


def _person(lotsen: Lotsen, key: str) -> Person:
    with lotsen.db.session() as session:
        person = person_by_key(session, key)
    if person is None:
        raise RuntimeError(f"demo person {key} missing")
    return person


def _demo_reports(lotsen: Lotsen) -> None:
    today = today_local()
    service = lotsen.avvikelser
    anna, lina, maria = _person(lotsen, "me.anna"), _person(lotsen, "hl.lina"), _person(lotsen, "ec.maria")
    first = service.file(anna, NewReport(
        event_date=today - timedelta(days=3), unit_code="MOTT", subject="organisatorisk", origin="intern",
        category="Tidsfrister", what_happened="Förhandsbedömningen i ett ärende blev klar efter 16 dagar.",
        consequence="Beslut om att inleda utredning dröjde; risk att barnets behov inte uppmärksammades i tid.",
        immediate_action="Teamledaren prioriterade ärendet samma dag.", case_reference="SN 2026/0412",
    ), submission_key="demo:1", channel="demo")
    second = service.file(lina, NewReport(
        event_date=today - timedelta(days=10), unit_code="MOTT", subject="organisatorisk", origin="extern_inkommande",
        category="Samverkan", what_happened="Skolan skickade en orosanmälan via vanlig e-post i stället för säker väg.",
        consequence="Uppgifter kunde ha lästs av obehöriga.",
        immediate_action="Kontaktade skolan och påminde om den säkra kanalen.", case_reference=None,
    ), submission_key="demo:2", channel="demo")
    service.add_measure(maria, second.report.number, MeasureInput(
        "Informera skolorna i området om säker e-post för orosanmälningar.", "tl.sara", today + timedelta(days=21),
    ), channel="demo")
    third = service.file(anna, NewReport(
        event_date=today - timedelta(days=40), unit_code="MOTT", subject="personarende", origin="intern",
        category="Dokumentation", what_happened="Journalanteckning från hembesök fördes in först efter tre veckor.",
        consequence="Kollegor saknade aktuell information vid ett akut samtal.",
        immediate_action="Anteckningen fördes in samma dag som bristen upptäcktes.", case_reference="Ärende 2026-118",
    ), submission_key="demo:3", channel="demo")
    service.add_measure(maria, third.report.number, MeasureInput(
        "Gå igenom dokumentationsrutinen på nästa APT.", "ec.maria", today + timedelta(days=7),
    ), channel="demo")
    service.save_investigation(maria, third.report.number, InvestigationInput(
        course="Hembesöket gjordes en fredag; handläggaren var sedan sjuk i två veckor.",
        what_went_wrong="Ingen annan visste att anteckningen saknades.",
        causes="Rutinen säger inte vem som för in anteckningar vid frånvaro.",
        lex_sarah="nej", follow_up_date=today + timedelta(days=30), close=True,
    ), channel="demo")
    del first
    _demo_deadlines(lotsen)
    from bot.demo.lex_sarah import seed_lex_sarah

    seed_lex_sarah(lotsen, 10)  # every state of the lex Sarah workflow, several with a handlingsplan


def _demo_deadlines(lotsen: Lotsen) -> None:
    from bot.frist.service import RegisterInput

    today = today_local()
    lina, erik, sara = _person(lotsen, "hl.lina"), _person(lotsen, "hl.erik"), _person(lotsen, "tl.sara")
    for who, ref, kind, days_ago in [
        (lina, "SN 2026/0412", "forhandsbedomning", 11),
        (lina, "SN 2026/0398", "utredning", 110),
        (erik, "SN 2026/0377", "utredning", 60),
        (sara, "SN 2026/0350", "overvagande_placering", 170),
    ]:
        lotsen.frister.register(who, RegisterInput(ref, kind, today - timedelta(days=days_ago)), channel="demo",
                                source="demo")
