"""`lotsen rutiner indexera` never loses the catalogue: only files that are gone leave it; a file it cannot read
keeps its last good version (and is reported); a run that read nothing changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.rutiner import app
from bot.demo.seed import DEMO_CATALOGUE
from bot.rutiner.service import RoutineCatalogue

runner = CliRunner()
DOCS = ["rutin_avvikelser.md", "forhandsbedomning.docx", "personuppgiftsincident.md"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "rutiner"
    root.mkdir()
    for name in DOCS:
        shutil.copy(DEMO_CATALOGUE / name, root)
    return root


def documents(catalogue: RoutineCatalogue) -> list[str]:
    from sqlmodel import select

    from storage.models.rutiner import RoutineDocument

    with catalogue.db.read() as s:
        return sorted(d.path for d in s.exec(select(RoutineDocument)))


def test_a_file_that_cannot_be_opened_keeps_its_version(catalogue: RoutineCatalogue, folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue.index_directory(folder)
    real = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self.name == "personuppgiftsincident.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    report = catalogue.index_directory(folder)
    assert report.kept == ["personuppgiftsincident.md"] and report.removed == []
    assert [name for name, _ in report.failed] == ["personuppgiftsincident.md"]
    assert documents(catalogue) == sorted(DOCS)
    assert catalogue.search("anmälan till IMY").hits[0].document == "personuppgiftsincident.md"


def test_only_files_that_are_gone_leave(catalogue: RoutineCatalogue, folder: Path) -> None:
    catalogue.index_directory(folder)
    (folder / "rutin_avvikelser.md").unlink()
    (folder / "forhandsbedomning.docx").write_bytes(b"inte en docx")
    report = catalogue.index_directory(folder)
    assert report.removed == ["rutin_avvikelser.md"] and report.kept == ["forhandsbedomning.docx"]
    assert documents(catalogue) == ["forhandsbedomning.docx", "personuppgiftsincident.md"]


def test_a_run_that_read_nothing_changes_nothing(catalogue: RoutineCatalogue, folder: Path, tmp_path: Path) -> None:
    catalogue.index_directory(folder)
    before = documents(catalogue)
    empty = tmp_path / "tom"  # an unmounted share looks like this
    empty.mkdir()
    report = catalogue.index_directory(empty)
    assert report.read_nothing and report.removed == [] and documents(catalogue) == before
    for name in DOCS:  # every file unreadable
        (folder / name).write_bytes(b"\x00trasig")
    (folder / "rutin_avvikelser.md").write_bytes(b"\xff\xfe\x00")
    report = catalogue.index_directory(folder)
    assert documents(catalogue) == before and report.removed == []


def test_through_the_cli(sqlite_url: str, folder: Path, tmp_path: Path) -> None:
    databas = ["--databas", sqlite_url]
    assert runner.invoke(app, [*databas, "indexera", str(folder)]).exit_code == 0
    (folder / "forhandsbedomning.docx").write_bytes(b"trasig")
    broken = runner.invoke(app, [*databas, "indexera", str(folder)])
    assert broken.exit_code == 1
    assert "Kunde inte läsa forhandsbedomning.docx" in broken.output
    assert "Senast lästa version behålls i indexet för: forhandsbedomning.docx" in broken.stdout
    empty = tmp_path / "tom"
    empty.mkdir()
    nothing = runner.invoke(app, [*databas, "indexera", str(empty)])
    assert nothing.exit_code == 1 and "indexet lämnades orört" in nothing.stdout
    found = runner.invoke(app, [*databas, "sök", "förhandsbedömning beslut"])
    assert "forhandsbedomning.docx" in found.stdout
