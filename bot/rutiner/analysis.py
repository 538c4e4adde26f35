"""Swedish text analysis for routine search: tokens, stopwords, Snowball stems, compounds, synonyms, typos.

Index and query go through the same steps, so a compound in a document (avvikelsehantering) meets
its parts in a question (hantering av avvikelser) and the other way round. å, ä and ö are letters
of their own here: "får" and "far" stay different words.

A question becomes a list of *concepts* (one per question word, or per multi-word synonym key). A
concept has *alternatives* that compete (the word itself, its compound parts, each synonym phrase,
a spelling correction): a passage is credited with the best of them, so a synonym never adds to the
word it stands for. An alternative of several words (a compound's parts, "signs of safety") is
credited with the mean over its words, so a passage with only one of them gets half.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

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
    """The verb behind a -ning or -ering noun: utredning → utred (meets utreder, utreda), bedömning →
    bedöm, rapportering → rapporter (meets rapporterar). Snowball leaves these endings alone; without
    this a question with the verb misses a heading with the noun."""
    if stemmed.endswith("ning") and len(stemmed) >= 8:
        return stemmed[:-4]
    if stemmed.endswith("ering") and len(stemmed) >= 8:
        return stemmed[:-3]
    return None


def forms(word: str) -> list[str]:
    """The stems a word is indexed and searched under: its Snowball stem, and a -ning noun's verb."""
    stemmed = stem(word)
    verb = base(stemmed)
    return [stemmed, verb] if verb else [stemmed]


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


@dataclass(frozen=True)
class Vocabulary:
    """Stems and surface words the catalogue knows; compounds are split into known parts."""

    stems: frozenset[str]
    words: frozenset[str]
    _splits: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def knows(self, part: str) -> bool:
        return len(part) >= 3 and (part in self.words or stem(part) in self.stems)

    def split(self, word: str) -> list[str]:
        """avvikelsehantering → [avvikelse, hantering]; empty when no split into known parts exists."""
        found = self._splits.get(word)
        if found is None:
            found = self._splits[word] = _split(self, word)
        return list(found)


def _split(vocabulary: Vocabulary, word: str) -> tuple[str, ...]:
    if len(word) < 7 or not word.isalpha():
        return ()
    best: tuple[int, list[str]] | None = None
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        # A tail of three letters must be a word of its own (tid, hem, mål), not just a known stem.
        if not (len(tail) >= 4 and vocabulary.knows(tail)) and not (len(tail) == 3 and tail in vocabulary.words):
            continue
        # Prefer the head without a linking -s or -e (skyddsbedömning → skydd + bedömning,
        # familjehem → familj + hem).
        linked = head[:-1] if head.endswith(("s", "e")) and len(head) > 4 else None
        for candidate in (linked, head):
            if candidate and candidate not in STOPWORDS and vocabulary.knows(candidate):
                balance = min(len(candidate), len(tail))
                if best is None or balance > best[0]:
                    best = (balance, [candidate, tail])
                break
    if best is None:
        return ()
    head, tail = best[1]
    return (*(vocabulary.split(head) or (head,)), *(vocabulary.split(tail) or (tail,)))


def index_terms(text: str, vocabulary: Vocabulary | None) -> list[str]:
    """Stems of every content word (and a -ning noun's verb), plus the same for a compound's parts."""
    out: list[str] = []
    for word in content_tokens(text):
        out.extend(forms(word))
        if vocabulary is not None:
            for part in vocabulary.split(word):
                out.extend(forms(part))
    return out


def build_vocabulary(texts: Iterable[str], extra: Iterable[str] = ()) -> Vocabulary:
    words: set[str] = set()
    for text in texts:
        words.update(t for t in content_tokens(text) if len(t) >= 3 and not t.isdigit())
    words.update(extra)
    # Only words that stand alone somewhere count as parts; compounds themselves are kept as words too.
    return Vocabulary(stems=frozenset(stem(w) for w in words), words=frozenset(words))


DEFAULT_SYNONYMS = Path(__file__).with_name("synonyms.yml")


# Sections of the synonym file and how much an entry stands for the word: an abbreviation or a
# translation means the same thing; a synonym is a second choice after the word itself.
SECTIONS = {"förkortningar": 1.0, "engelska": 1.0, "synonymer": 0.8}
SYNONYM_WEIGHT = SECTIONS["synonymer"]


class Synonyms(dict[str, tuple[str, ...]]):
    """Question word (or words) → phrases searched as well. A one-word key also matches its inflections."""

    def __init__(self, entries: dict[str, tuple[str, ...]], weights: dict[str, float] | None = None) -> None:
        super().__init__(entries)
        self.weights = weights or {}
        self.by_stem: dict[str, tuple[str, ...]] = {}
        for key, phrases in entries.items():
            if " " not in key:
                known = self.by_stem.get(stem(key), ())
                self.by_stem[stem(key)] = known + tuple(p for p in phrases if p not in known)
        self.phrase_keys = tuple(k for k in entries if " " in k)
        self.weight_by_stem = {stem(k): self.weights.get(k, SYNONYM_WEIGHT) for k in entries if " " not in k}

    def lookup(self, word: str) -> tuple[str, ...]:
        return self.get(word) or self.by_stem.get(stem(word), ())

    def weight(self, key: str) -> float:
        """1.0 for an abbreviation or translation, 0.8 for a synonym."""
        if key in self.weights:
            return self.weights[key]
        return self.weight_by_stem.get(stem(key), SYNONYM_WEIGHT)


class SynonymFileError(ValueError):
    """The synonym file cannot be used; the message says why, in Swedish."""


def parse_synonyms(text: str, source: str = "synonymfilen") -> Synonyms:
    """The synonym file: sections `förkortningar`, `synonymer` and `engelska`, each of lines
    `ord: [fras, fras]`. A file of lines without sections is read as synonyms."""
    import yaml  # only when a synonym file is read: a stored index carries its synonyms

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SynonymFileError(f"{source} är inte giltig YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SynonymFileError(f"{source} ska bestå av rader `ord: [synonym, …]` under rubrikerna "
                               f"{', '.join(SECTIONS)}.")
    sectioned = set(data) & set(SECTIONS)
    groups = [(name, data[name], SECTIONS[name]) for name in SECTIONS if name in data] if sectioned else [
        ("synonymer", data, SYNONYM_WEIGHT)]
    if sectioned and set(data) - sectioned:
        unknown = ", ".join(sorted(str(k) for k in set(data) - sectioned))
        raise SynonymFileError(f"{source}: okända rubriker ({unknown}); använd {', '.join(SECTIONS)}.")
    entries: dict[str, tuple[str, ...]] = {}
    weights: dict[str, float] = {}
    for section, rows, weight in groups:
        if rows is None:
            continue
        if not isinstance(rows, dict):
            raise SynonymFileError(f"{source}: under {section} ska varje rad vara `ord: [synonym, …]`.")
        for key, values in rows.items():
            if values is None:
                continue
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list):
                raise SynonymFileError(f"{source}: värdet för {key!r} ska vara en lista, t.ex. {key}: [ord, ord].")
            name = " ".join(tokens(str(key)))
            phrases = tuple(dict.fromkeys(" ".join(tokens(str(v))) for v in values if tokens(str(v))))
            if name and phrases:
                known = entries.get(name, ())
                entries[name] = known + tuple(p for p in phrases if p not in known)
                weights[name] = max(weight, weights.get(name, 0.0))
    return Synonyms(entries, weights)


@lru_cache(maxsize=4)
def load_synonyms(path: str | None = None) -> Synonyms:
    source = Path(path) if path else DEFAULT_SYNONYMS
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SynonymFileError(f"Synonymfilen {source} kan inte läsas ({exc.strerror or exc}).") from exc
    return parse_synonyms(text, str(source))


@dataclass(frozen=True)
class QueryTerm:
    stem: str
    weight: float
    origin: str  # "fråga", "böjning", "del", "synonym", "stavning"
    word: str  # the surface word this term stands for
    concept: int  # which word of the question this term stands for (coverage counts concepts)
    alternative: int = 0  # alternatives of a concept compete: the best one counts
    slot: int = 0  # the words of one alternative: their mean counts
    slots: int = 1
    source: str = ""  # the question's own word (or words)
    reading: str = ""  # the alternative as a whole: "signs of safety", "förhandsbedömning"


@dataclass
class _Builder:
    terms: list[QueryTerm]
    concept: int = 0
    alternative: int = 0

    def add(self, words: list[str], weight: float, origin: str, source: str, reading: str = "") -> None:
        """One alternative of the current concept: `words` are its slots, each under all its forms."""
        words = [w for w in words if w]
        if not words:
            return
        reading = reading or " ".join(words)
        for slot, word in enumerate(words):
            for n, form in enumerate(forms(word)):
                self.terms.append(QueryTerm(form, weight * (0.8 if n else 1.0), origin if not n else "böjning",
                                            word, self.concept, self.alternative, slot, len(words), source,
                                            reading))
        self.alternative += 1

    def next_concept(self) -> None:
        self.concept += 1
        self.alternative = 0


COMMON_WORDS = Path(__file__).with_name("common_words_sv.txt")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words common in Swedish at large (common_words_sv.txt, from wordfreq; read on first use)."""
    try:
        lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _fuzzy_word(word: str, vocabulary: Vocabulary, cutoff: float | None = None) -> str | None:
    """The catalogue word closest to a word it does not know. Short words need a closer match: one
    letter changed in a five-letter word (söker/säker) is another word more often than a typo."""
    from rapidfuzz import fuzz, process

    if cutoff is None:
        cutoff = 84 if len(word) <= 6 else 80
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
    synonyms: Synonyms | dict[str, tuple[str, ...]],
    *,
    correct: bool = True,
) -> list[QueryTerm]:
    if not isinstance(synonyms, Synonyms):
        synonyms = Synonyms(dict(synonyms))
    words = content_tokens(question)
    joined = " " + " ".join(tokens(question)) + " "
    b = _Builder([])
    for key in synonyms.phrase_keys:  # multi-word keys ("fel mottagare") first, as concepts of their own
        if f" {key} " in joined:
            for phrase in synonyms[key]:
                b.add(content_tokens(phrase), synonyms.weight(key), "synonym", key, phrase)
            b.next_concept()
    for word in words:
        known = word in vocabulary.words or stem(word) in vocabulary.stems
        parts = vocabulary.split(word)
        expansions = synonyms.lookup(word)
        if known:
            b.add([word], 1.0, "fråga", word)
            b.add(parts, 0.6, "del", word)
        elif parts:
            b.add(parts, 1.0, "del", word)
        elif correct and len(word) >= 4 and not word.isdigit() and not expansions and word not in common_words():
            # A common Swedish word is not a typo: "personal" is not "person". Read as another word,
            # a topic the catalogue lacks would pass for one it has.
            fixed = _fuzzy_word(word, vocabulary)
            if fixed:
                b.add([fixed], 0.9, "stavning", word)
            elif fuzzy_parts := _split_fuzzy(word, vocabulary):
                b.add(fuzzy_parts, 0.9, "stavning", word)
            else:
                b.add([word], 1.0, "fråga", word)
        else:
            b.add([word], 1.0, "fråga", word)
        weight = synonyms.weight(word) if expansions else 0.0
        for phrase in expansions:
            b.add(content_tokens(phrase), weight, "synonym", word, phrase)
        b.next_concept()
    # One entry per stem within a slot, keeping the strongest weight.
    best: dict[tuple[str, int, int, int], QueryTerm] = {}
    for term in b.terms:
        slot = (term.stem, term.concept, term.alternative, term.slot)
        if slot not in best or term.weight > best[slot].weight:
            best[slot] = term
    return list(best.values())


def interpretations(terms: list[QueryTerm]) -> list[str]:
    """How the question was read, for the answer: "fhb → förhandsbedömning", "sos → signs of safety / …"."""
    read: dict[str, list[str]] = {}
    for t in terms:
        if t.origin in ("synonym", "stavning") and t.source and t.reading not in read.get(t.source, []):
            read.setdefault(t.source, []).append(t.reading)
    return [f"{source} → {' / '.join(readings)}" for source, readings in read.items()]
