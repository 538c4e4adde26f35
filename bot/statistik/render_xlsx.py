"""The report as an Excel workbook (openpyxl): one sheet per table, real numbers in cells, the chart beside."""

from __future__ import annotations

import io

from bot.statistik import charts
from bot.statistik.model import Chart, Report

HEADER_FONT_BOLD = True
IMAGE_ROWS = 22  # a chart (6.4 × 3.6 in at 110 dpi) covers about 20 rows; the next one goes below it


def render(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    charts_by_table: dict[str, list[Chart]] = {}
    for chart in report.charts():
        charts_by_table.setdefault(chart.table, []).append(chart)
    for table in report.tables():
        sheet = book.create_sheet(table.key[:31])
        sheet.append([f"{table.title}, {report.period_label} ({report.scope})"])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=HEADER_FONT_BOLD)
        for row in table.rows:
            sheet.append(list(row))  # ints and floats stay numbers; "<3" stays text
        for i, name in enumerate(table.columns, start=1):
            width = max([len(str(name))] + [len(str(r[i - 1])) for r in table.rows]) + 2
            sheet.column_dimensions[get_column_letter(i)].width = min(width, 40)
        sheet.freeze_panes = "A3"
        for n, chart in enumerate(charts_by_table.get(table.key, [])):
            image = Image(io.BytesIO(charts.chart_png(report, chart)))
            sheet.add_image(image, f"{get_column_letter(len(table.columns) + 2)}{2 + n * IMAGE_ROWS}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
