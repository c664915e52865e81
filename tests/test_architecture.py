"""The module anatomy holds: no import circles, each module imports only the modules installed
before it (core none), and no source file outgrows a reader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from labour_democracy.modules import MODULES

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[1] / "labour_democracy"
MAX_LINES = 800


def _sources() -> dict[str, Path]:
    sources = {}
    for path in PACKAGE.rglob("*.py"):
        if "piccolo_migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        sources[name] = path
    return sources


SOURCES = _sources()


def _imports(name: str, path: Path) -> set[str]:
    """The project files `name` imports, at any depth of the file (a function-level import is
    still a dependency), except those only under `if TYPE_CHECKING:`."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in SOURCES else base)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return {module for module in found if module in SOURCES and module != name}


GRAPH = {name: _imports(name, path) for name, path in SOURCES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one file (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    return components


def test_no_file_imports_itself_back_through_others():
    assert _cycles() == []


def _module_of(name: str) -> str | None:
    parts = name.split(".")
    installed = {module.name for module in MODULES}
    return parts[1] if len(parts) > 2 and parts[1] in installed else None


def test_a_module_imports_only_the_modules_installed_before_it():
    order = [module.name for module in MODULES]
    wrong = []
    for name, targets in GRAPH.items():
        module = _module_of(name)
        if module is None:
            continue
        allowed = set(order[: order.index(module) + 1])
        for target in targets:
            if target in ("labour_democracy.modules", "labour_democracy.app") or (
                (target_module := _module_of(target)) and target_module not in allowed
            ):
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_core_and_the_shared_layers_import_no_business_module():
    shared = ("labour_democracy.core", "labour_democracy.web", "labour_democracy.manifest")
    wrong = [
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        if name.startswith(shared)
        for target in targets
        if _module_of(target) not in (None, "core")
        or target in ("labour_democracy.modules", "labour_democracy.app")
    ]
    assert wrong == []


def test_no_source_file_is_longer_than_a_reader_takes_in():
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in SOURCES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_source_file_says_what_it_holds():
    silent = [
        str(path.relative_to(PACKAGE.parent))
        for path in SOURCES.values()
        if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text("utf-8"))) is None
    ]
    assert silent == []
