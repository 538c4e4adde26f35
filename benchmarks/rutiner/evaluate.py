"""Routine search: quality on the demo catalogue against a plain BM25 baseline, and speed at 1,000 documents.

Run: `.venv/bin/python -m benchmarks.rutiner.evaluate`. Prints hit@1, hit@3, MRR, the share of
no-answer questions declined, and p50/p95 latency, for Lotsen and for rank-bm25 over lowercase
whitespace tokens of the same documents; then indexing time and latency on 1,000 generated documents.
Targets (issue 4): hit@1 ≥ 0.85, hit@3 ≥ 0.95, ≥ 80 % declined, p95 ≤ 50 ms at 1,000 docs, indexing < 60 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from lotsen.rutiner.extract import extract
from lotsen.rutiner.service import RoutineCatalogue
from lotsen.storage.db import Database
from lotsen.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "lotsen" / "rutiner" / "demo_catalogue"
QUESTIONS = Path(__file__).with_name("questions.yml")


def load_questions() -> list[tuple[str, set[str] | None]]:
    rows = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    out: list[tuple[str, set[str] | None]] = []
    for row in rows:
        expect = row["expect"]
        out.append((row["q"], None if expect is None else set([expect] if isinstance(expect, str) else expect)))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def fresh_catalogue(workdir: Path, name: str) -> RoutineCatalogue:
    url = f"sqlite:///{workdir / name}.db"
    upgrade(url)
    return RoutineCatalogue(Database(url))


Ranker = Callable[[str], tuple[list[str], bool]]


def evaluate(name: str, ranker: Ranker, questions: list[tuple[str, set[str] | None]]) -> dict[str, float]:
    hits1 = hits3 = 0
    rr = 0.0
    answerable = declined = unanswerable = false_declines = 0
    latencies: list[float] = []
    misses: list[str] = []
    for question, expect in questions:
        started = time.perf_counter()
        ranking, answered = ranker(question)
        latencies.append((time.perf_counter() - started) * 1000)
        if expect is None:
            unanswerable += 1
            declined += not answered
            continue
        answerable += 1
        false_declines += not answered
        rank = next((i for i, doc in enumerate(ranking, start=1) if doc in expect), None)
        hits1 += rank == 1
        hits3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append(f"    {question!r}: expected {sorted(expect)}, got {ranking[:3]}")
    result = {
        "hit@1": hits1 / answerable, "hit@3": hits3 / answerable, "MRR": rr / answerable,
        "declined": declined / max(1, unanswerable), "false_declines": false_declines / answerable,
        "p50": statistics.median(latencies), "p95": percentile(latencies, 95),
    }
    print(f"  {name:<28} hit@1 {result['hit@1']:.3f}  hit@3 {result['hit@3']:.3f}  MRR {result['MRR']:.3f}  "
          f"no-answer declined {result['declined']:.0%}  answerable declined {result['false_declines']:.0%}  "
          f"p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms")
    if misses and name.startswith("Lotsen"):
        print("  not first:")
        print("\n".join(misses))
    return result


def baseline_ranker(folder: Path) -> Ranker:
    from rank_bm25 import BM25Okapi

    names, corpus = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        doc = extract(path)
        names.append(path.name)
        corpus.append(" ".join([doc.title] + [f"{s.heading} {s.text}" for s in doc.sections]).lower().split())
    bm25 = BM25Okapi(corpus)

    def rank(question: str) -> tuple[list[str], bool]:
        scores = bm25.get_scores(question.lower().split())
        order = sorted(range(len(names)), key=lambda i: -scores[i])
        return [names[i] for i in order], bool(scores[order[0]] > 0)

    return rank


def lotsen_ranker(catalogue: RoutineCatalogue) -> Ranker:
    def rank(question: str) -> tuple[list[str], bool]:
        result = catalogue.search(question, limit=10)
        return [h.document for h in [*result.hits, *result.more]], result.answered

    return rank


UNITS = ["Mottagningen", "Utredningsenhet 1", "Utredningsenhet 2", "Placeringsenheten", "Öppenvården",
         "Familjerätten", "Socialjouren", "Ungdomsenheten", "Familjehemsenheten", "Barnahus"]


def generate_catalogue(target: Path, count: int, seed: int = 7) -> None:
    """1,000 plausible documents: the demo routines as local variants per unit, in md, txt, html and docx."""
    import html

    import docx

    rng = random.Random(seed)
    sources = [extract(p) for p in sorted(DEMO.iterdir()) if not p.name.startswith("_")]
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        doc = sources[i % len(sources)]
        unit = UNITS[(i // len(sources)) % len(UNITS)]
        sections = list(doc.sections[1:] or doc.sections)
        rng.shuffle(sections)
        year = 2024 + i % 3
        header = (f"Fastställd av: Enhetschef {unit}\nFastställd datum: {year}-0{1 + i % 9}-15\n"
                  f"Giltig till: {year + 2}-12-31\nDokumentägare: Enhetschef {unit}\nDiarienummer: SN {year}/{i:04d}")
        title = f"{doc.title} – {unit} ({i})"
        kind = i % 4
        if kind == 0:
            body = "\n\n".join(f"## {s.heading}\n\n{s.text}" for s in sections)
            (target / f"rutin_{i:04d}.md").write_text(f"# {title}\n\n{header}\n\n{body}\n", encoding="utf-8")
        elif kind == 1:
            body = "\n\n".join(f"{s.heading}\n\n{s.text}" for s in sections)
            (target / f"rutin_{i:04d}.txt").write_text(f"{title}\n\n{header}\n\n\n{body}\n", encoding="utf-8")
        elif kind == 2:
            body = "".join(f"<h2>{html.escape(s.heading)}</h2><p>{html.escape(s.text)}</p>" for s in sections)
            rows = "".join(f"<tr><td>{html.escape(line)}</td></tr>" for line in header.splitlines())
            (target / f"rutin_{i:04d}.html").write_text(
                f"<html><body><h1>{html.escape(title)}</h1><table>{rows}</table>{body}</body></html>", encoding="utf-8")
        else:
            document = docx.Document()
            document.add_heading(title, level=1)
            for line in header.splitlines():
                document.add_paragraph(line)
            for s in sections:
                document.add_heading(s.heading, level=2)
                document.add_paragraph(s.text)
            document.save(str(target / f"rutin_{i:04d}.docx"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    questions = load_questions()
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-rutiner-"))
    try:
        demo = fresh_catalogue(workdir, "demo")
        demo.index_directory(DEMO)
        demo.search("uppvärmning")  # build the in-memory index outside the timing
        n_no = sum(1 for _, e in questions if e is None)
        print(f"Demo catalogue: {sum(1 for p in DEMO.iterdir() if not p.name.startswith('_'))} documents, "
              f"{len(questions)} questions ({n_no} without an answer)")
        evaluate("Lotsen", lotsen_ranker(demo), questions)
        evaluate("BM25 baseline (rank-bm25)", baseline_ranker(DEMO), questions)

        big_folder = workdir / "big"
        generate_catalogue(big_folder, args.documents)
        big = fresh_catalogue(workdir, "big")
        started = time.perf_counter()
        report = big.index_directory(big_folder)
        indexing = time.perf_counter() - started
        started = time.perf_counter()
        big.search("uppvärmning")
        load = time.perf_counter() - started
        print(f"\nGenerated catalogue: {args.documents} documents indexed in {indexing:.1f} s "
              f"({report.summary()}); first search builds the in-memory index in {load:.2f} s")
        latencies = []
        for question, _ in questions:
            started = time.perf_counter()
            big.search(question)
            latencies.append((time.perf_counter() - started) * 1000)
        print(f"  search latency at {args.documents} documents: p50 {statistics.median(latencies):.1f} ms, "
              f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms")
        started = time.perf_counter()
        again = big.index_directory(big_folder)
        print(f"  re-indexing unchanged: {time.perf_counter() - started:.1f} s ({again.summary()})")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
