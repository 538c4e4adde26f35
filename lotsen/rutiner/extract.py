"""Read routine documents as municipalities keep them: Word, PDF, Markdown, plain text, HTML.

Each reader returns the document's lines with headings marked, so one splitter makes sections for
every format. Word headings come from paragraph styles and tables become "cell | cell" rows; HTML
headings from h1–h6 (scripts and styles dropped); Markdown from `#`; plain text and PDF from
heading-like lines (short, no closing punctuation, set apart by blank lines, or numbered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = {".docx", ".pdf", ".md", ".markdown", ".txt", ".text", ".html", ".htm"}


class UnreadableDocument(Exception):
    """The file cannot be read; the message says why, in Swedish."""


@dataclass(frozen=True)
class Line:
    text: str
    heading_level: int = 0  # 0 = body text


@dataclass
class Section:
    heading: str
    text: str


@dataclass
class ExtractedDocument:
    title: str
    lines: list[Line]
    sections: list[Section] = field(default_factory=list)


def read_lines(path: Path) -> list[Line]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return _docx(path)
        if suffix == ".pdf":
            return _plain(_pdf_text(path))
        if suffix in (".html", ".htm"):
            return _html(path.read_text(encoding="utf-8", errors="replace"))
        if suffix in (".md", ".markdown"):
            return _markdown(_read_text(path))
        if suffix in (".txt", ".text"):
            return _plain(_read_text(path))
    except UnreadableDocument:
        raise
    except Exception as exc:  # a broken file of a supported type: report it, keep indexing the rest
        raise UnreadableDocument(f"filen kunde inte läsas som {suffix.lstrip('.')} ({exc.__class__.__name__})") from exc
    raise UnreadableDocument(f"filtypen {suffix or '(ingen)'} stöds inte")


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
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
    body = document.element.body
    for child in body.iterchildren():
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
            elif style.lower() == "title":
                level = 1
            lines.append(Line(text, level))
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                        cells.append(value)
                if cells:
                    lines.append(Line(" | ".join(cells)))
            lines.append(Line(""))
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
            raise UnreadableDocument("pdf-filen är krypterad")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except PdfReadError as exc:
        raise UnreadableDocument("pdf-filen är skadad eller ofullständig") from exc
    if not text.strip():
        raise UnreadableDocument("pdf-filen innehåller ingen text (inskannad bild?)")
    return text


def _html(source: str) -> list[Line]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(source, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "head"]):
        tag.decompose()
    lines: list[Line] = []
    title_tag = soup.find("title")
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "div"]):
        if element.name == "div" and element.find(["p", "div", "h1", "h2", "h3", "table", "ul", "ol"]):
            continue  # only leaf divs carry text of their own
        if element.name in ("p", "li") and element.find_parent(["li", "tr"]) is not None:
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
    if not lines and title_tag is not None:
        lines.append(Line(title_tag.get_text().strip(), 1))
    return lines


def _markdown(source: str) -> list[Line]:
    lines: list[Line] = []
    for raw in source.splitlines():
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", raw)
        if m:
            lines.append(Line(m.group(2).strip(), len(m.group(1))))
        else:
            text = re.sub(r"[*_`]{1,3}([^*_`]+)[*_`]{1,3}", r"\1", raw.strip())
            text = re.sub(r"^\s*[-*+]\s+", "• ", text)
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
            lines.append(Line(text))
    return lines


_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?)\s+\S")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _plain(source: str) -> list[Line]:
    """Plain text (and PDF text): a heading is a short line set apart from what surrounds it."""
    raw_lines = [_HTML_TAG.sub(" ", line).strip() for line in source.splitlines()]
    lines: list[Line] = []
    for i, text in enumerate(raw_lines):
        if not text:
            lines.append(Line(""))
            continue
        before = raw_lines[i - 1] if i > 0 else ""
        after = next((t for t in raw_lines[i + 1 : i + 3] if t), "")
        looks_like_heading = (
            len(text) <= 80
            and (not before or before.endswith((".", "!", "?")) or bool(re.match(r"^[^:]{2,40}:\s", before)))
            and not re.match(r"^[^:]{2,40}:\s", text)  # "Fastställd av: …" is a header row, not a heading
            and after != ""
            and not text.endswith((".", ",", ";", ":", "?", "!", ")"))
            and (text[0].isupper() or bool(_NUMBERED.match(text)))
            and len(text.split()) <= 10
            and "|" not in text
            and not re.search(r"\d{4}-\d{2}-\d{2}", text)
            and len(after) > len(text) * 0.6  # followed by running text, not another label
        )
        lines.append(Line(text, 2 if looks_like_heading else 0))
    return lines


def split_sections(lines: list[Line], fallback_title: str) -> ExtractedDocument:
    """Title = first top-level heading (or the first line); sections run from heading to heading."""
    title = next((ln.text for ln in lines if ln.heading_level == 1), "")
    if not title:
        title = next((ln.text for ln in lines if ln.text and len(ln.text) <= 120), fallback_title)
    sections: list[Section] = []
    heading = title
    buffer: list[str] = []
    for ln in lines:
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
    return ExtractedDocument(title=title, lines=lines, sections=out)


def _join(buffer: list[str]) -> str:
    text = "\n".join(buffer)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _passages(section: Section, limit: int = 2500) -> list[Section]:
    if len(section.text) <= limit:
        return [section]
    parts: list[Section] = []
    current: list[str] = []
    size = 0
    for paragraph in section.text.split("\n\n"):
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
    if not any(ln.text.strip() for ln in lines):
        raise UnreadableDocument("filen innehåller ingen text")
    return split_sections(lines, path.stem.replace("_", " ").replace("-", " "))
