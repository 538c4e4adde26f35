"""Demo lex Sarah reports in every state of the workflow, several with a handlingsplan.

`seed_lex_sarah(lotsen, count)` is the entry point other code calls (the console demo, and
`lotsen demo fyll --lexsarah N`). Report i has the fixed submission key `demo:lxs:i`, so calling it
again with the same count adds nothing, and a larger count adds the rest. States cycle through the
workflow, so eight or more reports show every state. Each report is dated back a little, as if it
had been filed over the past weeks.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.app import Lotsen
from bot.clock import to_local, today_local, utcnow
from bot.deadlines.calculator import compute
from bot.lex_sarah.forms import DecisionInput, IvoInput, LexSarahInvestigation, MeasureInput, NewLexSarah
from bot.org.directory import person_by_key
from bot.reminders.handlingsplan import HandlingsplanService
from storage.models import Person
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport, LexSarahStatus

S = LexSarahStatus
STATES = [S.MOTTAGEN, S.UNDER_UTREDNING, S.STALLNINGSTAGANDE, S.BESLUTAD, S.ANMALD_IVO, S.ATGARDER,
          S.UPPFOLJNING, S.AVSLUTAD]
ORDER = [s.value for s in STATES]

SCENARIOS = [
    ("Ett barn fick inte sin beslutade öppenvårdsinsats under sju veckor.",
     "Barnets behov av stöd tillgodosågs inte under lång tid.", "Insatsen startades och vårdnadshavarna informerades.",
     "Ingen bevakade att beslutet verkställdes.", "allvarligt"),
    ("En orosanmälan registrerades inte och ingen skyddsbedömning gjordes samma dag.",
     "Risk att ett barn i behov av skydd inte uppmärksammades.", "Skyddsbedömning gjordes när felet upptäcktes.",
     "Mottagningens rutin för inkommande post följdes inte vid hög arbetsbelastning.", "risk_allvarligt"),
    ("Utredningstiden överskreds med två månader utan beslut om förlängning.",
     "Familjen fick vänta på stöd och beslut.", "Utredningen prioriterades och förlängningsbeslut fattades.",
     "Ärendefördelningen tog inte hänsyn till vakanser.", "missforhallande"),
    ("Ett samtal med ett barn dokumenterades inte i journalen.",
     "Barnets berättelse kunde ha gått förlorad i bedömningen.", "Anteckningen fördes in i efterhand.",
     "Oklar rutin för dokumentation efter samtal utanför kontoret.", "risk"),
    ("Ett beslut skickades till fel adress.", "Uppgifter kunde ha lästs av obehöriga.",
     "Mottagaren kontaktades och brevet returnerades.", "Adressen var inte uppdaterad i systemet.", "inget"),
]
MEASURES = [
    ("Inför bevakningslista för verkställighet av beslut.", "ec.maria"),
    ("Gå igenom rutinen på APT och följ upp att den används.", "ec.jonas"),
    ("Se över ärendefördelningen vid vakanser.", "vc.karin"),
]


def _person(lotsen: Lotsen, key: str) -> Person:
    with lotsen.db.read() as session:
        person = person_by_key(session, key)
    if person is None:
        raise RuntimeError(f"demo person {key} missing (load the demo organisation first)")
    return person


def seed_lex_sarah(lotsen: Lotsen, count: int = 8) -> list[str]:
    """Add demo lex Sarah reports (states cycling through the workflow). Returns the numbers added."""
    if count < 0:
        raise ValueError("count must be zero or more")
    added: list[str] = []
    for i in range(count):
        key = f"demo:lxs:{i}"
        with lotsen.db.read() as session:
            if session.exec(select(LexSarahReport).where(LexSarahReport.submission_key == key)).first():
                continue
        added.append(_one(lotsen, i, key))
    return added


def _one(lotsen: Lotsen, i: int, key: str) -> str:
    service = lotsen.lex_sarah
    plan = HandlingsplanService(lotsen.db, lotsen.settings)
    today = today_local()
    target = ORDER[i % len(ORDER)]
    what, consequence, immediate, causes, assessment = SCENARIOS[i % len(SCENARIOS)]
    if target == S.ANMALD_IVO.value and assessment not in ("allvarligt", "risk_allvarligt"):
        assessment = "allvarligt"
    reporter = _person(lotsen, ["hl.lina", "me.anna", "hl.erik", "tl.sara"][i % 4])
    petra = _person(lotsen, "kv.petra")
    unit = ["MOTT", "UTR1"][i % 2]
    filed = service.file(reporter, NewLexSarah(today - timedelta(days=3), today - timedelta(days=2), unit, what,
                                               consequence, immediate, f"SN 2026/{1100 + i:04d}"),
                         submission_key=key, channel="demo")
    number = filed.report.number
    reached = ORDER.index(target)
    if reached >= 1:
        service.take(petra, number, channel="demo")
    if reached >= 2:
        service.save_investigation(petra, number, LexSarahInvestigation(
            causes, "Nej, inte på samma sätt.", "Ja, om inget ändras.", "Se handlingsplanen.", assessment,
            "Bedömningen grundas på aktgranskning och intervjuer med handläggare och teamledare.",
            "Uppmärksammades av handläggare vid ärendegenomgång.", None,
            "Aktgranskning och intervjuer med handläggare och teamledare (fakta); utredarens bedömning av risken."),
            channel="demo")
    if reached >= 3:
        service.record_decision(petra, number, DecisionInput(["utskott", "delegat", "namnd"][i % 3], None, today),
                                channel="demo")
    serious = assessment in ("allvarligt", "risk_allvarligt")
    if reached >= 4 and serious:
        service.register_ivo(petra, number, IvoInput(today, f"3.5.1-{2000 + i}/2026"), channel="demo")
    measure_ids: list[int] = []
    if reached >= 5:
        for j, (text, who) in enumerate(MEASURES[: 1 + i % len(MEASURES)]):
            measure, _ = service.add_measure(petra, number, MeasureInput(
                text, who, today + timedelta(days=14 + 14 * j), today + timedelta(days=60 + 14 * j)),
                channel="demo")
            assert measure.id is not None
            measure_ids.append(measure.id)
    if reached >= 6:
        for mid in measure_ids:
            plan.complete(petra, mid, channel="demo")
    if reached >= 7:
        for mid in measure_ids:
            plan.record_follow_up(petra, mid, "Åtgärden är genomförd och fungerar.", channel="demo")
        service.close(petra, number, channel="demo")
    _backdate(lotsen, number, days=5 + 3 * i)
    return number


def _backdate(lotsen: Lotsen, number: str, *, days: int) -> None:
    """Spread the report's history over the past `days` days (demo only), keeping its dates in order."""
    now = utcnow()
    with lotsen.db.session() as session:
        report = session.exec(select(LexSarahReport).where(LexSarahReport.number == number)).one()
        events = list(session.exec(select(LexSarahEvent).where(LexSarahEvent.report_id == report.id)
                                   .order_by(col(LexSarahEvent.id))))
        start = now - timedelta(days=days)
        step = timedelta(days=days) / max(len(events), 1)
        for j, event in enumerate(events):
            event.at = start + step * j
            if event.on_date is not None:
                event.on_date = to_local(start + step * j).date()
            session.add(event)
            if event.state == S.BESLUTAD.value:
                report.decided_on = to_local(event.at).date()
            if event.state == S.ANMALD_IVO.value:
                report.ivo_reported_on = to_local(event.at).date()
            if event.state == S.UNDER_UTREDNING.value:
                report.investigation_started_at = event.at
        report.created_at = start
        report.event_date = (start - timedelta(days=3)).date()
        report.noticed_date = (start - timedelta(days=2)).date()
        report.due_date = compute("lex_sarah_utredning", start.date()).due
        session.add(report)
        session.execute(update(LexSarahMeasure).where(col(LexSarahMeasure.report_id) == report.id)
                        .values(created_at=start))
