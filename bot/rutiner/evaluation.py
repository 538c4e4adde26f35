"""Measure routine search on a municipality's own questions: `lotsen rutiner utvärdera`.

The catalogue owner grows synonyms from 👎 feedback; whether they help is only known on questions that
were not used to write them. A question set is a YAML list of `{q: "fråga", expect: "fil.docx"}`
(`expect` may be a list of files that each answer, or null when no adopted routine answers). The
figures are the ones the benchmarks print: right routine first, among the first three, mean reciprocal
rank, questions without an answer declined, answerable questions wrongly declined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.errors import UserError
from bot.privacy.guard import identity_number_errors
from bot.rutiner.search import SearchResult

RANKED = 10  # how far down a ranking is read for the reciprocal rank


@dataclass(frozen=True)
class Question:
    text: str
    expect: frozenset[str] | None  # None: no adopted routine answers it


@dataclass(frozen=True)
class Outcome:
    question: Question
    ranking: tuple[str, ...]
    answered: bool

    @property
    def rank(self) -> int | None:
        if self.question.expect is None:
            return None
        return next((i for i, doc in enumerate(self.ranking, start=1) if doc in self.question.expect), None)

    @property
    def right(self) -> bool:
        """Declined when nothing answers; else answered with an expected routine first."""
        if self.question.expect is None:
            return not self.answered
        return self.answered and self.rank == 1


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.expect is not None]

    @property
    def unanswerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.expect is None]

    def hits_at(self, k: int) -> int:
        return sum(1 for o in self.answerable if o.rank is not None and o.rank <= k)

    @property
    def mrr(self) -> float:
        answerable = self.answerable
        return sum(1 / o.rank for o in answerable if o.rank) / len(answerable) if answerable else 0.0

    @property
    def declined_unanswerable(self) -> int:
        return sum(1 for o in self.unanswerable if not o.answered)

    @property
    def declined_answerable(self) -> int:
        return sum(1 for o in self.answerable if not o.answered)

    def to_dict(self) -> dict[str, object]:
        n = len(self.answerable)
        return {
            "fragor": len(self.outcomes), "med_svar": n, "utan_svar": len(self.unanswerable),
            "hit_at_1": round(self.hits_at(1) / n, 3) if n else None,
            "hit_at_3": round(self.hits_at(3) / n, 3) if n else None,
            "mrr": round(self.mrr, 3) if n else None,
            "utan_svar_avbojda": self.declined_unanswerable, "med_svar_avbojda": self.declined_answerable,
        }


Ranker = Callable[[str], tuple[Sequence[str], bool]]  # question → (documents best first, answered)


def search_ranker(search: Callable[..., SearchResult]) -> Ranker:
    """A catalogue's `search` as a ranker: its documents best first (at most RANKED), answered or not."""
    def rank(question: str) -> tuple[Sequence[str], bool]:
        result = search(question, limit=RANKED)
        return [h.document for h in [*result.hits, *result.more][:RANKED]], result.answered

    return rank


def evaluate(rank: Ranker, questions: Sequence[Question]) -> Figures:
    """Every question through `rank` (Lotsen's search, or any other engine, as the benchmarks do)."""
    figures = Figures()
    for question in questions:
        ranking, answered = rank(question.text)
        figures.outcomes.append(Outcome(question, tuple(ranking), answered))
    return figures


def load_question_set(path: Path, known_documents: set[str]) -> list[Question]:
    """Read and check a question file; every fault is a UserError in Swedish naming the row."""
    if not path.is_file():
        raise UserError(f"Filen {path} finns inte.")
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(f"{path.name} är inte en textfil i UTF-8.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        raise UserError(f"{path.name} är inte giltig YAML{where}. Skriv en lista: "
                        '- {q: "fråga", expect: "fil.docx"}') from exc
    if not isinstance(rows, list) or not rows:
        raise UserError(f'{path.name} ska vara en lista med frågor: - {{q: "fråga", expect: "fil.docx"}}')
    questions: list[Question] = []
    unknown: set[str] = set()
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("q"), str) or not row["q"].strip():
            raise UserError(f"Fråga {n} i {path.name} saknar q (frågan som text).")
        if "expect" not in row:
            raise UserError(f"Fråga {n} i {path.name} saknar expect (filen som svarar, eller null).")
        if identity_number_errors({"q": row["q"]}):
            raise UserError(f"Fråga {n} i {path.name} ser ut att innehålla ett personnummer; ta bort det.")
        expect = row["expect"]
        if expect is None:
            questions.append(Question(row["q"].strip(), None))
            continue
        names = [expect] if isinstance(expect, str) else expect
        if not isinstance(names, list) or not names or not all(isinstance(x, str) and x for x in names):
            raise UserError(f"Fråga {n} i {path.name}: expect ska vara ett filnamn, en lista med filnamn eller null.")
        unknown.update(x for x in names if x not in known_documents)
        questions.append(Question(row["q"].strip(), frozenset(names)))
    if unknown:
        raise UserError(f"{path.name} nämner rutiner som inte finns i katalogen: {', '.join(sorted(unknown))}. "
                        "Skriv filnamnet som det står i svaren (t.ex. rutin_avvikelser.md).")
    return questions


def share(count: int, total: int) -> str:
    return f"{count / total:.2f} ({count} av {total})" if total else "–"


def summary_rows(figures: Figures) -> list[tuple[str, str]]:
    n, m = len(figures.answerable), len(figures.unanswerable)
    return [
        ("Rätt rutin först", share(figures.hits_at(1), n)),
        ("Rätt rutin bland de tre första", share(figures.hits_at(3), n)),
        ("MRR", f"{figures.mrr:.3f}" if n else "–"),
        ("Frågor utan svar som avböjdes", f"{figures.declined_unanswerable} av {m}" if m else "–"),
        ("Frågor med svar som avböjdes", f"{figures.declined_answerable} av {n}" if n else "–"),
    ]


def miss_line(outcome: Outcome) -> str:
    got = ", ".join(outcome.ranking[:3]) or "inget"
    if outcome.question.expect is None:
        return f"  svarade fast ingen rutin svarar: ”{outcome.question.text}” → {got}"
    wanted = " eller ".join(sorted(outcome.question.expect))
    what = "avböjde" if not outcome.answered else f"plats {outcome.rank}" if outcome.rank else "ej bland träffarna"
    return f"  {what}: ”{outcome.question.text}”: väntade {wanted}, fick {got}"
