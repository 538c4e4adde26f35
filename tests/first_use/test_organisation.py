"""Issue 14, "The organisation": deactivating someone with open work, and picking people by name."""

from __future__ import annotations

import io
import re
from pathlib import Path

import time_machine
from sqlmodel import select
from typer.testing import CliRunner

from bot.adapters.console.session import run_console
from bot.app import Lotsen
from bot.demo.seed import DEMO_ORG
from storage.models import AuditEntry, Avvikelse, OutboxMessage, Person, Role
from tests.avvikelse.helpers import values

NOW = "2026-12-10 09:30 +01:00"


def without_maria(tmp_path: Path, *, keep_chef_of_mott: str | None = None) -> Path:
    text = DEMO_ORG.read_text(encoding="utf-8")
    text = text.replace("    chef: ec.maria\n", f"    chef: {keep_chef_of_mott}\n" if keep_chef_of_mott else "")
    text = re.sub(r"  - id: ec.maria\n(    .*\n)+?(?=  - id)", "", text)
    path = tmp_path / "org.yml"
    path.write_text(text, encoding="utf-8")
    return path


def file_report(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")


def investigator(lotsen: Lotsen) -> str:
    with lotsen.db.read() as s:
        report = s.exec(select(Avvikelse)).one()
        person = s.get(Person, report.investigator_id)
        assert person is not None
        return person.key


def test_deactivating_a_chef_with_open_work_changes_nothing_until_confirmed(
    cli_db: str, tmp_path: Path
) -> None:
    from bot.cli.main import app
    from tests.conftest import make_lotsen

    lotsen = make_lotsen(cli_db)
    with lotsen.db.read() as s:
        people = {p.key: p for p in s.exec(select(Person))}
    file_report(lotsen, people)
    org = without_maria(tmp_path)
    runner = CliRunner()

    refused = runner.invoke(app, ["org", "import", str(org)])
    assert refused.exit_code == 1
    assert "Ingenting har ändrats" in refused.output and "--bekräfta" in refused.output
    assert "Maria Enhet (ec.maria) har öppet arbete" in refused.output
    assert "utredning av AVV-2026-0001 → Karin Verksam" in refused.output
    assert investigator(lotsen) == "ec.maria"
    with lotsen.db.read() as s:
        assert s.exec(select(Person).where(Person.key == "ec.maria")).one().active

    done = runner.invoke(app, ["org", "import", str(org), "--bekrafta"])  # ASCII spelling works too
    assert done.exit_code == 0, done.output
    assert "Flyttat arbete (1)" in done.output
    assert investigator(lotsen) == "vc.karin"
    with lotsen.db.read() as s:
        told = [o for o in s.exec(select(OutboxMessage)) if o.kind == "org_flyttat"]
        moves = [a for a in s.exec(select(AuditEntry)) if a.action == "overford_vid_avaktivering"]
    assert [o.recipient_id for o in told] == [people["vc.karin"].id]
    assert "AVV-2026-0001" in told[0].payload["text"] and "Journalanteckning" not in str(told[0].payload)
    assert [m.entity_ref for m in moves] == ["AVV-2026-0001"]
    lotsen.db.dispose()


def test_the_work_goes_to_the_units_new_chef(cli_db: str, tmp_path: Path) -> None:
    from bot.cli.main import app
    from tests.conftest import make_lotsen

    lotsen = make_lotsen(cli_db)
    with lotsen.db.read() as s:
        people = {p.key: p for p in s.exec(select(Person))}
    file_report(lotsen, people)
    org = without_maria(tmp_path, keep_chef_of_mott="ec.jonas")
    result = CliRunner().invoke(app, ["org", "import", str(org), "--bekräfta"])
    assert result.exit_code == 0, result.output
    assert investigator(lotsen) == "ec.jonas"
    lotsen.db.dispose()


def test_deactivating_someone_without_open_work_needs_no_confirmation(cli_db: str, tmp_path: Path) -> None:
    from bot.cli.main import app
    from tests.conftest import make_lotsen

    make_lotsen(cli_db).db.dispose()
    result = CliRunner().invoke(app, ["org", "import", str(without_maria(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "1 avaktiverade" in result.output


def drive(lotsen: Lotsen, lines: list[str], user: str = "ec.maria") -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        run_console(lotsen, user, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


def test_people_are_picked_by_name_with_a_choice_when_several_match(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    file_report(lotsen, people)
    lines = ["/avvikelse lämna AVV-2026-0001",
             "Sara Team",   # a teamledare: refused at once, with people who do qualify
             "enhet",       # two chefs are called "… Enhet" (Maria herself and Jonas): a choice
             "1",
             "Semester", "avsluta"]
    output = drive(lotsen, lines)
    prompt = re.search(r"Ny utredande chef \(namn eller id, t\.ex\. ([^)]+)\)", output)
    assert prompt is not None
    example = prompt.group(1)
    assert "Sara Team kan inte väljas här: det måste vara enhetschef eller verksamhetschef" in output
    assert "Flera passar 'enhet':" in output and "1. Jonas Enhet (ec.jonas)" in output
    assert "AVV-2026-0001 är överlämnad till Jonas Enhet" in output
    # The example offered is itself accepted.
    with lotsen.db.read() as s:
        picked = s.exec(select(Person).where(Person.name == example)).one()
    assert picked.has_role(Role.ENHETSCHEF) or picked.has_role(Role.VERKSAMHETSCHEF)


def test_the_measure_form_takes_part_of_a_name(lotsen: Lotsen, people: dict[str, Person]) -> None:
    file_report(lotsen, people)
    lines = ["/avvikelse åtgärd AVV-2026-0001", "Ta upp rutinen på APT.", "lina", "2027-01-15", "avsluta"]
    output = drive(lotsen, lines)
    assert "→ Lina Handläggare (hl.lina)" in output and "Ansvarig: Lina Handläggare" in output


def test_personer_shows_units_and_roles(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["personer", "avsluta"])
    line = next(line for line in output.splitlines() if "tl.sara" in line)
    assert "Sara Team" in line and "Mottagningen barn och unga" in line and "teamledare, handläggare" in line


def test_byt_takes_a_name(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["byt Sara", "byt team", "avsluta"])
    assert "Du är nu Sara Team (tl.sara" in output
    assert "Flera passar 'team': Omar Team (tl.omar), Sara Team (tl.sara)" in output


def test_a_leaving_handläggare_s_deadlines_go_to_the_unit_chef_with_their_reminders(
    cli_db: str, tmp_path: Path
) -> None:
    from datetime import date

    from bot.cli.main import app
    from bot.frist.service import RegisterInput
    from storage.models.frist import CaseDeadline
    from tests.conftest import make_lotsen

    lotsen = make_lotsen(cli_db)
    with lotsen.db.read() as s:
        people = {p.key: p for p in s.exec(select(Person))}
    with time_machine.travel(NOW, tick=False):
        lotsen.frister.register(people["hl.lina"], RegisterInput("SN 2026/0001", "utredning", date(2026, 12, 1)),
                                channel="t")
    text = DEMO_ORG.read_text(encoding="utf-8")
    org = tmp_path / "org.yml"
    org.write_text(re.sub(r"  - id: hl.lina\n(    .*\n)+?(?=  - id)", "", text), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["org", "import", str(org)]).exit_code == 1
    with time_machine.travel(NOW, tick=False):
        done = runner.invoke(app, ["org", "import", str(org), "--bekräfta"])
    assert done.exit_code == 0, done.output
    assert "frist F-1 (SN 2026/0001) → Maria Enhet" in done.output
    with lotsen.db.read() as s:
        deadline = s.exec(select(CaseDeadline)).one()
        pending = [o for o in s.exec(select(OutboxMessage)) if o.kind.startswith("frist_") and o.status == "pending"]
    assert deadline.handlaggare_id == people["ec.maria"].id
    assert pending and {o.recipient_id for o in pending} == {people["ec.maria"].id}
    lotsen.db.dispose()
