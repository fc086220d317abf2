"""Running the stages for a command: building the site (``build``), what a
build remembers between runs (``state``), the live preview (``serve``).

Commands (digest/commands/) parse arguments and print; what they run lives
here, below them and above the stages.
"""
