"""What the Slack scenario tests share: demo users, a filled avvikelse form, small look-ups."""

from __future__ import annotations

import json

from sqlmodel import select

from bot.demo.seed import ensure_demo_catalogue
from storage.models import Avvikelse
from tests.support.slack import SlackHarness
from tests.support.slack import select as choice

ANNA, MARIA, ERIK = "U0DEMOME01", "U0DEMOEC01", "U0DEMOHL02"

FORM = {
    "event_date": "2026-11-20",
    "unit": choice("MOTT"),
    "subject": choice("organisatorisk"),
    "origin": choice("intern"),
    "category": choice("Dokumentation"),
    "what_happened": "Journalanteckning fördes in tre veckor för sent.",
    "consequence": "Kollegor saknade information.",
    "immediate_action": "Anteckningen fördes in.",
    "case_reference": "SN 2026/0412",
}


def reports(slack: SlackHarness) -> list[Avvikelse]:
    with slack.lotsen.db.session() as s:
        return list(s.exec(select(Avvikelse)))


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def index_demo(slack: SlackHarness) -> None:
    assert slack.lotsen is not None
    ensure_demo_catalogue(slack.lotsen)
