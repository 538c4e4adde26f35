"""The gate in front of `/slack/events`: nothing is parsed before it is trusted.

Order: size limit → signature (v0 HMAC over the raw bytes, timestamp within five minutes) → only
then decode and check the shape the listeners rely on. Unsigned or badly signed: 401. Signed but
malformed (not UTF-8, not JSON, a payload without the fields Slack always sends): 400. Neither is
logged with a traceback, and nothing reaches Bolt's parser or a listener.

A body that passes is handed on decoded, as Bolt reads it (a payload's JSON, a command's fields, an
event), so Bolt does not decode it a second time: URL-decoding a form submission's payload was a
tenth of the submission's CPU.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

MAX_BODY_BYTES = 1_000_000
MAX_AGE_SECONDS = 300
USER_EVENTS = ("app_mention", "app_home_opened")


@dataclass(frozen=True)
class Verdict:
    status: int  # 200: pass on to Bolt
    reason: str = ""
    text: str = ""  # status 200: the body as text
    parsed: dict[str, Any] | None = None  # status 200: the body as Bolt's own parser reads it



def _str(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _user_id(body: dict[str, Any]) -> bool:
    user = body.get("user")
    return isinstance(user, dict) and _str(user.get("id"))


def _event_shape(body: dict[str, Any]) -> str:
    kind = body.get("type")
    if kind == "url_verification":
        return "" if _str(body.get("challenge")) else "url_verification utan challenge"
    if kind != "event_callback":
        return "okänd typ" if not _str(kind) else ""
    event = body.get("event")
    if not isinstance(event, dict) or not _str(event.get("type")):
        return "event_callback utan event"
    if not (body.get("event_id") is None or isinstance(body.get("event_id"), str)):
        return "event_id är inte text"
    needs_user = event["type"] in USER_EVENTS or (
        event["type"] == "message" and not event.get("subtype") and not event.get("bot_id"))
    if needs_user and not _str(event.get("user")):
        return "händelse utan user"
    if "text" in event and not isinstance(event["text"], str | None):
        return "text är inte text"
    return ""


def _payload_shape(payload: object) -> str:
    if not isinstance(payload, dict) or not _str(payload.get("type")):
        return "payload utan type"
    kind = payload["type"]
    if not _user_id(payload):
        return "payload utan user.id"
    if kind == "block_actions":
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions or not all(
                isinstance(a, dict) and _str(a.get("action_id")) for a in actions):
            return "block_actions utan actions"
        if any(not isinstance(a.get("value", ""), str | None) for a in actions):
            return "action value är inte text"
    if kind in ("view_submission", "view_closed"):
        view = payload.get("view")
        if not isinstance(view, dict) or not _str(view.get("id")) or not _str(view.get("callback_id")):
            return "view utan id eller callback_id"
        state = view.get("state", {})
        if not isinstance(state, dict) or not isinstance(state.get("values", {}), dict) or not all(
                isinstance(block, dict) and all(isinstance(el, dict) for el in block.values())
                for block in state.get("values", {}).values()):
            return "view.state har fel form"
        if not isinstance(view.get("private_metadata", ""), str | None):
            return "private_metadata är inte text"
    return ""


Read = tuple[str, dict[str, Any] | None]  # (why it is refused, or ""; the body as Bolt reads it)
PAYLOAD_FIELD = "payload="


def unquote_plus(value: str) -> str:
    """`urllib.parse.unquote_plus`, in C for the common case: ASCII with well-formed %XX escapes.

    A view submission's payload is its JSON percent-encoded, one escape for every quote, colon and
    brace: the standard library decodes it escape by escape in Python, the larger part of reading a
    submission (Slack's payload carries the whole view, blocks and all). Each %XX becomes backslash-xXX for
    the unicode_escape codec, whose bytes are then read as UTF-8. Anything else (a backslash,
    non-ASCII text, a malformed escape, bytes that are not UTF-8) takes the standard library's path,
    so the result is always the standard library's (a Hypothesis test holds them equal)."""
    if "%" not in value or "\\" in value or not value.isascii():
        return urllib.parse.unquote_plus(value)
    try:
        raw = value.replace("+", " ").replace("%", "\\x").encode("ascii").decode("unicode_escape")
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeError, ValueError):
        return urllib.parse.unquote_plus(value)


def _fields(text: str) -> dict[str, list[str]]:
    if text.startswith(PAYLOAD_FIELD) and "&" not in text:  # how Slack sends every interaction
        return {"payload": [unquote_plus(text[len(PAYLOAD_FIELD):])]}
    return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=True)


def _last_values(form: dict[str, list[str]]) -> dict[str, Any]:
    return {key: values[-1] for key, values in form.items()}


def _form(text: str) -> Read:
    try:
        form = _fields(text)
    except ValueError:
        return "trasigt formulär", None
    # Bolt's reading of a form: the payload's JSON, else each field's last value.
    if "ssl_check" in form:
        return "", _last_values(form)
    if "payload" in form:
        try:
            payload = json.loads(form["payload"][0])
        except ValueError:
            return "payload är inte JSON", None
        return _payload_shape(payload), payload
    if "command" in form:
        command = form["command"][0]
        if not command.startswith("/") or not form.get("user_id", [""])[0] or not form.get("trigger_id", [""])[0]:
            return "kommando utan command, user_id eller trigger_id", None
        return "", _last_values(form)
    return "varken payload eller command", None


def read(body: bytes, content_type: str) -> tuple[str, str, dict[str, Any] | None]:
    """(why a signed body is not a request Slack would send, or ""; the body as text; the body parsed
    as Bolt would parse it, when it is fine)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "inte UTF-8", "", None
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json":
        try:
            data = json.loads(text)
        except ValueError:
            return "inte JSON", text, None
        if not isinstance(data, dict):
            return "JSON är inte ett objekt", text, None
        return _event_shape(data), text, data
    if media == "application/x-www-form-urlencoded":
        reason, parsed = _form(text)
        return reason, text, parsed
    return "okänd Content-Type", text, None


def shape_error(body: bytes, content_type: str) -> str:
    """Why a signed body is not a request Slack would send ('' when it is fine)."""
    return read(body, content_type)[0]


def signature_ok(secret: str, body: bytes, timestamp: str, signature: str, now: float | None = None) -> bool:
    """Slack's v0 signature over the raw bytes (whatever they are), with a fresh timestamp."""
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body,
                                hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def judge(secret: str, body: bytes, content_type: str, timestamp: str | None, signature: str | None) -> Verdict:
    if len(body) > MAX_BODY_BYTES:
        return Verdict(413, "för stor")
    if not timestamp or not signature or not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return Verdict(401, "osignerad")
    if not signature_ok(secret, body, timestamp, signature):
        return Verdict(401, "fel signatur eller gammal tidsstämpel")
    reason, text, parsed = read(body, content_type)
    return Verdict(400, reason) if reason else Verdict(200, text=text, parsed=parsed)
