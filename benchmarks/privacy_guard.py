"""The personnummer guard on look-alikes and on the spellings people use, beside the guard as it was.

    .venv/bin/python -m benchmarks.privacy_guard [--n 20000] [--seed 1]

Prints, for the current guard and for the previous one (a plain regex over the raw text, the peer):
false alarms per kind of look-alike (phones, date ranges, diarienummer, organisation numbers, times,
numbers failing the checksum or the date), recall per spelling of a real number, and throughput.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from datetime import date, timedelta

from bot.privacy.personnummer import contains_identity_number, luhn_check_digit

_OLD = re.compile(r"(?<![\d])(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+ ]?)"
                  r"(?P<serial>\d{3})(?P<check>\d)(?![\d])")


def previous_guard(text: str) -> bool:
    for m in _OLD.finditer(text):
        century, yy, mm, dd = m["century"], m["yy"], int(m["mm"]), int(m["dd"])
        if century is not None and century not in ("18", "19", "20"):
            continue
        if dd > 60:
            dd -= 60
        years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
        ok = False
        for year in years:
            try:
                date(year, mm, dd)
                ok = True
            except ValueError:
                pass
        if ok and luhn_check_digit(f"{yy}{m['mm']}{m['dd']}{m['serial']}") == int(m["check"]):
            return True
    return False


def d(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def some_date(r: random.Random) -> date:
    return date(2020, 1, 1) + timedelta(days=r.randrange(3000))


LOOK_ALIKES: dict[str, Callable[[random.Random], str]] = {
    "mobil 07x-xxx xx xx": lambda r: f"ring 07{r.choice('02369')}-{d(r, 3)} {d(r, 2)} {d(r, 2)}",
    "mobil 07x xxx xx xx": lambda r: f"tel 07{r.choice('02369')} {d(r, 3)} {d(r, 2)} {d(r, 2)}",
    "mobil 07xxxxxxxx": lambda r: f"nr 07{r.choice('02369')}{d(r, 7)}",
    "+46 7x xxx xx xx": lambda r: f"+46 7{r.choice('02369')} {d(r, 3)} {d(r, 2)} {d(r, 2)}",
    "växel 08-xxx xxx xx": lambda r: f"08-{d(r, 3)} {d(r, 3)} {d(r, 2)}",
    "datumintervall": lambda r: (lambda a: f"{a.isoformat()} – {(a + timedelta(days=r.randrange(1, 60))).isoformat()}")(
        some_date(r)),
    "datumintervall kompakt": lambda r: (lambda a: f"{a:%Y%m%d}-{(a + timedelta(days=r.randrange(1, 60))):%Y%m%d}")(
        some_date(r)),
    "diarienummer": lambda r: f"SN {r.randrange(2015, 2027)}/{d(r, 4)}-{r.randrange(1, 9)}.{r.randrange(1, 9)}",
    "organisationsnummer": lambda r: f"org.nr {r.choice('2589')}{d(r, 1)}{r.randrange(20, 99)}{d(r, 2)}-{d(r, 4)}",
    "klockslag och tider": lambda r: f"kl {r.randrange(7, 18)}.{d(r, 2)}–{r.randrange(7, 18)}.{d(r, 2)} {d(r, 2)} min",
    "fel kontrollsiffra": lambda r: bad_check(r, valid_ten(r)),
    "ogiltigt datum": lambda r: f"{d(r, 2)}{r.randrange(13, 20)}{d(r, 2)}-{d(r, 4)}",
}


def bad_check(r: random.Random, ten: str) -> str:
    return f"{ten[:6]}-{ten[6:9]}{(int(ten[9]) + 1 + r.randrange(9)) % 10}"


def valid_ten(r: random.Random) -> str:
    born = date(1930, 1, 1) + timedelta(days=r.randrange(35000))
    nine = f"{born:%y%m%d}{d(r, 3)}"
    return nine + str(luhn_check_digit(nine))


SPELLINGS: dict[str, Callable[[str], str]] = {
    "ÅÅMMDD-NNNN": lambda t: f"{t[:6]}-{t[6:]}",
    "ÅÅMMDDNNNN": lambda t: t,
    "en dash (Word)": lambda t: f"{t[:6]}\u2013{t[6:]}",
    "minus / non-breaking hyphen": lambda t: f"{t[:6]}\u2212{t[6:]}",
    "no-break space": lambda t: f"{t[:6]}\u00a0{t[6:]}",
    "par med mellanslag": lambda t: " ".join(t[i:i + 2] for i in range(0, 6, 2)) + " - " + f"{t[6:8]} {t[8:]}",
    "nollbredd inne i": lambda t: "\u200b".join(t[:6]) + "-" + t[6:],
    "helbredd (full-width)": lambda t: "".join(chr(0xFF10 + int(c)) for c in t[:6]) + "-" + t[6:],
    "etikett pnr:": lambda t: f"pnr:{t[:6]}-{t[6:]}",
    "i länk, %2D": lambda t: f"https://x.se/?p={t[:6]}%2D{t[6:]}",
}


def rate(detector: Callable[[str], bool], texts: list[str]) -> float:
    return sum(detector(t) for t in texts) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    r = random.Random(args.seed)
    detectors = {"nu": contains_identity_number, "förut": previous_guard}
    print(f"Falsklarm på liknande nummer (n={args.n} per slag; lägre är bättre)")
    print(f"  {'slag':<28} {'nu':>8} {'förut':>8}")
    for name, make in LOOK_ALIKES.items():
        texts = [make(r) for _ in range(args.n)]
        print(f"  {name:<28} " + " ".join(f"{rate(det, texts):8.3%}" for det in detectors.values()))
    print(f"\nUpptäckta riktiga nummer per skrivsätt (n={args.n // 10}; högre är bättre)")
    for name, spell in SPELLINGS.items():
        texts = [f"barnet {spell(valid_ten(r))} bor" for _ in range(args.n // 10)]
        print(f"  {name:<28} " + " ".join(f"{rate(det, texts):8.1%}" for det in detectors.values()))
    corpus = [make(r) + " och lite text omkring " for make in LOOK_ALIKES.values() for _ in range(500)]
    total = sum(len(t) for t in corpus)
    print("\nGenomströmning")
    for label, det in detectors.items():
        started = time.perf_counter()
        for text in corpus:
            det(text)
        elapsed = time.perf_counter() - started
        print(f"  {label:<6} {total / elapsed / 1e6:6.2f} M tecken/s")


if __name__ == "__main__":
    main()
