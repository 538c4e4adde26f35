"""Build the neutral report (sections, tables, charts) from a dataset: pure, every number suppressed here."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from bot.statistik import figures as fig
from bot.statistik import periods
from bot.statistik import texts as t
from bot.statistik.model import Chart, Report, Section, Table
from bot.statistik.periods import Period
from bot.statistik.source import AvvRow, Dataset, DeadlineRow, LexRow
from bot.statistik.suppression import Cell, count, days_text, median_of, percent_text, share, show

T = TypeVar("T")
DEFAULT_TARGETS = {"forhandsbedomning": 70.0, "utredning": 75.0}


@dataclass(frozen=True)
class Labels:
    """Display names for codes; whatever is missing is shown as the code itself."""

    kinds: Mapping[str, str]
    assessments: Mapping[str, str]


@dataclass(frozen=True)
class Scope:
    name: str
    unit_ids: frozenset[int] | None  # None: every unit (and deadlines without a unit)


def trend_start(period: Period) -> date:
    """Where the trend begins: the first tertial of the same period last year."""
    return periods.tertial_of(periods.same_last_year(period).start).start


def load_window(period: Period) -> tuple[date, date]:
    """The dates a dataset must cover to build the report for `period`: comparisons, and whole tertials for
    the trend (a half year or a range may end inside a tertial)."""
    return min(trend_start(period), periods.previous(period).start), periods.tertial_of(period.end).end


def _in_scope(unit_id: int | None, scope: Scope) -> bool:
    return scope.unit_ids is None or (unit_id is not None and unit_id in scope.unit_ids)


@dataclass(frozen=True)
class _Slice:
    avv: list[AvvRow]
    lex: list[LexRow]
    deadlines: list[DeadlineRow]


def _between(rows: list[T], keys: list[date], period: Period) -> list[T]:
    """The rows whose key lies in the period; `keys` is sorted and parallel to `rows`."""
    return rows[bisect_left(keys, period.start):bisect_right(keys, period.end)]


class _Index:
    """The dataset sorted by date once, so each period is a slice rather than a scan."""

    def __init__(self, data: Dataset) -> None:
        self.avv = sorted(data.avvikelser, key=lambda r: r.reported)
        self.avv_keys = [r.reported for r in self.avv]
        self.lex = sorted(data.lex_sarah, key=lambda r: r.reported)
        self.lex_keys = [r.reported for r in self.lex]
        self.deadlines = sorted(data.deadlines, key=lambda d: d.last_day)
        self.deadline_keys = [d.last_day for d in self.deadlines]


def _slice(index: _Index, period: Period, scope: Scope) -> _Slice:
    return _Slice(
        [r for r in _between(index.avv, index.avv_keys, period) if _in_scope(r.unit_id, scope)],
        [r for r in _between(index.lex, index.lex_keys, period) if _in_scope(r.unit_id, scope)],
        [d for d in _between(index.deadlines, index.deadline_keys, period) if _in_scope(d.unit_id, scope)],
    )


def _counter_rows(counter: Counter[str], label: Callable[[str], str]) -> tuple[tuple[Cell, ...], ...]:
    merged: Counter[str] = Counter()
    for key, n in counter.items():
        merged[label(key)] += n
    return tuple((name, count(n)) for name, n in sorted(merged.items()))


def _key_figures(s: _Slice, today: date) -> dict[str, Cell]:
    a = fig.avvikelser(s.avv, today)
    lx = fig.lex_sarah(s.lex)
    d = fig.deadlines(s.deadlines, today, per_unit=False)
    fhb = d.by_kind.get("forhandsbedomning", fig.DeadlineGroup())
    utr = d.by_kind.get("utredning", fig.DeadlineGroup())
    return {
        t.M_AVV_TOTAL: count(a.total),
        t.M_AVV_WITHIN: share(a.within, a.judged),
        t.M_AVV_FEEDBACK: share(a.feedback, a.closed),
        t.M_AVV_MEDIAN: median_of(a.days_to_close),
        t.M_LXS_TOTAL: count(lx.total),
        t.M_LXS_IVO: count(lx.ivo),
        t.M_LXS_TO_DECISION: median_of(lx.days_to_decision),
        t.M_LXS_TO_IVO: median_of(lx.days_to_ivo),
        t.M_FHB_MET: share(fhb.met, fhb.judged),
        t.M_UTR_MET: share(utr.met, utr.judged),
    }


def key_figures(data: Dataset, period: Period, scope: Scope, today: date) -> dict[str, Cell]:
    """The figures `/statistik` shows in chat, suppressed."""
    return _key_figures(_slice(_Index(data), period, scope), today)


def _deadline_cells(g: fig.DeadlineGroup) -> tuple[Cell, ...]:
    return (count(g.total), count(g.met), count(g.extended), count(g.late), count(g.ongoing),
            share(g.met, g.judged), share(g.extended, g.judged), share(g.late, g.judged), median_of(g.days))


DEADLINE_COLUMNS = (t.COL_COUNT, t.COL_MET, t.COL_EXTENDED, t.COL_LATE, t.COL_ONGOING, t.COL_SHARE_MET,
                    t.COL_SHARE_EXTENDED, t.COL_SHARE_LATE, t.COL_MEDIAN_DAYS)


def build(data: Dataset, period: Period, scope: Scope, today: date, labels: Labels,
          targets: Mapping[str, float] | None = None) -> Report:
    """The whole report: a summary with comparisons, avvikelser, lex Sarah, frister and the trend."""
    b = _Builder(data, period, scope, today, labels, dict(DEFAULT_TARGETS if targets is None else targets))
    sections = (b.summary(), b.avvikelser(), b.lex_sarah(), b.frister(), b.trend())
    return Report(t.REPORT_TITLE, period.label, period.start, period.end, scope.name, today, sections)


class _Builder:
    """One section per method, over one period and scope; every cell goes through `suppression`."""

    def __init__(self, data: Dataset, period: Period, scope: Scope, today: date, labels: Labels,
                 targets: dict[str, float]) -> None:
        self.data, self.period, self.scope, self.today = data, period, scope, today
        self.labels, self.targets = labels, targets
        self.index = _Index(data)
        self.current = _slice(self.index, period, scope)
        self.this = _key_figures(self.current, today)
        self.unit_names = {uid: u.name for uid, u in data.units.items()}

    def unit_label(self, uid: int | None) -> str:
        return self.unit_names.get(uid, t.UNKNOWN_UNIT) if uid is not None else t.UNKNOWN_UNIT

    def kind_label(self, kind: str) -> str:
        return self.labels.kinds.get(kind, t.KINDS_FALLBACK.get(kind, kind))

    def summary(self) -> Section:
        before = _key_figures(_slice(self.index, periods.previous(self.period), self.scope), self.today)
        last_year = _key_figures(_slice(self.index, periods.same_last_year(self.period), self.scope), self.today)
        table = Table("nyckeltal", t.T_SUMMARY, (t.COL_MEASURE, t.COL_THIS, t.COL_PREV, t.COL_LAST_YEAR),
                      tuple((name, value, before[name], last_year[name]) for name, value in self.this.items()))
        text = t.TEXT_SUMMARY.format(period=self.period.label, start=self.period.start.isoformat(),
                                     end=self.period.end.isoformat(), scope=self.scope.name)
        return Section("sammanfattning", t.SEC_SUMMARY, text, (table,))

    def avvikelser(self) -> Section:
        a = fig.avvikelser(self.current.avv, self.today)
        by_unit = Table("avv_enhet", t.T_AVV_UNIT, (t.COL_UNIT, t.COL_COUNT, t.M_AVV_WITHIN, t.COL_MEDIAN_DAYS),
                        tuple((self.unit_label(uid), count(n), share(a.within_by_unit[uid], a.judged_by_unit[uid]),
                               median_of(a.days_by_unit.get(uid, [])))
                              for uid, n in sorted(a.by_unit.items(), key=lambda kv: self.unit_label(kv[0]))))
        tables = (
            by_unit,
            Table("avv_kategori", t.T_AVV_CATEGORY, (t.COL_CATEGORY, t.COL_COUNT), _counter_rows(a.by_category, str)),
            Table("avv_typ", t.T_AVV_TYPE, (t.COL_TYPE, t.COL_COUNT),
                  _counter_rows(a.by_subject, lambda k: t.SUBJECTS.get(k, k))),
            Table("avv_ursprung", t.T_AVV_ORIGIN, (t.COL_ORIGIN, t.COL_COUNT),
                  _counter_rows(a.by_origin, lambda k: t.ORIGINS.get(k, k))),
            Table("avv_status", t.T_AVV_STATE, (t.COL_STATE, t.COL_COUNT),
                  _counter_rows(a.by_state, lambda k: t.AVV_STATES.get(k, k))),
        )
        text = t.TEXT_AVV.format(total=show(count(a.total)), within=percent_text(self.this[t.M_AVV_WITHIN]),
                                 feedback=percent_text(self.this[t.M_AVV_FEEDBACK]),
                                 median=days_text(self.this[t.M_AVV_MEDIAN]))
        chart = Chart("avv_enhet", t.CHART_UNITS, "bars", "avv_enhet", t.COL_UNIT, (t.COL_COUNT,),
                      y_label=t.COL_COUNT)
        return Section("avvikelser", t.SEC_AVV, text, tables, (chart,))

    def lex_sarah(self) -> Section:
        lx = fig.lex_sarah(self.current.lex)
        rows = tuple((self.labels.assessments.get(k, k) if k else t.NOT_ASSESSED, count(n))
                     for k, n in sorted(lx.by_assessment.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))
        text = t.TEXT_LXS.format(total=show(count(lx.total)), to_decision=days_text(self.this[t.M_LXS_TO_DECISION]),
                                 ivo=show(count(lx.ivo)), to_ivo=days_text(self.this[t.M_LXS_TO_IVO]))
        for missing in self.data.lex_missing:
            text += " " + t.TEXT_LXS_MISSING.format(field=missing)
        table = Table("lexsarah", t.T_LXS, (t.COL_ASSESSMENT, t.COL_COUNT), rows)
        return Section("lexsarah", t.SEC_LXS, text, (table,))

    def frister(self) -> Section:
        d = fig.deadlines(self.current.deadlines, self.today)
        kinds = sorted(d.by_kind, key=lambda k: (k not in self.targets, self.kind_label(k)))
        by_kind = Table("frister_typ", t.T_FRIST_KIND, (t.COL_KIND, *DEADLINE_COLUMNS, t.COL_TARGET), tuple(
            (self.kind_label(k), *_deadline_cells(d.by_kind[k]), self.targets.get(k)) for k in kinds))
        by_kind_unit = Table("frister_enhet", t.T_FRIST_UNIT, (t.COL_KIND, t.COL_UNIT, *DEADLINE_COLUMNS), tuple(
            (self.kind_label(k), self.unit_label(u), *_deadline_cells(g))
            for (k, u), g in sorted(d.by_kind_unit.items(),
                                    key=lambda kv: (self.kind_label(kv[0][0]), self.unit_label(kv[0][1])))))
        lines = " ".join(
            t.TEXT_FRIST_LINE.format(kind=self.kind_label(k), target=show(self.targets[k]),
                                     met=percent_text(share(d.by_kind[k].met, d.by_kind[k].judged)))
            for k in kinds if k in self.targets)
        chart = Chart("frister_typ", t.CHART_COMPLIANCE, "compliance", "frister_typ", t.COL_KIND, (t.COL_SHARE_MET,),
                      target_column=t.COL_TARGET, y_label="%")
        return Section("frister", t.SEC_FRISTER, t.TEXT_FRISTER.format(lines=lines), (by_kind, by_kind_unit), (chart,))

    def trend(self) -> Section:
        rows = []
        for tertial in periods.tertials_between(trend_start(self.period), self.period.end):
            if tertial.start > self.today:
                break
            k = _key_figures(_slice(self.index, tertial, self.scope), self.today)
            rows.append((tertial.label, k[t.M_AVV_TOTAL], k[t.M_LXS_TOTAL], k[t.M_FHB_MET], k[t.M_UTR_MET]))
        table = Table("trend", t.T_TREND, (t.COL_PERIOD, t.M_AVV_TOTAL, t.M_LXS_TOTAL, t.M_FHB_MET, t.M_UTR_MET),
                      tuple(rows))
        targets = tuple((f"{t.CHART_TARGET} {self.kind_label(k).lower()}", v)
                        for k, v in self.targets.items() if k in ("forhandsbedomning", "utredning"))
        charts = (
            Chart("trend", t.CHART_TREND, "lines", "trend", t.COL_PERIOD, (t.M_AVV_TOTAL, t.M_LXS_TOTAL),
                  y_label=t.COL_COUNT),
            Chart("trend_frister", t.CHART_TREND_COMPLIANCE, "lines", "trend", t.COL_PERIOD,
                  (t.M_FHB_MET, t.M_UTR_MET), y_label="%", reference_lines=targets),
        )
        return Section("trend", t.SEC_TREND, t.TEXT_TREND, (table,), charts)
