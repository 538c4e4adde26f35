"""`lotsen import ärenden FILE.csv`: create and update case deadlines from a case-system export.

Idempotent: an active deadline is identified by case reference and kind, so importing the same file
twice changes nothing, and a corrected start date or handläggare updates the deadline in place. Every
row is reported; a row holding a personnummer or samordningsnummer anywhere is refused whole, and the
number is never echoed.

Linear in the file's size: people are loaded once, each (type, start date) is computed once, rows are
checked first (a bad row changes nothing) and then written in batches, one transaction each, with the
batch's existing deadlines read in one query and new deadlines, their reminders and their audit entries
inserted in bulk. A new deadline cancels nothing (it has nothing planned).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.audit.log import diff, record
from bot.clock import today_local, utcnow
from bot.deadlines.calculator import DeadlineResult, InvalidStart, compute
from bot.deadlines.rules import UnknownKind
from bot.errors import UserError
from bot.frist.policy import can_hold_deadlines
from bot.frist.service import ENTITY, FristService, check_case_ref
from bot.privacy.personnummer import find_identity_numbers
from bot.reminders import outbox
from storage.models import AuditEntry, Person
from storage.models.frist import CaseDeadline, FristStatus

DEFAULT_MAPPING = Path(__file__).parent / "sample" / "mappning.yml"


class Columns(BaseModel):
    arende: str
    typ: str
    startdatum: str
    handlaggare: str
    status: str | None = None


class Mapping(BaseModel):
    kolumner: Columns
    typer: dict[str, str] = Field(default_factory=dict)
    avslutad: list[str] = Field(default_factory=list)
    avgransare: str = ";"
    datumformat: str = "%Y-%m-%d"


class CaseImportError(ValueError):
    """The file or mapping cannot be used at all (Swedish message)."""


DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "semikolon (;)", ",": "komma (,)", "\t": "tabb", "|": "lodstreck (|)"}


def _delimiter_name(delimiter: str) -> str:
    return DELIMITER_NAMES.get(delimiter, f"'{delimiter}'")


def load_mapping(path: Path | None) -> Mapping:
    path = path or DEFAULT_MAPPING
    try:
        mapping = Mapping.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        if len(mapping.avgransare) != 1:
            raise CaseImportError(
                f"Mappningsfilen {path}: avgransare ska vara ett enda tecken, t.ex. \";\" eller \",\" "
                f"(nu '{mapping.avgransare}')."
            )
        return mapping
    except OSError as exc:
        raise CaseImportError(f"Kan inte läsa mappningsfilen {path}.") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise CaseImportError(f"Mappningsfilen {path} är ogiltig: {exc.__class__.__name__}.") from exc


@dataclass
class RowResult:
    line: int
    outcome: str  # skapad, uppdaterad, avslutad, oförändrad, nekad, fel
    message: str

    def __str__(self) -> str:
        return f"rad {self.line}: {self.outcome}: {self.message}"


def _header_fields(text: str, delimiter: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    return [cell.strip() for cell in first]


def _delimiter_for(text: str, configured: str, wanted: list[str]) -> str:
    """The configured delimiter if the header reads with it; else the one of ; , tab | that does."""
    if all(c in _header_fields(text, configured) for c in wanted):
        return configured
    for candidate in DELIMITERS:
        if candidate != configured and all(c in _header_fields(text, candidate) for c in wanted):
            return candidate
    return configured


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def failed(self) -> bool:
        return any(r.outcome in ("nekad", "fel") for r in self.rows)

    def summary(self) -> str:
        parts = [f"{self.count(o)} {o}" for o in ("skapad", "uppdaterad", "avslutad", "oförändrad", "nekad", "fel")]
        return "Import klar: " + ", ".join(parts) + "."


BATCH_SIZE = 1000


@dataclass(frozen=True)
class _Row:
    """A checked row, ready to write."""

    line: int
    case_ref: str
    start: date
    result: DeadlineResult
    holder: Person
    done: bool


@dataclass(slots=True)
class _Fresh:
    """A deadline this batch will insert: plain data, so 100,000 of them cost little (no ORM state)."""

    case_ref: str
    kind: str
    trigger_date: date
    statutory_date: date
    original_due: date
    due_date: date
    legal_basis: str
    explanation: str
    handlaggare_id: int
    unit_id: int | None
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime
    source: str = "import"
    status: str = FristStatus.AKTIV.value
    outcome: str | None = None
    closed_at: datetime | None = None
    extension_reason: str | None = None
    id: int | None = None

    @property
    def label(self) -> str:
        return f"F-{self.id}"


class _People:
    """Every active person, loaded once: found by key or e-mail (as `find_person` finds them), or by a chat
    id stored on the person (the case system's export may name the handläggare that way)."""

    def __init__(self, session: Session) -> None:
        people = list(session.exec(select(Person).where(col(Person.active).is_(True))))
        self.by_key = {p.key: p for p in people}
        self.by_platform_id = {i: p for p in people for i in (p.slack_user_id, p.teams_user_id) if i}
        self.by_email = {p.email: p for p in people if p.email}

    def find(self, ref: str) -> Person | None:
        ref = ref.strip().lstrip("@")
        return self.by_key.get(ref) or (self.by_email.get(ref.lower()) if "@" in ref else None) or (
            self.by_platform_id.get(ref))


def import_cases(service: FristService, path: Path, mapping: Mapping, *,
                 batch_size: int = BATCH_SIZE) -> ImportReport:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseImportError(f"Kan inte läsa {path} som UTF-8 text.") from exc
    wanted = [c for c in mapping.kolumner.model_dump().values() if c]
    delimiter = _delimiter_for(text, mapping.avgransare, wanted)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in wanted if c not in (reader.fieldnames or [])]
    if missing:
        found = ", ".join(reader.fieldnames or [])
        raise CaseImportError(
            f"Kolumner saknas i filen: {', '.join(missing)}. Finns: {found}. Lotsen läser filen med "
            f"avgränsaren {_delimiter_name(delimiter)} (avgransare i mappningen); kontrollera kolumnnamnen "
            "under 'kolumner' i mappningen."
        )
    report = ImportReport()
    if delimiter != mapping.avgransare:
        report.notes.append(
            f"Filen är avgränsad med {_delimiter_name(delimiter)}, inte {_delimiter_name(mapping.avgransare)} "
            "som mappningen säger; Lotsen läste den med " + _delimiter_name(delimiter) + "."
        )
    with service.db.read() as session:
        people = _People(session)
    today = today_local()
    calculate = lru_cache(maxsize=None)(_calculator(mapping))
    batch: list[_Row | RowResult] = []
    for row in reader:
        try:
            batch.append(_check_row(mapping, row, reader.line_num, people, calculate, today))
        except UserError as exc:
            batch.append(RowResult(reader.line_num, "fel", exc.message))
        if len(batch) >= batch_size:
            report.rows += _write_batch(service, batch, today)
            batch = []
    report.rows += _write_batch(service, batch, today)
    return report


def _cell(row: dict[str, str | None], column: str | None) -> str:
    return (row.get(column) or "").strip() if column else ""


def _calculator(mapping: Mapping) -> Callable[[str, date], DeadlineResult | UserError]:
    def calculate(raw_kind: str, start: date) -> DeadlineResult | UserError:
        try:
            return compute(mapping.typer.get(raw_kind, raw_kind), start)
        except UnknownKind:
            return UserError(f"okänd typ '{raw_kind}' (lägg till den under 'typer' i mappningen)")
        except InvalidStart as exc:
            return UserError(exc.message)

    return calculate


def _check_row(mapping: Mapping, row: dict[str, str | None], line: int, people: _People,
               calculate: Callable[[str, date], DeadlineResult | UserError], today: date) -> _Row | RowResult:
    # Cells beyond the header land under None as a list; they are checked like the rest.
    cells = [v for value in row.values() for v in (value if isinstance(value, list) else [value])]
    for value in cells:
        matches = find_identity_numbers(value or "")
        if matches:
            return RowResult(line, "nekad", f"raden innehåller ett {matches[0].kind}; ingenting från raden sparades")
    cols = mapping.kolumner
    case_ref = check_case_ref(_cell(row, cols.arende))
    try:
        start = datetime.strptime(_cell(row, cols.startdatum), mapping.datumformat).date()
    except ValueError as exc:
        raise UserError(f"ogiltigt startdatum '{_cell(row, cols.startdatum)}'") from exc
    if start > today:
        raise UserError("startdatum ligger i framtiden")
    result = calculate(_cell(row, cols.typ), start)
    if isinstance(result, UserError):
        raise result
    ref = _cell(row, cols.handlaggare)
    holder = people.find(ref.lower() if "@" in ref else ref) if ref else None
    if holder is None:
        raise UserError(f"okänd handläggare '{ref}'" if ref else "handläggare saknas")
    if not can_hold_deadlines(holder):
        raise UserError(f"{holder.name} är inte handläggare eller teamledare")
    return _Row(line, case_ref, start, result, holder, _cell(row, cols.status) in mapping.avslutad)


def _write_batch(service: FristService, batch: list[_Row | RowResult], today: date) -> list[RowResult]:
    """One transaction: read the batch's deadlines in one query, update in place, insert the new in bulk."""
    checked = [r for r in batch if isinstance(r, _Row)]
    if not checked:
        return [r for r in batch if isinstance(r, RowResult)]
    out: dict[int, RowResult] = {}
    created: list[tuple[_Row, _Fresh]] = []
    with service.db.session() as session:
        active: dict[tuple[str, str], CaseDeadline | _Fresh] = {}
        started: set[tuple[str, str, date]] = set()
        refs = {r.case_ref for r in checked}
        for d in session.exec(select(CaseDeadline).where(col(CaseDeadline.case_ref).in_(refs))):
            started.add((d.case_ref, d.kind, d.trigger_date))
            if d.status == FristStatus.AKTIV:
                active[(d.case_ref, d.kind)] = d
        for index, row in enumerate(batch):
            if isinstance(row, RowResult):
                out[index] = row
                continue
            kind = row.result.kind
            existing = active.get((row.case_ref, kind))
            if existing is None:
                if (row.case_ref, kind, row.start) in started or row.done:
                    out[index] = RowResult(row.line, "oförändrad",
                                           f"{row.case_ref}: {row.result.name} är redan avslutad")
                    continue
                deadline = _new_deadline(row)
                active[(row.case_ref, kind)] = deadline  # a later row of the same case updates this one
                started.add((row.case_ref, kind, row.start))
                created.append((row, deadline))
                out[index] = RowResult(row.line, "skapad", "")
                continue
            if isinstance(existing, _Fresh):  # created earlier in this batch, not written yet: the later row wins
                out[index] = _amend_unwritten(existing, row)
                continue
            out[index] = _update(service, session, existing, row)
        _insert_created(service, session, created, today)
    labels = {id(row): deadline.label for row, deadline in created}
    for index, row in enumerate(batch):
        if isinstance(row, _Row) and out[index].outcome == "skapad":
            out[index] = RowResult(row.line, "skapad", f"{labels[id(row)]} {row.case_ref}: {row.result.name}, "
                                                       f"sista dag {row.result.due}")
    return [out[i] for i in range(len(batch))]


def _new_deadline(row: _Row) -> _Fresh:
    result, holder = row.result, row.holder
    assert holder.id is not None
    now = utcnow()
    return _Fresh(
        case_ref=row.case_ref, kind=result.kind, trigger_date=result.start, statutory_date=result.statutory_date,
        original_due=result.due, due_date=result.due, legal_basis=result.legal_basis, explanation=result.summary,
        handlaggare_id=holder.id, unit_id=holder.unit_id, created_by_id=holder.id, created_at=now, updated_at=now,
    )


def _amend_unwritten(deadline: _Fresh, row: _Row) -> RowResult:
    changed = []
    if row.done:
        deadline.status, deadline.outcome, deadline.closed_at = FristStatus.KLAR.value, "klar", utcnow()
        changed.append("status")
    if deadline.trigger_date != row.start:
        deadline.trigger_date, deadline.statutory_date = row.start, row.result.statutory_date
        deadline.original_due = deadline.due_date = row.result.due
        deadline.explanation = row.result.summary
        changed.append("trigger_date")
    if deadline.handlaggare_id != row.holder.id and row.holder.id is not None:
        deadline.handlaggare_id, deadline.unit_id = row.holder.id, row.holder.unit_id
        changed.append("handlaggare_id")
    if not changed:
        return RowResult(row.line, "oförändrad", row.case_ref)
    return RowResult(row.line, "avslutad" if row.done else "uppdaterad", f"{row.case_ref}: " + ", ".join(changed))


def _insert_created(service: FristService, session: Session, created: list[tuple[_Row, _Fresh]],
                    today: date) -> None:
    if not created:
        return
    table = CaseDeadline.__table__  # type: ignore[attr-defined]
    columns = [c.name for c in table.columns if c.name != "id"]
    values = [{c: getattr(d, c, None) for c in columns} for _, d in created]
    # The driver's executemany (no RETURNING: multi-row statements with thousands of placeholders cost
    # psycopg more to parse than to run), then the new ids in one query, matched by the unique key.
    session.execute(insert(table), values)
    by_key = {(d.case_ref, d.kind, d.trigger_date): d for _, d in created}
    found = session.execute(select(col(CaseDeadline.id), col(CaseDeadline.case_ref), col(CaseDeadline.kind),
                                   col(CaseDeadline.trigger_date))
                            .where(col(CaseDeadline.case_ref).in_({d.case_ref for _, d in created})))
    for new_id, case_ref, kind, trigger_date in found:
        fresh = by_key.get((case_ref, kind, trigger_date))
        if fresh is not None and fresh.id is None:
            fresh.id = new_id
    deliveries = [dl for _, d in created for dl in service.reminder_deliveries(d, today)]
    outbox.plan_bulk(session, deliveries)
    _audit(session, (
        {"actor_id": None, "action": "registrerad", "entity_type": ENTITY, "entity_ref": d.label,
         "changes": {"case_ref": d.case_ref, "kind": d.kind, "due_date": d.due_date.isoformat(),
                     "source": "import", "line": row.line}, "channel": "import"}
        for row, d in created))


def _audit(session: Session, entries: Iterable[dict[str, object]]) -> None:
    now = utcnow()
    rows = [{**e, "at": now} for e in entries]
    if rows:
        session.execute(insert(AuditEntry.__table__), rows)  # type: ignore[attr-defined]


def _update(service: FristService, session: Session, existing: CaseDeadline, row: _Row) -> RowResult:
    result, holder, line, case_ref = row.result, row.holder, row.line, row.case_ref
    before = {"trigger_date": existing.trigger_date, "handlaggare_id": existing.handlaggare_id,
              "status": existing.status, "due_date": existing.due_date}
    if row.done:
        existing.status, existing.outcome = FristStatus.KLAR.value, "klar"
        existing.closed_at = utcnow()
    if existing.trigger_date != row.start and not existing.extension_reason:
        existing.trigger_date, existing.statutory_date = row.start, result.statutory_date
        existing.original_due = existing.due_date = result.due
        existing.explanation = result.summary
    if existing.handlaggare_id != holder.id:
        assert holder.id is not None
        existing.handlaggare_id, existing.unit_id = holder.id, holder.unit_id
    after = {"trigger_date": existing.trigger_date, "handlaggare_id": existing.handlaggare_id,
             "status": existing.status, "due_date": existing.due_date}
    changes = diff(before, after)
    if not changes:
        return RowResult(line, "oförändrad", f"{existing.label} {case_ref}")
    session.add(existing)
    service._plan_reminders(session, existing)
    record(session, actor_id=None, action="importerad_andring", entity_type=ENTITY, entity_ref=existing.label,
           changes={**changes, "line": line}, channel="import")
    outcome = "avslutad" if row.done else "uppdaterad"
    return RowResult(line, outcome, f"{existing.label} {case_ref}: " + ", ".join(sorted(changes)))
