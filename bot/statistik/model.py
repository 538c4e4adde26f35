"""The neutral shape of a report: sections with a short text, tables and charts, already suppressed.

Renderers (CSV, Excel, Word, PNG) only lay these out; every number in here has passed `suppression`,
so no renderer can show a small count by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.statistik.suppression import Cell


@dataclass(frozen=True)
class Table:
    key: str  # short ASCII name: Excel sheet name, CSV `tabell`
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def column(self, name: str) -> list[Cell]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """A chart drawn from one table: bars of one column, lines of several, or shares against targets."""

    key: str
    title: str
    kind: str  # bars | lines | compliance
    table: str  # Table.key
    label_column: str
    value_columns: tuple[str, ...]
    target_column: str | None = None
    y_label: str = ""
    reference_lines: tuple[tuple[str, float], ...] = ()  # (label, value): targets drawn across a line chart


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    period_label: str
    start: date
    end: date
    scope: str  # "Alla enheter" or the unit's name
    generated: date
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables() if t.key == key)

    def charts(self) -> list[Chart]:
        return [c for s in self.sections for c in s.charts]
