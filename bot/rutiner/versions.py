"""Versions of one routine: documents whose file names are equal once years and version numbers are
taken out ("Rutin avvikelser 2019.pdf", "Rutin avvikelser.docx", "skyddsbedomning_v1.txt"), or where one
title's words are all in the other's ("Avvikelsehantering" in "Rutin för avvikelsehantering inom IFO").

Search ranks a current version above an outdated one of the same family and flags the outdated one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath

from bot.rutiner.analysis import content_tokens, normalize

_VERSIONING = re.compile(
    r"\b(19|20)\d{2}(-\d{2}(-\d{2})?)?\b|\bver(sion)?\.?\s*\d+([._]\d+)*\b|\bv\.?\s*\d+([._]\d+)*\b"
    r"|\b(rev|utg(åva)?)\.?\s*\d+\b|\b(gammal|gamla|old|arkiv|kopia|copy|utkast)\b|\(\s*\d+\s*\)|\b\d+\b")


def file_key(file_name: str) -> str:
    """The file name without folder, extension, years, version numbers and separators."""
    stem = PurePosixPath(file_name).stem
    text = normalize(stem.replace("_", " ").replace("-", " ").replace(".", " "))
    text = _VERSIONING.sub(" ", text)
    return " ".join(text.split())


_GENERIC = {"rutin", "rutiner", "riktlinje", "riktlinjer", "anvisning", "checklista", "mall", "dokument",
            "document", "pm", "ifo", "sn", "soc"}


def title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in content_tokens(_VERSIONING.sub(" ", normalize(title))) if len(w) > 2)


def families(docs: Iterable[tuple[int, str, str]]) -> dict[int, int]:
    """doc id → family id, from (id, file name, title); a document alone is its own family."""
    items = list(docs)
    parent = {doc_id: doc_id for doc_id, _, _ in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[str, list[int]] = defaultdict(list)
    for doc_id, name, _ in items:
        key = file_key(name)
        if set(key.split()) - _GENERIC:  # "rutin_0012.md" and "rutin_0013.md" are not versions of one routine
            by_key[key].append(doc_id)
    for ids in by_key.values():
        for other in ids[1:]:
            union(ids[0], other)
    words = {doc_id: title_words(title) for doc_id, _, title in items}
    having: dict[str, set[int]] = defaultdict(set)
    for doc_id, ws in words.items():
        for w in ws:
            having[w].add(doc_id)
    for doc_id, ws in words.items():
        if not ws:
            continue
        rarest = min(ws, key=lambda w: len(having[w]))
        for other in having[rarest]:
            if other != doc_id and ws <= words[other]:
                union(doc_id, other)
    return {doc_id: find(doc_id) for doc_id in parent}
