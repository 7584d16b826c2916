"""Run every benchmark module in its own process and pass its BENCH lines through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    failed = 0
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"# {path.stem}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"benchmarks.{path.stem}"])
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
