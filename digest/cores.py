"""How many cores a stage may use, and whether it may fork to use them.

Two stages spread a large build over the cores: extraction (a process
pool) and writing the Markdown pages (forked processes that share what the
parent holds). They ask the same two questions here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading


def usable_cores() -> int:
    """The cores this process may run on: a container's or a taskset's share
    where the system says (``sched_getaffinity``), else the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every system
        return os.cpu_count() or 1


def fork_unsafe() -> str | None:
    """Why this process must not fork now, if it must not.

    A forked child gets a copy of one thread only: a lock another thread held
    at that moment (the logging module's, a progress bar's) stays held in the
    child forever.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return "no fork on this system"
    if threading.active_count() > 1:
        return "other threads are running"
    return None
