"""Build resources/english/common_words.json: English words with wordfreq Zipf >= 2.5.

    python scripts/build_english_common.py

The entities analyzer asks "is this a common English word?" with thresholds from 2.5 up; a
table of those words loads in a few hundredths of a second, where importing wordfreq and reading
its English list costs about a quarter of a second at every start.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parent.parent / "src" / "unspin" / "resources" / "english" / "common_words.json"
MIN_ZIPF = 2.5


def main() -> None:
    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    words = {}
    for w, f in freqs.items():
        z = math.log10(f) + 9.0 if f > 0 else 0.0
        if z >= MIN_ZIPF and not any(c.isdigit() or c.isspace() for c in w):
            words[w] = round(z, 2)
    data = {
        "provenance": {
            "name": "english/common_words", "version": "1",
            "what": f"English words (no digits or spaces) with a wordfreq Zipf frequency >= {MIN_ZIPF}, with that frequency.",
            "source": f"wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.x'} English 'best' word list",
            "licence": "CC-BY-SA-4.0 (wordfreq data: Robyn Speer, wordfreq, and the sources it cites); wordfreq code Apache-2.0",
            "how_built": "python scripts/build_english_common.py",
        },
        "min_zipf": MIN_ZIPF,
        "words": dict(sorted(words.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
