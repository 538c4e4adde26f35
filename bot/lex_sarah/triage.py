"""Lex Sarah triage: a few questions scored on a risk matrix (konsekvens × sannolikhet) suggesting whether
an event belongs under lex Sarah. Pure rules; the matrix and questions come from a YAML file
(`LOTSEN_LEX_SARAH_TRIAGE`, shipped default `triage.yml`), so a municipality uses its own matrix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.ui.model import FieldKind, FormField, Option

DEFAULT_FILE = Path(__file__).with_name("triage.yml")
FIELD_PREFIX = "triage_"
ORDER = ("nej", "osaker", "ja")


class TriageConfigError(ValueError):
    """A triage file that cannot be used; the message is Swedish and names the problem."""


@dataclass(frozen=True)
class Answer:
    value: str
    text: str
    consequence: int | None = None
    probability: int | None = None
    at_least: str | None = None
    at_most: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]

    def answer(self, value: str) -> Answer | None:
        return next((a for a in self.answers if a.value == value), None)


@dataclass(frozen=True)
class Matrix:
    consequence_labels: tuple[str, ...]
    probability_labels: tuple[str, ...]
    threshold_yes: int
    threshold_unsure: int
    questions: tuple[Question, ...]

    def form_fields(self, *, required: bool) -> tuple[FormField, ...]:
        return tuple(FormField(FIELD_PREFIX + q.id, q.text, FieldKind.CHOICE, required=required,
                               options=tuple(Option(a.value, a.text) for a in q.answers)) for q in self.questions)


@dataclass(frozen=True)
class TriageResult:
    answers: dict[str, str]
    consequence: int
    probability: int
    score: int
    suggestion: str  # ja / osaker / nej

    @property
    def brings_in_responsible(self) -> bool:
        return self.suggestion in ("ja", "osaker")


def _level(raw: Any, where: str, size: int) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= size:
        raise TriageConfigError(f"{where}: ska vara ett heltal 1–{size}, inte '{raw}'.")
    return raw


def _suggestion(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    if raw not in ORDER:
        raise TriageConfigError(f"{where}: ska vara nej, osaker eller ja, inte '{raw}'.")
    return str(raw)


def parse(data: Any, source: str = "triagefilen") -> Matrix:
    if not isinstance(data, dict) or not isinstance(data.get("matris"), dict):
        raise TriageConfigError(f"{source}: saknar 'matris' (konsekvens, sannolikhet, gränser).")
    m = data["matris"]
    cons, prob, limits = m.get("konsekvens"), m.get("sannolikhet"), m.get("gränser")
    for name, labels in (("konsekvens", cons), ("sannolikhet", prob)):
        if not isinstance(labels, list) or not 2 <= len(labels) <= 10 or not all(isinstance(x, str) for x in labels):
            raise TriageConfigError(f"{source}: matris.{name} ska vara en lista med 2–10 nivåer.")
    assert isinstance(cons, list) and isinstance(prob, list)
    if not isinstance(limits, dict):
        raise TriageConfigError(f"{source}: matris.gränser saknas (ja och osaker).")
    top = len(cons) * len(prob)
    yes, unsure = limits.get("ja"), limits.get("osaker")
    for name, value in (("ja", yes), ("osaker", unsure)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise TriageConfigError(f"{source}: matris.gränser.{name} ska vara ett heltal 1–{top}.")
    assert isinstance(yes, int) and isinstance(unsure, int)
    if unsure > yes:
        raise TriageConfigError(f"{source}: gränsen för osaker kan inte vara högre än gränsen för ja.")
    raw_questions = data.get("frågor")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise TriageConfigError(f"{source}: 'frågor' ska vara en lista med minst en fråga.")
    questions: list[Question] = []
    seen: set[str] = set()
    for i, q in enumerate(raw_questions, 1):
        where = f"{source}: fråga {i}"
        if not isinstance(q, dict) or not isinstance(q.get("id"), str) or not isinstance(q.get("fråga"), str):
            raise TriageConfigError(f"{where}: behöver 'id' och 'fråga'.")
        if q["id"] in seen:
            raise TriageConfigError(f"{where}: id '{q['id']}' finns redan.")
        seen.add(q["id"])
        answers_raw = q.get("svar")
        if not isinstance(answers_raw, dict) or not answers_raw:
            raise TriageConfigError(f"{where}: 'svar' ska ha minst ett svar.")
        answers: list[Answer] = []
        for value, spec in answers_raw.items():
            aw = f"{where}, svar '{value}'"
            if not isinstance(spec, dict) or not isinstance(spec.get("text"), str):
                raise TriageConfigError(f"{aw}: behöver 'text'.")
            answers.append(Answer(str(value), spec["text"], _level(spec.get("konsekvens"), aw, len(cons)),
                                  _level(spec.get("sannolikhet"), aw, len(prob)),
                                  _suggestion(spec.get("minst"), aw), _suggestion(spec.get("högst"), aw)))
        questions.append(Question(q["id"], q["fråga"], tuple(answers)))
    return Matrix(tuple(cons), tuple(prob), yes, unsure, tuple(questions))


def load(path: Path | None = None) -> Matrix:
    """The matrix from a file (the shipped default when None). Raises TriageConfigError in Swedish."""
    path = path or DEFAULT_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise TriageConfigError(f"Triagefilen {path} kan inte läsas (LOTSEN_LEX_SARAH_TRIAGE).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "okänt fel"
        raise TriageConfigError(f"Triagefilen {path} är inte giltig YAML{where}: {problem}.") from None
    return parse(data, str(path))


@lru_cache(maxsize=8)
def cached(path: Path | None) -> Matrix:
    return load(path)


def score(matrix: Matrix, raw: Mapping[str, str | None]) -> TriageResult | None:
    """Score answers keyed by question id (or by form field id). None when nothing was answered."""
    answers: dict[str, str] = {}
    consequence = probability = 1
    floor, ceiling = "nej", "ja"
    for q in matrix.questions:
        value = raw.get(q.id) or raw.get(FIELD_PREFIX + q.id)
        answer = q.answer(value) if value else None
        if answer is None:
            continue
        answers[q.id] = answer.value
        consequence = max(consequence, answer.consequence or 1)
        probability = max(probability, answer.probability or 1)
        if answer.at_least and ORDER.index(answer.at_least) > ORDER.index(floor):
            floor = answer.at_least
        if answer.at_most and ORDER.index(answer.at_most) < ORDER.index(ceiling):
            ceiling = answer.at_most
    if not answers:
        return None
    points = consequence * probability
    suggestion = "ja" if points >= matrix.threshold_yes else "osaker" if points >= matrix.threshold_unsure else "nej"
    suggestion = ORDER[max(ORDER.index(suggestion), ORDER.index(floor))]
    suggestion = ORDER[min(ORDER.index(suggestion), ORDER.index(ceiling))]
    return TriageResult(answers, consequence, probability, points, suggestion)
