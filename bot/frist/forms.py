"""The frist forms, declared once and rendered by every adapter."""

from __future__ import annotations

from bot.deadlines.rules import default_rules
from bot.frist import texts as t
from bot.ui.model import FieldKind, Form, FormField, Option
from storage.models.frist import CaseDeadline

FORM_NEW = "frist_new"
FORM_DECIDE = "frist_decide"
FORM_EXTEND = "frist_extend"
FORM_CLOSE = "frist_close"
FORM_REASSIGN = "frist_reassign"
HOLDER_ROLES = ("handläggare", "teamledare")  # who may hold a deadline (policy.can_hold_deadlines)


def new_form(default_kind: str | None = None) -> Form:
    kinds = tuple(Option(r.key, r.name) for r in default_rules().rules if r.statutory)
    return Form(
        id=FORM_NEW, title=t.FORM_NEW_TITLE, submit_label=t.FORM_NEW_SUBMIT, intro=t.FORM_NEW_INTRO,
        fields=(
            FormField("case_ref", t.LABEL_CASE, FieldKind.TEXT, max_length=40, placeholder="SN 2026/0123"),
            FormField("kind", t.LABEL_KIND, FieldKind.CHOICE, options=kinds, initial=default_kind),
            FormField("trigger_date", t.LABEL_TRIGGER, FieldKind.DATE, hint=t.HINT_TRIGGER),
            FormField("handlaggare", t.LABEL_HANDLAGGARE, FieldKind.USER, required=False, roles=HOLDER_ROLES),
        ),
    )


def decide_form(d: CaseDeadline, *, teamledare: bool) -> Form:
    decisions = {k: v for k, v in t.DECISIONS.items() if teamledare or k == "inleda"}
    return Form(
        id=FORM_DECIDE, title=t.FORM_DECIDE_TITLE, submit_label=t.FORM_DECIDE_SUBMIT,
        intro=f"{d.label}, {d.case_ref}." + ("" if teamledare else " Beslut att inte inleda fattas av teamledare."),
        context={"id": str(d.id)},
        fields=(
            FormField("decision", t.LABEL_DECISION, FieldKind.CHOICE,
                      options=tuple(Option(k, v) for k, v in decisions.items()), initial="inleda"),
            FormField("decided_on", t.LABEL_DECISION_DATE, FieldKind.DATE),
        ),
    )


def extend_form(d: CaseDeadline) -> Form:
    hint = t.HINT_REASON_FHB if d.kind == "forhandsbedomning" else t.HINT_REASON_UTREDNING
    return Form(
        id=FORM_EXTEND, title=t.FORM_EXTEND_TITLE, submit_label=t.FORM_EXTEND_SUBMIT,
        intro=f"{d.label}, {d.case_ref}: sista dag nu {d.due_date.isoformat()}.", context={"id": str(d.id)},
        fields=(
            FormField("new_due", t.LABEL_NEW_DUE, FieldKind.DATE),
            FormField("reason", t.LABEL_REASON, FieldKind.LONG_TEXT, max_length=1000, hint=hint),
            FormField("decided_by", t.LABEL_DECIDED_BY, FieldKind.USER, required=False),
        ),
    )


def close_form(d: CaseDeadline) -> Form:
    return Form(id=FORM_CLOSE, title=t.FORM_CLOSE_TITLE, submit_label=t.FORM_CLOSE_SUBMIT,
                intro=f"{d.label}, {d.case_ref}: markera som klar.", context={"id": str(d.id)},
                fields=(FormField("confirm", "Bekräfta", FieldKind.CHOICE,
                                  options=(Option("ja", "Ja, fristen är klar"),), initial="ja"),))


def reassign_form(d: CaseDeadline) -> Form:
    return Form(id=FORM_REASSIGN, title=t.FORM_REASSIGN_TITLE, submit_label=t.FORM_REASSIGN_SUBMIT,
                intro=f"{d.label}, {d.case_ref}.", context={"id": str(d.id)},
                fields=(FormField("to", t.LABEL_NEW_HANDLAGGARE, FieldKind.USER, roles=HOLDER_ROLES),))
