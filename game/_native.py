"""The game's hot modules compiled to C, used in place of their Python source when fresh.

``python -m tools.build_native`` (every ``make`` target runs it) compiles the modules in
:data:`COMPILED` with mypyc into ``build/native/`` beside the package, with a manifest of
the SHA-256 of each source it compiled. When the package is imported, :func:`activate`
puts that folder first on the package's path, so that ``import game.engine`` loads the
compiled module, only if every compiled module's source is still the one it was compiled
from and the build is for this Python; otherwise (a source edited since, another Python, no
build at all, or ``PARLEY_NATIVE=0`` in the environment) the game runs from its Python
source. Both play the same games, move for move and word for word (tests/test_native.py).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import MutableSequence
from pathlib import Path

#: The modules compiled: the engine, the computer's decisions and what they call each turn.
#: (Not game.protocol, whose turn machine gains its triggers at run time from transitions,
#: nor the scenario's pydantic models.)
COMPILED = ("analysis", "answers", "conditions", "engine", "moves", "negotiator", "opponent",
            "reactions", "speech", "view")
#: Where ``tools.build_native`` puts them: ``build/native`` at the top of a checkout.
NATIVE_DIR = Path(__file__).resolve().parent.parent / "build" / "native"
MANIFEST = "manifest.json"
#: Set ``PARLEY_NATIVE=0`` to run from the Python source even when a fresh build exists.
SWITCH = "PARLEY_NATIVE"

#: Whether this process runs the compiled modules (set once, when the package is imported).
active = False


def source_digests(package: Path) -> dict[str, str]:
    """Module name -> SHA-256 of its source in *package*, for each module of
    :data:`COMPILED` (a missing source reads as an empty string)."""
    digests = {}
    for name in COMPILED:
        try:
            digests[name] = hashlib.sha256((package / f"{name}.py").read_bytes()).hexdigest()
        except OSError:
            digests[name] = ""
    return digests


def fresh_build(native: Path, package: Path) -> dict[str, str] | None:
    """The manifest of the build in *native* when it may be used for the sources in
    *package* by this Python: built for this interpreter's extension suffix, from exactly
    these sources (None otherwise)."""
    try:
        manifest = json.loads((native / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or \
            manifest.get("ext_suffix") != sysconfig.get_config_var("EXT_SUFFIX") or \
            manifest.get("modules") != source_digests(package) or \
            not isinstance(manifest.get("group"), str) or \
            not isinstance(manifest.get("library"), str):
        return None
    return manifest


def activate(package_path: MutableSequence[str], native: Path = NATIVE_DIR) -> bool:
    """Put the compiled modules in *native* first on *package_path* (the package's
    ``__path__``) when they are fresh (:func:`fresh_build`) and not switched off; returns
    whether they are used."""
    global active
    if os.environ.get(SWITCH, "1") == "0":
        return False
    package = Path(__file__).resolve().parent
    manifest = fresh_build(native, package)
    if manifest is None:
        return False
    # The modules' shared library is imported by each module under its own top-level name:
    # loaded here from the build, as it is not on sys.path.
    group = str(manifest["group"])
    library = native / manifest["library"]
    spec = importlib.util.spec_from_file_location(group, library)
    if spec is None or spec.loader is None:
        return False
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except (ImportError, OSError):
        return False
    sys.modules[group] = module
    package_path.insert(0, str(native / package.name))
    active = True
    return True
