"""Where avvikelse and lex Sarah meet. The two domains may not import each other (import-linter), so the
flows join them here, passing plain values: triage questions while an avvikelse is filed, the triage and
the lex Sarah link shown to the investigating chef, and making an avvikelse a lex Sarah report.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

from sqlmodel import select

from bot.audit.log import record
from bot.audit.refusals import denied
from bot.avvikelse import policy as avvikelse_policy
from bot.avvikelse.service import AvvikelseService
from bot.avvikelse.service import normalise_number as avvikelse_number
from bot.clock import to_local
from bot.errors import NotFound, PermissionDenied, UserError
from bot.lex_sarah import policy as lex_policy
from bot.lex_sarah import texts as t
from bot.lex_sarah import triage
from bot.lex_sarah.forms import NewLexSarah
from bot.lex_sarah.service import LexSarahService
from bot.lex_sarah.triage_service import TriageService, describe
from bot.ui.model import Button, Form, Message
from storage.models import Avvikelse, Person, Unit

A_CONVERT = "lexsarah:convert"
FLAGGED = ("ja", "osaker")
log = logging.getLogger(__name__)


def triage_matrix(service: TriageService) -> triage.Matrix | None:
    """The triage matrix, or None when its file is broken: filing an avvikelse must never fail for it
    (`/lexsarah triage` shows the file's error instead)."""
    try:
        return service.matrix()
    except UserError as exc:
        log.warning("lex Sarah triage skipped: %s", exc.message)
        return None


def with_triage_questions(form: Form, matrix: triage.Matrix) -> Form:
    """The avvikelse form with the triage questions appended (optional: the filer may skip them)."""
    return dataclasses.replace(form, fields=form.fields + matrix.form_fields(required=False))


def triage_after_filing(service: TriageService, actor: Person, values: Mapping[str, str | None], *,
                        avvikelse: str, unit_code: str | None, channel: str) -> None:
    answers = {k: v for k, v in values.items() if k.startswith(triage.FIELD_PREFIX)}
    if not any(answers.values()) or triage_matrix(service) is None:
        return
    service.record(actor, answers, unit_code=unit_code, channel=channel, avvikelse_number=avvikelse)


def enrich_detail(message: Message, actor: Person, avvikelse: Avvikelse, triage_service: TriageService,
                  lex: LexSarahService) -> Message:
    """The avvikelse view (already permission-checked) with its triage, its lex Sarah link and, for the
    investigating chef or a lex Sarah-ansvarig, the button that makes it a lex Sarah report."""
    sections = list(message.sections)
    facts = list(message.facts)
    buttons = list(message.buttons)
    row = triage_service.for_avvikelse(avvikelse.number)
    matrix = triage_matrix(triage_service)
    if row is not None and matrix is not None:
        sections.append(describe(row, matrix))
    linked = avvikelse.lex_sarah_number
    if linked:
        facts.append(("Lex Sarah-rapport", linked))
    elif lex_policy.can_convert_avvikelse(actor, investigates_avvikelse=actor.id == avvikelse.investigator_id):
        buttons.append(Button(t.BTN_CONVERT, A_CONVERT, avvikelse.number))
    return dataclasses.replace(message, sections=tuple(sections), facts=tuple(facts), buttons=tuple(buttons))


def convert_avvikelse(avvikelser: AvvikelseService, lex: LexSarahService, actor: Person, raw_number: str, *,
                      channel: str) -> tuple[str, str]:
    """Make an avvikelse a lex Sarah report (the content is copied; both keep the link). Returns
    (lex Sarah number, avvikelse number). The same avvikelse twice gives the same report."""
    number = avvikelse_number(raw_number)
    db = avvikelser.db
    with db.read() as session:
        report = session.exec(select(Avvikelse).where(Avvikelse.number == number)).first()
        if report is None:
            raise NotFound(f"Det finns ingen avvikelse med nummer {number}.")
        investigates = actor.id == report.investigator_id
        triaged = TriageService(db, lex.settings).for_avvikelse(number)
        flagged = report.inv_lex_sarah in FLAGGED or (triaged is not None and triaged.suggestion in FLAGGED)
        may_see = investigates or avvikelse_policy.can_view(session, actor, report) or (
            lex_policy.is_responsible(actor) and flagged)
        if not (may_see and lex_policy.can_convert_avvikelse(actor, investigates_avvikelse=investigates)):
            error: PermissionDenied = denied(t.ERR_NOT_CONVERTER, actor_id=actor.id, action="nekad_lex_sarah",
                                             entity_type="avvikelse", entity_ref=number, channel=channel)
            with db.session() as audit_session:
                record(audit_session, **error.audit)  # type: ignore[arg-type]
            raise error
        if report.lex_sarah_number:
            raise UserError(t.ERR_ALREADY_CONVERTED.format(avvikelse=number, number=report.lex_sarah_number))
        unit = session.get(Unit, report.unit_id)
        assert unit is not None
        data = NewLexSarah(event_date=report.event_date, noticed_date=to_local(report.created_at).date(),
                           unit_code=unit.code, what_happened=report.what_happened, consequence=report.consequence,
                           immediate_action=report.immediate_action, case_reference=report.case_reference)
    filed = lex.file(actor, data, submission_key=f"avvikelse:{number}", channel=channel, avvikelse_number=number)
    with db.session() as session:
        stored = session.exec(select(Avvikelse).where(Avvikelse.number == number)).one()
        stored.lex_sarah_number = filed.report.number
        session.add(stored)
        record(session, actor_id=actor.id, action="blev_lex_sarah", entity_type="avvikelse", entity_ref=number,
               changes={"lex_sarah_number": {"old": None, "new": filed.report.number}}, channel=channel)
    return filed.report.number, number
