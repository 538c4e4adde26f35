"""Triage: the risk matrix (pure, and from a configurable file), `/lexsarah triage`, the questions while an
avvikelse is filed, shown to the investigating chef; "ja" and "osäker" bring in the lex Sarah-ansvariga;
an avvikelse made a lex Sarah report keeps the link both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app import Lotsen
from bot.config import Settings
from bot.lex_sarah import triage
from storage.models import Person
from tests.avvikelse.helpers import values as avvikelse_values
from tests.lex_sarah.helpers import audit, outbox, report, text

MATRIX = triage.load()
HARMLESS = {"klient": "ja", "konsekvens": "forsumbar", "hot": "nej", "sannolikhet": "mycket_liten",
            "upprepat": "nej", "frist": "nej"}


def test_the_matrix_scores_consequence_times_probability() -> None:
    low = triage.score(MATRIX, HARMLESS)
    assert low is not None and (low.consequence, low.probability, low.score, low.suggestion) == (1, 1, 1, "nej")
    mid = triage.score(MATRIX, {**HARMLESS, "konsekvens": "lindrig", "sannolikhet": "liten"})
    assert mid is not None and (mid.score, mid.suggestion) == (4, "osaker")
    high = triage.score(MATRIX, {**HARMLESS, "konsekvens": "betydande", "sannolikhet": "stor"})
    assert high is not None and (high.score, high.suggestion) == (9, "ja")
    threat = triage.score(MATRIX, {**HARMLESS, "hot": "ja"})  # 4 × 1, but a threat to life is at least osäker
    assert threat is not None and threat.suggestion == "osaker"
    not_a_client = triage.score(MATRIX, {**HARMLESS, "klient": "nej", "konsekvens": "allvarlig",
                                         "sannolikhet": "mycket_stor"})
    assert not_a_client is not None and not_a_client.suggestion == "osaker"
    assert triage.score(MATRIX, {}) is None


@given(st.fixed_dictionaries({q.id: st.sampled_from([a.value for a in q.answers] + [""])
                              for q in MATRIX.questions}))
def test_any_answers_give_a_suggestion_within_the_matrix(answers: dict[str, str]) -> None:
    result = triage.score(MATRIX, answers)
    if not any(answers.values()):
        assert result is None
        return
    assert result is not None and result.suggestion in ("ja", "osaker", "nej")
    assert 1 <= result.score <= len(MATRIX.consequence_labels) * len(MATRIX.probability_labels)
    worse = triage.score(MATRIX, {**answers, "hot": "ja"})
    assert worse is not None and worse.suggestion != "nej"


@pytest.mark.parametrize(("content", "expected"), [
    ("matris: [1, 2", "inte giltig YAML"),
    ("frågor: []", "saknar 'matris'"),
    ("matris: {konsekvens: [a, b], sannolikhet: [a, b], gränser: {ja: 9, osaker: 1}}\nfrågor: []", "gränser.ja"),
    ("matris: {konsekvens: [a, b], sannolikhet: [a, b], gränser: {ja: 2, osaker: 3}}\nfrågor: []", "högre än"),
    ("matris: {konsekvens: [a, b], sannolikhet: [a, b], gränser: {ja: 4, osaker: 2}}\nfrågor: []", "minst en fråga"),
    ("matris: {konsekvens: [a, b], sannolikhet: [a, b], gränser: {ja: 4, osaker: 2}}\n"
     "frågor: [{id: x, fråga: 'X', svar: {ja: {text: Ja, konsekvens: 7}}}]", "heltal 1–2"),
    ("matris: {konsekvens: [a, b], sannolikhet: [a, b], gränser: {ja: 4, osaker: 2}}\n"
     "frågor: [{id: x, fråga: 'X', svar: {ja: {text: Ja, minst: kanske}}}]", "nej, osaker eller ja"),
])
def test_a_broken_triage_file_is_explained(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "triage.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(triage.TriageConfigError, match=expected):
        triage.load(path)
    with pytest.raises(triage.TriageConfigError, match="kan inte läsas"):
        triage.load(tmp_path / "saknas.yml")


def test_a_municipality_uses_its_own_matrix_through_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 db_url: str) -> None:
    own = tmp_path / "var_matris.yml"
    own.write_text("matris: {konsekvens: [Liten, Stor], sannolikhet: [Sällan, Ofta], gränser: {ja: 4, osaker: 2}}\n"
                   "frågor:\n  - id: skada\n    fråga: Blev någon skadad?\n"
                   "    svar: {ja: {text: Ja, konsekvens: 2, sannolikhet: 2}, nej: {text: Nej}}\n", encoding="utf-8")
    monkeypatch.setenv("LOTSEN_LEX_SARAH_TRIAGE", str(own))
    assert Settings().lex_sarah_triage == own
    from tests.conftest import make_lotsen

    app = make_lotsen(db_url)
    app.settings.lex_sarah_triage = own
    try:
        from bot.org.directory import person_by_key

        with app.db.read() as s:
            anna = person_by_key(s, "me.anna")
        assert anna is not None
        form = app.chat.command(anna, "lexsarah", "triage", channel="t").form
        assert form is not None and [f.id for f in form.fields] == ["unit", "triage_skada"]
        result = app.chat.submit(anna, "lexsarah_triage", {}, {"unit": "MOTT", "triage_skada": "ja"},
                                 submission_key="k", channel="t")
        assert result.message is not None and "2 × sannolikhet 2 = 4" in result.message.text
    finally:
        app.db.dispose()


def run_triage(lotsen: Lotsen, who: Person, answers: dict[str, str]) -> str:
    form = lotsen.chat.command(who, "lexsarah", "triage", channel="t").form
    assert form is not None and form.id == "lexsarah_triage"
    vals = {"unit": "MOTT", **{f"triage_{k}": v for k, v in answers.items()}}
    result = lotsen.chat.submit(who, "lexsarah_triage", {}, vals, submission_key="t", channel="t")
    assert result.ok, result
    return text(result)


def test_triage_on_its_own_brings_in_the_lex_sarah_ansvariga_for_ja_and_osaker(
        lotsen: Lotsen, people: dict[str, Person]) -> None:
    anna = people["me.anna"]
    assert "Nej, troligen inte" in run_triage(lotsen, anna, HARMLESS)
    assert outbox(lotsen, "lexsarah_triage") == []
    assert "Osäker" in run_triage(lotsen, anna, {**HARMLESS, "frist": "ja"})
    assert "Ja, troligen" in run_triage(lotsen, anna, {**HARMLESS, "konsekvens": "allvarlig", "sannolikhet": "stor"})
    told = outbox(lotsen, "lexsarah_triage")
    assert [o.recipient_id for o in told] == [people["kv.petra"].id] * 2
    assert "Anna Medarbetare" in told[0].payload["text"]
    unanswered = lotsen.chat.submit(anna, "lexsarah_triage", {}, {"unit": "MOTT"}, submission_key="u", channel="t")
    assert set(unanswered.errors) == {f"triage_{q.id}" for q in MATRIX.questions}


def file_avvikelse(lotsen: Lotsen, who: Person, answers: dict[str, str]) -> str:
    vals = {**avvikelse_values(), **{f"triage_{k}": v for k, v in answers.items()}}
    result = lotsen.chat.submit(who, "avvikelse_new", {}, vals, submission_key=f"a{len(answers)}", channel="t")
    assert result.ok, result
    return "AVV-2026-0001"


def test_triage_while_filing_is_stored_shown_to_the_chef_and_brings_in_the_ansvariga(
        lotsen: Lotsen, people: dict[str, Person]) -> None:
    number = file_avvikelse(lotsen, people["me.anna"], {**HARMLESS, "hot": "ja"})
    [told] = outbox(lotsen, "lexsarah_triage")
    assert told.recipient_id == people["kv.petra"].id and number in told.payload["text"]
    assert "Journalanteckning" not in str(told.payload)
    shown = lotsen.chat.action(people["ec.maria"], "avvikelse:open", number, channel="t").message
    assert shown is not None
    triage_section = next(s for s in shown.sections if "Lex Sarah-triage" in s)
    assert "Osäker" in triage_section and "Kunde händelsen hota den enskildes liv" in triage_section
    assert any(b.action_id == "lexsarah:convert" for b in shown.buttons)
    assert "triage" in [a.action for a in audit(lotsen, number)]


def test_skipping_the_questions_stores_no_triage(lotsen: Lotsen, people: dict[str, Person]) -> None:
    number = file_avvikelse(lotsen, people["me.anna"], {})
    assert outbox(lotsen, "lexsarah_triage") == []
    shown = lotsen.chat.action(people["ec.maria"], "avvikelse:open", number, channel="t").message
    assert shown is not None and not any("Lex Sarah-triage" in s for s in shown.sections)


def test_an_avvikelse_closed_as_unsure_brings_in_the_lex_sarah_ansvariga(lotsen: Lotsen,
                                                                         people: dict[str, Person]) -> None:
    from tests.avvikelse.test_investigation import INVESTIGATION

    number = file_avvikelse(lotsen, people["me.anna"], {})
    maria = people["ec.maria"]
    lotsen.chat.action(maria, "avvikelse:start", number, channel="t")
    closed = lotsen.chat.submit(maria, "avvikelse_investigation", {"number": number},
                                {**INVESTIGATION, "inv_lex_sarah": "osaker"}, submission_key="c", channel="t")
    assert closed.ok, closed
    [told] = outbox(lotsen, "avvikelse_lex_sarah")
    assert told.recipient_id == people["kv.petra"].id and "osäker" in told.payload["text"]


def test_the_chef_converts_an_avvikelse_and_both_keep_the_link(lotsen: Lotsen, people: dict[str, Person]) -> None:
    number = file_avvikelse(lotsen, people["me.anna"], {**HARMLESS, "upprepat": "ja"})
    assert "Bara utredande chef" in text(lotsen.chat.action(people["tl.sara"], "lexsarah:convert", number,
                                                            channel="t"))
    assert [a.action for a in audit(lotsen, number)][-1] == "nekad_lex_sarah"
    done = lotsen.chat.action(people["ec.maria"], "lexsarah:convert", number, channel="t")
    assert "LXS-2026-0001" in text(done) and number in text(done)
    lxs = report(lotsen, "LXS-2026-0001")
    assert lxs.avvikelse_number == number and lxs.what_happened.startswith("Journalanteckning")
    assert lxs.status == "mottagen"
    shown = lotsen.chat.action(people["ec.maria"], "avvikelse:open", number, channel="t").message
    assert shown is not None and ("Lex Sarah-rapport", "LXS-2026-0001") in shown.facts
    assert not any(b.action_id == "lexsarah:convert" for b in shown.buttons)
    again = lotsen.chat.action(people["kv.petra"], "lexsarah:convert", number, channel="t")
    assert "redan lex Sarah-rapport LXS-2026-0001" in text(again)
    petra_view = lotsen.chat.action(people["kv.petra"], "lexsarah:open", "LXS-2026-0001", channel="t").message
    assert petra_view is not None and ("Från avvikelse", number) in petra_view.facts
    assert any("Lex Sarah-triage" in s and "Osäker" in s for s in petra_view.sections)


def test_the_lex_sarah_ansvarig_converts_a_flagged_avvikelse(lotsen: Lotsen, people: dict[str, Person]) -> None:
    from sqlmodel import select

    from storage.models import Person as P

    with lotsen.db.session() as s:  # a lex Sarah-ansvarig outside kvalitetsenheten
        petra = s.exec(select(P).where(P.key == "kv.petra")).one()
        petra.roles = ["lex_sarah_ansvarig"]
        s.add(petra)
        petra_now = petra
    quiet = file_avvikelse(lotsen, people["me.anna"], {})
    assert "Bara utredande chef" in text(lotsen.chat.action(petra_now, "lexsarah:convert", quiet, channel="t"))
    lotsen.chat.submit(people["me.anna"], "avvikelse_new", {},
                       {**avvikelse_values(), "triage_hot": "ja"}, submission_key="flagged", channel="t")
    done = lotsen.chat.action(petra_now, "lexsarah:convert", "AVV-2026-0002", channel="t")
    assert "LXS-2026-0001" in text(done)


def test_a_broken_triage_file_never_stops_an_avvikelse(tmp_path: Path, lotsen: Lotsen,
                                                        people: dict[str, Person]) -> None:
    broken = tmp_path / "trasig.yml"
    broken.write_text("matris: [", encoding="utf-8")
    lotsen.settings.lex_sarah_triage = broken
    anna = people["me.anna"]
    form = lotsen.chat.command(anna, "avvikelse", "", channel="t").form
    assert form is not None and not any(f.id.startswith("triage_") for f in form.fields)
    assert file_avvikelse(lotsen, anna, {}) == "AVV-2026-0001"
    refused = lotsen.chat.command(anna, "lexsarah", "triage", channel="t")
    assert refused.message is not None and "inte giltig YAML" in refused.message.text


json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 30) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["matris", "frågor", "konsekvens", "sannolikhet", "gränser", "ja", "osaker", "id", "fråga",
                         "svar", "text", "minst", "högst", "x"]), inner, max_size=5),
    max_leaves=25,
)


@given(json_like)
def test_any_triage_file_content_is_used_or_explained(data: object) -> None:
    try:
        matrix = triage.parse(data)
    except triage.TriageConfigError as exc:
        assert str(exc).startswith("triagefilen:")
    else:
        assert matrix.questions and matrix.threshold_unsure <= matrix.threshold_yes
