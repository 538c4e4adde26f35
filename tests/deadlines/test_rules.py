"""Rules are data: the shipped YAML, a deployment's own file, and clear Swedish errors for a bad one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.deadlines import compute, default_rules
from bot.deadlines.rules import DEFAULT_RULES, RuleSetError, Unit, clear_rules_cache, load_rules, parse_rules

ISSUE_KINDS = ["skyddsbedomning", "forhandsbedomning", "utredning", "aterkoppling_anmalare", "uppfoljning",
               "overvagande_placering", "lvu_understallning", "lvu_ansokan", "lvu_overvagande",
               "ej_verkstallt_beslut", "avvikelse_utredning"]

MINIMAL = """\
rules:
  - key: x
    name: X
    length: 3
    unit: dagar
    statutory: true
    applies_1930_173: true
    legal_basis: 1 § testlag
"""


def test_the_shipped_file_has_every_kind_of_the_issue_with_legal_md_lengths() -> None:
    rules = {r.key: r for r in load_rules(DEFAULT_RULES).rules}
    assert set(ISSUE_KINDS) <= set(rules)
    expected = {  # legal.md §7
        "skyddsbedomning": (0, Unit.GENAST), "forhandsbedomning": (14, Unit.DAGAR), "utredning": (4, Unit.MANADER),
        "aterkoppling_anmalare": (1, Unit.VECKOR), "uppfoljning": (6, Unit.MANADER),
        "overvagande_placering": (6, Unit.MANADER), "lvu_understallning": (1, Unit.VECKOR),
        "lvu_ansokan": (4, Unit.VECKOR), "lvu_overvagande": (6, Unit.MANADER),
        "ej_verkstallt_beslut": (3, Unit.MANADER), "avvikelse_utredning": (6, Unit.VECKOR),
    }
    assert {k: (rules[k].length, rules[k].unit) for k in expected} == expected
    # legal bases as legal.md §1.1 and §3 give them: new section first, old in parentheses
    assert rules["utredning"].legal_basis.startswith("20 kap. 3 § SoL 2025:400 (11 kap. 2 §")
    assert rules["overvagande_placering"].legal_basis.startswith("22 kap. 13 § SoL 2025:400 (6 kap. 8 §")
    assert rules["ej_verkstallt_beslut"].legal_basis.startswith("34 kap. 1 § SoL 2025:400 (16 kap. 6 f §")
    assert rules["lvu_understallning"].legal_basis.startswith("7 § LVU")
    assert rules["lvu_ansokan"].legal_basis.startswith("8 § LVU")
    assert rules["lvu_overvagande"].legal_basis.startswith("13 § LVU")
    assert rules["aterkoppling_anmalare"].in_force_from == date(2026, 1, 15)
    # lex Sarah has no number of days in law: the shipped value is a local target, and says so
    lex_sarah = rules["lex_sarah_utredning"]
    assert not lex_sarah.statutory and "genast" in lex_sarah.legal_basis and lex_sarah.to_confirm


def test_every_rule_is_explained() -> None:
    for rule in load_rules(DEFAULT_RULES).rules:
        assert rule.name and rule.legal_basis and rule.description and rule.counts_from, rule.key


def test_length_text() -> None:
    rules = load_rules(DEFAULT_RULES)
    assert [rules.resolve(k).length_text() for k in ["fhb", "utredning", "lvu_understallning", "lvu_ansokan",
                                                     "skyddsbedomning"]] == [
        "14 dagar", "4 månader", "1 vecka", "4 veckor", "genast"]


def test_a_deployment_changes_a_rule_in_its_own_file(tmp_path: Path) -> None:
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    block = "  - key: avvikelse_utredning\n    name: Utredning av avvikelse (lokalt mål)\n    aliases: [avvikelse]\n"
    assert block + "    length: 6\n" in text
    custom = tmp_path / "kommunens_regler.yml"
    custom.write_text(text.replace(block + "    length: 6\n", block + "    length: 4\n"), encoding="utf-8")
    assert compute("avvikelse_utredning", date(2026, 11, 2), load_rules(custom)).due == date(2026, 11, 30)
    assert compute("avvikelse_utredning", date(2026, 11, 2), load_rules(DEFAULT_RULES)).due == date(2026, 12, 14)


def test_default_rules_follow_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import reset_settings_cache

    own = tmp_path / "own.yml"
    own.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("LOTSEN_DEADLINE_RULES", str(own))
    reset_settings_cache()
    clear_rules_cache()
    try:
        assert [r.key for r in default_rules().rules] == ["x"]
    finally:
        monkeypatch.delenv("LOTSEN_DEADLINE_RULES")
        reset_settings_cache()
        clear_rules_cache()
    assert "utredning" in default_rules().kinds()


def test_unit_may_be_written_without_a_ring() -> None:
    rules = parse_rules(MINIMAL.replace("length: 3\n    unit: dagar", "length: 2\n    unit: Manader"))
    assert rules.rules[0].unit is Unit.MANADER


@pytest.mark.parametrize(("text", "message"), [
    (MINIMAL.replace("unit: dagar", "unit: år"), "regel 1 (x), unit: måste vara en av: dagar, veckor, månader, genast"),
    (MINIMAL.replace("length: 3", "length: tre"), "regel 1 (x), length: måste vara ett heltal"),
    (MINIMAL.replace("    legal_basis: 1 § testlag\n", ""), "regel 1 (x), legal_basis: saknas"),
    (MINIMAL.replace("applies_1930_173", "aplies_1930_173"), "aplies_1930_173: okänt fält (stavfel?)"),
    (MINIMAL.replace("statutory: true", "statutory: false"), "lag (1930:173) gäller bara lagstadgade frister"),
    (MINIMAL.replace("length: 3\n    unit: dagar", "length: 3\n    unit: genast"), "'genast' har längd 0"),
    (MINIMAL.replace("length: 3", "length: 0"), "längden måste vara större än 0"),
    (MINIMAL.replace("key: x", "key: X Y"), "regel 1 (X Y), key: får bara innehålla a–z, 0–9 och _"),
    (MINIMAL + MINIMAL.split("rules:\n", 1)[1].replace("key: x", "key: y\n    aliases: [X]"),
     "namnet 'X' används av både x och y"),
    ("rules: []\n", "rules: måste innehålla minst en regel"),
    ("", "filen: måste vara en mappning med nyckeln 'rules'"),
    ("- a\n- b\n", "filen: måste vara en mappning med nyckeln 'rules'"),
    ("rules:\n  - key: [unclosed\n", "är inte giltig YAML: rad"),
])
def test_a_bad_rule_file_gives_a_clear_swedish_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "regler.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as exc:
        load_rules(path)
    assert str(path) in exc.value.message and message in exc.value.message, exc.value.message


def test_a_missing_or_binary_file(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="Kan inte läsa regelfilen"):
        load_rules(tmp_path / "saknas.yml")
    binary = tmp_path / "bin.yml"
    binary.write_bytes(b"\xff\xfe\x00rules")
    with pytest.raises(RuleSetError, match="inte UTF-8"):
        load_rules(binary)


def test_rules_are_immutable() -> None:
    rule = load_rules(DEFAULT_RULES).resolve("utredning")
    with pytest.raises(ValueError):
        rule.length = 5
