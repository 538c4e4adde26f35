"""Wire the core together once: settings, database, services, chat router, dispatcher."""

from __future__ import annotations

from dataclasses import dataclass

from bot.avvikelse.service import AvvikelseService
from bot.chat.router import Chat
from bot.config import Settings
from bot.frist.service import FristService
from bot.handlers.avvikelse import AvvikelseFlows
from bot.handlers.frist import FristFlows
from bot.handlers.lex_sarah import LexSarahFlows
from bot.handlers.rutin import RutinFlows
from bot.handlers.statistik import StatistikFlows
from bot.lex_sarah.service import LexSarahService
from bot.org.cache import org_snapshot
from bot.org.people_search import choices_for
from bot.reminders.dispatcher import Dispatcher, Sender
from bot.reminders.follow_ups import FollowUpService
from bot.rutiner.service import RoutineCatalogue
from bot.statistik.service import StatistikService
from storage.db import Database


@dataclass
class Lotsen:
    settings: Settings
    db: Database
    avvikelser: AvvikelseService
    follow_ups: FollowUpService
    frister: FristService
    lex_sarah: LexSarahService
    rutiner: RoutineCatalogue
    chat: Chat

    def dispatcher(self, senders: list[Sender], **kwargs: object) -> Dispatcher:
        return Dispatcher(
            self.db,
            senders,
            lease_seconds=self.settings.outbox_lease_seconds,
            max_attempts=self.settings.outbox_max_attempts,
            max_crashes=self.settings.outbox_max_crashes,
            backoff_seconds=self.settings.outbox_backoff_seconds,
            batch_size=self.settings.outbox_batch_size,
            admin=self.settings.outbox_admin,
            **kwargs,  # type: ignore[arg-type]
        )


def build(settings: Settings, *, migrate: bool = True) -> Lotsen:
    if migrate:  # only when behind: the check is cheap, Alembic is not
        from storage.schema import upgrade_if_behind

        upgrade_if_behind(settings.database_url)
    db = Database(settings.database_url)
    avvikelser = AvvikelseService(db, settings)
    frister = FristService(db, settings)
    rutiner = RoutineCatalogue(db, str(settings.rutin_synonyms) if settings.rutin_synonyms else None,
                               embedder=settings.rutin_embedder)
    follow_ups = FollowUpService(db, settings)
    lex_sarah = LexSarahService(db, settings)
    chat = Chat([AvvikelseFlows(avvikelser, follow_ups, settings, lex_sarah=lex_sarah),
                 LexSarahFlows(lex_sarah, settings, avvikelser=avvikelser),
                 FristFlows(frister, settings), RutinFlows(rutiner),
                 StatistikFlows(StatistikService(db, settings))],
                people_choices=lambda roles: choices_for(org_snapshot(db), roles))
    return Lotsen(settings=settings, db=db, avvikelser=avvikelser, follow_ups=follow_ups, frister=frister,
                  lex_sarah=lex_sarah, rutiner=rutiner, chat=chat)
