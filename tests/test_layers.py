"""The layers, enforced on the import graph read from the source (ast, nothing imported): analysis never imports
streamlit, the extractors never reach the store or the display layer, pages do no NLP, and lib/ has no import
cycle at module level (an import inside a function is how a module defers a heavy or circular dependency)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an `ImportFrom` names (relative imports resolved against `module`)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, root: Path = ROOT) -> tuple[set[str], set[str]]:
    """(every module imported anywhere in the file, the modules imported at module level). A `from X import Y`
    counts as X and X.Y, so importing a submodule by name is seen."""
    module = module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    everywhere: set[str] = set()
    top: set[str] = set()

    def visit(node: ast.AST, at_top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            names: set[str] = set()
            if isinstance(child, ast.Import):
                names = {alias.name for alias in child.names}
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(module, path.name == "__init__.py", child)
                names = {base} | {f"{base}.{alias.name}" for alias in child.names}
            everywhere.update(names)
            if at_top:
                top.update(names)
            deeper = at_top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                deeper = False  # typing-only imports never run
            visit(child, deeper)

    visit(tree, True)
    return everywhere, top


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def project_graph() -> dict[str, tuple[set[str], set[str]]]:
    files = [*ROOT.joinpath("lib").rglob("*.py"), *ROOT.joinpath("pages").glob("*.py"), ROOT / "dashboard.py"]
    return {module_name(p): imports_of(p) for p in files}


def reaches(imported: set[str], forbidden: str) -> bool:
    return any(name == forbidden or name.startswith(forbidden + ".") for name in imported)


def violations(graph: dict[str, tuple[set[str], set[str]]], owners, forbidden: tuple[str, ...]) -> list[str]:
    """'module imports X' for every module chosen by `owners` that imports a forbidden module (anywhere)."""
    return sorted(f"{module} imports {name}" for module, (everywhere, _) in graph.items() if owners(module)
                  for name in forbidden if reaches(everywhere, name))


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path [a, b, ..., a], or [] when the graph has none (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def dfs(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = dfs(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state:
            found = dfs(start)
            if found:
                return found
    return []


def lib_edges(graph: dict[str, tuple[set[str], set[str]]]) -> dict[str, set[str]]:
    """Module-level imports between lib modules. A package's __init__ importing its own submodules is how a
    package is assembled, not a dependency of the package on itself, so those edges are left out."""
    modules = {m for m in graph if m.startswith("lib")}
    edges = {}
    for module in modules:
        targets = {name for name in graph[module][1] if name in modules and name != module}
        edges[module] = {t for t in targets if not t.startswith(module + ".")}
    return edges


def is_display(module: str) -> bool:
    return module in ("lib.ui",) or module.startswith("lib.app")


def is_analysis(module: str) -> bool:
    return module.startswith("lib") and not is_display(module)


def is_extractor(module: str) -> bool:
    return module.startswith("lib.extract")


def is_page(module: str) -> bool:
    return module == "dashboard" or module.startswith("pages.")


# (rule, which modules it binds, what they may never import)
LAYER_RULES = [
    ("analysis never imports streamlit", is_analysis, ("streamlit",)),
    ("extractors never reach the store or the display", is_extractor, ("lib.store", "lib.app", "lib.ui")),
    ("pages do no NLP", is_page, ("lib.extract", "lib.analyse", "spacy", "textblob")),
]


@pytest.fixture(scope="module")
def graph():
    return project_graph()


def test_the_graph_is_read(graph):
    assert "lib.ingest.pipeline" in graph and "pages.overview" in graph and "dashboard" in graph
    assert reaches(graph["lib.app.plots"][0], "plotly")


@pytest.mark.parametrize("rule,owners,forbidden", LAYER_RULES, ids=[r[0] for r in LAYER_RULES])
def test_layer_rule(graph, rule, owners, forbidden):
    assert any(owners(m) for m in graph), f"{rule}: binds no module"
    assert violations(graph, owners, forbidden) == [], rule


def test_lib_has_no_import_cycle(graph):
    cycle = find_cycle(lib_edges(graph))
    assert cycle == [], "import cycle: " + " -> ".join(cycle)


# The checkers themselves, on small graphs of our own: each catches what it is for.

def test_a_forbidden_import_inside_a_function_is_caught(tmp_path):
    source = tmp_path / "lib" / "extract" / "sneaky.py"
    source.parent.mkdir(parents=True)
    source.write_text("import re\n\ndef f():\n    import streamlit as st\n    from lib.store import read\n")
    everywhere, top = imports_of(source, tmp_path)
    assert "streamlit" in everywhere and "lib.store" in everywhere and "streamlit" not in top
    graph = {"lib.extract.sneaky": (everywhere, top)}
    assert violations(graph, is_analysis, ("streamlit",)) == ["lib.extract.sneaky imports streamlit"]
    assert violations(graph, is_extractor, ("lib.store",)) == ["lib.extract.sneaky imports lib.store"]


def test_relative_imports_resolve(tmp_path):
    source = tmp_path / "lib" / "extract" / "figures" / "scan.py"
    source.parent.mkdir(parents=True)
    source.write_text("from .lexicon import WORDS\nfrom ..doctext import doc_text\nfrom . import category\n")
    everywhere, _ = imports_of(source, tmp_path)
    assert {"lib.extract.figures.lexicon", "lib.extract.doctext", "lib.extract.figures.category"} <= everywhere


def test_a_page_importing_an_extractor_is_caught():
    graph = {"pages.quotes": ({"lib.extract.quotes", "lib.ui"}, {"lib.extract.quotes", "lib.ui"}),
             "pages.overview": ({"lib.ui"}, {"lib.ui"})}
    assert violations(graph, is_page, ("lib.extract",)) == ["pages.quotes imports lib.extract"]


def test_a_cycle_is_found_and_a_deferred_import_is_none():
    assert find_cycle({"lib.a": {"lib.b"}, "lib.b": {"lib.c"}, "lib.c": {"lib.a"}}) == [
        "lib.a", "lib.b", "lib.c", "lib.a"]
    assert find_cycle({"lib.a": {"lib.b"}, "lib.b": set(), "lib.c": {"lib.a", "lib.b"}}) == []
    # sentiment imports stance at module level, stance imports sentiment only inside a function: no cycle
    graph = {"lib.sentiment": ({"lib.stance"}, {"lib.stance"}), "lib.stance": ({"lib.sentiment"}, set())}
    assert find_cycle(lib_edges(graph)) == []
    graph["lib.stance"] = ({"lib.sentiment"}, {"lib.sentiment"})
    assert find_cycle(lib_edges(graph)) == ["lib.sentiment", "lib.stance", "lib.sentiment"]
