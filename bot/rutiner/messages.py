"""How an answer is shown: up to three routines with title, section, excerpt, owner, date and source.

All the Swedish text of the routine feature (chat and command line) is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.rutiner.search import Hit, SearchResult
from bot.ui.model import Button, FieldKind, Form, FormField, Message

if TYPE_CHECKING:
    from bot.rutiner.service import IndexReport

A_UP = "rutin:up"
A_DOWN = "rutin:down"
A_MORE = "rutin:more"

NO_ANSWER = (
    "Jag hittar ingen rutin som svarar på det. Fråga din teamledare eller enhetschef, eller "
    "kvalitetsenheten som förvaltar rutinerna."
)
# Not answered, but routines exist near the question: said plainly, with the nearest named as such.
NEAREST = "Jag hittar ingen antagen rutin som svarar på det. Närmast är:"
NEAREST_ASK = ("Svarar ingen av dem, fråga din teamledare eller enhetschef, eller kvalitetsenheten som "
               "förvaltar rutinerna.")
TOO_VAGUE = ("Det är för lite för att jag ska veta vilken rutin du menar. Skriv frågan med några ord till, "
             "t.ex. ”vem utreder en avvikelse?” eller ”hur snabbt ska en orosanmälan bedömas?”")
SUPERSEDED = "⚠ Äldre version; det finns en gällande version av rutinen."
LEXICAL_ONLY = "Obs: språkmodellen kunde inte laddas, så sökningen använder bara orden i frågan."
FORM_SUGGEST = "rutin_suggest"
SUGGEST_TITLE = "Vilken rutin?"
SUGGEST_SUBMIT = "Skicka"
SUGGEST_LABEL = "Vilken rutin borde det ha varit?"
SUGGEST_HINT = ("Frivilligt. Skriv rutinens namn eller vad du letade efter, utan uppgifter om den enskilde. "
                "Kvalitetsenheten som förvaltar rutinerna läser det.")
SUGGEST_INTRO = "Tack för återkopplingen! Vet du vilken rutin som borde ha kommit upp?"
SUGGEST_PNR = "Skriv utan personnummer eller samordningsnummer."
OUTDATED = "⚠ Rutinen har passerat sitt Giltig till-datum ({date}); kontrollera med dokumentägaren att den gäller."
READ_AS = "Tolkat som: {readings}."
PNR_IN_QUESTION = (
    "Frågan ser ut att innehålla ett personnummer eller samordningsnummer. Ställ frågan utan uppgifter "
    "om den enskilde; Lotsen har inte sökt och inte sparat något."
)
EMPTY_QUESTION = 'Skriv en fråga, t.ex. lotsen rutiner sök "hur rapporterar jag en avvikelse".'
UNREADABLE = "Kunde inte läsa {name}: {reason}"


def index_summary(report: IndexReport) -> str:
    text = (f"Indexering klar: {len(report.added)} nya, {len(report.updated)} ändrade, "
            f"{len(report.unchanged)} oförändrade, {len(report.removed)} borttagna")
    if report.failed:
        text += (f". {len(report.failed)} {'fil' if len(report.failed) == 1 else 'filer'} kunde inte läsas "
                 "(se ovan); övriga är indexerade")
    if report.kept:
        text += (f". Senast lästa version behålls i indexet för: {', '.join(report.kept[:10])}"
                 + (" …" if len(report.kept) > 10 else ""))
    if report.read_nothing:
        text += ". Ingen fil kunde läsas, så indexet lämnades orört (är mappen rätt och åtkomlig?)"
    return text + "."


def source_line(hit: Hit, *, with_path: bool = False) -> str:
    parts = [f"Källa: {hit.path if with_path else hit.document}"]
    if hit.owner:
        parts.append(f"ägare {hit.owner}")
    approved = " ".join(p for p in (
        f"fastställd {hit.approved_on.isoformat()}" if hit.approved_on else "",
        f"av {hit.approved_by}" if hit.approved_by else "") if p)
    if approved:
        parts.append(approved if hit.approved_on else f"fastställd {approved}")
    if hit.version:
        parts.append(f"version {hit.version}")
    if hit.diarienummer:
        parts.append(f"dnr {hit.diarienummer}")
    return ", ".join(parts)


def hit_text(n: int, hit: Hit, *, with_path: bool = False) -> str:
    lines = [f"{n}. *{hit.title}* – {hit.section}", f"> {hit.excerpt}", source_line(hit, with_path=with_path)]
    if hit.outdated and hit.valid_until:
        lines.append(OUTDATED.format(date=hit.valid_until.isoformat()))
    if hit.superseded:
        lines.append(SUPERSEDED)
    return "\n".join(lines)


def nearest_text(result: SearchResult, *, with_path: bool = False, bold: bool = False) -> str:
    """The honest middle: no adopted routine answers, and these are the nearest (title, section, source)."""
    star = "*" if bold else ""
    lines = [NEAREST]
    for n, h in enumerate(result.nearest, start=1):
        lines.append(f"{n}. {star}{h.title}{star} – {h.section} ({h.path if with_path else h.document})"
                     + (" ⚠ inaktuell" if h.outdated else ""))
    lines.append(NEAREST_ASK)
    return "\n".join(lines)


def suggestion_form(token: str, document: str) -> Form:
    return Form(id=FORM_SUGGEST, title=SUGGEST_TITLE, submit_label=SUGGEST_SUBMIT, intro=SUGGEST_INTRO,
                context={"token": token, "document": document},
                fields=(FormField("suggested", SUGGEST_LABEL, FieldKind.TEXT, required=False, max_length=300,
                                  hint=SUGGEST_HINT),))


def answer_text(result: SearchResult, *, with_path: bool = False) -> str:
    """The answer as plain text (the command line): each hit with its source, or that nothing fits."""
    if result.vague:
        return TOO_VAGUE
    if not result.answered:
        return nearest_text(result, with_path=with_path) if result.nearest else NO_ANSWER
    text = "\n\n".join(hit_text(n, h, with_path=with_path).replace("*", "")
                        for n, h in enumerate(result.hits, start=1))
    if result.read_as:
        text += "\n\n" + READ_AS.format(readings="; ".join(result.read_as))
    return text


def answer(result: SearchResult, token: str) -> Message:
    """`token` identifies the question for the feedback buttons (the question text is not in the button)."""
    if not result.answered:
        text = TOO_VAGUE if result.vague else nearest_text(result) if result.nearest else NO_ANSWER
        return Message(text=text, sections=(text,))
    sections = tuple(hit_text(n, h) for n, h in enumerate(result.hits, start=1))
    first = result.hits[0]
    buttons = [Button("👍", A_UP, f"{token}|{first.document}"), Button("👎", A_DOWN, f"{token}|{first.document}")]
    if result.more:
        buttons.append(Button("Visa fler", A_MORE, token))
    return Message(text=f"{first.title} – {first.section}", header="Det här säger rutinerna",
                   sections=sections, buttons=tuple(buttons))
