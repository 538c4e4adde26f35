"""The report for the nämnd as a Word document (python-docx): headings, a short text per section,
tables and charts."""

from __future__ import annotations

import io

from bot.statistik import charts
from bot.statistik.model import Report
from bot.statistik.suppression import show


def render(report: Report) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(f"{report.title} {report.period_label}", level=0)
    doc.add_paragraph(f"{report.scope}. {report.start.isoformat()} – {report.end.isoformat()}. "
                      f"Framtagen {report.generated.isoformat()} av Lotsen.")
    for section in report.sections:
        doc.add_heading(section.heading, level=1)
        doc.add_paragraph(section.text)
        for table in section.tables:
            doc.add_heading(table.title, level=2)
            grid = doc.add_table(rows=1, cols=len(table.columns))
            grid.style = "Light Grid Accent 1"
            for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
                cell.text = name
            for row in table.rows:
                cells = grid.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = show(value)
        for chart in section.charts:
            doc.add_picture(io.BytesIO(charts.chart_png(report, chart)), width=Cm(15))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
