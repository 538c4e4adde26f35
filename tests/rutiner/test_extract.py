"""Reading each format, splitting sections, and the header block written three ways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from lotsen.demo.seed import DEMO_CATALOGUE
from lotsen.rutiner.extract import UnreadableDocument, extract
from lotsen.rutiner.metadata import parse_metadata


def headings(path: Path) -> list[str]:
    return [s.heading for s in extract(path).sections]


def test_markdown_html_text_pdf_and_word_become_sections() -> None:
    assert headings(DEMO_CATALOGUE / "rutin_avvikelser.md")[1:] == [
        "Syfte", "Vad är en avvikelse", "Så rapporterar du", "Utredning och tidsfrist",
        "Återkoppling och uppföljning"]
    assert headings(DEMO_CATALOGUE / "utredning_bbic.html")[1:3] == ["Utredningstid", "Utredningsplan"]
    assert headings(DEMO_CATALOGUE / "omedelbar_skyddsbedomning.txt")[1:] == ["När", "Dokumentation",
                                                                            "Behov av skydd"]
    assert headings(DEMO_CATALOGUE / "aktgranskning.pdf")[1:] == ["Syfte", "Urval och genomförande", "Resultat"]
    doc = extract(DEMO_CATALOGUE / "rutin_lex_sarah.docx")
    assert doc.title == "Rutin för lex Sarah"
    assert "Bedömning och anmälan till IVO" in [s.heading for s in doc.sections]
    assert "skickar" not in doc.title


def test_word_headings_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Rutin för test", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dokumentägare", "Enhetschef X"
    table.cell(1, 0).text, table.cell(1, 1).text = "Revideras senast", "2027-05-01"
    document.add_heading("Ansvar", level=2)
    document.add_paragraph("Teamledaren ansvarar.")
    grid = document.add_table(rows=1, cols=3)
    for i, text in enumerate(["Åtgärd", "Ansvarig", "Klart"]):
        grid.cell(0, i).text = text
    path = tmp_path / "test.docx"
    document.save(str(path))
    doc = extract(path)
    assert [s.heading for s in doc.sections][-1] == "Ansvar"
    assert "Åtgärd | Ansvarig | Klart" in doc.sections[-1].text
    meta = parse_metadata(doc.lines)
    assert (meta.owner, meta.valid_until) == ("Enhetschef X", date(2027, 5, 1))


@pytest.mark.parametrize("header", [
    "Fastställd av: Socialnämnden\nFastställd datum: 2025-01-01\nGiltig till: 2027-01-01\nDokumentägare: EC\n",
    "Fastställd av\tSocialnämnden\nFastställd datum\t2025-01-01\nGiltig till\t2027-01-01\nDokumentägare\tEC\n",
    "Fastställd av\nSocialnämnden\n\nFastställd datum\n2025-01-01\n\nGiltig till\n2027-01-01\n\nDokumentägare\nEC\n",
])
def test_header_block_in_each_style(tmp_path: Path, header: str) -> None:
    path = tmp_path / "rutin.txt"
    path.write_text(f"Rutin för x\n\n{header.replace(chr(9), ': ')}\n\nSyfte\n\nEn lång text om syftet här.\n",
                    encoding="utf-8")
    meta = parse_metadata(extract(path).lines)
    assert (meta.approved_by, meta.approved_on, meta.valid_until, meta.owner) == (
        "Socialnämnden", date(2025, 1, 1), date(2027, 1, 1), "EC")


def test_seed_style_header_with_value_on_the_next_line() -> None:
    seed = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "001_7df18b0522fd7f8d.txt"
    if not seed.exists():
        pytest.skip("shared/seeds not beside the repository")
    meta = parse_metadata(extract(seed).lines, limit=200)
    assert meta.version == "3.4" and meta.diarienummer == "SOCN/2022:31" and meta.valid_until == date(2023, 3, 9)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("trasig.docx", b"not a zip file", "kunde inte läsas som docx"),
    ("trasig.pdf", b"%PDF-1.4 garbage", "pdf"),
    ("tom.md", b"   \n\n", "ingen text"),
    ("tabell.xlsx", b"PK", "stöds inte"),
])
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        extract(path)


def test_html_fragments_and_scripts(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_text("<div><h1>Rutin</h1><script>var x=1;</script><p>Text <b>fet</b> här.</p>"
                    "<table><tr><td>A</td><td>B</td></tr></table><ul><li>punkt</li></ul></div>", encoding="utf-8")
    doc = extract(path)
    text = " ".join(s.text for s in doc.sections)
    assert doc.title == "Rutin" and "var x" not in text and "Text fet här." in text and "A | B" in text
    assert "• punkt" in text
