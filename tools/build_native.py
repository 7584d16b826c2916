"""Compile the game's hot modules with mypyc into ``build/native`` (see :mod:`game._native`).

    python -m tools.build_native          # build, unless the build there is fresh
    python -m tools.build_native --force  # build again

Every ``make`` target runs it. It needs mypyc (it comes with mypy, in the ``test`` extra)
and a C compiler; without either it says so and exits 0, and the game runs from its Python
source, playing the same games more slowly. The build is used only while every compiled
module's source is the one it was built from: after an edit, the game runs from the source
until this is run again. It takes about a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from game._native import COMPILED, MANIFEST, NATIVE_DIR, fresh_build, source_digests

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "game"


def build(native: Path = NATIVE_DIR) -> str | None:
    """Compile :data:`~game._native.COMPILED` into *native*; None when it is built, else
    why it is not (the folder is then left without a manifest, and unused)."""
    try:
        from mypyc.build import mypycify
        from setuptools import setup  # type: ignore[import-untyped]
    except ImportError as exc:
        return f"mypyc or setuptools is not installed ({exc})"
    # The sources as they are now: read before the build, so that an edit made while it
    # runs leaves the build stale rather than wrongly fresh.
    digests = source_digests(PACKAGE)
    shutil.rmtree(native, ignore_errors=True)
    native.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="parley-native-") as temp:
        cwd = os.getcwd()
        # mypyc reads the mypy settings of pyproject.toml, and names modules by their paths
        # from the top of the checkout; setuptools is run elsewhere, so that it does not
        # read the project's own packaging settings.
        os.chdir(ROOT)
        try:
            modules = mypycify([f"game/{name}.py" for name in COMPILED], opt_level="3",
                               target_dir=str(Path(temp) / "c"))
            os.chdir(temp)
            setup(name="parley-native", ext_modules=modules,
                  script_args=["--quiet", "build_ext", "--build-lib", str(native),
                               "--build-temp", str(Path(temp) / "o")])
        except (Exception, SystemExit) as exc:  # mypyc's or the compiler's failure
            return f"the build failed ({exc})"
        finally:
            os.chdir(cwd)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    libraries = [path for path in native.glob(f"*__mypyc{suffix}")]
    if len(libraries) != 1 or not all((native / "game" / f"{name}{suffix}").exists()
                                      for name in COMPILED):
        return "the build left no library for some module"
    library = libraries[0].name
    manifest = {"ext_suffix": suffix, "modules": digests,
                "group": library[:-len(suffix)], "library": library}
    (native / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_native",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="build even if fresh")
    args = parser.parse_args(argv)
    if not args.force and fresh_build(NATIVE_DIR, PACKAGE) is not None:
        print(f"The compiled modules in {NATIVE_DIR} are up to date.")
        return 0
    print(f"Compiling {', '.join(COMPILED)} with mypyc (about a minute)...", flush=True)
    why = build()
    if why is None:
        print(f"Compiled into {NATIVE_DIR}.")
    else:
        print(f"Not compiled: {why}. The game runs from its Python source, slower.",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
