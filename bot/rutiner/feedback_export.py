"""Turn 👍/👎 feedback into a question file for `lotsen rutiner utvärdera` (`feedback --exportera`).

A 👍 labels the question with the routine that answered it; a 👎 with "vilken rutin borde det ha
varit?" gets Lotsen's guess at the routine the person named (the best hit for their words), marked
for the owner to check; a 👎 without it is written with `expect: null` and a comment, since only the
owner can say whether some routine answers it. Each question is written once (its latest feedback).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import col, select

from bot.rutiner.service import RoutineCatalogue
from storage.models import RoutineFeedback

HEADER = """\
# Frågor från återkopplingen i Lotsen (👍/👎), för lotsen rutiner utvärdera.
# expect: filen som svarar på frågan, en lista med filer, eller null när ingen antagen rutin svarar.
# Kontrollera varje rad: förslagen efter 👎 är Lotsens gissningar utifrån vad användaren skrev.
# Dela filen i två: skriv synonymer bara utifrån den ena halvan och mät på den andra.
"""
SKIPPED_PNR = "(frågan innehöll ett personnummer och sparades inte)"


@dataclass(frozen=True)
class Labelled:
    question: str
    expect: str | None
    note: str


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def labelled_questions(catalogue: RoutineCatalogue) -> list[Labelled]:
    with catalogue.db.read() as session:
        rows = list(session.exec(select(RoutineFeedback).order_by(col(RoutineFeedback.at), col(RoutineFeedback.id))))
    latest: dict[str, RoutineFeedback] = {}
    for row in rows:
        if row.question and row.question != SKIPPED_PNR:
            latest[" ".join(row.question.split())] = row
    out: list[Labelled] = []
    for question, row in latest.items():
        if row.helpful:
            out.append(Labelled(question, row.document, "👍"))
        elif row.suggested:
            guess = catalogue.search(row.suggested, limit=1)
            proposal = guess.hits[0].document if guess.hits else None
            out.append(Labelled(question, proposal,
                                f"👎 på {row.document}; borde ha varit: {_quoted(row.suggested)}: KONTROLLERA"))
        else:
            out.append(Labelled(question, None, f"👎 på {row.document}, inget förslag: null eller rätt fil?"))
    return out


def question_file(catalogue: RoutineCatalogue) -> tuple[str, int]:
    """The YAML text and how many questions it holds."""
    labelled = labelled_questions(catalogue)
    lines = [HEADER.rstrip("\n")]
    for item in labelled:
        expect = "null" if item.expect is None else _quoted(item.expect)
        lines.append(f"- {{q: {_quoted(item.question)}, expect: {expect}}}  # {item.note}")
    return "\n".join(lines) + "\n", len(labelled)
