"""The personnummer/samordningsnummer guard, with generated numbers in every accepted shape."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.privacy.guard import identity_number_errors
from bot.privacy.personnummer import contains_identity_number, find_identity_numbers


def luhn_ok(digits: str) -> bool:
    """Independent Luhn check (from the right, as the algorithm is usually stated)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def with_check_digit(nine: str) -> str:
    for c in "0123456789":
        if luhn_ok(nine + c):
            return nine + c
    raise AssertionError("no check digit")


@st.composite
def identity_numbers(draw: st.DrawFn) -> tuple[str, str]:
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)))
    samordning = draw(st.booleans())
    day = born.day + (60 if samordning else 0)
    serial = draw(st.integers(min_value=0, max_value=999))
    ten = with_check_digit(f"{born:%y}{born:%m}{day:02d}{serial:03d}")
    shape = draw(st.sampled_from(["10", "10-", "12", "12-", "10space", "10plus"]))
    century = f"{born.year // 100:02d}"
    text = {
        "10": ten,
        "10-": f"{ten[:6]}-{ten[6:]}",
        "10space": f"{ten[:6]} {ten[6:]}",
        "10plus": f"{ten[:6]}+{ten[6:]}",
        "12": f"{century}{ten}",
        "12-": f"{century}{ten[:6]}-{ten[6:]}",
    }[shape]
    return text, "samordningsnummer" if samordning else "personnummer"


surrounding = st.text(alphabet=st.sampled_from(list("abc åäö,.:;()\n")), max_size=40)


@given(identity_numbers(), surrounding, surrounding)
def test_valid_numbers_are_found_in_free_text(number: tuple[str, str], before: str, after: str) -> None:
    text, kind = number
    found = find_identity_numbers(f"{before}{text}{after}")
    assert [m.kind for m in found] == [kind]
    assert f"{before}{text}{after}"[found[0].start : found[0].end] == text


@given(identity_numbers(), st.integers(min_value=1, max_value=9))
def test_wrong_check_digit_is_not_a_match(number: tuple[str, str], delta: int) -> None:
    text, _ = number
    broken = text[:-1] + str((int(text[-1]) + delta) % 10)
    assert not contains_identity_number(broken)


@given(st.integers(min_value=0, max_value=10**10 - 1))
def test_any_ten_digits_match_only_with_valid_date_and_checksum(n: int) -> None:
    digits = f"{n:010d}"
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    valid_date = False
    for year in (1900 + int(digits[:2]), 2000 + int(digits[:2])):
        try:
            date(year, month, day)
            valid_date = True
        except ValueError:
            pass
    assert contains_identity_number(digits) == (valid_date and luhn_ok(digits))


def test_known_examples() -> None:
    # Skatteverket's test number style 19121212-1212 and a samordningsnummer (day + 60).
    assert [m.kind for m in find_identity_numbers("19121212-1212")] == ["personnummer"]
    assert [m.kind for m in find_identity_numbers("701063-2391")] == ["samordningsnummer"]
    assert contains_identity_number("barnet, 121212-1212, bor hos")


def test_case_references_and_dates_pass() -> None:
    for harmless in ["SN 2026/0673", "2026-11-22", "Ärende 2026-118", "tel 08-508 252 62", "dnr 2020/0673-1.2"]:
        assert not contains_identity_number(harmless), harmless


def test_numbers_inside_longer_digit_runs_are_ignored() -> None:
    assert not contains_identity_number("1191212121212")  # 13 digits: not an identity number


def test_guard_reports_the_field_and_explains_why() -> None:
    errors = identity_number_errors({"what": "pojken 121212-1212 sa", "other": "inget här", "empty": None})
    assert set(errors) == {"what"}
    assert "personnummer" in errors["what"] and "diarienummer" in errors["what"]
    assert "1212" not in errors["what"]  # the number itself is never echoed back
