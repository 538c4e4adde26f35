"""Wire the core together once: settings, database, services, chat router, dispatcher."""

from __future__ import annotations

from dataclasses import dataclass

from lotsen.avvikelse.flows import AvvikelseFlows
from lotsen.avvikelse.follow_ups import FollowUpService
from lotsen.avvikelse.service import AvvikelseService
from lotsen.chat.router import Chat
from lotsen.config import Settings
from lotsen.frist.flows import FristFlows
from lotsen.frist.service import FristService
from lotsen.lex_sarah.flows import LexSarahFlows
from lotsen.lex_sarah.service import LexSarahService
from lotsen.reminders.dispatcher import Dispatcher, Sender
from lotsen.rutiner.flows import RutinFlows
from lotsen.rutiner.service import RoutineCatalogue
from lotsen.storage.db import Database
from lotsen.storage.migrate import upgrade


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
            **kwargs,  # type: ignore[arg-type]
        )


def build(settings: Settings, *, migrate: bool = True) -> Lotsen:
    if migrate:
        upgrade(settings.database_url)
    db = Database(settings.database_url)
    avvikelser = AvvikelseService(db, settings)
    frister = FristService(db, settings)
    rutiner = RoutineCatalogue(db, str(settings.rutin_synonyms) if settings.rutin_synonyms else None)
    follow_ups = FollowUpService(db, settings)
    lex_sarah = LexSarahService(db, settings)
    chat = Chat([AvvikelseFlows(avvikelser, follow_ups, settings), LexSarahFlows(lex_sarah, settings),
                 FristFlows(frister, settings), RutinFlows(rutiner)])
    return Lotsen(settings=settings, db=db, avvikelser=avvikelser, follow_ups=follow_ups, frister=frister,
                  lex_sarah=lex_sarah, rutiner=rutiner, chat=chat)
