"""Registering and moving case deadlines through the chat core, with permissions, audit and reminders."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from sqlmodel import col, select

from bot.app import Lotsen
from storage.models import AuditEntry, OutboxMessage, Person
from storage.models.frist import CaseDeadline

NOW = "2026-12-11 09:00 +01:00"


@pytest.fixture(autouse=True)
def frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def register(lotsen: Lotsen, who: Person, **values: str | None) -> object:
    base: dict[str, str | None] = {"case_ref": "SN 2026/0412", "kind": "forhandsbedomning",
                                   "trigger_date": "2026-12-10", "handlaggare": None}
    return lotsen.chat.submit(who, "frist_new", {}, {**base, **values}, submission_key="x", channel="test")


def deadlines(lotsen: Lotsen) -> list[CaseDeadline]:
    with lotsen.db.session() as s:
        return list(s.exec(select(CaseDeadline).order_by(col(CaseDeadline.id))))


def reminders(lotsen: Lotsen, status: str = "pending") -> list[OutboxMessage]:
    with lotsen.db.session() as s:
        return [o for o in s.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
                if o.key.startswith("frist:") and o.status == status and o.kind != "frist_tilldelad"]


def form(lotsen: Lotsen, who: Person, form_id: str, ident: int, values: dict[str, str | None]) -> object:
    return lotsen.chat.submit(who, form_id, {"id": str(ident)}, values, submission_key="y", channel="test")


def test_registering_explains_the_date_and_plans_reminders(lotsen: Lotsen, people: dict[str, Person]) -> None:
    result = register(lotsen, people["hl.lina"])
    assert result.ok, result  # type: ignore[attr-defined]
    assert "F-1 registrerad" in result.message.text and "2026-12-28" in result.message.text  # type: ignore[attr-defined]
    assert "julafton" in result.message.sections[0]  # type: ignore[attr-defined]
    [d] = deadlines(lotsen)
    assert (d.statutory_date, d.due_date, d.handlaggare_id) == (date(2026, 12, 24), date(2026, 12, 28),
                                                               people["hl.lina"].id)
    assert d.legal_basis.startswith("20 kap. 2 §")
    # Three working days before the statutory day, the working day before it (24 Dec is julafton),
    # and the first working morning after the last legal day.
    planned = sorted((r.kind, r.due_at.date().isoformat()) for r in reminders(lotsen))
    assert planned == [("frist_dag", "2026-12-23"), ("frist_fore", "2026-12-21"), ("frist_forsenad", "2026-12-29")]
    assert all(r.recipient_id == people["hl.lina"].id for r in reminders(lotsen))


@pytest.mark.parametrize(("values", "field", "expected"), [
    ({"case_ref": "121212-1212"}, "case_ref", "personnummer"),
    ({"case_ref": "Kalle <Anka>"}, "case_ref", "diarienummer"),
    ({"case_ref": "x" * 41}, "case_ref", "för lång"),
    ({"trigger_date": "2026-12-12"}, "trigger_date", "framtiden"),
    ({"trigger_date": "1999-12-31"}, "trigger_date", "före 2000"),
    ({"kind": "påhittad"}, "kind", "Välj ett av alternativen"),
    ({"handlaggare": "me.anna"}, "handlaggare", "inte handläggare"),
    ({"handlaggare": "okänd"}, "handlaggare", "finns inte"),
])
def test_bad_registrations_are_explained_and_store_nothing(
    lotsen: Lotsen, people: dict[str, Person], values: dict[str, str], field: str, expected: str
) -> None:
    result = register(lotsen, people["hl.lina"], **values)
    assert expected in result.errors[field]  # type: ignore[attr-defined]
    assert deadlines(lotsen) == [] and reminders(lotsen) == []


def test_the_same_deadline_twice_is_refused(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["hl.lina"])
    again = register(lotsen, people["hl.lina"], case_ref=" SN 2026/0412 ")
    assert "finns redan: F-1" in again.errors["case_ref"]  # type: ignore[attr-defined]
    assert len(deadlines(lotsen)) == 1


def test_registering_for_someone_else_tells_them(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["tl.sara"], handlaggare="hl.lina")
    with lotsen.db.session() as s:
        told = [o for o in s.exec(select(OutboxMessage)) if o.kind == "frist_tilldelad"]
    assert [o.recipient_id for o in told] == [people["hl.lina"].id]


def test_opening_an_utredning_closes_the_fhb_and_starts_the_four_month_clock(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    register(lotsen, people["hl.lina"])
    result = form(lotsen, people["hl.lina"], "frist_decide", 1, {"decision": "inleda", "decided_on": "2026-12-11"})
    assert "utredning inleds. Ny frist F-2" in result.message.text  # type: ignore[attr-defined]
    fhb, utredning = deadlines(lotsen)
    assert (fhb.status, fhb.outcome) == ("klar", "inleda")
    assert (utredning.kind, utredning.trigger_date, utredning.due_date) == ("utredning", date(2026, 12, 11),
                                                                            date(2027, 4, 12))
    assert utredning.previous_id == fhb.id
    assert all(r.key.startswith("frist:2:") for r in reminders(lotsen))  # F-1's reminders were cancelled


def test_only_a_teamledare_decides_not_to_open(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["hl.lina"])
    denied = form(lotsen, people["hl.lina"], "frist_decide", 1, {"decision": "inte_inleda",
                                                                 "decided_on": "2026-12-11"})
    assert "fattas av en teamledare" in denied.message.text  # type: ignore[attr-defined]
    assert deadlines(lotsen)[0].status == "aktiv"
    done = form(lotsen, people["tl.sara"], "frist_decide", 1, {"decision": "inte_inleda", "decided_on": "2026-12-11"})
    assert "inleds inte" in done.message.text  # type: ignore[attr-defined]
    [fhb] = deadlines(lotsen)
    assert (fhb.status, fhb.outcome, fhb.closed_by_id) == ("klar", "inte_inleda", people["tl.sara"].id)
    assert reminders(lotsen) == []
    with lotsen.db.session() as s:
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.entity_ref == "F-1"))]
    assert actions[0] == "registrerad" and "nekat_beslut" in actions and actions[-1] == "beslut_inte_inleda"


def test_extension_needs_a_later_date_and_a_reason_and_replans(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["hl.lina"], kind="utredning", trigger_date="2026-08-31")
    lina = people["hl.lina"]
    earlier = form(lotsen, lina, "frist_extend", 1, {"new_due": "2027-01-04", "reason": "x", "decided_by": None})
    assert "måste ligga efter" in earlier.errors["new_due"]  # type: ignore[attr-defined]
    no_reason = form(lotsen, lina, "frist_extend", 1, {"new_due": "2027-02-01", "reason": "", "decided_by": None})
    assert "måste fyllas i" in no_reason.errors["reason"]  # type: ignore[attr-defined]
    pnr = form(lotsen, lina, "frist_extend", 1, {"new_due": "2027-02-01", "reason": "Mamma 121212-1212 sjuk",
                                                 "decided_by": None})
    assert "personnummer" in pnr.errors["reason"]  # type: ignore[attr-defined]
    assert deadlines(lotsen)[0].due_date == date(2027, 1, 4)
    ok = form(lotsen, lina, "frist_extend", 1, {"new_due": "2027-02-01", "reason": "Särskilda skäl: väntar på BUP",
                                                "decided_by": "ec.maria"})
    assert "förlängd till 2027-02-01" in ok.message.text  # type: ignore[attr-defined]
    [d] = deadlines(lotsen)
    assert (d.due_date, d.original_due, d.extension_decided_by_id) == (date(2027, 2, 1), date(2027, 1, 4),
                                                                       people["ec.maria"].id)
    assert {r.key.split(":")[3] for r in reminders(lotsen)} == {"2027-02-01"}
    assert reminders(lotsen, "cancelled")


@pytest.mark.parametrize(("key", "allowed"), [
    ("hl.lina", True), ("tl.sara", True), ("ec.maria", True), ("vc.karin", True),
    ("hl.erik", False), ("tl.omar", False), ("ec.jonas", False), ("me.anna", False), ("kv.petra", False),
])
def test_who_sees_a_deadline(lotsen: Lotsen, people: dict[str, Person], key: str, allowed: bool) -> None:
    register(lotsen, people["hl.lina"])
    reply = lotsen.chat.command(people[key], "frist", "visa F-1", channel="test")
    text = reply.message.text  # type: ignore[union-attr]
    assert ("SN 2026/0412" in text) == allowed
    if not allowed:
        assert "inte behörighet till F-1" in text


def test_reassign_is_for_team_leads(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["hl.lina"])
    denied = form(lotsen, people["hl.lina"], "frist_reassign", 1, {"to": "tl.sara"})
    assert "Bara teamledare och chefer" in denied.message.text  # type: ignore[attr-defined]
    wrong = form(lotsen, people["tl.sara"], "frist_reassign", 1, {"to": "me.anna"})
    assert "inte handläggare" in wrong.errors["to"]  # type: ignore[attr-defined]
    done = form(lotsen, people["tl.sara"], "frist_reassign", 1, {"to": "tl.sara"})
    assert "Sara Team" in done.message.text  # type: ignore[attr-defined]
    [d] = deadlines(lotsen)
    assert d.handlaggare_id == people["tl.sara"].id
    assert {r.recipient_id for r in reminders(lotsen)} == {people["tl.sara"].id}


def test_lists_sort_by_urgency_and_team_leads_see_the_team(
    lotsen: Lotsen, people: dict[str, Person], frozen: object
) -> None:
    register(lotsen, people["hl.lina"], case_ref="SN 2026/0001", kind="utredning", trigger_date="2026-09-01")
    register(lotsen, people["hl.lina"], case_ref="SN 2026/0002")
    mine = lotsen.chat.command(people["hl.lina"], "frist", "lista", channel="t").message
    assert mine is not None
    first, second = mine.sections[0].split("\n")[1:3]
    assert "SN 2026/0002" in first and "SN 2026/0001" in second  # 28 Dec before 1 Jan
    team = lotsen.chat.command(people["tl.sara"], "frist", "lista", channel="t").message
    assert team is not None and "Teamets frister (2)" in team.sections[1].replace("*", "")
    other = lotsen.chat.command(people["tl.omar"], "frist", "lista", channel="t").message
    assert other is not None and len(other.sections) == 1 and "Inga aktiva frister" in other.sections[0]


def test_closed_deadlines_cannot_be_changed(lotsen: Lotsen, people: dict[str, Person]) -> None:
    register(lotsen, people["hl.lina"])
    form(lotsen, people["hl.lina"], "frist_close", 1, {"confirm": "ja"})
    reply = lotsen.chat.action(people["hl.lina"], "frist:extend", "1", channel="t")
    assert "redan avslutad" in reply.message.text  # type: ignore[union-attr]
    late = form(lotsen, people["hl.lina"], "frist_extend", 1, {"new_due": "2027-02-01", "reason": "x",
                                                               "decided_by": None})
    assert "redan avslutad" in late.message.text  # type: ignore[attr-defined]


def test_calculate_in_chat(lotsen: Lotsen, people: dict[str, Person]) -> None:
    reply = lotsen.chat.command(people["hl.lina"], "frist", "beräkna förhandsbedömning 2026-12-10", channel="t")
    assert reply.message is not None and "julafton" in reply.message.sections[0]
    bad = lotsen.chat.command(people["hl.lina"], "frist", "beräkna flyga 2026-12-10", channel="t")
    assert "Okänd typ av frist" in bad.message.text  # type: ignore[union-attr]
    bad_date = lotsen.chat.command(people["hl.lina"], "frist", "beräkna utredning 2026-13-01", channel="t")
    assert "2026-13-01 finns inte i kalendern" in bad_date.message.text  # type: ignore[union-attr]
    assert deadlines(lotsen) == []
