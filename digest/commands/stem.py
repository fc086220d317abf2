"""`digest stem`: one Kazakh word per line on stdin → its stem on stdout."""

from __future__ import annotations

import sys
from typing import TextIO

from digest.kazakh import normalize, stem


def run(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Print the stem of each input line's word, same order; blank lines stay blank.

    A line holding several words gets their stems joined by spaces, so an editor
    can paste a whole mention ("Қасым-Жомарт Тоқаевқа").
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for line in stdin:
        words = normalize(line).split()
        stdout.write(" ".join(stem(w.strip(".,;:!?«»\"()")) for w in words) + "\n")
    stdout.flush()
    return 0
