"""`lotsen demo fyll`: a realistic history for trying the reports, the console demo and the benchmarks.

Avvikelser, case deadlines and lex Sarah reports spread over a period and the units, in every state,
with deadlines met, extended and late in plausible shares (close to what municipalities report:
about a third of förhandsbedömningar and a quarter of utredningar late). Seeded: the same arguments
on the same database give the same history. Rows are written in bulk, back-dated, without reminders
(the history is over); the demo organisation is imported first when the database has no people.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, select

from bot.app import Lotsen
from bot.clock import STOCKHOLM, today_local
from bot.deadlines.calculator import DeadlineResult, compute
from bot.demo.seed import DEMO_ORG
from bot.org.directory import investigating_chef
from bot.org.importer import import_org
from storage.models import Avvikelse, NumberSequence, OutboxMessage, Person, Role, Unit
from storage.models.frist import CaseDeadline
from storage.models.lex_sarah import LexSarahReport

WHAT = (
    "Dokumentationen fördes in för sent.", "Ett beslut skickades till fel adress.",
    "Ett möte med samverkanspart ställdes in utan att någon meddelades.",
    "Journalen saknade anteckning om ett samtal.", "En orosanmälan lästes först efter flera dagar.",
)
CONSEQUENCE = ("Risk att information inte nådde rätt person i tid.", "Handläggningen försenades.")
ACTION = ("Bristen åtgärdades samma dag.", "Teamledaren informerades.")
EXTENSION_REASONS = (
    "Särskilda skäl: utlåtande från BUP har inte kommit in.",
    "Särskilda skäl: vårdnadshavare har inte kunnat nås för samtal.",
    "Synnerliga skäl: tolk har inte kunnat bokas.",
)
# (kind, weight, share met, share extended, share late): the rest of each row is open or cancelled.
KINDS = (("forhandsbedomning", 55, 0.63, 0.02, 0.35), ("utredning", 35, 0.66, 0.08, 0.26),
         ("overvagande_placering", 10, 0.88, 0.0, 0.12))
ASSESSMENTS = (("inget", 30), ("risk", 20), ("missforhallande", 30), ("risk_allvarligt", 8), ("allvarligt", 12))
SERIOUS = ("allvarligt", "risk_allvarligt")


@dataclass(frozen=True)
class Filled:
    avvikelser: int
    frister: int
    lex_sarah: int
    start: date
    end: date
    organisation_imported: bool

    def summary(self) -> str:
        org = " Demoorganisationen lades in först." if self.organisation_imported else ""
        return (f"Lade in {self.avvikelser} avvikelser, {self.frister} frister och {self.lex_sarah} lex Sarah-"
                f"rapporter, {self.start.isoformat()} – {self.end.isoformat()}.{org}")


@lru_cache(maxsize=8192)
def _deadline(kind: str, start: date) -> DeadlineResult:
    return compute(kind, start)


def _at(day: date, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(8, 0), STOCKHOLM) + timedelta(minutes=rng.randint(0, 8 * 60))
    return local.astimezone(UTC)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _numbers(session: Session, prefix: str, years: Counter[int]) -> dict[int, int]:
    """Reserve numbers per year (AVV-2026-…): returns the first new sequence number of each year."""
    first: dict[int, int] = {}
    for y, n in years.items():
        row = session.get(NumberSequence, f"{prefix}-{y}")
        if row is None:
            row = NumberSequence(name=f"{prefix}-{y}", last_value=0)
        first[y] = row.last_value + 1
        row.last_value += n
        session.add(row)
    session.flush()
    return first


def _ensure_org(lotsen: Lotsen) -> bool:
    with lotsen.db.session() as session:
        if session.exec(select(Person).limit(1)).first() is not None:
            return False
        report = import_org(session, DEMO_ORG)
        if not report.ok:
            raise RuntimeError(report.summary())
        return True


def fill(lotsen: Lotsen, *, avvikelser: int = 600, frister: int = 3000, lexsarah: int = 40,
         start: date | None = None, seed: int = 2026) -> Filled:
    imported = _ensure_org(lotsen)
    end = today_local()
    start = start or date(end.year - 1, 1, 1)
    rng = random.Random(f"{seed}:{avvikelser}:{frister}:{lexsarah}:{start.isoformat()}")
    with lotsen.db.session() as session:
        people = [p for p in session.exec(select(Person).where(Person.active == True)) if p.id]  # noqa: E712
        units = [u for u in session.exec(select(Unit).where(Unit.active == True)) if u.id]  # noqa: E712
        chefs = {u.id: investigating_chef(session, u) for u in units}
        units = [u for u in units if chefs[u.id] is not None]
        if not units or not people:
            raise RuntimeError("Organisationen saknar enheter med chef eller personer.")
        _fill_avvikelser(session, lotsen, rng, avvikelser, start, end, units, chefs, people)
        _fill_deadlines(session, rng, frister, start, end, people)
        _fill_lex_sarah(session, rng, lexsarah, start, end, units, people)
    return Filled(avvikelser, frister, lexsarah, start, end, imported)


def _fill_avvikelser(session: Session, lotsen: Lotsen, rng: random.Random, n: int, start: date, end: date,
                     units: list[Unit], chefs: dict[Any, Person | None], people: list[Person]) -> None:
    if n <= 0:
        return
    categories = list(lotsen.settings.avvikelse_categories)
    reported = sorted(_day(rng, start, end) for _ in range(n))
    first = _numbers(session, "AVV", Counter(d.year for d in reported))
    rows: list[dict[str, Any]] = []
    feedback: list[dict[str, Any]] = []
    for day in reported:
        seq = first[day.year]
        first[day.year] += 1
        number = f"AVV-{day.year}-{seq:04d}"
        unit = rng.choices(units, weights=[4 if u.parent_id else 1 for u in units])[0]
        chef = chefs[unit.id]
        assert chef is not None and chef.id is not None and unit.id is not None
        created = _at(day, rng)
        due = _deadline("avvikelse_utredning", day).due
        age = (end - day).days
        r = rng.random()
        closed_on: date | None = None
        if age > 14 and r < min(0.9, age / 80):
            closed_on = day + timedelta(days=rng.randint(3, 42) if rng.random() < 0.72 else rng.randint(43, 120))
            closed_on = min(closed_on, end)
        status = ("avslutad" if closed_on else
                  "under_utredning" if age > 3 and rng.random() < 0.6 else "mottagen")
        started = created + timedelta(days=rng.randint(0, 3)) if status != "mottagen" else None
        rows.append({
            "number": number, "year": day.year, "seq": seq, "submission_key": f"demo-fyll:{number}",
            "created_at": created, "updated_at": created, "reported_by_id": rng.choice(people).id,
            "unit_id": unit.id, "investigator_id": chef.id, "event_date": day - timedelta(days=rng.randint(0, 7)),
            "subject": rng.choice(("personarende", "organisatorisk")),
            "origin": rng.choices(("intern", "extern_inkommande", "extern_utgaende"), weights=(70, 20, 10))[0],
            "category": rng.choice(categories), "what_happened": rng.choice(WHAT),
            "consequence": rng.choice(CONSEQUENCE), "immediate_action": rng.choice(ACTION),
            "case_reference": None, "due_date": due, "status": status, "investigation_started_at": started,
            "inv_lex_sarah": ("ja" if rng.random() < 0.04 else "nej") if closed_on else None,
            "closed_at": _at(closed_on, rng) if closed_on else None, "closed_by_id": chef.id if closed_on else None,
            "reopen_count": 0,
        })
        if closed_on and rng.random() < 0.88:
            at = _at(closed_on, rng)
            feedback.append({"key": f"avvikelse:{number}:aterkoppling:0", "kind": "avvikelse_aterkoppling",
                             "recipient_id": rows[-1]["reported_by_id"], "payload": {"text": number},
                             "due_at": at, "status": "sent", "attempts": 1, "sent_at": at, "created_at": at})
    session.execute(insert(Avvikelse.__table__), rows)  # type: ignore[attr-defined]
    if feedback:
        session.execute(insert(OutboxMessage.__table__), feedback)  # type: ignore[attr-defined]


def _fill_deadlines(session: Session, rng: random.Random, n: int, start: date, end: date,
                    people: list[Person]) -> None:
    if n <= 0:
        return
    holders = [p for p in people if p.has_role(Role.HANDLAGGARE)] or people
    offset = int(session.exec(select(func.count()).select_from(CaseDeadline)).one())
    rows: list[dict[str, Any]] = []
    for i in range(n):
        kind, _, met, extended, late = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
        trigger = _day(rng, start, end)
        result = _deadline(kind, trigger)
        holder = rng.choice(holders)
        last = result.due
        due = last
        reason: str | None = None
        roll = rng.random()
        if roll < met:
            decided = trigger + timedelta(days=rng.randint(0, max((last - trigger).days, 0)))
        elif roll < met + extended:
            due = last + timedelta(days=rng.randint(14, 60))
            reason = rng.choice(EXTENSION_REASONS)
            decided = last + timedelta(days=rng.randint(1, (due - last).days))
        elif roll < met + extended + late:
            decided = last + timedelta(days=rng.randint(1, 25 if kind == "forhandsbedomning" else 60))
        else:
            decided = last  # the rest: cancelled below, or decided on the last day
        cancelled = rng.random() < 0.02
        open_now = decided > end or cancelled
        status = "avbruten" if cancelled else "aktiv" if open_now else "klar"
        outcome = None if open_now else (rng.choice(("inleda", "inte_inleda")) if kind == "forhandsbedomning"
                                         else "klar")
        closed = _at(decided, rng) if status == "klar" else None
        rows.append({
            "case_ref": f"DEMO {trigger.year}/{offset + i + 1:06d}", "kind": kind, "trigger_date": trigger,
            "statutory_date": result.statutory_date, "original_due": last, "due_date": due,
            "legal_basis": result.legal_basis, "explanation": result.summary, "handlaggare_id": holder.id,
            "unit_id": holder.unit_id, "status": status, "outcome": outcome,
            "extension_reason": reason if status != "avbruten" else None,
            "extension_decided_by_id": holder.id if reason else None, "previous_id": None, "source": "demo",
            "created_by_id": holder.id, "created_at": _at(trigger, rng), "updated_at": closed or _at(trigger, rng),
            "closed_at": closed, "closed_by_id": holder.id if closed else None,
        })
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(CaseDeadline.__table__), rows[chunk:chunk + 5000])  # type: ignore[attr-defined]


def _fill_lex_sarah(session: Session, rng: random.Random, n: int, start: date, end: date, units: list[Unit],
                    people: list[Person]) -> None:
    """Through the model class, so fields the lex Sarah workflow adds later get their defaults."""
    if n <= 0:
        return
    fields = set(LexSarahReport.model_fields)
    reported = sorted(_day(rng, start, end) for _ in range(n))
    first = _numbers(session, "LXS", Counter(d.year for d in reported))
    for day in reported:
        seq = first[day.year]
        first[day.year] += 1
        number = f"LXS-{day.year}-{seq:04d}"
        created = _at(day, rng)
        unit = rng.choice(units)
        assessment = rng.choices([a for a, _ in ASSESSMENTS], weights=[w for _, w in ASSESSMENTS])[0]
        decided_on = day + timedelta(days=rng.randint(7, 60))
        decided = decided_on <= end
        ivo = decided_on + timedelta(days=rng.randint(0, 10)) if decided and assessment in SERIOUS else None
        if ivo is not None and ivo > end:
            ivo = None
        closed = decided and (assessment not in SERIOUS or ivo is not None) and rng.random() < 0.8
        values: dict[str, Any] = {
            "number": number, "year": day.year, "seq": seq, "submission_key": f"demo-fyll:{number}",
            "created_at": created, "updated_at": created, "reported_by_id": rng.choice(people).id,
            "unit_id": unit.id, "event_date": day - timedelta(days=rng.randint(0, 5)), "noticed_date": day,
            "what_happened": rng.choice(WHAT), "consequence": rng.choice(CONSEQUENCE),
            "immediate_action": rng.choice(ACTION), "case_reference": None,
            "status": "avslutad" if closed else "bedömd" if decided else rng.choice(("mottagen", "under_utredning")),
            "due_date": _deadline("lex_sarah_utredning", day).due,
            "assessment": assessment if decided else None,
            "assessed_at": _at(decided_on, rng) if decided else None,
            "ivo_reported_on": ivo,
            "closed_at": _at(max(decided_on, ivo or decided_on), rng) if closed else None,
        }
        session.add(LexSarahReport(**{k: v for k, v in values.items() if k in fields}))
    session.flush()
