"""How an answer is shown: up to three routines with title, section, excerpt, owner, date and source."""

from __future__ import annotations

from lotsen.rutiner.search import Hit, SearchResult
from lotsen.ui.model import Button, Message

A_UP = "rutin:up"
A_DOWN = "rutin:down"
A_MORE = "rutin:more"

NO_ANSWER = (
    "Jag hittar ingen rutin som svarar på det. Fråga din teamledare eller enhetschef, eller "
    "kvalitetsenheten som förvaltar rutinerna."
)
OUTDATED = "⚠ Rutinen har passerat sitt Giltig till-datum ({date}); kontrollera med dokumentägaren att den gäller."


def source_line(hit: Hit) -> str:
    parts = [f"Källa: {hit.document}"]
    if hit.owner:
        parts.append(f"ägare {hit.owner}")
    if hit.approved_on:
        parts.append(f"fastställd {hit.approved_on.isoformat()}")
    if hit.version:
        parts.append(f"version {hit.version}")
    if hit.diarienummer:
        parts.append(f"dnr {hit.diarienummer}")
    return ", ".join(parts)


def hit_text(n: int, hit: Hit) -> str:
    lines = [f"{n}. *{hit.title}* – {hit.section}", f"> {hit.excerpt}", source_line(hit)]
    if hit.outdated and hit.valid_until:
        lines.append(OUTDATED.format(date=hit.valid_until.isoformat()))
    return "\n".join(lines)


def answer_text(result: SearchResult) -> str:
    if not result.answered:
        return NO_ANSWER
    return "\n\n".join(hit_text(n, h) for n, h in enumerate(result.hits, start=1)).replace("*", "")


def answer(result: SearchResult, token: str) -> Message:
    """`token` identifies the question for the feedback buttons (the question text is not in the button)."""
    if not result.answered:
        return Message(text=NO_ANSWER, sections=(NO_ANSWER,))
    sections = tuple(hit_text(n, h) for n, h in enumerate(result.hits, start=1))
    first = result.hits[0]
    buttons = [Button("👍", A_UP, f"{token}|{first.document}"), Button("👎", A_DOWN, f"{token}|{first.document}")]
    if result.more:
        buttons.append(Button("Visa fler", A_MORE, token))
    return Message(text=f"{first.title} – {first.section}", header="Det här säger rutinerna",
                   sections=sections, buttons=tuple(buttons))
