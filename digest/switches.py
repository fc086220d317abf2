"""Optimisations a benchmark can switch off, to measure what each saves.

``bench/run.py --switched-off NAMES`` sets ``DIGEST_BENCH_OFF=name,name``
for the builds it measures with those optimisations off (ARCHITECTURE.md,
"What each optimisation saves"). Nothing else sets it.
"""

from __future__ import annotations

import os

BENCH_OFF = "DIGEST_BENCH_OFF"


def switched_off(name: str) -> bool:
    """Whether bench/run.py switched optimisation ``name`` off for this run."""
    return name in os.environ.get(BENCH_OFF, "").split(",")
