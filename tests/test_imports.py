"""The engine and every non-window front end work without pygame."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_engine_imports_without_pygame() -> None:
    code = ("import sys\n"
            "import game.engine, game.scenario, game.negotiator, game.analysis, "
            "game.simulate, game.textplay, game.cli, game.graph, game.debrief, "
            "game.play.session, game.play.wording, game.view, game.transcript, game.report\n"
            "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
            "assert 'pygame_gui' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_no_module_outside_the_ui_imports_pygame() -> None:
    for path in (ROOT / "game").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "game").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import pygame" not in text and "from pygame" not in text, path


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of the module, at any depth: in functions and methods, and
    under ``if TYPE_CHECKING:`` too. An import only mypy reads still ties the two modules
    together (a change to one is a change to the other's types), so it counts."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def _module_names(root: Path) -> dict[str, Path]:
    """Every module of the package at *root*, by dotted name (``game.ui`` for a package's
    ``__init__.py``)."""
    names = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules of the package at *root* each of its modules imports, at module level,
    inside functions or for the type checker only, relative imports resolved. Importing
    ``a.b.c`` runs ``a`` and ``a.b`` first, so it counts as importing them too."""
    modules = _module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: list[str] = []
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # ``from pkg import name`` imports the module pkg.name when there is one.
            targets += [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                        for a in node.names]
        for target in targets:
            parts = target.split(".")
            for n in range(1, len(parts) + 1):
                prefix = ".".join(parts[:n])
                if prefix in modules and prefix != name:
                    graph[name].add(prefix)
    return graph


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of *graph* with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def test_the_loop_finder_finds_a_loop_and_resolves_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from .sub import b\n")
    (package / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\n"
                                          "if TYPE_CHECKING:\n    from pkg import c\n"
                                          "import pkg.sub.d\n")
    (package / "c.py").write_text("from pkg.a import f\n")
    (package / "sub" / "d.py").write_text("from ..a import f\n")
    graph = import_graph(package)
    assert graph["pkg.a"] == {"pkg", "pkg.sub", "pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg", "pkg.c", "pkg.sub", "pkg.sub.d"}
    assert graph["pkg.c"] == {"pkg", "pkg.a"}
    assert graph["pkg.sub.d"] == {"pkg", "pkg.a"}
    assert import_loops(graph) == [["pkg.a", "pkg.c", "pkg.sub.b", "pkg.sub.d"]]


def test_an_import_only_the_type_checker_reads_closes_a_loop(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "screen.py").write_text("from typing import TYPE_CHECKING\n"
                                       "if TYPE_CHECKING:\n    from pkg.app import App\n"
                                       "else:\n    import pkg.theme\n")
    (package / "app.py").write_text("import typing\nfrom pkg import screen\n"
                                    "if typing.TYPE_CHECKING:\n    import pkg.theme\n")
    (package / "theme.py").write_text("")
    graph = import_graph(package)
    assert graph["pkg.screen"] == {"pkg", "pkg.app", "pkg.theme"}
    assert graph["pkg.app"] == {"pkg", "pkg.screen", "pkg.theme"}
    assert import_loops(graph) == [["pkg.app", "pkg.screen"]]


def test_no_import_loop_in_the_game() -> None:
    graph = import_graph(ROOT / "game")
    loops = import_loops(graph)
    described = ["\n".join(f"  {m} -> {', '.join(sorted(graph[m] & set(loop)))}"
                           for m in loop) for loop in loops]
    assert not loops, "import loops (module -> what it imports in the loop):\n" + \
        "\n\n".join(described)
