"""The peer for Lotsen's form submission: a Bolt app doing the minimum the same job needs.

Its `avvikelse_new` submission handler validates the same fields (a date not in the future, the
choices present, the free texts present and not too long) and inserts one row in a transaction,
with the standard library's sqlite3 on the same database file (WAL, busy timeout), then acks with
a one-line receipt view. It has a no-op `/noop` command and a no-op `noop` view as well, so it is
also the bare Bolt app, and an `/avvikelse` command that acks and opens a fixed modal (views.open).
Served exactly like Lotsen's HTTP mode (waitress, 8 threads, WSGI adapter). On `/slack/inline` the
same `/noop` is served by a second app with `process_before_response=True`, as Lotsen's listeners run
(in the request's thread, no pool, no 10 ms polling for the ack):

    python -m benchmarks.peer_bolt PORT SLACK_API_URL SECRET DATABASE_URL
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

TEXTS = ("what_happened", "consequence", "immediate_action")
CHOICES = ("unit", "subject", "origin", "category")
SCHEMA = """CREATE TABLE IF NOT EXISTS peer_report (
    id INTEGER PRIMARY KEY, submission_key TEXT NOT NULL UNIQUE, reporter TEXT NOT NULL, event_date TEXT NOT NULL,
    unit TEXT NOT NULL, subject TEXT NOT NULL, origin TEXT NOT NULL, category TEXT NOT NULL,
    what_happened TEXT NOT NULL, consequence TEXT NOT NULL, immediate_action TEXT NOT NULL, case_reference TEXT)"""


FORM_VIEW = {
    "type": "modal", "callback_id": "avvikelse_new", "title": {"type": "plain_text", "text": "Avvikelse"},
    "submit": {"type": "plain_text", "text": "Skicka"},
    "blocks": [{"type": "input", "block_id": key, "label": {"type": "plain_text", "text": key},
                "element": {"type": "plain_text_input", "action_id": "value", "multiline": True}} for key in TEXTS],
}


def sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def connect(url: str) -> sqlite3.Connection:
    conn = sqlite3.connect(sqlite_path(url), timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def create_peer_schema(url: str) -> None:
    conn = connect(url)
    conn.execute(SCHEMA)
    conn.close()


def _value(state: dict[str, Any], block: str) -> str | None:
    entry = (state.get(block) or {}).get("value") or {}
    if "selected_option" in entry:
        return (entry["selected_option"] or {}).get("value")
    if "selected_date" in entry:
        return entry["selected_date"]
    value = entry.get("value")
    return value.strip() if isinstance(value, str) else None


def validate(state: dict[str, Any]) -> tuple[dict[str, str | None], dict[str, str]]:
    values = {k: _value(state, k) for k in ("event_date", *CHOICES, *TEXTS, "case_reference")}
    errors: dict[str, str] = {}
    try:
        if date.fromisoformat(values["event_date"] or "") > date.today():
            errors["event_date"] = "Datumet kan inte ligga i framtiden."
    except ValueError:
        errors["event_date"] = "Ange ett datum."
    for key in CHOICES:
        if not values[key]:
            errors[key] = "Välj ett alternativ."
    for key in TEXTS:
        if not values[key] or len(values[key] or "") > 3000:
            errors[key] = "Fyll i fältet (högst 3000 tecken)."
    return values, errors


def create_inline_noop_app(secret: str, api_url: str) -> App:
    app = App(client=WebClient(token="xoxb-peer", base_url=api_url), signing_secret=secret,
              token_verification_enabled=False, process_before_response=True)

    @app.command("/noop")
    def noop(ack: Ack) -> None:
        ack()

    return app


def create_peer_app(url: str, secret: str, api_url: str) -> App:
    app = App(client=WebClient(token="xoxb-peer", base_url=api_url), signing_secret=secret,
              token_verification_enabled=False)
    local = threading.local()

    def conn() -> sqlite3.Connection:
        if not hasattr(local, "conn"):
            local.conn = connect(url)
        return local.conn  # type: ignore[no-any-return]

    @app.command("/noop")
    def noop(ack: Ack) -> None:
        ack()

    @app.view("noop")
    def noop_view(ack: Ack) -> None:
        ack()

    @app.command("/avvikelse")
    def open_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        # What Lotsen's command must do at least: ack, then open a modal (a fixed one here).
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=FORM_VIEW)

    @app.view("avvikelse_new")
    def submit(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        values, errors = validate(view["state"]["values"])
        if errors:
            ack(response_action="errors", errors=errors)
            return
        db = conn()
        db.execute("BEGIN IMMEDIATE")
        try:
            cursor = db.execute(
                "INSERT INTO peer_report (submission_key, reporter, event_date, unit, subject, origin, category, "
                "what_happened, consequence, immediate_action, case_reference) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (submission_key) DO NOTHING",
                (f"peer:view:{view['id']}", body["user"]["id"], values["event_date"], values["unit"],
                 values["subject"], values["origin"], values["category"], values["what_happened"],
                 values["consequence"], values["immediate_action"], values["case_reference"]),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        receipt = {"type": "section", "text": {"type": "mrkdwn", "text": f"Rapport {cursor.lastrowid} mottagen."}}
        ack(response_action="update",
            view={"type": "modal", "title": {"type": "plain_text", "text": "Mottagen"}, "blocks": [receipt]})

    return app


def main() -> None:
    from waitress import serve

    port, api_url, secret, url = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    create_peer_schema(url)
    handler = SlackRequestHandler(create_peer_app(url, secret, api_url))
    inline = SlackRequestHandler(create_inline_noop_app(secret, api_url), path="/slack/inline")

    def application(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        if environ.get("PATH_INFO") == "/slack/inline":
            return inline(environ, start_response)
        return handler(environ, start_response)

    serve(application, host="127.0.0.1", port=port, threads=8, ident="peer")


if __name__ == "__main__":
    main()
