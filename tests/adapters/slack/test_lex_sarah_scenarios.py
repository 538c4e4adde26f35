"""Lex Sarah through signed Slack requests: the triage modal, and closing that asks first."""

from __future__ import annotations

import json

from storage.models.lex_sarah import LexSarahReport
from tests.support.slack import SlackHarness
from tests.support.slack import select as choice

ANNA, PETRA, ERIK = "U0DEMOME01", "U0DEMOKV01", "U0DEMOHL02"


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_triage_modal_scores_and_brings_in_the_lex_sarah_ansvariga(slack: SlackHarness) -> None:
    slack.command(ANNA, "/lexsarah", "triage")
    [opened] = slack.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "lexsarah_triage"
    block_ids = [b.get("block_id") for b in view["blocks"] if b["type"] == "input"]
    assert block_ids[0] == "unit" and "triage_hot" in block_ids
    answers = {"unit": choice("MOTT"), "triage_klient": choice("ja"), "triage_konsekvens": choice("lindrig"),
               "triage_hot": choice("nej"), "triage_sannolikhet": choice("liten"), "triage_upprepat": choice("nej"),
               "triage_frist": choice("ja")}
    body = slack.submit_view(ANNA, "lexsarah_triage", answers, view_id="VTRI").json()
    assert body["response_action"] == "update" and "Osäker" in json_text(body["view"])
    [post] = slack.fake.wait_for("chat.postMessage")
    assert post.params["channel"] == PETRA and "Lex Sarah-triage" in json_text(post.params)


def test_the_close_button_asks_before_closing(slack: SlackHarness) -> None:
    form = {"event_date": "2026-11-18", "noticed_date": "2026-11-19", "unit": choice("UTR1"),
            "what_happened": "Beslutad insats har inte startat.", "consequence": "Behov ej mötta.",
            "immediate_action": "Kontaktade utföraren.", "case_reference": None}
    slack.submit_view(ERIK, "lexsarah_new", form, view_id="VLX")
    lotsen = slack.lotsen
    from bot.clock import today_local
    from bot.lex_sarah.forms import DecisionInput, LexSarahInvestigation
    from bot.org.directory import person_by_key

    with lotsen.db.read() as s:
        petra = person_by_key(s, "kv.petra")
    assert petra is not None
    lotsen.lex_sarah.take(petra, "LXS-2026-0001", channel="t")
    lotsen.lex_sarah.save_investigation(petra, "LXS-2026-0001", LexSarahInvestigation(
        "Orsak", None, "Nej", None, "inget", "Ingen risk uppstod.", None, None, "Aktgranskning."), channel="t")
    lotsen.lex_sarah.record_decision(petra, "LXS-2026-0001", DecisionInput("delegat", None, today_local()),
                                     channel="t")
    slack.click(PETRA, "lexsarah:close#0", "LXS-2026-0001")
    [asked] = slack.fake.wait_for("response_url")
    assert "Vill du avsluta" in json_text(asked.params) and "lexsarah:close_confirm" in json_text(asked.params)
    with lotsen.db.read() as s:
        assert s.get(LexSarahReport, 1).status == "beslutad"  # type: ignore[union-attr]
