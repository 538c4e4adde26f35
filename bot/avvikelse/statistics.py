"""Aggregates for kvalitetsenheten's compilations (three times a year): pure, over exported rows.

Counts only, never text: by unit, category, type and origin; how many were investigated within the
local target; median days from report to closed investigation; reopened investigations.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.avvikelse import texts as t
from bot.ui.phrases import days


@dataclass
class AvvikelseStatistics:
    total: int = 0
    by_unit: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_subject: Counter[str] = field(default_factory=Counter)
    by_origin: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    closed: int = 0
    closed_within_target: int = 0
    open_past_target: int = 0
    median_days_to_close: float | None = None
    reopened: int = 0
    lex_sarah_flagged: int = 0

    @property
    def share_within_target(self) -> float | None:
        """Closed within the target, of those closed or past it: the nämnd report's definition
        (docs/statistik.md), so the two never give different percentages for the same period."""
        judged = self.closed + self.open_past_target
        return self.closed_within_target / judged if judged else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "antal": self.total, "per_enhet": dict(self.by_unit), "per_kategori": dict(self.by_category),
            "per_typ": dict(self.by_subject), "per_ursprung": dict(self.by_origin),
            "per_status": dict(self.by_status), "avslutade": self.closed,
            "avslutade_inom_malet": self.closed_within_target, "oppna_efter_malet": self.open_past_target,
            "andel_inom_malet": None if self.share_within_target is None else round(self.share_within_target, 4),
            "median_dagar_till_avslut": self.median_days_to_close, "oppnade_igen": self.reopened,
            "bedomda_som_lex_sarah": self.lex_sarah_flagged,
        }


def compute(rows: Sequence[dict[str, Any]], today: date) -> AvvikelseStatistics:
    stats = AvvikelseStatistics(total=len(rows))
    durations: list[int] = []
    for r in rows:
        stats.by_unit[str(r["enhet"])] += 1
        stats.by_category[str(r["kategori"])] += 1
        stats.by_subject[str(r["typ"])] += 1
        stats.by_origin[str(r["ursprung"])] += 1
        stats.by_status[str(r["status"])] += 1
        due = date.fromisoformat(str(r["utreds_senast"]))
        if r["avslutad"]:
            stats.closed += 1
            closed_on = date.fromisoformat(str(r["avslutad"])[:10])
            durations.append((closed_on - date.fromisoformat(str(r["rapporterad_datum"]))).days)
            stats.closed_within_target += closed_on <= due
        elif today > due:
            stats.open_past_target += 1
        stats.reopened += int(r["antal_gang_oppnad_igen"]) > 0
        stats.lex_sarah_flagged += r["lex_sarah_bedomning"] == "ja"
    stats.median_days_to_close = float(statistics.median(durations)) if durations else None
    return stats


def render(stats: AvvikelseStatistics, start: date | None, end: date | None) -> str:
    period = f"{start.isoformat() if start else 'början'} – {end.isoformat() if end else 'idag'}"
    lines = [f"Avvikelser {period}: {stats.total}"]
    if stats.total:
        share = "–" if stats.share_within_target is None else f"{stats.share_within_target:.0%}"
        median = days(round(stats.median_days_to_close)) if stats.median_days_to_close is not None else "–"
        lines += [
            f"  Avslutade: {stats.closed}; utredda inom målet: {share} (av avslutade och försenade); "
            f"median till avslut: {median}",
            f"  Öppna efter målet: {stats.open_past_target}; öppnade igen: {stats.reopened}; "
            f"bedömda som lex Sarah: {stats.lex_sarah_flagged}",
        ]
        for title, counter, labels in (
            ("Per enhet", stats.by_unit, {}), ("Per kategori", stats.by_category, {}),
            ("Per typ", stats.by_subject, t.SUBJECTS), ("Per ursprung", stats.by_origin, t.ORIGINS_SHORT),
            ("Per status", stats.by_status, t.STATUS_SHORT),
        ):
            lines.append(f"  {title}: " + "; ".join(f"{labels.get(k, k)} {v}" for k, v in counter.most_common()))
    return "\n".join(lines)
