"""Reading each format, splitting sections, finding the title, and the header block written many ways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.demo.seed import DEMO_CATALOGUE
from bot.rutiner.extract import Line, UnreadableDocument, extract, find_title, split_sections
from bot.rutiner.metadata import match_label, parse_metadata

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def headings(path: Path) -> list[str]:
    return [s.heading for s in extract(path).sections]


def test_each_demo_format_becomes_titled_sections_without_the_header_block() -> None:
    assert headings(DEMO_CATALOGUE / "rutin_avvikelser.md") == [
        "Syfte", "Vad är en avvikelse", "Så rapporterar du", "Utredning och tidsfrist", "Återkoppling och uppföljning"]
    assert headings(DEMO_CATALOGUE / "utredning_bbic.html")[:2] == ["Utredningstid", "Utredningsplan"]
    assert headings(DEMO_CATALOGUE / "omedelbar_skyddsbedomning.txt") == ["När", "Dokumentation", "Behov av skydd"]
    assert headings(DEMO_CATALOGUE / "ej_verkstallda_beslut.txt") == ["Vilka beslut", "Hur och när"]
    assert headings(DEMO_CATALOGUE / "aktgranskning.pdf") == ["Syfte", "Urval och genomförande", "Resultat"]
    doc = extract(DEMO_CATALOGUE / "rutin_lex_sarah.docx")
    assert doc.title == "Rutin för lex Sarah"
    assert "Bedömning och anmälan till IVO" in [s.heading for s in doc.sections]
    text = " ".join(s.text for s in doc.sections)
    assert "Fastställd" not in text and "SN 2025/0102" not in text  # the header block is metadata, not content
    assert (doc.metadata.owner, doc.metadata.diarienummer, doc.metadata.version) == (
        "Verksamhetschef barn och familj", "SN 2025/0102", "2.0")


def test_the_pdf_has_real_text() -> None:
    from pypdf import PdfReader

    text = PdfReader(str(DEMO_CATALOGUE / "aktgranskning.pdf")).pages[0].extract_text()
    assert "Kvalitetsenheten drar ett slumpmässigt urval av akter" in text.replace("\n", " ")


def test_word_headings_tables_and_the_page_header(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Diarienummer: SN 2026/0099"
    document.add_heading("Rutin för test", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dokumentägare", "Enhetschef X"
    table.cell(1, 0).text, table.cell(1, 1).text = "Revideras senast", "2027-05-01"
    document.add_heading("Ansvar", level=2)
    document.add_paragraph("Teamledaren ansvarar.")
    grid = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["Åtgärd", "Ansvarig", "Klart"]):
        grid.cell(0, i).text = text
    for i, text in enumerate(["Ring familjen", "Handläggaren", "2027-01-10"]):
        grid.cell(1, i).text = text
    path = tmp_path / "test.docx"
    document.save(str(path))
    doc = extract(path)
    assert doc.title == "Rutin för test" and [s.heading for s in doc.sections] == ["Ansvar"]
    assert "Åtgärd | Ansvarig | Klart" in doc.sections[0].text  # a table in the body stays searchable
    assert "Ring familjen | Handläggaren | 2027-01-10" in doc.sections[0].text
    meta = doc.metadata
    assert (meta.owner, meta.valid_until, meta.diarienummer) == ("Enhetschef X", date(2027, 5, 1), "SN 2026/0099")


@pytest.mark.parametrize("header", [
    "Fastställd av: Socialnämnden\nFastställd datum: 2025-01-01\nGiltig till: 2027-01-01\nDokumentägare: EC\n",
    "Fastställd av\tSocialnämnden\nFastställd datum\t2025-01-01\nGiltig till\t2027-01-01\nDokumentägare\tEC\n",
    "Fastställd av\nSocialnämnden\n\nFastställd datum\n2025-01-01\n\nGiltig till\n2027-01-01\n\nDokumentägare\nEC\n",
    "Fastställd av | Socialnämnden | Giltig till | 2027-01-01\nFastställd datum | 2025-01-01 | Dokumentägare | EC\n",
])
def test_header_block_in_each_style(tmp_path: Path, header: str) -> None:
    path = tmp_path / "rutin.txt"
    path.write_text(f"Rutin för x\n\n{header}\n\nSyfte\n\nEn lång text om syftet här, och om vem som gör vad.\n",
                    encoding="utf-8")
    doc = extract(path)
    meta = doc.metadata
    assert (meta.approved_by, meta.approved_on, meta.valid_until, meta.owner) == (
        "Socialnämnden", date(2025, 1, 1), date(2027, 1, 1), "EC")
    assert doc.title == "Rutin för x" and [s.heading for s in doc.sections] == ["Syfte"]


def test_markdown_header_block_version_and_dnr_with_a_space(tmp_path: Path) -> None:
    path = tmp_path / "rutin.md"
    path.write_text("# Rutin\n\n**Revideras senast:** 2026-06-30  \nVersion 3.1  \nDnr SN 2024/17\n\n"
                    "## Syfte\n\nText.\n", encoding="utf-8")
    meta = extract(path).metadata
    assert (meta.valid_until, meta.version, meta.diarienummer) == (date(2026, 6, 30), "3.1", "SN 2024/17")


def test_metadata_at_the_end_is_found_when_the_start_has_none(tmp_path: Path) -> None:
    body = "\n\n".join(f"Avsnitt {i}\n\nHär står det en hel del om rutinens steg nummer {i}." for i in range(60))
    path = tmp_path / "rutin.txt"
    path.write_text(f"Rutin för slutet\n\n{body}\n\nDokumentinformation\nDokumentägare: Kvalitetsenheten\n"
                    "Giltig till: 2028-01-31\n", encoding="utf-8")
    meta = extract(path).metadata
    assert (meta.owner, meta.valid_until) == ("Kvalitetsenheten", date(2028, 1, 31))


def test_running_text_that_starts_like_a_label_is_neither_metadata_nor_dropped(tmp_path: Path) -> None:
    assert match_label("Ansvarig handläggare kontaktar familjen inom en vecka.") is None
    assert match_label("Ägaren av ärendet är teamledaren") is None
    assert match_label("Versionen som gäller finns på intranätet") is None
    assert match_label("Dokumentägare: Kvalitetsenheten") == ("owner", "Kvalitetsenheten")
    path = tmp_path / "rutin.md"
    path.write_text("# Rutin\n\n## Ansvar\n\nAnsvarig handläggare kontaktar familjen inom en vecka.\n",
                    encoding="utf-8")
    doc = extract(path)
    assert doc.metadata.owner is None
    assert "Ansvarig handläggare kontaktar familjen" in doc.sections[0].text


def test_a_header_later_in_a_report_is_not_the_reports_metadata() -> None:
    """Seed 001 is a reply to an audit with routines attached; the first routine's header block comes
    after pages of text, so it is not the metadata of the whole file. Read on its own, it is."""
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    doc = extract(SEEDS / "001_7df18b0522fd7f8d.txt")
    assert doc.title == "Svar på kommunrevisionens granskning av handläggningen inom barn och ungdomsvård"
    assert (doc.metadata.version, doc.metadata.valid_until) == (None, None)
    start = next(i for i, ln in enumerate(doc.lines) if ln.text.startswith("Ledningssystem för systematiskt"))
    meta = parse_metadata(doc.lines[start:])
    assert (meta.version, meta.diarienummer, meta.valid_until, meta.approved_on) == (
        "3.4", "SOCN/2022:31", date(2023, 3, 9), date(2022, 3, 9))


def test_text_files_with_markdown_headings_tab_tables_and_html_fragments(tmp_path: Path) -> None:
    path = tmp_path / "rapport.txt"
    path.write_text(
        "Handläggare\nAnna Andersson\n0480-12 34 56\n\n## TJÄNSTESKRIVELSE\n\nDatum\n2022-03-08\n\nSocialnämnden\n\n"
        "# Yttrande om tillsyn\n\n## Bakgrund\n\nNämnden har fått en begäran från IVO.\n\n"
        "Åtgärd\tAnsvarig\tKlart\n---------\t---------\t-----\nUtbildning\tEC\t2021-04-12\n\n"
        "<p>Säkerställa att <b>barnets</b> röst hörs</p> <ul><li>- genom samtal</li></ul>\n", encoding="utf-8")
    doc = extract(path)
    assert doc.title == "Yttrande om tillsyn"
    background = next(s for s in doc.sections if s.heading == "Bakgrund")
    assert "Åtgärd | Ansvarig | Klart" in background.text and "Utbildning | EC | 2021-04-12" in background.text
    assert "Säkerställa att barnets röst hörs" in background.text and "<" not in background.text
    assert "-----" not in background.text


@pytest.mark.parametrize(("lines", "title"), [
    (["Handläggare", "Johanna Svensson", "Telefon: 08-123 45", "Anna Forsström", "Till", "Socialnämnden",
      "2025-01-21", "", "Öppenvård barn 0-12 år", "", "Förslag till beslut"], "Öppenvård barn 0-12 år"),
    (["Omedelbar skyddsbedömning", "", "Fastställd av: EC"], "Omedelbar skyddsbedömning"),
    (["1 Kvalitetsberättelsen", "", "Enheten svarar för myndighetsutövning."], "Kvalitetsberättelsen"),
    (["", "", ""], "reserv"),
])
def test_title_of_letters_reports_and_routines(lines: list[str], title: str) -> None:
    assert find_title([Line(t) for t in lines], "reserv") == title


def test_headings_in_plain_text_are_not_table_cells_or_wrapped_lines() -> None:
    from bot.rutiner.extract import _plain

    text = ("Uppföljning av\nförhandsbedömningstid.\n\nGruppledare följer upp att\nförhandsbedömning görs\n\n"
            "Har brister identifierats?\n\nJa Nej\n\nKommentar:\n\nAnsvar och roller\n\n"
            "Enhetschefen ansvarar för att rutinen är känd och följs av alla.\n")
    found = [ln.text for ln in _plain(text) if ln.heading_level]
    assert found == ["Ansvar och roller"]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("trasig.docx", b"not a zip file", "kunde inte läsas som docx"),
    ("trasig.pdf", b"%PDF-1.4 garbage", "pdf"),
    ("tom.md", b"   \n\n", "ingen text"),
    ("tabell.xlsx", b"PK", "kalkylblad stöds inte"),
    ("gammal.doc", b"\xd0\xcf\x11\xe0", "spara om filen som .docx"),
    ("binar.txt", b"abc\x00\x01\x02" * 10, "binär"),
    ("bara_huvud.md", b"# Rutin\n\nFastst\xc3\xa4lld av: EC\nVersion: 1.0\n", "bara ett sidhuvud"),
])
def test_unreadable_files_say_why_in_swedish(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        extract(path)


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gammal.txt"
    path.write_bytes("Rutin för åtgärder\n\nSyfte\n\nÅtgärder följs upp av enhetschefen varje år.\n".encode("cp1252"))
    doc = extract(path)
    assert doc.title == "Rutin för åtgärder" and "Åtgärder följs upp" in doc.sections[0].text


def test_html_fragments_scripts_and_a_page_title(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_text("<div><h1>Rutin</h1><script>var x=1;</script><p>Text <b>fet</b> här.</p>"
                    "<table><tr><td>A</td><td>B</td></tr></table><ul><li>punkt</li></ul></div>", encoding="utf-8")
    doc = extract(path)
    text = " ".join(s.text for s in doc.sections)
    assert doc.title == "Rutin" and "var x" not in text and "Text fet här." in text and "A | B" in text
    assert "• punkt" in text
    fragment = tmp_path / "y.htm"
    fragment.write_text("<html><head><title>Rutin för tolk</title></head><body><p>Boka tolk i god tid.</p>"
                        "</body></html>", encoding="utf-8")
    assert extract(fragment).title == "Rutin för tolk"


@given(st.lists(st.sampled_from(["# Rubrik", "## Del", "Fastställd av: X", "Version 2", "", "Text här.",
                                 "Åtgärd\tAnsvarig", "<p>html</p>", "Giltig till", "2027-01-01", "•  punkt",
                                 "Handläggare", "| a | b |", "|---|---|"]) | st.text(max_size=60), max_size=40))
def test_any_lines_split_into_sections_without_error(lines: list[str]) -> None:
    from bot.rutiner.extract import _markdown, _plain

    for parsed in (_plain("\n".join(lines)), _markdown("\n".join(lines))):
        document = split_sections(parsed, "reserv")
        assert document.title
        assert all(s.text.strip() and s.heading for s in document.sections)
        assert all(i < len(parsed) for i in document.metadata.consumed)
