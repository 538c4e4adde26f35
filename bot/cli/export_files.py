"""Write an export's rows as CSV or JSON, to a file or to stdout: one writer for every `lotsen export …`."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], format: ExportFormat,
               output: Path | None, what: str) -> None:
    """`what` names the rows in the closing line, e.g. "avvikelser"; a file that cannot be written is said
    in Swedish (exit 2), never with a traceback."""
    try:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        typer.echo(f"Kunde inte skriva {output}: {exc.strerror or exc}.", err=True)
        raise typer.Exit(2) from exc
    try:
        if format is ExportFormat.json:
            json.dump(list(rows), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            writer = csv.DictWriter(out, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if output:
            out.close()
    if output:
        typer.echo(f"{len(rows)} {what} skrivna till {output}.", err=True)
