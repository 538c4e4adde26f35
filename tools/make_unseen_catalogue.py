"""Render the unseen evaluation catalogue (tools/unseen_routines.py) into benchmarks/rutiner/unseen/catalogue/.

Run: `.venv/bin/python tools/make_unseen_catalogue.py [TARGET]`.

Word files get real styles (Title, Heading 1), a document-information table and the municipality in
the page header; PDFs (fpdf2, A6) get a running page header and footer on every page, the title in
the largest type on page 1 and headings in bold, larger type, with a PDF Title that is the template's
name rather than the routine's (as Word exports often have); Markdown a metadata table; text files
"Label: value" lines and numbered or plain headings.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from unseen_routines import ROUTINES

TARGET = Path(__file__).resolve().parents[1] / "benchmarks" / "rutiner" / "unseen" / "catalogue"
MUNICIPALITY = "Sjöviks kommun – Socialförvaltningen"
FIXED = datetime(2026, 1, 1, tzinfo=UTC)


def _numbered(i: int, heading: str) -> str:
    return heading if heading[:1].isdigit() or heading in ("Relaterade dokument", "Lagstöd") else f"{i}. {heading}"


def write_docx(path: Path, r: dict[str, Any]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Rutinmall IFO"
    document.core_properties.created = FIXED
    document.core_properties.modified = FIXED
    document.sections[0].header.paragraphs[0].text = MUNICIPALITY
    document.sections[0].footer.paragraphs[0].text = "Individ- och familjeomsorgen"
    document.add_paragraph(r["title"], style="Title")
    document.add_paragraph("Dokumentinformation", style="Heading 2")
    table = document.add_table(rows=0, cols=2)
    for label, value in r["meta"].items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for i, (heading, text) in enumerate(r["sections"], start=1):
        document.add_paragraph(_numbered(i, heading), style="Heading 1")
        document.add_paragraph(text)
        if r.get("table_after") == heading:
            rows = r["table"]
            t = document.add_table(rows=0, cols=len(rows[0]))
            for row in rows:
                for cell, value in zip(t.add_row().cells, row, strict=True):
                    cell.text = value
    document.save(str(path))


def _latin1(text: str) -> str:
    return text.replace("–", "-").replace("—", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def write_pdf(path: Path, r: dict[str, Any]) -> None:
    from fpdf import FPDF

    dnr = r["meta"].get("Dnr", "")

    class Routine(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=7)
            self.cell(0, 4, _latin1(MUNICIPALITY), new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 4, _latin1("Individ- och familjeomsorgen"), new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=7)
            self.cell(0, 4, _latin1(f"Sida {self.page_no()} av {{nb}}    {dnr}"), align="C")

    pdf = Routine(format=(105, 148))
    pdf.set_creation_date(FIXED)
    pdf.set_title("Microsoft Word - Rutinmall IFO.docx")
    pdf.set_auto_page_break(True, margin=16)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=17)
    pdf.multi_cell(0, 8, _latin1(r["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=8)
    for label, value in r["meta"].items():
        pdf.cell(0, 4, _latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for i, (heading, text) in enumerate(r["sections"], start=1):
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.multi_cell(0, 6, _latin1(_numbered(i, heading)), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


def write_md(path: Path, r: dict[str, Any]) -> None:
    rows = "\n".join(f"| {label} | {value} |" for label, value in r["meta"].items())
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in r["sections"])
    path.write_text(f"# {r['title']}\n\n| Uppgift | |\n|---|---|\n{rows}\n\n{body}\n", encoding="utf-8")


def write_txt(path: Path, r: dict[str, Any]) -> None:
    head = "\n".join(f"{label}: {value}" for label, value in r["meta"].items())
    body = "\n\n".join(f"{heading}\n{text}" for heading, text in r["sections"])
    path.write_text(f"{r['title'].upper()}\n\n{head}\n\n\n{body}\n", encoding="utf-8")


WRITERS = {".docx": write_docx, ".pdf": write_pdf, ".md": write_md, ".txt": write_txt}


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        old.unlink()
    for r in ROUTINES:
        path = target / r["file"]
        WRITERS[path.suffix](path, r)
    print(f"{len(ROUTINES)} routines written to {target}")


if __name__ == "__main__":
    main()
