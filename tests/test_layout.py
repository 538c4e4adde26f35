"""The design card's layout holds for the installed application: bot/ and storage/, nothing shadowing them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bot_and_storage_import_from_the_installed_package_outside_the_checkout(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import bot, storage, bot.cli.main; print(bot.__file__); print(storage.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert [Path(p).parent for p in out] == [ROOT / "bot", ROOT / "storage"]


def test_nothing_shadows_the_packages() -> None:
    assert not (ROOT / "lotsen").exists(), "the old package is gone"
    assert not any((ROOT / name).exists() for name in ("bot.py", "storage.py"))
    test_dirs = {p.parent for p in (ROOT / "tests").rglob("test_*.py")}
    assert all((d / "__init__.py").exists() for d in test_dirs), "test packages keep their __init__.py"
