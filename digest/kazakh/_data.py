"""Loading of the language data files in ``digest/kazakh/data/``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Return the parsed JSON data file ``name`` (read once per process)."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)
