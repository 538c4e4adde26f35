"""The investigation with its handlingsplan as a Word document (python-docx), laid out for the nämnd and
for attaching to IVO's e-service: number, unit, the dates of each step, the ställningstagande, the
investigation's sections (SOSFS 2011:5, 5 kap.) and the handlingsplan as a table.

The document holds case content: it is made where the lex Sarah-ansvarig works (the CLI), after the
permission check in the service, and every document made is audited there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from bot.clock import to_local
from bot.lex_sarah import texts as t
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport


@dataclass(frozen=True)
class DocumentData:
    report: LexSarahReport
    unit_name: str
    investigator: str | None
    events: list[LexSarahEvent]
    measures: list[LexSarahMeasure]
    names: dict[int, str] = field(default_factory=dict)
    made_by: str = ""
    made_at: datetime | None = None
    # field → "2026-12-10, Petra Kvalitet (lex Sarah-ansvarig)": when and by whom each part was recorded
    provenance: dict[str, str] = field(default_factory=dict)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "–"


REPORT_FIELDS = ("what_happened", "consequence", "event_date", "immediate_action")


def investigation_sections(r: LexSarahReport) -> list[tuple[str, str | None, str]]:
    """The headings SOSFS 2011:5 5 kap. asks for, in its order, with what was recorded and its field."""
    return [
        ("Vad händelsen bestod i", r.what_happened, "what_happened"),
        ("Vilka konsekvenser den fick eller kunde ha fått för den enskilde", r.consequence, "consequence"),
        ("När och hur händelsen uppmärksammades", r.inv_noticed_how, "inv_noticed_how"),
        ("När händelsen inträffade", r.event_date.isoformat(), "event_date"),
        ("Vad som gjordes direkt", r.immediate_action, "immediate_action"),
        ("Orsaker", r.inv_causes, "inv_causes"),
        ("Om liknande har hänt tidigare, och i så fall varför det hände igen", r.inv_happened_before,
         "inv_happened_before"),
        ("Om liknande kan hända igen", r.inv_could_recur, "inv_could_recur"),
        ("Åtgärder för att undanröja eller avhjälpa missförhållandet", r.inv_measures, "inv_measures"),
        ("Övrigt som kommit fram i utredningen", r.inv_other, "inv_other"),
        ("Källor (var uppgifterna kommer ifrån; fakta och bedömning)", r.inv_sources, "inv_sources"),
    ]


def build_docx(data: DocumentData) -> bytes:
    from docx import Document  # python-docx and lxml: about 8 MB, imported when a document is asked for

    r = data.report
    doc = Document()
    doc.add_heading(f"{t.DOC_TITLE}: {r.number}", level=0)
    doc.add_paragraph(t.DOC_SUBTITLE)
    facts = doc.add_table(rows=0, cols=2)
    for label, value in [
        ("Nummer", r.number), ("Verksamhet", data.unit_name), ("Ärendereferens", r.case_reference or "–"),
        ("Händelsedatum", r.event_date.isoformat()), ("Upptäckt", r.noticed_date.isoformat()),
        ("Rapporterad", to_local(r.created_at).date().isoformat()), ("Utredare", data.investigator or "–"),
        (f"Utredningens {t.LOCAL_TARGET}", f"{r.due_date.isoformat()} (lokalt mål, inte en lagstadgad frist)"),
        *([(t.LINKED_AVVIKELSE, r.avvikelse_number)] if r.avvikelse_number else []),
    ]:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value

    doc.add_heading(t.DOC_STEPS, level=1)
    steps = doc.add_table(rows=1, cols=3)
    steps.rows[0].cells[0].text, steps.rows[0].cells[1].text, steps.rows[0].cells[2].text = (
        "Steg", "Datum", "Av")
    for e in data.events:
        cells = steps.add_row().cells
        cells[0].text = t.STEP_NAMES.get(e.state, e.state)
        cells[1].text = (e.on_date or to_local(e.at).date()).isoformat()
        cells[2].text = data.names.get(e.actor_id or 0, "–")

    doc.add_heading(t.DOC_POSITION, level=1)
    doc.add_paragraph(t.ASSESSMENTS.get(r.assessment or "", "Inget ställningstagande ännu."))
    if r.assessment_motivation:
        doc.add_paragraph(f"Motivering (bedömning): {r.assessment_motivation}")
    if "assessment" in data.provenance:
        doc.add_paragraph(f"Ställningstagandet dokumenterat {data.provenance['assessment']}.")
    if r.decided_on:
        by = t.DECISION_BY.get(r.decision_by or "", r.decision_by or "")
        doc.add_paragraph(f"Beslut {r.decided_on.isoformat()} av {by}"
                          + (f" ({r.decision_by_name})" if r.decision_by_name else "") + ".")
    if r.ivo_reported_on:
        doc.add_paragraph(f"Anmäld till IVO {r.ivo_reported_on.isoformat()}"
                          + (f", IVO:s diarienummer {r.ivo_reference}" if r.ivo_reference else "") + ".")

    doc.add_heading(t.DOC_INVESTIGATION, level=1)
    for heading, text, key in investigation_sections(r):
        doc.add_heading(heading, level=2)
        doc.add_paragraph(text or "(ej ifyllt)")
        if text and key in data.provenance:
            doc.add_paragraph(f"Dokumenterat {data.provenance[key]}.")

    doc.add_heading(t.DOC_PLAN, level=1)
    if not data.measures:
        doc.add_paragraph(t.DOC_NO_PLAN)
    else:
        table = doc.add_table(rows=1, cols=len(t.DOC_PLAN_HEADERS))
        for cell, heading in zip(table.rows[0].cells, t.DOC_PLAN_HEADERS, strict=True):
            cell.text = heading
        for m in data.measures:
            follow = _d(m.follow_up_date) + (f": {m.follow_up_result}" if m.follow_up_result else "")
            values = (f"{m.position}. {m.description}", data.names.get(m.responsible_id, "?"),
                      _d(m.planned_date), follow, _d(m.done_on))
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    made = to_local(data.made_at).strftime("%Y-%m-%d %H:%M") if data.made_at else ""
    doc.add_paragraph(f"Utskrivet {made} av {data.made_by} ur Lotsen. Handlingen omfattas av sekretess "
                      "(26 kap. OSL).")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
