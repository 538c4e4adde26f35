"""The import at scale: batches, no cancel for new deadlines, replanning by the indexed subject."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import time_machine
from sqlalchemy import event
from sqlmodel import col, select

from bot.app import Lotsen
from bot.frist.importer import import_cases, load_mapping
from storage.models import OutboxMessage, Person
from storage.models.frist import CaseDeadline

HEADER = "Diarienummer;Frist;Startdatum;Handläggare;Status\n"


@contextmanager
def statements(lotsen: Lotsen) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(lotsen.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(lotsen.db.engine, "before_cursor_execute", record)


def test_batches_of_two_give_what_one_batch_gives(lotsen: Lotsen, tmp_path: Path) -> None:
    rows = [f"SN 2026/{i:04d};Utredning;2026-10-{1 + i % 20:02d};hl.lina;Pågående\n" for i in range(7)]
    rows.append("SN 2026/0003;Utredning;2026-10-09;hl.erik;Pågående\n")  # the same case again: it wins
    rows.append("SN 2026/0005;Utredning;2026-10-06;hl.lina;Avslutad\n")  # and this one is closed
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False), statements(lotsen) as sql:
        report = import_cases(lotsen.frister, path, load_mapping(None), batch_size=2)
    assert [r.outcome for r in report.rows] == ["skapad"] * 7 + ["uppdaterad", "avslutad"]
    assert not any("LIKE" in s.upper() for s in sql)
    with lotsen.db.read() as s:
        deadlines = {d.case_ref: d for d in s.exec(select(CaseDeadline))}
        erik = s.exec(select(Person).where(Person.key == "hl.erik")).one()
        planned = list(s.exec(select(OutboxMessage).where(col(OutboxMessage.status) == "pending")))
    assert len(deadlines) == 7 and deadlines["SN 2026/0003"].handlaggare_id == erik.id
    assert deadlines["SN 2026/0005"].status == "klar"
    assert {o.subject for o in planned} <= {f"frist:{d.id}" for d in deadlines.values() if d.status == "aktiv"}
    assert all(o.recipient_id == erik.id for o in planned if o.subject == f"frist:{deadlines['SN 2026/0003'].id}")


def test_a_new_deadline_cancels_nothing_and_a_change_cancels_by_subject(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    from bot.frist.service import RegisterInput

    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        with statements(lotsen) as sql:
            deadline = lotsen.frister.register(people["hl.lina"], RegisterInput(
                "SN 2026/0001", "utredning", date(2026, 11, 20)), channel="t")
        assert not any(s.lstrip().upper().startswith("UPDATE OUTBOX") for s in sql)
        with statements(lotsen) as sql:
            lotsen.frister.extend(people["hl.lina"], deadline.id or 0, date(2027, 6, 1), "Beslut om förlängning",
                                  None, channel="t")
    cancels = [s for s in sql if s.lstrip().upper().startswith("UPDATE OUTBOX")]
    assert len(cancels) == 1 and "outbox.subject =" in cancels[0] and "LIKE" not in cancels[0].upper()
