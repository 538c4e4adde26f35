"""One entry for every output format."""

from __future__ import annotations

from bot.statistik import texts as t
from bot.statistik.model import Report

FORMATS = ("xlsx", "csv", "png", "docx")


def render(report: Report, fmt: str) -> bytes:
    if fmt == "csv":
        from bot.statistik import render_csv

        return render_csv.render(report)
    if fmt == "xlsx":
        from bot.statistik import render_xlsx

        return render_xlsx.render(report)
    if fmt == "docx":
        from bot.statistik import render_docx

        return render_docx.render(report)
    if fmt == "png":
        from bot.statistik import charts

        return charts.overview_png(report)
    raise ValueError(t.ERR_FORMAT.format(fmt=fmt))
