"""Deliver outbox messages to Slack users as direct messages from the bot."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.adapters.slack.blocks import fallback_text, for_history, message_blocks
from bot.ui.model import Message
from storage.models import Person


class SlackSender:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def can_reach(self, person: Person) -> bool:
        return bool(person.slack_user_id)

    def send(self, person: Person, message: Message) -> None:
        # Posting to a user id opens (or reuses) the bot's DM with them; a DM keeps what is posted.
        message = for_history(message)
        self.client.chat_postMessage(channel=person.slack_user_id or "", text=fallback_text(message),
                                     blocks=message_blocks(message), unfurl_links=False)
