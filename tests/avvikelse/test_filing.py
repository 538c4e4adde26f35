"""Filing an avvikelse through the chat core: validation, numbering, receipts, idempotency."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import time_machine

from bot.app import Lotsen
from storage.models import Person
from tests.avvikelse.helpers import audit, outbox, reports, snapshot, values

NOW = "2026-12-10 09:30 +01:00"


@pytest.fixture(autouse=True)
def frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def submit(lotsen: Lotsen, who: Person, key: str = "k1", **overrides: str | None) -> object:
    return lotsen.chat.submit(who, "avvikelse_new", {}, values(**overrides), submission_key=key, channel="test")


def test_command_opens_form_with_the_reporters_unit_preselected(lotsen: Lotsen, people: dict[str, Person]) -> None:
    reply = lotsen.chat.command(people["hl.erik"], "/avvikelse", "", channel="test")
    assert reply.form is not None
    unit = next(f for f in reply.form.fields if f.id == "unit")
    assert unit.initial == "UTR1"
    optional = [f.id for f in reply.form.fields if not f.required]
    # The lex Sarah triage questions come last and may be skipped.
    assert optional[0] == "case_reference" and all(f.startswith("triage_") for f in optional[1:])
    assert len(optional) > 3


def test_filing_stores_numbers_and_notifies(lotsen: Lotsen, people: dict[str, Person]) -> None:
    result = submit(lotsen, people["me.anna"])
    assert result.ok and result.message is not None  # type: ignore[attr-defined]
    [report] = reports(lotsen)
    assert report.number == "AVV-2026-0001"
    assert report.investigator_id == people["ec.maria"].id
    assert report.due_date == date(2027, 1, 21)  # six weeks from the reporting day, a local target
    assert report.status == "mottagen"
    assert "AVV-2026-0001" in result.message.text and "Maria Enhet" in result.message.text  # type: ignore[attr-defined]
    assert "2027-01-21" in result.message.text  # type: ignore[attr-defined]
    receipt, assigned = outbox(lotsen)
    assert (receipt.kind, receipt.recipient_id) == ("avvikelse_kvitto", people["me.anna"].id)
    assert (assigned.kind, assigned.recipient_id) == ("avvikelse_tilldelad", people["ec.maria"].id)
    # The notification carries number, unit, category and dates, never the description.
    assert "Journalanteckning" not in str(assigned.payload)
    assert {b["action_id"] for b in assigned.payload["buttons"]} == {
        "avvikelse:open", "avvikelse:start", "avvikelse:handover"}
    assert [a.action for a in audit(lotsen, "AVV-2026-0001")] == ["skapad"]


def test_numbers_are_per_year(lotsen: Lotsen, people: dict[str, Person], frozen: object) -> None:
    submit(lotsen, people["me.anna"], key="a")
    frozen.move_to("2027-01-02 10:00 +01:00")  # type: ignore[attr-defined]
    submit(lotsen, people["me.anna"], key="b", event_date="2027-01-01")
    submit(lotsen, people["me.anna"], key="c", event_date="2027-01-01")
    assert [r.number for r in reports(lotsen)] == ["AVV-2026-0001", "AVV-2027-0001", "AVV-2027-0002"]


def test_same_submission_twice_stores_one_report(lotsen: Lotsen, people: dict[str, Person]) -> None:
    first = submit(lotsen, people["me.anna"], key="same")
    second = submit(lotsen, people["me.anna"], key="same")
    assert len(reports(lotsen)) == 1 and len(outbox(lotsen)) == 2
    assert first.message.text == second.message.text  # type: ignore[attr-defined]


def test_concurrent_submissions_get_gapless_unique_numbers(lotsen: Lotsen, people: dict[str, Person]) -> None:
    anna = people["me.anna"]
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            result = submit(lotsen, anna, key=f"c{i % 15}")  # 15 distinct forms, some sent twice at once
            assert result.ok  # type: ignore[attr-defined]
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(r.seq for r in reports(lotsen))
    assert numbers == list(range(1, 16))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("event_date", "2026-12-11", "framtiden"),
        ("event_date", "1999-12-31", "före 2000"),
        ("event_date", "2026-02-30", "2026-02-30 finns inte i kalendern"),
        ("event_date", "10/12/2026", "ÅÅÅÅ-MM-DD"),
        ("event_date", None, "måste fyllas i"),
        ("what_happened", "   ", "måste fyllas i"),
        ("what_happened", "x" * 3001, "för lång"),
        ("consequence", "Barnet 19121212-1212 fick vänta", "personnummer"),
        ("immediate_action", "Ringde 701063-2391", "samordningsnummer"),
        ("case_reference", "121212-1212", "personnummer"),
        ("case_reference", "Kalle Anka <script>", "diarienummer"),
        ("unit", "FINNS_INTE", "Välj ett av alternativen"),
        ("subject", "annat", "Välj ett av alternativen"),
        ("category", "Påhittad", "Välj ett av alternativen"),
    ],
)
def test_bad_input_is_explained_and_stores_nothing(
    lotsen: Lotsen, people: dict[str, Person], field: str, value: str | None, expected: str
) -> None:
    before = snapshot(lotsen)
    result = submit(lotsen, people["me.anna"], **{field: value})
    assert not result.ok  # type: ignore[attr-defined]
    assert expected in result.errors[field]  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before
    assert audit(lotsen) == [] or all(a.entity_type == "organisation" for a in audit(lotsen))


def test_unit_without_chef_is_refused_with_a_clear_message(lotsen: Lotsen, people: dict[str, Person]) -> None:
    from sqlmodel import select

    from storage.models import Unit

    with lotsen.db.session() as s:
        for unit in s.exec(select(Unit).where(Unit.code.in_(["MOTT", "BOF"]))):  # type: ignore[attr-defined]
            unit.chef_id = None
            s.add(unit)
    result = submit(lotsen, people["me.anna"])
    assert "ingen enhetschef" in result.errors["unit"]  # type: ignore[attr-defined]
    assert reports(lotsen) == []


def test_chef_of_a_unit_without_enhetschef_falls_back_to_verksamhetschef(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    from sqlmodel import select

    from storage.models import Unit

    with lotsen.db.session() as s:
        unit = s.exec(select(Unit).where(Unit.code == "MOTT")).one()
        unit.chef_id = None
        s.add(unit)
    submit(lotsen, people["me.anna"])
    assert reports(lotsen)[0].investigator_id == people["vc.karin"].id


def test_database_errors_never_carry_report_text(lotsen: Lotsen, people: dict[str, Person]) -> None:
    """Exception messages end up in logs; SQL parameters (report text) must not be in them."""
    import pytest as _pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with _pytest.raises(IntegrityError) as exc, lotsen.db.session() as s:
        s.execute(text("INSERT INTO unit (id, code, name, active) VALUES (1, :c, :n, true)"),
                  {"c": "MOTT", "n": "Hemlig text om ett barn"})
    assert "Hemlig text" not in str(exc.value) and "hidden" in str(exc.value).lower()


def test_an_outgoing_avvikelse_tells_the_chef_to_pass_it_on(lotsen: Lotsen, people: dict[str, Person]) -> None:
    submit(lotsen, people["me.anna"], origin="extern_utgaende")
    [assigned] = outbox(lotsen, "avvikelse_tilldelad")
    assert "annan förvaltning eller extern aktör" in " ".join(assigned.payload["sections"])
