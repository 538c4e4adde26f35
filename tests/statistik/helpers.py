"""Small hand-made datasets for the pure report functions."""

from __future__ import annotations

from datetime import date, timedelta

from bot.statistik.source import AvvRow, Dataset, DeadlineRow, LexRow, UnitInfo

UNITS = {1: UnitInfo(1, "A", "Enhet A", None, None), 2: UnitInfo(2, "B", "Enhet B", None, None),
         3: UnitInfo(3, "C", "Enhet C", None, None), 4: UnitInfo(4, "D", "Enhet D", None, None)}


def avv(n: int, unit: int, reported: date, *, closed_after: int | None = 10, category: str = "Dokumentation",
        feedback: bool = True) -> AvvRow:
    closed = reported + timedelta(days=closed_after) if closed_after is not None else None
    return AvvRow(f"AVV-{reported.year}-{n:04d}", reported, unit, category, "organisatorisk", "intern",
                  "avslutad" if closed else "under_utredning", reported + timedelta(weeks=6), closed, feedback)


def deadline(ident: int, kind: str, unit: int | None, start: date, last_day: date, decided: date | None, *,
             due: date | None = None, reason: str | None = None, status: str | None = None) -> DeadlineRow:
    return DeadlineRow(ident, kind, unit, 1, start, last_day, last_day, due or last_day, decided,
                       status or ("klar" if decided else "aktiv"), None, reason)


def lex(n: int, unit: int, reported: date, assessment: str | None = "inget") -> LexRow:
    return LexRow(f"LXS-{reported.year}-{n:04d}", reported, unit, "bedömd", assessment,
                  reported + timedelta(days=20) if assessment else None, None)


def small_dataset() -> Dataset:
    """2026T2: unit A 1 avvikelse, B 2, C 3, D none; nothing in 2026T1; one lex Sarah report;
    3 förhandsbedömningar met, 2 utredningar (one late)."""
    day = date(2026, 5, 10)
    rows = [avv(1, 1, day)] + [avv(2 + i, 2, day) for i in range(2)] + [avv(4 + i, 3, day) for i in range(3)]
    fhb = [deadline(i, "forhandsbedomning", 1, day, day + timedelta(days=14), day + timedelta(days=5))
           for i in range(1, 4)]
    utr = [deadline(10, "utredning", 2, date(2026, 2, 1), date(2026, 6, 1), date(2026, 5, 20)),
           deadline(11, "utredning", 2, date(2026, 2, 1), date(2026, 6, 1), date(2026, 6, 20))]
    return Dataset(units=UNITS, avvikelser=rows, lex_sarah=[lex(1, 1, day)], deadlines=fhb + utr)
