"""The guard reads numbers as a person would: every dash, space and invisible character, digits in pairs,
numbers glued to labels or inside links; and look-alikes (phones, date ranges, diarienummer, org numbers) pass."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import UserError
from bot.privacy.case_reference import case_reference_error
from bot.privacy.guard import CONTROL_ERROR, check_free_text, free_text_errors
from bot.privacy.normalise import normalise
from bot.privacy.personnummer import contains_identity_number, find_identity_numbers
from tests.privacy.test_personnummer import with_check_digit

DASHES = ["-", "\u2013", "\u2014", "\u2010", "\u2011", "\u2212", "\u2012", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_is_a_separator(dash: str) -> None:
    assert contains_identity_number(f"barnet 121212{dash}1212 bor")
    assert contains_identity_number(f"19121212{dash}1212")


@pytest.mark.parametrize("space", SPACES)
def test_every_space_is_a_separator(space: str) -> None:
    assert contains_identity_number(f"121212{space}1212")
    assert contains_identity_number(f"12{space}12{space}12{space}-{space}12{space}12")


@pytest.mark.parametrize("invisible", ZERO_WIDTH)
def test_zero_width_characters_are_ignored(invisible: str) -> None:
    assert contains_identity_number(invisible.join("121212-1212"))


@pytest.mark.parametrize("text", [
    "12 12 12 - 12 12", "12 12 12 12 12", "121212 - 1212", "1912 12 12-1212", "19 12 12 12 - 12 12",
    "121212\u20131212", "121212 \u2013 1212", "１２１２１２－１２１２",  # full-width (NFKC)
    "pnr:121212-1212", "pnr121212-1212", "Personnr:19121212-1212.", "(121212-1212)",
    "https://example.se/klient?pnr=121212-1212", "<https://x.se/121212-1212|länk>", "tel:121212%2D1212",
    "https://x.se/?p=121212%E2%80%931212", "121212+1212", "701063-2391", "70 10 63 - 23 91",
])
def test_shapes_a_person_reads_as_an_identity_number(text: str) -> None:
    assert contains_identity_number(text), text


@pytest.mark.parametrize("text", [
    "tel 08-508 252 62", "ring 070-123 45 67", "070 123 45 67", "+46 70 123 45 67", "0701-23 45 67",
    "2026-11-20 – 2026-12-01", "2026-11-20–2026-12-01", "20261120-20261201", "v. 47–49, 2026-11-16 – 2026-12-04",
    "SN 2026/0673", "dnr 2020/0673-1.2", "Ärende 2026-118", "org.nr 556036-0793", "212000-0142",
    "121212-1213",  # checksum fails
    "121312-1212",  # month 13
    "1191212121212",  # 13 digits
    "kl. 12 12 12", "AVV-2026-0001", "LXS-2026-0007",
])
def test_look_alikes_pass(text: str) -> None:
    assert not contains_identity_number(text), text


def test_match_spans_point_into_the_original_text() -> None:
    text = "Barnet (p\u200bnr: 12\u00a012\u00a012\u2013\u200b12 12) kom"
    [match] = find_identity_numbers(text)
    assert text[match.start:match.end] == "12\u00a012\u00a012\u2013\u200b12 12"


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    """A valid number written the way people (and word processors) write them."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)
    ten = with_check_digit(f"{born:%y}{born:%m}{day:02d}{draw(st.integers(0, 999)):03d}")
    digits = (f"{born.year // 100}" if draw(st.booleans()) else "") + ten
    pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
    space = st.sampled_from(SPACES)
    out = ""
    for i, pair in enumerate(pairs):
        if i == len(pairs) - 2:  # before the last four digits
            out += draw(st.sampled_from(["", draw(space), draw(st.sampled_from(DASHES)), "+",
                                         draw(space) + draw(st.sampled_from(DASHES)) + draw(space)]))
        elif i:
            out += draw(st.sampled_from(["", "", draw(space)]))
        out += "".join(c + draw(st.sampled_from(["", "", "", *ZERO_WIDTH])) for c in pair)
    if draw(st.booleans()):  # full-width digits, as some keyboards and PDFs give them
        out = "".join(chr(ord(c) - ord("0") + 0xFF10) if c.isdigit() else c for c in out)
    return out


context = st.lists(st.sampled_from([*"abc åäö,.:;()/=?\n<>", "pnr:", "https://x.se/"]), max_size=12).map("".join)


@given(written_numbers(), context, context)
def test_generated_spellings_are_found(number: str, before: str, after: str) -> None:
    text = f"{before}{number}{after}"
    found = find_identity_numbers(text)
    assert found, repr(text)
    assert any(normalise(text[m.start:m.end]).text == normalise(number).text for m in found), repr(text)


@given(st.text(max_size=200))
def test_normaliser_keeps_a_map_back_to_the_original(text: str) -> None:
    norm = normalise(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    assert all(0 <= i < len(text) for i in norm.origin)
    assert not any(unicodedata.category(c) == "Cf" for c in norm.text)
    assert all(c in "0123456789" for c in norm.text if unicodedata.category(c) == "Nd")


@given(st.text(max_size=200))
def test_normalising_is_idempotent_on_its_own_output(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_the_guard_never_crashes(text: str) -> None:
    errors = free_text_errors({"f": text})
    assert set(errors) <= {"f"}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\x0b", "\x0c"])
def test_control_characters_are_refused_with_a_field_error(char: str) -> None:
    assert free_text_errors({"what": f"text{char}mer"}) == {"what": CONTROL_ERROR}
    with pytest.raises(UserError) as caught:
        check_free_text({"what": f"a{char}b"})
    assert caught.value.field == "what"


def test_newline_tab_and_crlf_are_fine() -> None:
    assert free_text_errors({"what": "rad ett\nrad två\r\n\tindrag"}) == {}


@pytest.mark.parametrize("ref", ["SN 2026/0412", "Ärende 2026-118", "dnr 2020/0673-1.2", "2026-118", "IFO 2026:45",
                                 "Dnr: 2026/12", "118234"])
def test_case_references_that_look_like_one_pass(ref: str) -> None:
    assert case_reference_error(ref) is None


@pytest.mark.parametrize("ref", ["Kalle Anka", "Kalle 2026/1", "Anna", "x", "Lisa S", "pojken på gatan",
                                 "121212–1212", "SN 2026/0412\x1b"])
def test_names_and_identity_numbers_are_not_case_references(ref: str) -> None:
    assert case_reference_error(ref) is not None


@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="%"), max_size=80))
def test_the_ascii_fast_path_reads_like_the_full_path(text: str) -> None:
    from bot.privacy.normalise import _fold

    expected = [(c, i) for i, ch in enumerate(text) for piece in unicodedata.normalize("NFKC", ch)
                for c in _fold(piece)]
    norm = normalise(text)
    assert list(zip(norm.text, norm.origin, strict=True)) == expected


@pytest.mark.parametrize("ref", ["2026/0412 Eva", "SN 2026/0412 EVA", "Pojken SN 2026/1"])
def test_nothing_may_follow_or_lead_the_number_but_a_label(ref: str) -> None:
    assert case_reference_error(ref) is not None


# Swedish prose takes a shortcut (no per-character walk); it must read exactly as the walk does.
_PROSE = st.text(alphabet=st.sampled_from(
    [*"abcåäöéüAÅÄÖÉ019 -\t\n%:", "\u00a0", "\u2013", "\u2212", "\u200b", "\uff11", "\u0301", "\u00ad"]),
    max_size=40)


@given(st.one_of(_PROSE, st.text(max_size=40)))
def test_the_shortcut_for_prose_reads_as_the_walk(text: str) -> None:
    from bot.privacy.normalise import _walk

    assert normalise(text) == _walk(text)
