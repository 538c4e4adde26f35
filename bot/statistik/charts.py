"""Charts drawn from report tables with matplotlib (Agg backend, imported only when a chart is drawn).

The tables are already suppressed, so a chart cannot show a small count: a "<3" bar is drawn flat
and labelled "<3", a "<3" point on a trend line is left out and labelled.
"""

from __future__ import annotations

import io
from typing import Any

from bot.statistik import texts as t
from bot.statistik.model import Chart, Report, Table
from bot.statistik.suppression import Cell, is_suppressed, show

DPI = 110


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _number(cell: Cell) -> float:
    return float(cell) if isinstance(cell, int | float) else 0.0


def _bars(ax: Any, table: Table, chart: Chart) -> None:
    labels = [str(c) for c in table.column(chart.label_column)]
    cells = table.column(chart.value_columns[0])
    heights = [_number(c) for c in cells]
    bars = ax.bar(range(len(labels)), heights, color="#1d4f6e")
    for bar, cell in zip(bars, cells, strict=True):
        ax.annotate(show(cell), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                    va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right", fontsize=8)


def _lines(ax: Any, table: Table, chart: Chart) -> None:
    x_labels = [str(c) for c in table.column(chart.label_column)]
    xs = list(range(len(x_labels)))
    for name in chart.value_columns:
        cells = table.column(name)
        ys = [float("nan") if not isinstance(c, int | float) else float(c) for c in cells]
        ax.plot(xs, ys, marker="o", label=name)
        for x, y, cell in zip(xs, ys, cells, strict=True):
            if is_suppressed(cell):
                ax.annotate(show(cell), (x, 0), ha="center", va="bottom", fontsize=8)
            elif cell is not None:
                ax.annotate(show(cell), (x, y), ha="center", va="bottom", fontsize=8, xytext=(0, 3),
                            textcoords="offset points")
    for (label, value), style in zip(chart.reference_lines, ("dashed", "dotted", "dashdot"), strict=False):
        ax.axhline(value, color="#c0392b", linestyle=style, linewidth=1, label=label)
    ax.set_xticks(xs, x_labels, fontsize=8)
    ax.set_ylim(bottom=0, top=105 if chart.y_label == "%" else None)
    ax.legend(fontsize=8)


def _compliance(ax: Any, table: Table, chart: Chart) -> None:
    _bars(ax, table, chart)
    targets = table.column(chart.target_column) if chart.target_column else []
    for i, target in enumerate(targets):
        if isinstance(target, int | float):
            ax.hlines(float(target), i - 0.45, i + 0.45, colors="#c0392b", linestyles="dashed",
                      label=t.CHART_TARGET if i == 0 or not ax.get_legend_handles_labels()[1] else None)
    ax.set_ylim(0, 105)
    if any(isinstance(x, int | float) for x in targets):
        ax.legend(fontsize=8)


DRAW = {"bars": _bars, "lines": _lines, "compliance": _compliance}


def _draw(ax: Any, report: Report, chart: Chart) -> None:
    table = report.table(chart.table)
    ax.set_title(chart.title, fontsize=10)
    ax.set_ylabel(chart.y_label)
    if not table.rows:
        ax.text(0.5, 0.5, "Inga uppgifter", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        return
    DRAW[chart.kind](ax, table, chart)


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    _pyplot().close(fig)
    return buffer.getvalue()


def figure(report: Report, chart: Chart) -> Any:
    """The matplotlib figure of one chart (tests read its labels; `chart_png` saves it)."""
    fig, ax = _pyplot().subplots(figsize=(6.4, 3.6), layout="constrained")  # cheaper than tight_layout
    _draw(ax, report, chart)
    return fig


def chart_png(report: Report, chart: Chart) -> bytes:
    return _png(figure(report, chart))


def overview_png(report: Report) -> bytes:
    """All charts of the report in one picture, for `--format png` and chat."""
    plt = _pyplot()
    charts = report.charts()
    fig, axes = plt.subplots(len(charts), 1, figsize=(7.5, 3.4 * len(charts)), squeeze=False,
                             layout="constrained")
    fig.suptitle(f"{report.title}, {report.period_label} ({report.scope})", fontsize=11)
    for ax, chart in zip(axes[:, 0], charts, strict=True):
        _draw(ax, report, chart)
    return _png(fig)
