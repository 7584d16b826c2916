"""Parley's benchmarks: ``make bench`` (``python -m benchmarks``) runs every bench_*.py."""

from game import _native


def compiled() -> None:
    """Print whether the game runs its compiled modules (see game._native): the timing
    figures that follow are measured on them, or on the Python source."""
    print(f"BENCH compiled_modules {int(_native.active)} bool    # target: 1 (make native; "
          f"0: the Python source, slower)", flush=True)
