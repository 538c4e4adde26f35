"""Render tools/demo_routines.py into bot/rutiner/demo_catalogue/ (run after editing the routines).

Markdown, text and HTML are written as text; Word files with python-docx (header block as a table,
real heading styles); PDF as a small hand-built file with real text (Helvetica, WinAnsi), so pypdf
can extract it.
"""

from __future__ import annotations

import html
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_routines import ROUTINES

OUT = Path(__file__).resolve().parents[1] / "bot" / "rutiner" / "demo_catalogue"


def write_md(path: Path, title: str, header: dict[str, str], sections: list[tuple[str, str]]) -> None:
    lines = [f"# {title}", ""] + [f"**{k}:** {v}  " for k, v in header.items()] + [""]
    for heading, text in sections:
        lines += [f"## {heading}", "", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_txt(path: Path, title: str, header: dict[str, str], sections: list[tuple[str, str]]) -> None:
    lines = [title, "", *(f"{k}: {v}" for k, v in header.items()), ""]
    for heading, text in sections:
        lines += ["", heading, "", *textwrap.wrap(text, 90), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_html(path: Path, title: str, header: dict[str, str], sections: list[tuple[str, str]]) -> None:
    rows = "\n".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in header.items())
    body = "\n".join(f"<h2>{html.escape(h)}</h2>\n<p>{html.escape(t)}</p>" for h, t in sections)
    path.write_text(
        f"<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
        f"<style>th{{text-align:left}}</style></head>\n<body>\n<nav>Intranät · Styrande dokument</nav>\n"
        f"<h1>{html.escape(title)}</h1>\n<table>\n{rows}\n</table>\n{body}\n<footer>Kommunen</footer>\n"
        "</body></html>\n", encoding="utf-8")


def write_docx(path: Path, title: str, header: dict[str, str], sections: list[tuple[str, str]]) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties  # fixed, so regenerating gives the same bytes for the same text
    props.title, props.author, props.last_modified_by, props.revision = title, "Lotsen", "Lotsen", 1
    props.created = props.modified = datetime(2025, 1, 1, tzinfo=UTC)
    document.add_heading(title, level=1)
    table = document.add_table(rows=0, cols=2)
    for key, value in header.items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    for heading, text in sections:
        document.add_heading(heading, level=2)
        document.add_paragraph(text)
    document.save(str(path))


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path: Path, title: str, header: dict[str, str], sections: list[tuple[str, str]]) -> None:
    lines: list[tuple[int, str]] = [(16, title), (10, "")]
    lines += [(10, f"{k}: {v}") for k, v in header.items()]
    for heading, text in sections:
        lines += [(10, ""), (13, heading), (10, "")]
        lines += [(10, chunk) for chunk in textwrap.wrap(text, 85)]
    content = [b"BT", b"/F1 10 Tf", b"50 800 Td"]
    for size, text in lines:
        content += [f"/F1 {size} Tf".encode(), f"0 -{size + 6} Td".encode(), _pdf_string(text) + b" Tj"]
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _pdf_string(title) + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


WRITERS = {"md": write_md, "txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, fmt, title, header, sections in ROUTINES:
        WRITERS[fmt](OUT / f"{stem}.{fmt}", title, header, sections)
    print(f"{len(ROUTINES)} rutiner skrivna till {OUT}")


if __name__ == "__main__":
    main()
