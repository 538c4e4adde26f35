"""The lex Sarah workflow from report to closing, walked as every role; each state has a time and an actor;
bad steps are refused in Swedish and change nothing."""

from __future__ import annotations

import pytest
import time_machine

from bot.app import Lotsen
from storage.models import Person
from tests.lex_sarah.helpers import (
    ASSESS,
    MEASURE_TEXT,
    NUMBER,
    act,
    add_measure,
    audit,
    decide,
    events,
    file,
    measures,
    outbox,
    report,
    state,
    submit,
    text,
    to_position,
)

ROLES = ("hl.lina", "kv.petra", "vc.karin", "ec.maria", "ec.jonas", "tl.sara", "me.anna")


def seen(lotsen: Lotsen, people: dict[str, Person]) -> dict[str, str]:
    """What each role gets when opening the report: 'allt', 'status' (state and outcome) or 'nej'."""
    out = {}
    for key in ROLES:
        message = act(lotsen, people[key], "open").message
        assert message is not None
        if "inte behörighet" in message.text:
            out[key] = "nej"
        elif any("Vad har hänt" in s for s in message.sections):
            out[key] = "allt"
        else:
            assert not any("insats" in s.lower() or MEASURE_TEXT in s for s in message.sections), message
            out[key] = "status"
    return out


def test_the_whole_workflow_as_every_role(lotsen: Lotsen, people: dict[str, Person],
                                          frozen: time_machine.Traveller) -> None:
    lina, petra, karin, jonas = people["hl.lina"], people["kv.petra"], people["vc.karin"], people["ec.jonas"]
    expected_view = {"hl.lina": "status", "kv.petra": "allt", "vc.karin": "allt", "ec.maria": "allt",
                     "ec.jonas": "nej", "tl.sara": "nej", "me.anna": "nej"}
    file(lotsen, lina)
    assert seen(lotsen, people) == expected_view

    # Only a lex Sarah-ansvarig takes the investigation; the others are refused and nothing changes.
    for key in ("hl.lina", "vc.karin", "ec.maria", "me.anna"):
        before = state(lotsen)
        assert "Bara lex Sarah-ansvariga" in text(act(lotsen, people[key], "take")) or \
            "inte behörighet" in text(act(lotsen, people[key], "take"))
        assert state(lotsen) == before
    to_position(lotsen, petra, "allvarligt")
    assert report(lotsen).status == "ställningstagande"

    # The decision: by the investigator (or a lex Sarah-ansvarig), not by the reporter or the unit's chefs.
    for key in ("hl.lina", "vc.karin", "ec.maria"):
        refused = submit(lotsen, people[key], "lexsarah_decision", {"decision_by": "namnd", "decided_on": "2026-12-10"})
        assert "behörighet" in text(refused) or "Bara utredaren" in text(refused)
    decide(lotsen, petra)
    assert [o.key for o in outbox(lotsen, "lexsarah_ivo")] == [f"lexsarah:{NUMBER}:ivo:{petra.id}",
                                                              f"lexsarah:{NUMBER}:ivo:beslut:{petra.id}"]
    frozen.shift(86400)
    sent = submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-11", "ivo_reference": "3.5.1-4711/2026"})
    assert sent.ok and report(lotsen).status == "anmäld_ivo"
    assert {o.status for o in outbox(lotsen, "lexsarah_ivo")} == {"cancelled"}

    # The handlingsplan: the verksamhetschef may add rows too; a colleague may not.
    assert "inte behörighet" in text(add_measure(lotsen, people["me.anna"]))
    assert add_measure(lotsen, karin, "ec.jonas").ok
    assert report(lotsen).status == "åtgärder"
    [measure] = measures(lotsen)
    assert measure.responsible_id == jonas.id

    # The responsible chef (of another unit) sees her row, not the report; she marks it done.
    row = act(lotsen, jonas, "measure_open", str(measure.id)).message
    assert row is not None and MEASURE_TEXT in row.sections[0]
    assert "inte behörighet" in text(act(lotsen, jonas, "open"))
    assert "Bara den ansvariga" in text(act(lotsen, people["tl.sara"], "measure_done", str(measure.id)))
    assert "är klar" in text(act(lotsen, jonas, "measure_done", str(measure.id)))
    assert report(lotsen).status == "uppföljning"

    # Closing asks first; the follow-up must be recorded before it can close.
    asked = act(lotsen, petra, "close")
    assert asked.message is not None and "Vill du avsluta" in asked.message.text
    assert [b.action_id for b in asked.message.buttons] == ["lexsarah:close_confirm"]
    assert report(lotsen).status == "uppföljning"
    assert "inte är klara eller uppföljda: 1" in text(act(lotsen, petra, "close_confirm"))
    done = submit(lotsen, jonas, "lexsarah_followup", {"result": "Listan används varje vecka."},
                  context={"measure": str(measure.id)})
    assert done.ok, done
    assert "Bara utredaren" in text(act(lotsen, karin, "close_confirm"))
    assert "avslutad" in text(act(lotsen, petra, "close_confirm"))

    # Every state was entered once, in order, with its time and its actor.
    history = [(e.state, e.actor_id) for e in events(lotsen)]
    assert history == [("mottagen", lina.id), ("under_utredning", petra.id), ("ställningstagande", petra.id),
                       ("beslutad", petra.id), ("anmäld_ivo", petra.id), ("åtgärder", karin.id),
                       ("uppföljning", jonas.id), ("avslutad", petra.id)]
    assert all(e.at is not None for e in events(lotsen))
    assert [e.on_date.isoformat() if e.on_date else None for e in events(lotsen)][3:5] == ["2026-12-10",
                                                                                        "2026-12-11"]
    # The reporter is told it is closed (the DM carries no outcome), and sees state and outcome behind [Visa].
    [told] = outbox(lotsen, "lexsarah_besked")
    assert told.recipient_id == lina.id and "avslutad" in told.payload["text"]
    assert "missförhållande" not in str(told.payload).lower()
    lina_view = act(lotsen, lina, "open").message
    assert lina_view is not None and ("Utfall", "Allvarligt missförhållande") in lina_view.facts
    assert seen(lotsen, people) == expected_view
    actions = [a.action for a in audit(lotsen)]
    assert "nekad_visning" in actions and "avslutad" in actions and "beslut_registrerat" in actions


def test_position_before_the_investigation_started_is_refused(lotsen: Lotsen, people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    before = state(lotsen)
    refused = submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": "missforhallande"})
    assert "har inte startats" in text(refused) and "Ta utredningen först" in text(refused)
    assert state(lotsen) == before


def test_ivo_date_before_the_decision_is_refused(lotsen: Lotsen, people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra)
    decide(lotsen, petra, "2026-12-10")
    before = state(lotsen)
    refused = submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-09", "ivo_reference": "3.5.1-1/2026"})
    assert refused.errors == {"ivo_date": "IVO-datumet kan inte ligga före beslutet (2026-12-10)."}
    assert state(lotsen) == before


def test_decision_before_the_investigation_or_in_the_future_is_refused(lotsen: Lotsen,
                                                                       people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra)
    before = state(lotsen)
    early = submit(lotsen, petra, "lexsarah_decision", {"decision_by": "namnd", "decided_on": "2026-12-01"})
    assert "före utredningens start" in early.errors["decided_on"]
    future = submit(lotsen, petra, "lexsarah_decision", {"decision_by": "namnd", "decided_on": "2026-12-24"})
    assert "framtiden" in future.errors["decided_on"]
    odd = submit(lotsen, petra, "lexsarah_decision", {"decision_by": "kommunfullmäktige", "decided_on": "2026-12-10"})
    assert "decision_by" in odd.errors
    assert state(lotsen) == before


@pytest.mark.parametrize(("change", "field", "expected"), [
    ({"responsible": ""}, "responsible", "Ange vem som är ansvarig"),
    ({"responsible": "ingen.alls"}, "responsible", "Ingen aktiv person"),
    ({"planned": "2026-12-09"}, "planned_date", "redan passerat"),
    ({"follow": "2026-12-01"}, "follow_up_date", "redan passerat"),
    ({"planned": "2027-01-20", "follow": "2027-01-10"}, "follow_up_date", "före planerat klart"),
])
def test_bad_measures_are_refused(lotsen: Lotsen, people: dict[str, Person], change: dict[str, str],
                                  field: str, expected: str) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra, "missforhallande")
    decide(lotsen, petra)
    before = state(lotsen)
    result = add_measure(lotsen, petra, **change)  # type: ignore[arg-type]
    assert expected in result.errors[field], result
    assert state(lotsen) == before


def test_the_service_refuses_a_past_date_whatever_the_caller(lotsen: Lotsen, people: dict[str, Person]) -> None:
    from datetime import date

    from bot.errors import UserError
    from bot.lex_sarah.forms import MeasureInput

    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra, "risk")
    decide(lotsen, petra)
    with pytest.raises(UserError, match="redan passerat"):
        lotsen.lex_sarah.add_measure(petra, NUMBER, MeasureInput("x", "ec.maria", date(2026, 1, 1)), channel="t")
    with pytest.raises(UserError, match="Ange vem"):
        lotsen.lex_sarah.add_measure(petra, NUMBER, MeasureInput("x", " ", date(2027, 1, 1)), channel="t")
    assert measures(lotsen) == []


def test_measures_wait_for_the_position_and_close_waits_for_the_decision(lotsen: Lotsen,
                                                                          people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    act(lotsen, petra, "take")
    assert "när ställningstagandet är gjort" in text(add_measure(lotsen, petra))
    submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": "inget"})
    assert "saknar beslut" in text(act(lotsen, petra, "close_confirm"))
    decide(lotsen, petra)
    assert "avslutad" in text(act(lotsen, petra, "close_confirm"))
    assert report(lotsen).status == "avslutad"


def test_lista_for_the_verksamhetschef_shows_state_days_and_who(lotsen: Lotsen, people: dict[str, Person],
                                                                frozen: time_machine.Traveller) -> None:
    file(lotsen, people["hl.lina"])
    to_position(lotsen, people["kv.petra"])
    frozen.shift(3 * 86400)
    listing = lotsen.chat.command(people["vc.karin"], "lexsarah", "lista", channel="t").message
    assert listing is not None
    line = next(line for line in listing.sections[0].splitlines() if NUMBER in line)
    assert "Ställningstagande gjort" in line and "3 dagar sedan rapporten" in line
    assert "Petra Kvalitet: beslut" in line
    colleague = lotsen.chat.command(people["ec.maria"], "lexsarah", "lista", channel="t").message
    assert colleague is not None and NUMBER not in "".join(colleague.sections)


def test_the_local_target_is_labelled_local(lotsen: Lotsen, people: dict[str, Person]) -> None:
    file(lotsen, people["hl.lina"])
    detail = act(lotsen, people["kv.petra"], "open").message
    assert detail is not None
    assert any("lokalt mål" in label for label, _ in detail.facts)
    listing = lotsen.chat.command(people["kv.petra"], "lexsarah", "lista", channel="t").message
    assert listing is not None and "lokalt mål" in listing.sections[0]
    [told] = outbox(lotsen, "lexsarah_ny")
    assert "lokalt mål" in told.payload["text"]


def test_rows_written_before_the_decision_start_the_measures_step_after_it(lotsen: Lotsen,
                                                                           people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra, "allvarligt")
    assert add_measure(lotsen, petra).ok
    assert report(lotsen).status == "ställningstagande"
    decide(lotsen, petra)
    assert report(lotsen).status == "beslutad"  # allvarligt: IVO first
    submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-10", "ivo_reference": "3.5.1-9/2026"})
    assert [e.state for e in events(lotsen)][-2:] == ["anmäld_ivo", "åtgärder"]
