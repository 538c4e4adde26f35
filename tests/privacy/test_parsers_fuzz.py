"""Parsers never crash on arbitrary input: they answer with a Swedish error or a result."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.org.importer import parse
from bot.privacy.case_reference import CASE_REFERENCE, case_reference_error
from bot.privacy.personnummer import contains_identity_number
from bot.rutiner.extract import Line, _plain, split_sections
from bot.rutiner.metadata import parse_metadata

yaml_like = st.one_of(
    st.text(max_size=400),
    st.builds(lambda units, people: f"enheter:\n{units}\npersoner:\n{people}\n",
              st.text(max_size=120), st.text(max_size=120)),
)


@given(yaml_like)
def test_organisation_parser_reports_instead_of_crashing(text: str) -> None:
    units, people, errors = parse(text)
    assert errors or (isinstance(units, list) and isinstance(people, list))
    for error in errors:
        assert error.line >= 1 and str(error).startswith("rad ")


@given(st.text(max_size=60))
def test_case_reference_rule(text: str) -> None:
    error = case_reference_error(text)
    if error is None:
        assert CASE_REFERENCE.match(text.strip()) and not contains_identity_number(text)


@given(st.lists(st.text(max_size=80), max_size=40))
def test_metadata_parser_never_crashes(lines: list[str]) -> None:
    meta = parse_metadata([Line(t) for t in lines])
    for value in (meta.owner, meta.approved_by, meta.version, meta.diarienummer):
        assert value is None or len(value) <= 200


@given(st.text(max_size=2000))
def test_plain_text_always_splits_into_sections(text: str) -> None:
    document = split_sections(_plain(text), "reserv")
    assert document.title
    assert all(s.text.strip() for s in document.sections)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda children: st.lists(children, max_size=3)
                    | st.dictionaries(st.sampled_from(["id", "namn", "kod", "roller", "enhet", "chef", "epost",
                                                       "slack", "överordnad", "aktiv"]), children, max_size=5),
                    max_leaves=12),
       st.recursive(st.none() | st.integers() | st.text(max_size=10),
                    lambda children: st.lists(children, max_size=3), max_leaves=6))
def test_organisation_parser_survives_any_shape(people: object, units: object) -> None:
    import yaml

    units_, people_, errors = parse(yaml.safe_dump({"enheter": units, "personer": people}))
    assert errors or (isinstance(units_, list) and isinstance(people_, list))
