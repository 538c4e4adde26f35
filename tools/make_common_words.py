"""Write bot/rutiner/common_words_sv.txt from wordfreq's Swedish list (run by hand, not at run time).

Usage: `python tools/make_common_words.py WORDFREQ_WHEEL_OR_large_sv.msgpack.gz` with `msgpack` installed
(`pip download wordfreq==3.1.1 --no-deps` gives the wheel). wordfreq's lists are msgpack'd "cBpack":
after a header, one list of words per centibel of frequency, most frequent first; Zipf = 9 - i/100.
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

import msgpack  # type: ignore[import-not-found]

MIN_ZIPF = 4.5
TARGET = Path(__file__).resolve().parents[1] / "bot" / "rutiner" / "common_words_sv.txt"


def main() -> None:
    source = Path(sys.argv[1])
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            raw = wheel.read("wordfreq/data/large_sv.msgpack.gz")
    else:
        raw = source.read_bytes()
    buckets = msgpack.load(gzip.GzipFile(fileobj=io.BytesIO(raw)), raw=False)[1:]
    header = [line for line in TARGET.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    words = [w for i, bucket in enumerate(buckets) if 9 - i / 100 >= MIN_ZIPF for w in bucket]
    TARGET.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {TARGET}")


if __name__ == "__main__":
    main()
