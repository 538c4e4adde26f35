"""`lotsen import ärenden FILE.csv`: create and update case deadlines from a case-system export.

Idempotent: an active deadline is identified by case reference and kind, so importing the same file
twice changes nothing, and a corrected start date or handläggare updates the deadline in place. Each
row is handled in its own transaction and reported; a row holding a personnummer or
samordningsnummer anywhere is refused whole, and the number is never echoed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, select

from bot.audit.log import diff, record
from bot.clock import today_local, utcnow
from bot.deadlines.calculator import InvalidStart, compute
from bot.deadlines.rules import UnknownKind
from bot.errors import UserError
from bot.frist.policy import can_hold_deadlines
from bot.frist.service import ENTITY, FristService, check_case_ref
from bot.org.directory import find_person, person_by_platform_id
from bot.privacy.personnummer import find_identity_numbers
from storage.models import Person
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


def import_cases(service: FristService, path: Path, mapping: Mapping) -> ImportReport:
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
    for row in reader:
        line = reader.line_num
        try:
            report.rows.append(_import_row(service, mapping, row, line))
        except UserError as exc:
            report.rows.append(RowResult(line, "fel", exc.message))
    return report


def _cell(row: dict[str, str | None], column: str | None) -> str:
    return (row.get(column) or "").strip() if column else ""


def _import_row(service: FristService, mapping: Mapping, row: dict[str, str | None], line: int) -> RowResult:
    # Cells beyond the header land under None as a list; they are checked like the rest.
    cells = [v for value in row.values() for v in (value if isinstance(value, list) else [value])]
    for value in cells:
        matches = find_identity_numbers(value or "")
        if matches:
            return RowResult(line, "nekad", f"raden innehåller ett {matches[0].kind}; ingenting från raden sparades")
    cols = mapping.kolumner
    case_ref = check_case_ref(_cell(row, cols.arende))
    raw_kind = _cell(row, cols.typ)
    kind_name = mapping.typer.get(raw_kind, raw_kind)
    try:
        start = datetime.strptime(_cell(row, cols.startdatum), mapping.datumformat).date()
    except ValueError as exc:
        raise UserError(f"ogiltigt startdatum '{_cell(row, cols.startdatum)}'") from exc
    if start > today_local():
        raise UserError("startdatum ligger i framtiden")
    try:
        result = compute(kind_name, start)
    except UnknownKind as exc:
        raise UserError(f"okänd typ '{raw_kind}' (lägg till den under 'typer' i mappningen)") from exc
    except InvalidStart as exc:
        raise UserError(exc.message) from exc
    done = _cell(row, cols.status) in mapping.avslutad
    with service.db.session() as session:
        holder = _holder(session, _cell(row, cols.handlaggare))
        existing = session.exec(select(CaseDeadline).where(
            CaseDeadline.case_ref == case_ref, CaseDeadline.kind == result.kind,
            CaseDeadline.status == FristStatus.AKTIV.value)).first()
        if existing is None:
            closed = session.exec(select(CaseDeadline).where(
                CaseDeadline.case_ref == case_ref, CaseDeadline.kind == result.kind,
                CaseDeadline.trigger_date == start)).first()
            if closed is not None or done:
                return RowResult(line, "oförändrad", f"{case_ref}: {result.name} är redan avslutad")
            deadline = service._insert(session, holder, holder, case_ref, result, "import")
            record(session, actor_id=None, action="registrerad", entity_type=ENTITY, entity_ref=deadline.label,
                   changes={"case_ref": case_ref, "kind": result.kind, "due_date": result.due.isoformat(),
                            "source": "import", "line": line}, channel="import")
            return RowResult(line, "skapad", f"{deadline.label} {case_ref}: {result.name}, sista dag {result.due}")
        before = {"trigger_date": existing.trigger_date, "handlaggare_id": existing.handlaggare_id,
                  "status": existing.status, "due_date": existing.due_date}
        if done:
            existing.status, existing.outcome = FristStatus.KLAR.value, "klar"
            existing.closed_at = utcnow()
        if existing.trigger_date != start and not existing.extension_reason:
            existing.trigger_date, existing.statutory_date = start, result.statutory_date
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
        outcome = "avslutad" if done else "uppdaterad"
        return RowResult(line, outcome, f"{existing.label} {case_ref}: " + ", ".join(sorted(changes)))


def _holder(session: Session, ref: str) -> Person:
    person = find_person(session, ref.lower() if "@" in ref else ref) if ref else None
    if person is None and ref:
        # The case system's export may name the handläggare by a chat id stored on the person.
        person = person_by_platform_id(session, "slack", ref) or person_by_platform_id(session, "teams", ref)
    if person is None:
        raise UserError(f"okänd handläggare '{ref}'" if ref else "handläggare saknas")
    if not can_hold_deadlines(person):
        raise UserError(f"{person.name} är inte handläggare eller teamledare")
    return person


