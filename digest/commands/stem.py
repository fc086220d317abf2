"""`digest stem`: one Kazakh word per line on stdin → its stem on stdout."""

from __future__ import annotations

import sys

from digest.kazakh import stem


def run(stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for line in stdin:
        word = line.strip()
        stdout.write((stem(word) if word else "") + "\n")
    return 0
