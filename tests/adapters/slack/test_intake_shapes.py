"""The intake's shape check is a parser of untrusted input: it answers for any bytes and any JSON, never raises."""

from __future__ import annotations

import json
import time
import urllib.parse

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.adapters.slack.intake import judge, shape_error, signature_ok

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["type", "event", "user", "id", "actions", "action_id", "view", "callback_id", "state",
                         "values", "text", "subtype", "challenge", "event_id", "private_metadata", "value"]),
        children, max_size=5),
    max_leaves=15)
content_types = st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                 "application/json; charset=utf-8", "text/plain", ""])


@given(st.binary(max_size=300), content_types)
def test_any_bytes(body: bytes, content_type: str) -> None:
    assert isinstance(shape_error(body, content_type), str)


@given(json_values)
def test_any_json_event_or_payload(value: object) -> None:
    raw = json.dumps(value)
    assert isinstance(shape_error(raw.encode(), "application/json"), str)
    form = urllib.parse.urlencode({"payload": raw}).encode()
    assert isinstance(shape_error(form, "application/x-www-form-urlencoded"), str)


@given(st.binary(max_size=100), st.text(max_size=20), st.text(max_size=80))
def test_judge_never_raises_and_refuses_what_is_not_signed(body: bytes, timestamp: str, signature: str) -> None:
    verdict = judge("secret", body, "application/json", timestamp, signature)
    assert verdict.status in (401, 413)


def test_signature_needs_a_fresh_timestamp() -> None:
    import hashlib
    import hmac

    now = int(time.time())
    sig = "v0=" + hmac.new(b"s", f"v0:{now}:body".encode(), hashlib.sha256).hexdigest()
    assert signature_ok("s", b"body", str(now), sig)
    assert not signature_ok("s", b"body", str(now), sig, now=now + 301)
    assert not signature_ok("t", b"body", str(now), sig)


percent_encoded = st.one_of(
    st.text(max_size=60).map(urllib.parse.quote_plus),  # what Slack sends
    st.text(max_size=60).map(lambda s: urllib.parse.quote(s, safe="")),
    st.lists(st.one_of(  # and anything built of escapes, pluses and stray characters
        st.sampled_from(["%", "+", "\\", "\\x", "%2", "%C3", "%A4", "%ff", "%FF", "%00", "%5C", "%zz", "%%", "=", "&"]),
        st.binary(min_size=1, max_size=4).map(lambda b: "".join(f"%{x:02X}" for x in b)),
        st.text(max_size=4)), max_size=20).map("".join),
)


@settings(max_examples=500)
@given(percent_encoded)
@example("\\%41")  # a backslash before an escape: unicode_escape would read it as an escape of its own
@example("\\n%41")
@example("%5Cn%41")  # an encoded backslash is only data
@example("%C3%A4+%C3")  # UTF-8 cut short: the standard library's replacement character
@example("%")
@example("%2")
@example("%zz")
@example("å%41")
def test_the_fast_percent_decoder_is_the_standard_librarys(value: str) -> None:
    from bot.adapters.slack.intake import unquote_plus

    assert unquote_plus(value) == urllib.parse.unquote_plus(value)


@given(json_values)
def test_a_payload_reads_the_same_through_the_fast_path(value: object) -> None:
    from bot.adapters.slack.intake import read

    form = urllib.parse.urlencode({"payload": json.dumps(value, ensure_ascii=False)}).encode()
    reason, _text, parsed = read(form, "application/x-www-form-urlencoded")
    if not reason:
        assert parsed == value
