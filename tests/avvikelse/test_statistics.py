"""Aggregates for kvalitetsenheten: counts, target compliance and median time to close."""

from __future__ import annotations

from datetime import date

from bot.avvikelse.statistics import compute


def row(reported: str, due: str, closed: str | None, **extra: object) -> dict[str, object]:
    return {"enhet": "Mottagningen", "kategori": "Dokumentation", "typ": "organisatorisk", "ursprung": "intern",
            "status": "avslutad" if closed else "under_utredning", "rapporterad_datum": reported,
            "utreds_senast": due, "avslutad": f"{closed}T10:00:00+00:00" if closed else None,
            "antal_gang_oppnad_igen": 0, "lex_sarah_bedomning": "nej", **extra}


def test_target_compliance_and_median() -> None:
    rows = [
        row("2026-01-01", "2026-02-12", "2026-01-11"),  # 10 days, in time
        row("2026-01-05", "2026-02-16", "2026-03-01", antal_gang_oppnad_igen=1),  # 55 days, late, reopened
        row("2026-01-10", "2026-02-21", "2026-01-30", lex_sarah_bedomning="ja"),  # 20 days
        row("2026-03-01", "2026-04-12", None),  # open past target on 1 May
        row("2026-04-20", "2026-06-01", None),  # open, not yet due
    ]
    stats = compute(rows, date(2026, 5, 1))
    assert (stats.total, stats.closed, stats.closed_within_target, stats.open_past_target) == (5, 3, 2, 1)
    assert stats.median_days_to_close == 20.0
    assert (stats.reopened, stats.lex_sarah_flagged) == (1, 1)
    assert stats.by_status == {"avslutad": 3, "under_utredning": 2}


def test_nothing_to_count() -> None:
    stats = compute([], date(2026, 5, 1))
    assert stats.total == 0 and stats.median_days_to_close is None


def test_share_within_target_counts_open_ones_past_the_target_as_the_report_does() -> None:
    # Two closed in time, one closed late, one open past the target, one open not yet due: 2 of 4.
    rows = [
        row("2026-01-01", "2026-02-12", "2026-01-11"),
        row("2026-01-10", "2026-02-21", "2026-01-30"),
        row("2026-01-05", "2026-02-16", "2026-03-01"),
        row("2026-03-01", "2026-04-12", None),
        row("2026-04-20", "2026-06-01", None),
    ]
    stats = compute(rows, date(2026, 5, 1))
    assert stats.share_within_target == 0.5
    assert stats.to_dict()["andel_inom_malet"] == 0.5
