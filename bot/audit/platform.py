"""Refusals of platform users who are not in the organisation: audited with the platform id only
(no name, no e-mail, nothing they typed), so an administrator can see who knocked and when."""

from __future__ import annotations

from bot.audit.log import record
from storage.db import Database

ENTITY = "plattformsanvandare"
ACTION = "nekad_okand_anvandare"


def record_unknown_user(db: Database, platform: str, platform_user_id: str, request: str | None = None) -> None:
    """`request` may name what was asked for (a command name, an action id, an event type), never its text."""
    with db.session() as session:
        record(session, actor_id=None, action=ACTION, entity_type=ENTITY,
               entity_ref=f"{platform}:{platform_user_id}"[:60],
               changes={"request": request[:100]} if request else {}, channel=platform)
