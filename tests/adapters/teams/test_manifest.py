"""`lotsen teams paket`: a zip with manifest.json valid against Microsoft's schema 1.25, and the two icons."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from tests.support.teams import APP_ID

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = ROOT.parent / "shared" / "teams" / "manifest.schema.v1.25.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.exists():
        pytest.skip("shared/teams schema not present beside the repository")
    # The schema says draft-04 but uses draft-06's `const` (manifestVersion); Draft4Validator would ignore it.
    validator_class = jsonschema.validators.extend(
        jsonschema.Draft4Validator, {"const": jsonschema.Draft7Validator.VALIDATORS["const"]})
    return validator_class(json.loads(SCHEMA.read_text(encoding="utf-8")))


def build(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    out = tmp_path / "lotsen.zip"
    result = CliRunner().invoke(app, ["teams", "paket", "-o", str(out), *args])
    return result.exit_code, result.output, out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    # Every chunk's CRC holds: a viewer would refuse a broken file.
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        pos += 12 + length
    return width, height


def test_package_is_valid_and_holds_the_icons_at_its_root(tmp_path: Path, validator: Any) -> None:
    code, output, out = build(tmp_path, "--app-id", APP_ID, "--webbplats", "https://www.kommun.se/lotsen")
    assert code == 0, output
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)
    validator.validate(manifest)
    assert manifest["manifestVersion"] == "1.25" and manifest["id"] == APP_ID
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and set(bot["scopes"]) == {"personal", "team"}
    personal = next(c for c in bot["commandLists"] if c["scopes"] == ["personal"])
    titles = [c["title"] for c in personal["commands"]]
    for slack_command in ("avvikelse", "lexsarah", "frist", "rutin"):  # what Slack has as slash commands
        assert slack_command in titles
    assert manifest["developer"]["privacyUrl"] == "https://www.kommun.se/lotsen/integritet"


def test_the_validator_catches_what_plain_draft_04_would_not(validator: Any) -> None:
    from bot.adapters.teams.manifest import build_manifest

    good = build_manifest(APP_ID, website="https://www.kommun.se")
    validator.validate(good)
    wrong_version = {**good, "manifestVersion": "1.24"}
    too_long = {**good, "name": {**good["name"], "short": "L" * 31}}
    for bad in (wrong_version, too_long):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)
    jsonschema.Draft4Validator(validator.schema).validate(wrong_version)  # the trap: draft-04 alone lets it by


@pytest.mark.parametrize(("args", "message"), [
    (["--app-id", "not-a-guid"], "GUID"),
    (["--app-id", APP_ID, "--webbplats", "http://kommun.se"], "https"),
    (["--app-id", APP_ID, "--version", "1.0"], "1.0.0"),
    ([], "TEAMS_APP_ID"),
])
def test_bad_options_are_explained_in_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              args: list[str], message: str) -> None:
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    code, output, out = build(tmp_path, *args)
    assert code == 2 and message in output and not out.exists()
