"""Storing a triage: the answers, the score and the suggestion, and bringing in the lex Sarah-ansvariga
when the suggestion is "ja" or "osäker". Used on its own (`/lexsarah triage`) and while an avvikelse is
filed (then the avvikelse's number travels here as a plain value: the domains do not import each other).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.audit.log import record
from bot.clock import to_local
from bot.config import Settings
from bot.errors import UserError
from bot.lex_sarah import messages as msg
from bot.lex_sarah import texts as t
from bot.lex_sarah import triage
from bot.org.directory import people_with_role, unit_by_code
from bot.reminders import outbox
from storage.db import Database
from storage.models import Person, Role, Unit
from storage.models.lex_sarah import LexSarahTriage


@dataclass(frozen=True)
class Triaged:
    result: triage.TriageResult
    told: int  # how many lex Sarah-ansvariga were told

    @property
    def text(self) -> str:
        r = self.result
        return t.TRIAGE_RESULT.format(consequence=r.consequence, probability=r.probability, score=r.score,
                                      suggestion=t.SUGGESTIONS[r.suggestion])


def describe(row: LexSarahTriage, matrix: triage.Matrix) -> str:
    """The stored triage for the investigating chef: suggestion, score and each answer."""
    head = t.TRIAGE_RESULT.format(consequence=row.consequence, probability=row.probability, score=row.score,
                                  suggestion=t.SUGGESTIONS.get(row.suggestion, row.suggestion))
    lines = []
    for q in matrix.questions:
        value = row.answers.get(q.id)
        answer = q.answer(value) if value else None
        if answer is not None:
            lines.append(f"• {q.text} {answer.text}")
    when = to_local(row.created_at).strftime("%Y-%m-%d")
    return t.TRIAGE_SECTION.format(when=when, result=head) + ("\n" + "\n".join(lines) if lines else "")


class TriageService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def matrix(self) -> triage.Matrix:
        try:
            return triage.cached(self.settings.lex_sarah_triage)
        except triage.TriageConfigError as exc:
            raise UserError(str(exc)) from None

    def record(self, actor: Person, answers: Mapping[str, str | None], *, unit_code: str | None,
               channel: str, avvikelse_number: str | None = None) -> Triaged | None:
        """Score and store; None when no question was answered (nothing is stored)."""
        result = triage.score(self.matrix(), answers)
        if result is None:
            return None
        assert actor.id is not None
        with self.db.session() as session:
            unit = unit_by_code(session, unit_code) if unit_code else None
            row = LexSarahTriage(actor_id=actor.id, unit_id=unit.id if unit else None,
                                 avvikelse_number=avvikelse_number, answers=result.answers,
                                 consequence=result.consequence, probability=result.probability,
                                 score=result.score, suggestion=result.suggestion)
            session.add(row)
            session.flush()
            record(session, actor_id=actor.id, action="triage", entity_type="lex_sarah_triage",
                   entity_ref=avvikelse_number or f"triage-{row.id}",
                   changes={"suggestion": result.suggestion, "score": result.score}, channel=channel)
            told = 0
            if result.brings_in_responsible:
                told = self._tell(session, row, unit, actor, result.suggestion)
            return Triaged(result, told)

    def _tell(self, session: Session, row: LexSarahTriage, unit: Unit | None, actor: Person,
              suggestion: str) -> int:
        label = t.SUGGESTIONS[suggestion]
        unit_name = unit.name if unit else "okänd verksamhet"
        if row.avvikelse_number:
            text = t.TRIAGE_NOTICE_AVV.format(number=row.avvikelse_number, unit=unit_name, suggestion=label)
            key = f"lexsarah:triage:{row.avvikelse_number}"
        else:
            text = t.TRIAGE_NOTICE.format(unit=unit_name, who=actor.name, suggestion=label)
            key = f"lexsarah:triage:{row.id}"
        recipients = people_with_role(session, Role.LEX_SARAH_ANSVARIG)
        return outbox.plan_all(session, [
            outbox.Delivery(f"{key}:{pid}", "lexsarah_triage", pid,
                            msg.triage_notice(text, suggestion, row.avvikelse_number))
            for pid in (p.id for p in recipients) if pid is not None
        ])

    def for_avvikelse(self, avvikelse_number: str) -> LexSarahTriage | None:
        with self.db.read() as session:
            return session.exec(select(LexSarahTriage).where(LexSarahTriage.avvikelse_number == avvikelse_number)
                                .order_by(col(LexSarahTriage.id).desc())).first()
