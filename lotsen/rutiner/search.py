"""Ranking: BM25F over title, heading and body terms of each section, pure and in memory.

The best section of each document ranks the document. A current routine is preferred over an
outdated one of the same name; an outdated best match is flagged. A question is answered only when
enough of its words are found in the best passage and the score clears a floor: silence beats a
weak guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from lotsen.rutiner.analysis import QueryTerm, normalize, stem, tokens

FIELD_WEIGHTS = {"title": 2.5, "heading": 2.0, "body": 1.0}
FIELD_B = {"title": 0.3, "heading": 0.3, "body": 0.75}
K1 = 1.2
# A question is answered when the best passage scores well, or when it holds nearly all of the
# question (weighted by how rare each word is) with a fair score. Set on benchmarks/rutiner (see docs).
MIN_SCORE = 2.3
HIGH_COVERAGE = 0.75
MIN_SCORE_WITH_HIGH_COVERAGE = 1.5
OUTDATED_PENALTY = 0.5


@dataclass(frozen=True)
class DocInfo:
    id: int
    path: str
    file_name: str
    title: str
    owner: str | None
    approved_by: str | None
    approved_on: date | None
    valid_until: date | None
    version: str | None
    diarienummer: str | None

    def outdated(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    @property
    def identity(self) -> str:
        """Same routine, other version: the title without years, versions and brackets."""
        text = re.sub(r"\(.*?\)|\bversion\b|\bv\.?\s*\d+(\.\d+)*|\b(19|20)\d{2}\b", " ", normalize(self.title))
        return " ".join(tokens(text))


@dataclass
class IndexedSection:
    doc: DocInfo
    position: int
    heading: str
    text: str
    fields: dict[str, Counter[str]]


@dataclass
class Hit:
    document: str
    path: str
    title: str
    section: str
    excerpt: str
    score: float
    outdated: bool
    owner: str | None
    approved_on: date | None
    valid_until: date | None
    version: str | None
    diarienummer: str | None
    coverage: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document, "path": self.path, "title": self.title, "section": self.section,
            "excerpt": self.excerpt, "score": round(self.score, 3), "outdated": self.outdated, "owner": self.owner,
            "approved_on": self.approved_on.isoformat() if self.approved_on else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "version": self.version, "diarienummer": self.diarienummer, "coverage": round(self.coverage, 2),
        }


@dataclass
class SearchResult:
    question: str
    answered: bool
    hits: list[Hit] = field(default_factory=list)
    more: list[Hit] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question, "answered": self.answered, "hits": [h.to_dict() for h in self.hits]}


class SearchIndex:
    def __init__(self, sections: list[IndexedSection]) -> None:
        self.sections = sections
        self.postings: dict[str, list[tuple[int, dict[str, int]]]] = defaultdict(list)
        totals: dict[str, int] = defaultdict(int)
        for i, s in enumerate(sections):
            per_term: dict[str, dict[str, int]] = defaultdict(dict)
            for name, counter in s.fields.items():
                totals[name] += sum(counter.values())
                for term, tf in counter.items():
                    per_term[term][name] = tf
            for term, tfs in per_term.items():
                self.postings[term].append((i, tfs))
        n = max(1, len(sections))
        self.avg = {name: max(1.0, totals[name] / n) for name in FIELD_WEIGHTS}
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self.lengths = [{name: sum(c.values()) for name, c in s.fields.items()} for s in sections]

    def score(self, terms: list[QueryTerm]) -> dict[int, tuple[float, set[int]]]:
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, set[int]] = defaultdict(set)
        for term in terms:
            postings = self.postings.get(term.stem)
            if not postings:
                continue
            idf = self.idf[term.stem]
            for i, tfs in postings:
                lengths = self.lengths[i]
                tf = 0.0
                for name, count in tfs.items():
                    norm = 1 - FIELD_B[name] + FIELD_B[name] * lengths.get(name, 0) / self.avg[name]
                    tf += FIELD_WEIGHTS[name] * count / norm
                scores[i] += term.weight * idf * tf / (K1 + tf)
                matched[i].add(term.concept)
        return {i: (s, matched[i]) for i, s in scores.items()}


def excerpt(text: str, terms: list[QueryTerm], limit: int = 300) -> str:
    """The sentence (and its neighbour) that holds most of the question's words."""
    # Lines wrapped inside a paragraph (text files, PDF) are one sentence stream; blank lines part them.
    flowing = re.sub(r"(?<!\n)\n(?!\n|• )", " ", text)
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n{2,}|\n(?=• )", flowing) if s.strip()]
    if not sentences:
        return ""
    wanted = {t.stem for t in terms}
    ranked = sorted(range(len(sentences)),
                    key=lambda i: -sum(1 for w in tokens(sentences[i]) if stem(w) in wanted))
    best = ranked[0]
    chosen = sentences[best]
    if len(chosen) < limit * 0.6 and best + 1 < len(sentences):
        chosen = f"{chosen} {sentences[best + 1]}"
    return chosen if len(chosen) <= limit else chosen[: limit - 1].rsplit(" ", 1)[0] + "…"


def concept_weights(index: SearchIndex, terms: list[QueryTerm]) -> dict[int, float]:
    """How much each word of the question matters: its rarest term's idf; a word the catalogue does not
    know at all weighs as much as the rarest word there is (it is probably what the question is about)."""
    unknown = max(index.idf.values(), default=1.0)
    weights: dict[int, float] = {}
    for t in terms:
        w = t.weight * index.idf.get(t.stem, unknown)
        weights[t.concept] = max(weights.get(t.concept, 0.0), w)
    return weights


def rank(index: SearchIndex, question: str, terms: list[QueryTerm], today: date, limit: int) -> SearchResult:
    weights = concept_weights(index, terms)
    total_weight = sum(weights.values()) or 1.0
    scored = index.score(terms)
    best_per_doc: dict[int, tuple[float, int, set[int]]] = {}
    for i, (score, matched) in scored.items():
        doc_id = index.sections[i].doc.id
        if doc_id not in best_per_doc or score > best_per_doc[doc_id][0]:
            best_per_doc[doc_id] = (score, i, matched)
    current_identities = {index.sections[i].doc.identity for _, i, _ in best_per_doc.values()
                          if not index.sections[i].doc.outdated(today)}
    hits: list[Hit] = []
    for score, i, matched in best_per_doc.values():
        section = index.sections[i]
        outdated = section.doc.outdated(today)
        if outdated and section.doc.identity in current_identities:
            score *= OUTDATED_PENALTY  # a current version of the same routine exists
        coverage = sum(weights[c] for c in matched) / total_weight
        hits.append(Hit(
            document=section.doc.file_name, path=section.doc.path, title=section.doc.title,
            section=section.heading, excerpt=section.text, score=score, outdated=outdated,
            owner=section.doc.owner, approved_on=section.doc.approved_on, valid_until=section.doc.valid_until,
            version=section.doc.version, diarienummer=section.doc.diarienummer, coverage=coverage,
        ))
    hits.sort(key=lambda h: (-h.score, h.document))
    for hit in hits[: limit + 5]:  # excerpts only for what is shown (the full text was parked there)
        hit.excerpt = excerpt(hit.excerpt, terms)
    answered = bool(hits) and (
        hits[0].score >= MIN_SCORE
        or (hits[0].coverage >= HIGH_COVERAGE and hits[0].score >= MIN_SCORE_WITH_HIGH_COVERAGE)
    )
    return SearchResult(question=question, answered=answered, hits=hits[:limit], more=hits[limit : limit + 5])
