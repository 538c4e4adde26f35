"""`/statistik [PERIOD] [ENHET]` in chat: key figures for the units the person leads (aggregates only).

The chart is not sent as an image: the neutral reply model carries text, and a picture would need a file
upload per platform. The reply says how to get the PNG (`lotsen rapport --format png`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.clock import today_local
from bot.errors import UserError
from bot.statistik import periods
from bot.statistik import texts as t
from bot.statistik.service import StatistikService
from bot.statistik.suppression import show
from bot.ui.model import FormResult, Message, Reply
from bot.ui.texts import UNKNOWN_COMMAND
from storage.models import Person

LOOKS_LIKE_PERIOD = re.compile(r"^\d{4}")


def parse_args(text: str) -> tuple[periods.Period, str | None]:
    """`[PERIOD] [ENHET]` in any order; the current tertial when no period is given."""
    period: periods.Period | None = None
    unit: str | None = None
    for word in text.split():
        if not LOOKS_LIKE_PERIOD.match(word):  # a unit code (MOTT, UTR1)
            if unit is not None:
                raise UserError(t.CHAT_HELP)
            unit = word
            continue
        try:
            candidate = periods.parse(word)
        except periods.PeriodError as exc:
            raise UserError(exc.message) from exc
        if period is not None:
            raise UserError(t.ERR_PERIOD.format(raw=text.strip()[:40]))
        period = candidate
    return period or periods.tertial_of(today_local()), unit


class StatistikFlows:
    command_name = "statistik"
    action_prefix = "statistik:"
    form_prefix = "statistik_"

    def __init__(self, service: StatistikService) -> None:
        self.service = service

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        if text.strip().lower() in ("hjälp", "hjalp", "help"):
            return Reply(message=Message(text=t.CHAT_HELP))
        period, unit = parse_args(text)
        scope, figures = self.service.key_figures(actor, period, unit, channel=channel)
        facts = tuple((name, show(value)) for name, value in figures.items())
        header = t.CHAT_HEADER.format(period=period.label)
        hint = t.CHAT_PNG.format(period=period.label, unit=f" --enhet {unit}" if unit else "")
        scope_line = t.CHAT_SCOPE.format(scope=scope.name)
        plain = "\n".join([header, scope_line, *(f"{k}: {v}" for k, v in facts), hint])
        return Reply(message=Message(text=plain, header=header, sections=(scope_line,), facts=facts,
                                     context=(hint,)))

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        raise UserError(UNKNOWN_COMMAND)

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult:
        raise UserError(UNKNOWN_COMMAND)
