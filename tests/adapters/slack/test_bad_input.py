"""Bad input through the real Slack endpoint: a clear Swedish field error, nothing stored, nothing posted."""

from __future__ import annotations

import time

import pytest
from sqlmodel import select

from storage.models import Avvikelse
from storage.models.frist import CaseDeadline
from tests.support.slack import SlackHarness
from tests.support.slack import select as choice

ANNA, LINA = "U0DEMOME01", "U0DEMOHL01"
FORM = {"event_date": "2026-11-20", "unit": choice("MOTT"), "subject": choice("organisatorisk"),
        "origin": choice("intern"), "category": choice("Dokumentation"), "what_happened": "Anteckning sent.",
        "consequence": "Info saknades.", "immediate_action": "Fördes in.", "case_reference": None}


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("what_happened", "Pojken 121212\u20131212 blev utan insats", "personnummer"),
    ("what_happened", "Pojken 12 12 12 - 12 12 blev utan insats", "personnummer"),
    ("consequence", "Flickan (pnr:121212\u00a01212)", "personnummer"),
    ("immediate_action", "Ringde 1212\u200b12-1212", "personnummer"),
    ("consequence", "Samordningsnr 701063\u22122391", "samordningsnummer"),
    ("what_happened", "Text med styrtecken \x1b[2J", "styrtecken"),
    ("case_reference", "Kalle Anka", "diarienummer"),
])
def test_avvikelse_form(slack: SlackHarness, field: str, value: str, expected: str) -> None:
    body = slack.submit_view(ANNA, "avvikelse_new", {**FORM, field: value}, view_id="VB").json()
    assert body["response_action"] == "errors" and expected in body["errors"][field]
    assert "1212" not in body["errors"][field]
    assert slack.lotsen is not None
    with slack.lotsen.db.read() as s:
        assert list(s.exec(select(Avvikelse))) == []
    time.sleep(0.2)
    assert slack.fake.calls_to("chat.postMessage") == []  # type: ignore[union-attr]


@pytest.mark.parametrize("ref", ["Lisa Svensson", "121212\u20131212", "SN 2026/0412\x07"])
def test_frist_case_reference(slack: SlackHarness, ref: str) -> None:
    values = {"case_ref": ref, "kind": choice("utredning"), "trigger_date": "2026-11-20", "handlaggare": None}
    body = slack.submit_view(LINA, "frist_new", values, view_id="VC").json()
    assert body["response_action"] == "errors" and "case_ref" in body["errors"]
    assert slack.lotsen is not None
    with slack.lotsen.db.read() as s:
        assert list(s.exec(select(CaseDeadline))) == []
