"""``digest stem``: Kazakh words on stdin, one stem per line on stdout."""

from __future__ import annotations

from typing import TextIO

from .normalize import normalize
from .stem import stem


def run(stdin: TextIO, stdout: TextIO) -> int:
    """Print the stem of each input line's word, same order; blank lines stay blank.

    A line holding several words gets their stems joined by spaces, so an editor
    can paste a whole mention ("Қасым-Жомарт Тоқаевқа").
    """
    for line in stdin:
        words = normalize(line).split()
        stdout.write(" ".join(stem(w.strip(".,;:!?«»\"()")) for w in words) + "\n")
    stdout.flush()
    return 0
