"""Microsoft Teams: where the bot can reach a person proactively (their 1:1 conversation with Lotsen)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.types import timestamp_field as _ts


class TeamsConversation(SQLModel, table=True):
    """The conversation reference Teams gives at install or first contact, keyed by the person's
    Azure AD object id (lower case). Stored for people not (yet) in the organisation too, so a person
    added later is reachable without writing to Lotsen first."""

    __tablename__ = "teams_conversation"
    aad_object_id: str = Field(primary_key=True, max_length=200)
    conversation_id: str = Field(max_length=500)
    service_url: str = Field(max_length=500)
    tenant_id: str = Field(max_length=100)
    bot_id: str = Field(max_length=200)
    updated_at: datetime = _ts()
