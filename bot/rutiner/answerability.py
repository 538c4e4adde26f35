"""Does the best hit answer the question? A small logistic model over signals of the search.

Signals (all free of the catalogue's size and of the question's length):
- `dense_z`: how far the best document's dense similarity stands above the catalogue's passages for
  this question (z-score over all passages);
- `dense_margin`: best document's dense similarity minus the next document's;
- `lex_units`: the best document's BM25F score in units of a rare word's idf (capped at 3);
- `coverage`: the share of the question, weighted by rarity, found in the best passage, where a
  synonym, compound split or spelling correction of the question's only otherwise unmatched word does
  not count (that one word is what the question is about, and it was not found);
- `fused_margin`: fused score of the best document minus the next one's;
- `missing_topic`: the weight (idf, in units) of the most telling question word the best passage lacks
  (as itself), among the words that are not common in Swedish at large (common_words_sv.txt): a word
  the catalogue has never seen weighs most, but "jobbar" or "igår" are not a question's topic however
  rare they are in a small catalogue. (`missing_rare`, the same over all words, is still computed.)

Coefficients are fitted on benchmarks/rutiner/unseen/tune.yml only
(`python -m benchmarks.rutiner.fit_answerability`; chosen by cross-validation on tune.yml,
`python -m benchmarks.rutiner.cv_answerability`) and shipped in answerability.json: one model with
the dense signals and one for lexical search alone (when the model cannot be loaded).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COEFFICIENTS = Path(__file__).with_name("answerability.json")
HYBRID = ("dense_z", "dense_margin", "lex_units", "coverage", "fused_margin", "missing_topic")
LEXICAL = ("lex_units", "coverage", "fused_margin", "missing_topic")


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, signals: dict[str, float]) -> float:
        z = self.bias
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights, strict=True):
            z += weight * (signals.get(name, 0.0) - mean) / (scale or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}


# Used until a fitted file exists: answers when the best passage holds most of the question.
_FALLBACK = {
    "hybrid": Model(HYBRID, (0.0,) * 6, (1.0,) * 6, (0.5, 0.0, 1.0, 4.0, 0.0, -0.5), -3.0),
    "lexical": Model(LEXICAL, (0.0,) * 4, (1.0,) * 4, (1.5, 4.0, 0.0, -0.5), -3.0),
}


@lru_cache(maxsize=1)
def models() -> dict[str, Model]:
    try:
        raw = json.loads(COEFFICIENTS.read_text(encoding="utf-8"))
        return {kind: Model(tuple(m["features"]), tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]),
                            float(m["bias"]), float(m.get("threshold", 0.5))) for kind, m in raw.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return dict(_FALLBACK)


def answerable(signals: dict[str, float], dense: bool) -> tuple[bool, float]:
    model = models()["hybrid" if dense else "lexical"]
    p = model.probability(signals)
    return p >= model.threshold, p
