"""Read a PDF with its layout: type size and position tell the title, the headings and the page furniture.

- The largest text on the first page is the title (else the PDF's own Title, unless it is a template's
  or a program's name such as "Microsoft Word - Dokument1").
- A line set clearly larger than the body text (the size most characters have) is a heading.
- A line repeated on most pages (digits ignored: "Sida 2 av 3") is a running header or footer: kept
  as furniture (read for the header block, never searched). On a one-page file, small type in the top
  or bottom margin band is furniture too.

Text is collected with pypdf's visitor, so nothing beyond pypdf is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from bot.rutiner.metadata import Line

HEADING_RATIO = 1.12  # a heading is at least this much larger than body text
TITLE_RATIO = 1.3  # the title is the largest text on page 1, and at least this much larger than body text
REPEATED_SHARE = 0.6  # a line on at least this share of the pages (two or more) is page furniture
MARGIN_BAND = 0.12  # share of the page height at top and bottom where a one-page file keeps its furniture
_PROGRAM_TITLES = re.compile(r"^(microsoft (word|powerpoint)|untitled|dokument\d*|document\d*|namnlös|mall)\b",
                             re.IGNORECASE)


@dataclass
class _Run:
    page: int
    x: float
    y: float
    size: float
    text: str


@dataclass
class _PdfLine:
    page: int
    y: float
    size: float
    text: str
    page_height: float


def _runs(reader: Any) -> tuple[list[_Run], list[float]]:
    runs: list[_Run] = []
    heights: list[float] = []
    for number, page in enumerate(reader.pages):
        heights.append(float(page.mediabox.height))

        def visit(text: str, cm: list[float], tm: list[float], font_dict: Any, font_size: float,
                  number: int = number) -> None:
            if not text or not text.strip("\n"):
                return
            scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            for i, part in enumerate(text.split("\n")):
                if part.strip():
                    runs.append(_Run(number, x, y - i * 0.01, round(font_size * scale, 1), part))

        page.extract_text(visitor_text=visit)
    return runs, heights


def _lines(runs: list[_Run], heights: list[float]) -> list[_PdfLine]:
    lines: list[_PdfLine] = []
    for run in runs:
        last = lines[-1] if lines else None
        if last is not None and last.page == run.page and abs(last.y - run.y) < 2.0:
            joiner = "" if last.text.endswith((" ", "-")) or run.text.startswith(" ") else " "
            last.text = f"{last.text}{joiner}{run.text}"
            last.size = max(last.size, run.size)
        else:
            lines.append(_PdfLine(run.page, run.y, run.size, run.text, heights[run.page]))
    for ln in lines:
        ln.text = " ".join(ln.text.split())
    return [ln for ln in lines if ln.text]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def layout_lines(reader: Any) -> list[Line]:
    """The document's lines with title (level 1), headings (level 2) and furniture marked; [] when the
    visitor finds no text (then the caller falls back to plain extraction)."""
    runs, heights = _runs(reader)
    lines = _lines(runs, heights)
    if not lines:
        return []
    pages = len(heights)
    on_pages: dict[str, set[int]] = {}
    for ln in lines:
        on_pages.setdefault(_furniture_key(ln.text), set()).add(ln.page)
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0]

    def furniture(ln: _PdfLine) -> bool:
        if pages >= 2 and len(on_pages[_furniture_key(ln.text)]) >= max(2, REPEATED_SHARE * pages):
            return True
        band = MARGIN_BAND * ln.page_height
        in_margin = ln.y > ln.page_height - band or ln.y < band
        return in_margin and ln.size < body

    content = [(ln, furniture(ln)) for ln in lines]
    first_page = [ln for ln, furn in content if ln.page == 0 and not furn]
    largest = max((ln.size for ln in first_page), default=0.0)
    out: list[Line] = []
    title_state = "before" if largest >= TITLE_RATIO * body else "done"
    for ln, furn in content:
        if furn:
            out.append(Line(ln.text, furniture=True))
            continue
        if title_state != "done" and ln.page == 0 and ln.size == largest:
            if title_state == "in":  # a title set over two lines
                out[-1] = Line(f"{out[-1].text} {ln.text}", 1)
            else:
                out.append(Line(ln.text, 1))
                title_state = "in"
            continue
        if title_state == "in":
            title_state = "done"
        level = 2 if ln.size >= HEADING_RATIO * body else 0
        if level and out and out[-1].heading_level == 2 and _continues(out[-1].text):
            out[-1] = Line(f"{out[-1].text} {ln.text}", 2)  # a heading set over two lines
            continue
        out.append(Line(ln.text, level))
    if not any(ln.heading_level == 1 for ln in out):
        title = _own_title(reader)
        if title:
            out.insert(0, Line(title, 1))
    return out


def _continues(text: str) -> bool:
    """A heading line that does not end a heading: it ends in a conjunction, preposition or a comma."""
    last = text.rsplit(" ", 1)[-1].lower()
    return text.endswith((",", "-", "–")) or last in {"och", "i", "av", "för", "om", "till", "vid", "med", "på"}


def _own_title(reader: Any) -> str | None:
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:  # a broken info dictionary: no title, no crash
        return None
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    if not title or _PROGRAM_TITLES.match(title) or title.lower().endswith((".docx", ".doc", ".pdf")):
        return None
    return title
