"""digest: a static site generator for a Kazakh news digest."""

__version__ = "0.1.0"
