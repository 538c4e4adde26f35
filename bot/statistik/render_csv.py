"""The report as one CSV in long form: tabell, rad, kolumn, värde (one line per cell; "<3" as text)."""

from __future__ import annotations

import csv
import io

from bot.statistik.model import Report

HEADER = ("tabell", "rad", "kolumn", "värde")


def render(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for table in report.tables():
        for row in table.rows:
            label = " / ".join(str(c) for c in row[: _label_width(table.columns)])
            for name, cell in zip(table.columns, row, strict=True):
                if name in table.columns[: _label_width(table.columns)]:
                    continue
                writer.writerow((table.key, label, name, "" if cell is None else cell))
    return out.getvalue().encode("utf-8")


def _label_width(columns: tuple[str, ...]) -> int:
    """Leading label columns: one, or two for per-kind-and-unit tables."""
    from bot.statistik import texts as t

    return 2 if columns[:2] == (t.COL_KIND, t.COL_UNIT) else 1
