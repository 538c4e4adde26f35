"""Read text as a person would before looking for identity numbers.

Unicode is NFKC-normalised (full-width and other digit forms become 0-9), every dash and hyphen
becomes "-", every space (no-break, narrow no-break, thin, tabs, newlines) becomes " ", zero-width
and other invisible format characters are dropped, and URL-encoded dashes and spaces (%2D, %20,
%E2%80%93 …) count as what they encode. Each character of the result remembers where it came from,
so a match can be reported in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

DASH = "-"
SPACE = " "
# Dashes that are not in Unicode's dash punctuation category (Pd) but read as one.
_EXTRA_DASHES = frozenset("\u2212\u2043\ufe63\uff0d")
# URL-encoded separators (UTF-8 bytes of dashes and spaces), read as the character they encode.
_ENCODED = re.compile(
    r"%(?:2[dD]|2[bB]|20|[cC]2%[aA]0|[eE]2%80%(?:9[0-5]|[aA][fF]|8[0-9aA])|[eE]2%88%92)"
)


@dataclass(frozen=True)
class Normalised:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original text of text[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for text[start:end] (end exclusive)."""
        return self.origin[start], self.origin[end - 1] + 1


def _encoded_separator(token: str) -> str:
    upper = token.upper()
    if upper == "%2B":
        return "+"
    if upper in ("%20", "%C2%A0") or upper.startswith("%E2%80%8") or upper in ("%E2%80%AF",):
        return SPACE
    return DASH


def _fold(ch: str) -> str:
    """One character (already NFKC) as the detector should read it ('' to drop it)."""
    category = unicodedata.category(ch)
    if ch.isspace() or category == "Zs":
        return SPACE
    if category == "Pd" or ch in _EXTRA_DASHES:
        return DASH
    if category == "Cf":  # zero-width space/joiners, soft hyphen, word joiner, BOM, bidi marks
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    return ch


_ASCII_SPACES = str.maketrans({c: SPACE for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"})


@lru_cache(maxsize=4096)
def _reads_as_itself(ch: str) -> bool:
    """A character that normalising leaves alone, as the letters å, ä, ö and é are (ASCII whitespace
    is folded by `_ASCII_SPACES`, the rest of ASCII reads as itself)."""
    return ch.isascii() or (unicodedata.normalize("NFKC", ch) == ch and _fold(ch) == ch)


def normalise(text: str) -> Normalised:
    # The common case, Swedish prose: ASCII plus letters that read as themselves. Only whitespace to
    # fold, positions unchanged, no per-character walk.
    if "%" not in text and (text.isascii() or all(map(_reads_as_itself, set(text)))):
        return Normalised(text.translate(_ASCII_SPACES), tuple(range(len(text))))
    return _walk(text)


def _walk(text: str) -> Normalised:
    """Character by character: NFKC, folding, URL-encoded separators, each with its origin."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] == "%":
            m = _ENCODED.match(text, i)
            if m:
                out.append(_encoded_separator(m.group()))
                origin.append(i)
                i = m.end()
                continue
        for piece in unicodedata.normalize("NFKC", text[i]):
            folded = _fold(piece)
            for ch in folded:
                out.append(ch)
                origin.append(i)
        i += 1
    return Normalised("".join(out), tuple(origin))
