"""Read routine documents as municipalities keep them: Word, PDF, Markdown, plain text, HTML.

Each reader returns the document's lines with headings marked, so one splitter makes sections for
every format. Word headings come from paragraph styles and tables become "cell | cell" rows (the page
header and footer are read for the header block only); HTML headings from h1–h6 (scripts, styles,
navigation dropped); Markdown from `#`; plain text and PDF from `#` lines or heading-like lines (short,
set apart, followed by running text, or numbered like "3.2 Ansvar"). Tab-separated rows in text
files become "cell | cell" rows too, and stray HTML tags are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.rutiner.metadata import Line, Metadata, match_label, parse_metadata

__all__ = ["SUPPORTED", "ExtractedDocument", "Line", "Section", "UnreadableDocument", "extract", "read_lines",
           "split_sections"]

SUPPORTED = {".docx", ".pdf", ".md", ".markdown", ".txt", ".text", ".html", ".htm"}
# Formats people keep next to routines, with what to do about them.
UNSUPPORTED_HINTS = {
    ".doc": "äldre Word-format (.doc); spara om filen som .docx",
    ".rtf": "RTF stöds inte; spara om filen som .docx",
    ".odt": "OpenDocument stöds inte; spara om filen som .docx eller PDF",
    ".pptx": "presentationer stöds inte",
    ".xlsx": "kalkylblad stöds inte",
    ".xls": "kalkylblad stöds inte",
}
# Files that operating systems and Word leave in folders: never routines, never worth a warning.
IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


class UnreadableDocument(Exception):
    """The file cannot be read; the message says why, in Swedish."""


@dataclass
class Section:
    heading: str
    text: str


@dataclass
class ExtractedDocument:
    title: str
    lines: list[Line]
    sections: list[Section] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)


def unsupported_reason(suffix: str) -> str:
    return UNSUPPORTED_HINTS.get(suffix.lower(), f"filtypen {suffix or '(ingen)'} stöds inte")


def read_lines(path: Path) -> list[Line]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableDocument(unsupported_reason(suffix))
    try:
        if suffix == ".docx":
            return _docx(path)
        if suffix == ".pdf":
            return _pdf(path)
        if suffix in (".html", ".htm"):
            return _html(_read_text(path))
        if suffix in (".md", ".markdown"):
            return _markdown(_read_text(path))
        return _plain(_read_text(path))
    except UnreadableDocument:
        raise
    except Exception as exc:  # a broken file of a supported type: report it, keep indexing the rest
        raise UnreadableDocument(f"filen kunde inte läsas som {suffix.lstrip('.')} ({exc.__class__.__name__})") from exc


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument("filen ser ut att vara binär, inte text")
    for encoding in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("teckenkodningen känns inte igen")


def _docx(path: Path) -> list[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[Line] = []

    def table_rows(table: Table, furniture: bool = False) -> list[Line]:
        rows: list[Line] = []
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                value = " ".join(cell.text.split())
                if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                    cells.append(value)
            if cells:
                rows.append(Line(" | ".join(cells), furniture=furniture))
        return rows

    # The page header and footer of the first section often hold the header block of a template.
    first = document.sections[0] if len(document.sections) else None
    if first is not None:
        for part in (first.header, first.footer):
            if part.is_linked_to_previous:  # no header or footer of its own
                continue
            lines.extend(Line(p.text.strip(), furniture=True) for p in part.paragraphs if p.text.strip())
            for table in part.tables:
                lines.extend(table_rows(table, furniture=True))

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if not text:
                lines.append(Line(""))
                continue
            style = (para.style.name if para.style is not None else "") or ""
            level = 0
            if style.lower().startswith(("heading", "rubrik")):
                digits = re.findall(r"\d", style)
                level = int(digits[0]) if digits else 1
            elif style.lower() in ("title", "rubrik"):
                level = 1
            lines.append(Line(text, level))
        elif tag == "tbl":
            lines.extend(table_rows(Table(child, document)))
            lines.append(Line(""))
    return lines


def _pdf(path: Path) -> list[Line]:
    """With layout (bot/rutiner/pdf_layout.py): title, headings and running headers from type sizes
    and repetition; a PDF whose layout cannot be read falls back to its plain text."""
    from pypdf import PdfReader

    from bot.rutiner.pdf_layout import layout_lines

    text = _pdf_text(path)  # checks that the file is readable and holds text; reports why not
    try:
        lines = layout_lines(PdfReader(str(path)))
    except Exception:  # an odd content stream: the plain text still serves
        lines = []
    if not any(ln.text.strip() and not ln.furniture for ln in lines):
        return _plain(text)
    return lines


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # A broken PDF is reported once, by name, in the index report; pypdf's own warnings are noise there.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableDocument("pdf-filen är lösenordsskyddad")
            except (NotImplementedError, PdfReadError) as exc:
                raise UnreadableDocument("pdf-filen är lösenordsskyddad") from exc
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except PdfReadError as exc:
        raise UnreadableDocument("pdf-filen är skadad eller ofullständig") from exc
    if not text.strip():
        raise UnreadableDocument("pdf-filen innehåller ingen text (inskannad bild?)")
    return text


def _html(source: str) -> list[Line]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(source, "html.parser")
    title_tag = soup.find("title")
    page_title = " ".join(title_tag.get_text().split()) if title_tag is not None else ""
    for tag in soup(["script", "style", "nav", "footer", "head", "noscript"]):
        tag.decompose()
    lines: list[Line] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "div", "dt", "dd"]):
        if element.name == "div" and element.find(["p", "div", "h1", "h2", "h3", "h4", "table", "ul", "ol", "dl"]):
            continue  # only leaf divs carry text of their own
        if element.name in ("p", "li", "div") and element.find_parent(["li", "tr"]) is not None:
            continue
        if element.name == "tr":
            cells = [" ".join(c.get_text(" ").split()) for c in element.find_all(["td", "th"])]
            text = " | ".join(c for c in cells if c)
        else:
            text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        level = int(element.name[1]) if element.name.startswith("h") and len(element.name) == 2 else 0
        lines.append(Line(("• " + text) if element.name == "li" else text, level))
        if level == 0:
            lines.append(Line(""))
    if page_title and not any(ln.heading_level == 1 for ln in lines):
        lines.insert(0, Line(page_title, 1))
    return lines


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def _markdown(source: str) -> list[Line]:
    lines: list[Line] = []
    for raw in source.splitlines():
        m = _MD_HEADING.match(raw)
        if m and m.group(2).strip():
            lines.append(Line(_inline_markdown(m.group(2)).strip(), len(m.group(1))))
            continue
        text = raw.strip()
        if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", text):
            continue  # the rule under a table's header row
        if text.startswith("|") and text.endswith("|") and text.count("|") >= 2:
            text = " | ".join(c.strip() for c in text.strip("|").split("|") if c.strip())
        text = re.sub(r"^\s*[-*+]\s+", "• ", text)
        lines.append(Line(_inline_markdown(text)))
    return lines


def _inline_markdown(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])", r"\1", text)
    return text.replace("`", "")


_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?)\s+\S")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LABEL_LINE = re.compile(r"^[^:]{2,40}:\s")
# A line ending in one of these words runs on: a wrapped sentence or a table cell, not a heading.
_RUNS_ON = frozenset((
    "att", "av", "med", "som", "och", "för", "i", "på", "till", "om", "de", "den", "det", "en", "ett",
    "är", "har", "samt", "eller", "vid", "från", "inom", "efter", "under", "kan", "ska", "skall", "gör", "hos",
    "vilka", "vilket", "vilken", "men", "både", "än", "mot", "utan", "genom", "enligt", "inför",
    "the", "of", "and", "to",
))


def _clean_plain(line: str) -> str:
    text = html.unescape(_HTML_TAG.sub(" ", line))
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    if "\t" in text:
        cells = [" ".join(c.split()) for c in text.split("\t")]
        cells = [c for c in cells if c]
        text = " | ".join(cells)
    if re.fullmatch(r"[\s|:+]*[-=_]{3,}[-=_\s|:+]*", text):
        return ""  # a ruler under a table header or between parts
    return " ".join(text.split())


def _plain(source: str) -> list[Line]:
    """Plain text (and PDF text): a heading is a `#` line, or a short line set apart from what surrounds it."""
    raw_lines = [_clean_plain(line) for line in source.splitlines()]
    lines: list[Line] = []
    for i, text in enumerate(raw_lines):
        if not text:
            lines.append(Line(""))
            continue
        m = _MD_HEADING.match(text)
        if m and m.group(2).strip():
            lines.append(Line(m.group(2).strip(), len(m.group(1))))
            continue
        before = raw_lines[i - 1] if i > 0 else ""
        previous = next((t for t in reversed(raw_lines[max(0, i - 3) : i]) if t), "")
        after = next((t for t in raw_lines[i + 1 : i + 3] if t), "")
        words = text.split()
        looks_like_heading = (
            len(text) <= 80
            and (not before or before.endswith((".", "!")) or bool(_LABEL_LINE.match(before)) or before.startswith("#"))
            and not _LABEL_LINE.match(text)  # "Fastställd av: …" is a header row, not a heading
            and not previous.endswith("?")  # the answer to a question on a form ("Ja Nej")
            and after != ""
            and not text.endswith((".", ",", ";", ":", "?", "!", ")", "-", "–"))
            and (text[0].isupper() or bool(_NUMBERED.match(text)))
            and len(words) <= 10
            and "|" not in text
            and "..." not in text and "…" not in text
            and (len(words) == 1 or words[-1].lower() not in _RUNS_ON)
            and not after[0].islower()  # the sentence goes on on the next line
            and not re.search(r"\d{4}-\d{2}-\d{2}", text)
            and not (after.startswith("•") or after.startswith("- "))
            and len(after) > len(text) * 0.6  # followed by running text, not another label
        )
        lines.append(Line(text, 2 if looks_like_heading else 0))
    return lines


# Lines at the top of letters and reports (tjänsteskrivelser) that are not the title.
_LETTER_LABELS = frozenset((
    "handläggare", "datum", "ärendebeteckning", "diarienummer", "dnr", "till", "från", "telefon", "tel", "e-post",
    "epost", "mejl", "sida", "referens", "mottagare", "beslutsinstans", "kopia", "adress", "bilaga", "bilagor",
    "tjänsteskrivelse", "protokoll", "promemoria", "pm", "rapport", "utdrag", "sammanträdesdatum", "sammanträde",
    "paragraf", "version", "dokumenttyp", "dokumentnamn",
))


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-ZÅÄÖÉ][a-zåäöéü]+(-[A-ZÅÄÖÉ][a-zåäöéü]+)?", w)
                                        for w in words)


def _title_candidate(text: str) -> bool:
    lowered = text.lower().rstrip(":").strip()
    return (
        bool(re.search(r"[A-Za-zÅÄÖåäö]{3}", text))
        and len(text) <= 150
        and lowered not in _LETTER_LABELS
        and not _LABEL_LINE.match(text)
        and match_label(text) is None
        and not re.fullmatch(r"[\d\s()+/.,:-]+", text)  # dates, phone numbers, page numbers
        and not re.fullmatch(r"\S+(nämnden|styrelsen|fullmäktige)", lowered)  # the addressee
        and not (text.isupper() and len(text.split()) <= 2)  # TJÄNSTESKRIVELSE, PM
        and not _looks_like_name(text)
        and not text.endswith((".", ":", ","))
        and "|" not in text
    )


def find_title(lines: list[Line], fallback: str) -> str:
    """The first top-level heading; else the first line near the top that reads like a title, not a
    letter's label, date, addressee or signature; else the first line; else the file name."""
    top = next((ln.text for ln in lines if ln.heading_level == 1 and not ln.furniture), "")
    if top:
        return top
    texts = [ln.text.strip() for ln in lines if not ln.furniture]
    after_label = False
    for text in [t for t in texts if t][:40]:
        if text.lower().rstrip(":") in _LETTER_LABELS:
            after_label = True  # its value follows on the next line
            continue
        if after_label:
            after_label = False
            continue
        if _title_candidate(text):
            return re.sub(r"^\d{1,2}(\.\d{1,2})*\.?\s+", "", text) or text
    return next((t for t in texts if t and len(t) <= 150), fallback)


def split_sections(lines: list[Line], fallback_title: str) -> ExtractedDocument:
    """Header block read and set aside; title found; sections run from heading to heading."""
    metadata = parse_metadata(lines)
    content = [ln for i, ln in enumerate(lines) if i not in metadata.consumed and not ln.furniture]
    title = find_title(content, fallback_title)
    first = next((i for i, ln in enumerate(content) if ln.text.strip()), None)
    if first is not None and not content[first].heading_level and content[first].text.strip() == title:
        content = content[first + 1 :]  # the title line of a text file is the title, not a passage
    sections: list[Section] = []
    heading = title
    buffer: list[str] = []
    for ln in content:
        if ln.heading_level:
            if any(b.strip() for b in buffer):
                sections.append(Section(heading, _join(buffer)))
            heading, buffer = ln.text, []
        else:
            buffer.append(ln.text)
    if any(b.strip() for b in buffer):
        sections.append(Section(heading, _join(buffer)))
    # Very long sections (reports without headings) are cut into passages so an answer can point home.
    out: list[Section] = []
    for s in sections:
        out.extend(_passages(s))
    return ExtractedDocument(title=title, lines=lines, sections=out, metadata=metadata)


def _join(buffer: list[str]) -> str:
    text = "\n".join(buffer)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _passages(section: Section, limit: int = 2500) -> list[Section]:
    if len(section.text) <= limit:
        return [section]
    parts: list[Section] = []
    current: list[str] = []
    size = 0
    paragraphs: list[str] = []
    for paragraph in section.text.split("\n\n"):
        while len(paragraph) > limit:  # one huge paragraph (a PDF page without blank lines)
            cut = paragraph.rfind("\n", 0, limit)
            cut = cut if cut > limit // 2 else paragraph.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            paragraphs.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        paragraphs.append(paragraph)
    for paragraph in paragraphs:
        if size + len(paragraph) > limit and current:
            parts.append(Section(section.heading, "\n\n".join(current)))
            current, size = [], 0
        current.append(paragraph)
        size += len(paragraph)
    if current:
        parts.append(Section(section.heading, "\n\n".join(current)))
    return parts


def extract(path: Path) -> ExtractedDocument:
    lines = read_lines(path)
    if not any(ln.text.strip() for ln in lines if not ln.furniture):
        raise UnreadableDocument("filen innehåller ingen text")
    document = split_sections(lines, path.stem.replace("_", " ").replace("-", " "))
    if not document.sections:
        raise UnreadableDocument("filen innehåller bara ett sidhuvud, ingen rutintext")
    return document
