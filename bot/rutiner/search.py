"""Ranking: BM25F over title, heading and body terms of each section, pure and in memory.

Each concept of the question (see analysis.py) is credited with its best alternative; the best
section of each document ranks the document. A current routine is preferred over an outdated one of
the same name; an outdated best match is flagged. A question is answered only when the best passage
scores well, or holds most of the question with a fair score, measured in units that follow the
catalogue's size: silence beats a weak guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from bot.rutiner.analysis import QueryTerm, forms, interpretations, normalize, tokens

FIELD_WEIGHTS = {"title": 2.5, "heading": 2.0, "body": 1.0}
FIELD_B = {"title": 0.3, "heading": 0.3, "body": 0.75}
K1 = 1.2
# When is a question answered? When the best passage scores high, or holds most of the question
# (coverage: the question's words weighted by rarity; a word the catalogue has never seen weighs most)
# with a fair score. Scores are measured in units of a rare word's idf (the 90th percentile over the
# words as they occur in the passages), which follows the catalogue's size and how much of it repeats
# itself, so one setting holds for 60 passages, for 450 (with long reports) and for 5,000 (a thousand
# local variants of the same routines). Set on benchmarks/rutiner/questions.yml; see docs/rutiner.md.
STRONG_SCORE = 0.65
MIN_SCORE = 0.25
MIN_COVERAGE = 0.55
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
    owner: str | None  # Dokumentägare / Ansvarig
    approved_on: date | None  # Fastställd datum
    valid_until: date | None  # Giltig till / Revideras senast
    version: str | None
    diarienummer: str | None
    coverage: float = 0.0  # share of the question (weighted by rarity) found in this passage
    approved_by: str | None = None  # Fastställd av
    relevance: float = 0.0  # the score before an outdated version is ranked down: what `answered` weighs

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document, "path": self.path, "title": self.title, "section": self.section,
            "excerpt": self.excerpt, "score": round(self.score, 3), "outdated": self.outdated, "owner": self.owner,
            "approved_by": self.approved_by,
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
    read_as: list[str] = field(default_factory=list)  # abbreviations, synonyms and spelling applied

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question, "answered": self.answered, "hits": [h.to_dict() for h in self.hits],
                "read_as": self.read_as}


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
        self.unit = rare_word_idf(self.idf, {t: len(p) for t, p in self.postings.items()})

    def score(self, terms: list[QueryTerm]) -> dict[int, tuple[float, set[int]]]:
        """Per section: BM25F summed over the question's concepts, each credited with its best
        alternative, an alternative with the mean over its words (see analysis.py)."""
        best: dict[int, dict[tuple[int, int, int], float]] = defaultdict(dict)
        slots: dict[tuple[int, int], int] = {}
        for term in terms:
            slots[(term.concept, term.alternative)] = term.slots
            postings = self.postings.get(term.stem)
            if not postings:
                continue
            idf = self.idf[term.stem]
            key = (term.concept, term.alternative, term.slot)
            for i, tfs in postings:
                lengths = self.lengths[i]
                tf = 0.0
                for name, count in tfs.items():
                    norm = 1 - FIELD_B[name] + FIELD_B[name] * lengths.get(name, 0) / self.avg[name]
                    tf += FIELD_WEIGHTS[name] * count / norm
                value = term.weight * idf * tf / (K1 + tf)
                found = best[i]
                if value > found.get(key, 0.0):
                    found[key] = value
        out: dict[int, tuple[float, set[int]]] = {}
        for i, found in best.items():
            alternatives: dict[tuple[int, int], float] = defaultdict(float)
            matched: dict[tuple[int, int], int] = defaultdict(int)
            for (concept, alternative, _slot), value in found.items():
                alternatives[(concept, alternative)] += value
                matched[(concept, alternative)] += 1
            concepts: dict[int, float] = {}
            for (concept, alternative), value in alternatives.items():
                # The mean over the alternative's words, scaled by the share of them found: "barn och
                # ungdomspsykiatri" is not half-found in a passage that only says "barn".
                n = slots[(concept, alternative)]
                value = value / n * (matched[(concept, alternative)] / n)
                if value > concepts.get(concept, 0.0):
                    concepts[concept] = value
            out[i] = (sum(concepts.values()), set(concepts))
        return out


def rare_word_idf(idf: dict[str, float], occurrences: dict[str, int], share: float = 0.9) -> float:
    """The idf below which `share` of the word occurrences in the passages fall."""
    total = sum(occurrences.values())
    if not total:
        return 1.0
    seen = 0
    for term in sorted(idf, key=idf.__getitem__):
        seen += occurrences.get(term, 0)
        if seen >= share * total:
            return max(idf[term], 0.1)
    return max(idf.values())


def excerpt(text: str, terms: list[QueryTerm], limit: int = 300, weights: dict[int, float] | None = None) -> str:
    """The sentence (and its neighbour) that holds most of the question (its words weighted by rarity);
    a sentence longer than `limit` is cut around its first word of the question."""
    # Lines wrapped inside a paragraph (text files, PDF) are one sentence stream; blank lines part them.
    flowing = re.sub(r"(?<!\n)\n(?!\n|• )", " ", text)
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n{2,}|\n(?=• )", flowing) if s.strip()]
    if not sentences:
        return ""
    concepts_of: dict[str, set[int]] = defaultdict(set)
    for t in terms:
        concepts_of[t.stem].add(t.concept)

    def found(sentence: str) -> set[int]:
        return {c for w in tokens(sentence) for f in forms(w) for c in concepts_of.get(f, ())}

    def value(i: int) -> float:
        return sum((weights or {}).get(c, 1.0) for c in found(sentences[i]))

    best = max(range(len(sentences)), key=lambda i: (value(i), -i))
    chosen = sentences[best]
    if len(chosen) < limit * 0.6 and best + 1 < len(sentences):
        chosen = f"{chosen} {sentences[best + 1]}"
    if len(chosen) <= limit:
        return chosen
    start = 0
    words = list(re.finditer(r"\S+", chosen))
    first = next((m for m in words if found(m.group())), None)
    if first is not None and first.start() > limit // 3:
        start = next(m.start() for m in words if m.start() >= first.start() - limit // 5)
    window = chosen[start : start + limit - 2]
    if start + limit - 2 < len(chosen):
        window = window.rsplit(" ", 1)[0] + "…"
    return ("…" + window) if start else window


def concept_weights(index: SearchIndex, terms: list[QueryTerm]) -> dict[int, float]:
    """How much each word of the question matters: its rarest term's idf; a word the catalogue does not
    know at all weighs as much as the rarest word there is (it is probably what the question is about)."""
    unknown = max(index.idf.values(), default=1.0)
    slot_best: dict[tuple[int, int, int], float] = {}
    slots: dict[tuple[int, int], int] = {}
    for t in terms:
        key = (t.concept, t.alternative, t.slot)
        slots[(t.concept, t.alternative)] = t.slots
        if t.stem in index.idf:
            slot_best[key] = max(slot_best.get(key, 0.0), t.weight * index.idf[t.stem])
    known: dict[int, float] = {}
    for (concept, alternative), n in slots.items():
        # An alternative's weight is the mean over its words (a word the catalogue lacks counts 0).
        value = sum(slot_best.get((concept, alternative, slot), 0.0) for slot in range(n)) / n
        if value > 0:
            known[concept] = max(known.get(concept, 0.0), value)
    # A question word nothing in the catalogue matches weighs as much as the rarest word there is (it
    # is probably what the question is about); a number it lacks ("6 §") as much as a common word.
    numbers = {t.concept for t in terms if t.word.isdigit()}
    common = sorted(index.idf.values())[len(index.idf) // 4] if index.idf else 1.0
    return {concept: known.get(concept, common if concept in numbers else unknown) for concept, _ in slots}


def confident(best: Hit, unit: float) -> bool:
    """Whether the best hit answers the question (`unit`: SearchIndex.unit)."""
    score = best.relevance / unit
    return score >= STRONG_SCORE or (score >= MIN_SCORE and best.coverage >= MIN_COVERAGE)


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
    for relevance, i, matched in best_per_doc.values():
        section = index.sections[i]
        outdated = section.doc.outdated(today)
        score = relevance
        if outdated and section.doc.identity in current_identities:
            score *= OUTDATED_PENALTY  # a current version of the same routine exists
        coverage = sum(weights[c] for c in matched) / total_weight
        hits.append(Hit(
            document=section.doc.file_name, path=section.doc.path, title=section.doc.title,
            section=section.heading, excerpt=section.text, score=score, outdated=outdated,
            owner=section.doc.owner, approved_on=section.doc.approved_on, valid_until=section.doc.valid_until,
            version=section.doc.version, diarienummer=section.doc.diarienummer, coverage=coverage,
            approved_by=section.doc.approved_by, relevance=relevance,
        ))
    hits.sort(key=lambda h: (-h.score, h.document))
    for hit in hits[: limit + 5]:  # excerpts only for what is shown (the full text was parked there)
        hit.excerpt = excerpt(hit.excerpt, terms, weights=weights)
    answered = bool(hits) and confident(hits[0], index.unit)
    return SearchResult(question=question, answered=answered, hits=hits[:limit], more=hits[limit : limit + 5],
                        read_as=interpretations(terms))
