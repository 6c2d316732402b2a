"""The package tree is the pipeline: no import rings, and no import up the pipeline.

Every ``import`` in ``src/werkvorm`` counts, also those inside functions and under
``TYPE_CHECKING``: a lazy import is still a dependency, only a cheaper one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "werkvorm"

# Lowest first. A module may import its own package and any package below it.
LAYERS = ["shared", "project", "schema", "compose", "render", "kits", "preview", "live", "cli"]
SHARED = {"errors", "names", "version", "resources", "install_hints"}
API = {"werkvorm", "werkvorm.__main__"}  # the public facade and `python -m`: on top


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str:
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_owner(a.name) for a in node.names if a.name.startswith("werkvorm")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            if not base.startswith("werkvorm"):
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else _owner(base))
    found.discard(name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 2 and parts[1] in SHARED:
        return 0
    return LAYERS.index(parts[1])


def test_every_module_has_a_place_in_the_pipeline() -> None:
    misplaced = [
        n
        for n in MODULES
        if n not in API
        and n != "werkvorm"
        and not (n.split(".")[1] in SHARED or n.split(".")[1] in LAYERS)
    ]
    assert misplaced == [], "new top-level modules need a package (or a place in SHARED)"


def test_the_top_holds_only_packages_and_a_few_small_modules() -> None:
    top = sorted(p.stem for p in SRC.glob("*.py"))
    assert len(top) <= 8, top
    assert set(top) <= SHARED | {"__init__", "__main__"}


def test_no_import_goes_up_the_pipeline() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if name not in API
        for target in targets
        if target not in API and _layer(target) > _layer(name)
    ]
    assert upward == []


def test_no_import_rings() -> None:
    rings: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == 1:
                rings.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert rings == []


def test_the_checker_sees_a_ring_and_an_upward_import() -> None:
    """The rules above would catch a violation (they are not vacuous)."""
    assert "werkvorm.compose.session" in GRAPH["werkvorm.render.html"]
    assert (
        _layer("werkvorm.cli.main") > _layer("werkvorm.kits.build") > _layer("werkvorm.render.pdf")
    )
    assert (
        _layer("werkvorm.render.pdf") > _layer("werkvorm.compose") > _layer("werkvorm.schema.load")
    )
    assert (
        _layer("werkvorm.schema.load")
        > _layer("werkvorm.project.folder")
        > _layer("werkvorm.errors")
    )


def test_no_function_is_longer_than_60_lines() -> None:
    long = [
        f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name} ({length} lines)"
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > 60
    ]
    assert long == []


def test_every_source_path_the_docs_name_exists() -> None:
    root = SRC.parent.parent
    named = {
        match
        for doc in ("README.md", "CONTRIBUTING.md")
        for match in re.findall(r"src/werkvorm/[\w/.]+", (root / doc).read_text(encoding="utf-8"))
    }
    missing = sorted(p for p in named if not (root / p.rstrip(".")).exists())
    assert missing == []
