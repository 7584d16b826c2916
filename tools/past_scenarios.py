"""Keep the earlier versions of the shipped scenarios that saves may have been played on.

A save is replayed on the very scenario it was played on, found by the hash of the file
(:mod:`game.resolve`). When a shipped scenario changes, a game saved on the version before
would otherwise replay on the changed one, and its report and transcript would give other
figures than its players saw. Run this before committing a change to a shipped scenario:

    python -m tools.past_scenarios            # the versions of the last commit (HEAD)
    python -m tools.past_scenarios --commit v1.2 --commit 3f2a9c1

For each shipped scenario it takes the file as the commit has it and, unless that version
is the one shipped now or is kept already, writes it gzipped to ``scenarios/past/`` as
``<id>-<first 12 hex digits of its SHA-256>.yaml.gz``. It prints what it kept. Only git is
needed; the versions must load in this Parley (each is checked).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import subprocess
import sys
from pathlib import Path

from game.library import PAST_DIR, PAST_SUFFIX, SCENARIO_DIR, past_scenarios, shipped_scenarios
from game.resolve import file_digest
from game.scenario import check_text


def kept_name(scenario_id: str, raw: bytes) -> str:
    """The file name an earlier version with the bytes *raw* is kept under."""
    return f"{scenario_id}-{hashlib.sha256(raw).hexdigest()[:12]}{PAST_SUFFIX}"


def known_digests(folder: Path = PAST_DIR) -> set[str]:
    """The hashes of the scenarios shipped now and of the versions kept in *folder*."""
    return {file_digest(p) for p in [*shipped_scenarios(), *past_scenarios(folder)]}


def keep(raw: bytes, where: str, folder: Path = PAST_DIR,
         known: set[str] | None = None) -> Path | None:
    """Keep the scenario *raw* (from *where*, for messages) in *folder*, unless it is
    shipped now or kept already (*known*: :func:`known_digests` of *folder*, made when not
    given, and added to); returns the file written. Raises ``ValueError`` when it does not
    load."""
    known = known_digests(folder) if known is None else known
    digest = hashlib.sha256(raw).hexdigest()
    if digest in known:
        return None
    scenario, problems = check_text(raw, where, folder=SCENARIO_DIR)
    if scenario is None:
        raise ValueError(f"{where} does not load: {problems[0]}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / kept_name(scenario.id, raw)
    # mtime 0 and no file name inside: the same version always gives the same bytes.
    path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    known.add(digest)
    return path


def _at(commit: str, name: str) -> bytes | None:
    """The shipped scenario *name* as *commit* has it (None: it had no such file)."""
    done = subprocess.run(["git", "show", f"{commit}:scenarios/{name}"],
                          cwd=SCENARIO_DIR.parent, capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.past_scenarios",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--commit", action="append", metavar="REV",
                        help="a commit whose shipped scenarios to keep (repeatable; "
                             "default: HEAD)")
    args = parser.parse_args(argv)
    known = known_digests()  # hashed once for every commit and scenario
    for commit in args.commit or ["HEAD"]:
        for path in shipped_scenarios():
            raw = _at(commit, path.name)
            if raw is None:
                continue
            try:
                kept = keep(raw, f"{commit}:scenarios/{path.name}", known=known)
            except ValueError as exc:
                print(f"not kept: {exc}", file=sys.stderr)
                return 1
            if kept is not None:
                print(f"kept {commit}:scenarios/{path.name} as "
                      f"{kept.relative_to(SCENARIO_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
