"""Swedish text analysis for routine search: tokens, stopwords, Snowball stems, compounds, synonyms, typos.

Index and query go through the same steps, so a compound in a document (avvikelsehantering) meets
its parts in a question (hantering av avvikelser) and the other way round. å, ä and ö are letters
of their own here: "får" and "far" stay different words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
import yaml

_TOKEN = re.compile(r"[a-zåäöéüæø0-9]+")
_STEMMER = snowballstemmer.stemmer("swedish")

STOPWORDS = frozenset(
    line.strip() for line in Path(__file__).with_name("stopwords.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def base(stemmed: str) -> str | None:
    """The verb behind a -ning noun: utredning → utred (meets utreder, utreda), bedömning → bedöm.
    Snowball leaves -ning alone; without this a question with the verb misses a heading with the noun."""
    if stemmed.endswith("ning") and len(stemmed) >= 8:
        return stemmed[:-4]
    return None


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


@dataclass(frozen=True)
class Vocabulary:
    """Stems and surface words the catalogue knows; compounds are split into known parts."""

    stems: frozenset[str]
    words: frozenset[str]

    def knows(self, part: str) -> bool:
        return len(part) >= 3 and (part in self.words or stem(part) in self.stems)

    def split(self, word: str) -> list[str]:
        """avvikelsehantering → [avvikelse, hantering]; empty when no split into known parts exists."""
        if len(word) < 7:
            return []
        best: tuple[int, list[str]] | None = None
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            if not self.knows(tail) or len(tail) < 4:
                continue
            # Prefer the head without a linking -s (skyddsbedömning → skydd + bedömning).
            for candidate in (head[:-1] if head.endswith("s") and len(head) > 4 else None, head):
                if candidate and self.knows(candidate):
                    balance = min(len(candidate), len(tail))
                    if best is None or balance > best[0]:
                        best = (balance, [candidate, tail])
                    break
        if best is None:
            return []
        head, tail = best[1]
        return [*(self.split(head) or [head]), *(self.split(tail) or [tail])]


def index_terms(text: str, vocabulary: Vocabulary | None) -> list[str]:
    """Stems of every content word, plus the stems of a compound's parts."""
    out: list[str] = []
    for word in content_tokens(text):
        stemmed = stem(word)
        out.append(stemmed)
        verb = base(stemmed)
        if verb:
            out.append(verb)
        if vocabulary is not None:
            out.extend(stem(part) for part in vocabulary.split(word))
    return out


def build_vocabulary(texts: Iterable[str], extra: Iterable[str] = ()) -> Vocabulary:
    words: set[str] = set()
    for text in texts:
        words.update(t for t in content_tokens(text) if len(t) >= 3 and not t.isdigit())
    words.update(extra)
    # Only words that stand alone somewhere count as parts; compounds themselves are kept as words too.
    return Vocabulary(stems=frozenset(stem(w) for w in words), words=frozenset(words))


DEFAULT_SYNONYMS = Path(__file__).with_name("synonyms.yml")


@lru_cache(maxsize=4)
def load_synonyms(path: str | None = None) -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(Path(path or DEFAULT_SYNONYMS).read_text(encoding="utf-8")) or {}
    return {normalize(str(k)): tuple(normalize(str(v)) for v in values) for k, values in data.items()}


@dataclass(frozen=True)
class QueryTerm:
    stem: str
    weight: float
    origin: str  # "fråga", "del", "synonym", "stavning"
    word: str
    concept: int  # which word of the question this term stands for (coverage counts concepts)


def _fuzzy_word(word: str, vocabulary: Vocabulary, cutoff: float = 80) -> str | None:
    from rapidfuzz import fuzz, process

    candidates = [w for w in vocabulary.words if w[0] == word[0] and abs(len(w) - len(word)) <= 3]
    match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return str(match[0]) if match is not None else None


def _split_fuzzy(word: str, vocabulary: Vocabulary) -> list[str]:
    """A misspelt compound (avvikelshantering): a known tail and a head that is nearly a known word."""
    for i in range(len(word) - 4, 3, -1):
        head, tail = word[:i], word[i:]
        if not vocabulary.knows(tail):
            continue
        fixed = _fuzzy_word(head.rstrip("s") if len(head) > 5 else head, vocabulary, cutoff=85)
        if fixed:
            return [fixed, tail]
    return []


def analyse_query(
    question: str,
    vocabulary: Vocabulary,
    synonyms: dict[str, tuple[str, ...]],
    *,
    correct: bool = True,
) -> list[QueryTerm]:
    text = normalize(question)
    words = content_tokens(text)
    terms: list[QueryTerm] = []

    def add(word: str, weight: float, origin: str, concept: int) -> None:
        terms.append(QueryTerm(stem(word), weight, origin, word, concept))

    concept = 0
    for key, expansions in synonyms.items():  # multi-word keys ("fel mottagare") first
        if " " in key and key in text:
            for phrase in expansions:
                for w in content_tokens(phrase):
                    add(w, 0.8, "synonym", concept)
            concept += 1
    for word in words:
        known = word in vocabulary.words or stem(word) in vocabulary.stems
        parts = vocabulary.split(word)
        if known:
            add(word, 1.0, "fråga", concept)
            for part in parts:
                add(part, 0.6, "del", concept)
        elif parts:
            for part in parts:
                add(part, 1.0, "del", concept)
        elif correct and len(word) >= 4 and not word.isdigit() and word not in synonyms:
            fixed = _fuzzy_word(word, vocabulary)
            fuzzy_parts = [] if fixed else _split_fuzzy(word, vocabulary)
            if fixed:
                add(fixed, 0.9, "stavning", concept)
            elif fuzzy_parts:
                for part in fuzzy_parts:
                    add(part, 0.9, "stavning", concept)
            else:
                add(word, 1.0, "fråga", concept)
        else:
            add(word, 1.0, "fråga", concept)
        for phrase in synonyms.get(word, ()):
            for w in content_tokens(phrase):
                add(w, 0.8, "synonym", concept)
        verb = base(stem(word))
        if verb:
            terms.append(QueryTerm(verb, 0.8, "böjning", word, concept))
        concept += 1
    # One entry per stem and concept, keeping the strongest weight.
    best: dict[tuple[str, int], QueryTerm] = {}
    for term in terms:
        slot = (term.stem, term.concept)
        if slot not in best or term.weight > best[slot].weight:
            best[slot] = term
    return list(best.values())
